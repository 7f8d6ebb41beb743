"""`spp-kg query --format json`: numbers are JSON numbers, booleans JSON booleans, unbound values null."""

from __future__ import annotations

import json

import pyoxigraph

from conftest import run_cli
from graph_builder.query import json_value

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_literals_become_json_values_of_their_datatype():
    def typed(value: str, datatype: str) -> pyoxigraph.Literal:
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD + datatype))

    assert json_value(typed("726000", "integer")) == 726000
    assert json_value(typed("47.1", "decimal")) == 47.1
    assert json_value(typed("true", "boolean")) is True
    assert json_value(typed("2023", "gYear")) == "2023"
    assert json_value(pyoxigraph.Literal("盗窃", language="zh")) == "盗窃"
    assert json_value(pyoxigraph.NamedNode("https://w3id.org/spp-kg/id/period/2023")) == \
        "https://w3id.org/spp-kg/id/period/2023"
    assert json_value(None) is None


def test_the_query_command_writes_numbers_as_numbers_and_unbound_as_null(built_dist):
    result = run_cli("query", "--dist", str(built_dist), "--format", "json", """
        PREFIX spp: <https://w3id.org/spp-kg/ontology#>
        PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
        SELECT ?value ?change ?missing WHERE {
          ?s spp:measure <https://w3id.org/spp-kg/id/measure/people-prosecuted> ; sdmx-measure:obsValue ?value ;
             spp:yearOnYearChangePercent ?change .
          OPTIONAL { ?s spp:noSuchProperty ?missing }
        } ORDER BY DESC(?value)""")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(isinstance(r["value"], int) and isinstance(r["change"], (int, float)) for r in rows)
    assert all(r["missing"] is None for r in rows)
    assert {"value": 19000, "change": 5.3, "missing": None} in rows
    table = run_cli("query", "--dist", str(built_dist), "--format", "csv",
                    "SELECT ?missing ?one WHERE { OPTIONAL { ?s <urn:nothing> ?missing } BIND(1 AS ?one) }")
    assert table.stdout.splitlines() == ["missing,one", ",1"]           # CSV keeps text: unbound is empty
