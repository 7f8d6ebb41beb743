"""The data behind a measure's charts over time: its series points (graph/series), folded into one line
per subject and unit with one point per year.

A series point is one quantity however many documents state it (its preferred value, whether its
sources conflict, how many statements it has). A line's subject is the point's crime type, or its field
when it names no crime type, or "all" when it names neither. Only points about one whole calendar year
are placed on a time axis; figures for part of a year or for several years stay in the per-period
charts. When two points of one subject fall on the same year (the same crime type counted in two
fields of work), the line takes the one stated most often, then the one that names no field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .languages import Name, Text
from .statistics_data import PREFIXES, concept_name, value

ALL_SUBJECTS = "all crime types and fields"


def series_query(measure_iri: str) -> str:
    """The series points of one measure: value, period bounds, unit, subject and how they are attested."""
    return PREFIXES + f"""SELECT ?point ?value ?qualifier ?from ?to ?unit ?unitLabel ?crime ?crimeLabel ?crimeLabelZh
       ?noCrime ?field ?fieldLabel ?fieldLabelZh ?noField ?conflict ?statements ?sources
WHERE {{
  {{ SELECT ?point (COUNT(DISTINCT ?statement) AS ?statements) (GROUP_CONCAT(DISTINCT ?title; separator=" · ") AS ?sources)
     WHERE {{ ?point spp:measure <{measure_iri}> ; a spp:SeriesPoint ; prov:wasDerivedFrom ?statement .
              OPTIONAL {{ ?statement spp:sourceDocument ?document OPTIONAL {{ ?document dcterms:title ?title }} }} }}
     GROUP BY ?point }}
  ?point spp:preferredValue ?value ; spp:conflict ?conflict ; sdmx-dimension:refPeriod ?period ;
         spp:unit ?unit ; spp:crimeType ?crime ; spp:field ?field .
  ?period dcat:startDate ?from ; dcat:endDate ?to .
  OPTIONAL {{ ?point spp:qualifier ?qualifier }}
  OPTIONAL {{ ?unit rdfs:label ?unitLabel FILTER(LANGMATCHES(LANG(?unitLabel), "en")) }}
  OPTIONAL {{ ?crime a spp:Unspecified BIND(true AS ?noCrime) }}
  OPTIONAL {{ ?crime skos:prefLabel ?crimeLabel FILTER(LANGMATCHES(LANG(?crimeLabel), "en")) }}
  OPTIONAL {{ ?crime skos:prefLabel ?crimeLabelZh FILTER(LANGMATCHES(LANG(?crimeLabelZh), "zh")) }}
  OPTIONAL {{ ?field a spp:Unspecified BIND(true AS ?noField) }}
  OPTIONAL {{ ?field skos:prefLabel ?fieldLabel FILTER(LANGMATCHES(LANG(?fieldLabel), "en")) }}
  OPTIONAL {{ ?field skos:prefLabel ?fieldLabelZh FILTER(LANGMATCHES(LANG(?fieldLabelZh), "zh")) }}
}}"""


@dataclass(frozen=True)
class YearPoint:
    """One series point on a time axis."""

    iri: str
    year: int
    value: float
    statements: int
    conflict: bool
    qualifier: str = ""
    field_label: str = ""     # the field of work it was counted in, when it names a crime type and a field
    sources: str = ""         # the titles of the documents that state it


@dataclass
class Line:
    """The points of one subject in one unit, by year."""

    key: str                  # the subject's IRI ("" for all)
    name: Name
    unit: str
    unit_label: str
    points: list[YearPoint] = field(default_factory=list)


def whole_year(start: str, end: str) -> int | None:
    """The year of a period that is one whole calendar year ("2023" to "2023"), else None."""
    return int(start) if start == end and len(start) == 4 and start.isdigit() else None


def lines_from_bindings(bindings: list[dict]) -> list[Line]:
    """The rows of ``series_query`` as lines: one per subject and unit, one point per year, most
    points first (then by name)."""
    lines: dict[tuple[str, str], Line] = {}
    chosen: dict[tuple[str, str, int], tuple[tuple, YearPoint]] = {}
    for row in bindings:
        year = whole_year(value(row.get("from")), value(row.get("to")))
        try:
            number = float(value(row.get("value")))
        except ValueError:
            continue
        if year is None:
            continue
        crime, named_field = value(row.get("crime")), value(row.get("field"))
        has_crime, has_field = not row.get("noCrime"), not row.get("noField")
        if has_crime:
            key, name = crime, concept_name(row, crime, "crimeLabel")
        elif has_field:
            key, name = named_field, concept_name(row, named_field, "fieldLabel")
        else:
            key, name = "", Name((Text(ALL_SUBJECTS, "en"),))
        unit = value(row.get("unit"))
        line = lines.setdefault((key, unit), Line(key, name, unit, value(row.get("unitLabel"))))
        statements = int(float(value(row.get("statements")) or 0))
        point = YearPoint(iri=value(row.get("point")), year=year, value=number, statements=statements,
                          conflict=value(row.get("conflict")) in ("true", "1"), qualifier=value(row.get("qualifier")),
                          field_label=concept_name(row, named_field, "fieldLabel").primary if has_crime and has_field else "",
                          sources=value(row.get("sources")))
        rank = (-statements, bool(point.field_label), point.iri)
        slot = (key, unit, year)
        if slot not in chosen or rank < chosen[slot][0]:
            chosen[slot] = (rank, point)
    for (key, unit, _), (_, point) in chosen.items():
        lines[(key, unit)].points.append(point)
    for line in lines.values():
        line.points.sort(key=lambda p: p.year)
    return sorted((line for line in lines.values() if line.points),
                  key=lambda line: (-len(line.points), line.name.primary.casefold()))


def drawable(lines: list[Line]) -> list[Line]:
    """The lines that span two years or more: what a chart over time can draw."""
    return [line for line in lines if len(line.points) >= 2]
