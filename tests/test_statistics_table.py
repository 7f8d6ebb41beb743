"""statistics.csv and its CSVW metadata: every statistic of the built graph is one row with the same
values, the table is plain RFC 4180 CSV, and the metadata names and types every column."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from rdflib import Graph, Namespace, URIRef

ID = "https://w3id.org/spp-kg/id/"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
WDRS = Namespace("http://www.w3.org/2007/05/powder-s#")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")

STATISTICS = """
PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?value ?unit ?measure ?crime ?field ?period ?start ?end ?yoy ?points ?previous ?share ?qualifier
       ?reporter ?document ?date ?quote ?from ?to WHERE {
  ?s a spp:Statistic ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit ; spp:measure ?measure ;
     sdmx-dimension:refPeriod ?period ; prov:wasDerivedFrom ?document ; spp:evidence ?evidence .
  ?document dcterms:date ?date .
  ?evidence oa:exact ?quote ; oa:start ?from ; oa:end ?to .
  OPTIONAL { ?period dcat:startDate ?start ; dcat:endDate ?end }
  OPTIONAL { ?s spp:crimeType ?crime } OPTIONAL { ?s spp:field ?field } OPTIONAL { ?s spp:qualifier ?qualifier }
  OPTIONAL { ?s spp:yearOnYearChangePercent ?yoy } OPTIONAL { ?s spp:percentagePointChange ?points }
  OPTIONAL { ?s spp:previousPeriodChangePercent ?previous } OPTIONAL { ?s spp:shareOf ?share }
  OPTIONAL { ?s spp:reportedBy ?reporter }
}"""


@pytest.fixture(scope="module")
def table_bytes(built_dist) -> bytes:
    return (built_dist / "statistics.csv").read_bytes()


@pytest.fixture(scope="module")
def rows(table_bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(table_bytes.decode("utf-8"), newline="")))


@pytest.fixture(scope="module")
def metadata(built_dist) -> dict:
    return json.loads((built_dist / "statistics.csv-metadata.json").read_text(encoding="utf-8"))


def _graph_statistics(store) -> dict[str, dict[str, str]]:
    """Each statistic of the graph with the values bound for it, by variable name."""
    results = store.query(STATISTICS)
    names = [variable.value for variable in results.variables]
    return {solution["s"].value: {name: solution[name].value for name in names if solution[name] is not None}
            for solution in results}


def _number(cell: str) -> Decimal | None:
    return Decimal(cell) if cell else None


def test_every_statistic_of_the_graph_is_exactly_one_row_with_the_same_values(store, rows):
    statistics = _graph_statistics(store)
    assert len(statistics) >= 180
    assert len(rows) == len(statistics)
    assert {row["iri"] for row in rows} == set(statistics)
    for row in rows:
        stated = statistics[row["iri"]]
        assert Decimal(row["value"]) == Decimal(stated["value"])
        assert f"{ID}unit/{row['unit']}" == stated["unit"]
        assert f"{ID}measure/{row['measure']}" == stated["measure"]
        assert (f"{ID}crime-type/{row['crime_type']}" if row["crime_type"] else None) == stated.get("crime")
        assert (f"{ID}field/{row['field']}" if row["field"] else None) == stated.get("field")
        assert (row["period_start"], row["period_end"]) == \
               (stated.get("start", stated["period"]), stated.get("end", stated["period"]))
        for column, variable in (("year_on_year_change_percent", "yoy"), ("percentage_point_change", "points"),
                                 ("previous_period_change_percent", "previous")):
            assert _number(row[column]) == _number(stated.get(variable, "")), column
        assert row["share_of"] == stated.get("share", "")
        assert row["qualifier"] == stated.get("qualifier", "")
        assert f"{ID}agency/{row['reported_by']}" == stated["reporter"]
        assert f"{ID}document/{row['document']}" == stated["document"]
        assert row["date"] == stated["date"]
        assert (row["quote"], int(row["quote_start"]), int(row["quote_end"])) == \
               (stated["quote"], int(stated["from"]), int(stated["to"]))


def test_labels_and_sources_read_as_the_graph_states_them(rows):
    prosecuted = [row for row in rows if row["measure"] == "people-prosecuted" and row["crime_type"] == "online-gambling"]
    assert prosecuted and prosecuted[0]["measure_label"] == "people prosecuted"
    assert prosecuted[0]["crime_type_label"] == "online gambling"
    report = [row for row in rows if row["document"] == "2024-03-12-spp-work-report"]
    assert report and {row["publisher"] for row in report} == {"Supreme People's Procuratorate"}
    assert all(row["language"] in ("en", "zh") and row["document_title"] for row in rows)


def test_the_table_is_plain_rfc_4180_csv_with_plain_numbers(table_bytes, rows, metadata):
    text = table_bytes.decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")   # CRLF line ends, no bare LF
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert len(set(header)) == len(header)
    numeric = [c["name"] for c in metadata["tableSchema"]["columns"]
               if c.get("datatype") in ("decimal", "nonNegativeInteger")]
    assert {"value", "year_on_year_change_percent", "quote_start"} <= set(numeric)
    for row in rows:
        assert all(NUMBER.fullmatch(row[name]) for name in numeric if row[name]), row["iri"]
    assert any(row["share_of"] == "" for row in rows)               # unbound: an empty cell
    assert any(row["crime_type"] == "unspecified" for row in rows)  # a crime type the text does not name
    assert any('"' in row["quote"] or "," in row["quote"] for row in rows)     # quoted cells survive


def test_the_csvw_metadata_names_and_types_every_column_of_the_table(metadata, table_bytes, built_dist, store):
    assert metadata["@context"][0] == "http://www.w3.org/ns/csvw"
    assert (built_dist / metadata["url"]).resolve() == (built_dist / "statistics.csv").resolve()
    schema = metadata["tableSchema"]
    header = next(csv.reader(io.StringIO(table_bytes.decode("utf-8"), newline="")))
    real = [column for column in schema["columns"] if not column.get("virtual")]
    assert [column["name"] for column in real] == header
    assert schema["aboutUrl"] == "{+iri}" and schema["primaryKey"] == "iri"
    for column in real:
        assert column["datatype"] and column["dc:description"], column["name"]
        if column["name"] != "iri":
            used = store.query(f"ASK {{ ?s <{column['propertyUrl']}> ?o }}")
            assert used, f"{column['name']}: {column['propertyUrl']} is no property of the graph"
    by_name = {column["name"]: column for column in schema["columns"]}
    assert by_name["value"]["propertyUrl"] == "http://purl.org/linked-data/sdmx/2009/measure#obsValue"
    assert by_name["measure"]["valueUrl"] == f"{ID}measure/{{measure}}"
    assert by_name["type"]["valueUrl"] == "http://purl.org/linked-data/cube#Observation"


def test_void_describes_the_table_as_a_dcat_distribution_with_its_csvw_metadata(built_dist):
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    table = void.value(predicate=DCAT.downloadURL, object=URIRef("https://w3id.org/spp-kg/dumps/statistics.csv"))
    assert (URIRef("https://w3id.org/spp-kg/void#dataset"), DCAT.distribution, table) in void
    assert void.value(table, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/text/csv")
    assert void.value(table, WDRS.describedby) == URIRef("https://w3id.org/spp-kg/dumps/statistics.csv-metadata.json")
    assert int(void.value(table, DCAT.byteSize)) == (built_dist / "statistics.csv").stat().st_size
