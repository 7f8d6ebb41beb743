"""series.csv and its CSVW metadata: every series point of the built graph is one row with its preferred
value, its statements and its flags; VoID lists the table and the named graph of the series."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from rdflib import Graph, Namespace, URIRef

DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

POINTS = """PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?point ?value ?conflict ?statement WHERE {
  ?point a spp:SeriesPoint ; spp:preferredValue ?value ; spp:conflict ?conflict ; prov:wasDerivedFrom ?statement }"""


@pytest.fixture(scope="module")
def rows(built_dist) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((built_dist / "series.csv").read_text(encoding="utf-8"), newline="")))


def test_every_series_point_is_one_row_with_its_value_and_statements(rows, store):
    graph: dict[str, dict] = {}
    for solution in store.query(POINTS):
        point = graph.setdefault(solution["point"].value, {"value": solution["value"].value,
                                                           "conflict": solution["conflict"].value, "statements": set()})
        point["statements"].add(solution["statement"].value)
    assert len(rows) == len(graph) == len({row["iri"] for row in rows})
    for row in rows:
        point = graph[row["iri"]]
        assert Decimal(row["preferred_value"]) == Decimal(point["value"])
        assert row["conflict"] == point["conflict"]
        assert set(row["statement_iris"].split(" ")) == point["statements"]
        assert int(row["statements"]) == len(point["statements"])
        assert row["preferred_statement"] in point["statements"]


def test_the_restated_cases_handled_of_2023_are_one_row(rows):
    (row,) = [r for r in rows if r["measure"] == "cases-handled" and r["period_start"] == r["period_end"] == "2023"
              and r["crime_type"] == r["field"] == "unspecified"]
    assert row["preferred_value"] == "4253000" and row["unit"] == "cases"
    assert row["statements"] == row["documents"] == "2" and row["conflict"] == "false"


def test_the_csvw_metadata_names_every_column(built_dist, rows):
    metadata = json.loads((built_dist / "series.csv-metadata.json").read_text(encoding="utf-8"))
    assert metadata["url"] == "series.csv"
    named = [c["name"] for c in metadata["tableSchema"]["columns"] if not c.get("virtual")]
    assert named == list(rows[0])
    by_name = {c["name"]: c for c in metadata["tableSchema"]["columns"]}
    assert by_name["preferred_value"]["propertyUrl"] == "https://w3id.org/spp-kg/ontology#preferredValue"
    assert by_name["statement_iris"]["separator"] == " "


def test_void_lists_the_series_table_and_graph(built_dist, store):
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    table = void.value(predicate=DCAT.downloadURL, object=URIRef("https://w3id.org/spp-kg/dumps/series.csv"))
    assert table is not None and int(void.value(table, DCAT.byteSize)) == (built_dist / "series.csv").stat().st_size
    subset = void.value(predicate=DCTERMS.source, object=URIRef("https://w3id.org/spp-kg/graph/series"))
    (row,) = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/spp-kg/graph/series> { ?s ?p ?o } }")
    assert int(void.value(subset, VOID.triples)) == int(row["n"].value) > 0
    report = json.loads((built_dist / "build-report.json").read_text(encoding="utf-8"))
    assert {"series.csv", "series.csv-metadata.json"} <= {artifact["name"] for artifact in report["artifacts"]}
