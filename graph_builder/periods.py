"""The reference period of a statistic: from its sentence, else from the document's metadata."""

from __future__ import annotations

import re

from .corpus import Document

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH = "(" + "|".join(_MONTHS) + ")"
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH_RANGE = re.compile(r"\bfrom " + _MONTH + r" to " + _MONTH + r"(?:,? (\d{4}))?", re.IGNORECASE)
# "in the first half of this year", "in the first three quarters of 2023": months 1 to N of a year
_PART_OF_YEAR = re.compile(
    r"\b(?:in|during|over) the first (?P<part>half|quarter|two quarters|three quarters|(?P<months>two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven) months)(?: of (?:(?P<this>this|the) year|(?P<year>\d{4})))?", re.IGNORECASE)
_PART_MONTHS = {"half": 6, "quarter": 3, "two quarters": 6, "three quarters": 9}
_MONTH_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11}
_YEAR_RANGE = re.compile(r"\b(?:from|between) (\d{4}) (?:to|and|through) (\d{4})\b", re.IGNORECASE)
_PAST_YEARS = re.compile(r"\b(?:over|during|in|for) the (?:past|last) (two|three|four|five|six|seven|eight|nine|ten|\d+) years\b",
                         re.IGNORECASE)
_PAST_YEAR = re.compile(r"\b(?:(?:over|during|in) the (?:past|last) year|last year)\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout) (\d{4})\b")
# a year after these words is one the figure is compared with, not the year it is about
_COMPARISON = re.compile(r"\b(?:than|as (?:many|much) as|compared (?:with|to)|times|over|from|since|versus)\b",
                         re.IGNORECASE)


def sentence_period(sentence: str, document: Document) -> str | None:
    """A period stated in the sentence: 'YYYY', 'YYYY-MM/YYYY-MM' or 'YYYY/YYYY'; None when it states none."""
    match = _MONTH_RANGE.search(sentence)
    if match:   # a range of months; without a year, the months of the document's year
        first, last = _MONTHS[match.group(1).lower()], _MONTHS[match.group(2).lower()]
        year = match.group(3) or str(document.meta.year)
        return f"{year}-{first:02d}/{year}-{last:02d}"
    match = _PART_OF_YEAR.search(sentence)
    if match:
        part = match.group("part").lower()
        months = _MONTH_WORDS[match.group("months").lower()] if match.group("months") else _PART_MONTHS[part]
        year = match.group("year") or str(document.meta.year)
        return f"{year}-01/{year}-{months:02d}"
    match = _YEAR_RANGE.search(sentence)
    if match:
        return f"{match.group(1)}/{match.group(2)}"
    match = _PAST_YEARS.search(sentence)
    if match:
        count = match.group(1).lower()
        years = int(count) if count.isdigit() else _WORDS[count]
        last = document.meta.year - 1
        return f"{last - years + 1}/{last}"
    if _PAST_YEAR.search(sentence):
        return str(document.meta.year - 1)
    years = {m.group(1) for m in _IN_YEAR.finditer(sentence) if not _COMPARISON.search(sentence, 0, m.start())}
    if len(years) == 1:
        return years.pop()
    return None


def document_period(document: Document) -> str:
    """The period a document's figures refer to when a sentence does not say: the sidecar's
    reference_period, else for an annual work report the year before it was delivered (it reviews
    that year), else the document's year."""
    if document.meta.reference_period:
        return document.meta.reference_period
    if document.meta.document_type == "work-report":
        return str(document.meta.year - 1)
    return str(document.meta.year)
