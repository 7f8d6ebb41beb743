"""The SPARQL 1.1 Service Description of the endpoint (answered by GET /sparql without a query)."""

from __future__ import annotations

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
VOID_TRIPLES = NamedNode("http://rdfs.org/ns/void#triples")
DCTERMS_TITLE = NamedNode("http://purl.org/dc/terms/title")

RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG")
PREFIXES = {"sd": SD, "formats": FORMATS_NS, "void": "http://rdfs.org/ns/void#",
            "dcterms": "http://purl.org/dc/terms/"}


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def service_description(endpoint: str, graphs: list[str], triples: int | None,
                        federated: bool = False) -> list[Triple]:
    """The description of ``endpoint``: language, result formats, features and the default dataset.

    The default graph is the union of the named graphs ``graphs`` (sd:UnionDefaultGraph).
    """
    service = NamedNode(endpoint)
    dataset, default_graph = BlankNode(), BlankNode()
    out = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), service),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, DCTERMS_TITLE, Literal("spp-kg: an open knowledge graph of China's procuratorial work", language="en")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    out += [Triple(service, _sd("resultFormat"), NamedNode(FORMATS_NS + f)) for f in RESULT_FORMATS]
    if federated:
        out.append(Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    if triples is not None:
        out.append(Triple(default_graph, VOID_TRIPLES, Literal(str(triples), datatype=XSD_INTEGER)))
    for graph in graphs:
        named = BlankNode()
        out += [Triple(dataset, _sd("namedGraph"), named), Triple(named, RDF_TYPE, _sd("NamedGraph")),
                Triple(named, _sd("name"), NamedNode(graph))]
    return out


def serialize_description(triples: list[Triple], rdf_format: pyoxigraph.RdfFormat) -> bytes:
    """The description in ``rdf_format`` (prefixes where the format has them)."""
    if rdf_format in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.TRIG, pyoxigraph.RdfFormat.RDF_XML):
        return pyoxigraph.serialize(triples, format=rdf_format, prefixes=PREFIXES)
    return pyoxigraph.serialize(triples, format=rdf_format)
