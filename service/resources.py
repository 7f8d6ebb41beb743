"""/id/{kind}/{slug}: dereferenceable IRIs, as HTML for people and Turtle / JSON-LD / N-Triples for machines.

A description is a CONSTRUCT of the resource's own statements, those of its hash-IRI children
(memberships, evidence nodes), of the blank nodes and hash IRIs it points to, and the incoming links.
The data keeps the build's IRIs; the pages link to this server. The HTML page (``resource_page``)
also looks up the names of what it links to and the quotes of its facts' evidence; its Link header
names the RDF twins.
"""

from __future__ import annotations

import json
import re
from html import escape

import pyoxigraph
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from . import formats
from .errors import ServiceError
from .formats import GRAPH, HTML
from .alternates import twins
from .evidence import SPP_EVIDENCE, SPP_STATED_AT, lookup_quotes, quotes_in
from .listings import kind_title
from .names import lookup_names
from .resource_page import Description, ResourcePage
from .terms import Words
from .evaluation import TRUNCATED_HEADER, evaluate
from .state import ServiceState, service_state
from .jobs import Job

router = APIRouter()

_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')


def describe_query(iri: str, base_iri: str) -> str:
    """The CONSTRUCT that describes ``iri`` (which must be a safe IRI)."""
    # ensure_ascii=False: SPARQL has no surrogate-pair escapes, so characters beyond the BMP stay as they are
    prefix = json.dumps(iri + "#", ensure_ascii=False)
    ids = json.dumps(base_iri + "id/", ensure_ascii=False)
    return f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ <{iri}> ?p ?o . BIND(<{iri}> AS ?s) }}
  UNION {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?s), {prefix})) }}
  UNION {{ <{iri}> ?link ?s . ?s ?p ?o .
           FILTER(isBlank(?s) || (STRSTARTS(STR(?s), {ids}) && CONTAINS(STR(?s), "#"))) }}
  UNION {{ ?s ?p <{iri}> . BIND(<{iri}> AS ?o) }}
}}"""


def _valid_iri(iri: str) -> bool:
    """Whether the engine accepts ``iri`` (a path may decode to characters an IRI cannot hold)."""
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        return False
    return True


def _split_suffix(path: str) -> tuple[str, formats.Format | None]:
    for suffix, fmt in formats.BY_SUFFIX.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], fmt
    return path, None


async def _describe(state: ServiceState, iri: str, fmt_name: str) -> tuple[bytes, int, bool]:
    answer = await evaluate(state, Job(describe_query(iri, state.dist.base_iri), graph_format=fmt_name,
                                       max_rows=state.settings.max_rows))
    return answer.body, answer.count, answer.truncated


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="A resource: HTML, Turtle, JSON-LD or N-Triples (Accept or suffix)")
async def resource(path: str, request: Request) -> Response:
    """Dereference ``<base>id/{path}``; ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` or ``.html`` choose the format."""
    state = service_state(request)
    stem, fmt = _split_suffix(path)
    if fmt is None:
        fmt = (formats.BY_NAME["html"] if formats.prefers_html(request.headers.get("accept"))
               else formats.negotiate(request.headers.get("accept"), (GRAPH, HTML)))
        if fmt is None:
            raise ServiceError(406, "offered: text/turtle, application/ld+json, application/n-triples, "
                                    "application/rdf+xml, text/html")
    iri = f"{state.dist.base_iri}id/{stem}"
    if not stem or not _IRI_SAFE.match(iri) or not _valid_iri(iri):
        raise ServiceError(404, f"no resource {iri!r}")
    body, count, truncated = await _describe(state, iri, "ntriples" if fmt.kind == HTML else fmt.name)
    if count == 0:
        raise ServiceError(404, f"no resource {iri} in this graph")
    headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
    if truncated:
        headers[TRUNCATED_HEADER] = "true"
    if fmt.kind != HTML:
        return Response(body, media_type=formats.media_type_header(fmt), headers=headers)
    triples = list(pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES))
    kind = stem.split("/", 1)[0]
    alternates = (" ".join(f'<a href="{escape(a.href)}">{escape(a.media_type)}</a>'
                           for a in twins(state.links.href(iri)))
                  + f' · <a href="/id/{escape(kind)}">{escape(kind_title(kind).lower())}: all of them</a>')
    resource_page = await _page(state, iri, triples)
    return HTMLResponse(resource_page.html(alternates), headers=headers)


async def _page(state: ServiceState, iri: str, triples: list[pyoxigraph.Triple]) -> ResourcePage:
    """The page of ``iri``: its description, the quotes of its evidence and the names of all it links to."""
    description = Description.of(iri, triples)
    quotes = quotes_in(description.parts)
    cited = {t.object.value for t in triples if t.predicate.value in (SPP_EVIDENCE, SPP_STATED_AT)
             and isinstance(t.object, pyoxigraph.NamedNode)}
    quotes.update(await lookup_quotes(state, cited - set(quotes)))
    names = await lookup_names(state, {t.value for triple in triples for t in (triple.subject, triple.object)
                                       if isinstance(t, pyoxigraph.NamedNode)} | {q.document for q in quotes.values()})
    return ResourcePage(description, state.links, names, Words(state.ontology), quotes)
