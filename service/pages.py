"""The ontology, the shapes, the VoID description and a local API page (/docs); the home page is ``home``."""

from __future__ import annotations

from collections import defaultdict
from html import escape

import pyoxigraph
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from . import formats
from .errors import ServiceError
from .formats import GRAPH, HTML
from .html import Links, page, table
from .state import service_state

router = APIRouter()

OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_TURTLE = formats.BY_NAME["turtle"]


def _ontology_rows(store: pyoxigraph.Store, kinds: str, links: Links) -> list[list[str]]:
    query = f"""PREFIX owl: <{OWL}> PREFIX rdfs: <{RDFS}>
SELECT ?x ?kind ?label ?comment ?related ?relation WHERE {{
  VALUES ?kind {{ {kinds} }} ?x a ?kind . FILTER(isIRI(?x))
  OPTIONAL {{ ?x rdfs:label ?label FILTER(LANG(?label) IN ("en", "")) }}
  OPTIONAL {{ ?x rdfs:comment ?comment FILTER(LANG(?comment) IN ("en", "")) }}
  OPTIONAL {{ VALUES ?relation {{ rdfs:subClassOf rdfs:subPropertyOf rdfs:domain rdfs:range owl:equivalentClass }}
             ?x ?relation ?related FILTER(isIRI(?related)) }}
}}"""
    found: dict[str, dict] = {}
    related: dict[str, set[str]] = defaultdict(set)
    for row in store.query(query):
        iri = row["x"].value
        entry = found.setdefault(iri, {"kind": row["kind"].value, "label": "", "comment": ""})
        entry["label"] = entry["label"] or (row["label"].value if row["label"] else "")
        entry["comment"] = entry["comment"] or (row["comment"].value if row["comment"] else "")
        if row["related"] is not None:
            related[iri].add(f"{links.compact(row['relation'].value)} {links.iri(row['related'].value)}")
    rows = []
    for iri in sorted(found, key=links.compact):
        entry = found[iri]
        anchor = escape(iri.partition("#")[2] or iri.rsplit("/", 1)[-1])
        rows.append([f'<span id="{anchor}">{links.iri(iri)}</span>', escape(entry["label"]),
                     escape(entry["comment"]), "<br>".join(sorted(related[iri])),
                     escape(links.compact(entry["kind"]))])
    return rows


def _rdf_file(request: Request, name: str, html: str | None = None) -> Response:
    """A Turtle file of dist/ as it is, or converted when another RDF format (or HTML) is asked for."""
    state = service_state(request)
    path = state.dist.file(name)
    if not path.is_file():
        raise ServiceError(404, f"{name} is not part of this build")
    accept = request.headers.get("accept")
    kinds = (GRAPH, HTML) if html is not None else (GRAPH,)
    fmt = formats.negotiate(accept, kinds) if accept else _TURTLE
    if html is not None and formats.prefers_html(accept):
        fmt = formats.BY_NAME["html"]
    if fmt is None:
        raise ServiceError(406, "offered: text/turtle, application/n-triples, application/ld+json, application/rdf+xml")
    headers = {"Vary": "Accept"}
    if fmt.kind == HTML and html is not None:
        return HTMLResponse(html, headers=headers)
    if fmt.name == "turtle" or fmt.kind == HTML:
        return Response(path.read_bytes(), media_type=formats.media_type_header(_TURTLE), headers=headers)
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    return Response(pyoxigraph.serialize(triples, format=fmt.engine),
                    media_type=formats.media_type_header(fmt), headers=headers)


@router.get("/ontology", summary="The ontology: HTML list of classes and properties, or Turtle")
async def ontology(request: Request) -> Response:
    """The OWL ontology; browsers get a list of its classes and properties."""
    state = service_state(request)
    html = None
    if formats.prefers_html(request.headers.get("accept")):
        classes = _ontology_rows(state.ontology, "owl:Class rdfs:Class", state.links)
        properties = _ontology_rows(state.ontology, "owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty",
                                    state.links)
        headers = ["term", "label", "comment", "relations", "kind"]
        html = page("Ontology", '<p>Namespace <code>https://w3id.org/spp-kg/ontology#</code>, prefix '
                    '<code>spp:</code>. As Turtle: <a href="/ontology.ttl">/ontology.ttl</a>.</p>'
                    f"<h2>Classes ({len(classes)})</h2>" + table(headers, classes)
                    + f"<h2>Properties ({len(properties)})</h2>" + table(headers, properties))
    return _rdf_file(request, "ontology.ttl", html)


@router.get("/ontology.ttl", summary="The ontology in Turtle")
async def ontology_turtle(request: Request) -> Response:
    """The ontology as published, in Turtle."""
    return Response(service_state(request).dist.file("ontology.ttl").read_bytes(),
                    media_type=formats.media_type_header(_TURTLE))


@router.get("/shapes", summary="The SHACL shapes (Turtle)")
async def shapes(request: Request) -> Response:
    """The SHACL shapes the graph was validated with."""
    return _rdf_file(request, "shapes.ttl")


@router.get("/.well-known/void", summary="The VoID description of the dataset (Turtle)")
async def void(request: Request) -> Response:
    """The VoID description: size, classes, dumps, SPARQL endpoint."""
    return _rdf_file(request, "void.ttl")


@router.get("/docs", response_class=HTMLResponse, summary="This page: every URL of the service")
async def api_docs(request: Request) -> HTMLResponse:
    """A local page listing the endpoints (the OpenAPI document is at /openapi.json)."""
    rows = []
    for path, operations in request.app.openapi().get("paths", {}).items():
        methods = sorted(m.upper() for m in operations)
        summaries = {op.get("summary") or "" for op in operations.values()}
        rows.append([f"<code>{escape(path)}</code>", escape(", ".join(methods)), escape("; ".join(sorted(summaries)))])
    body = ("<p>The machine-readable description is the OpenAPI document at "
            '<a href="/openapi.json">/openapi.json</a>. SPARQL follows the SPARQL 1.1 Protocol; '
            "resources follow Linked Data conventions (content negotiation with <code>Accept</code>, or a "
            "suffix: <code>.ttl</code>, <code>.jsonld</code>, <code>.nt</code>, <code>.rdf</code>).</p>"
            + table(["path", "methods", "what"], rows))
    return HTMLResponse(page("HTTP API", body))
