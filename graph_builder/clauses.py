"""The clause a number stands in and the small words around it that tell what it is, per language:
where the words before and after a number stop being about it, a share ("or 17.3 percent", 占…的2.7%),
a sentence about all crimes ("in total", 各类犯罪) and a reporting source ("according to", 据…介绍)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Sentence


@dataclass(frozen=True)
class ClauseCues:
    """The surface cues of one language."""

    left_break: re.Pattern[str]       # where the words before a number start being about it (last match)
    right_end: re.Pattern[str]        # where the words after a number stop being about it
    share_before: re.Pattern[str]     # a percentage written as a share of a total, before it
    share_after: re.Pattern[str]      # ... and after it
    share_after_count: re.Pattern[str]  # between a count and a bare percentage that is its share
    share_of_counted: re.Pattern[str]  # after a percentage with no count before it: what it is a share of
    all_subjects: re.Pattern[str]     # a sentence about every crime, which takes no subject from its paragraph
    according_to: re.Pattern[str]     # the source of the figures follows
    source_after: re.Pattern[str]     # after an agency: it is the source of the sentence's figures ("… said")
    source_before: re.Pattern[str]    # before an agency: ditto ("said the …")
    part_of_before: re.Pattern[str]   # a sentence about a part of the figures before it ("Among them, ...")
    elliptical_before: re.Pattern[str]  # a clause of a number alone, its verb left out ("; and 4,500 for …")
    elliptical_after: re.Pattern[str]   # ... and the words after that number


ENGLISH = ClauseCues(
    left_break=re.compile(r";"),
    right_end=re.compile(r";|,\s+(?:and|but|while|which|then|so|thereby|with|among)\b|,\s+(?:the|we|it|he|she|they)\b|"
                         r"\s+(?:while|whereas)\b|"
                         # "… 90 percent at the prosecutorial stage and the acceptance rate of …": another rate's clause
                         r"\s+and\s+(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?rates?\b|"
                         # "… 9,200 cases of fraud and brought prosecutions in 700 of them": a verb of its own
                         r"\s+and\s+(?:then\s+)?(?:brought|filed|lodged|initiated|launched|took|made|issued|sent)\b",
                         re.IGNORECASE),
    # "(17.3 percent)", "or 6.2 percent", "accounting for 4.5 per cent", "made up 2 percent of the total"
    share_before=re.compile(
        r"(?:\(\s*|\bor\s+(?:about\s+|nearly\s+|some\s+)?|\b(?:accounting|accounted|accounts|account)\s+for\s+"
        r"(?:about\s+|nearly\s+|some\s+|more than\s+)?|\b(?:made|make|makes|making)\s+up\s+(?:about\s+|nearly\s+|some\s+)?)$",
        re.IGNORECASE),
    share_after=re.compile(r"^\s*(?:of\s+(?:the\s+|all\s+)|\))", re.IGNORECASE),
    # "113,454 people for fraud, 10.4%;": a list item's count, its subject and its share
    share_after_count=re.compile(r"\s*(?:people|persons|suspects|cases)?\s*(?:for|of)\s+[^,;%\d]{2,60},\s*"),
    # "32.1 percent of graft cases were exposed by whistle-blowers": a share of what the text counts, no total
    share_of_counted=re.compile(r"\s*of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,3}?(?:cases|people|"
                                r"suspects|defendants|prosecutions|arrests|offenders|crimes|lawsuits)\b", re.IGNORECASE),
    all_subjects=re.compile(r"\b(?:in\s+total|overall|in\s+all|altogether|all\s+(?:kinds|types)\s+of|of\s+all\s+kinds|"
                            r"all\s+crimes|all\s+criminal\s+cases|throughout\s+the\s+year|for\s+the\s+(?:whole|full)\s+year|"
                            r"(?:of|for)\s+various\s+(?:types|kinds|crimes))\b", re.IGNORECASE),
    according_to=re.compile(r"\baccording to\b", re.IGNORECASE),
    source_after=re.compile(r"(?:\s*\([A-Z]+\))?(?:'s\s+(?:annual\s+|work\s+)*report\s+(?:also\s+|further\s+)?|\s+(?:also\s+)?)"
                            r"(?:said|says|announced|announces|reported|reports|disclosed|revealed|noted|notes|stated|states|"
                            r"showed|shows|told)\b", re.IGNORECASE),
    source_before=re.compile(r"\b(?:said|says|announced|reported|according\s+to)\s+(?:the\s+|China's\s+)?$", re.IGNORECASE),
    part_of_before=re.compile(r"^\W*(?:among|of)\s+(?:them|these|those|which|whom)\b", re.IGNORECASE),
    # "9,000 people were prosecuted for smuggling; 31,000 for theft; and 4,500 for poaching"
    elliptical_before=re.compile(r"\W*(?:and\s+|but\s+|while\s+)?(?:another\s+|a\s+further\s+)?"
                                 r"(?:about|some|nearly|almost|around|roughly|more\s+than|over|at\s+least)?\s*$",
                                 re.IGNORECASE),
    elliptical_after=re.compile(r"^\s*(?:more\s+)?(?:people|persons|suspects|individuals|defendants|cases)?\s*"
                                r"(?:for|on\s+charges\s+of|over|involving)\s+(?!the\s+same\b)(?!(?:19|20)\d\d\b)",
                                re.IGNORECASE),
)
# Chinese in its reading form (chinese_script.py): ASCII punctuation; a comma ends a clause
CHINESE = ClauseCues(
    left_break=re.compile(r"[;,:]"),
    right_end=re.compile(r"[;,:。、]"),
    # "占起诉总人数的2.7%", "占43.3%", "占比为31.3%"
    share_before=re.compile(r"占(?:[^,;。\d]{0,24}?的|比)?(?:约|近|超过)?(?:为)?$"),
    share_after=re.compile(r"^(?!)"),
    share_after_count=re.compile(r"(?!)"),
    share_of_counted=re.compile(r"(?!)"),     # 占…的 names the total
    all_subjects=re.compile(r"各类(?:犯罪|案件)|全部(?:犯罪|案件)|刑事案件总量"),
    according_to=re.compile(r"据"),
    source_after=re.compile(r"(?:的)?(?:(?:工作)?报告(?:还|也|中)?(?:指出|显示|提到|称|披露)|(?:还|也)?(?:表示|介绍|通报|透露|称)|发布的数据显示)"),
    source_before=re.compile(r"(?!)"),
    part_of_before=re.compile(r"(?!)"),       # 其中 opens a clause of the sentence it is part of
    elliptical_before=re.compile(r"(?!)"),    # a Chinese list repeats its measure or joins with 、
    elliptical_after=re.compile(r"(?!)"),
)


def cues_for(chinese: bool) -> ClauseCues:
    return CHINESE if chinese else ENGLISH


def clause_of(text: str, sentence: Sentence, position: int) -> tuple[int, int]:
    """The clause of a sentence around ``position``: the part between semicolons."""
    start = max(text.rfind(";", sentence.start, position), text.rfind("；", sentence.start, position))
    ends = [e for e in (text.find(";", position, sentence.end), text.find("；", position, sentence.end)) if e >= 0]
    return (start + 1 if start >= 0 else sentence.start), (min(ends) if ends else sentence.end)


def last_colon(text: str, start: int, end: int) -> int:
    """The position of the last colon of ``text[start:end]`` (a sentence's head ends there), or -1."""
    return max(text.rfind(":", start, end), text.rfind("：", start, end))


def clip_right(cues: ClauseCues, text: str) -> str:
    """The words after a number up to where they stop being about it."""
    match = cues.right_end.search(text)
    return text[:match.start()] if match else text


def clause_start(cues: ClauseCues, text: str) -> int:
    """Where, in the words before a number, its clause starts."""
    positions = [m.end() for m in cues.left_break.finditer(text)]
    return positions[-1] if positions else 0


def first_comma(text: str) -> int:
    position = text.find(",")
    return position if position >= 0 else len(text)
