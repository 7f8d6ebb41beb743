"""What a figure is about: its crime type and its field of work, from the lexicon's names around it and the
words of the text (subjects.py). An English figure's subject may be written after it ("arrested for
intentional injury") or before it; a Chinese figure's always before it."""

from __future__ import annotations

import re
from dataclasses import replace

from .clauses import clause_of, first_comma, last_colon
from .entities import Mention
from .lexicon import Lexicon
from .numbers import NumberMention
from .sentences import Sentence
from .structure import PARAGRAPH, Placed
from .subjects import (NamedSubject, chinese_charge_fought, chinese_subject_before, combined_subject, documents_topic,
                       fields_named, is_topic_sentence, paragraph_topic, subject_after, subject_before, subject_of_such)

# a concept id and, when the lexicon lacks it, the concept as the text names it
Subject = tuple[str | None, NamedSubject | None]
# the lines of work on no crime: a story leaves its headline's crime when it comes to them
_LINES_ON_NO_CRIME = {"civil-procuratorial-supervision", "administrative-procuratorial-supervision",
                      "public-interest-litigation"}
_CRIME_WINDOW = 100
_SUBJECT_BEFORE_WINDOW = 220     # how far left of a number the words naming its subject are read
# the words between a number and a field that modifies its counted noun ("1,490 related public interest
# litigation cases"), never a preposition ("4,400 opinions on commutation" are about commutation)
_COUNTED_NOUN = re.compile(r"\s*(?:(?!(?:on|of|in|for|about|over|concerning|regarding|involving|against|to|at|with)\b)"
                           r"[\w-]+\s+){0,2}", re.IGNORECASE)


class SubjectReader:
    """Reads the crime type and the field of work of figures by the lexicon's crime types, campaigns and
    fields."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def subject(self, text: str, sentence: Sentence, number: NumberMention, anchor: NumberMention, right: str,
                right_end: int, mentions: list[Mention], left: tuple[int, int], since: int, share: Subject | None,
                takes_subject: bool, chinese: bool) -> Subject:
        """The crime type of a figure (``anchor`` is the last number of its group, ``right`` the words after
        it up to ``right_end``, ``left`` its clause before it, ``since`` the end of the figure before it,
        ``share`` the subject of the total a share is of): a crime type the text names is the lexicon's when
        it names one, narrower than the lexicon's crime types in its words; a member of a list gives way to
        the combined category of the list."""
        if chinese:
            crime_type, named = self._chinese(text, mentions, left, (anchor.end, anchor.end + len(right)), since,
                                              share, takes_subject)
        else:
            crime_type, named = self._english(text, sentence, number, anchor, right, right_end, mentions, left, share,
                                              takes_subject)
        if named is not None:
            known = self._known_crime_type(named, mentions)
            crime_type, named = (known, None) if known else (named.id, self._with_broader(named, mentions))
            if named is not None and len(named.broader) > 1 and (whole := self._covering(named.broader)) is not None:
                crime_type, named = whole, None     # "intellectual property crimes and trade secret infringement"
        if named is None and crime_type is not None:
            named = self._combined(text, mentions, crime_type, number.start)
            crime_type = named.id if named is not None else crime_type
            if named is not None and (whole := self._covering(named.members)) is not None:
                crime_type, named = whole, None
        return crime_type, named

    def line_on_no_crime(self, field: str | None) -> str | None:
        """The line of work on no crime a field is or is under (civil or administrative supervision, public
        interest litigation), or None."""
        if field is None:
            return None
        return next((line for line in ({field} | self._above("field", field)) if line in _LINES_ON_NO_CRIME), None)

    def _covering(self, members: tuple[str, ...]) -> str | None:
        """The member of a combined category that all the others are kinds of ("trademark, patent or copyright
        infringement and trade secrets violations": intellectual property crime), or None."""
        for member in members:
            if all(other == member or member in self._above("crime-type", other) for other in members):
                return member
        return None

    def _above(self, kind: str, concept: str) -> set[str]:
        """Every concept above ``concept`` in the lexicon's hierarchy of ``kind`` (crime types may have several
        broader ones)."""
        found: set[str] = set()
        todo = [concept]
        while todo:
            entry = self.lexicon.get(kind, todo.pop())
            for broader in entry.refs("broader") if entry is not None else ():
                if broader not in found:
                    found.add(broader)
                    todo.append(broader)
        return found

    def paragraph_field(self, placed: Placed, mentions: list[Mention]) -> Subject | None:
        """The field a paragraph's opening phrase names ("Protecting the healthy growth of minors."): the
        narrowest field of the lexicon in it, else the phrase itself; a short opening sentence with no
        number that names a field of the lexicon ("民事检察监督力度持续加大。", "Civil supervision grew
        stronger.") gives that field; None for a paragraph with no such opening."""
        if placed.block.kind != PARAGRAPH:
            return None
        sentence = placed.sentence
        named = paragraph_topic(sentence.text, sentence.start)
        fields = [m.id for m in mentions if m.kind == "field" and sentence.start <= m.start < sentence.end]
        if named is None and not (fields and is_topic_sentence(sentence.text)):
            return None
        if fields:
            return max(fields, key=lambda f: len(self.lexicon.get("field", f).refs("broader"))), None
        return named.id, (None if self.lexicon.get("field", named.id) else named)

    def _english(self, text: str, sentence: Sentence, number: NumberMention, anchor: NumberMention, right: str,
                 right_end: int, mentions: list[Mention], left: tuple[int, int], share: Subject | None,
                 takes_subject: bool) -> Subject:
        """The subject of an English figure: one the text names after a figure of people ("arrested for
        intentional injury"), else a lexicon crime type right after the number, else its total's (a share),
        else one the text names before it ("Arrests for X totalled", "X came next at", a list item's
        label), else a lexicon crime type before it."""
        if share is not None and anchor.start > number.start:
            return share      # "56,300 people for theft, 12.1%, and 9,800 ...": the next figure's words are not its
        such = subject_of_such(text, anchor.end, sentence.start) if takes_subject else None
        if such is not None:
            return None, such
        # "people suspected of pension fraud": the whole phrase, not the lexicon's "fraud" inside it
        # … and "1,200 cases involving crimes endangering public security": a figure of cases names its crimes
        named = subject_after(text, anchor.end, right_end, cases=not takes_subject)
        covering = [m for m in mentions if named is not None and m.kind == "crime-type"
                    and m.start <= named.start and m.end >= named.end]
        if covering:        # the lexicon names the whole phrase and more ("shipping drugs, guns, ...")
            return covering[0].id, None
        crime_end = anchor.end + min(len(right), _CRIME_WINDOW, first_comma(right))
        crime_type = self._crime_type(mentions, anchor.end, crime_end, None) if named is None else None
        if crime_type is None and named is None and share is not None:
            return share      # a share is of its total's subject
        if crime_type is None and named is None and takes_subject:
            named = subject_before(text, max(sentence.start, number.start - _SUBJECT_BEFORE_WINDOW), number.start)
        if crime_type is None and named is None:
            crime_type = self._crime_type(mentions, anchor.end, anchor.end, left)
        return crime_type, named

    def _chinese(self, text: str, mentions: list[Mention], left: tuple[int, int], right: tuple[int, int],
                             since: int, share: Subject | None,
                             takes_subject: bool) -> Subject:
        """The subject of a Chinese figure, always written before it: the lexicon crime type nearest the
        number in its clause ("起诉故意杀人、抢劫等严重暴力犯罪4.1万人" is about serious violent crimes), else
        its total's (a share), else a charge the text names ("X罪6.9万人"), else one named after it in its
        clause, else the crime type or campaign named nearest before it since the figure before it
        ("深入推进扫黑除恶斗争,起诉1.5万人")."""
        crimes = [m for m in mentions if m.kind == "crime-type" and left[0] <= m.start and m.end <= left[1]]
        if crimes:
            return max(crimes, key=lambda m: m.end).id, None
        if share is not None:
            return share
        named = chinese_subject_before(text, left[0], left[1]) if takes_subject else None
        if named is not None:
            return named.id, named
        after = [m for m in mentions if m.kind == "crime-type" and right[0] <= m.start and m.end <= right[1]]
        if after:           # "对137起发案二十年以上的命案核准追诉": the charge after the figure, in its clause
            return after[0].id, None
        earlier = [(end, crime) for start, end, crime in self._crimes_named(mentions) if since <= start and end <= left[0]]
        if earlier:
            return max(earlier)[1], None
        fought = chinese_charge_fought(text, since, left[0]) if takes_subject else None
        return (fought.id, fought) if fought is not None else (None, None)

    def _combined(self, text: str, mentions: list[Mention], crime_type: str, position: int) -> NamedSubject | None:
        """The combined category of the list ("theft, fraud and drug crimes") a crime type named nearest
        ``position`` is one member of, which links its members; None when it stands alone."""
        crimes = sorted((m for m in mentions if m.kind == "crime-type"), key=lambda m: m.start)
        candidates = [i for i, m in enumerate(crimes) if m.id == crime_type]
        if not candidates:
            return None
        return combined_subject(text, crimes, min(candidates, key=lambda i: abs(crimes[i].start - position)))

    def _with_broader(self, named: NamedSubject, mentions: list[Mention]) -> NamedSubject:
        """A crime type named by the text is narrower than the lexicon's crime types its words name
        ("pension fraud" is a kind of fraud)."""
        inside = tuple(dict.fromkeys(m.id for m in mentions if m.kind == "crime-type" and named.start <= m.start
                                     and m.end <= named.end and m.id != named.id))
        return replace(named, broader=inside) if inside and not named.members else named

    def _known_crime_type(self, named: NamedSubject, mentions: list[Mention]) -> str | None:
        """The lexicon's crime type a subject named by the text is: by its name ("drug cases" is "drug
        crimes"), else the one crime type of the lexicon that covers most of the phrase."""
        stem = re.sub(r"(?:等)?(?:犯罪|罪)$", "", named.label)
        for name in (named.label, re.sub(r"\s+cases$", "", named.label) + " crimes", stem, stem + "罪", stem + "犯罪"):
            entry = self.lexicon.named("crime-type", name)
            if entry is not None:
                return entry.id
        if self.lexicon.get("crime-type", named.id) is not None:
            return named.id
        inside = [m for m in mentions if m.kind == "crime-type" and named.start <= m.start and m.end <= named.end]
        if len(inside) == 1 and 2 * (inside[0].end - inside[0].start) >= named.end - named.start:
            return inside[0].id
        return None

    def field(self, text: str, sentence: Sentence, number: NumberMention, mentions: list[Mention], since: int,
              chinese: bool) -> Subject:
        """The field of work a sentence's head names before a colon ("The quality and efficiency of case
        handling improved: ...") for every figure after it, unless the figure's clause names a narrower
        one; else the field of its clause; else (English) the field named last before its clause."""
        start, end = (since, number.start) if chinese else clause_of(text, sentence, number.start)
        in_clause = self._clause_field(text, number, mentions, start, end, chinese)
        colon = last_colon(text, sentence.start, number.start)
        head = [m.id for m in mentions if m.kind == "field" and sentence.start <= m.start and m.end <= colon]
        if head and not (in_clause[0] is not None and head[-1] in self._above("field", in_clause[0])):
            return head[-1], None
        if in_clause[0] is None and not chinese:
            # "formulated regulations on the necessity of detention, and changed the compulsory measures
            # for 29,000 suspects": a field named earlier in the sentence, outside the figure's clause
            earlier = [m for m in mentions if m.kind == "field" and sentence.start <= m.start and m.end <= start]
            if earlier:
                return max(earlier, key=lambda m: m.start).id, None
        return in_clause

    def _clause_field(self, text: str, number: NumberMention, mentions: list[Mention], start: int, end: int,
                      chinese: bool) -> Subject:
        """The field of work named in the number's clause ``text[start:end]``, nearest after it first; one
        the lexicon lacks is named by the text ("in the field of ..."). A Chinese figure's clause ends at
        it: its field is named before it."""
        named = [(m.start, m.end, m.id) for m in mentions if m.kind == "field" and start <= m.start < end]
        # "handling 1,490 related public interest litigation cases" to protect women's rights: a field in
        # the counted noun says what is counted; another field of the clause is what it is about
        counted = [m for m in named if m[0] >= number.end and _COUNTED_NOUN.fullmatch(text, number.end, m[0])]
        if counted and len(counted) < len(named):
            named = [m for m in named if m not in counted]
        # the narrowest field named wins ("public interest litigation cases in the food and drug
        # safety field" are about food and drug safety), then the nearest after the number, then before
        depth = {m[2]: len(self.lexicon.get("field", m[2]).refs("broader")) for m in named}
        if named:
            deepest = max(depth.values())
            named = [m for m in named if depth[m[2]] == deepest]
        after = [m for m in named if m[0] >= number.end]
        before = [m for m in named if m[1] <= number.start]
        phrases = fields_named(text, start, end)
        topic = documents_topic(text, number.end, end) if not chinese else None
        if topic is not None:
            phrases = [topic] + phrases
        if (after or before) and not (phrases and deepest == 0):
            return (after[0] if after else before[-1])[2], None
        if phrases:
            phrase = min(phrases, key=lambda p: abs(p.start - number.start))
            known = self.lexicon.get("field", phrase.id)
            return phrase.id, (None if known else phrase)
        return None, None

    def _crime_type(self, mentions: list[Mention], right_start: int, right_end: int,
                    left: tuple[int, int] | None) -> str | None:
        """The crime type of the lexicon named in ``right_start:right_end`` after a number; with ``left``,
        the one named in that span before it, else the only one named anywhere before it."""
        crimes = self._crimes_named(mentions)
        for start, end in ((right_start, right_end),) + ((left,) if left else ()):
            inside = [crime for crime_start, _, crime in crimes if start <= crime_start < end]
            if inside:
                return inside[0]
        if left is None:
            return None
        before = {crime for _, crime_end, crime in crimes if crime_end <= left[1]}
        return before.pop() if len(before) == 1 else None

    def _crimes_named(self, mentions: list[Mention]) -> list[tuple[int, int, str]]:
        """(start, end, crime type) of every crime type the mentions name, in order; a campaign named next
        to a figure ("the action against gang crimes, prosecuting 15,000 people") stands for the first crime
        type it targets."""
        crimes = [(m.start, m.end, m.id) for m in mentions if m.kind == "crime-type"]
        for mention in mentions:
            campaign = self.lexicon.get("campaign", mention.id) if mention.kind == "campaign" else None
            if campaign and campaign.refs("targets"):
                crimes.append((mention.start, mention.end, campaign.refs("targets")[0]))
        return sorted(crimes)
