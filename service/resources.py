"""/id/{kind}/{slug}: dereferenceable IRIs, as HTML for people and Turtle / JSON-LD / N-Triples for machines.

A description is a CONSTRUCT of the resource's own statements, those of its hash-IRI children
(memberships, evidence nodes), of the blank nodes and hash IRIs it points to, and the incoming links.
The data keeps the build's IRIs; the pages link to this server.
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
from .sparql import TRUNCATED_HEADER, evaluate
from .state import ServiceState, service_state
from .worker import Job

router = APIRouter()

_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://xmlns.com/foaf/0.1/name", "http://purl.org/dc/terms/title")
EXTERNAL = ("http://www.w3.org/2002/07/owl#sameAs", "http://www.w3.org/2004/02/skos/core#exactMatch",
            "http://www.w3.org/2004/02/skos/core#closeMatch")
OA = "http://www.w3.org/ns/oa#"
IS_PART_OF = "http://purl.org/dc/terms/isPartOf"


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


def labels_query(iris: list[str]) -> str:
    """A SELECT of the labels of ``iris``, English first."""
    values = " ".join(f"<{i}>" for i in iris if _IRI_SAFE.match(i))
    predicates = "|".join(f"<{p}>" for p in LABELS)
    return (f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x {predicates} ?label }} "
            "ORDER BY ?x DESC(LANG(?label) = \"en\") DESC(LANG(?label) = \"\")")


async def _labels(state: ServiceState, triples: list[pyoxigraph.Triple]) -> dict[str, str]:
    iris = sorted({t.value for triple in triples for t in (triple.subject, triple.object)
                   if isinstance(t, pyoxigraph.NamedNode)})
    if not iris:
        return {}
    answer = await evaluate(state, Job(labels_query(iris), result_format="json", max_rows=100_000))
    labels: dict[str, str] = {}
    for row in json.loads(answer.body)["results"]["bindings"]:
        labels.setdefault(row["x"]["value"], row["label"]["value"])
    return labels


def _fragment_id(iri: str) -> str:
    return iri.partition("#")[2]


def _properties(statements: list[pyoxigraph.Triple], links: Links, labels: dict[str, str]) -> str:
    grouped: dict[str, list[str]] = defaultdict(list)
    for triple in statements:
        grouped[triple.predicate.value].append(term(triple.object, links, labels))
    rows = [[links.iri(p), "<br>".join(sorted(v))] for p, v in sorted(grouped.items(), key=lambda kv: links.compact(kv[0]))]
    return table(["property", "value"], rows)


def _evidence(statements: list[pyoxigraph.Triple], links: Links, labels: dict[str, str] | None = None) -> str:
    values = {t.predicate.value: t.object for t in statements}
    exact = values.get(OA + "exact")
    if exact is None:
        return ""
    document = values.get(IS_PART_OF)
    where = ""
    if isinstance(document, pyoxigraph.NamedNode):
        start, end = values.get(OA + "start"), values.get(OA + "end")
        span = f", characters {start.value}–{end.value}" if start is not None and end is not None else ""
        where = f'<p class="muted">Quoted from {links.iri(document.value, (labels or {}).get(document.value))}{span}</p>'
    return f"<blockquote>{escape(exact.value)}</blockquote>{where}"


def resource_page(iri: str, triples: list[pyoxigraph.Triple], links: Links, labels: dict[str, str],
                  alternates: str) -> str:
    """The HTML page of ``iri``: label, types, properties, evidence, child nodes, external and incoming links."""
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
        title = links.iri(node, labels.get(node)) if not node.startswith("_:") else f"<code>{escape(node)}</code>"
        heading = "Evidence" if node in evidence_nodes else "Part"
        (evidence if node in evidence_nodes else others).append(
            f'<section class="node"{anchor}><h3>{heading}: {title}</h3>'
            + _evidence(statements, links, labels) + _properties(statements, links, labels) + "</section>")
    parts.extend(evidence)
    parts.append(_properties(own, links, labels))
    parts.extend(others)
    if incoming:
        rows = sorted([term(t.subject, links, labels), links.iri(t.predicate.value)] for t in incoming)
        parts.append(f"<h2>Incoming links ({len(incoming)})</h2>" + table(["from", "property"], rows))
    parts.append(f'<nav class="formats">This description as {alternates}</nav>')
    return page(labels.get(iri) or links.compact(iri), "".join(parts))


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
    labels = await _labels(state, triples)
    local = state.links.href(iri)
    alternates = " ".join(f'<a href="{escape(local)}{s}">{escape(f.media_type)}</a>'
                          for s, f in formats.BY_SUFFIX.items() if f.kind == GRAPH)
    return HTMLResponse(resource_page(iri, triples, state.links, labels, alternates), headers=headers)
