"""Series points: the statements of all documents that state one quantity — the same measure, crime type,
field, reference period and unit — gathered into one point, with a preferred value and a flag where the
documents disagree.

The preferred statement is the first by: the authority of its document (the SPP's own documents — a
work report, or the SPP as publisher — before restatements by others), then precision (no qualifier
before 'more than', 'about' ...; then the finer rounding: 1,818,808 before 1.82 million), then the
document's id and the position of the number (so the choice never depends on the order of reading).

Two documents conflict over a point when no figure of one agrees with any figure of the other (see
``agreement``): "more than 1.6 million" and 1,688,000 agree, 1.5 million and 1.69 million do not. One
document giving several figures that disagree makes the point ambiguous, not conflicting: the text
states several quantities (a total and a part, two groups) that the dimensions do not tell apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import combinations

from .agreement import FRACTIONAL_UNITS, StatedFigure, agree, stated_precision
from .corpus import Document
from .cube import UNSPECIFIED
from .statistics import Statistic

SPP_PUBLISHER_NAMES = frozenset({"supreme people's procuratorate", "最高人民检察院", "最高人民檢察院"})
OWN_DOCUMENT_TYPES = frozenset({"work-report"})


@dataclass(frozen=True, order=True)
class SeriesKey:
    """What a figure is a figure of (the statistic's dimensions but the statement's document and place)."""

    measure: str
    crime_type: str
    field: str
    period: str
    unit: str

    @property
    def slug(self) -> str:
        text = "\t".join((self.measure, self.crime_type, self.field, self.period, self.unit))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Statement:
    """One statistic as the series read it: what it is a figure of, its figure, where it is stated and
    whether its document is the SPP's own."""

    key: SeriesKey
    figure: StatedFigure
    statistic_slug: str
    document_id: str
    position: int
    own_document: bool

    def preference(self) -> tuple:
        return (not self.own_document, self.figure.qualifier is not None, self.figure.precision,
                self.document_id, self.position)


@dataclass(frozen=True)
class SeriesPoint:
    """The statements of one quantity, the one whose value is preferred, and which statements of
    different documents disagree."""

    key: SeriesKey
    statements: tuple[Statement, ...]     # sorted by preference: the first is preferred
    conflicting: tuple[Statement, ...]    # the statements of documents that disagree with another's
    ambiguous: bool                       # one document gives figures that disagree

    @property
    def preferred(self) -> Statement:
        return self.statements[0]

    @property
    def conflict(self) -> bool:
        return bool(self.conflicting)


def is_own_document(document: Document) -> bool:
    """A document of the SPP itself: a work report, or published by the SPP."""
    meta = document.meta
    return meta.document_type in OWN_DOCUMENT_TYPES or any(
        publisher.strip().lower() in SPP_PUBLISHER_NAMES for publisher in meta.publishers)


def statements_of(document: Document, statistics: list[Statistic]) -> list[Statement]:
    """The statements of one document's statistics."""
    own = is_own_document(document)
    return [Statement(
        key=SeriesKey(statistic.measure, statistic.crime_type or UNSPECIFIED, statistic.field or UNSPECIFIED,
                      statistic.period, statistic.unit),
        figure=StatedFigure(statistic.value, stated_precision(statistic.number.text, statistic.value),
                            statistic.qualifier, statistic.unit not in FRACTIONAL_UNITS),
        statistic_slug=statistic.slug, document_id=document.id, position=statistic.number.start,
        own_document=own) for statistic in statistics]


def _disagree(first: list[Statement], second: list[Statement]) -> bool:
    return not any(agree(a.figure, b.figure) for a in first for b in second)


def series_point(key: SeriesKey, statements: list[Statement]) -> SeriesPoint:
    """The point of the statements of one key."""
    ordered = tuple(sorted(statements, key=Statement.preference))
    by_document: dict[str, list[Statement]] = {}
    for statement in ordered:
        by_document.setdefault(statement.document_id, []).append(statement)
    disagreeing: set[str] = set()
    for first, second in combinations(sorted(by_document), 2):
        if _disagree(by_document[first], by_document[second]):
            disagreeing |= {first, second}
    ambiguous = any(not agree(a.figure, b.figure) for figures in by_document.values()
                    for a, b in combinations(figures, 2))
    return SeriesPoint(key, ordered, tuple(s for s in ordered if s.document_id in disagreeing), ambiguous)


def series_points(statements: list[Statement]) -> list[SeriesPoint]:
    """One point per quantity, sorted by key."""
    by_key: dict[SeriesKey, list[Statement]] = {}
    for statement in statements:
        by_key.setdefault(statement.key, []).append(statement)
    return [series_point(key, by_key[key]) for key in sorted(by_key)]
