"""The VoID description of the dataset: counts, classes, dumps, vocabularies and linksets, the named graph
of the series points as a subset, and the DCAT distributions of its tables."""

from __future__ import annotations

import pyoxigraph
from rdflib import RDF, OWL, SKOS, XSD, DCTERMS, Graph, Literal, Namespace, URIRef

from .config import DCAT, PREFIXES, SPP, VOID, WIKIDATA_ENTITY
from .publish import Artifact

WIKIDATA_DATASET = URIRef("http://www.wikidata.org/")
WDRS = Namespace("http://www.w3.org/2007/05/powder-s#")     # describedby: the CSVW metadata of a table
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
CSVW_RECOMMENDATION = URIRef("http://www.w3.org/TR/tabular-data-model/")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def _select(store: pyoxigraph.Store, sparql: str) -> list[list[str]]:
    return [[term.value for term in row] for row in store.query(sparql)]   # the default graph is the union


def class_counts(store: pyoxigraph.Store) -> dict[str, int]:
    """Number of distinct instances per class."""
    rows = _select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")
    return {cls: int(count) for cls, count in rows}


def _add_table(graph: Graph, dataset: URIRef, base: str, table: Artifact, metadata: Artifact) -> None:
    """A CSV file of the dataset as a dcat:Distribution, linked to its CSVW metadata (also a distribution)."""
    table_node, metadata_node = (URIRef(f"{base}void#distribution-{a.name.replace('.', '-')}") for a in (table, metadata))
    for node, artifact in ((table_node, table), (metadata_node, metadata)):
        graph.add((dataset, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(artifact.name)))
        graph.add((node, DCAT.downloadURL, URIRef(f"{base}dumps/{artifact.name}")))
        graph.add((node, DCAT.mediaType, URIRef(MEDIA_TYPES + artifact.media_type)))
        graph.add((node, DCAT.byteSize, Literal(artifact.size, datatype=XSD.nonNegativeInteger)))
        graph.add((node, DCTERMS.license, LICENSE))
    graph.add((table_node, DCTERMS.conformsTo, CSVW_RECOMMENDATION))
    graph.add((table_node, WDRS.describedby, URIRef(f"{base}dumps/{metadata.name}")))


def _add_series_graph(graph: Graph, store: pyoxigraph.Store, dataset: URIRef, base: str, name: URIRef) -> None:
    """The named graph of the series points: a subset of the dataset, with its size."""
    subset = URIRef(f"{base}void#series")
    (triples, points), = _select(store, f"""PREFIX spp: <{SPP}> SELECT (COUNT(*) AS ?t)
        (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?o ?x OPTIONAL {{ ?s a spp:SeriesPoint BIND(?s AS ?p) }} }} }}""")
    graph.add((dataset, VOID.subset, subset))
    graph.add((subset, RDF.type, VOID.Dataset))
    graph.add((subset, DCTERMS.title, Literal("Series points: one per quantity, whichever documents state it", lang="en")))
    graph.add((subset, DCTERMS.source, name))       # the named graph of the dumps (graph.trig, graph.nq.gz)
    graph.add((subset, VOID.triples, Literal(int(triples), datatype=XSD.integer)))
    graph.add((subset, VOID.entities, Literal(int(points), datatype=XSD.integer)))
    graph.add((subset, VOID["class"], SPP.SeriesPoint))


def void_graph(base: str, store: pyoxigraph.Store, artifacts: list[Artifact],
               tables: list[list[Artifact]], series_graph: URIRef) -> Graph:
    """Describe the union graph: size, class partitions, dumps, vocabularies and linksets to Wikidata, and
    the named graph of the series points; and ``tables`` (each a CSV file and its CSVW metadata) as DCAT
    distributions."""
    base = base if base.endswith("/") else base + "/"
    dataset = URIRef(f"{base}void#dataset")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("wdrs", WDRS)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("spp-kg: a knowledge graph of China's procuratorial work", lang="en")))
    graph.add((dataset, DCTERMS.license, LICENSE))
    graph.add((dataset, VOID.uriSpace, Literal(f"{base}id/")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    (triples, subjects, entities), = _select(store, f"""SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?d)
        (COUNT(DISTINCT ?e) AS ?e) WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o }} }}
        OPTIONAL {{ BIND(?s AS ?e) FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}id/")) }} }}""")
    graph.add((dataset, VOID.triples, Literal(int(triples), datatype=XSD.integer)))
    graph.add((dataset, VOID.distinctSubjects, Literal(int(subjects), datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(int(entities), datatype=XSD.integer)))
    for artifact in artifacts:
        graph.add((dataset, VOID.dataDump, URIRef(f"{base}dumps/{artifact.name}")))
    for table in tables:
        _add_table(graph, dataset, base, *table)
    _add_series_graph(graph, store, dataset, base, series_graph)
    predicates = {row[0] for row in _select(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    for namespace in sorted(ns for ns in set(PREFIXES.values()) if any(p.startswith(ns) for p in predicates)):
        graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    for index, (cls, count) in enumerate(class_counts(store).items(), start=1):
        partition = URIRef(f"{base}void#class-{index}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(cls)))
        graph.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for predicate in (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch):
        (links,), = _select(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{
            ?s <{predicate}> ?o FILTER(STRSTARTS(STR(?o), "{WIKIDATA_ENTITY}")) }} }}""")
        if int(links) == 0:
            continue
        linkset = URIRef(f"{base}void#wikidata-{str(predicate).rsplit('#', 1)[-1]}")
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.subjectsTarget, dataset))
        graph.add((linkset, VOID.objectsTarget, WIKIDATA_DATASET))
        graph.add((linkset, VOID.linkPredicate, predicate))
        graph.add((linkset, VOID.triples, Literal(int(links), datatype=XSD.integer)))
        graph.add((dataset, VOID.subset, linkset))
    return graph
