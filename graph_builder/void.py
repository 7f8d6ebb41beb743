"""The VoID description of the dataset: counts, classes, dumps, vocabularies and linksets."""

from __future__ import annotations

from collections import Counter

from rdflib import RDF, OWL, SKOS, XSD, DCTERMS, Graph, Literal, URIRef

from .config import PREFIXES, VOID, WIKIDATA_ENTITY
from .publish import Artifact

WIKIDATA_DATASET = URIRef("http://www.wikidata.org/")


def void_graph(base: str, union: Graph, artifacts: list[Artifact]) -> Graph:
    """Describe the union graph: size, class partitions, dumps, vocabularies and linksets to Wikidata."""
    base = base if base.endswith("/") else base + "/"
    dataset = URIRef(f"{base}void#dataset")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("spp-kg: a knowledge graph of China's procuratorial work", lang="en")))
    graph.add((dataset, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    graph.add((dataset, VOID.uriSpace, Literal(f"{base}id/")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    graph.add((dataset, VOID.triples, Literal(len(union), datatype=XSD.integer)))
    subjects = set(union.subjects())
    graph.add((dataset, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(sum(1 for s in subjects if isinstance(s, URIRef)), datatype=XSD.integer)))
    for artifact in artifacts:
        graph.add((dataset, VOID.dataDump, URIRef(f"{base}dumps/{artifact.name}")))
    namespaces = sorted({ns for ns in PREFIXES.values() if any(str(p).startswith(ns) for p in union.predicates())})
    for namespace in namespaces:
        graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    classes = Counter(o for o in union.objects(None, RDF.type))
    for index, (cls, count) in enumerate(sorted(classes.items()), start=1):
        partition = URIRef(f"{base}void#class-{index}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for predicate in (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch):
        links = [o for o in union.objects(None, predicate) if str(o).startswith(str(WIKIDATA_ENTITY))]
        if not links:
            continue
        linkset = URIRef(f"{base}void#wikidata-{predicate.fragment or str(predicate).rsplit('/', 1)[-1]}")
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.subjectsTarget, dataset))
        graph.add((linkset, VOID.objectsTarget, WIKIDATA_DATASET))
        graph.add((linkset, VOID.linkPredicate, predicate))
        graph.add((linkset, VOID.triples, Literal(len(links), datatype=XSD.integer)))
        graph.add((dataset, VOID.subset, linkset))
    return graph
