"""Events a sentence names (conferences, forums, summits, meetings, press conferences), each with the
date the text states, and with an organiser and a place only when the text relates them to the event:
"the SPP held …", "we … holding …", "… hosted by the SPP", "… was held in Beijing"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Evidence, Mention
from .sentences import Sentence

_HOLD = r"(?:held|convened|hosted|co-hosted|organi[sz]ed|holding|hosting|convening|organi[sz]ing)"
_EVENT_HEAD = r"(?:press conference|conference|forum|summit|symposium|seminar)"
# "held a seminar on juvenile justice": the topic in plain words is part of the name
_TOPIC = r"(?:\s+(?:on|about)(?!\s+the\b)(?:\s+(?!(?:on|in|at|for|with|to|and)\b)[a-z][\w'’-]*){1,5})?"
EVENT = re.compile(r"\b" + _HOLD + r"\s+(?:a|an|the)\s+(?P<label>(?:[\w'’-]+\s+){0,6}?" + _EVENT_HEAD + r"\b" + _TOPIC + ")",
                   re.IGNORECASE)
_CAPITALISED = r"[A-Z][\w'’-]*"
NAMED_EVENT = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<label>" + _CAPITALISED + r"\s+(?:(?:" + _CAPITALISED + r"|of|for|from|on|and|the)\s+){0,10}?"
    r"(?:Conference|Forum|Summit|Meeting|Symposium)"
    r"(?:\s+(?:of|for|on)(?:\s+(?:" + _CAPITALISED + r"|and|the|of|for|on)){1,12}(?<=[\w'’-]))?)")
_TRAILING_WORDS = re.compile(r"(?:\s+(?:and|the|of|for|on))+$")
# what may stand between the organisers and the verb: "The SPP and the SPC jointly held", "the SPP (…) has held"
_ORGANISER_GLUE = re.compile(r"^(?:\s|,|[()]|\b(?:and|the|jointly|also|has|have|had|successfully|\w+ly)\b)*$")
_VERB_THEN_LABEL = re.compile(r"\b" + _HOLD + r"\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,6}?$", re.IGNORECASE)
_HELD_BY = re.compile(r"^[^.;]{0,80}?\b(?:held|convened|hosted|co-hosted|organi[sz]ed|sponsored)\s+by\s+(?:the\s+)?$")
_AT_PLACE = re.compile(r"^[^,.;]{0,100}?\b(?:in|at)\s+(?:the\s+)?$"
                       r"|^[^.;]{0,120}?\b(?:was|were|is|will\s+be)\s+(?:held|convened|hosted)\s+(?:in|at)\s+(?:the\s+)?$")
_FIRST_PERSON = re.compile(r"\b[Ww]e\b")
_MONTHS = "january february march april may june july august september october november december".split()
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS)
STATED_DATE = re.compile(r"\b(?P<month>" + _MONTH_NAMES + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b"
                         r"|\b(?P<day2>\d{1,2})\s+(?P<month2>" + _MONTH_NAMES + r")\s+(?P<year2>\d{4})\b")


@dataclass(frozen=True)
class EventFact:
    label: str
    date: str | None          # as the text states it (YYYY-MM-DD), or None
    organiser: str | None
    place: str | None
    evidence: Evidence


def stated_date(text: str, document_date: str) -> str | None:
    """The first day-precise date of ``text`` ("January 14th", "23 February 2024"), in the document's
    year when the text gives none."""
    match = STATED_DATE.search(text)
    if match is None:
        return None
    month = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    year = match.group("year") or match.group("year2") or document_date[:4]
    return f"{year}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"


def _organiser(sentence: Sentence, start: int, end: int, mentions: list[Mention], reporter: str | None) -> str | None:
    text, offset = sentence.text, sentence.start
    agencies = [m for m in mentions if m.kind == "agency"]
    after = text[end - offset:]
    for agency in agencies:          # "… hosted by the SPP"
        if agency.start >= end and _HELD_BY.match(after[:agency.start - end]):
            return agency.id
    verb = _VERB_THEN_LABEL.search(text[:start - offset])
    if verb is None:
        return None
    verb_at = offset + verb.start()
    before = [m for m in agencies if m.end <= verb_at and _ORGANISER_GLUE.match(text[m.end - offset:verb.start()])]
    if before:
        return before[-1].id
    return reporter if _FIRST_PERSON.search(text[:verb.start()]) else None


def _place(sentence: Sentence, end: int, mentions: list[Mention]) -> str | None:
    after = sentence.text[end - sentence.start:]
    for place in (m for m in mentions if m.kind == "place" and m.start >= end):
        if _AT_PLACE.match(after[:place.start - end]):
            return place.id
    return None


def find_events(sentence: Sentence, mentions: list[Mention], reporter: str | None, document_date: str) -> list[EventFact]:
    """The events a sentence names, never where another entity (but a place) is named."""
    found: list[EventFact] = []
    taken: list[tuple[int, int]] = []
    evidence = Evidence(sentence.start, sentence.end)
    date = stated_date(sentence.text, document_date)
    for match in list(NAMED_EVENT.finditer(sentence.text)) + list(EVENT.finditer(sentence.text)):
        written = _TRAILING_WORDS.sub("", match.group("label").rstrip())
        label = re.sub(r"\s+", " ", written)
        start = sentence.start + match.start("label")
        end = start + len(written)
        overlaps_entity = any(m.start < end and start < m.end for m in mentions if m.kind != "place")
        if overlaps_entity or any(s < end and start < e for s, e in taken) or len(label.split()) < 2:
            continue
        taken.append((start, end))
        found.append(EventFact(label[0].upper() + label[1:], date, _organiser(sentence, start, end, mentions, reporter),
                               _place(sentence, end, mentions), evidence))
    return found
