"""How the figures of a sentence and of a paragraph bear on one another once they are read: a sentence that
only changes the figure before it, people counted in cases of a crime, a sum restated in another currency,
a run of shares of a run of counts, a run said respectively of the members of a list, civil and administrative
cases of public interest litigation, and a subject passed on to a figure that names none."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from .structure import Placed

if TYPE_CHECKING:
    from .statistics import Statistic

# a sentence about the figure before it: "The figure represents ...", "This was ...", "这一数字同比上升…",
# "X said that the number is 63.5 percent higher ..."
_FIGURE_BEFORE = re.compile(r"^(?:[^.;]{0,120}?\bsaid\s+(?:that\s+)?)?"
                            r"(?:(?:the|this|that)\s+(?:figure|number|total|amount|rate)|it|this|that)\s+"
                            r"(?:\w+\s+){0,2}?(?:represents?|marks?|marked|shows?|showed|was|is|were|rose|fell|increased|"
                            r"decreased|grew|dropped|declined|reflects?|reflected)\b|^(?:这一|该|此)(?:数字|数据|人数|数量)",
                            re.IGNORECASE)
# "4,400 people in 3,100 cases": what lies between a count of people and the count of their cases
_IN_CASES = re.compile(r"\s+(?:[\w-]+\s+)?(?:people|persons|suspects|defendants|individuals)?\s*(?:in|involved\s+in|across)\s+"
                       r"(?:about\s+|some\s+|nearly\s+|more\s+than\s+|over\s+)?\Z", re.IGNORECASE)


def changes_the_figure_before(text: str, found: list[Statistic], before: Statistic, placed: Placed) -> bool:
    """A sentence that only says how the figure before it changed ("The figure represents an increase of
    21.4 percent over the same period last year.") gives that figure its change: it states no figure. The
    figure is in its paragraph, or in the sentence right before it (a news story's one-sentence paragraphs)."""
    if not found or not all(s.stands_for_change for s in found) or not _FIGURE_BEFORE.match(placed.sentence.text):
        return False
    if not (placed.block.start <= before.sentence.start < placed.sentence.start
            or before.sentence.end <= placed.sentence.start and not text[before.sentence.end:placed.sentence.start].strip()):
        return False
    changes = [(name, getattr(s, name)) for s in found
               for name in ("year_on_year", "point_change", "previous_period_change") if getattr(s, name) is not None]
    if len(changes) != 1 or getattr(before, changes[0][0]) is not None:
        return False
    setattr(before, *changes[0])
    before.change_mentions += found[0].change_mentions
    return True


def people_take_the_subject_of_their_cases(text: str, stats: list[Statistic]) -> None:
    """"4,400 people in 3,100 cases of bribery": the people are counted for the crime of their cases."""
    for people, cases in zip(stats, stats[1:]):
        if people.unit == "people" and cases.unit == "cases" and people.crime_type is None and people.field is None \
                and (cases.crime_type or cases.field) and _IN_CASES.match(text, people.number.end, cases.number.start):
            inherit_subject(people, cases)


# "17.15 billion yuan ($2.47 billion)", "71 million yuan (about 9.96 million U.S. dollars)": the same sum again
_RESTATED = re.compile(r"\s*[(（]\s*(?:about|approximately|around|roughly|some|or|nearly|over|more than)?\s*(?:US|U\.S\.)?\s*\$?\s*\Z",
                       re.IGNORECASE)
_CURRENCIES = {"yuan", "us-dollars"}


def a_sum_restated_in_another_currency_is_of_its_measure(text: str, stats: list[Statistic], fallback: str) -> None:
    """A sum and the same sum in another currency in brackets after it: when the words of the measure stand
    after the brackets, only the second figure found them; the first is of the same measure."""
    for first, second in zip(stats, stats[1:]):
        if {first.unit, second.unit} == _CURRENCIES and first.measure == fallback and second.measure != fallback \
                and _RESTATED.match(text, first.number.end, second.number.start):
            first.measure, first.named_measure = second.measure, second.named_measure


_RESPECTIVELY = re.compile(r"\brespectively\b|分别", re.IGNORECASE)


def a_run_said_respectively_is_of_the_members_of_its_list(sentence: str, stats: list[Statistic]) -> None:
    """"charged 2,100 and 3,400 people with theft and fraud respectively", "起诉盗窃、诈骗犯罪分别为2100人、
    3400人": as many figures as the crimes listed, said respectively, are each of its crime, in order."""
    if not _RESPECTIVELY.search(sentence):
        return
    index = 0
    while index < len(stats):
        subject = stats[index].named_subject
        run = list(itertools.takewhile(lambda s: s.named_subject is not None and subject is not None
                                       and s.named_subject.id == subject.id, stats[index:]))
        named_inside = (subject.members or subject.broader) if subject is not None else ()
        if len(run) > 1 and len(named_inside) == len(run):
            for statistic, member in zip(run, named_inside):
                statistic.crime_type, statistic.named_subject = member, None
        index += max(1, len(run))


# "Among them, 20,000 civil cases were filed": a kind of the public interest cases the paragraph is about
_KIND_OF_CASES_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(civil|administrative)\s+(?:[\w-]+\s+){0,2}?cases?\b", re.IGNORECASE)
_PUBLIC_INTEREST_CASES = {"civil": "civil-public-interest-litigation-cases",
                          "administrative": "administrative-public-interest-litigation-cases"}


def public_interest_cases_by_kind(text: str, stats: list[Statistic], line_of, known) -> None:
    """Civil or administrative cases counted under public interest litigation (``line_of(field)`` names the
    line of work a field is under), of a measure the lexicon lacks (``known(measure)`` is false), are the
    civil or administrative public interest litigation cases."""
    for statistic in stats:
        kind = _KIND_OF_CASES_AFTER.match(text, statistic.number.end)
        if kind and not known(statistic.measure) and line_of(statistic.field) == "public-interest-litigation":
            statistic.measure, statistic.named_measure = _PUBLIC_INTEREST_CASES[kind.group(1).lower()], None


def inherit_subject(statistic: Statistic, source: Statistic) -> None:
    """Give a statistic the crime type and field of an earlier one of its paragraph."""
    statistic.crime_type, statistic.named_subject = source.crime_type, source.named_subject
    statistic.field, statistic.named_field = source.field, source.named_field


def _cases_and_their_people(counts: list[Statistic]) -> bool:
    """"批捕毒品犯罪案件3.2万件4.1万人": the cases and the people of one count, written together."""
    return len(counts) == 2 and (counts[0].unit, counts[1].unit) == ("cases", "people") and \
        counts[1].number.start - counts[0].number.end <= 2


def pair_shares_with_their_counts(stats: list[Statistic], share_measure: str) -> None:
    """"分别为3768人、5537人、4907人,分别占同期总数的9.5%、11.0%、11.1%": a run of shares as long as the run
    of counts right before it is of those counts in order, not all of the last one."""
    index = 0
    while index < len(stats):
        total = stats[index].share_of
        run = list(itertools.takewhile(lambda s: s.measure == share_measure and s.share_of is total, stats[index:]))
        before = [i for i, s in enumerate(stats[:index]) if s is total]
        if total is not None and len(run) > 1 and before:
            end = before[0] + 1
            counts = stats[end - len(run):end]
            if len(counts) == len(run) and (all(c.unit == total.unit and c.measure == total.measure for c in counts)
                                            or _cases_and_their_people(counts)):
                for share, count in zip(run, counts):
                    share.share_of = count
        index += max(1, len(run))
