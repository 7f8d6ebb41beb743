"""The home page: what the dataset is, its counts, the documents by language, example queries, downloads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from .html import Links, page, sparql_link, table
from .languages import Name, is_language, language_name, name_of
from .listings import browse_links
from .search_page import search_form
from .evaluation import evaluate
from .state import ServiceState, service_state
from .jobs import Job

router = APIRouter()

DOCUMENTS_QUERY = """PREFIX spp: <https://w3id.org/spp-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document ?p ?title ?language ?date WHERE {
  ?document a spp:Document .
  { VALUES ?p { dcterms:title rdfs:label } ?document ?p ?title FILTER(isLiteral(?title)) }
  UNION { ?document dcterms:language ?language FILTER(isLiteral(?language)) }
  UNION { ?document dcterms:date ?date }
}"""
# Sections in this order; other languages follow by their tag.
LANGUAGE_ORDER = ("en", "zh")


@dataclass
class DocumentEntry:
    """A document as the home page lists it."""

    iri: str
    name: Name
    language: str
    date: str


def documents_from_bindings(bindings: list[dict]) -> list[DocumentEntry]:
    """Fold the rows of ``DOCUMENTS_QUERY``: one entry per document, named in its language."""
    titles: dict[str, list[tuple[str, str, str]]] = {}
    languages: dict[str, str] = {}
    dates: dict[str, str] = {}
    for row in bindings:
        iri = row["document"]["value"]
        titles.setdefault(iri, [])
        if "title" in row:
            title = row["title"]
            titles[iri].append((row["p"]["value"], title["value"], title.get("xml:lang", "")))
        elif "language" in row:
            languages.setdefault(iri, row["language"]["value"].strip())
        elif "date" in row:
            dates[iri] = min(dates.get(iri, row["date"]["value"]), row["date"]["value"])
    return [DocumentEntry(iri, name_of(candidates, languages.get(iri, "")), languages.get(iri, ""), dates.get(iri, ""))
            for iri, candidates in titles.items()]


def _section_key(tag: str) -> tuple[int, str]:
    for index, code in enumerate(LANGUAGE_ORDER):
        if is_language(tag, code):
            return index, code
    return len(LANGUAGE_ORDER), tag


def documents_by_language(documents: list[DocumentEntry]) -> dict[str, list[DocumentEntry]]:
    """The documents grouped by language (English, then Chinese, then others), the latest first in each."""
    groups: dict[str, list[DocumentEntry]] = {}
    for document in documents:
        groups.setdefault(_section_key(document.language)[1], []).append(document)
    return {tag: sorted(groups[tag], key=lambda d: (d.date, d.iri), reverse=True)
            for tag in sorted(groups, key=_section_key)}


def documents_section(groups: dict[str, list[DocumentEntry]], links: Links) -> str:
    """The "Documents" section: one list per language, with how many documents each has."""
    parts = ["<h2>Documents</h2>"]
    for tag, documents in groups.items():
        name = language_name(tag)
        count = f"{len(documents)} document{'s' if len(documents) != 1 else ''}"
        items = "".join(f"<li>{links.iri(d.iri, d.name or None)}"
                        + (f' <span class="muted">{escape(d.date)}</span>' if d.date else "") + "</li>"
                        for d in documents)
        parts.append(f'<section class="documents" id="documents-{escape(tag or "unstated")}">'
                     f'<h3>{name.html()} <span class="muted">({count})</span></h3><ul>{items}</ul></section>')
    return "".join(parts)


def _languages_summary(groups: dict[str, list[DocumentEntry]]) -> str:
    parts = [f"{len(documents)} in {language_name(tag).html()}" for tag, documents in groups.items()]
    return f" ({', '.join(parts)})" if parts else ""


async def _documents(state: ServiceState) -> list[DocumentEntry]:
    answer = await evaluate(state, Job(DOCUMENTS_QUERY, result_format="json", max_rows=state.settings.max_rows))
    return documents_from_bindings(json.loads(answer.body)["results"]["bindings"])


@router.get("/", response_class=HTMLResponse, summary="Home page: the dataset, its counts, documents, example queries")
async def home(request: Request) -> HTMLResponse:
    """What the dataset is, counts per class, the documents by language, example queries and downloads."""
    state = service_state(request)
    report, links = state.dist.report, state.links
    classes = sorted(report.get("classes", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [[links.iri(cls), f"{count:,}"] for cls, count in classes]
    examples = "".join(
        f'<li><a href="{escape(sparql_link(e.sparql))}">{escape(e.title)}</a><br>'
        f'<span class="muted">{escape(e.description)}</span></li>' for e in state.examples)
    downloads = "".join(f'<li><a href="/dumps/{escape(d.name)}">{escape(d.name)}</a> '
                        f'<span class="muted">{d.size:,} bytes</span></li>' for d in state.dist.dumps.values())
    groups = documents_by_language(await _documents(state))
    documents = len(report.get("documents", {}))
    body = (
        "<p>spp-kg is an open knowledge graph of the work of China's Supreme People's Procuratorate and "
        "the agencies around it: <strong>agencies, officials, policies, campaigns, crime types and "
        f"statistics</strong> extracted from {documents} documents{_languages_summary(groups)}. Every "
        "extracted fact carries the quote and the character offsets that prove it, and lives in the named "
        "graph of its document.</p>"
        f"<p>{report.get('triples', 0):,} statements, {report.get('statistics', 0):,} statistics. "
        'Query it at <a href="/sparql">/sparql</a> (SPARQL 1.1), follow any resource link, or download '
        'the whole graph.</p>'
        + f"<p>Browse: {browse_links()}.</p>"
        + "<p>Search the documents' texts, the names of everything in the graph and the quotes behind each "
          "fact, in English or Chinese:</p>" + search_form()
        + documents_section(groups, links)
        + f"<h2>Example queries</h2><ul>{examples}</ul>"
        + "<h2>What the graph holds</h2>" + table(["class", "resources"], rows, {1})
        + f"<h2>Downloads</h2><ul>{downloads}</ul>"
        '<p>Also: <a href="/ontology">the ontology</a>, <a href="/shapes">the SHACL shapes</a>, '
        '<a href="/.well-known/void">the VoID description</a>, <a href="/docs">the HTTP API</a>.</p>')
    return HTMLResponse(page("An open knowledge graph of China's procuratorial work", body))
