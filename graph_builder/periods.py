"""The reference period of a figure: stated in its clause or sentence, else inherited from the levels of
the document that contain it (list header, paragraph opener, heading, headline, lead), else the
document's metadata.

Periods are written ``YYYY``, ``YYYY/YYYY`` (a span of years) or ``YYYY-MM/YYYY-MM`` (a span of months).
Relative expressions ("last year", "the past five years", "this year") are anchored on the document's
date; a year that a figure is only compared with ("3 percent more than in 2018", "up 9% on 2019",
"compared with the same period last year") is never its period.
"""

from __future__ import annotations

import re
from typing import Iterable

from .chinese_periods import refers_to_previous_period_zh, stated_period_zh
from .chinese_script import is_chinese
from .corpus import Document
from .period_since import EARLY_MONTHS, since_month, since_year

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|" \
         r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}
_COUNT = r"(\d{1,2}|" + "|".join(_COUNT_WORDS) + ")"
_YEAR = r"((?:19|20)\d\d)"
# what anchors a part of a year: a year, or a year relative to the document's date
_OF_YEAR = r"(?:,?\s+(?:of\s+|in\s+)?(?:" + _YEAR + r"|(this|last|the previous|the current) year))?"

# Comparisons: the year or period after these words is what the figure is compared with.
_NOT_A_SPAN_START = r"(?!\s*(?:to|and|through|until|[-–])\s*(?:(?:19|20)\d\d|(?:the\s+end\s+of\s+)?" + _MONTH + r"\s))"
_COMPARED_YEAR = re.compile(
    r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|on|from|over|above|below|as\s+(?:many|much)\s+as|against|"
    r"(?:times|double|triple|twice|(?<!first\s)(?<!second\s)(?<!last\s)half)(?:\s+the\s+(?:number|figure|level|total|amount))?)"
    r"\s+(?:that\s+(?:of|in)\s+|those\s+(?:of|in)\s+|in\s+|of\s+)?(?:the\s+)?" + _YEAR + r"(?:\s*[-–]\s*" + _YEAR + r")?"
    + _NOT_A_SPAN_START + r"(?:\s+(?:level|figure|period))?", re.IGNORECASE)
# "compared with the period from 2010 to 2012", "rising 13.9 percent from the number in 2010-2012": a span
# compared with (a span after a bare "from" is the figure's own)
_COMPARED_SPAN = re.compile(
    r"\b(?:(?:than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:(?:that|those)\s+(?:of|in)\s+)?|from\s+(?=that|those|the))"
    r"(?:(?:that|those)\s+(?:of|in)\s+|the\s+(?:number|figure|level|total|amount)s?\s+(?:in|of|for|during)\s+|"
    r"the\s+period\s+(?:from\s+|of\s+|between\s+)?)(?:the\s+)?" + _YEAR + r"\s*(?:[-–]|to|through|and)\s*" + _YEAR
    + r"(?:\s+period)?", re.IGNORECASE)
# "compared with 5,900 in 2023", "up from 54.9 percent in 2018": the year of the figure compared with
_COMPARED_FIGURE_YEAR = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|(?:up|down|ris(?:en|ing)|rose|f[ae]ll(?:en|ing)?|"
    r"(?:in|de)creas(?:ed|ing)|dropp(?:ed|ing)|declin(?:ed|ing)|gr[eo]w(?:n|ing)?|jump(?:ed|ing)|climb(?:ed|ing))\s+from)"
    r"\s+(?:about\s+|some\s+|around\s+)?\d[\d,.]*"
    r"(?:\s*(?:%|percent|per\s+cent|thousand|million|billion))?(?:\s+[a-z]+){0,2}?\s+(?:in|during)\s+"
    + _YEAR + _NOT_A_SPAN_START, re.IGNORECASE)
_COMPARED_RELATIVE = re.compile(
    r"\b(?:than|compared\s+(?:with|to)|versus|on|from|against)\s+(?:that\s+(?:of|in)\s+|in\s+)?(?:the\s+)?"
    r"(?:previous|preceding|last)\s+(?:\w+[\s-]+)?years?(?:\s+period)?"
    # "up 10.8% from the previous quarter (compared with the first quarter)"
    r"|\b(?:than|compared\s+(?:with|to)|versus|on|from|over|against)\s+(?:that\s+(?:of|in)\s+|in\s+)?the\s+"
    r"(?:previous|preceding|last|first|second|third|fourth)\s+(?:quarter|half|month)\b"
    r"|\bthe\s+same\s+(?:period|time)\s+(?:of\s+|in\s+)?(?:the\s+previous\s+year|last\s+year|a\s+year\s+earlier|"
    + _YEAR + r")|\ba\s+year\s+(?:earlier|ago|before)\b"
    # "more than doubling over the past three years": the span of a change, not the figure's period
    r"|\b(?:doubl\w*|tripl\w*|increas\w*|ris\w*|rose|grow\w*|grew|climb\w*|jump\w*|fell|fall\w*|dropp\w*|declin\w*)"
    r"(?:\s+by\s+\S+(?:\s+percent)?)?\s+(?:over|in|during)\s+the\s+(?:past|last|previous)\s+\w+\s+years\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(r"\b(?:over|during|in|for)\s+the\s+same\s+(?:period|\w+\s+months|months|year)\b",
                          re.IGNORECASE)

# "from March 2019 to June 2023", "from 2018 to September this year", "between January 2008 and late August
# this year": from a month (or the start of a year) to a month of a year, named or relative
_SPAN_TO_MONTH = re.compile(
    r"\b(?:from|between)\s+(?:" + _MONTH + r",?\s+)?" + _YEAR + r"\s+(?:to|and|through|until)\s+"
    r"(?:the\s+(?:end|middle|beginning)\s+of\s+|(?:late|mid|early|end)[-\s]+)?" + _MONTH
    + r"(?:,?\s+(?:of\s+)?(?:" + _YEAR + r"|(this|last)\s+year))", re.IGNORECASE)
_MONTH_SPAN = re.compile(
    r"\b(?:(?:from|between)\s+" + _MONTH + r"\s+(?:to|and|through|until)\s+" + _MONTH
    + r"|" + _MONTH + r"\s*(?:-|–|to|through)\s*" + _MONTH + r"(?=\s+(?:period|of|in\s+\d{4}|\d{4}|this|last))"
    + r")(?:\s+period)?" + _OF_YEAR, re.IGNORECASE)
_FIRST_MONTHS = re.compile(
    r"\b(?:the\s+)?first\s+(?:(?P<part>half|quarter|two\s+quarters|three\s+quarters)|" + _COUNT + r"\s+months)"
    + _OF_YEAR, re.IGNORECASE)
_PART_MONTHS = {"half": 6, "quarter": 3, "two quarters": 6, "three quarters": 9}
# "in the third quarter of 2023", "the second half of last year", "Q3 2024": one part of a year
_ONE_PART = re.compile(
    r"(?:\b(?:in|during|for|over)\s+the\s+(?P<nth>second|third|fourth|last)\s+(?P<part>quarter|half)|\b(?P<q>Q[1-4]))"
    + _OF_YEAR, re.IGNORECASE)
_NTH_PART = {("second", "quarter"): (4, 6), ("third", "quarter"): (7, 9), ("fourth", "quarter"): (10, 12),
             ("last", "quarter"): (10, 12), ("second", "half"): (7, 12), ("last", "half"): (7, 12),
             ("q1", None): (1, 3), ("q2", None): (4, 6), ("q3", None): (7, 9), ("q4", None): (10, 12)}
_YEARS_TO = re.compile(
    r"\b(?:in|over|during|for)\s+the\s+" + _COUNT + r"\s+years\s+(?:to|up\s+to|through|until|ending(?:\s+in)?)\s+"
    r"(?:(?:the\s+end\s+of\s+)?" + _MONTH + r"\s+)?" + _YEAR, re.IGNORECASE)
_YEAR_SPAN = re.compile(
    r"\b(?:(?:from|between)\s+" + _YEAR + r"\s+(?:to|and|through|until)\s+" + _YEAR + r"|"
    + _YEAR + r"\s*[-–]\s*" + _YEAR + r")\b", re.IGNORECASE)
# "in 2021 and 2022, ...": two years running, counted together
_TWO_YEARS = re.compile(r"\b(?:in|during|over|for)\s+(?:both\s+)?" + _YEAR + r"\s+and\s+" + _YEAR + r"\b(?!\s+respectively)",
                        re.IGNORECASE)
_PAST_YEARS = re.compile(r"\b(?<!first\s)(?:over|during|in|for|of)\s+(?:the\s+)?(?:past|last)\s+" + _COUNT + r"\s+years\b",
                         re.IGNORECASE)
# "the first decline in the past five years", "for the first time in three years": a record, no period
_FIRST_IN_YEARS = re.compile(r"\bthe\s+first\b[^.;]{0,60}?\b(?:in|over|during|for)\s+(?:the\s+)?(?:past\s+|last\s+|nearly\s+|"
                             r"almost\s+|more\s+than\s+)?" + _COUNT + r"\s+years\b", re.IGNORECASE)
_SINCE_YEAR = re.compile(r"\bsince\s+" + _YEAR + r"\b", re.IGNORECASE)
_SINCE_MONTH = re.compile(r"\bsince\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)
_BY_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?" + _YEAR + r"\b(?!\s*,?\s+(?:will|shall|to)\b)", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(?:(?:over|during|in)\s+the\s+(?:past|last)\s+year|last\s+year)\b", re.IGNORECASE)
_THIS_YEAR = re.compile(r"\b(?:(?:so\s+far\s+)?this\s+year)\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\b(?:in|during|throughout|for|of)\s+(?:the\s+(?:whole\s+)?year\s+)?" + _YEAR + r"\b",
                      re.IGNORECASE)


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_WORDS[word.lower()]


def _months(year: int, first: int, last: int) -> str:
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _anchor_year(match: re.Match[str], year_group: int, relative_group: int, document: Document,
                 inherited: str) -> int:
    """The year a part of a year belongs to: stated, relative to the document's date, else inherited."""
    if match.group(year_group):
        return int(match.group(year_group))
    relative = (match.group(relative_group) or "").lower()
    if relative in ("last", "the previous"):
        return document.meta.year - 1
    if relative:
        return document.meta.year
    return int(inherited.rsplit("/", 1)[-1][:4])


# the nouns a count of the text may have between it and its year
COUNTED_NOUN = r"(?:people|persons|suspects|defendants|individuals|officials|cases|lawsuits)\b"
# "fell from 54.9% in 2018 to 26.7% in 2022", "410 people in 2028 and 530 in 2029": the year written right
# after a figure (and the noun it counts) is its own
_YEAR_RIGHT_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent|" + COUNTED_NOUN + r")?\s*(?:in|during)\s+" + _YEAR + r"\b(?!\s*(?:[-–]|to|and)\s*(?:19|20)\d\d)",
                               re.IGNORECASE)


def year_written_after(text: str, end: int) -> str | None:
    """The year written right after a figure that ends at ``end`` ("26.7% in 2022"), or None."""
    match = _YEAR_RIGHT_AFTER.match(text, end)
    return match.group(1) if match else None


# "rose from 54.9% in 2018 to 26.7% in 2022, and … from 22.1% to 43.4%": the years of a change from one
# figure to another, and a later change written without them
_FROM_IN_TO_IN = re.compile(r"\bfrom\s+(?:[^.;]|\.\d){0,40}?\b(?:in|during)\s+" + _YEAR + r"\s+to\s+(?:[^.;]|\.\d){0,40}?"
                            r"\b(?:in|during)\s+" + _YEAR + r"\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|nearly\s+|some\s+)?\Z", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent)?\s+to\s+(?:about\s+|nearly\s+|some\s+)?\d")
_FROM_TO_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|nearly\s+|some\s+)?[\d.,]+\s*(?:%|percent|per\s+cent)?\s+to\s+"
                             r"(?:about\s+|nearly\s+|some\s+)?\Z", re.IGNORECASE)


def year_of_a_change_from_to(text: str, since: int, start: int, end: int) -> str | None:
    """The year of a figure that a change runs from or to ("from 22.1% to 43.4%") with no year of its own,
    when an earlier change in ``text[since:start]`` names both its years; None otherwise."""
    since = max(0, since)
    before = text[max(since, start - 60):start]
    first = _FROM_BEFORE.search(before) and _TO_AFTER.match(text, end) and not _YEAR_RIGHT_AFTER.match(text, end)
    last = _FROM_TO_BEFORE.search(before) and not _YEAR_RIGHT_AFTER.match(text, end)
    if not (first or last):
        return None
    earlier = list(_FROM_IN_TO_IN.finditer(text, since, start))
    if not earlier:
        return None
    return earlier[-1].group(1) if first else earlier[-1].group(2)


def _mask_comparisons(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())
    for comparison in (_FIRST_IN_YEARS, _COMPARED_SPAN, _COMPARED_FIGURE_YEAR, _COMPARED_RELATIVE, _COMPARED_YEAR):
        text = comparison.sub(blank, text)
    return text


def stated_period(text: str, document: Document, inherited: str) -> str | None:
    """The period a piece of text states for its figures, or None when it states none.

    ``inherited`` is the period the text would otherwise have: "since 2016" runs to its last year, and
    "January to November" without a year is of its year.
    """
    text = _mask_comparisons(text)
    if match := _SPAN_TO_MONTH.search(text):
        first_year = int(match.group(2))
        last_year = int(match.group(4)) if match.group(4) else \
            document.meta.year - (1 if match.group(5).lower() == "last" else 0)
        first_month = _month(match.group(1)) if match.group(1) else 1
        if (first_year, first_month) <= (last_year, _month(match.group(3))):
            return f"{first_year}-{first_month:02d}/{last_year}-{_month(match.group(3)):02d}"
    if match := _YEARS_TO.search(text):
        years, last_year = _count(match.group(1)), int(match.group(3))
        if match.group(2):
            last_month = _month(match.group(2))
            first_month = last_month % 12 + 1
            first_year = last_year - years + (1 if last_month == 12 else 0)
            return f"{first_year}-{first_month:02d}/{last_year}-{last_month:02d}"
        return f"{last_year - years + 1}/{last_year}"
    if match := _MONTH_SPAN.search(text):
        first = _month(match.group(1) or match.group(3))
        last = _month(match.group(2) or match.group(4))
        return _months(_anchor_year(match, 5, 6, document, inherited), first, last)
    if match := _FIRST_MONTHS.search(text):
        part = match.group("part")
        months = _PART_MONTHS[re.sub(r"\s+", " ", part.lower())] if part else _count(match.group(2))
        if 1 <= months <= 12:
            return _months(_anchor_year(match, 3, 4, document, inherited), 1, months)
    if match := _ONE_PART.search(text):
        key = (match.group("nth").lower(), match.group("part").lower()) if match.group("nth") else \
            (match.group("q").lower(), None)
        first, last = _NTH_PART[key]
        return _months(_anchor_year(match, 4, 5, document, inherited), first, last)
    if match := _YEAR_SPAN.search(text):
        first, last = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if first < last:
            return f"{first}/{last}"
    if (match := _TWO_YEARS.search(text)) and int(match.group(2)) == int(match.group(1)) + 1:
        return f"{match.group(1)}/{match.group(2)}"
    if match := _PAST_YEARS.search(text):
        last = document.meta.year - 1
        return f"{last - _count(match.group(1)) + 1}/{last}"
    if match := _SINCE_MONTH.search(text):
        return since_month(match.group(2), _month(match.group(1)), document, inherited)
    if match := _SINCE_YEAR.search(text):
        return since_year(match.group(1), document, inherited)
    if _LAST_YEAR.search(text):
        return str(document.meta.year - 1)
    years = {m.group(1) for m in _IN_YEAR.finditer(text)} | {m.group(1) for m in _BY_YEAR.finditer(text)}
    if len(years) == 1:
        return years.pop()
    if _THIS_YEAR.search(text):
        return str(document.meta.year)
    return None


def refers_to_previous_period(text: str) -> bool:
    """'over the same ten months', 'in the same period': the text takes the period stated before it."""
    return bool(_SAME_PERIOD.search(text))


def resolve_period(levels: Iterable[str], document: Document, previous: str | None = None,
                   carried: str | None = None) -> str:
    """The period of a figure from the texts that contain it, nearest first (clause, sentence, list
    header, paragraph opener, heading, headline, lead): the nearest that states a period wins; one that
    refers to the period stated before it ("over the same ten months") takes ``previous``; with none,
    ``carried`` (the period the paragraphs before went on with), else the document's period. Each level
    is read with what the levels above it give (a month span without a year takes its year from them)."""
    period = carried or document_period(document)
    chinese = is_chinese(document.meta.language)
    stated_in, refers_back = (stated_period_zh, refers_to_previous_period_zh) if chinese else \
        (stated_period, refers_to_previous_period)
    for text in reversed(list(levels)):
        stated = stated_in(text, document, period)
        if stated is not None:
            period = stated
        elif previous is not None and refers_back(text):
            period = previous
    return period


def document_period(document: Document) -> str:
    """The period a document's figures refer to when no text says: the sidecar's reference_period, else
    for an annual work report, or a story on one published by April, the year before (the report reviews
    that year), else the document's year."""
    meta = document.meta
    if meta.reference_period:
        return meta.reference_period
    if meta.document_type == "work-report" or (_ON_A_WORK_REPORT.search(meta.title) and meta.date[5:7] in EARLY_MONTHS):
        return str(meta.year - 1)
    return str(meta.year)


_ON_A_WORK_REPORT = re.compile(r"\bwork\s+report\b|工作报告|工作報告", re.IGNORECASE)
