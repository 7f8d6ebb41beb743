"""The period a piece of Chinese text states for its figures (periods.py reads English): years and
spans (2024年, 2018年至2022年, 2019—2023年), months (1至11月, 2024年1-9月, 前10个月), parts of a year (上半年,
前三季度, 第一季度), relative expressions on the document's date (去年, 今年以来, 五年来, 过去五年), "since"
(2019年以来). Comparisons (比上年, 同比, 比2018年, 是前五年的, 与2022年相比) never give the period.
Texts are read in their reading form (chinese_script.py): simplified characters, ASCII digits."""

from __future__ import annotations

import re

from .corpus import Document
from .period_since import since_month, since_year

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_COUNT = r"(\d{1,2}|十[一二]?|[一二两三四五六七八九])"
_YEAR = r"((?:19|20)\d\d)"
_DASH = r"(?:至|到|-|—|–|~|～)"

# comparisons: the year or period after these words is what a figure is compared with
_COMPARED = re.compile(
    r"同比(?:" + _YEAR + r"年|上年|去年)(?:同期)?|"      # "同比2022年上升6.1%": the year compared with
    r"(?:比|较|与|同|是|为|超过|高于|低于|相比)(?:" + _YEAR + r"年(?:同期)?|上年(?:同期)?|去年(?:同期)?|前(?:[五三两十]|[2-9]|10)年(?:同期)?|"
    # "降幅较上半年缩小", "比一季度增加": a part of the year compared with
    r"(?:今年|去年|上年|本年)?(?:上半年|下半年|前三季度|第?[一二三四]季度|上季度|上月|上一季度|上个月))"
    r"|同比|(?:上年|去年)同期(?=[^,;。]{0,4}(?:相比|比较))")
_FULL_DATE = re.compile(_YEAR + r"年\d{1,2}月\d{1,2}日")
# "2018年6月至2019年3月", "2017年至2019年3月", "2018年6月至今年5月", "自2018年10月《…解释》实施至2019年3月",
# "自今年4月开展专项活动以来,截至8月底": from a month (or the start of a year) to a month of a named or
# relative year (or of the year it started in)
_SPAN_TO_MONTH = re.compile(
    r"(?:(?:自|从)(?:" + _YEAR + r"年|(今年|去年|上年|本年))(\d{1,2})月[^。;;]{0,60}?(?:" + _DASH + r"|截至|截止到?)"
    r"|" + _YEAR + r"年(?:(\d{1,2})月)?" + _DASH + r")"
    r"(?:" + _YEAR + r"年|(今年|去年|上年|本年))?(\d{1,2})月")
_YEAR_ON_NAMED_YEAR = re.compile(r"同比" + _YEAR + r"年")
# "为近五年最高", "近十年来首次": a record in years, no period
# "持续维持近10年的4%以下较低水平": a level kept over years, no period either
_RECORD_IN_YEARS = re.compile(r"(?:为|是|创|维持|保持)?(?:近|过去|这)(?:\d{1,2}|[两三四五六七八九十])年(?:来|以来)?"
                              r"(?:首次|最高|最低|新高|新低|之最|的[^,;。]{0,12}?(?:水平|高位|低位|区间))")
_MONTH_SPAN = re.compile(r"(?:" + _YEAR + r"年|(今年|去年|上年|本年))?(?<!\d)(\d{1,2})(?:月份?)?" + _DASH + r"(\d{1,2})月")
_FIRST_MONTHS = re.compile(r"(?:" + _YEAR + r"年|(今年|去年|上年|本年))?前" + _COUNT + r"个月")
_PART_OF_YEAR = re.compile(r"(?:" + _YEAR + r"年|(今年|去年|上年|本年))?(上半年|下半年|前三季度|前两个?季度|第一季度|一季度|"
                           r"第二季度|二季度|第三季度|三季度|第四季度|四季度)")
_PART_MONTHS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "前两季度": (1, 6), "前两个季度": (1, 6),
                "第一季度": (1, 3), "一季度": (1, 3), "第二季度": (4, 6), "二季度": (4, 6), "第三季度": (7, 9),
                "三季度": (7, 9), "第四季度": (10, 12), "四季度": (10, 12)}
_YEAR_SPAN = re.compile(_YEAR + r"年?" + _DASH + _YEAR + r"年")
# "五年来", "近5年来", "过去十年": the years before the document's ("2019年来" is no count of years)
_FEW_YEARS = r"(?<!\d)(\d|10|[两三四五六七八九十])"
_PAST_YEARS = re.compile(r"(?:过去|近|最近|这|此前)?" + _FEW_YEARS + r"年(?:来|以来|间|中)|(?:过去|近|最近)" + _FEW_YEARS + r"年")
_SINCE_YEAR = re.compile(_YEAR + r"年以来")
_SINCE_MONTH = re.compile(r"(?:自|从)(?:" + _YEAR + r"年|(今年|去年|上年|本年))(\d{1,2})月(?:份|\d{1,2}日)?[^,;。]{0,24}?以来")
# "2018年3月起…为期一年半的专项活动": from a month for as long as the text says
_FROM_MONTH_FOR = re.compile(r"(?:" + _YEAR + r"年|(今年|去年|上年|本年))(\d{1,2})月(?:\d{1,2}日)?(?:起|开始)[^。;]{0,30}?为期"
                             r"(?:(\d{1,2}|[一二两三四五六七八九十]{1,2})个月|(一|二|两|三|\d)年(半)?|(半年))")
_LAST_YEAR = re.compile(r"(?:去年|上年|上一年)(?!同期)")
_THIS_YEAR = re.compile(r"今年|本年")
_WHOLE_YEAR = re.compile(r"全年")
_IN_YEAR = re.compile(_YEAR + r"年(?!\d{1,2}月\d)")
# "去年同期, 这一金额为3.9亿元": the same months a year before the period stated before
_SAME_PERIOD_LAST_YEAR = re.compile(r"(?:去年|上年)同期")
_SAME_PERIOD = re.compile(r"同期(?!相比)")


def _anchor(year: str | None, relative: str | None, document: Document, inherited: str) -> int:
    if year:
        return int(year)
    if relative in ("去年", "上年"):
        return document.meta.year - 1
    if relative:
        return document.meta.year
    return int(inherited.rsplit("/", 1)[-1][:4])


def _months(year: int, first: int, last: int) -> str:
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _mask(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())
    return _COMPARED.sub(blank, _FULL_DATE.sub(blank, _RECORD_IN_YEARS.sub(blank, text)))


def stated_period_zh(text: str, document: Document, inherited: str) -> str | None:
    """The period a piece of Chinese text states, or None; ``inherited`` is the period it would
    otherwise have (a month span without a year is of its year)."""
    masked = _mask(text)
    if match := _SPAN_TO_MONTH.search(masked):
        first_year = _anchor(match.group(1) or match.group(4), match.group(2), document, inherited)
        first_month = int(match.group(3) or match.group(5) or 1)
        last_year = _anchor(match.group(6), match.group(7), document, inherited) \
            if match.group(6) or match.group(7) else first_year
        last_month = int(match.group(8))
        if 1 <= first_month <= 12 and 1 <= last_month <= 12 and (first_year, first_month) < (last_year, last_month):
            return f"{first_year}-{first_month:02d}/{last_year}-{last_month:02d}"
    if match := _MONTH_SPAN.search(masked):
        first, last = int(match.group(3)), int(match.group(4))
        if 1 <= first < last <= 12:
            return _months(_anchor(match.group(1), match.group(2), document, inherited), first, last)
    if match := _FIRST_MONTHS.search(masked):
        count = match.group(3)
        months = int(count) if count.isdigit() else _NUMERALS[count]
        if 1 <= months <= 12:
            return _months(_anchor(match.group(1), match.group(2), document, inherited), 1, months)
    if match := _PART_OF_YEAR.search(masked):
        first, last = _PART_MONTHS[match.group(3)]
        return _months(_anchor(match.group(1), match.group(2), document, inherited), first, last)
    if match := _YEAR_SPAN.search(masked):
        if match.group(1) < match.group(2):
            return f"{match.group(1)}/{match.group(2)}"
    if match := _PAST_YEARS.search(masked):
        count = match.group(1) or match.group(2)
        count = int(count) if count.isdigit() else _NUMERALS[count]
        last = document.meta.year - 1
        return f"{last - count + 1}/{last}"
    if (match := _FROM_MONTH_FOR.search(masked)) and 1 <= int(match.group(3)) <= 12:
        first_year = _anchor(match.group(1), match.group(2), document, inherited)
        count = match.group(4) or match.group(5)
        months = 6 if match.group(7) else (int(count) if count.isdigit() else _NUMERALS[count]) * \
            (1 if match.group(4) else 12) + (6 if match.group(6) else 0)
        last = first_year * 12 + int(match.group(3)) - 1 + months - 1
        # a campaign still running when the document was written counts up to the document's month
        last = min(last, document.meta.year * 12 + int(document.meta.date[5:7] or 12) - 1)
        return f"{first_year}-{int(match.group(3)):02d}/{last // 12}-{last % 12 + 1:02d}"
    if (match := _SINCE_MONTH.search(masked)) and 1 <= int(match.group(3)) <= 12:
        first_year = str(_anchor(match.group(1), match.group(2), document, inherited))
        return since_month(first_year, int(match.group(3)), document, inherited)
    if match := _SINCE_YEAR.search(masked):
        return since_year(match.group(1), document, inherited)
    if _SAME_PERIOD_LAST_YEAR.search(text) and not _COMPARED.search(text):
        return re.sub(r"(?:19|20)\d\d", lambda year: str(int(year.group()) - 1), inherited)
    if _LAST_YEAR.search(masked):
        return str(document.meta.year - 1)
    years = {match.group(1) for match in _IN_YEAR.finditer(masked)}
    if len(years) == 1:
        return years.pop()
    if match := _YEAR_ON_NAMED_YEAR.search(text):
        return str(int(match.group(1)) + 1)       # "同比2022年上升6.1%": a figure of the year after
    if _THIS_YEAR.search(masked):
        return str(document.meta.year)
    if _WHOLE_YEAR.search(masked):
        return inherited.rsplit("/", 1)[-1][:4]
    return None


def refers_to_previous_period_zh(text: str) -> bool:
    """同期 on its own ("最高检同期发布 ..."): the text takes the period stated before it."""
    return bool(_SAME_PERIOD.search(_mask(text)))


# "2019年突破3万件", "2022年1至9月为3.3万件": a phrase led by its own period states one figure's period
_FIGURE_LED_BY_PERIOD = re.compile(
    r"(?:其中)?" + _YEAR + r"年(?:度|底|末|全年)?(?:\d{1,2}(?:月份?)?" + _DASH + r"\d{1,2}月|前" + _COUNT + r"个月|"
    r"上半年|下半年|前三季度|第?[一二三四]季度)?(?:共|全年)?(?:为|是|达到?|突破|超过|增至|增加到|增长到|升至|上升[至到]|"
    r"下降[至到]|降至|降到|减少到|提高到|提升至)?(?:约|近|超|逾|共)?\Z")
# "从2018年的97.2%上升至2021年的99.5%": the year of the figure a change runs from or to
_FIGURE_OF_YEAR = re.compile(r"(?:从|由|至|到)" + _YEAR + r"年(?:底|末)?的(?:约|近|超|逾)?\Z")
# "2022年行政抗诉改变率和再审检察建议采纳率分别为79.2%和73.3%": a year that leads what its figures are of
_RUN_LED_BY_YEAR = re.compile(r"(?:其中)?" + _YEAR + r"年(?:度|全年)?[\u4e00-\u9fff]{1,24}?(?:分别)?(?:为|是|达到?)"
                              r"(?:约|近|超|逾)?(?:[0-9.]+(?:%|万|亿|件|人)*(?:和|及|与))*\Z")
# "起诉人数2020年为1200人": the year right before the verb of its figure
_YEAR_RIGHT_BEFORE = re.compile(_YEAR + r"年(?:度|全年)?(?:共|分别)?(?:为|是|达到?)(?:约|近|超|逾)?\Z")
_PHRASE_BREAK = re.compile(r"[,，、;；:：。]")


def period_leading_figure_zh(text: str, start: int, figure_start: int, document: Document, inherited: str) -> str | None:
    """The period of the one figure at ``figure_start`` when the phrase before it (from the last comma,
    from ``start`` at most) is led by its own period ("2019年突破3万件", "2022年1至9月为3.3万件") or
    names the year of a figure a change runs from or to ("从2018年的97.2%"); else None."""
    breaks = [match.end() for match in _PHRASE_BREAK.finditer(text, start, figure_start)]
    phrase = text[breaks[-1] if breaks else start: figure_start].strip()
    if match := _FIGURE_OF_YEAR.search(phrase):
        return match.group(1)
    if _FIGURE_LED_BY_PERIOD.match(phrase):
        return stated_period_zh(phrase, document, inherited)
    if match := _RUN_LED_BY_YEAR.match(phrase) or _YEAR_RIGHT_BEFORE.search(phrase):
        return match.group(1)
    return None
