"""Agencies named by what they belong to rather than by a name of their own: the procuratorial organs of a
place ("the Hunan procuratorial organs", "procuratorial organs in Tianjin and Hebei"), a unit of an agency
("the SPP's economic crime department"), and a unit an agency sets up ("the SPP set up a working group on
…")."""

from __future__ import annotations

import re

from .entities import Mention
from .slugs import slugify

_PLACE_TAG = r"⟪(?P<place>\d+)⟫"
_AGENCY_TAG = r"⟪(?P<agency>\d+)⟫"
_ORGANS = r"procuratorial\s+organs?|procuratorates"
ORGANS_OF_PLACE = re.compile(_PLACE_TAG + r"(?:['’]s)?\s+(?:" + _ORGANS + r")\b", re.IGNORECASE)
ORGANS_IN_PLACES = re.compile(r"\b(?:" + _ORGANS + r")\s+(?:of|in)\s+(?P<places>⟪\d+⟫(?:(?:,\s*|,?\s+and\s+)⟪\d+⟫)*)",
                              re.IGNORECASE)
_UNIT_HEAD = r"(?:department|office|division|bureau|section|cent(?:er|re)|team|group|task force|committee|laboratory)"
UNIT_OF_AGENCY = re.compile(_AGENCY_TAG + r"['’]s\s+(?P<unit>(?:[a-z][\w-]*\s+){1,5}?" + _UNIT_HEAD + r")\b")
_SET_UP = r"\b(?:set\s+up|established|founded|created|formed)\s+"
_UNIT = r"(?:a|an|the)\s+(?P<{0}>(?:[a-z][\w-]*\s+){{0,4}}?" + _UNIT_HEAD + r"(?:\s+(?:on|for)(?:\s+[a-z][\w-]*){{1,6}}?)?)" \
        r"(?=\s+and\s|\s+to\s|\s*[,.;]|\s+in\s|$)"
UNITS_SET_UP = re.compile(_SET_UP + _UNIT.format("first") + r"(?:\s+and\s+" + _UNIT.format("second") + r")?")


def _placeholders(text: str, mentions: list[Mention], kind: str) -> tuple[str, list[Mention]]:
    """``text`` with each mention of ``kind`` written as ⟪n⟫ (n its index), and the mentions."""
    chosen = [m for m in mentions if m.kind == kind]
    pieces, cursor = [], 0
    for index, mention in enumerate(chosen):
        pieces += [text[cursor:mention.start], f"⟪{index}⟫"]
        cursor = mention.end
    pieces.append(text[cursor:])
    return "".join(pieces), chosen


def _original_span(chosen: list[Mention], start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that [start, end) of the tagged text stands for."""
    def original(position: int) -> int:
        shift = 0
        for index, mention in enumerate(chosen):
            tag_at = mention.start + shift
            if tag_at >= position:
                break
            shift += len(f"⟪{index}⟫") - (mention.end - mention.start)
        return position - shift
    return original(start), original(end)


def _name(mention: Mention) -> str:
    return re.sub(r"['’]s$", "", mention.text)


def units_of_agencies(text: str, known: list[Mention]) -> list[Mention]:
    """Agencies named by the place, or the agency, they belong to."""
    found: list[Mention] = []
    tagged, places = _placeholders(text, known, "place")

    def organs_of(place: Mention, start: int, end: int) -> None:
        # one label however the place is written ("Fujian's", "Fujian Province"): the place's own name
        label = f"{place.id.replace('-', ' ').title()} procuratorial organs"
        found.append(Mention("agency", slugify(f"procuratorial organs of {place.id}"), start, end, label,
                             belongs_to=("jurisdiction", place.id)))

    for match in ORGANS_OF_PLACE.finditer(tagged):
        organs_of(places[int(match.group("place"))], *_original_span(places, match.start(), match.end()))
    for match in ORGANS_IN_PLACES.finditer(tagged):
        for index in re.findall(r"⟪(\d+)⟫", match.group("places")):
            place = places[int(index)]
            organs_of(place, place.start, place.end)
    tagged, agencies = _placeholders(text, known, "agency")
    for match in UNIT_OF_AGENCY.finditer(tagged):
        owner = agencies[int(match.group("agency"))]
        start, end = _original_span(agencies, match.start("unit"), match.end("unit"))
        found.append(Mention("agency", slugify(f"{owner.id} {match.group('unit')}"), start, end,
                             f"{_name(owner)} {match.group('unit')}", belongs_to=("sub_organization_of", owner.id)))
    for match in UNITS_SET_UP.finditer(tagged):
        before = [int(i) for i in re.findall(r"⟪(\d+)⟫", tagged[max(0, match.start() - 120):match.start()])]
        if not before:
            continue
        owner = agencies[before[-1]]
        for group in ("first", "second"):
            if match.group(group) and "⟪" not in match.group(group):
                unit = match.group(group).strip()
                start, end = _original_span(agencies, match.start(group), match.start(group) + len(unit))
                found.append(Mention("agency", slugify(f"{owner.id} {unit}"), start, end, unit,
                                     belongs_to=("sub_organization_of", owner.id)))
    return found
