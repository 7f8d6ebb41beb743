"""/statistics: the measures that have statistics, and per measure bar charts of its figures by crime type.

``/statistics`` lists the measures; ``/statistics/{measure}`` shows, per reference period (and unit), a
bar chart of the figures by crime type with their year-on-year change, each bar linking to the
statistic's page (which shows its evidence). Figures that name no crime type are listed apart. Every
page has a JSON twin: the same URL with ``.json``, or ``Accept: application/json``.

The data comes from SPARQL queries run by the service's query workers, like every other page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from . import charts
from .errors import ServiceError
from .formats import parse_accept
from .html import Links, page, sparql_link, table
from .sparql import TRUNCATED_HEADER, evaluate
from .state import ServiceState, service_state
from .worker import Job

router = APIRouter()

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,200}$")
_PREFIXES = """PREFIX spp: <https://w3id.org/spp-kg/ontology#>
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
_NO_CRIME_TYPE = "All crime types / not specified"


def measures_query() -> str:
    """Every measure with statistics: its label, how many statistics, how many by crime type, the periods."""
    return _PREFIXES + """SELECT ?measure (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?s) AS ?statistics)
       (COUNT(DISTINCT ?typed) AS ?byCrimeType) (GROUP_CONCAT(DISTINCT ?periodName; separator="|") AS ?periods)
WHERE {
  ?s a spp:Statistic ; spp:measure ?measure .
  OPTIONAL { ?measure rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), "en") || LANG(?name) = "") }
  OPTIONAL { ?s spp:crimeType ?crime BIND(?s AS ?typed) }
  OPTIONAL { ?s sdmx-dimension:refPeriod ?period
             OPTIONAL { ?period rdfs:label ?periodLabel FILTER(LANGMATCHES(LANG(?periodLabel), "en")) }
             BIND(COALESCE(?periodLabel, STR(?period)) AS ?periodName) }
}
GROUP BY ?measure
ORDER BY DESC(?statistics) ?measure"""


def measure_query(measure_iri: str) -> str:
    """The statistics of one measure with everything a chart and its list need."""
    return _PREFIXES + f"""SELECT ?s ?value ?period ?periodLabel ?periodStart ?unit ?unitLabel ?crime ?crimeLabel
       ?change ?document ?documentTitle ?quote
WHERE {{
  ?s spp:measure <{measure_iri}> ; sdmx-measure:obsValue ?value .
  OPTIONAL {{ ?s sdmx-dimension:refPeriod ?period
             OPTIONAL {{ ?period rdfs:label ?periodLabel FILTER(LANGMATCHES(LANG(?periodLabel), "en")) }}
             OPTIONAL {{ ?period dcat:startDate ?periodStart }} }}
  OPTIONAL {{ ?s sdmx-attribute:unitMeasure ?unit
             OPTIONAL {{ ?unit rdfs:label ?unitLabel FILTER(LANGMATCHES(LANG(?unitLabel), "en")) }} }}
  OPTIONAL {{ ?s spp:crimeType ?crime
             OPTIONAL {{ ?crime skos:prefLabel ?crimeLabel FILTER(LANGMATCHES(LANG(?crimeLabel), "en")) }} }}
  OPTIONAL {{ ?s spp:yearOnYearChangePercent ?change }}
  OPTIONAL {{ ?s prov:wasDerivedFrom ?document
             OPTIONAL {{ ?document dcterms:title ?documentTitle }} }}
  OPTIONAL {{ ?s spp:evidence ?evidence . ?evidence oa:exact ?quote }}
}}"""


def label_query(measure_iri: str) -> str:
    """The label and description of a measure (to name it even when it has no statistics)."""
    return _PREFIXES + f"""SELECT ?label ?comment WHERE {{
  {{ <{measure_iri}> rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }}
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
    crime_types: list[tuple[str, str]] = field(default_factory=list)   # (IRI, label)
    change: float | None = None
    document: str = ""
    document_title: str = ""
    quote: str = ""

    def value_text(self) -> str:
        """The value as written on a chart ("19,000", "96.8%")."""
        text = charts.format_number(self.value)
        return text + "%" if self.unit.rsplit("/", 1)[-1] in _PERCENT_UNITS else text

    def as_json(self, links: Links) -> dict:
        """The figure in the JSON twin."""
        number: float | int = int(self.value) if self.value == int(self.value) else self.value
        return {"statistic": self.iri, "page": links.href(self.iri), "value": number,
                "unit": self.unit or None, "unitLabel": self.unit_label or None,
                "referencePeriod": self.period or None, "referencePeriodLabel": self.period_label or None,
                "crimeTypes": [{"iri": iri, "label": label} for iri, label in self.crime_types],
                "yearOnYearChangePercent": self.change, "document": self.document or None,
                "documentTitle": self.document_title or None, "evidence": self.quote or None}


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


def _value(binding: dict | None) -> str:
    return binding["value"] if binding else ""


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def figures_from_bindings(bindings: list[dict]) -> list[Figure]:
    """Fold the rows of ``measure_query`` into one Figure per statistic (labels deduplicated)."""
    figures: dict[str, Figure] = {}
    for row in bindings:
        iri = _value(row.get("s"))
        value = _number(_value(row.get("value")))
        if not iri or value is None:
            continue
        figure = figures.get(iri)
        if figure is None:
            period = _value(row.get("period"))
            figure = figures[iri] = Figure(
                iri=iri, value=value, period=period,
                period_label=_value(row.get("periodLabel")) or period or "no reference period",
                period_start=_value(row.get("periodStart")) or period,
                unit=_value(row.get("unit")), unit_label=_value(row.get("unitLabel")),
                change=_number(_value(row.get("change"))) if row.get("change") else None,
                document=_value(row.get("document")), document_title=_value(row.get("documentTitle")),
                quote=_value(row.get("quote")))
        crime = _value(row.get("crime"))
        if crime and crime not in {c for c, _ in figure.crime_types}:
            label = _value(row.get("crimeLabel")) or crime.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
            figure.crime_types.append((crime, label))
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


def chart_bars(group: Group, links: Links) -> list[charts.Bar]:
    """The bars of a group's chart: one per statistic and crime type."""
    bars = []
    for figure in group.by_crime_type:
        for _, label in figure.crime_types:
            bars.append(charts.Bar(label=label, value=figure.value, href=links.href(figure.iri),
                                   change=figure.change, value_text=figure.value_text(),
                                   tooltip=_excerpt(figure.quote, 220)))
    return bars


def _excerpt(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wants_json(request: Request) -> bool:
    """True when ``format=json`` is asked, or Accept rates application/json above text/html."""
    if request.query_params.get("format") == "json":
        return True
    ranges = parse_accept(request.headers.get("accept"))

    def quality(media_type: str) -> float:
        best = (0, 0.0)
        for media_range in ranges:
            specificity = media_range.matches(media_type)
            if specificity and (specificity, media_range.q) > best:
                best = (specificity, media_range.q)
        return best[1]

    return quality("application/json") > quality("text/html")


async def _select(state: ServiceState, query: str) -> tuple[list[dict], bool]:
    answer = await evaluate(state, Job(query, result_format="json", max_rows=state.settings.max_rows))
    return json.loads(answer.body)["results"]["bindings"], answer.truncated


def _measure_base(state: ServiceState) -> str:
    return f"{state.dist.base_iri}id/measure/"


def _slug(iri: str, base: str) -> str:
    return iri[len(base):] if iri.startswith(base) else ""


def _headers(truncated: bool) -> dict[str, str]:
    headers = {"Vary": "Accept"}
    if truncated:
        headers[TRUNCATED_HEADER] = "true"
    return headers


@router.get("/statistics", summary="The measures that have statistics (HTML, or JSON by Accept)")
async def statistics_index(request: Request) -> Response:
    """Every measure with statistics, how many, how many by crime type, and the reference periods."""
    return await _index(request, wants_json(request))


@router.get("/statistics.json", summary="The measures that have statistics, as JSON")
async def statistics_index_json(request: Request) -> Response:
    """The JSON twin of /statistics."""
    return await _index(request, True)


async def _index(request: Request, as_json: bool) -> Response:
    state = service_state(request)
    links, base = state.links, _measure_base(state)
    bindings, truncated = await _select(state, measures_query())
    measures = []
    for row in bindings:
        iri = _value(row.get("measure"))
        slug = _slug(iri, base)
        periods = sorted({p for p in _value(row.get("periods")).split("|") if p}, reverse=True)
        measures.append({"measure": iri, "slug": slug or None, "label": _value(row.get("label")) or slug or iri,
                         "statistics": int(_value(row.get("statistics")) or 0),
                         "byCrimeType": int(_value(row.get("byCrimeType")) or 0), "referencePeriods": periods,
                         "page": f"/statistics/{slug}" if slug else None,
                         "json": f"/statistics/{slug}.json" if slug else None})
    headers = _headers(truncated)
    if as_json:
        return JSONResponse({"measures": measures}, headers=headers)
    rows = []
    for m in measures:
        name = (f'<a href="{escape(m["page"])}">{escape(m["label"])}</a>' if m["page"]
                else escape(m["label"]))
        rows.append([name, f'{m["statistics"]:,}', f'{m["byCrimeType"]:,}', escape(", ".join(m["referencePeriods"])),
                     links.iri(m["measure"], links.compact(m["measure"]).rsplit("/", 1)[-1])])
    total = sum(m["statistics"] for m in measures)
    body = (f"<p>{total:,} statistics in {len(measures)} measures. Each measure's page charts its figures by "
            "crime type for every reference period, with the year-on-year change reported next to each "
            "figure; every bar leads to the statistic and the quote it was extracted from.</p>"
            + table(["measure", "statistics", "by crime type", "reference periods", "resource"], rows, {1, 2})
            + '<nav class="formats">As JSON: <a href="/statistics.json">/statistics.json</a></nav>')
    return HTMLResponse(page("Statistics", body), headers=headers)


@router.get("/statistics/{measure}", summary="The statistics of one measure: bar charts by crime type (HTML), "
                                             "or JSON with .json or Accept")
async def statistics_measure(measure: str, request: Request) -> Response:
    """Per reference period a bar chart of the measure's figures by crime type; ``.json`` for the data."""
    as_json = wants_json(request)
    if measure.endswith(".json"):
        measure, as_json = measure[: -len(".json")], True
    state = service_state(request)
    if not _SLUG.match(measure):
        raise ServiceError(404, f"no measure {measure!r}")
    iri = _measure_base(state) + measure
    bindings, truncated = await _select(state, measure_query(iri))
    figures = figures_from_bindings(bindings)
    label_rows, _ = await _select(state, label_query(iri))
    label = next((_value(r.get("label")) for r in label_rows if r.get("label")), "")
    comment = next((_value(r.get("comment")) for r in label_rows if r.get("comment")), "")
    if not figures and not label_rows:
        raise ServiceError(404, f"no measure {iri} in this graph")
    label = label or measure.replace("-", " ")
    groups = group_figures(figures)
    headers = _headers(truncated)
    links = state.links
    if as_json:
        return JSONResponse(measure_json(iri, measure, label, comment, groups, links), headers=headers)
    return HTMLResponse(measure_page(iri, measure, label, comment, groups, links), headers=headers)


def measure_json(iri: str, slug: str, label: str, comment: str, groups: list[Group], links: Links) -> dict:
    """The JSON twin of a measure's page."""
    return {"measure": {"iri": iri, "slug": slug, "label": label, "comment": comment or None,
                        "page": f"/statistics/{slug}", "resource": links.href(iri)},
            "statistics": sum(len(g.figures) for g in groups),
            "groups": [{"referencePeriod": g.period or None, "referencePeriodLabel": g.period_label,
                        "unit": g.unit or None, "unitLabel": g.unit_label or None,
                        "byCrimeType": [f.as_json(links) for f in
                                        sorted(g.by_crime_type, key=lambda f: (-f.value, f.iri))],
                        "notSpecified": [f.as_json(links) for f in g.not_specified]} for g in groups]}


def _change_html(change: float | None) -> str:
    text = charts.format_change(change)
    if not text:
        return ""
    colour = charts.UP_COLOUR if (change or 0) > 0 else charts.DOWN_COLOUR if (change or 0) < 0 else "inherit"
    return f'<span style="color:{colour};font-weight:600">{escape(text)}</span>'


def _not_specified_list(group: Group, links: Links) -> str:
    rows = []
    for figure in group.not_specified:
        document = (links.iri(figure.document, figure.document_title or None) if figure.document else "")
        rows.append([f'<a href="{escape(links.href(figure.iri))}">{escape(figure.value_text())}</a>',
                     _change_html(figure.change), document, escape(_excerpt(figure.quote, 240))])
    return table(["value", "change", "document", "evidence"], rows, {0, 1})


def _data_table(group: Group, links: Links) -> str:
    rows = []
    for figure in sorted(group.by_crime_type, key=lambda f: (-f.value, f.iri)):
        for crime, crime_label in figure.crime_types:
            rows.append([links.iri(crime, crime_label),
                         f'<a href="{escape(links.href(figure.iri))}">{escape(figure.value_text())}</a>',
                         _change_html(figure.change),
                         links.iri(figure.document, figure.document_title or None) if figure.document else ""])
    return ("<details><summary>The chart's figures as a table</summary>"
            + table(["crime type", "value", "change", "document"], rows, {1, 2}) + "</details>")


def measure_page(iri: str, slug: str, label: str, comment: str, groups: list[Group], links: Links) -> str:
    """The HTML page of a measure: one section per reference period and unit, charts and lists."""
    parts = []
    if comment:
        parts.append(f"<p>{escape(comment)}</p>")
    count = sum(len(g.figures) for g in groups)
    parts.append(f'<p>{count} statistic{"s" if count != 1 else ""} of {links.iri(iri, label)}. '
                 "Bars are sorted by value; the year-on-year change is the one the document reports. "
                 "Follow a bar to the statistic and the quote that proves it.</p>")
    if len(groups) > 1:
        parts.append('<nav class="formats">Reference periods: ' + " ".join(
            f'<a href="#{escape(g.anchor())}" style="white-space:nowrap">{escape(g.period_label)}'
            f'{" · " + escape(g.unit_label) if g.unit_label else ""}</a>' for g in groups) + "</nav>")
    for index, group in enumerate(groups):
        unit = f" — {group.unit_label}" if group.unit_label else ""
        section = [f'<section class="chart" id="{escape(group.anchor())}">'
                   f"<h2>{escape(group.period_label)}{escape(unit)}</h2>"]
        typed = group.by_crime_type
        if typed:
            title = f"{label} by crime type, {group.period_label}"
            section.append(f"<h3>By crime type ({len(chart_bars(group, links))})</h3>")
            section.append('<div class="chart-box">'
                           + charts.bar_chart(chart_bars(group, links), title, group.unit_label,
                                              chart_id=f"chart-{index + 1}") + "</div>")
            section.append(_data_table(group, links))
        untyped = group.not_specified
        if untyped:
            section.append(f"<h3>{_NO_CRIME_TYPE} ({len(untyped)})</h3>" + _not_specified_list(group, links))
        section.append("</section>")
        parts.append("".join(section))
    if not groups:
        parts.append("<p>This measure has no statistics in the graph yet.</p>")
    query = measure_query(iri)
    parts.append(f'<nav class="formats">This page as <a href="/statistics/{escape(slug)}.json">JSON</a> · '
                 f'<a href="{escape(sparql_link(query))}">the SPARQL query behind it</a> · '
                 '<a href="/statistics">all measures</a></nav>')
    return page(f"Statistics: {label}", "".join(parts))
