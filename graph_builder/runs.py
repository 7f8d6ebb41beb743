"""Runs of figures said respectively: each figure counts the measure named in the same place before it
("不捕率、不诉率分别为31.43%和16.70%", "the adoption and non-prosecution rates stood at 97.2% and 11.5%,
respectively")."""

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


def joined_run(text: str, slots: list[Slot], position: int, roles: tuple[str, ...] = (STATISTIC,)) -> tuple[int, int]:
    """The first and last index of the figures joined by "and" or commas ("348 and 580 people") around the
    one at ``position``, counting only figures in ``roles``."""
    def joined(left: int) -> bool:
        return slots[left].role in roles and slots[left + 1].role in roles and \
            bool(LIST_JOIN.match(text[slots[left].number.end:slots[left + 1].number.start]))
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
