"""Named people other than the holders of posts the relation patterns find: people in cases (suspects,
defendants, fugitives), the editors of a page, and holders of a post named only by their title
("model procurators such as A and B").

People in cases are people, never officials: a post they held ("X, former director of Y, who
embezzled …") describes them and makes no membership.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.\s+)?[A-Z][a-z]+(?:[- ][A-Z][a-z]+){0,2}"
_NAMES = r"(?P<names>" + _NAME + r"(?:(?:,\s*|,?\s+and\s+)" + _NAME + r")*)"
_CRIME_VERB = (r"(?:killed|murdered|embezzled|misappropriated|stole|robbed|defrauded|swindled|fled|absconded|laundered|"
               r"raped|kidnapped|bribed|poisoned|smuggled|trafficked|(?:took|accepted|offered)\s+bribes|"
               r"helped\s+(?:others\s+)?(?:conceal|hide|launder|transfer)|"
               r"(?:was|were|had\s+been|has\s+been)\s+(?:sentenced|prosecuted|indicted|arrested|convicted|charged|"
               r"detained|extradited|repatriated|executed))")
# "indicting X", "the case of X and Y", "a murder committed by X", "X killed …", "X, former …, who embezzled …"
IN_CASE_BEFORE = re.compile(
    r"\b(?:indict(?:ed|ing)|prosecut(?:ed|ing)|sentenc(?:ed|ing)|convict(?:ed|ing)|arrest(?:ed|ing)|"
    r"extradit(?:ed|ing)|repatriat(?:ed|ing)|the\s+case\s+of|committed\s+by|suspects?|defendants?|fugitives?)"
    r"\s+[\"“]?" + _NAMES + r"(?![\w-])")
IN_CASE_AFTER = re.compile(
    r"(?:^|(?<=[.;:!?]\s)|(?<=\bexample,\s)|(?<=\binstance,\s))" + _NAMES +
    r"(?:['’]s\s+\w+ing\b|(?:,\s+[^,]{3,100},)?\s+(?:who\s+)?(?:also\s+)?" + _CRIME_VERB + r")")
EDITOR = re.compile(r"\b(?P<role>(?:Responsible\s+|Executive\s+)?[Ee]ditor|Edit|Editor-in-charge|Translator|Reporter)"
                    r"\s*[:：]\s*(?P<names>" + _NAME + r")")
# "59 national model procurators such as A and B": officials whose post the title gives
TITLED = re.compile(r"\b(?P<title>(?:(?!(?:and|or|the|of)\b)[a-z-]+\s+){0,3}(?:procurators|prosecutors|judges))"
                    r"\s+(?:such\s+as|including|like)\s+"
                    + _NAMES)
_NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "In", "On", "For", "After",
              "Police", "Prosecutors", "Procurators", "Courts", "Later", "Meanwhile", "However", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Chinese", "Foreign", "Former"}
# a capitalised name ending in one of these is an organisation's ("Canberra Holdings")
_ORGANISATION_WORDS = {"Holdings", "Company", "Group", "Corporation", "Bank", "Ltd", "Inc", "Association", "Committee",
                       "Court", "Procuratorate", "Bureau", "Ministry", "Office", "Department", "University", "Hospital",
                       "School", "Platform", "Network", "Technology", "Technologies", "Media", "Trading", "Industries"}


@dataclass(frozen=True)
class PersonFact:
    """A named person, what the text says they are, and whether that is a post (an official)."""

    name: str
    role: str
    official: bool
    start: int
    end: int


def _split(names: str) -> list[str]:
    return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", names) if n.strip()]


def _is_name(name: str, taken: list[tuple[int, int]], start: int, single_word: bool) -> bool:
    """Whether ``name`` is a person's name: no entity's, no common word, and one word only where the
    shape allows it (a title before it, a deed after it: "Ms. Tan", "Xiang helped …")."""
    titled = re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.\s+", name) is not None
    words = name.split()[1:] if titled else name.split()
    if words[0] in _NOT_NAMES or words[-1] in _ORGANISATION_WORDS:
        return False
    if len(words) == 1 and not (titled or single_word):
        return False
    return not any(s < start + len(name) and start < e for s, e in taken)


def find_people(sentence: str, offset: int, entity_spans: list[tuple[int, int]]) -> list[PersonFact]:
    """The people of one sentence (text starting at ``offset`` of the document); ``entity_spans`` are the
    document spans of known entities, which are no people's names."""
    taken = [(s - offset, e - offset) for s, e in entity_spans]
    found: dict[str, PersonFact] = {}

    def add(match: re.Match[str], role: str, official: bool, single_word: bool = False) -> None:
        for name in _split(match.group("names")):
            start = sentence.find(name, match.start("names"))
            if start >= 0 and name not in found and _is_name(name, taken, start, single_word):
                found[name] = PersonFact(name, role, official, offset + start, offset + start + len(name))

    for match in IN_CASE_BEFORE.finditer(sentence):
        add(match, "person in a case", False)
    for match in IN_CASE_AFTER.finditer(sentence):
        add(match, "person in a case", False, single_word=True)
    for match in EDITOR.finditer(sentence):
        add(match, re.sub(r"^edit$", "editor", match.group("role").strip().lower()), False)
    for match in TITLED.finditer(sentence):
        add(match, re.sub(r"s$", "", match.group("title").strip()), True)
    return list(found.values())
