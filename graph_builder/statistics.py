"""Turn the numbers of a document into statistics: value, unit, measure, crime type, period,
year-on-year change, reporting agency and the sentence that is their evidence."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .corpus import Document
from .entities import Mention
from .lexicon import Lexicon
from .numbers import NumberMention
from .periods import document_period, sentence_period
from .sentences import Sentence

FALLBACK_MEASURE = "reported-quantity"
FALLBACK_UNIT = "items"
_WINDOW = 160     # how far left of a number its measure or crime type is looked for

_YOY_BEFORE = re.compile(
    r"(?:\b(?P<dir1>up|down|rising|falling)(?:\s+by)?|"
    r"\b(?:an?\s+)?(?:year[- ]on[- ]year\s+)?(?P<dir2>increase|decrease|rise|drop|growth|decline|reduction)s?\s+of)"
    r"(?:\s+(?:about|nearly|around|approximately|more than|over))?\s*$", re.IGNORECASE)
# "12% more than last year": a comparison with the previous year written after the percentage
_COMPARATIVE_AFTER = re.compile(
    r"\s*(?P<dir>higher|more|greater|lower|less|fewer)\s+than\s+(?:that\s+(?:of|in)\s+)?"
    r"(?:the\s+previous\s+year|last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+same\s+period\s+(?:of|last)\s+year)",
    re.IGNORECASE)
# "rose 52.4 percent to 40,000": the change comes first and belongs to the figure after "to"
_CHANGE_BEFORE_VALUE = re.compile(
    r"\b(?P<dir>rose|increased|grew|jumped|climbed|surged|fell|dropped|declined|decreased|went up|went down)"
    r"\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+)?$", re.IGNORECASE)
_TO_VALUE_AFTER = re.compile(r"\s*(?:year[- ]on[- ]year\s+)?to\s+(?:about\s+|nearly\s+|more than\s+)?$", re.IGNORECASE)
_CHANGE_VERB_BEFORE = re.compile(
    r"\b(?P<dir>increased|decreased|rose|fell|dropped|declined|grew|went up|went down)\s+by\s*(?:about\s+)?$",
    re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)\s*$")
_RESPECTIVELY = re.compile(r"^[^.;]{0,40}?\brespectively\b", re.IGNORECASE)
_YEAR_ON_YEAR = re.compile(r"year[- ]on[- ]year|compared with (?:the previous year|\d{4})|from a year earlier",
                           re.IGNORECASE)
_NEGATIVE = re.compile(r"down|decrease|drop|decline|reduction|fell|falling|lower|less|fewer", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";")
# where the words after a number stop being about it: a new coordinated clause
_RIGHT_CLAUSE_END = re.compile(r";|,\s+(?:and|but|while|which|then|so|thereby|with|among)\b|,\s+(?:the|we|it|he|she|they)\b",
                               re.IGNORECASE)
_CRIME_WINDOW = 100


@dataclass
class Statistic:
    """A statistic extracted from one sentence of one document."""

    document_id: str
    number: NumberMention
    sentence: Sentence
    value: Decimal
    unit: str
    measure: str
    crime_type: str | None
    period: str
    reported_by: str | None
    year_on_year: Decimal | None = None
    qualifier: str | None = None
    yoy_mentions: list[NumberMention] = field(default_factory=list)

    @property
    def slug(self) -> str:
        digest = hashlib.sha256(f"{self.document_id}:{self.number.start}".encode()).hexdigest()
        return digest[:16]


@dataclass
class _Slot:
    """A quantity of a sentence while it is being read."""

    number: NumberMention
    role: str = "statistic"          # statistic | change | change-of-next
    sign: int = 1


class StatisticExtractor:
    """Extracts statistics by the rules of ``mappings/measures.yaml`` and ``mappings/units.yaml``."""

    def __init__(self, lexicon: Lexicon):
        self.measures = lexicon.of("measure")
        self.units = lexicon.of("unit")
        self.lexicon = lexicon

    def extract(self, document: Document, sentences: list[Sentence], numbers: list[NumberMention],
                mentions: list[Mention]) -> list[Statistic]:
        statistics: list[Statistic] = []
        for sentence in sentences:
            inside = [n for n in numbers if sentence.start <= n.start < sentence.end and n.is_quantity]
            if inside:
                local = [m for m in mentions if sentence.start <= m.start < sentence.end]
                statistics += self._sentence(document, sentence, inside, local)
        return statistics

    # -- one sentence -------------------------------------------------------------------------
    def _sentence(self, document: Document, sentence: Sentence, numbers: list[NumberMention],
                  mentions: list[Mention]) -> list[Statistic]:
        text = document.text
        slots = [_Slot(n) for n in numbers]
        previous_end = sentence.start
        for index, slot in enumerate(slots):
            before = text[max(previous_end, slot.number.start - 60):slot.number.start]
            if slot.number.unit_suffix == "percent":
                yoy = _YOY_BEFORE.search(before)
                comparative = _COMPARATIVE_AFTER.match(text, slot.number.end, sentence.end)
                has_statistic_before = any(s.role == "statistic" for s in slots[:index])
                joined = index > 0 and slots[index - 1].role == "change" and _LIST_JOIN.match(before)
                change_first = _CHANGE_BEFORE_VALUE.search(before)
                if change_first and index + 1 < len(slots) and \
                        _TO_VALUE_AFTER.match(text[slot.number.end:slots[index + 1].number.start]):
                    slot.role = "change-of-next"
                    slot.sign = -1 if _NEGATIVE.search(change_first.group("dir")) else 1
                elif yoy or joined or (comparative and has_statistic_before):
                    slot.role = "change"
                    if yoy:
                        direction = yoy.group("dir1") or yoy.group("dir2")
                    elif comparative:
                        direction = comparative.group("dir")
                    else:
                        direction = "down" if slots[index - 1].sign < 0 else "up"
                    slot.sign = -1 if _NEGATIVE.match(direction) else 1
            previous_end = slot.number.end
        period = sentence_period(sentence.text, document) or document_period(document)
        reported_by = self._reporter(sentence, mentions, document)
        stats: list[Statistic] = []
        stat_slots = [s for s in slots if s.role == "statistic"]
        for slot in stat_slots:
            stats.append(self._statistic(document, sentence, slots, slot, mentions, stats, period, reported_by))
        self._attach_changes(document, sentence, slots, stats)
        return stats

    def _attach_changes(self, document: Document, sentence: Sentence, slots: list[_Slot],
                        stats: list[Statistic]) -> None:
        by_number = {id(s.number): s for s in stats}
        index = 0
        while index < len(slots):
            if slots[index].role != "change":
                index += 1
                continue
            run = [slots[index]]
            while index + len(run) < len(slots) and slots[index + len(run)].role == "change":
                run.append(slots[index + len(run)])
            earlier = [by_number[id(s.number)] for s in slots[:index] if id(s.number) in by_number]
            after_run = document.text[run[-1].number.end:sentence.end]
            if len(run) > 1 or _RESPECTIVELY.match(after_run):
                targets = [s for s in earlier if s.year_on_year is None][-len(run):]
                if len(targets) < len(run):
                    targets = []
            else:
                open_targets = [s for s in earlier if s.year_on_year is None]
                targets = open_targets[-1:]
            for change, target in zip(run, targets):
                target.year_on_year = change.number.value * change.sign
                target.yoy_mentions.append(change.number)
            index += len(run)
        # "rose 52.4 percent to 40,000": the change belongs to the figure after it
        for index, slot in enumerate(slots[:-1]):
            following = by_number.get(id(slots[index + 1].number))
            if slot.role == "change-of-next" and following is not None and following.year_on_year is None:
                following.year_on_year = slot.number.value * slot.sign
                following.yoy_mentions.append(slot.number)

    def _statistic(self, document: Document, sentence: Sentence, slots: list[_Slot], slot: _Slot,
                   mentions: list[Mention], earlier: list[Statistic], period: str,
                   reported_by: str | None) -> Statistic:
        text = document.text
        number = slot.number
        position = slots.index(slot)
        # numbers joined by "and" or commas ("348 and 580 people") share what follows the last of them
        group_end = position
        while group_end + 1 < len(slots) and slots[group_end + 1].role == "statistic" and \
                _LIST_JOIN.match(text[slots[group_end].number.end:slots[group_end + 1].number.start]):
            group_end += 1
        anchor = slots[group_end].number
        right_end = slots[group_end + 1].number.start if group_end + 1 < len(slots) else sentence.end
        right = _clip_right(text[anchor.end:right_end])
        previous = position - 1
        while previous >= 0 and slots[previous].role == "change-of-next":   # "rose 5% to N": look past the change
            previous -= 1
        left_start = slots[previous].number.end if previous >= 0 else sentence.start
        left_start = max(left_start, number.start - _WINDOW)
        left = text[left_start:number.start]
        left = left[_last_clause_start(left):]
        left_offset = number.start - len(left)

        unit = number.unit_suffix or self._unit_after(right)
        joined_to_previous = position > 0 and slots[position - 1].role == "statistic" and \
            _LIST_JOIN.match(text[slots[position - 1].number.end:number.start])
        measure = earlier[-1].measure if joined_to_previous and earlier else self._measure(right, left)
        if measure is None and earlier:
            measure = earlier[-1].measure
        measure = measure or FALLBACK_MEASURE
        if unit is None:
            entry = self.lexicon.get("measure", measure)
            unit = str(entry.data.get("unit")) if entry and entry.data.get("unit") else FALLBACK_UNIT
        crime_end = anchor.end + min(len(right), _CRIME_WINDOW, _first_comma(right))
        crime_type = self._crime_type(mentions, anchor.end, crime_end, left_offset, number.start)
        statistic = Statistic(
            document_id=document.id, number=number, sentence=sentence, value=number.value, unit=unit,
            measure=measure, crime_type=crime_type, period=period, reported_by=reported_by,
            qualifier=number.qualifier)
        before = text[max(sentence.start, number.start - 40):number.start]
        verb = _CHANGE_VERB_BEFORE.search(before)
        if verb and number.unit_suffix == "percent" and _YEAR_ON_YEAR.search(sentence.text):
            statistic.year_on_year = number.value * (-1 if _NEGATIVE.search(verb.group("dir")) else 1)
        return statistic

    def _unit_after(self, right: str) -> str | None:
        """The unit of the counted noun after a number: the nearest one within a few words."""
        stripped = right.lstrip()
        best: tuple[int, str] | None = None
        for unit in self.units:
            for pattern in unit.patterns.get("after", ()):
                for skipped in range(6):
                    prefix = r"(?:[\w'-]+\s+){%d}" % skipped
                    if re.match(prefix + "(?:" + pattern.pattern + ")", stripped, re.IGNORECASE):
                        if best is None or skipped < best[0]:
                            best = (skipped, unit.id)
                        break
        return best[1] if best else None

    def _measure(self, right: str, left: str) -> str | None:
        stripped = right.lstrip()
        for entry in self.measures:
            for pattern in entry.patterns.get("after", ()):
                if pattern.match(stripped):
                    return entry.id
        best: tuple[int, int, str] | None = None
        for order, entry in enumerate(self.measures):
            for pattern in entry.patterns.get("context", ()):
                for match in pattern.finditer(right):
                    candidate = (match.start(), order, entry.id)
                    best = min(best, candidate) if best else candidate
                matches = list(pattern.finditer(left))
                if matches:
                    candidate = (len(left) - matches[-1].end(), order, entry.id)
                    best = min(best, candidate) if best else candidate
        return best[2] if best else None

    def _crime_type(self, mentions: list[Mention], right_start: int, right_end: int, left_start: int,
                    left_end: int) -> str | None:
        crimes = [(m.start, m.end, m.id) for m in mentions if m.kind == "crime-type"]
        # a campaign named next to a figure ("the action against gang crimes, prosecuting 15,000 people")
        # stands for the first crime type it targets
        for mention in mentions:
            campaign = self.lexicon.get("campaign", mention.id) if mention.kind == "campaign" else None
            if campaign and campaign.refs("targets"):
                crimes.append((mention.start, mention.end, campaign.refs("targets")[0]))
        crimes.sort()
        for start, end in ((right_start, right_end), (left_start, left_end)):
            inside = [crime for crime_start, _, crime in crimes if start <= crime_start < end]
            if inside:
                return inside[0]
        before = {crime for _, crime_end, crime in crimes if crime_end <= left_end}
        return before.pop() if len(before) == 1 else None

    def _reporter(self, sentence: Sentence, mentions: list[Mention], document: Document) -> str | None:
        according = _ACCORDING_TO.search(sentence.text)
        if according:
            position = sentence.start + according.end()
            agencies = [m for m in mentions if m.kind == "agency" and position <= m.start <= position + 120]
            if agencies:
                return agencies[0].id
        agency = document.meta.reporting_agency
        return agency if agency and self.lexicon.get("agency", agency) else None


def _clip_right(text: str) -> str:
    match = _RIGHT_CLAUSE_END.search(text)
    return text[:match.start()] if match else text


def _first_comma(text: str) -> int:
    position = text.find(",")
    return position if position >= 0 else len(text)


def _last_clause_start(text: str) -> int:
    positions = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    return positions[-1] if positions else 0
