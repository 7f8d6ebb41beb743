"""/search: full-text search over document texts, the names of resources and evidence quotes.

``/search?q=…`` answers a page of hits, best first (BM25), each linking to its resource and, for a
quote, to the evidence in its document, with a snippet marking the words that matched. The JSON twin
is ``/search.json`` (or ``Accept: application/json``). Without ``q`` a browser gets the search form.
The search itself runs in a thread over the served snapshot's index (``search``).
"""

from __future__ import annotations

import asyncio
from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from graph_builder.search_index import NAMES, QUOTE, TEXT
from graph_builder.search_tokens import NoWords

from .errors import ServiceError
from .html import Links, page
from .languages import Name, inferred, lang_attribute, name_of
from .search import Hit, Results, SearchTimeout
from .state import ServiceState, service_state
from .statistics_pages import wants_json

router = APIRouter()

MAX_QUERY_CHARACTERS = 200
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MATCHED = {NAMES: "name", QUOTE: "evidence quote", TEXT: "document text"}


def search_form(query: str = "") -> str:
    """The search box of the search page and the home page."""
    return ('<form class="search" action="/search" method="get" role="search">'
            f'<input type="search" name="q" value="{escape(query)}" maxlength="{MAX_QUERY_CHARACTERS}" '
            'aria-label="Search texts, names and quotes" placeholder="money laundering, 洗钱 …" size="40"> '
            '<button type="submit">Search</button></form>')


def _bounded(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.strip().isdigit() or not low <= int(raw) <= high:
        raise ServiceError(400, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _query(request: Request) -> str:
    query = request.query_params.get("q", "")
    if not query.strip():
        raise ServiceError(400, "q is empty: give the words to search for (/search?q=money+laundering)")
    if len(query) > MAX_QUERY_CHARACTERS:
        raise ServiceError(400, f"q is longer than {MAX_QUERY_CHARACTERS} characters")
    return query.strip()


async def _search(state: ServiceState, query: str, limit: int, offset: int) -> Results:
    if state.search is None:
        raise ServiceError(404, "this build has no search index: rebuild it with spp-kg build")
    try:
        return await asyncio.to_thread(state.search.search, query, limit, offset, state.settings.search_timeout)
    except NoWords as exc:
        raise ServiceError(400, str(exc)) from None
    except SearchTimeout as exc:
        raise ServiceError(503, str(exc)) from None


def _kind(iri: str, base_iri: str) -> str:
    return iri[len(base_iri + "id/"):].split("/")[0] if iri.startswith(base_iri + "id/") else ""


def _name(labels: list[tuple[str, str, str]], language: str = "") -> Name:
    return name_of(labels, language)


def _resource_name(hit: Hit) -> Name:
    """What the hit's resource is called; a document's untagged title takes the document's language."""
    return _name(hit.labels, hit.language if hit.field == TEXT else "")


def _page_url(path: str, query: str, limit: int, offset: int) -> str:
    return f"{path}?" + urlencode({"q": query, **({"limit": limit} if limit != DEFAULT_LIMIT else {}),
                                   **({"offset": offset} if offset else {})})


def _neighbours(path: str, query: str, limit: int, offset: int, total: int) -> tuple[str | None, str | None]:
    previous = _page_url(path, query, limit, max(0, offset - limit)) if offset else None
    following = _page_url(path, query, limit, offset + limit) if offset + limit < min(total, MAX_OFFSET + 1) else None
    return previous, following


def hit_json(hit: Hit, links: Links, base_iri: str) -> dict:
    """A hit as the JSON twin gives it."""
    name = _resource_name(hit)
    found = {"resource": hit.resource, "page": links.href(hit.resource), "kind": _kind(hit.resource, base_iri),
             "name": name.primary, "labels": name.by_language(), "matched": hit.field, "language": hit.language,
             "score": hit.score, "snippet": hit.snippet, "highlights": [list(span) for span in hit.highlights]}
    if hit.evidence:
        found.update({"evidence": hit.evidence, "evidencePage": links.href(hit.evidence), "document": hit.document,
                      "documentName": _name(hit.document_labels, hit.language).primary})
    return found


def _marked(hit: Hit) -> str:
    parts, position = [], 0
    for start, end in hit.highlights:
        parts.append(escape(hit.snippet[position:start]) + f"<mark>{escape(hit.snippet[start:end])}</mark>")
        position = end
    parts.append(escape(hit.snippet[position:]))
    return "".join(parts)


def hit_html(hit: Hit, links: Links, base_iri: str) -> str:
    """A hit as one item of the list: the resource's name, what matched, the snippet, the evidence."""
    name = _resource_name(hit)
    what = " · ".join(part for part in (_kind(hit.resource, base_iri), MATCHED.get(hit.field, hit.field)) if part)
    item = (f'<li class="hit">{links.iri(hit.resource, name or None)} <span class="muted">{escape(what)}</span>'
            f'<p class="snippet"{lang_attribute(inferred(hit.language))}>{_marked(hit)}</p>')
    if hit.evidence:
        document = _name(hit.document_labels, hit.language)
        item += (f'<p class="muted">Evidence: {links.iri(hit.evidence, "the quote in its document")} — '
                 f"{links.iri(hit.document, document or None)}</p>")
    return item + "</li>"


def _results_html(state: ServiceState, query: str, results: Results, limit: int, offset: int) -> str:
    links, base_iri = state.links, state.dist.base_iri
    shown = f"{offset + 1:,}–{offset + len(results.hits):,} of " if results.hits else ""
    summary = (f'<p>{shown}{results.total:,} hit{"s" if results.total != 1 else ""} for '
               f"“{escape(query)}”.</p>")
    items = "".join(hit_html(hit, links, base_iri) for hit in results.hits)
    previous, following = _neighbours("/search", query, limit, offset, results.total)
    pager = " ".join(f'<a href="{escape(url)}" rel="{rel}">{text}</a>' for url, rel, text in (
        (previous, "prev", "← previous"), (following, "next", "next →")) if url)
    return (summary + (f'<ol class="hits" start="{offset + 1}">{items}</ol>' if items else "")
            + (f'<nav class="pages">{pager}</nav>' if pager else "")
            + f'<nav class="formats">As JSON: <a href="{escape(_page_url("/search.json", query, limit, offset))}">'
              "/search.json</a></nav>")


_ABOUT = ('<p class="muted">Searches the texts of the documents, the names of every resource (English and '
          "Chinese) and the quotes that prove each fact. Every word must occur; a word of Chinese characters "
          "matches where those characters stand together.</p>")


async def _answer(request: Request, as_json: bool) -> Response:
    state = service_state(request)
    headers = {"Vary": "Accept"}
    if "q" not in request.query_params and not as_json:
        return HTMLResponse(page("Search", search_form() + _ABOUT), headers=headers)
    query = _query(request)
    limit = _bounded(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _bounded(request, "offset", 0, 0, MAX_OFFSET)
    results = await _search(state, query, limit, offset)
    if as_json:
        previous, following = _neighbours("/search.json", query, limit, offset, results.total)
        return JSONResponse({"query": query, "total": results.total, "offset": offset, "limit": limit,
                             "hits": [hit_json(hit, state.links, state.dist.base_iri) for hit in results.hits],
                             "previous": previous, "next": following}, headers=headers)
    body = search_form(query) + _results_html(state, query, results, limit, offset)
    return HTMLResponse(page(f"Search: {query}", body), headers=headers)


@router.get("/search", summary="Full-text search over document texts, names and quotes (HTML, or JSON by Accept)")
@router.get("/search.json", summary="Full-text search over document texts, names and quotes, as JSON")
async def search(request: Request) -> Response:
    """Hits for ``q`` (English or Chinese), best first, with ``limit`` and ``offset`` for paging."""
    return await _answer(request, request.url.path.endswith(".json") or wants_json(request))
