"""Runs of figures said respectively: each figure counts the measure named in the same place before it
("不捕率、不诉率分别为31.43%和16.70%", "the adoption and non-prosecution rates stood at 97.2% and 11.5%,
respectively"), or is of the year named in the same place in a span of years ("2020年至2022年…分别为
37681人、55379人、49070人")."""

from __future__ import annotations

import re

from .changes import CHANGE, LIST_JOIN, STATISTIC, Slot
from .clauses import clause_of
from .measures import MeasureReader
from .sentences import Sentence

_LIST_OF_NAMES_ZH = re.compile(r"[、和及与]")
_LIST_OF_NAMES_EN = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# the verb between a run's names and its figures: "… rates were 31.4% and 16.7% respectively"
_HEAD_VERB = re.compile(r"\s+(?:were|was|are|is|stood\s+at|reached|totall?ed|numbered|amounted\s+to|came\s+to|"
                        r"(?:increased|decreased|rose|fell|grew|dropped|declined)(?:\s+by)?)\s+", re.IGNORECASE)
# a run's figures, or the changes of figures the text does not give ("increased 22.95 percent and 28.63
# percent year on year, respectively")
_IN_A_RUN = (STATISTIC, CHANGE)
_RESPECTIVELY_AFTER = re.compile(r"[^.;]{0,40}?\brespectively\b", re.IGNORECASE)
_YEAR_SPAN_ZH = re.compile(r"((?:19|20)\d\d)年?(?:至|到|—|-|–)((?:19|20)\d\d)年")
_YEAR_SPAN_EN = re.compile(r"\b(?:from|between)\s+((?:19|20)\d\d)\s+(?:to|and|through)\s+((?:19|20)\d\d)\b|"
                           r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", re.IGNORECASE)
# "2,000 and 2,400 in 2028 and 2029 respectively": the years listed after the run, one per figure
_YEARS_LISTED_AFTER = re.compile(r"[^.;\d]{0,30}?\b(?:in|during|for)\s+((?:(?:19|20)\d\d\s*,\s*)*(?:19|20)\d\d\s*,?\s*and\s+"
                                 r"(?:19|20)\d\d)\s*,?\s+respectively\b", re.IGNORECASE)
_JOIN_ZH = re.compile(r"^[^\d、,;。]{0,2}[、,和及与]\s*$")    # "3768人、5537人": the counter, then the join


def joined_run(text: str, slots: list[Slot], position: int, roles: tuple[str, ...] = (STATISTIC,),
               join: re.Pattern[str] = LIST_JOIN) -> tuple[int, int]:
    """The first and last index of the figures joined by "and" or commas ("348 and 580 people"; by
    ``join``) around the one at ``position``, counting only figures in ``roles``."""
    def joined(left: int) -> bool:
        return slots[left].role in roles and slots[left + 1].role in roles and \
            bool(join.match(text[slots[left].number.end:slots[left + 1].number.start]))
    first, last = position, position
    while first > 0 and joined(first - 1):
        first -= 1
    while last + 1 < len(slots) and joined(last):
        last += 1
    return first, last


def respective_measure(measures: MeasureReader, text: str, sentence: Sentence, slots: list[Slot], position: int,
                       unit: str | None, chinese: bool) -> str | None:
    """"不捕率、不诉率分别为31.43%和16.70%", "the non-arrest and non-prosecution rates were 31.4% and
    16.7% respectively": the k-th figure of the run counts the k-th measure named before it."""
    number = slots[position].number
    if chinese:
        at = text.rfind("分别", sentence.start, number.start)
        if at < 0:
            return None
        head_start = max([sentence.start] + [text.rfind(mark, sentence.start, at) + 1 for mark in ",;:。"])
        names = _LIST_OF_NAMES_ZH.split(text[head_start:at])
        order = sum(1 for s in slots[:position] if s.number.start > at)
    else:
        first, last = joined_run(text, slots, position, _IN_A_RUN)
        if first == last or not _RESPECTIVELY_AFTER.match(text, slots[last].number.end, sentence.end):
            return None
        head_start = clause_of(text, sentence, slots[first].number.start)[0]
        head = _HEAD_VERB.split(text[head_start:slots[first].number.start])[0]
        names = _shared_head_noun(_LIST_OF_NAMES_EN.split(head))
        order = position - first
    if len(names) < 2 or order >= len(names):
        return None
    return measures.named("", names[order], unit, chinese)


def _shared_head_noun(names: list[str]) -> list[str]:
    """"the non-arrest and non-prosecution rates": each name with the plural noun they share, singular."""
    words = names[-1].split()
    if len(names) < 2 or len(words) < 2 or not words[-1].endswith("s") or names[0].split()[-1:] == words[-1:]:
        return names
    noun = words[-1][:-1]
    return [name + " " + noun for name in names[:-1]] + [" ".join(words[:-1] + [noun])]


def year_of_run(text: str, sentence: Sentence, slots: list[Slot], position: int, chinese: bool) -> str | None:
    """"2020年至2022年,受理审查逮捕未成年犯罪嫌疑人数分别为37681人、55379人、49070人", "from 2020 to 2022
    the figure was 410, 530 and 620 respectively": the k-th figure of a run said respectively, as long as the
    span of years named before it, is of the k-th year; None for any other figure."""
    number = slots[position].number
    if chinese:
        at = text.rfind("分别", sentence.start, number.start)
        spans = list(_YEAR_SPAN_ZH.finditer(text, sentence.start, at)) if at >= 0 else []
        if not spans:
            return None
        first = next((i for i, slot in enumerate(slots) if slot.number.start > at and slot.role == STATISTIC), position)
        last = joined_run(text, slots, first, join=_JOIN_ZH)[1]
    else:
        first, last = joined_run(text, slots, position)
        if first == last or not _RESPECTIVELY_AFTER.match(text, slots[last].number.end, sentence.end):
            return None
        listed = _YEARS_LISTED_AFTER.match(text, slots[last].number.end, sentence.end)
        if listed:
            years = re.findall(r"(?:19|20)\d\d", listed.group(1))
            return years[position - first] if len(years) == last - first + 1 and first <= position <= last else None
        spans = list(_YEAR_SPAN_EN.finditer(text, sentence.start, slots[first].number.start))
        if not spans:
            return None
    span = spans[-1]
    start, end = (int(year) for year in (span.group(1), span.group(2)) if year) if span.group(1) else \
        (int(span.group(3)), int(span.group(4)))
    if not first <= position <= last or end - start + 1 != last - first + 1:
        return None
    return str(start + position - first)
