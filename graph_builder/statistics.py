"""Turn the numbers of a document into statistics: value, unit, measure, crime type, period,
year-on-year change, reporting agency and the sentence that is their evidence."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .chinese_script import is_chinese
from .clauses import clause_of, clause_start, clip_right, cues_for, last_colon
from .corpus import Document
from .changes import (CHANGE, CHANGE_OF_NEXT, POINTS, POINTS_OF_NEXT, STATISTIC, Slot, attach_changes,
                      base_period, own_change, read_roles, set_change)
from .entities import Mention, mentions_by_sentence
from .figure_relations import (a_run_said_respectively_is_of_the_members_of_its_list,
                               a_sum_restated_in_another_currency_is_of_its_measure, changes_the_figure_before,
                               inherit_subject, pair_shares_with_their_counts, people_take_the_subject_of_their_cases,
                               public_interest_cases_by_kind)
from .lexicon import Lexicon
from .measures import MeasureReader
from .numbers import NumberMention
from .chinese_periods import period_leading_figure_zh
from .periods import resolve_period, year_of_a_change_from_to, year_written_after
from .runs import joined_run, respective_measure, year_of_run
from .sentences import Sentence
from .structure import HEADLINE, LIST_ITEM, Placed, outline
from .subject_reader import SubjectReader
from .subjects import NamedSubject, chinese_measure_before, measure_named, opens_with_a_verb

FALLBACK_MEASURE = "reported-quantity"
_CHANGE_LOOKBACK = 600     # characters back (the paragraph or list item before) to a change with its years
SHARE_MEASURE = "share-of-total"
# "fraud ranked second with 43,400", "intentional injury was third with 22,500": an item of a ranking
_RANKED_ITEM = re.compile(r"\b(?:ranked|ranking|ranks|came|comes|was|were|is|are|placed|stood)\s+(?:first|second|third|fourth|"
                          r"fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))\s*,?\s+(?:with|at)\s+"
                          r"(?:about\s+|some\s+|nearly\s+|more\s+than\s+|over\s+)?$", re.IGNORECASE)
# where a sentence turns to a part of the figures it gave: "其中", ", including", "of them"
_PART_OF_BEFORE = re.compile(r"其中|[,，]\s*(?:including|of (?:them|whom|which)|among them)\b", re.IGNORECASE)
NEWS_TYPES = ("news-article", "press-release", "data-release")     # documents whose lead frames what follows
FALLBACK_UNIT = "items"
_WINDOW = 160     # how far left of a number its measure or crime type is looked for
_ZH_OWN_VERB_NEARER = 8   # characters between a Chinese figure and a lexicon measure past which its own verb wins

_OF_THEM_AFTER = re.compile(r"\s*of\s+(?:them|these|those|which|whom)\b", re.IGNORECASE)
_AFTER_LAST_JOIN = re.compile(r",\s*|\s+and\s+|\s+while\s+")
_JOINED_ZH = re.compile(r"^\s*[\u4e00-\u9fff]{0,2}[、和及与]")      # "38万个、异常电话卡120余万张": the measure of the figure before
# "by 2022 the figure had reached 130,000": a figure that refers to the one stated before it
_THE_FIGURE = re.compile(r"\b(?:the|this|that)\s+(?:figure|number|total)\b(?!\s+of\b)", re.IGNORECASE)


@dataclass
class Statistic:
    """A statistic extracted from one clause of one document, read in its context."""

    document_id: str
    number: NumberMention
    sentence: Sentence
    value: Decimal
    unit: str
    measure: str
    crime_type: str | None
    period: str
    reported_by: str | None
    year_on_year: Decimal | None = None
    qualifier: str | None = None
    change_mentions: list[NumberMention] = field(default_factory=list)
    point_change: Decimal | None = None             # percentage points, against the year before
    previous_period_change: Decimal | None = None   # percent, against the previous (five-year) period
    share_of: "Statistic | None" = None             # a share is a percentage of this statistic's total
    named_subject: NamedSubject | None = None       # a crime type the lexicon lacks, as the text names it
    field: str | None = None                        # the field of work (public interest field, minors, ...)
    named_field: NamedSubject | None = None         # a field the lexicon lacks, as the text names it
    named_measure: NamedSubject | None = None       # a measure the lexicon lacks, as the text names it
    comparison_base: bool = False                   # the earlier value a figure is compared with
    stands_for_change: bool = False                 # a change whose figure the text does not give

    @property
    def slug(self) -> str:
        digest = hashlib.sha256(f"{self.document_id}:{self.number.start}".encode()).hexdigest()
        return digest[:16]


class StatisticExtractor:
    """Extracts statistics by the rules of ``mappings/measures.yaml`` and ``mappings/units.yaml``,
    reading each number in its clause and its clause in the document's outline (structure.py)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.measures = MeasureReader(lexicon)
        self.subjects = SubjectReader(lexicon)
        self._chinese = False       # the language of the document being read, and its surface cues
        self._cues = cues_for(False)

    def extract(self, document: Document, sentences: list[Sentence], numbers: list[NumberMention],
                mentions: list[Mention]) -> list[Statistic]:
        statistics: list[Statistic] = []
        self._chinese = is_chinese(document.meta.language)
        self._cues = cues_for(self._chinese)
        previous_period: str | None = None
        block_measures: dict[int, str] = {}      # block start -> the last measure stated in it
        block_subjects: dict[int, Statistic] = {}  # block start -> its last statistic with a subject
        last_measure: str | None = None
        position = 0
        quantities = [n for n in numbers if n.is_quantity]
        local_mentions = mentions_by_sentence(mentions, sentences)
        topic: tuple[str, NamedSubject | None] | None = None     # the field its opening phrase gives a paragraph
        story_subject: str | None = None        # the one crime type a news headline names: what the story is about
        news = document.meta.document_type in NEWS_TYPES
        carried: str | None = None      # the period the paragraphs so far went on with
        block_carried: str | None = None
        last_subject: Statistic | None = None   # the last figure with a subject, in any paragraph
        for placed in outline(document.text, sentences, with_lead=news):
            sentence = placed.sentence
            if sentence.start == placed.block.start:
                topic = self.subjects.paragraph_field(placed, local_mentions[placed.index])
                block_carried = carried
                if last_subject is not None and self._cues.part_of_before.match(sentence.text):
                    # a paragraph opening "Among them, ..." is about a part of the figures of the one before
                    block_subjects[placed.block.start] = last_subject
            if news and placed.block.kind == HEADLINE:
                named = {m.id for m in local_mentions[placed.index] if m.kind == "crime-type"}
                story_subject = named.pop() if len(named) == 1 else None
            while position < len(quantities) and quantities[position].start < sentence.start:
                position += 1
            inside = []
            while position < len(quantities) and quantities[position].start < sentence.end:
                inside.append(quantities[position])
                position += 1
            if not inside:
                continue
            local = local_mentions[placed.index]
            block_measure = block_measures.get(placed.block.start)
            if block_measure is None and self._cues.part_of_before.match(sentence.text):
                block_measure = last_measure      # "Among them, ...": a part of the figures just before
            found = self._sentence(document, placed, inside, local, previous_period, block_measure, block_carried)
            if statistics and changes_the_figure_before(document.text, found, statistics[-1], placed):
                continue
            # a paragraph keeps its subject in English; a Chinese paragraph runs through many topics, each
            # sentence naming its own, and a clause after a semicolon does not go on with what goods or sums
            # the clause before was about ("收回走私冻品约3万千克;收回国有财产价值约12.5亿元")
            subject = None if self._chinese else block_subjects.get(placed.block.start)
            of_all_subjects = bool(self._cues.all_subjects.search(sentence.text))
            for statistic in found:
                same_clause = self._chinese and subject is not None and \
                    clause_of(document.text, sentence, subject.number.start) == \
                    clause_of(document.text, sentence, statistic.number.start)
                if self._chinese and subject is not None and subject.unit not in ("people", "cases") and not same_clause:
                    subject = None
                if statistic.crime_type or statistic.field:
                    if same_clause and statistic.field is None and subject.field:
                        # "未成年犯罪嫌疑人…分别是盗窃8113人、抢劫5845人": the field of a run's head holds for
                        # every crime of the run
                        statistic.field, statistic.named_field = subject.field, subject.named_field
                    subject = statistic
                elif subject is not None and not of_all_subjects:
                    # a paragraph keeps its subject until it names another or speaks of all of them
                    inherit_subject(statistic, subject)
            a_run_said_respectively_is_of_the_members_of_its_list(sentence.text, found)
            if subject is not None:
                block_subjects[placed.block.start] = last_subject = subject
            for statistic in found:
                # a paragraph's topic is no field of its totals of all crimes ("Throughout the year, ...")
                if statistic.field is None and topic is not None and not (of_all_subjects and statistic.crime_type is None):
                    statistic.field, statistic.named_field = topic
                if statistic.crime_type is None and statistic.field is None and story_subject is not None and \
                        not of_all_subjects:
                    statistic.crime_type = story_subject
            public_interest_cases_by_kind(document.text, found, self.subjects.line_on_no_crime,
                                          lambda m: m != FALLBACK_MEASURE and self.lexicon.get("measure", m) is not None)
            if placed.block.kind != HEADLINE and (of_all_subjects or any(self.subjects.line_on_no_crime(s.field) for s in found)):
                # a story stays on its headline's crime until it speaks of all crimes, or of civil or
                # administrative supervision or public interest litigation
                story_subject = None
            if found:
                previous_period = found[-1].period
                if news:
                    # a story's paragraph that says no period goes on with the one the story went on with
                    # before it (not a comparison's base year: "up from 1,200 in 2019"); a report's
                    # paragraphs fall back to the year it reviews
                    carried = next((s.period for s in reversed(found) if not s.comparison_base), carried)
                # the measure the paragraph goes on with: its figures', not that of a part of them ("其中, ...")
                part = _PART_OF_BEFORE.search(sentence.text)
                whole = [s for s in found if part is None or s.number.start < sentence.start + part.start()] or found
                known = [s.measure for s in whole if s.measure not in (FALLBACK_MEASURE, SHARE_MEASURE)
                         and self.lexicon.get("measure", s.measure) is not None]
                if known:
                    block_measures[placed.block.start] = last_measure = known[-1]
            statistics += found
        return statistics

    def _sentence(self, document: Document, placed: Placed, numbers: list[NumberMention],
                  mentions: list[Mention], previous_period: str | None, block_measure: str | None,
                  carried_period: str | None) -> list[Statistic]:
        text = document.text
        sentence = placed.sentence
        slots = [Slot(n) for n in numbers]
        read_roles(text, sentence, slots, self._chinese)
        reported_by = self._reporter(sentence, mentions, document)
        scopes = [scope.text for scope in placed.scopes]
        inherited_measure = (self._inherited_measure(placed), block_measure)
        periods: dict[int, str] = {}

        def period_of(slot: Slot) -> str:
            clause_start, clause_end = clause_of(text, sentence, slot.number.start)
            if clause_start not in periods:
                clause = text[clause_start:clause_end]
                levels = ([clause] if clause != sentence.text else []) + [sentence.text] + scopes
                periods[clause_start] = resolve_period(levels, document, previous_period, carried_period)
            return periods[clause_start]

        stats: list[Statistic] = []
        for index, slot in enumerate(slots):
            if slot.role == STATISTIC:
                period = period_of(slot)
                from_to = None if self._chinese else \
                    year_of_a_change_from_to(text, slot.number.start - _CHANGE_LOOKBACK, slot.number.start, slot.number.end)
                if slot.comparison_base:
                    period = from_to or base_period(text[slot.number.end:sentence.end], period)
                elif not self._chinese:
                    period = year_written_after(text, slot.number.end) or from_to or period
                else:
                    period = period_leading_figure_zh(text, sentence.start, slot.number.start, document, period) or period
                period = year_of_run(text, sentence, slots, index, self._chinese) or period
                stats.append(self._statistic(document, sentence, slots, slot, mentions, stats, period,
                                             reported_by, inherited_measure))
                stats[-1].comparison_base = slot.comparison_base
        # a change whose figure the text does not give ("acquittals decreased by 24.8%") is the statistic
        for slot in attach_changes(document.text, sentence, slots, stats):
            if self._chinese and slot.role == POINTS:
                continue        # a change in points whose rate the text does not give is no figure
            role, slot.role = slot.role, STATISTIC
            statistic = self._statistic(document, sentence, slots, slot, mentions, stats, period_of(slot),
                                        reported_by, inherited_measure)
            set_change(statistic, slot, POINTS if role in (POINTS, POINTS_OF_NEXT) else CHANGE)
            statistic.stands_for_change = True
            stats.append(statistic)
        pair_shares_with_their_counts(stats, SHARE_MEASURE)
        stats.sort(key=lambda statistic: statistic.number.start)
        if not self._chinese:
            people_take_the_subject_of_their_cases(text, stats)
        a_sum_restated_in_another_currency_is_of_its_measure(text, stats, FALLBACK_MEASURE)
        return stats

    def _inherited_measure(self, placed: Placed) -> str | None:
        """The measure a list header states for its items."""
        if placed.block.kind == LIST_ITEM and placed.scopes:
            return self.measures.named("", placed.scopes[0].text, chinese=self._chinese)
        return None

    def _statistic(self, document: Document, sentence: Sentence, slots: list[Slot], slot: Slot,
                   mentions: list[Mention], earlier: list[Statistic], period: str,
                   reported_by: str | None, inherited_measure: tuple[str | None, str | None]) -> Statistic:
        """One statistic; ``inherited_measure`` is the list header's measure and the paragraph's."""
        text = document.text
        number = slot.number
        position = slots.index(slot)
        # numbers joined by "and" or commas ("348 and 580 people") share what follows the last of them
        group_start, group_end = joined_run(text, slots, position)
        anchor = slots[group_end].number
        right_end = slots[group_end + 1].number.start if group_end + 1 < len(slots) else sentence.end
        right = clip_right(self._cues, text[anchor.end:right_end])
        previous = position - 1
        while previous >= 0 and slots[previous].role in (CHANGE_OF_NEXT, POINTS_OF_NEXT):   # "rose 5% to N"
            previous -= 1
        left_start = slots[previous].number.end if previous >= 0 else sentence.start
        left_start = max(left_start, number.start - _WINDOW)
        left = text[left_start:number.start]
        left = left[clause_start(self._cues, left):]
        left_offset = number.start - len(left)

        unit = number.unit_suffix or self.measures.unit_after(right, self._chinese)
        of_them = not self._chinese and bool(_OF_THEM_AFTER.match(right))
        if unit is None and earlier and of_them:
            unit = earlier[-1].unit         # "… 1,600 of them": of the things the figure before counts
        joined_to_previous = group_start < position
        counts = [s for s in earlier if s.unit != "percent"]
        is_share = unit == "percent" and bool(
            self._cues.share_before.search(text[max(sentence.start, number.start - 40):number.start])
            or self._cues.share_after.match(right)
            or counts and self._cues.share_after_count.fullmatch(text, counts[-1].number.end, number.start))
        share_of = counts[-1] if is_share and counts else None
        is_share = share_of is not None or (is_share and self._chinese) or \
            (unit == "percent" and not counts and bool(self._cues.share_of_counted.match(right))
             and self.measures.unit_of(self.measures.named(right, left, unit) or FALLBACK_MEASURE) != "percent")
        if unit == "percent" and not is_share and earlier and earlier[-1].measure == SHARE_MEASURE and \
                self._chinese and _JOINED_ZH.match(text[earlier[-1].number.end:number.start]):
            # "分别占同期总数的9.5%、11.0%、11.1%": every member of a run of shares is a share
            is_share, share_of = True, earlier[-1].share_of
        named_measure = None
        respective = respective_measure(self.measures, text, sentence, slots, position, unit, self._chinese)
        if is_share:      # a share of the count before it, or (占…的) of a total the text only names
            measure = SHARE_MEASURE
        elif respective is not None:
            measure = respective
        elif joined_to_previous and earlier:
            measure = earlier[-1].measure
        else:
            found = self.measures.named_at(right, left, unit, self._chinese)
            if of_them:
                # "accepted 31,000 cases and filed lawsuits in 1,600 of them": the verb of its own coordinated clause
                own = self.measures.named_at("", _AFTER_LAST_JOIN.split(left)[-1], unit, self._chinese)
                found = own or found
            measure = found[0] if found else None
            if self._chinese and found and found[1] > _ZH_OWN_VERB_NEARER:
                # "对不批捕、不起诉等人员开展特殊预防1400余次": the verb and object right before the figure
                # say what it counts, not a measure named further back in its clause
                own = chinese_measure_before(text, left_offset, number.start)
                if own is not None and own.end == number.start and own.start >= number.start - found[1] and \
                        opens_with_a_verb(own.label):
                    measure, named_measure = own.id, own
        colon = last_colon(text, sentence.start, number.start)
        if measure is None and colon > sentence.start:      # "The top five were: 1. theft 17.4万人; 2. ..."
            measure = self.measures.named("", text[sentence.start:colon], unit, self._chinese)
        if measure is None and self._chinese and not _JOINED_ZH.match(left):
            # a Chinese clause names what it counts by its verb and object ("清理涉诈高风险账户38万个")
            named_measure = chinese_measure_before(text, left_offset, number.start)
            measure = named_measure.id if named_measure is not None else None
        if measure is None and _THE_FIGURE.search(left):
            # "by 2022 the figure had reached 130,000": the figure stated before it, in any clause
            measure = next((s.measure for s in reversed(earlier) if s.measure not in (SHARE_MEASURE, FALLBACK_MEASURE)
                            and s.unit != "percent"), inherited_measure[1])
        clause_begins = clause_of(text, sentence, number.start)[0]
        if measure is None and earlier and (
                (self._cues.elliptical_before.match(text, clause_begins, number.start)
                 and self._cues.elliptical_after.match(right))
                or (not self._chinese and _RANKED_ITEM.search(text, clause_begins, number.start))):
            # "fraud ranked second with 43,400": an item of a ranking, counted as the first was
            # "…; 31,000 for theft; and 4,500 for poaching": a clause that leaves out the verb of the one before
            measure = next((s.measure for s in reversed(earlier) if s.measure not in (SHARE_MEASURE, FALLBACK_MEASURE)
                            and s.unit == (unit or s.unit) and s.unit != "percent"), None)
        if measure is None:     # a figure goes on with the measure of the figure before it in its clause
            measure = next((s.measure for s in reversed(earlier) if s.measure not in (SHARE_MEASURE, FALLBACK_MEASURE)
                            and s.number.start >= clause_begins and
                            (s.unit == "percent") == (unit == "percent") and
                            (self.lexicon.get("measure", s.measure) is not None or s.unit == unit) and
                            # "12,400 tonnes of waste and 3,300 mu of farmland": weight goes on to no area;
                            # "in 11 provincial regions, 300 cases": a count of things goes on to no people or cases
                            (s.unit == unit or not (self.measures.is_physical(s.unit) or self.measures.is_physical(unit)
                                                    or "items" in (s.unit, unit)))),
                           None)
            if measure is not None and unit == "people" and not self.measures.fits(measure, unit):
                # "a fund of 110 million yuan was paid to 13,000 victims": the people the sum went to
                measure = self.measures.recipients(measure) or measure
        header_measure, paragraph_measure = inherited_measure
        # an amount of money never counts people or cases, nor a count money
        if named_measure is None:
            measure = next((m for m in (measure, header_measure) if m and self.measures.fits(m, unit)), None)
        if measure is None:     # the counted noun and its verb may name a measure the lexicon lacks
            named_measure = measure_named(text, left_start, number.start, anchor.end, right_end)
            if named_measure is not None:
                measure = named_measure.id
                if self.lexicon.get("measure", named_measure.id) is not None:
                    named_measure = None
        if measure is None:
            # a percentage takes the paragraph's measure only when it is a rate too ("安全感保持在98%以上" is
            # no share of the people prosecuted the paragraph counts)
            measure = paragraph_measure if paragraph_measure and self.measures.fits(paragraph_measure, unit) and (
                unit != "percent" or self.measures.unit_of(paragraph_measure) == "percent") else FALLBACK_MEASURE
        if unit is None:
            unit = self.measures.unit_of(measure) or FALLBACK_UNIT
        measure = self.measures.in_unit(measure, unit)
        takes_subject = unit == "people" and measure != FALLBACK_MEASURE
        share = (share_of.crime_type, share_of.named_subject) if share_of is not None else None
        crime_type, named = self.subjects.subject(text, sentence, number, anchor, right, right_end, mentions,
                                                  (left_offset, number.start), left_start, share, takes_subject,
                                                  self._chinese)
        field_id, named_field = self.subjects.field(text, sentence, number, mentions, left_start, self._chinese)
        statistic = Statistic(
            document_id=document.id, number=number, sentence=sentence, value=number.value, unit=unit,
            measure=measure, crime_type=crime_type, period=period, reported_by=reported_by,
            qualifier=number.qualifier, share_of=share_of,
            named_subject=named,
            field=field_id, named_field=named_field, named_measure=named_measure)
        statistic.year_on_year = own_change(text, sentence, number)
        return statistic

    def _reporter(self, sentence: Sentence, mentions: list[Mention], document: Document) -> str | None:
        text = document.text
        for mention in mentions:       # "…, the Supreme People's Court said", "最高法工作报告指出" (the sentence's own)
            if mention.kind == "agency" and (
                    self._cues.source_after.match(text, mention.end, sentence.end)
                    or self._cues.source_before.search(text, max(sentence.start, mention.start - 40), mention.start)):
                return mention.id
        according = self._cues.according_to.search(sentence.text)
        if according:
            position = sentence.start + according.end()
            agencies = [m for m in mentions if m.kind == "agency" and position <= m.start <= position + 120]
            if agencies:
                return agencies[0].id
        agency = document.meta.reporting_agency
        return agency if agency and self.lexicon.get("agency", agency) else None
