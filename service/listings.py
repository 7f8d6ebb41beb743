"""/id/{kind}: every resource of one kind (all agencies, all crime types …), as HTML and as JSON; /id/: the kinds.

``/id/agency`` lists the agencies by name (English and Chinese) with links to their pages;
``/id/agency.json`` (or ``Accept: application/json``) is its JSON twin. Long lists come in pages
(``?page=2``). A kind is the first segment of a resource's path: ``agency``, ``crime-type``,
``statistic`` …; one with no resource in the graph is 404.
"""

from __future__ import annotations

import json
import re
from html import escape

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from .errors import ServiceError
from .html import page
from .evaluation import TRUNCATED_HEADER, evaluate
from .state import ServiceState, service_state
from .statistics_data import concept_name
from .statistics_pages import wants_json
from .jobs import Job

router = APIRouter()

PAGE_SIZE = 500
_KIND = re.compile(r"^[a-z][a-z0-9-]{0,60}$")
_PLURALS = {"agency": "Agencies", "person": "People", "policy": "Policies", "crime-type": "Crime types",
            "field": "Fields of work", "period": "Reference periods", "dataset": "Data sets",
            "scheme": "Concept schemes", "series": "Series points"}
_LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
           "http://xmlns.com/foaf/0.1/name", "http://purl.org/dc/terms/title")


# The kinds of the public data model, in the order the home page offers their lists.
MAIN_KINDS = ("agency", "person", "policy", "campaign", "crime-type", "measure", "place", "event", "document",
              "statistic")


def browse_links() -> str:
    """Links to the list of every main kind ("Agencies · People · …")."""
    return " · ".join(f'<a href="/id/{kind}">{escape(kind_title(kind))}</a>' for kind in MAIN_KINDS)


def kind_title(kind: str) -> str:
    """What a page of resources of ``kind`` is called: "Agencies", "Crime types", "Statistics"."""
    return _PLURALS.get(kind) or kind.replace("-", " ").capitalize() + "s"


def listing_query(prefix: str, limit: int, offset: int) -> str:
    """One row per resource whose IRI starts with ``prefix`` (no hash IRIs), with its English and Chinese
    label, ordered by English label; ``limit`` and ``offset`` page through them."""
    labels = "|".join(f"<{p}>" for p in _LABELS)
    start = json.dumps(prefix, ensure_ascii=False)
    return f"""SELECT ?s (SAMPLE(?en) AS ?label) (SAMPLE(?zh) AS ?labelZh) WHERE {{
  ?s a ?type . FILTER(isIRI(?s) && STRSTARTS(STR(?s), {start}) && !CONTAINS(STR(?s), "#"))
  OPTIONAL {{ ?s {labels} ?en FILTER(LANGMATCHES(LANG(?en), "en") || LANG(?en) = "") }}
  OPTIONAL {{ ?s {labels} ?zh FILTER(LANGMATCHES(LANG(?zh), "zh")) }}
}} GROUP BY ?s ORDER BY LCASE(STR(?label)) ?s LIMIT {limit} OFFSET {offset}"""


def count_query(prefix: str) -> str:
    """How many resources have IRIs starting with ``prefix``."""
    start = json.dumps(prefix, ensure_ascii=False)
    return (f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?type . "
            f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), {start}) && !CONTAINS(STR(?s), "#")) }}')


def kinds_query(prefix: str) -> str:
    """How many resources of each kind: the first path segment after ``prefix`` (no hash IRIs)."""
    start = json.dumps(prefix, ensure_ascii=False)
    return f"""SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a ?type . FILTER(isIRI(?s) && STRSTARTS(STR(?s), {start}) && !CONTAINS(STR(?s), "#"))
  BIND(STRBEFORE(STRAFTER(STR(?s), {start}), "/") AS ?kind) FILTER(?kind != "")
}} GROUP BY ?kind ORDER BY ?kind"""


async def _select(state: ServiceState, query: str) -> tuple[list[dict], bool]:
    answer = await evaluate(state, Job(query, result_format="json", max_rows=state.settings.max_rows))
    return json.loads(answer.body)["results"]["bindings"], answer.truncated


@router.api_route("/id/", methods=["GET", "HEAD"], summary="Every kind of resource and how many (HTML, or JSON by Accept)")
async def kinds(request: Request) -> Response:
    """The kinds of resource of the graph (the first segment of their paths), each with its count and list."""
    return await _kinds(request, wants_json(request))


@router.api_route("/id.json", methods=["GET", "HEAD"], summary="Every kind of resource and how many, as JSON")
async def kinds_json(request: Request) -> Response:
    """The JSON twin of /id/."""
    return await _kinds(request, True)


async def _kinds(request: Request, as_json: bool) -> Response:
    state = service_state(request)
    prefix = f"{state.dist.base_iri}id/"
    rows, _ = await _select(state, kinds_query(prefix))
    found = [(row["kind"]["value"], int(row["n"]["value"])) for row in rows if _KIND.match(row["kind"]["value"])]
    found.sort(key=lambda item: (item[0] not in MAIN_KINDS, MAIN_KINDS.index(item[0]) if item[0] in MAIN_KINDS else 0,
                                 item[0]))
    if as_json:
        return JSONResponse({"kinds": [{"kind": kind, "title": kind_title(kind), "count": count, "page": f"/id/{kind}",
                                        "json": f"/id/{kind}.json"} for kind, count in found]},
                            headers={"Vary": "Accept"})
    rows_html = "".join(f'<tr><td><a href="/id/{escape(kind)}">{escape(kind_title(kind))}</a></td>'
                        f'<td class="num">{count:,}</td><td><code>{escape(prefix + kind)}/…</code></td></tr>'
                        for kind, count in found)
    body = (f"<p>Every resource of the graph has an IRI under <code>{escape(prefix)}</code>; the first segment "
            "after it is its kind. Each kind's list names its resources and links to their pages.</p>"
            f"<table><thead><tr><th>kind</th><th>resources</th><th>IRIs</th></tr></thead><tbody>{rows_html}</tbody></table>"
            '<nav class="formats">This list as <a href="/id.json">JSON</a></nav>')
    return HTMLResponse(page("Resources by kind", body), headers={"Vary": "Accept"})


@router.api_route("/id/{kind}", methods=["GET", "HEAD"],
                  summary="Every resource of one kind (HTML, or JSON with .json or Accept)")
async def listing(kind: str, request: Request) -> Response:
    """The resources whose IRIs are ``<base>id/{kind}/…``, by name, ``PAGE_SIZE`` a page (``?page=``)."""
    as_json = wants_json(request)
    if kind.endswith(".json"):
        kind, as_json = kind[: -len(".json")], True
    if not _KIND.match(kind):
        raise ServiceError(404, f"no kind of resource {kind!r}")
    try:
        number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        raise ServiceError(400, "page must be a whole number") from None
    state = service_state(request)
    prefix = f"{state.dist.base_iri}id/{kind}/"
    counted, _ = await _select(state, count_query(prefix))
    total = int(counted[0]["n"]["value"]) if counted else 0
    if total == 0:
        raise ServiceError(404, f"no resources of kind {kind!r} in this graph")
    rows, truncated = await _select(state, listing_query(prefix, PAGE_SIZE, (number - 1) * PAGE_SIZE))
    items = [(row["s"]["value"], concept_name(row, row["s"]["value"])) for row in rows]
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    headers = {"Vary": "Accept"}
    if truncated:
        headers[TRUNCATED_HEADER] = "true"
    here = f"/id/{kind}"

    def address(n: int, suffix: str = "") -> str:
        return f"{here}{suffix}" + (f"?page={n}" if n > 1 else "")

    following = address(number + 1) if number < pages else None
    if as_json:
        return JSONResponse({"kind": kind, "title": kind_title(kind), "count": total, "page": number, "pages": pages,
                             "pageSize": PAGE_SIZE,
                             "next": address(number + 1, ".json") if following else None,
                             "items": [{"iri": iri, "page": state.links.href(iri), "label": name.primary,
                                        "labels": name.by_language()} for iri, name in items]}, headers=headers)
    listed = "".join(f"<li>{state.links.iri(iri, name)}</li>" for iri, name in items)
    navigation = []
    if number > 1:
        navigation.append(f'<a href="{escape(address(number - 1))}">previous page</a>')
    if following:
        navigation.append(f'<a href="{escape(following)}">next page</a>')
    shown = f"{(number - 1) * PAGE_SIZE + 1:,}–{(number - 1) * PAGE_SIZE + len(items):,} of " if pages > 1 else ""
    body = (f"<p>{shown}{total:,} resources whose IRIs start with <code>{escape(prefix)}</code>, by name.</p>"
            f'<ul class="listing">{listed}</ul>'
            + (f'<nav class="formats">{" ".join(navigation)}</nav>' if navigation else "")
            + f'<nav class="formats">This list as <a href="{escape(address(number, ".json"))}">JSON</a></nav>')
    return HTMLResponse(page(kind_title(kind), body), headers=headers)
