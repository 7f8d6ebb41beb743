"""Concepts the lexicon does not know, named by the words of the text: crime types (what a figure of
people was arrested, charged or prosecuted for: "67,846 people were arrested for intentional injury",
"accused of opening a casino", "Picking quarrels and provoking trouble: 113,850 people"), fields of work
("in the field of ...") and measures (the counted noun and its verb: "57,000 guardianship orders were
issued", "we visited 2,239 deputies")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .slugs import slugify

_PERSON_NOUN = r"(?:people|persons|suspects|defendants|individuals|offenders|criminals|personnel|officials|officers|cadres)"
# after the number: "[people] [were] [arrested|charged|prosecuted|accused|indicted] for|with|of <subject>"
_AFTER = re.compile(
    # "167 individuals, mostly internal staff, have been prosecuted for ...": an aside after the people
    r"\s*(?:(?:[\w-]+\s+){0,2}?" + _PERSON_NOUN + r"(?:\s*,[^,;.()\d]{1,40},)?\s+)?"
    r"(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|"
    r"will\s+be|would\s+be|being|who\s+were)\s+)?"
    r"(?:(?:arrested|charged|prosecuted|indicted|accused|suspected|convicted|tried|sentenced|investigated)\s+)?"
    r"(?:for|with|of|over|on\s+(?:the\s+)?(?:charges?|accusations?)\s+(?:of|involving)|in\s+connection\s+with)\s+"
    r"(?P<subject>[^,;.()\n]{3,90})", re.IGNORECASE)
# after a figure of cases: "1,200 cases involving crimes endangering public security", "cases of smuggling crimes"
_CASES_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?cases?\s+(?:involving|of|concerning)\s+"
                          r"(?P<subject>[^,;.()\n]{0,40}?\b(?:crimes?|offen[cs]es)\b[^,;.()\n]{0,60})", re.IGNORECASE)
# before the number: a list item's label ("Online gambling: 23,500") or "Arrests for X totalled N"
_LABEL_BEFORE = re.compile(r"(?:^|\n)\s*(?P<subject>[A-Z][^:：\n]{2,80})[:：]\s*(?:about|more than|nearly|some|over)?\s*$")
# "Arrests for X totalled", "the number of people prosecuted for X reached", "Suspects in X cases numbered":
# the subject stands between the counting words and the verb that gives the figure, commas and all
_COUNTED_FOR = (r"(?:(?:arrests?|prosecutions?|charges|indictments?|convictions?)(?:\s+of(?:\s+[\w-]+){1,3}?)?"
                r"\s+(?:for|over|involving)|(?:the\s+)?number\s+of\s+(?:[\w-]+\s+)?cases\s+(?:of|involving)|"
                r"(?:(?:the\s+)?number\s+of\s+)?" + _PERSON_NOUN + r"\s+(?:(?:who\s+were|were)\s+)?"
                r"(?:arrested|prosecuted|charged|indicted|convicted|accused|investigated|suspected|tried)\s+(?:for|with|of)|"
                r"(?:(?:the\s+)?number\s+of\s+)?" + _PERSON_NOUN + r"\s+(?:in|involved\s+in|involving))\s+")
_FIGURE_VERB = (r"(?:totall?ed|numbered|reached|stood\s+at|came\s+to|amounted\s+to|(?:rose|grew|climbed|jumped|fell|"
                r"dropped|declined|increased|decreased)(?:\s+by|\s+to)?)\s*(?:about\s+|more\s+than\s+|nearly\s+|some\s+)?$")
_FOR_BEFORE = re.compile(r"\b" + _COUNTED_FOR + r"(?P<subject>[^;.()\n]{3,160}?)(?:\s+(?:cases|crimes))?,?\s+"
                         + _FIGURE_VERB, re.IGNORECASE)
# "X came next at 93,834", "X ranked second with 113,454": a ranked list written as prose
_RANKED_BEFORE = re.compile(r"(?:^|[,;(]\s*(?:and\s+|while\s+|but\s+)?|\.\s+)(?P<subject>[A-Za-z][^,;:()\n]{2,80}?)\s+"
                            r"(?:came|ranked|was|were|stood|placed|followed)\s+(?:next|second|third|fourth|fifth|"
                            r"sixth|seventh|eighth|ninth|tenth)\s+(?:at|with)\s*(?:about\s+|more\s+than\s+|nearly\s+)?$")
# an appositive that says what the subject covers: "drug cases, a category covering ..., numbered"
_APPOSITIVE = re.compile(r",\s+(?:an?|the|which|who|including|such\s+as|mainly|mostly|most|many|some|all|half|"
                         r"chiefly|largely|often|usually)\b.*$", re.IGNORECASE)
# where a subject phrase stops: a time, a comparison or a new clause
_STOP = re.compile(
    r"\s+(?:in\s+(?:19|20)\d\d|during|between|from|since|compared|than|while|whereas|which|who|where|when|"
    r"(?:was|were|is|are|has|have|had)\s+(?:\w+ly\s+)?(?:approved|authori[sz]ed|put|made|taken|submitted|accepted|"
    r"handled|filed|issued|found|given|sent|returned|carried|conducted|been)|(?:found|deemed|considered|held)\s+to|"
    r"in\s+accordance|in\s+order\s+to|according|as|to|and\s+(?:the|a|an|in|more|over|about|nearly|another|upwards|\d|\w+ed\b)|"
    r"up|down|accounting|making|representing|a\s+(?:rise|drop|fall|decline|decrease|increase)|"
    # "resources such as forest", "remuneration with over 71 million yuan involved": examples and amounts
    r"such\s+as|including|with\s+(?:over|more|about|nearly|a\s+total|total|\d)|involving\s+(?:over|more|about|\d))\b"
    r"|\s+(?:in|over)\s+the\s+(?:first|past|last|same)\b"
    r"|\s+respectively\b|\s+(?:in|within|across)\s+the\s+(?:[\w'’-]+\s+){0,4}?fields?\b"
    r"|\s+(?:in|during|over|across)\s+the\s+(?:spring|summer|autumn|fall|winter|year|month|period|quarter|city|"
    r"province|county|country|region|capital)\b|\s+(?:last|this|next)\s+(?:year|month|week)\b",
    re.IGNORECASE)
_LEADING = re.compile(r"^(?:the\s+)?(?:(?:crimes?|offen[cs]es?|charges?)\s+(?:of|related\s+to|involving)\s+|"
                      r"(?:their\s+)?involvement\s+in\s+|committing\s+)", re.IGNORECASE)
_NOT_A_SUBJECT = re.compile(r"^(?:the|a|an|their|its|his|her|all|them|those|these|this|that|such|which|whom|whose|"
                            r"who|it|us|review|"
                            r"trial|prosecution|arrest|"
                            # "for acting as protective umbrellas": a role played, not a crime's name
                            r"acting|serving|posing)\b", re.IGNORECASE)
_GENERIC = re.compile(r"^(?:(?:various|other|serious|all|major|criminal|related|different)\s+)*"
                      r"(?:(?:types?|kinds?|sorts?|categories)(?:\s+of)?\s+)?"
                      r"(?:crimes?|offen[cs]es?|cases?|criminal\s+offen[cs]es)$"
                      r"|^(?:various|all|different)\s+(?:types|kinds|sorts|categories)$", re.IGNORECASE)
_MAX_WORDS = 12
_CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|remained|remains|became|becomes|saw|sees|showed|shows|"
                          r"included|includes|include|comprised|covered|went|came|rose|fell|grew|took|made|gave|got|"
                          r"kept|held|moved|turned|dropped|climbed|jumped|increased|decreased|declined|doubled|"
                          r"said|says|continued|continues|stood|stands)\b", re.IGNORECASE)
_SUCH_AS = re.compile(r"^(?:the\s+)?(?:crimes?|offen[cs]es?|cases?|acts?)\s+(?:such\s+as|including|like)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NamedSubject:
    """A crime type, field or measure named by the text: its slug, its label as written and where it is;
    a combined category ("theft, fraud and drug crimes") lists the lexicon's concepts it combines."""

    id: str
    label: str
    start: int
    end: int
    members: tuple[str, ...] = ()          # a combined category: the concepts it combines (skos:narrower)
    broader: tuple[str, ...] = ()          # the lexicon's concepts it is a kind of (skos:broader)


def _clean(text: str, start: int, bounded: bool = False) -> NamedSubject | None:
    """The subject in ``text`` (at ``start``): leading words that say nothing cut off, and, unless the
    text is ``bounded`` by the words around it, what follows the subject (a time, a comparison, a new
    clause)."""
    if _SUCH_AS.match(text):
        return None         # "crimes such as trademark, patent or copyright infringement": examples, no category
    lead = _LEADING.match(text)
    offset = lead.end() if lead else 0
    if bounded:
        appositive = _APPOSITIVE.search(text, offset)
        phrase = text[offset:appositive.start() if appositive else len(text)].rstrip(" :,")
    else:
        stop = _STOP.search(text, offset)
        phrase = text[offset:stop.start() if stop else len(text)].rstrip(" :")
    words = phrase.split()
    if not words or len(words) > _MAX_WORDS or _NOT_A_SUBJECT.match(phrase) or _GENERIC.match(phrase) \
            or not phrase[0].isalpha():
        return None
    begin = start + offset
    label = phrase[0].lower() + phrase[1:] if phrase[1:2].islower() else phrase   # "Bid rigging: ..." -> bid rigging
    return NamedSubject(slugify(phrase), label, begin, begin + len(phrase))


def subject_after(text: str, position: int, end: int, cases: bool = False) -> NamedSubject | None:
    """The subject written after a figure of people, or of ``cases`` (``text[position:end]`` follows the number)."""
    match = (_CASES_AFTER if cases else _AFTER).match(text, position, end)
    if match is None:
        return None
    return _clean(match.group("subject"), match.start("subject"))


# "The rise involved people who supply the tools of fraud, such as ... Only 137 such people were prosecuted"
_SUCH_AFTER = re.compile(r"\s*such\s+" + _PERSON_NOUN + r"\b", re.IGNORECASE)
_WHO_DO = re.compile(r"\b(?:" + _PERSON_NOUN + r"|those)\s+who\s+(?P<subject>[^.;]{3,160})", re.IGNORECASE)
_SUCH_LOOKBACK = 400


def subject_of_such(text: str, number_end: int, sentence_start: int) -> NamedSubject | None:
    """What "such people" after a figure are: the people a sentence before it describes ("people who supply
    the tools of fraud")."""
    if not _SUCH_AFTER.match(text, number_end):
        return None
    start = max(0, sentence_start - _SUCH_LOOKBACK)
    described = list(_WHO_DO.finditer(text, start, sentence_start))
    if not described:
        return None
    return _clean(described[-1].group("subject"), described[-1].start("subject"), bounded=True)


def subject_before(text: str, start: int, position: int) -> NamedSubject | None:
    """The subject written before a figure: a list item's label, "Arrests for X totalled", "the number of
    people prosecuted for X reached", "X came next at"."""
    window = text[start:position]
    match = _LABEL_BEFORE.search(window)
    if match is not None:
        if _CLAUSE_VERB.search(match.group("subject")):
            return None     # "Juvenile crime remained a concern: ..." opens a sentence, it labels no item
        return _clean(match.group("subject"), start + match.start("subject"))
    match = _FOR_BEFORE.search(window) or _RANKED_BEFORE.search(window)
    if match is None:
        return None
    return _clean(match.group("subject"), start + match.start("subject"), bounded=True)


# "in the field of protecting heritage", "in the food and drug safety field", "in the fields of defence"
_FIELD_OF = re.compile(r"\b(?:in|within|across)\s+the\s+(?:\w+\s+)?fields?\s+of\s+(?P<subject>[^,;.()\n]{3,90})",
                       re.IGNORECASE)
_FIELD_BEFORE = re.compile(r"\b(?:in|within|across)\s+the\s+(?P<subject>(?:[\w'’-]+\s+){1,6}?)fields?\b", re.IGNORECASE)


# "39,000 suggestions on campus safety", "ten opinions for protecting wetlands were issued": what the documents
# a figure counts are about
_DOCUMENTS = (r"\s*(?:[\w-]+\s+){0,2}?(?:suggestions|recommendations|opinions|guidelines|measures|proposals|"
              r"regulations|interpretations|notices)")
_PASSIVE = r"(?:\s+(?:were|was|have\s+been|had\s+been)\s+[a-z]+)?"
_DOCUMENTS_ON = re.compile(_DOCUMENTS + _PASSIVE + r"\s+(?:on|for|regarding|concerning|about)\s+(?P<subject>[^,;.()\n]{3,90})",
                           re.IGNORECASE)
# "14,000 suggestions for appeal or retrial were submitted regarding civil judgments": what they are for is
# their kind; what they are about is their subject
_DOCUMENTS_ABOUT = re.compile(_DOCUMENTS + r"\s+for\s+(?:[\w-]+\s+){0,3}?[\w-]+" + _PASSIVE
                              + r"\s+(?:on|regarding|concerning|about)\s+(?P<subject>[^,;.()\n]{3,90})", re.IGNORECASE)


def documents_topic(text: str, position: int, end: int) -> NamedSubject | None:
    """What the documents counted right after a figure are about ("410 suggestions on campus safety")."""
    match = _DOCUMENTS_ABOUT.match(text, position, end) or _DOCUMENTS_ON.match(text, position, end)
    return _clean(match.group("subject"), match.start("subject")) if match else None


def fields_named(text: str, start: int, end: int) -> list[NamedSubject]:
    """Fields of work the text names between ``start`` and ``end`` ("in the field of ...", "in the ...
    field"), in order."""
    found = []
    for pattern in (_FIELD_OF, _FIELD_BEFORE):
        for match in pattern.finditer(text, start, end):
            subject = _clean(match.group("subject"), match.start("subject"))
            if subject is not None:
                found.append(subject)
    return sorted(found, key=lambda subject: subject.start)


# a plural noun with its modifiers, and an "of the ..." complement ("members of the CPPCC")
_NOUN_PHRASE = r"(?P<noun>(?:[\w'’-]+\s+){0,5}?[\w'’-]*[a-z]s(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?)"
_IRREGULAR_PARTICIPLE = (r"sent|given|brought|taken|made|held|found|caught|paid|put|set|built|kept|heard|shown|sold|won|"
                         r"lost|struck|written|driven|sought|thrown|withdrawn|undertaken|overturned")
_PASSIVE_AFTER = re.compile(
    r"\s*" + _NOUN_PHRASE + r"\s+(?:(?:that|which)\s+)?(?:were|was|have\s+been|had\s+been|has\s+been|being)\s+"
    r"(?:\w+ly\s+)?(?P<verb>(?:[a-z]+ed|" + _IRREGULAR_PARTICIPLE + r")(?:\s+(?:over|back|out|up|down|off)\b)?)\b")
# a verb done to the counted noun, in -ed or -ing, never one that only relates it ("including", "totalling")
_ACTIVE_BEFORE = re.compile(
    r"\b(?P<verb>[a-z]+ed|(?!(?:includ|involv|dur|accord|account|amount|totall?|number|represent|exceed|reach|mak|"
    r"bring|compar|rang|concern|regard|follow|hav|be)ing\b)[a-z]{3,}ing|setting\s+up)\s+"
    r"(?:the\s+|a\s+total\s+of\s+)?(?:more\s+than\s+|over\s+|about\s+|nearly\s+|some\s+)?$")
_NOUN_AFTER = re.compile(r"\s*" + _NOUN_PHRASE + r"(?=\s*(?:[,.;:(]|$|\s+(?:in|on|for|to|from|with|at|and|of|who|that|"
                         r"which|put|made|given|set|[a-z]+ed)\b))")
# nouns that count time or money, or say nothing on their own, are no measure
_NOT_MEASURE_WORDS = re.compile(r"\b(?:years?|months?|days?|hours?|times|percent|yuan|dollars)$|^(?:of|the|and|these|those|such)\b|"
                                r"^(?:people|persons|cases|others|items|ones|them)$", re.IGNORECASE)
# the past participle of a verb in -ing that is not its stem and "-ed"
_IRREGULAR = {"holding": "held", "building": "built", "sending": "sent", "setting up": "set up", "giving": "given",
              "taking": "taken", "finding": "found", "seizing": "seized", "issuing": "issued", "releasing": "released",
              "organizing": "organized", "organising": "organised", "inviting": "invited", "raising": "raised",
              "closing": "closed", "resolving": "resolved", "removing": "removed", "receiving": "received",
              "rescuing": "rescued", "producing": "produced", "hearing": "heard", "selling": "sold", "paying": "paid",
              "writing": "written", "winning": "won", "shutting": "shut", "putting": "put"}


def _past(verb: str) -> str:
    """'commending' -> 'commended', 'holding' -> 'held', 'visited' -> 'visited'."""
    if not verb.endswith("ing"):
        return verb
    return _IRREGULAR.get(verb, verb[:-3] + "ed")


def measure_named(text: str, before_start: int, number_start: int, number_end: int, end: int) -> NamedSubject | None:
    """A measure named by the counted noun after a number and its verb: "57,000 guardianship orders
    were issued" (the noun and the passive verb after it) or "we visited 2,239 deputies" (the verb before
    the number); the label reads "guardianship orders issued". None when the words are no such phrase."""
    passive = _PASSIVE_AFTER.match(text, number_end, end)
    if passive:
        noun, verb, start, stop = passive.group("noun"), passive.group("verb"), passive.start("noun"), passive.end()
    else:
        active = _ACTIVE_BEFORE.search(text, before_start, number_start)
        noun_match = _NOUN_AFTER.match(text, number_end, end) if active else None
        if noun_match is None:
            return None
        noun, verb = noun_match.group("noun"), _past(active.group("verb"))
        start, stop = active.start(), noun_match.end()
    noun = " ".join(noun.split())
    if _NOT_MEASURE_WORDS.search(noun) or len(noun.split()) > 6:
        return None
    words = [w if w.isupper() else w.lower() for w in noun.split()]
    label = f"{' '.join(words)} {verb}"
    return NamedSubject(slugify(label), label, start, stop)


# A paragraph that opens with its topic, a phrase with no verb of its own, as work reports do:
# "Resolutely maintaining financial security.", "Strengthening supervision of criminal enforcement."
_TOPIC_OPENER = re.compile(r"^(?:[A-Z]?[a-z]+ly\s+)*(?P<verb>[A-Z]?[a-z]{3,}ing)\s+(?:to\s+[a-z]+\s+)?"
                           r"(?P<topic>[^;:!?\d()\"“”]{3,140})\.$")
# commas only between the members of a list: "the filing, investigation and adjudication of ..."
_TOPIC_LIST = re.compile(r"^[^,]*(?:,\s+[^,]+)*,?\s+(?:[\w'’-]+\s+){0,3}?(?:and|or)\s")
# what the topic phrase says of every topic, and how it ends without saying what the topic is
_TOPIC_TRIM = re.compile(r"\s+(?:in\s+accordance\s+with|according\s+to|under|at\s+a\s+high|to\s+(?!the\b)[a-z]+|"
                         r"with\s+(?:comprehensive|high|full|greater|strong)|in\s+the\s+performance|through|by)\b.*$")
_TOPIC_LEADING = re.compile(r"^(?:(?:the|a|an|our)\s+)?(?:(?:judicial\s+)?protection\s+of\s+(?:the\s+)?)?", re.IGNORECASE)
# a participle opening a sentence of its own ("Speaking at the meeting, ...", "Asked about ...") is no topic
_NOT_A_TOPIC = re.compile(r"^(?:at|in|on|during|after|before|for|with|from|to|about|as|that|it|this)\b|"
                          r"\b(?:is|are|was|were|has|have|had|will|would|said|says|told|added|noted|agreed|stressed)\b")
_MAX_TOPIC_WORDS = 10


_TOPIC_SENTENCE_WORDS = 12
_TOPIC_SENTENCE_CJK = 30


def is_topic_sentence(sentence_text: str) -> bool:
    """Whether a sentence is short and states no number: a heading-like sentence opening a paragraph
    ("民事检察监督力度持续加大。", "Civil supervision grew stronger.")."""
    text = sentence_text.strip()
    if any(character.isdigit() for character in text):
        return False
    cjk = sum(1 for character in text if "\u4e00" <= character <= "\u9fff")
    return cjk <= _TOPIC_SENTENCE_CJK if cjk else len(text.split()) <= _TOPIC_SENTENCE_WORDS


def paragraph_topic(sentence_text: str, start: int) -> NamedSubject | None:
    """The field of work a paragraph's opening phrase names ("Resolutely maintaining financial security."
    -> financial security), or None when the sentence is no such phrase; ``start`` is the sentence's offset."""
    match = _TOPIC_OPENER.match(sentence_text)
    if match is None:
        return None
    topic = match.group("topic")
    if "," in topic and not _TOPIC_LIST.match(topic) or _NOT_A_TOPIC.search(topic):
        return None
    topic = topic[:_TOPIC_TRIM.search(topic).start()] if _TOPIC_TRIM.search(topic) else topic
    lead = _TOPIC_LEADING.match(topic)
    offset = match.start("topic") + lead.end()
    phrase = topic[lead.end():].strip()
    words = phrase.split()
    if not words or len(words) > _MAX_TOPIC_WORDS or _GENERIC.match(phrase) or not phrase[0].isalpha():
        return None
    begin = start + offset
    return NamedSubject(slugify(phrase), phrase, begin, begin + len(phrase))


# A charge written before a Chinese figure: "起诉虚开发票等犯罪1.2万人", "危险驾驶罪26.7万人"; verbs and
# words that say nothing are cut from its start.
_CHINESE_CHARGE = re.compile(r"(?P<subject>[\u4e00-\u9fff、]{2,30}?(?:罪|犯罪))(?:嫌疑人|案件|人数)?(?:各|共|达)?$")
# "对涉企犯罪不批准逮捕1.9万人": the charge the words "对 ... 犯罪" name, a verb between it and the figure
_CHINESE_CHARGE_OF_VERB = re.compile(r"对(?P<subject>[\u4e00-\u9fff、]{2,20}?(?:罪|犯罪))(?:嫌疑人)?[\u4e00-\u9fff]{1,10}$")
# the verbs and function words that stand before a charge: the charge is what follows the last of them
_CHINESE_BEFORE_CHARGE = re.compile(r"受理|审查|批准|决定|逮捕|起诉|公诉|审结|惩治|打击|办理|查办|涉嫌|依法|从严|对|共|已|其中|累计|各类|"
                                    r"全国|检察机关|嫌疑人")
_CHINESE_GENERIC = re.compile(r"^(?:各类|全部|刑事|一般|其他|相关|有关)?(?:犯罪|罪)$")
# "有罪改判无罪79人" (a verdict changed), "14周岁至16周岁的未成年犯罪嫌疑人" (an age): no charge
_CHINESE_NOT_A_CHARGE = re.compile(r"(?:有罪|无罪)$|^周岁|^岁")


def chinese_subject_before(text: str, start: int, position: int) -> NamedSubject | None:
    """The charge a Chinese text names right before a figure (``text[start:position]`` precedes it)."""
    return _charge(_CHINESE_CHARGE.search(text, start, position) or _CHINESE_CHARGE_OF_VERB.search(text, start, position))


# "依法打击涉私募基金犯罪,起诉430人": the charge a leading clause fights, for the figures after it
_CHINESE_CHARGE_FOUGHT = re.compile(r"(?:打击|惩治|严惩|惩处|整治)(?P<subject>[\u4e00-\u9fff、]{2,20}?(?:罪|犯罪))(?=[,,;;])")


def chinese_charge_fought(text: str, start: int, position: int) -> NamedSubject | None:
    """The last charge a clause between ``start`` and ``position`` says is fought ("打击…犯罪,")."""
    return _charge(next(reversed(list(_CHINESE_CHARGE_FOUGHT.finditer(text, start, position))), None))


def _charge(match: re.Match[str] | None) -> NamedSubject | None:
    """The charge of a match's ``subject`` group, the verbs and words that say nothing cut from its start."""
    if match is None:
        return None
    phrase = match.group("subject")
    offset = max((m.end() for m in _CHINESE_BEFORE_CHARGE.finditer(phrase)), default=0)
    label = phrase[offset:].lstrip("、")
    offset = len(phrase) - len(label)
    if len(label) < 2 or _CHINESE_GENERIC.match(label) or _CHINESE_NOT_A_CHARGE.search(label):
        return None
    begin = match.start("subject") + offset
    return NamedSubject(slugify(label), label, begin, begin + len(label))


# A Chinese measure the lexicon lacks: the verb and its object before the figure ("清理涉诈高风险账户38万个")
_CHINESE_MEASURE = re.compile(r"(?P<phrase>[\u4e00-\u9fff、]{2,24})$")
# words after which the measure starts (who did it, how much in all), and the verbs a measure starts with
_CHINESE_MEASURE_AFTER = re.compile(r"共计|合计|累计|共(?!同)|已|并|依法|其中|通过办案")
_CHINESE_MEASURE_VERB = re.compile(r"清理|设立|开展|举办|召开|发布|办理|追缴|冻结|返还|挽回|覆盖|培训|查处|走访|邀请|组织|受理|"
                                   r"提出|发出|制发|出台|建立|成立|督促|推动|促进|追回|救助|化解|纠正|监督|核准|接收|处理|"
                                   r"审结|办结|帮助|协助|移送|判处|追诉|追究")
_CHINESE_QUALIFIER_AFTER = re.compile(r"(?:约|近|超|逾|共计|总计|累计|达)+$")
# a rank ("其中厅局级1029人、省部级以上32人") says who was counted, not what was done
_CHINESE_NOT_A_MEASURE = re.compile(r"^(?:达到?|为|约为?|超过|近|计|总计|降至|升至|增至|减至)$|(?:罪|犯罪|嫌疑人|人员|领域|方面|类)$|"
                                    r"(?:对|向|在|从|为|将|把|由|与|和|及|的|了|是)$|级(?:以上|以下)?(?:干部|官员)?$|"
                                    # "其中贫困家庭1935人": a group of the people counted
                                    r"(?:家庭|群众|学生|儿童|妇女|老年人|农民工|残疾人)$")


def opens_with_a_verb(label: str) -> bool:
    """Whether a Chinese measure the text names is a verb and its object ("开展特殊预防")."""
    return bool(_CHINESE_MEASURE_VERB.match(label))


def chinese_measure_before(text: str, start: int, position: int) -> NamedSubject | None:
    """A measure a Chinese text names by the verb and object right before a figure, or None; a charge
    ("组织、领导、参加黑社会性质组织犯罪2700余人") names the subject, not the measure."""
    match = _CHINESE_MEASURE.search(text, start, position)
    if match is None:
        return None
    phrase = match.group("phrase")
    cut = max((m.end() for m in _CHINESE_MEASURE_AFTER.finditer(phrase)), default=0)
    phrase = phrase[cut:]
    verbs = [m.start() for m in _CHINESE_MEASURE_VERB.finditer(phrase) if len(phrase) - m.start() >= 3]
    if verbs:
        phrase = phrase[verbs[-1]:]
    qualifier = _CHINESE_QUALIFIER_AFTER.search(phrase)      # "…耕地约94万亩": 约 qualifies the figure
    end = match.end() - (len(qualifier.group()) if qualifier else 0)
    label = phrase[:qualifier.start()].strip("、") if qualifier else phrase.strip("、")
    if len(label) < 2 or _CHINESE_NOT_A_MEASURE.search(label) or label[0] in "的元人件个之万亿千年月":
        return None
    begin = end - len(label)
    return NamedSubject(slugify(label), label, begin, end)


# what joins the members of a list of categories: "theft, fraud and drug crimes", "盗窃、诈骗、毒品犯罪"
_LIST_JOINER = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as)\s+|、|和|及|以及|与|或)$", re.IGNORECASE)


def combined_subject(text: str, crimes: list, chosen: int) -> NamedSubject | None:
    """The combined category a list of crime types makes when the chosen one (index into ``crimes``, the
    crime-type mentions of the text in order) is one member of it ("for theft, fraud and drug crimes",
    "盗窃、诈骗、毒品犯罪"), or None when it stands alone."""
    first = last = chosen
    while first > 0 and _LIST_JOINER.match(text[crimes[first - 1].end:crimes[first].start]):
        first -= 1
    while last + 1 < len(crimes) and _LIST_JOINER.match(text[crimes[last].end:crimes[last + 1].start]):
        last += 1
    members = tuple(dict.fromkeys(m.id for m in crimes[first:last + 1]))
    if len(members) < 2:
        return None
    start, end = crimes[first].start, crimes[last].end
    return NamedSubject("-".join(members), text[start:end], start, end, members)
