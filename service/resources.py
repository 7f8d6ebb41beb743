"""/id/{kind}/{slug}: dereferenceable IRIs, as HTML for people and Turtle / JSON-LD / N-Triples for machines.

A description is a CONSTRUCT of the resource's own statements, those of its hash-IRI children
(memberships, evidence nodes), of the blank nodes and hash IRIs it points to, and the incoming links.
The data keeps the build's IRIs; the pages link to this server.

On the HTML page every literal with a language tag sits in an element carrying it, the heading and
the links show English and Chinese labels (see ``languages``), and the untagged text of a document
(its title, its text, the quotes of its evidence) takes the language the document states.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html import escape

import pyoxigraph
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from . import formats
from .errors import ServiceError
from .formats import GRAPH, HTML
from .html import Links, page, table, term
from .languages import DCTERMS_LANGUAGE, LABELS, inferred, lang_attribute
from .names import Names, lookup_names
from .evaluation import TRUNCATED_HEADER, evaluate
from .state import ServiceState, service_state
from .worker import Job

router = APIRouter()

_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EXTERNAL = ("http://www.w3.org/2002/07/owl#sameAs", "http://www.w3.org/2004/02/skos/core#exactMatch",
            "http://www.w3.org/2004/02/skos/core#closeMatch")
OA = "http://www.w3.org/ns/oa#"
IS_PART_OF = "http://purl.org/dc/terms/isPartOf"
# Untagged strings of these properties are written in the language of their resource (or its document).
TEXT_PROPERTIES = frozenset(LABELS + (OA + "exact", OA + "prefix", OA + "suffix", "https://schema.org/text",
                                      "http://purl.org/dc/terms/description", "http://purl.org/dc/terms/alternative"))


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


def _fragment_id(iri: str) -> str:
    return iri.partition("#")[2]


def text_language(statements: list[pyoxigraph.Triple], names: Names) -> str:
    """The language of a node's untagged text: the one it states, else that of the document it is part of."""
    for triple in statements:
        if triple.predicate.value == DCTERMS_LANGUAGE and isinstance(triple.object, pyoxigraph.Literal):
            return triple.object.value.strip()
    for triple in statements:
        if triple.predicate.value == IS_PART_OF and isinstance(triple.object, pyoxigraph.NamedNode):
            return names.language(triple.object.value)
    return ""


def _properties(statements: list[pyoxigraph.Triple], links: Links, names: Names, language: str = "") -> str:
    grouped: dict[str, list[str]] = defaultdict(list)
    for triple in statements:
        context = language if triple.predicate.value in TEXT_PROPERTIES else ""
        grouped[triple.predicate.value].append(term(triple.object, links, names.names, context))
    rows = [[links.iri(p), "<br>".join(sorted(v))] for p, v in sorted(grouped.items(), key=lambda kv: links.compact(kv[0]))]
    return table(["property", "value"], rows)


def _evidence(statements: list[pyoxigraph.Triple], links: Links, names: Names) -> str:
    values = {t.predicate.value: t.object for t in statements}
    exact = values.get(OA + "exact")
    if exact is None:
        return ""
    document = values.get(IS_PART_OF)
    where = ""
    if isinstance(document, pyoxigraph.NamedNode):
        start, end = values.get(OA + "start"), values.get(OA + "end")
        span = f", characters {start.value}–{end.value}" if start is not None and end is not None else ""
        where = f'<p class="muted">Quoted from {links.iri(document.value, names.get(document.value))}{span}</p>'
    language = (exact.language if isinstance(exact, pyoxigraph.Literal) else None) or inferred(
        text_language(statements, names))
    return f"<blockquote{lang_attribute(language or '')}>{escape(exact.value)}</blockquote>{where}"


def resource_page(iri: str, triples: list[pyoxigraph.Triple], links: Links, names: Names, alternates: str) -> str:
    """The HTML page of ``iri``: its name (English and Chinese labels), types, properties, evidence,
    child nodes, external and incoming links."""
    by_subject: dict[str, list[pyoxigraph.Triple]] = defaultdict(list)
    incoming = []
    for triple in triples:
        subject = triple.subject.value if not isinstance(triple.subject, pyoxigraph.BlankNode) else "_:" + triple.subject.value
        if subject == iri or subject.startswith(iri + "#"):
            by_subject[subject].append(triple)
        elif isinstance(triple.object, pyoxigraph.NamedNode) and triple.object.value == iri:
            incoming.append(triple)
        else:
            by_subject[subject].append(triple)
    own = by_subject.pop(iri, [])
    types = [links.iri(t.object.value) for t in own if t.predicate.value == RDF_TYPE
             and isinstance(t.object, pyoxigraph.NamedNode)]
    same = [t.object.value for t in own if t.predicate.value in EXTERNAL and isinstance(t.object, pyoxigraph.NamedNode)]
    parts = [f'<p><code>{escape(iri)}</code></p>']
    if types:
        parts.append("<p>Type: " + ", ".join(sorted(types)) + "</p>")
    if same:
        parts.append("<p>Same as: " + ", ".join(links.iri(s, s) for s in same) + "</p>")
    evidence_nodes = {t.object.value for t in own if t.predicate.value.endswith("#evidence")
                      and isinstance(t.object, pyoxigraph.NamedNode)}
    evidence, others = [], []   # the evidence (the quote that proves the facts) comes first
    for node in sorted(by_subject):
        statements = by_subject[node]
        anchor = f' id="{escape(_fragment_id(node))}"' if node.startswith(iri + "#") else ""
        title = links.iri(node, names.get(node)) if not node.startswith("_:") else f"<code>{escape(node)}</code>"
        heading = "Evidence" if node in evidence_nodes else "Part"
        language = text_language(statements, names)
        (evidence if node in evidence_nodes else others).append(
            f'<section class="node"{anchor}><h3>{heading}: {title}</h3>'
            + _evidence(statements, links, names) + _properties(statements, links, names, language) + "</section>")
    parts.extend(evidence)
    parts.append(_properties(own, links, names, text_language(own, names) or names.language(iri)))
    parts.extend(others)
    if incoming:
        rows = sorted([term(t.subject, links, names.names), links.iri(t.predicate.value)] for t in incoming)
        parts.append(f"<h2>Incoming links ({len(incoming)})</h2>" + table(["from", "property"], rows))
    parts.append(f'<nav class="formats">This description as {alternates}</nav>')
    return page(names.get(iri) or links.compact(iri), "".join(parts))


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
    names = await lookup_names(state, {t.value for triple in triples for t in (triple.subject, triple.object)
                                       if isinstance(t, pyoxigraph.NamedNode)})
    local = state.links.href(iri)
    alternates = " ".join(f'<a href="{escape(local)}{s}">{escape(f.media_type)}</a>'
                          for s, f in formats.BY_SUFFIX.items() if f.kind == GRAPH)
    return HTMLResponse(resource_page(iri, triples, state.links, names, alternates), headers=headers)
