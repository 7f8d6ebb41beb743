"""/statistics: the measures that have statistics, and per measure bar charts of its figures by crime type.

``/statistics`` lists the measures; ``/statistics/{measure}`` shows, per reference period (and unit), a
bar chart of the figures by crime type with their year-on-year change, each bar linking to the
statistic's page (which shows its evidence). Figures that name no crime type are listed apart. Every
page has a JSON twin: the same URL with ``.json``, or ``Accept: application/json``.

The data comes from SPARQL queries run by the service's query workers, like every other page
(``statistics_data``). Measures and crime types show their English and Chinese labels, each in an
element carrying its ``lang``; titles and quotes of Chinese documents are marked ``lang="zh"``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from . import charts
from .line_chart import series_chart
from .series_data import Line, drawable, lines_from_bindings, series_query
from .errors import ServiceError
from .formats import quality
from .html import Links, page, sparql_link, table
from .languages import Name, in_language, inferred
from .evaluation import TRUNCATED_HEADER, evaluate
from .state import ServiceState, service_state
from .statistics_data import (Figure, Group, broader_from_bindings, broader_query, figures_from_bindings,
                              group_figures, json_number, label_query, measure_name, measure_query,
                              measures_from_bindings, measures_query, nearest_broader, value)
from .jobs import Job

router = APIRouter()

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,200}$")
_NO_CRIME_TYPE = "All crime types / not specified"


def chart_bars(group: Group, links: Links, broader: dict[str, set[str]]) -> list[charts.Bar]:
    """The bars of a group's chart: one per quantity (series point) and crime type, drawn at the value
    of its preferred statement however many documents restate it, each nested in the bar of its
    closest broader crime type the chart shows. A crime type counted in several fields of work has a
    bar per field, named by it."""
    preferred = [f for f in group.by_crime_type if f.preferred]
    statements = Counter(f.series_point for f in group.by_crime_type if f.series_point)
    shown = {crime for figure in preferred for crime, _ in figure.crime_types}
    bars_per_crime = Counter(crime for figure in preferred for crime, _ in figure.crime_types)
    bars = []
    for figure in preferred:
        count = statements.get(figure.series_point, 1)
        stated = f" [stated {count} times; the statistic's page links the others]" if count > 1 else ""
        for crime, name in figure.crime_types:
            label = name.primary + (f" ({figure.field_label})" if bars_per_crime[crime] > 1 and figure.field_label else "")
            bars.append(charts.Bar(label=label, value=figure.value, href=links.href(figure.iri),
                                   change=figure.change, value_text=figure.value_text(),
                                   tooltip=_excerpt(figure.quote, 220) + stated, language=name.primary_language,
                                   key=crime, parent=nearest_broader(crime, shown, broader)))
    return bars


def _excerpt(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wants_json(request: Request) -> bool:
    """True when ``format=json`` is asked, or Accept rates application/json above text/html."""
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept")
    return quality("application/json", accept) > quality("text/html", accept)


async def _select(state: ServiceState, query: str) -> tuple[list[dict], bool]:
    answer = await evaluate(state, Job(query, result_format="json", max_rows=state.settings.max_rows))
    return json.loads(answer.body)["results"]["bindings"], answer.truncated


def _measure_base(state: ServiceState) -> str:
    return f"{state.dist.base_iri}id/measure/"


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
    links = state.links
    bindings, truncated = await _select(state, measures_query())
    measures = measures_from_bindings(bindings, _measure_base(state))
    headers = _headers(truncated)
    if as_json:
        return JSONResponse({"measures": [m for m, _ in measures]}, headers=headers)
    rows = []
    for m, name in measures:
        shown = f'<a href="{escape(m["page"])}">{name.html()}</a>' if m["page"] else name.html()
        rows.append([shown, f'{m["statistics"]:,}', f'{m["byCrimeType"]:,}', escape(", ".join(m["referencePeriods"])),
                     links.iri(m["measure"], links.compact(m["measure"]).rsplit("/", 1)[-1])])
    total = sum(m["statistics"] for m, _ in measures)
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
    comment = next((value(r.get("comment")) for r in label_rows if r.get("comment")), "")
    if not figures and not label_rows:
        raise ServiceError(404, f"no measure {iri} in this graph")
    name = measure_name(label_rows, measure)
    groups = group_figures(figures)
    broader_rows, _ = await _select(state, broader_query())
    broader = broader_from_bindings(broader_rows)
    series_rows, series_truncated = await _select(state, series_query(iri))
    lines = lines_from_bindings(series_rows)
    headers = _headers(truncated or series_truncated)
    links = state.links
    if as_json:
        return JSONResponse(measure_json(iri, measure, name, comment, groups, links, broader, lines), headers=headers)
    return HTMLResponse(measure_page(iri, measure, name, comment, groups, links, broader, lines), headers=headers)


def _figure_json(figure: Figure, group: Group, links: Links, broader: dict[str, set[str]]) -> dict:
    """A figure of the JSON twin; each crime type says which crime type of the group it is part of."""
    shown = {crime for f in group.by_crime_type for crime, _ in f.crime_types}
    data = figure.as_json(links)
    for crime_type in data["crimeTypes"]:
        crime_type["partOf"] = nearest_broader(crime_type["iri"], shown, broader) or None
    return data


def _line_json(line: Line, links: Links) -> dict:
    """A line over time in the JSON twin: its subject and unit, a point per year with its series point."""
    return {"subject": line.key or None, "subjectLabel": line.name.primary, "subjectLabels": line.name.by_language(),
            "unit": line.unit or None, "unitLabel": line.unit_label or None,
            "points": [{"year": p.year, "value": json_number(p.value),
                        "qualifier": p.qualifier or None, "seriesPoint": p.iri, "page": links.href(p.iri),
                        "statements": p.statements, "conflict": p.conflict} for p in line.points]}


def measure_json(iri: str, slug: str, name: Name, comment: str, groups: list[Group], links: Links,
                 broader: dict[str, set[str]], lines: list[Line]) -> dict:
    """The JSON twin of a measure's page (``partOf``: the broader crime type whose figure includes this
    one; ``overTime``: the measure's series points of whole years, one line per subject and unit)."""
    return {"measure": {"iri": iri, "slug": slug, "label": name.primary, "labels": name.by_language(),
                        "comment": comment or None, "page": f"/statistics/{slug}", "resource": links.href(iri)},
            "statistics": sum(len(g.figures) for g in groups),
            "overTime": [_line_json(line, links) for line in lines],
            "groups": [{"referencePeriod": g.period or None, "referencePeriodLabel": g.period_label,
                        "unit": g.unit or None, "unitLabel": g.unit_label or None,
                        "byCrimeType": [_figure_json(f, g, links, broader) for f in
                                        sorted(g.by_crime_type, key=lambda f: (-f.value, f.iri))],
                        "notSpecified": [f.as_json(links) for f in g.not_specified]} for g in groups]}


def _change_html(change: float | None) -> str:
    text = charts.format_change(change)
    if not text:
        return ""
    colour = charts.UP_COLOUR if (change or 0) > 0 else charts.DOWN_COLOUR if (change or 0) < 0 else "inherit"
    return f'<span style="color:{colour};font-weight:600">{escape(text)}</span>'


def _document_link(figure: Figure, links: Links) -> str:
    """A link to the figure's document, named by its title in the document's language."""
    if not figure.document:
        return ""
    return links.iri(figure.document, Name((figure.document_title,)) if figure.document_title else None)


def _not_specified_list(group: Group, links: Links) -> str:
    rows = []
    for figure in group.not_specified:
        rows.append([f'<a href="{escape(links.href(figure.iri))}">{escape(figure.value_text())}</a>',
                     _change_html(figure.change), _document_link(figure, links),
                     in_language(escape(_excerpt(figure.quote, 240)), inferred(figure.document_language))])
    return table(["value", "change", "document", "evidence"], rows, {0, 1})


def _data_table(group: Group, links: Links, broader: dict[str, set[str]]) -> str:
    shown = {crime for figure in group.by_crime_type for crime, _ in figure.crime_types}
    names = {crime: crime_name for figure in group.by_crime_type for crime, crime_name in figure.crime_types}
    rows = []
    for figure in sorted(group.by_crime_type, key=lambda f: (-f.value, f.iri)):
        for crime, crime_name in figure.crime_types:
            part_of = nearest_broader(crime, shown, broader)
            rows.append([links.iri(crime, crime_name), links.iri(part_of, names[part_of]) if part_of else "",
                         f'<a href="{escape(links.href(figure.iri))}">{escape(figure.value_text())}</a>',
                         _change_html(figure.change), _document_link(figure, links)])
    return ("<details><summary>The chart's figures as a table</summary>"
            + table(["crime type", "part of", "value", "change", "document"], rows, {2, 3}) + "</details>")


MAX_SERIES_CHARTS = 24


def _over_time(name: Name, lines: list[Line], links: Links) -> str:
    """The section of charts over time: one small chart per subject that has figures for two years or more."""
    shown = drawable(lines)
    if not shown:
        return ""
    parts = ['<section class="chart" id="over-time"><h2>Over time</h2>'
             "<p>One chart per crime type (or field of work), each on its own scale, one point per year: the "
             "preferred value of all the documents that state it. Follow a point to every statement of that "
             "figure and its source. Only whole years are drawn; the sections below have the figures of parts "
             'of a year and of several years.</p><div class="series-charts">']
    for index, line in enumerate(shown[:MAX_SERIES_CHARTS]):
        unit = f" ({line.unit_label})" if line.unit_label else ""
        heading = links.iri(line.key, line.name) if line.key else line.name.html()
        parts.append(f'<figure class="series"><figcaption>{heading}{escape(unit)}</figcaption>'
                     + series_chart(line, f"{name.primary}: {line.name.primary}{unit}, by year", links.href,
                                    chart_id=f"series-chart-{index + 1}") + "</figure>")
    parts.append("</div>")
    if len(shown) > MAX_SERIES_CHARTS:
        rest = ", ".join(line.name.primary for line in shown[MAX_SERIES_CHARTS:])
        parts.append(f"<p>Not drawn (the {MAX_SERIES_CHARTS} subjects with most years are): {escape(rest)}.</p>")
    rows = [[links.iri(line.key, line.name) if line.key else line.name.html(), escape(line.unit_label), str(point.year),
             f'<a href="{escape(links.href(point.iri))}">{escape(charts.format_number(point.value))}</a>',
             str(point.statements), "sources disagree" if point.conflict else ""]
            for line in shown for point in line.points]
    parts.append("<details><summary>The charts' points as a table</summary>"
                 + table(["subject", "unit", "year", "value", "statements", "conflict"], rows, {2, 3, 4}) + "</details>")
    return "".join(parts) + "</section>"


def measure_page(iri: str, slug: str, name: Name, comment: str, groups: list[Group], links: Links,
                 broader: dict[str, set[str]], lines: list[Line]) -> str:
    """The HTML page of a measure (headed by its English and Chinese labels): one section per reference
    period and unit, charts and lists."""
    parts = []
    if comment:
        parts.append(f"<p>{escape(comment)}</p>")
    count = sum(len(g.figures) for g in groups)
    parts.append(f'<p>{count} statistic{"s" if count != 1 else ""} of {links.iri(iri, name)}. '
                 "One bar per figure, however many documents state it (at the value of the most authoritative, most precise "
                 "statement; the table under the chart lists every statement). Bars are sorted by value; a subcategory (↳) hangs under its category, whose figure already counts it: "
                 "the bars do not add up. The year-on-year change is the one the document reports. "
                 "Follow a bar to the statistic and the quote that proves it.</p>")
    parts.append(_over_time(name, lines, links))
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
            title = f"{name.primary} by crime type, {group.period_label}"
            bars = chart_bars(group, links, broader)
            section.append(f"<h3>By crime type ({len(bars)})</h3>")
            section.append('<div class="chart-box">'
                           + charts.bar_chart(bars, title, group.unit_label,
                                              chart_id=f"chart-{index + 1}") + "</div>")
            section.append(_data_table(group, links, broader))
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
    return page(name, "".join(parts), prefix="Statistics: ")
