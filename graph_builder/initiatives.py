"""Policies and campaigns a text describes by the shape of its words rather than by a title in quotes:
"formulated 21 guidelines on …", "issued opinions on …", "12 measures were introduced", "a five-year plan
for …", "the opinions of … on …", "special supervision on …", "a special action against …", "the campaign
against …", "the pilot of …".

A description may hold other entities ("special action against telecom fraud" holds a crime type): it
encloses their mentions instead of replacing them, so what the statistics read is left as it was.
"""

from __future__ import annotations

import re

from .entities import Mention
from .slugs import slugify

# a count makes a title of a plural ("12 measures"); "a series of measures" is everyday speech
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty)"
_COUNT_WORD = re.compile(r"^" + _COUNT + r"\b", re.IGNORECASE)
# document heads: a policy is named by one of these and what it is about
_POLICY_HEAD = (r"(?:guiding opinions|opinions|guidelines|provisions|regulations|rules|measures|interpretations?|"
                r"notices?|decisions?|circulars?)")
_PLAN_HEAD = r"(?:plan|strategy|program(?:me)?)"
# heads whose bare plural is everyday speech ("took measures to …"): a policy only with a count
_NEEDS_COUNT = {"measures", "rules", "decisions", "notices", "circulars"}
# words that qualify a head ("procuratorial", "guiding", "special"), never a function word
_MODIFIER = r"(?:(?!(?:and|or|the|a|an|of|to|in|on|for|with|by|its|their|our|we|will)\b)[a-z][\w'’-]* ){0,3}"
_ISSUING = (r"(?:formulat|issu|introduc|releas|adopt|publish|promulgat|draft|updat|implement|revis|enact|"
            r"develop|prepar)(?:e|ed|es|ing|s)?")
_CAMPAIGN_HEAD = (r"special\s+(?:(?:supervision|rectification|correction|crackdown|protection|inspection|governance)"
                  r"\s+)?(?:actions?|campaigns?|programs?|programmes?|projects?|items?|services|operations?|"
                  r"rectification|correction|supervision|crackdowns?)")
_TOPIC = r"(?:on|of|for|against|over|to|about|targeting|concerning|regarding)"
# "the provisions of the Criminal Law" is a part of a law, not a policy: "of" introduces no policy's topic
_POLICY_TOPIC = r"(?:on|for|against|to|about|concerning|regarding)"

POLICY_AFTER_VERB = re.compile(
    r"\b" + _ISSUING + r"(?: (?:and|or) (?!the\b|a\b|an\b)\w+)? (?:(?:the|a|an) )?"
    r"(?P<name>(?:" + _COUNT + r"\s+)?" + _MODIFIER + r"(?P<head>" + _POLICY_HEAD + r")\s+" + _POLICY_TOPIC + r"\s)",
    re.IGNORECASE)
POLICY_PASSIVE = re.compile(
    r"(?<![\w-])(?P<name>(?:" + _COUNT + r"\s+)?" + _MODIFIER + r"(?P<head>" + _POLICY_HEAD + r"))"
    r" (?:were|was|have been|has been|had been) (?:jointly )?" + _ISSUING + r"\b(?P<topic> " + _POLICY_TOPIC + r" )?",
    re.IGNORECASE)
POLICY_OF_ON = re.compile(
    r"\bthe\s+(?P<name>(?:guiding\s+)?(?:opinions|guidelines|provisions|regulations)"
    r"(?:\s+of\s+(?:the\s+)?[\w'’ -]{3,60}?)?\s+on\s)", re.IGNORECASE)
PLAN = re.compile(
    r"\b(?:(?P<verb>" + _ISSUING + r")\s+(?:of\s+)?)?(?:a|an|the)\s+"
    r"(?P<name>(?:(?:\w+-year|[a-z]+-?[a-z]+)\s+){1,3}" + _PLAN_HEAD + r")(?P<topic>\s+(?:for|on|of)\s)?",
    re.IGNORECASE)
PILOT = re.compile(r"\b(?:the|a)\s+(?P<name>pilot(?P<programme>\s+(?:program(?:me)?|project|scheme))?\s+(?:of|on|for)\s)",
                   re.IGNORECASE)
# a special action without a topic is told apart by whom it is carried out with
_PARTNERED = r"(?:with|(?:in\s+conjunction|together|jointly)\s+with)"
SPECIAL_CAMPAIGN = re.compile(r"(?<![\w-])(?P<name>" + _CAMPAIGN_HEAD + r"\s+(?:" + _TOPIC + "|" + _PARTNERED + r")\s)",
                              re.IGNORECASE)
CAMPAIGN_AGAINST = re.compile(
    r"\bthe\s+(?P<name>(?:campaign\s+(?:against|on)|(?:crackdown|operation)\s+against)\s)", re.IGNORECASE)
NAMED_OPERATION = re.compile(
    r"\b(?:launch|start|beg[ia]n|carr(?:y|ied)\s+out|conduct|initiat|deploy|organi[sz])\w*\s+(?:the|a)\s+"
    r"(?P<name>[a-z]+(?:-[a-z]+)+\s+(?:operation|campaign|action|crackdown))\b", re.IGNORECASE)

# where a description ends: the clause ends, an example or a purpose starts, another verb follows
_END = re.compile(
    r"[,;:.!?()\n]|\s+(?:such as|so as|in order|including|which|that|who|whereby|while)\b"
    r"|\s+(?:was|were|is|are|has|have|had|will|would)\s"
    # the verb of a sentence whose subject the description is ("the pilot of X followed")
    r"|\s+(?:began|went|followed|continued|grew|rose|fell|ended|started|opened|concluded|took|saw|achieved|"
    r"yielded|resulted|lasted|helped)\b"
    r"|\s+in the (?:field|area|sphere)s? of\b"
    r"|\s+by\s+(?=\w+(?:ing|ly)\b)"
    r"|\s+and\s+(?:the|a|an)\s"
    r"|\s+and\s+(?:will|shall|would|also|then|further)\b"
    r"|\s+and\s+(?:(?:\w+ly|later|then|also|jointly|further|soon|again)\s+)?"
    r"(?:\w+ed|oversaw|built|made|set|took|sent|held|led|won|gave|began|undertook)\b"
    r"|(?<=[\"”])\s+of\s", re.IGNORECASE)
# a purpose ("to regulate …") ends a description whose topic was already given ("guidelines on X to …")
_PURPOSE = re.compile(r"\s+to\s+(?=[a-z]+\b)")
_MAX_WORDS = 24
_TRAILING = re.compile(r"(?:\s+(?:and|or|the|to))*\s*$")


def _description_end(text: str, start: int, topic_given: bool) -> int:
    """Where the description that starts at ``start`` ends."""
    limit = min(len(text), start + 400)
    end = _END.search(text, start, limit)
    stop = end.start() if end else limit
    if topic_given:
        purpose = _PURPOSE.search(text, start, stop)
        if purpose:
            stop = purpose.start()
    return stop


def short_name(label: str) -> str | None:
    """The counted head a text refers to a described policy by ("23 procuratorial opinions" of "23
    procuratorial opinions to ensure …"), or None when the label has no count or is that short already."""
    if not _COUNT_WORD.match(label):
        return None
    match = re.match(r"^(?P<short>.*?\b" + _POLICY_HEAD + r")\b", label, re.IGNORECASE)
    if match is None or match.group("short") == label:
        return None
    return match.group("short")


def _kept(label: str, head: str | None) -> bool:
    words = label.split()
    if len(words) > _MAX_WORDS:
        return False
    if head and head.lower() in _NEEDS_COUNT and not _COUNT_WORD.match(label):
        return False
    return len(words) >= 2


def describe_initiatives(text: str, known: list[Mention]) -> list[Mention]:
    """Policies and campaigns described in ``text``, each once, never overlapping a policy or campaign
    already known there (a title of the lexicon or in quotes)."""
    taken = [(m.start, m.end) for m in known if m.kind in ("policy", "campaign")]
    found: list[Mention] = []

    def add(kind: str, start: int, end: int, head: str | None = None, label: str | None = None) -> None:
        written = _TRAILING.sub("", text[start:end])
        end = start + len(written)
        label = _TRAILING.sub("", re.sub(r"\s+", " ", label or written)).strip()
        if not _kept(label, head) or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        short = written if label != re.sub(r"\s+", " ", written) else short_name(label)
        found.append(Mention(kind, slugify(label), start, end, label, short))

    for pattern in (SPECIAL_CAMPAIGN, CAMPAIGN_AGAINST):
        for match in pattern.finditer(text):
            add("campaign", match.start("name"), _description_end(text, match.end("name") - 1, topic_given=True))
    for match in NAMED_OPERATION.finditer(text):
        add("campaign", match.start("name"), match.end("name"))
    for match in PILOT.finditer(text):
        kind = "campaign" if match.group("programme") else "policy"
        add(kind, match.start("name"), _description_end(text, match.end("name") - 1, topic_given=True))
    for match in POLICY_PASSIVE.finditer(text):
        name = match.group("name")
        if _COUNT_WORD.match(name) or not name.lower().startswith(match.group("head").lower()):
            # "12 measures were introduced to promote X": the measures and what they are for
            topic = ""
            if match.group("topic"):
                topic = text[match.start("topic"):_description_end(text, match.end("topic") - 1, True)]
            add("policy", match.start("name"), match.end("name"), match.group("head"), label=name + topic)
    for pattern in (POLICY_AFTER_VERB, POLICY_OF_ON):
        for match in pattern.finditer(text):
            head = match.group("head") if "head" in pattern.groupindex else None
            add("policy", match.start("name"), _description_end(text, match.end("name") - 1, topic_given=True), head)
    for match in PLAN.finditer(text):      # a plan is named where it is made or carried out
        if match.group("verb") and match.group("topic"):
            add("policy", match.start("name"), _description_end(text, match.end("topic") - 1, topic_given=True))
        elif match.group("verb") and "-year" not in match.group("name").lower():
            add("policy", match.start("name"), match.end("name"))
    return sorted(found, key=lambda m: m.start)


def with_descriptions(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` and the policies and campaigns described in ``text``, in text order, a description
    before the mentions it encloses."""
    return sorted(mentions + describe_initiatives(text, mentions), key=lambda m: (m.start, -m.end))
