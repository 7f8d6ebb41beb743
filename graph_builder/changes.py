"""Changes written next to figures: which numbers of a sentence are changes of others (year on year,
percentage points, against the previous period), which figure each belongs to, and the values a figure is
compared with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .numbers import NumberMention
from .periods import COUNTED_NOUN
from .sentences import Sentence

if TYPE_CHECKING:
    from .statistics import Statistic

_YOY_BEFORE = re.compile(
    r"(?:\b(?<!made )(?<!make )(?<!makes )(?<!making )(?P<dir1>up|down|rising|falling|rose|fell|risen|fallen|grown|"
    r"increased|decreased|grew|declined|dropped|climbed|jumped|"
    r"surged|went up|went down|increasing|decreasing|growing|declining|dropping|"
    r"rises|jumps?|falls|drops|climbs?|surges?|soars?|grows|dips?|slips?|plunges?)(?:\s+by)?|"
    r"\b(?:an?\s+)?(?:year[- ]on[- ]year\s+)?(?P<dir2>increase|decrease|rise|drop|fall|growth|decline|reduction)s?\s+of)"
    r"(?:\s+(?:about|nearly|around|approximately|more than|over))?\s*$", re.IGNORECASE)
_AGAINST_A_YEAR = re.compile(r"\s*(?:times\s+)?(?:over|than|on|from|compared\s+(?:with|to))\s+(?:that\s+of\s+|in\s+)?"
                             r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:[-–]|to)\s*(?:19|20)\d\d)", re.IGNORECASE)
# "marking an average annual increase of 14.6 percent": a figure of its own (average annual growth), no change
_AVERAGE_BEFORE = re.compile(r"\b(?:average\s+(?:annual|yearly)|(?:annual|yearly)\s+average)\s+(?:growth|increase|rise|"
                             r"decrease|decline|drop|fall)(?:\s+rate)?\s+of(?:\s+(?:about|nearly|around|approximately|"
                             r"more than|over))?\s*$", re.IGNORECASE)
# "a 36 percent increase from 2022", "a 12.5% year-on-year drop": the change named after the percentage
_CHANGE_NOUN_AFTER = re.compile(r"\s*(?:year[- ]on[- ]year\s+)?(?P<dir>increase|rise|growth|jump|surge|drop|decline|"
                                r"decrease|fall|reduction)\b(?!\s+(?:rate|in\s+the\s+(?:rate|share)))", re.IGNORECASE)
# a span before the figure's of the same length: "the previous five years", "the preceding five-year
# period", "the previous quarter"
_EARLIER_YEARS = r"(?:previous|preceding|past|last)\s+(?:(?:\w+\s+)?years|\w+-year\s+period|period|quarter|month|half)"
# "12% more than last year": a comparison with the previous year written after the percentage
_COMPARATIVE_AFTER = re.compile(
    r"\s*(?P<dir>higher|more|greater|lower|less|fewer|up|down|above|below)\s+(?:than|on|from|compared\s+(?:with|to))\s+"
    r"(?:(?:that|those)\s+(?:of|in)\s+|in\s+|during\s+|the\s+(?:figure|number|level|total)\s+(?:from|of|in|for)\s+)?(?:the\s+)?"
    r"(?:previous\s+year|preceding\s+year|last\s+year|a\s+year\s+(?:earlier|ago|before)|"
    r"same\s+(?:period|time)\s+(?:of\s+|in\s+)?(?:the\s+previous\s+year|last\s+year|a\s+year\s+(?:earlier|ago)|(?:19|20)\d\d)|"
    r"(?P<period>" + _EARLIER_YEARS + r"|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?:\s+period)?)|"
    r"(?P<year>(?:19|20)\d\d))",
    re.IGNORECASE)
# the base of a run of changes, written after it: "... respectively compared with the 2008-2012 period"
_PERIOD_BASE_AFTER = re.compile(
    r"^[^;]{0,60}?\b(?:than|compared\s+(?:with|to)|over|on|from)\s+(?:(?:that|those)\s+(?:of|in)\s+|in\s+|"
    r"the\s+(?:number|figure|level|total|amount)s?\s+(?:in|of|for|during)\s+)?(?:the\s+)?"
    r"(?:" + _EARLIER_YEARS + r"|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|"
    r"period\s+(?:from\s+|of\s+|between\s+)?(?:19|20)\d\d\s*(?:[-–]|to|through|and)\s*(?:19|20)\d\d)"
    # "down 12.4 percent quarter on quarter": against the quarter (month) just before
    r"|^\s*(?:%|percent|per\s+cent)?\s*,?\s*(?:[a-z]+\s+){0,2}?(?:on\s+a\s+)?(?:quarter|month)[- ]on[- ](?:quarter|month)\b",
    re.IGNORECASE)
# "compared with 1,190 a year earlier", "up from 2,000 in 2020": the value a figure is compared with
_BASE_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|(?:up|down|rising|falling|rose|fell|increased|decreased)\s+from|"
                          r"versus|vs\.?)\s+(?:about\s+|nearly\s+|some\s+|more than\s+|only\s+)?$", re.IGNORECASE)
_BASE_PERIOD_AFTER = re.compile(r"\s*(?:" + COUNTED_NOUN + r"\s+)?(?:(?:in|during)\s+(?P<year>(?:19|20)\d\d)\b|"
                                r"a\s+year\s+(?:earlier|before|ago)|(?:in\s+)?the\s+previous\s+year|last\s+year|"
                                r"(?:in\s+)?the\s+same\s+period\s+(?:of\s+)?(?:the\s+previous|last)\s+year)", re.IGNORECASE)
# "36 percentage points above the rate for cases not applying it": a gap between two groups, a figure
_GAP_AFTER = re.compile(r"\s*(?:above|below|higher\s+than|lower\s+than|more\s+than|less\s+than)\s+"
                        r"(?:(?:that|those|the\s+(?:rate|share|level|figure|proportion|average))\s+(?:for|of|in|among)\s+"
                        r"(?!(?:the\s+)?(?:previous|last|same|preceding|(?:19|20)\d\d))"
                        # "5.6 percentage points higher than the overall (rate)": a gap to all the others
                        r"|the\s+(?:overall|general|national|average)\b)", re.IGNORECASE)
# a change in a clause of its own, with its own subject: "hearings were shortened by 2.5 days, appeals fell by 11%"
_NEW_CLAUSE_CHANGE = re.compile(
    r"[,;]\s+(?:and\s+|while\s+|whereas\s+)?(?!(?:which|that|who|a|an|up|down|or|rising|falling)\b)"
    r"(?:[\w'’-]+\s+){1,8}?(?:fell|rose|dropped|declined|decreased|increased|grew|climbed|jumped|surged|slipped|went\s+(?:up|down))"
    r"(?:\s+by)?\s*(?:about\s+|nearly\s+|some\s+)?$", re.IGNORECASE)
# "(+58.5%)", ", -8.4%": a signed percentage is a change
_SIGNED_BEFORE = re.compile(r"[(（,;]\s*(?P<sign>[+\-−–])\s*$")
# "rose 52.4 percent to 40,000": the change comes first and belongs to the figure after "to"
_CHANGE_BEFORE_VALUE = re.compile(
    r"\b(?P<dir>rose|increased|grew|jumped|climbed|surged|soared|edged up|fell|dropped|declined|decreased|slipped|"
    r"eased|edged down|plunged|dipped|shrank|went up|went down)"
    r"\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+)?$", re.IGNORECASE)
_TO_VALUE_AFTER = re.compile(r"\s*(?:year[- ]on[- ]year\s+)?to\s+(?:about\s+|nearly\s+|more than\s+)?$", re.IGNORECASE)
_CHANGE_VERB_BEFORE = re.compile(
    r"\b(?P<dir>increased|decreased|rose|fell|dropped|declined|grew|went up|went down)\s+by\s*(?:about\s+)?$",
    re.IGNORECASE)
LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)\s*$")
_RESPECTIVELY = re.compile(r"^[^.;]{0,40}?\brespectively\b", re.IGNORECASE)
_YEAR_ON_YEAR = re.compile(r"year[- ]on[- ]year|compared with (?:the previous year|\d{4})|(?:from|than|on) a year (?:earlier|before|ago)|"
                           r"(?:than|compared\s+(?:with|to)|over|from|on)\s+(?:during\s+|in\s+)?the\s+same\s+(?:period|time)\s+"
                           r"(?:of\s+|in\s+)?(?:the\s+previous\s+year|last\s+year|a\s+year\s+(?:earlier|ago))",
                           re.IGNORECASE)
NEGATIVE = re.compile(r"\b(?:down|decreas\w*|drop\w*|declin\w*|reduc\w*|fell|fall\w*|slip\w*|eased|eases|plung\w*|"
                       r"dips?|dipped|lower|less|fewer|below|shr[au]nk|shrinks?)\b", re.IGNORECASE)

# Chinese, in its reading form: "同比上升2.6%", "比上年同期增加1.4个百分点", "同比分别下降2.7%、上升8.5%",
# "比前五年上升12.6%", "同比增长一倍"; a change against a named year ("比2018年增加18.6个百分点") or in a count
# ("比上年增加1900余人次") is a comparison, recorded on no figure
_ZH_DIRECTION = r"(?P<dir>上升|增长|增加|提高|上涨|攀升|回升|下降|减少|降低|回落|下滑)"
_ZH_YOY_BEFORE = re.compile(r"(?:同比(?:(?:19|20)\d\d年(?:同期)?)?|(?:比|较|与)(?:上年|去年|上一年)(?:同期)?(?:相比)?)[,]?(?:分别)?"
                            + _ZH_DIRECTION + r"(?:了)?(?:约|近|超过|超|逾)?$")
# 环比: against the period just before of the same length (the quarter before a quarter)
_ZH_PREVIOUS_PERIOD_BEFORE = re.compile(r"(?:环比|(?:比|较|与)前(?:[两三四五六七八九十]|[2-9]|10)年(?:同期)?(?:平均水平)?(?:相比)?)[,]?(?:分别)?"
                                        + _ZH_DIRECTION + r"(?:了)?(?:约|近)?$")
_ZH_OTHER_COMPARISON_BEFORE = re.compile(r"(?:比|较|与)(?:(?:19|20)\d\d年|上年|去年)(?:同期)?(?:相比)?[,]?(?:分别)?"
                                         + _ZH_DIRECTION + r"(?:了)?(?:约|近)?$")
_ZH_OF_A_CHANGE = re.compile(r"(?:降幅|增幅|涨幅|跌幅|升幅|增速|降速)(?:较|比|与)?[^,;。]{0,8}?(?:缩小|扩大|收窄|加快|放缓|"
                             r"增加|减少|提高|下降|回落|上升)(?:了)?(?:约|近)?$")
_ZH_JOINED = re.compile(r"^\s*[、,和及与]\s*(?:" + _ZH_DIRECTION + r")?(?:了)?$")
_ZH_NEGATIVE = re.compile(r"下降|减少|降低|回落|下滑")

# What a number of a sentence is, while the sentence is read: a statistic, a change of one, or a value it is
# only compared with.
STATISTIC, CHANGE, CHANGE_OF_NEXT, POINTS, POINTS_OF_NEXT = "statistic", "change", "change-of-next", "points", \
    "points-of-next"
COMPARISON = "comparison"
CHANGE_OF_CHANGE = "change-of-change"       # "the rate of decrease narrowed by 11.7%": no figure and no change of one
_CHANGES = (CHANGE, POINTS)
_LESS_OR_MORE_THAN = re.compile(r"\s*(?:percentage\s+points?\s+)?(?:less|more|smaller|larger|greater|lower|higher)\s+than\b",
                                re.IGNORECASE)
_OF_A_CHANGE = re.compile(r"\b(?:(?:rate|pace|margin|extent|speed)\s+of\s+(?:the\s+)?|the\s+)"
                          r"(?:decrease|decline|increase|growth|drop|rise|fall|reduction)\s+(?:\w+\s+){0,2}?"
                          r"(?:was|had|has|narrowed|widened|slowed|accelerated|decreased|increased|fell|rose|dropped|grew)\b",
                          re.IGNORECASE)


@dataclass
class Slot:
    """A quantity of a sentence while it is being read."""

    number: NumberMention
    role: str = STATISTIC
    sign: int = 1
    against_previous_period: bool = False     # a change against the previous (five-year) period
    multiplier: int = 1                       # a change written as a multiple is this many percent
    comparison_base: bool = False             # "compared with 1,190 a year earlier": the earlier value
    against_year: int | None = None           # "up 51.2% from 2025": a change against the year it names


def read_roles(text: str, sentence: Sentence, slots: list[Slot], chinese: bool = False) -> None:
    """Tell the statistics of a sentence from the changes written next to them."""
    if chinese:
        _read_roles_zh(text, sentence, slots)
        return
    previous_end = sentence.start
    for index, slot in enumerate(slots):
        before = text[max(previous_end, slot.number.start - 60):slot.number.start]
        unit = slot.number.unit_suffix
        following = slots[index + 1] if index + 1 < len(slots) else None
        change_first = _CHANGE_BEFORE_VALUE.search(before)
        of_next = bool(change_first and following is not None and
                       _TO_VALUE_AFTER.match(text[slot.number.end:following.number.start]))
        if unit == "percentage-points" and _GAP_AFTER.match(text, slot.number.end, sentence.end):
            pass    # "36 percentage points above the rate for other cases": a gap, not a change
        elif unit == "percentage-points":
            slot.role = POINTS_OF_NEXT if of_next else POINTS
            # "rose 1.8 points to", "a year-on-year decrease of 0.9 percentage points", "0.9 points lower"
            named = change_first or _YOY_BEFORE.search(before)
            direction = next((group for group in named.groups() if group), "") if named else \
                text[slot.number.end:slot.number.end + 30]
            slot.sign = -1 if NEGATIVE.search(direction.split(" than")[0]) else 1
        elif unit == "times" and change_first and not NEGATIVE.search(change_first.group("dir")) and (
                of_next or _YEAR_ON_YEAR.search(text[slot.number.end:slot.number.end + 80].split(",")[0])):
            # "rose 2.4 times year on year to 3,300", "increased by 1.5 times over the same period of last year":
            # an increase of 240 or 150 percent, as 增长1.5倍
            slot.role = CHANGE_OF_NEXT if of_next else CHANGE
            slot.multiplier = 100
        elif unit == "times" and index > 0 and slots[index - 1].role == STATISTIC and \
                (increase := _YOY_BEFORE.search(before)) and \
                not NEGATIVE.search(increase.group("dir2") or increase.group("dir1")) and \
                not _AGAINST_A_YEAR.match(text, slot.number.end, sentence.end):
            # "79,300, an increase of 21.3 times", "1,122 people, up 1.9 times": the change of the figure
            # before it, as 增长21.3倍 (one against a year it names is a comparison)
            slot.role = CHANGE
            slot.multiplier = 100
        elif unit == "percent":
            yoy = None if _AVERAGE_BEFORE.search(before) else \
                _YOY_BEFORE.search(before) or _CHANGE_NOUN_AFTER.match(text, slot.number.end, sentence.end)
            signed = _SIGNED_BEFORE.search(before)
            comparative = _COMPARATIVE_AFTER.match(text, slot.number.end, sentence.end)
            has_statistic_before = any(s.role == STATISTIC for s in slots[:index])
            joined = index > 0 and slots[index - 1].role == CHANGE and LIST_JOIN.match(before)
            if of_next:
                slot.role = CHANGE_OF_NEXT
                slot.sign = -1 if NEGATIVE.search(change_first.group("dir")) else 1
            elif signed and has_statistic_before:
                slot.role = CHANGE
                slot.sign = 1 if signed.group("sign") == "+" else -1
            elif yoy or joined or comparative:
                slot.role = CHANGE
                against = comparative if comparative and comparative.group("year") else \
                    _AGAINST_A_YEAR.match(text, slot.number.end, sentence.end)
                slot.against_year = int(against.group("year")) if against else None
                if yoy:
                    groups = yoy.groupdict()
                    direction = groups.get("dir1") or groups.get("dir2") or groups.get("dir")
                elif comparative:
                    direction = comparative.group("dir")
                else:
                    direction = "down" if slots[index - 1].sign < 0 else "up"
                slot.sign = -1 if NEGATIVE.match(direction) else 1
                slot.against_previous_period = bool(
                    (comparative and comparative.group("period")) or
                    (joined and slots[index - 1].against_previous_period))
        if slot.role in (STATISTIC, CHANGE, POINTS) and _OF_A_CHANGE.search(before) and (
                unit in ("percent", "percentage-points") or _LESS_OR_MORE_THAN.match(text, slot.number.end)):
            slot.role = CHANGE_OF_CHANGE
        if slot.role == STATISTIC and _BASE_BEFORE.search(before):
            slot.comparison_base = True
        previous_end = slot.number.end
    # "a decline of 3.4% and a rise of 19.2% respectively compared with the 2008-2012 period"
    for index, slot in enumerate(slots):
        if slot.role == CHANGE and not slot.against_previous_period:
            end = slots[index + 1].number.start if index + 1 < len(slots) else sentence.end
            if _PERIOD_BASE_AFTER.match(text[slot.number.end:end]):
                for other in slots[:index + 1][::-1]:
                    if other.role != CHANGE:
                        break
                    other.against_previous_period = True


def _read_roles_zh(text: str, sentence: Sentence, slots: list[Slot]) -> None:
    """read_roles for Chinese: the change follows its figure with its direction word before it."""
    previous_end = sentence.start
    for index, slot in enumerate(slots):
        before = text[max(previous_end, slot.number.start - 30):slot.number.start]
        unit = slot.number.unit_suffix
        yoy = _ZH_YOY_BEFORE.search(before)
        previous_period = _ZH_PREVIOUS_PERIOD_BEFORE.search(before)
        joined = _ZH_JOINED.match(before) if index > 0 and slots[index - 1].role in (CHANGE, POINTS, COMPARISON) \
            else None
        if joined and slots[index - 1].role == COMPARISON and unit in ("percent", "percentage-points", "times"):
            slot.role = COMPARISON      # "比2018年分别下降38.6%、上升2.8%": the whole run is a comparison
            previous_end = slot.number.end
            continue
        direction = yoy or previous_period or joined
        if unit in ("percent", "percentage-points") and _ZH_OF_A_CHANGE.search(before):
            slot.role = CHANGE_OF_CHANGE       # "降幅较上半年缩小8.8个百分点": how a change changed, no figure
            previous_end = slot.number.end
            continue
        if unit in ("percent", "percentage-points", "times") and direction is not None:
            slot.role = POINTS if unit == "percentage-points" else CHANGE
            if direction.group("dir"):
                slot.sign = -1 if _ZH_NEGATIVE.search(direction.group("dir")) else 1
            else:
                slot.sign = slots[index - 1].sign
            slot.against_previous_period = bool(previous_period) or bool(
                joined and slots[index - 1].against_previous_period)
            if unit == "times":
                slot.multiplier = 100           # "同比上升1.3倍": an increase of 130 percent
        elif _ZH_OTHER_COMPARISON_BEFORE.search(before) or (yoy and unit not in ("percent", "percentage-points")):
            slot.role = COMPARISON
        previous_end = slot.number.end


def attach_changes(text: str, sentence: Sentence, slots: list[Slot], stats: list[Statistic]) -> list[Slot]:
    """Record each change on the statistic it belongs to; return the changes that belong to none."""
    by_number = {id(s.number): s for s in stats}
    attached: set[int] = set()
    index = 0
    while index < len(slots):
        if slots[index].role not in _CHANGES:
            index += 1
            continue
        kind = slots[index].role
        run = [slots[index]]
        # a run of changes of one kind ("up 47.1% and 17.3% respectively"): a change against the previous
        # period after a year-on-year one starts a run of its own
        while index + len(run) < len(slots) and slots[index + len(run)].role == kind and \
                slots[index + len(run)].against_previous_period == run[0].against_previous_period and \
                ";" not in text[run[-1].number.end:slots[index + len(run)].number.start]:
            run.append(slots[index + len(run)])
        earlier = [by_number[id(s.number)] for s in slots[:index] if id(s.number) in by_number]
        # what the run is said of, in its own words after the figure before it ("占起诉总人数的3.2%,同比减少0.4个
        # 百分点": the 人数 is the share's, not the change's)
        said_from = max(sentence.start, run[0].number.start - 16, slots[index - 1].number.end if index else 0)
        counted_in = _counted_in(text[said_from:run[0].number.start])
        open_targets = [s for s in earlier
                        if not s.comparison_base and not _has_change(s, kind, run[0].against_previous_period)
                        and (kind != POINTS or s.unit == "percent")     # points change a rate or share
                        and counted_in in (None, s.unit)]
        after_run = text[run[-1].number.end:sentence.end]
        if len(run) > 1 or _RESPECTIVELY.match(after_run):
            targets = open_targets[-len(run):] if len(open_targets) >= len(run) else []
        else:
            # a single change qualifies a figure after the change before it, never one beyond it
            last_change = max((i for i in range(index) if slots[i].role in _CHANGES), default=-1)
            after_last = {id(s.number) for s in slots[last_change + 1:index]}
            targets = [s for s in open_targets if id(s.number) in after_last][-1:]
            if targets and _NEW_CLAUSE_CHANGE.search(text, targets[0].number.end, run[0].number.start):
                targets = []    # "..., appeals fell by 11%": the change of another subject
            elif targets and kind == CHANGE and targets[0].share_of is not None and \
                    any(s is targets[0].share_of for s in open_targets):
                # "41,200 arrests, 8.3 percent of all arrests, down 5.2 percent year on year": a change in
                # percent after a share is that of the count the share is of (a share changes by points)
                targets = [targets[0].share_of]
        for change, target in zip(run, targets):
            if change.against_year is None or target.period == str(change.against_year + 1):
                set_change(target, change, kind)
            # else "up 51.2% from 2025" said of 2029: a comparison with a year it names, recorded on no figure
            attached.add(id(change))
        index += len(run)
    # "rose 52.4 percent to 40,000", "climbed 1.8 percentage points to 9.5 percent": the change
    # belongs to the figure after it
    for index, slot in enumerate(slots[:-1]):
        following = by_number.get(id(slots[index + 1].number))
        if following is None:
            continue
        if slot.role == CHANGE_OF_NEXT and following.year_on_year is None:
            set_change(following, slot, CHANGE)
            attached.add(id(slot))
        elif slot.role == POINTS_OF_NEXT and following.point_change is None:
            set_change(following, slot, POINTS)
            attached.add(id(slot))
    return [slot for slot in slots if slot.role not in (STATISTIC, COMPARISON, CHANGE_OF_CHANGE) and id(slot) not in attached]


_COUNTED_IN = {"people": re.compile(r"人数"), "cases": re.compile(r"件数")}


def _counted_in(before: str) -> str | None:
    """The unit a run of changes is said to be of: "人数同比分别下降77.7%和10.5%" changes the figures of
    people of the sentence, not its figures of cases ("起诉6506件45579人"); None when it says neither or both."""
    said = [unit for unit, pattern in _COUNTED_IN.items() if pattern.search(before)]
    return said[0] if len(said) == 1 else None


def own_change(text: str, sentence: Sentence, number: NumberMention) -> Decimal | None:
    """The change a figure is itself ("acquittals decreased by 24.8% year on year"; "rose by 1.2 times
    from a year earlier", 增长1.2倍, is an increase of 120 percent), or None."""
    verb = _CHANGE_VERB_BEFORE.search(text[max(sentence.start, number.start - 40):number.start])
    if verb is None or not _YEAR_ON_YEAR.search(sentence.text):
        return None
    falling = bool(NEGATIVE.search(verb.group("dir")))
    if number.unit_suffix == "percent":
        return number.value * (-1 if falling else 1)
    if number.unit_suffix == "times" and not falling:
        return number.value * 100
    return None


def base_period(after: str, period: str) -> str:
    """The period of a value a figure is compared with: "a year earlier" is the year before the
    figure's period, "in 2020" is 2020; otherwise the figure's period."""
    stated = _BASE_PERIOD_AFTER.match(after)
    if stated is None:
        return period
    if stated.group("year"):
        return stated.group("year")
    if "/" in period and len(period) == 9:       # a span of years has no single year before it
        return period
    return re.sub(r"(?:19|20)\d\d", lambda year: str(int(year.group()) - 1), period)


def _has_change(statistic: Statistic, kind: str, against_previous_period: bool) -> bool:
    if kind == POINTS:
        return statistic.point_change is not None
    if against_previous_period:
        return statistic.previous_period_change is not None
    return statistic.year_on_year is not None


def set_change(statistic: Statistic, slot: Slot, kind: str) -> None:
    """Record a change on the statistic it belongs to, in the property of its kind."""
    value = slot.number.value * slot.sign * slot.multiplier
    if kind == POINTS:
        statistic.point_change = value
    elif slot.against_previous_period:
        statistic.previous_period_change = value
    else:
        statistic.year_on_year = value
    statistic.change_mentions.append(slot.number)
