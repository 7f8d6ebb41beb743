"""Relations stated in a sentence: official -> agency with role, policy issued by agencies,
campaign launched by agencies and targeting crime types, agency collaborating with agency, events."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus import Document
from .entities import Evidence, Mention, TaggedText, mentions_by_sentence
from .events import EventFact, find_events
from .lexicon import PHRASE_PLACEHOLDERS, Lexicon, expand_phrase
from .people import PersonFact, find_people
from .sentences import Sentence

_NAME = PHRASE_PLACEHOLDERS["{official}"]
_ONE_ROLE = r"(?:(?:former|then|acting|executive)\s+)?⟦role:[a-z0-9-]+⟧"
# one role or several ("Party secretary and procurator-general")
_ROLE = r"(?:(?:the|a|an)\s+)?(?P<roles>" + _ONE_ROLE + r"(?:(?:,\s*|\s+and\s+)(?:the\s+)?" + _ONE_ROLE + r")*)"
# "head of its Eighth Office", "head of the SPP's research office": the unit, the last of a possessive chain
_PAST_ROLE = re.compile(r"(?:\b(former|then)\s+)?⟦role:([a-z0-9-]+)⟧")
_AGENCY = r"(?:(?:its|their)\s+|(?:the\s+)?⟦agency:[a-z0-9-]+⟧['’]s\s+)?" + PHRASE_PLACEHOLDERS["{agency}"]
_OF = r"\s+(?:of|with|for|at|in|from)\s+"
MEMBERSHIP_PATTERNS = (
    re.compile(_NAME + r",\s+" + _ROLE + _OF + _AGENCY),                   # Name, title of Agency
    re.compile(_ROLE + _OF + _AGENCY + r"[\s,]+" + _NAME + r"(?![\w⟦])"),    # Title of Agency Name
    re.compile(_AGENCY + r"(?:['’]s)?\s+" + _ROLE + r"\s+" + _NAME),        # Agency title Name
    re.compile(_NAME + r",\s+" + _AGENCY + r"['’]s\s+" + _ROLE.replace(r"(?:(?:the|a|an)\s+)?", "")),  # Name, the Agency's title
)
_ISSUED = r"(?:issued|formulated|released|promulgated|adopted|published|introduced|drafted|developed|updated)"
_ISSUE_VERB = re.compile(r"(?:jointly\s+)?" + _ISSUED + r"(?:\s+and\s+\w+ed)?\s+(?:(?:the|a|an)\s+)?"
                         r"[\"“]?⟦policy:(?P<policy>[a-z0-9-]+)⟧")
# "12 measures were introduced": the reporter issued them, with the partners the sentence names
_ISSUED_PASSIVE = re.compile(r"⟦policy:(?P<policy>[a-z0-9-]+)⟧[\"”]?\s+(?:were|was|have been|has been|had been)\s+"
                             r"(?:jointly\s+)?" + _ISSUED + r"\b")
# between the items of a list: commas, "and", "the", and the brackets of a short form ("… Court (SPC), the …")
_LIST_GLUE = re.compile(r"^(?:\s|,|[()]|\band\b|\bthe\b|\bas well as\b)*$")
_LAUNCH_VERB = re.compile(r"\b(?:launch|deploy|carr(?:y|ied|ying) out|conduct|initiat|organi[sz]|start|promot)\w*",
                          re.IGNORECASE)
_COLLABORATION = re.compile(
    r"\b(?:collaborat\w*|cooperat\w*|work(?:ed|ing)?|join(?:ed)? hands|partner\w*|coordinat\w*|"
    r"in conjunction|in collaboration|together|jointly|along)\s+with\s+", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b[Ww]e\b")
_MONTHS = ("january february march april may june july august september october november december").split()
_ISSUED_DATE = re.compile(r"\b[Ii]n (?:(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r") )?(?P<year>\d{4})\b")


@dataclass(frozen=True)
class MembershipFact:
    official_id: str | None      # lexicon id, or None for a person the lexicon does not know
    official_name: str
    role: str
    agency: str
    evidence: Evidence
    past: bool = False           # "former …", "then …": a post held before the document was written


@dataclass(frozen=True)
class IssuanceFact:
    policy: str
    agencies: tuple[str, ...]
    issued: str | None
    evidence: Evidence


@dataclass(frozen=True)
class CampaignFact:
    campaign: str
    launched_by: tuple[str, ...]
    targets: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class CollaborationFact:
    agency: str
    partners: tuple[str, ...]
    evidence: Evidence


@dataclass
class Relations:
    """Every relation of one document."""

    memberships: list[MembershipFact]
    issuances: list[IssuanceFact]
    campaigns: list[CampaignFact]
    collaborations: list[CollaborationFact]
    events: list[EventFact]
    people: list[PersonFact]


def _tags(text: str, kind: str) -> list[tuple[str, int, int]]:
    return [(m.group(1), m.start(), m.end()) for m in re.finditer(r"⟦" + kind + r":([a-z0-9-]+)⟧", text)]


def _list_before(text: str, end: int, kind: str) -> list[str]:
    """The contiguous list of ``kind`` tags that ends just before ``end`` (", ", "and", "the" between)."""
    found: list[str] = []
    cursor = end
    for tag_id, start, stop in reversed([t for t in _tags(text, kind) if t[2] <= end]):
        if not _LIST_GLUE.match(text[stop:cursor]):
            break
        found.insert(0, tag_id)
        cursor = start
    return list(dict.fromkeys(found))


def _list_after(text: str, start: int, kind: str) -> list[str]:
    found: list[str] = []
    cursor = start
    for tag_id, begin, stop in [t for t in _tags(text, kind) if t[1] >= start]:
        if not _LIST_GLUE.match(text[cursor:begin]):
            break
        found.append(tag_id)
        cursor = stop
    return list(dict.fromkeys(found))


RolePhrases = list[tuple[str, re.Pattern[str]]]


def role_phrases(lexicon: Lexicon) -> RolePhrases:
    """(role id, pattern) of every `phrases` entry of the roles in mappings/."""
    return [(role.id, expand_phrase(str(phrase))) for role in lexicon.of("role") for phrase in role.data.get("phrases") or ()]


def extract_relations(document: Document, sentences: list[Sentence], mentions: list[Mention],
                      phrases: RolePhrases = ()) -> Relations:
    """Relations of every sentence of a document; each carries its sentence as evidence."""
    relations = Relations([], [], [], [], [], [])
    reporter = document.meta.reporting_agency
    for sentence, starting in zip(sentences, mentions_by_sentence(mentions, sentences)):
        local = [m for m in starting if m.end <= sentence.end]
        people = find_people(sentence.text, sentence.start, [(m.start, m.end) for m in local])
        relations.people += people
        relations.events += find_events(sentence, local, reporter, document.meta.date)
        if not local:
            continue
        tagged = TaggedText(sentence.text, sentence.start, local)
        evidence = Evidence(sentence.start, sentence.end)
        in_cases = {p.name for p in people if not p.official}
        _memberships(tagged.text, evidence, relations, phrases, in_cases)
        _issuances(tagged.text, evidence, reporter, relations)
        _campaigns(tagged.text, evidence, reporter, relations, _enclosed(local, "crime-type"),
                   _enclosed(local, "agency"))
        _collaborations(tagged.text, evidence, reporter, relations)
    return relations


def _memberships(text: str, evidence: Evidence, relations: Relations, phrases: RolePhrases,
                 in_cases: set[str]) -> None:
    """Posts held; a person in a case ("X, former director of Y, who embezzled …") holds none."""
    for role, pattern in phrases:       # role phrases of the lexicon ("{agency} with {official} at its core")
        for match in pattern.finditer(text):
            if (match.group("name") or "") in in_cases:
                continue
            relations.memberships.append(MembershipFact(
                official_id=match.group("official"), official_name=match.group("name") or "", role=role,
                agency=match.group("agency"), evidence=evidence))
    for pattern in MEMBERSHIP_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group("name") or ""
            if name in in_cases:
                continue
            for past, role in _PAST_ROLE.findall(match.group("roles")):
                relations.memberships.append(MembershipFact(
                    official_id=match.group("official"), official_name=name, role=role,
                    agency=match.group("agency"), evidence=evidence, past=bool(past)))


def _partners_before(text: str, end: int) -> list[str]:
    """The agencies a sentence names as working with its subject before ``end`` ("In conjunction with the
    SPC and the Ministry of Justice, we formulated …")."""
    partners: list[str] = []
    for match in _COLLABORATION.finditer(text, 0, end):
        partners += [p for p in _list_after(text, match.end(), "agency") if p not in partners]
    return partners


def _issuances(text: str, evidence: Evidence, reporter: str | None, relations: Relations) -> None:
    for match in list(_ISSUE_VERB.finditer(text)) + list(_ISSUED_PASSIVE.finditer(text)):
        agencies = _list_before(text, match.start(), "agency") if match.re is _ISSUE_VERB else []
        partners = _partners_before(text, match.start())
        if not agencies and reporter and (match.re is _ISSUED_PASSIVE or _FIRST_PERSON.search(text[:match.start()])):
            agencies = [reporter]
        agencies += [p for p in partners if p not in agencies]
        if not agencies:
            continue
        date = _ISSUED_DATE.search(text)
        issued = None
        if date:
            month = date.group("month")
            issued = date.group("year") + (f"-{_MONTHS.index(month.lower()) + 1:02d}" if month else "")
        relations.issuances.append(IssuanceFact(match.group("policy"), tuple(agencies), issued, evidence))


def _enclosed(mentions: list[Mention], kind: str) -> dict[str, list[str]]:
    """The entities of ``kind`` named inside each campaign's words: the crime types it targets ("special
    action against telecom fraud"), the agencies it is carried out with ("… in conjunction with the police")."""
    return {campaign.id: [m.id for m in mentions if m.kind == kind and campaign.start <= m.start
                          and m.end <= campaign.end]
            for campaign in mentions if campaign.kind == "campaign"}


def _campaigns(text: str, evidence: Evidence, reporter: str | None, relations: Relations,
               enclosed_crimes: dict[str, list[str]], enclosed_agencies: dict[str, list[str]]) -> None:
    for campaign, start, end in _tags(text, "campaign"):
        after = [t for t, s, _ in _tags(text, "crime-type") if s >= end]
        targets = tuple(dict.fromkeys(enclosed_crimes.get(campaign, []) + after))
        launched: tuple[str, ...] = ()
        verb = None
        for verb in _LAUNCH_VERB.finditer(text[max(0, start - 80):start]):
            pass
        if verb is not None:
            verb_at = max(0, start - 80) + verb.start()
            agencies = [a for a, s, _ in _tags(text, "agency") if s < verb_at]
            if agencies:
                launched = (agencies[-1],)
            elif reporter and _FIRST_PERSON.search(text[:verb_at]):
                launched = (reporter,)
        if launched:
            launched = tuple(dict.fromkeys(launched + tuple(enclosed_agencies.get(campaign, []))))
        if targets or launched:
            relations.campaigns.append(CampaignFact(campaign, launched, targets, evidence))


def _collaborations(text: str, evidence: Evidence, reporter: str | None, relations: Relations) -> None:
    for match in _COLLABORATION.finditer(text):
        partners = _list_after(text, match.end(), "agency")
        if not partners:
            continue
        before = [a for a, _, _ in _tags(text, "agency") if a not in partners and _ < match.start()]
        subject = before[-1] if before else reporter
        partners = [p for p in partners if p != subject]
        if subject and partners:
            relations.collaborations.append(CollaborationFact(subject, tuple(partners), evidence))
