"""The cold query mix: parameterised queries whose texts are all distinct, so that no answer (or parsed
query) cache of any server can help. Parameters come from the build itself, read in process from its
store: entity lookups and DESCRIBE of many IRIs, series of many measure x crime type pairs, lookups of
many labels. The pool is cut into blocks with no text in common (one per round and client count), each
holding every kind in the same proportions, in a shuffled (seeded) order."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph

from querymix import MixQuery

SKOS = "http://www.w3.org/2004/02/skos/core#"
LABELS = (f"<http://www.w3.org/2000/01/rdf-schema#label> <{SKOS}prefLabel> <{SKOS}altLabel> "
          "<http://xmlns.com/foaf/0.1/name> <http://purl.org/dc/terms/title>")
SERIES = """PREFIX spp: <https://w3id.org/spp-kg/ontology#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?from ?to ?value ?conflict (COUNT(?statement) AS ?statements) WHERE {
  ?point spp:measure <MEASURE> ; spp:crimeType <CRIME_TYPE> ; a spp:SeriesPoint ;
         sdmx-dimension:refPeriod ?period ; spp:preferredValue ?value ; spp:conflict ?conflict ;
         prov:wasDerivedFrom ?statement .
  ?period dcat:startDate ?from ; dcat:endDate ?to .
} GROUP BY ?from ?to ?value ?conflict ORDER BY ?from ?to"""
# The share of each kind in a block (series and labels are fewer: a block takes what the pool allows)
SHARES = {"lookup": 0.40, "describe": 0.25, "label": 0.20, "series": 0.15}


def lookup(iri: str) -> MixQuery:
    return MixQuery("lookup", iri, f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}")


def describe(iri: str) -> MixQuery:
    return MixQuery("describe", iri, f"DESCRIBE <{iri}>")


def label(literal: str) -> MixQuery:
    return MixQuery("label", literal, f"SELECT ?s ?p WHERE {{ VALUES ?p {{ {LABELS} }} ?s ?p {literal} }}")


def series(measure: str, crime_type: str) -> MixQuery:
    """The points of one series in the order of their periods, with the statements behind each."""
    return MixQuery("series", f"{measure.rsplit('/', 1)[-1]} x {crime_type.rsplit('/', 1)[-1]}",
                    SERIES.replace("MEASURE", measure).replace("CRIME_TYPE", crime_type))


def parameters(store_dir: Path) -> dict[str, list]:
    """IRIs, labels and series pairs of the build, each list sorted (so the pool depends on the seed only)."""
    store = pyoxigraph.Store.read_only(str(store_dir))
    iris = sorted(row[0].value for row in store.query("SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(isIRI(?s)) }"))
    labels = sorted(str(row[0]) for row in store.query(f"SELECT DISTINCT ?l WHERE {{ VALUES ?p {{ {LABELS} }} ?s ?p ?l }}"))
    pairs = sorted((row[0].value, row[1].value) for row in store.query(
        "SELECT DISTINCT ?m ?ct WHERE { ?p a <https://w3id.org/spp-kg/ontology#SeriesPoint> ; "
        "<https://w3id.org/spp-kg/ontology#measure> ?m ; <https://w3id.org/spp-kg/ontology#crimeType> ?ct }"))
    return {"iris": iris, "labels": labels, "pairs": pairs}


def cold_blocks(store_dir: Path, blocks: int, size: int, seed: int = 11) -> list[list[MixQuery]]:
    """``blocks`` blocks of about ``size`` queries each; no query text occurs twice in all of them."""
    rng = random.Random(seed)
    found = parameters(store_dir)
    iris = found["iris"]
    rng.shuffle(iris)
    half = len(iris) // 2                 # lookups and DESCRIBE of different IRIs
    pools = {"lookup": [lookup(i) for i in iris[:half]], "describe": [describe(i) for i in iris[half:]],
             "label": [label(literal) for literal in rng.sample(found["labels"], len(found["labels"]))],
             "series": [series(m, c) for m, c in rng.sample(found["pairs"], len(found["pairs"]))]}
    result = []
    for index in range(blocks):
        block = []
        for kind, share in SHARES.items():
            quota = min(round(size * share), len(pools[kind]) // blocks)
            block += pools[kind][index * quota:(index + 1) * quota]
        rng.shuffle(block)
        result.append(block)
    texts = [q.sparql for block in result for q in block]
    assert len(texts) == len(set(texts)), "a cold query text occurs twice"
    return result
