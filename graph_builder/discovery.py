"""Find agencies, policies, campaigns and places the lexicon does not know yet, from the shape of their
names ("the Ministry of Ecology and Environment", the "Opinions on ...", the "Sky Shield" campaign, "No. 6
Procuratorial Suggestion", Dongting Lake), and agencies named by what they belong to (units.py)."""

from __future__ import annotations

import re

from .entities import Mention
from .slugs import slugify
from .units import units_of_agencies

_WORD = r"[A-Z][\w'’.-]*"
_CONNECTOR = r"(?:of|and|for|on|the|in)"
_AGENCY_HEAD = (r"(?:Ministry|Administration|Commission|Bureau|Procuratorate|Court|Federation|Association|Office|"
                r"Committee|Department|Council|Agency|Authority|Academy|Corporation|Service)")
AGENCY = re.compile(
    r"(?<![\w'’-])(?P<label>(?:" + _WORD + r"\s+(?:" + _CONNECTOR + r"\s+)*){0,6}" + _AGENCY_HEAD +
    r"(?:\s+(?:of|for)\s+(?:the\s+)?" + _WORD + r"(?:\s+(?:and\s+|of\s+)?" + _WORD + r"){0,5})?)(?![\w-])")
_POLICY_HEAD = r"(?:Opinions|Provisions|Regulations|Rules|Measures|Guidelines|Interpretations?|Decision|Notice|Plan|Law|Code)"
POLICY = re.compile(
    r"[\"“](?P<label>" + _WORD + r"(?:\s+[\w'’,()-]+){1,30})[\"”]"                     # a quoted title ...
    # "the … Law", but "the Rule of Law …" names none
    r"|(?<![\w-])(?P<law>(?:" + _WORD + r"\s+(?:(?:and|of|on|for|the)\s+)*){1,8}(?<!Rule of )Law)(?![\w-])")
CAMPAIGN = re.compile(
    r"(?:campaign|action|operation|crackdown)\s+(?:of|called|named|dubbed|code-?named)\s+[\"“](?P<after>[^\"”]{3,80})[\"”]"
    r"|[\"“](?P<before>[^\"”]{3,80})[\"”]\s+(?:special\s+)?(?:campaign|action|operation|crackdown)"
    # a quoted name of an initiative: the "Clear Water" volunteer reporting platform
    r"|[\"“](?P<initiative>[^\"”]{3,60})[\"”]\s+(?:[\w-]+\s+){0,6}?(?:platform|initiative|project|programme)\b",
    re.IGNORECASE)
# a capitalised name before "campaign", "operation" or "crackdown": the Sky Shield campaign, Operation aside
NAMED_CAMPAIGN = re.compile(r"(?<![\w'’-])(?P<named>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
                            r"(?:[Ss]pecial\s+)?(?:[Cc]ampaign|[Oo]peration|[Cc]rackdown)(?![\w-])")
_NOT_CAMPAIGN_NAMES = re.compile(r"^(?:Another|Each|Every|One|Any|Such|Further|Special|This|That|These|The|A|An|Its|"
                                 r"Their|Our)$")
# a capitalised name of a county, district, lake, river, sea or mountain: Dongting Lake, Jiangbei District
PLACE = re.compile(r"(?<![\w'’-])(?P<label>(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\s+){1,3}(?:County|District|Prefecture|"
                   r"Township|Village|City|Lake|River|Mountains?|Sea|Bay|Basin|Plateau|Desert|Islands?|Canal|"
                   r"Reservoir|Gorges?))(?![\w-]|\s+[A-Z])")      # "Greater Bay Area", "Jiangbei District Court": longer
# a numbered document: "No. 3 Procuratorial Suggestion", "No. 12 Guiding Case"
NUMBERED_DOCUMENT = re.compile(r"(?<![\w-])No\.\s*\d+\s+(?:[A-Z][\w-]*\s+){0,3}"
                               r"(?:Suggestion|Recommendation|Notice|Circular|Decision|Guiding Case)s?(?![\w-])")
_POLICY_TITLE = re.compile(r"\b" + _POLICY_HEAD + r"\b")
_REPLACEABLE = ("place", "crime-type")
# generic two-word names ("Standing Committee", "People's Court") are references, not names
_MIN_WORDS = {"agency": 3, "policy": 3, "campaign": 1, "place": 2}
_LEADING = re.compile(r"^(?:The|This|That|These|Its|Their|Our|Under|And|In|On|At)\s+")


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return not any(s < end and start < e for s, e in taken)


def with_discoveries(text: str, known: list[Mention]) -> list[Mention]:
    """The known mentions plus agencies, policies and campaigns the lexicon does not know.

    A discovered name never overlaps a known mention, except a place or crime type inside it
    ("Beijing Municipal Public Security Bureau", "Anti-Telecom and Online Fraud Law"), which the
    discovered name then replaces.
    """
    taken = [(m.start, m.end) for m in known if m.kind not in _REPLACEABLE]
    found: list[Mention] = []

    def add(kind: str, label: str, start: int, end: int) -> bool:
        stripped = _LEADING.sub("", label.strip()).strip(" ,")
        start += label.find(stripped)
        end = start + len(stripped)
        names = [w for w in stripped.split() if w not in ("of", "and", "for", "on", "the", "in")]
        if len(names) < _MIN_WORDS[kind] or not _free(start, end, taken):
            return False
        taken.append((start, end))
        found.append(Mention(kind, slugify(stripped), start, end, stripped))
        return True

    for match in CAMPAIGN.finditer(text):
        group = next(name for name in ("after", "before", "initiative") if match.group(name))
        add("campaign", match.group(group), match.start(group), match.end(group))
    for match in NAMED_CAMPAIGN.finditer(text):
        named = match.group("named")
        at_sentence_start = re.search(r"(?:^|[.!?]\s+)$", text[:match.start()]) is not None
        if not _NOT_CAMPAIGN_NAMES.match(named.split()[0]) and not (at_sentence_start and " " not in named):
            add("campaign", match.group(0), match.start(), match.end())
    for match in NUMBERED_DOCUMENT.finditer(text):
        add("policy", match.group(0), match.start(), match.end())
    for match in POLICY.finditer(text):
        group = "label" if match.group("label") else "law"
        if _POLICY_TITLE.search(match.group(group)):
            add("policy", match.group(group), match.start(group), match.end(group))
    for match in AGENCY.finditer(text):
        # a match may begin inside an earlier name ("… Fraud Law and the Beijing … Bureau"): try later starts
        for word in re.finditer(r"(?<![\w'’-])[A-Z]", text[match.start("label"):match.end("label")]):
            shorter = AGENCY.match(text, match.start("label") + word.start(), match.end("label"))
            if shorter and add("agency", shorter.group("label"), shorter.start("label"), shorter.end("label")):
                break
    for match in PLACE.finditer(text):
        add("place", match.group("label"), match.start("label"), match.end("label"))
    for unit in units_of_agencies(text, known):
        if _free(unit.start, unit.end, taken):
            taken.append((unit.start, unit.end))
            found.append(unit)
    kept = [m for m in known if _free(m.start, m.end, [(f.start, f.end) for f in found])]
    return sorted(kept + found, key=lambda m: m.start)
