"""Series on the bundled corpus together with the development texts (tests/dev_sets/): the restatements of
one quantity by several documents are one series point with all their sources, the disagreements the
synthetic texts invent against the real reports are flagged, and no roll-up adds a category to its own
subcategories."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from conftest import run_cli
from dev_corpus import synthetic_corpus
from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries, load_store, run_query

ID = "https://w3id.org/spp-kg/id/"
PREFIXES = """PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
"""


@pytest.fixture(scope="module")
def combined(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("combined-corpus")
    for path in resource_dir("corpus").iterdir():
        shutil.copy(path, corpus / path.name)
    synthetic_corpus("synthetic", corpus)
    synthetic_corpus("zh", corpus)
    out = tmp_path_factory.mktemp("combined-dist") / "dist"
    built = run_cli("build", "--corpus", str(corpus), "--out", str(out), "--quiet")
    assert built.returncode == 0, built.stderr
    return load_store(out)


def _point(store, measure: str, period: str, crime_type: str = "unspecified", field: str = "unspecified") -> dict:
    rows = list(store.query(PREFIXES + f"""SELECT ?point ?value ?conflict ?statistic ?document ?conflicting WHERE {{
        ?point a spp:SeriesPoint ; spp:measure <{ID}measure/{measure}> ; spp:crimeType <{ID}crime-type/{crime_type}> ;
               spp:field <{ID}field/{field}> ; sdmx-dimension:refPeriod <{ID}period/{period}> ;
               spp:preferredValue ?value ; spp:conflict ?conflict ; prov:wasDerivedFrom ?statistic .
        ?statistic spp:sourceDocument ?document .
        OPTIONAL {{ ?point spp:conflictingStatement ?conflicting }} }}"""))
    assert len({row["point"] for row in rows}) == 1, f"{measure} {period}: {len(rows)} rows"
    return {"value": rows[0]["value"].value, "conflict": rows[0]["conflict"].value == "true",
            "documents": {row["document"].value.rsplit("/", 1)[-1] for row in rows},
            "conflicting": {row["conflicting"] for row in rows if row["conflicting"] is not None}}


def test_a_total_restated_in_english_and_chinese_by_three_documents_is_one_point(combined):
    point = _point(combined, "people-prosecuted", "2023")
    assert point["documents"] == {"2024-03-12-spp-work-report", "2024-03-08-spp-work-report-summary-xinhua-zh",
                                  "zh2-work-report-paragraphs"}
    assert point["value"] == "1688000" and not point["conflict"]


def test_a_disagreement_invented_by_a_development_text_is_flagged(combined):
    # the synthetic work-report paragraphs give 17.6万 administrative public interest cases for 2023; the report 168,000
    point = _point(combined, "administrative-public-interest-litigation-cases", "2023", field="public-interest-litigation")
    assert point["documents"] == {"2024-03-12-spp-work-report", "zh2-work-report-paragraphs"}
    assert point["conflict"] and len(point["conflicting"]) == 2
    assert point["value"] == "168000"                # the SPP's own report is preferred over the synthetic text


def test_every_statistic_of_every_text_is_in_exactly_one_series_point(combined):
    (row,) = combined.query(PREFIXES + """SELECT (COUNT(?s) AS ?statistics) (COUNT(?p) AS ?linked)
        (COUNT(DISTINCT ?s) AS ?distinct) WHERE {
          ?s a spp:Statistic . OPTIONAL { ?p a spp:SeriesPoint ; prov:wasDerivedFrom ?s } }""")
    assert int(row["statistics"].value) >= 400
    assert row["statistics"].value == row["linked"].value == row["distinct"].value


def test_the_roll_up_never_adds_a_category_to_its_own_subcategories(combined):
    (query,) = [q for q in load_example_queries(resource_dir("queries")) if q.name.startswith("05-")]
    result = run_query(combined, query.sparql)
    rows = {row["broader"].value: row for row in result}
    own = {row["label"].value: Decimal(row["value"].value) for row in combined.query(PREFIXES + f"""
        SELECT ?label (MAX(?v) AS ?value) WHERE {{
          ?point a spp:SeriesPoint ; spp:measure <{ID}measure/people-prosecuted> ; spp:crimeType ?type ;
                 sdmx-dimension:refPeriod <{ID}period/2023> ; spp:preferredValue ?v .
          ?type skos:prefLabel ?label FILTER(LANG(?label) = "en") }} GROUP BY ?label""")}
    stated = {name: row for name, row in rows.items() if row["stated"] is not None}
    assert len(stated) >= 3
    for name, row in stated.items():          # a category's own figure, never its own plus its parts
        assert Decimal(row["stated"].value) == own[name], name
    assert Decimal(rows["cybercrime"]["stated"].value) == 323000 and int(rows["cybercrime"]["narrowerTypes"].value) >= 3
