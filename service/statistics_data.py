"""The data behind /statistics: the SPARQL queries, and their rows folded into figures grouped by period.

Crime types and measures are named in English and Chinese where both labels exist; the title and
quotes of a document keep the document's language (see ``languages``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import charts
from .html import Links
from .languages import RDFS_LABEL, SKOS_PREF_LABEL, Name, Text, name_of

PREFIXES = """PREFIX spp: <https://w3id.org/spp-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""
_PERCENT_UNITS = ("percent",)


def measures_query() -> str:
    """Every measure with statistics: its English and Chinese label, how many statistics, how many by
    crime type, the periods."""
    return PREFIXES + """SELECT ?measure (SAMPLE(?name) AS ?label) (SAMPLE(?zhName) AS ?labelZh)
       (COUNT(DISTINCT ?s) AS ?statistics) (COUNT(DISTINCT ?typed) AS ?byCrimeType)
       (GROUP_CONCAT(DISTINCT ?periodName; separator="|") AS ?periods)
WHERE {
  ?s a spp:Statistic ; spp:measure ?measure .
  OPTIONAL { ?measure rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), "en") || LANG(?name) = "") }
  OPTIONAL { ?measure rdfs:label ?zhName FILTER(LANGMATCHES(LANG(?zhName), "zh")) }
  OPTIONAL { ?s spp:crimeType ?crime FILTER NOT EXISTS { ?crime a spp:Unspecified } BIND(?s AS ?typed) }
  OPTIONAL { ?s sdmx-dimension:refPeriod ?period
             OPTIONAL { ?period rdfs:label ?periodLabel FILTER(LANGMATCHES(LANG(?periodLabel), "en")) }
             BIND(COALESCE(?periodLabel, STR(?period)) AS ?periodName) }
}
GROUP BY ?measure
ORDER BY DESC(?statistics) ?measure"""


def measure_query(measure_iri: str) -> str:
    """The statistics of one measure with everything a chart and its list need: among them the field
    of work it was counted in and its series point (the quantity it states, with its other statements)."""
    return PREFIXES + f"""SELECT ?s ?value ?period ?periodLabel ?periodStart ?unit ?unitLabel ?crime ?crimeLabel
       ?crimeLabelZh ?fieldLabel ?change ?document ?documentTitle ?documentLanguage ?quote ?point ?preferred
WHERE {{
  ?s spp:measure <{measure_iri}> ; sdmx-measure:obsValue ?value .
  OPTIONAL {{ ?point a spp:SeriesPoint ; prov:wasDerivedFrom ?s ; spp:preferredStatement ?preferred }}
  OPTIONAL {{ ?s spp:field ?field FILTER NOT EXISTS {{ ?field a spp:Unspecified }}
             ?field skos:prefLabel ?fieldLabel FILTER(LANGMATCHES(LANG(?fieldLabel), "en")) }}
  OPTIONAL {{ ?s sdmx-dimension:refPeriod ?period
             OPTIONAL {{ ?period rdfs:label ?periodLabel FILTER(LANGMATCHES(LANG(?periodLabel), "en")) }}
             OPTIONAL {{ ?period dcat:startDate ?periodStart }} }}
  OPTIONAL {{ ?s sdmx-attribute:unitMeasure ?unit
             OPTIONAL {{ ?unit rdfs:label ?unitLabel FILTER(LANGMATCHES(LANG(?unitLabel), "en")) }} }}
  OPTIONAL {{ ?s spp:crimeType ?crime FILTER NOT EXISTS {{ ?crime a spp:Unspecified }}
             OPTIONAL {{ ?crime skos:prefLabel ?crimeLabel FILTER(LANGMATCHES(LANG(?crimeLabel), "en")) }}
             OPTIONAL {{ ?crime skos:prefLabel ?crimeLabelZh FILTER(LANGMATCHES(LANG(?crimeLabelZh), "zh")) }} }}
  OPTIONAL {{ ?s spp:yearOnYearChangePercent ?change }}
  OPTIONAL {{ ?s prov:wasDerivedFrom ?document
             OPTIONAL {{ ?document dcterms:title ?documentTitle }}
             OPTIONAL {{ ?document dcterms:language ?documentLanguage }} }}
  OPTIONAL {{ ?s spp:evidence ?evidence . ?evidence oa:exact ?quote }}
}}"""


def broader_query() -> str:
    """Every category and its broader one (``skos:broader``): the nesting of crime types."""
    return PREFIXES + "SELECT ?narrower ?broader WHERE { ?narrower skos:broader ?broader FILTER(isIRI(?broader)) }"


def broader_from_bindings(bindings: list[dict]) -> dict[str, set[str]]:
    """The rows of ``broader_query`` as each category's broader categories."""
    broader: dict[str, set[str]] = {}
    for row in bindings:
        broader.setdefault(value(row.get("narrower")), set()).add(value(row.get("broader")))
    return broader


def nearest_broader(category: str, shown: set[str], broader: dict[str, set[str]]) -> str:
    """The closest broader category of ``category`` among ``shown`` ("" when none is): its parent if
    shown, else its grandparent, and so on; of two at the same distance the first by IRI."""
    level, seen = {category}, {category}
    while level:
        level = {b for c in level for b in broader.get(c, ())} - seen
        found = sorted(level & shown)
        if found:
            return found[0]
        seen |= level
    return ""


def label_query(measure_iri: str) -> str:
    """The labels (English, Chinese, untagged) and English description of a measure (to name it even
    when it has no statistics)."""
    return PREFIXES + f"""SELECT ?p ?label ?comment WHERE {{
  {{ VALUES ?p {{ rdfs:label skos:prefLabel }} <{measure_iri}> ?p ?label
     FILTER(LANGMATCHES(LANG(?label), "en") || LANGMATCHES(LANG(?label), "zh") || LANG(?label) = "") }}
  UNION {{ <{measure_iri}> rdfs:comment ?comment FILTER(LANGMATCHES(LANG(?comment), "en") || LANG(?comment) = "") }}
}}"""


@dataclass
class Figure:
    """One statistic as the charts and the JSON twin show it."""

    iri: str
    value: float
    period: str               # the literal ("2023") or the period's IRI
    period_label: str
    period_start: str
    unit: str
    unit_label: str
    crime_types: list[tuple[str, Name]] = field(default_factory=list)   # (IRI, English and Chinese label)
    change: float | None = None
    document: str = ""
    document_title: Text | None = None
    document_language: str = ""
    quote: str = ""
    field_label: str = ""     # the field of work it was counted in, when it names one
    series_point: str = ""    # the quantity it states (graph/series)
    preferred: bool = True    # whether it is its series point's preferred statement

    def value_text(self) -> str:
        """The value as written on a chart ("19,000", "96.8%")."""
        text = charts.format_number(self.value)
        return text + "%" if self.unit.rsplit("/", 1)[-1] in _PERCENT_UNITS else text

    def as_json(self, links: Links) -> dict:
        """The figure in the JSON twin."""
        return {"statistic": self.iri, "page": links.href(self.iri), "value": json_number(self.value),
                "unit": self.unit or None, "unitLabel": self.unit_label or None,
                "referencePeriod": self.period or None, "referencePeriodLabel": self.period_label or None,
                "crimeTypes": [{"iri": iri, "label": name.primary, "labels": name.by_language()}
                               for iri, name in self.crime_types],
                "yearOnYearChangePercent": self.change, "document": self.document or None,
                "documentTitle": self.document_title.value if self.document_title else None,
                "documentLanguage": self.document_language or None, "evidence": self.quote or None,
                "field": self.field_label or None, "seriesPoint": self.series_point or None,
                "preferred": self.preferred}


@dataclass
class Group:
    """The figures of one reference period in one unit: those by crime type and the others."""

    period: str
    period_label: str
    period_start: str
    unit: str
    unit_label: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def by_crime_type(self) -> list[Figure]:
        return [f for f in self.figures if f.crime_types]

    @property
    def not_specified(self) -> list[Figure]:
        return sorted((f for f in self.figures if not f.crime_types), key=lambda f: (-f.value, f.iri))

    def anchor(self) -> str:
        """An HTML id for the group's section."""
        text = f"{self.period_label}-{self.unit_label}" if self.unit_label else self.period_label
        return "period-" + (re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "unknown")


def json_number(number: float) -> float | int:
    """A figure as JSON writes it: whole numbers without a decimal point (19000, not 19000.0)."""
    return int(number) if number == int(number) else number


def value(binding: dict | None) -> str:
    """The value of a SPARQL JSON binding, "" when unbound."""
    return binding["value"] if binding else ""


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _tagged(binding: dict | None) -> tuple[str, str]:
    return (binding["value"], binding.get("xml:lang", "")) if binding else ("", "")


def concept_name(row: dict, iri: str, key: str = "label") -> Name:
    """A resource's English and Chinese labels in a row of SPARQL JSON results (bound to ``key`` and
    ``key`` + "Zh": "crimeLabel" and "crimeLabelZh" of ``measure_query``); its slug when it has none."""
    labels = [(SKOS_PREF_LABEL, *_tagged(row.get(name))) for name in (key, key + "Zh") if row.get(name)]
    return name_of(labels) or Name((Text(iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")),))


def figures_from_bindings(bindings: list[dict]) -> list[Figure]:
    """Fold the rows of ``measure_query`` into one Figure per statistic (labels deduplicated)."""
    figures: dict[str, Figure] = {}
    for row in bindings:
        iri = value(row.get("s"))
        number = _number(value(row.get("value")))
        if not iri or number is None:
            continue
        figure = figures.get(iri)
        if figure is None:
            period = value(row.get("period"))
            language = value(row.get("documentLanguage")).strip()
            title, title_language = _tagged(row.get("documentTitle"))
            figure = figures[iri] = Figure(
                iri=iri, value=number, period=period,
                period_label=value(row.get("periodLabel")) or period or "no reference period",
                period_start=value(row.get("periodStart")) or period,
                unit=value(row.get("unit")), unit_label=value(row.get("unitLabel")),
                change=_number(value(row.get("change"))) if row.get("change") else None,
                document=value(row.get("document")),
                document_title=Text(title, title_language or language) if title else None,
                document_language=language, quote=value(row.get("quote")), field_label=value(row.get("fieldLabel")),
                series_point=value(row.get("point")),
                preferred=not row.get("preferred") or value(row.get("preferred")) == iri)
        crime = value(row.get("crime"))
        if crime and crime not in {c for c, _ in figure.crime_types}:
            figure.crime_types.append((crime, concept_name(row, crime, "crimeLabel")))
    return list(figures.values())


def group_figures(figures: list[Figure]) -> list[Group]:
    """Figures grouped by reference period and unit, the latest period first."""
    groups: dict[tuple[str, str], Group] = {}
    for figure in figures:
        key = (figure.period, figure.unit)
        if key not in groups:
            groups[key] = Group(figure.period, figure.period_label, figure.period_start, figure.unit,
                                figure.unit_label)
        groups[key].figures.append(figure)
    # The latest year first; within a year the group with most figures (the whole year) first.
    return sorted(groups.values(), key=lambda g: (g.period_start[:4], len(g.figures), g.period_label,
                                                  g.unit_label), reverse=True)


def measure_name(rows: list[dict], slug: str) -> Name:
    """A measure's name from the rows of ``label_query``: English and Chinese labels, else its slug."""
    labels = [(value(r.get("p")) or RDFS_LABEL, *_tagged(r.get("label"))) for r in rows if r.get("label")]
    return name_of(labels) or Name((Text(slug.replace("-", " ")),))


def measures_from_bindings(bindings: list[dict], base: str) -> list[tuple[dict, Name]]:
    """The rows of ``measures_query``: each measure as the JSON twin of /statistics lists it, and its name."""
    measures = []
    for row in bindings:
        iri = value(row.get("measure"))
        slug = iri[len(base):] if iri.startswith(base) else ""
        periods = sorted({p for p in value(row.get("periods")).split("|") if p}, reverse=True)
        labels = [(RDFS_LABEL, *_tagged(row.get(key))) for key in ("label", "labelZh") if row.get(key)]
        name = name_of(labels) or Name((Text(slug or iri),))
        measures.append(({"measure": iri, "slug": slug or None, "label": name.primary,
                          "labels": name.by_language(), "statistics": int(value(row.get("statistics")) or 0),
                          "byCrimeType": int(value(row.get("byCrimeType")) or 0), "referencePeriods": periods,
                          "page": f"/statistics/{slug}" if slug else None,
                          "json": f"/statistics/{slug}.json" if slug else None}, name))
    return measures

