"""End to end: build the bundled corpus with the real command line and check the published graph."""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from decimal import Decimal

import owlrl
import pytest
from rdflib import RDF, OWL, Dataset, Graph, Literal, Namespace, URIRef

from conftest import build_one_document, run_cli
from graph_builder.config import resource_dir
from graph_builder.sorted_statements import SortedStatements
from graph_builder.validate import DocumentValidator, load_shapes, validate_graph

SPP = Namespace("https://w3id.org/spp-kg/ontology#")
ID = "https://w3id.org/spp-kg/id/"
CORPUS_DOCUMENTS = len(list(resource_dir("corpus").glob("*.txt")))
DUMPS = ("graph.ttl", "graph.trig", "graph.nt.gz", "graph.nq.gz", "graph.jsonld", "void.ttl", "build-report.json",
         "statistics.csv", "statistics.csv-metadata.json")


def select(store, sparql):
    return [[term.value if term is not None else None for term in row] for row in store.query(
        "PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> "
        "PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> "
        "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX dcterms: <http://purl.org/dc/terms/> " + sparql)]


def test_build_writes_every_artifact(built_dist):
    for name in DUMPS:
        assert (built_dist / name).stat().st_size > 0, name
    report = json.loads((built_dist / "build-report.json").read_text())
    assert report["statistics"] >= 180
    assert len(report["documents"]) == CORPUS_DOCUMENTS


def test_same_input_gives_byte_identical_files(built_dist, tmp_path):
    again = tmp_path / "dist"
    assert run_cli("build", "--out", str(again), "--quiet").returncode == 0
    for name in DUMPS:
        assert (again / name).read_bytes() == (built_dist / name).read_bytes(), name


@pytest.mark.parametrize("value, measure, crime_type, yoy", [
    (726000, "arrests-approved", None, "47.1"),
    (1688000, "people-prosecuted", None, "17.3"),
    (51000, "people-prosecuted", "telecom-network-fraud", "66.9"),
    (147000, "people-prosecuted", "assisting-information-network-crime", "13"),
    (19000, "people-prosecuted", "online-gambling", "5.3"),
    (266000, "decisions-not-to-arrest", None, "22.5"),
    (498000, "decisions-not-to-prosecute", None, "12.6"),
    (1502000, "people-prosecuted", None, None),
    (138000, "people-prosecuted", "cybercrime", None),
    (3275, "people-detained", "epidemic-related-crime", None),
    (258000, "hearings-held", None, "22.1"),
    (3139, "people-prosecuted", "contraband-delivery", "-36.3"),
    (364, "people-prosecuted", "national-defense-crime", "7.1"),
])
def test_key_statistics_of_the_corpus(store, value, measure, crime_type, yoy):
    # a figure restated by another document of the corpus (the Chinese summary of the report) agrees with it
    rows = select(store, f"""SELECT DISTINCT ?m ?c ?y WHERE {{ ?s sdmx-measure:obsValue {value} ; spp:measure ?m .
        OPTIONAL {{ ?s spp:crimeType ?c }} OPTIONAL {{ ?s spp:yearOnYearChangePercent ?y }}
        FILTER(?m = <{ID}measure/{measure}>) }}""")
    assert len(rows) == 1, rows
    m, c, y = rows[0]
    assert m == ID + "measure/" + measure
    assert c == ID + "crime-type/" + (crime_type or "unspecified")
    assert (Decimal(y) if y else None) == (Decimal(yoy) if yoy else None)


def test_non_statistic_numbers_never_become_statistics(store):
    values = {Decimal(row[0]) for row in select(store, "SELECT ?v WHERE { ?s a spp:Statistic ; sdmx-measure:obsValue ?v }")}
    for number in (2024, 2023, 2022, 2018, 2003, 11010502032503, 19140089, 817896455, 26):
        assert Decimal(number) not in values, number


def test_ordinals_are_reported_as_numbers_that_are_not_statistics(built_dist):
    report = json.loads((built_dist / "build-report.json").read_text())
    work_report = report["documents"]["2024-03-12-spp-work-report"]
    ordinals = {n["text"] for n in work_report["numbers_not_statistics"] if n["reason"] == "ordinal"}
    assert {"9th", "10th", "20th"} <= ordinals     # "its 9th and 10th procuratorial suggestions", "the 20th CPC ..."


def test_every_statistic_has_evidence_that_matches_the_text(store, built_dist):
    rows = select(store, """SELECT ?s ?exact ?start ?end ?text WHERE { ?s a spp:Statistic ; spp:evidence ?e ;
        prov:wasDerivedFrom ?d . ?e oa:exact ?exact ; oa:start ?start ; oa:end ?end . ?d <https://schema.org/text> ?text }""")
    assert len(rows) >= 180
    for _, exact, start, end, text in rows:
        assert text[int(start):int(end)] == exact


def test_every_official_has_a_role_and_an_agency(store):
    rows = select(store, """SELECT ?name ?role ?agency WHERE { ?m org:member ?p ; org:role ?role ; org:organization ?agency .
        ?p foaf:name ?name . FILTER(lang(?name) = "en") }""")
    named = {name for name, _, _ in rows}
    for name in ("Ying Yong", "Zhang Jun", "Miao Shengming", "Wang Songmiao", "Xu Xiangchun", "Gao Xin", "Xi Jinping"):
        assert name in named, name


def test_crime_type_hierarchy(store):
    rows = select(store, """SELECT ?narrow WHERE { ?n skos:broader <https://w3id.org/spp-kg/id/crime-type/cybercrime> .
        BIND(STR(?n) AS ?narrow) }""")
    narrower = {r[0].rsplit("/", 1)[-1] for r in rows}
    assert {"online-gambling", "telecom-network-fraud"} <= narrower


def test_named_graph_per_document(built_dist):
    dataset = Dataset()
    dataset.parse(built_dist / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert sum("/graph/document/" in n for n in names) == CORPUS_DOCUMENTS
    assert "https://w3id.org/spp-kg/graph/reference" in names


def _document_graph_and_reference(built_dist):
    dataset = Dataset()
    dataset.parse(built_dist / "graph.trig", format="trig")
    reference, report = Graph(), None
    for graph in dataset.graphs():
        if str(graph.identifier).endswith("/graph/reference"):
            reference += graph
        elif str(graph.identifier).endswith("spp-work-report"):
            report = Graph()
            report += graph
    return report, reference


def test_broken_graphs_fail_the_shapes(built_dist):
    shapes = load_shapes(resource_dir("shapes"))
    report, reference = _document_graph_and_reference(built_dist)
    assert validate_graph(report + reference, shapes) == []
    statistic = next(report.subjects(RDF.type, SPP.Statistic))
    without_value = report + reference
    without_value.remove((statistic, URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue"), None))
    assert any("obsValue" in v.path for v in validate_graph(without_value, shapes))
    shifted = report + reference
    evidence = next(shifted.objects(statistic, SPP.evidence))
    start = shifted.value(evidence, URIRef("http://www.w3.org/ns/oa#start"))
    shifted.set((evidence, URIRef("http://www.w3.org/ns/oa#start"), Literal(int(start) + 1, datatype=start.datatype)))
    assert any(v.focus == str(evidence) for v in validate_graph(shifted, shapes))


def test_the_builds_validator_reports_a_broken_document_graph(built_dist):
    shapes = load_shapes(resource_dir("shapes"))
    report, reference = _document_graph_and_reference(built_dist)
    validator = DocumentValidator(shapes, reference)
    assert validator.violations(report) == []
    statistic = next(report.subjects(RDF.type, SPP.Statistic))
    evidence = next(report.objects(statistic, SPP.evidence))
    broken = Graph()
    broken += report
    broken.remove((statistic, URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue"), None))
    end = broken.value(evidence, URIRef("http://www.w3.org/ns/oa#end"))
    broken.set((evidence, URIRef("http://www.w3.org/ns/oa#end"), Literal(int(end) + 1, datatype=end.datatype)))
    violations = validator.violations(broken)
    assert any(v.focus == str(statistic) and "obsValue" in v.path for v in violations), violations
    assert any(v.focus == str(evidence) and "Offsets inconsistent" in v.message for v in violations), violations


def test_statements_are_sorted_and_distinct_across_runs():
    lines = [f'<https://example.org/{n % 7}> <https://example.org/p> "{text}" <https://example.org/g{n % 3}> .'
             for n, text in enumerate(["b", "a", "检察", "a", "é", "b\\tab", "z", "检察", "A"] * 5)]
    statements = SortedStatements(run_lines=4)
    for start in range(0, len(lines), 3):
        statements.add(lines[start:start + 3])
    merged = statements.merged()
    assert merged.quads.read_text(encoding="utf-8").splitlines() == sorted(set(lines))
    assert merged.quad_count == len(set(lines))
    union = sorted({line.rsplit(" <", 1)[0] + " ." for line in lines})
    assert merged.triples.read_text(encoding="utf-8").splitlines() == union
    assert merged.triple_count == len(union)
    statements.close()
    assert not merged.quads.exists() and not merged.triples.exists()


def test_ontology_and_graph_are_owl2rl_consistent(built_dist):
    graph = Graph()
    graph.parse(built_dist / "ontology.ttl", format="turtle")
    with gzip.open(built_dist / "graph.nt.gz", "rt", encoding="utf-8") as handle:
        graph.parse(data=handle.read(), format="nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert list(graph.subjects(RDF.type, OWL.Nothing)) == []


def test_void_describes_dumps_and_wikidata_linkset(built_dist):
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    VOID = Namespace("http://rdfs.org/ns/void#")
    assert len(list(void.objects(None, VOID.dataDump))) == 5
    linksets = list(void.subjects(RDF.type, VOID.Linkset))
    assert linksets and int(void.value(linksets[0], VOID.triples)) >= 10


def test_validate_command_passes_on_a_good_build(built_dist):
    result = run_cli("validate", "--dist", str(built_dist))
    assert result.returncode == 0, result.stderr


def test_stats_and_query_commands(built_dist):
    stats = run_cli("stats", "--dist", str(built_dist))
    assert stats.returncode == 0 and "statistics:" in stats.stdout
    query = run_cli("query", "--dist", str(built_dist), "--format", "json",
                    "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/spp-kg/ontology#Statistic> }")
    assert query.returncode == 0 and int(json.loads(query.stdout)[0]["n"]) >= 180
    reference_only = run_cli("query", "--dist", str(built_dist), "--format", "json",
                             "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/spp-kg/graph/reference> WHERE { ?s ?p ?o }")
    assert 0 < int(json.loads(reference_only.stdout)[0]["n"]) < int(json.loads(run_cli(
        "query", "--dist", str(built_dist), "--format", "json",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").stdout)[0]["n"])
    bad = run_cli("query", "--dist", str(built_dist), "SELECT WHERE {")
    assert bad.returncode == 2 and bad.stderr.startswith("spp-kg: error:") and "Traceback" not in bad.stderr


def test_default_graph_is_the_union_as_a_set(store):
    # the SPP's label is stated once in the reference graph; a policy issued by several agencies is
    # stated in documents and the lexicon: every triple counts once in the default graph
    total = int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0][0])
    distinct = int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")[0][0])
    in_graphs = int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0][0])
    assert total == distinct and in_graphs > total


def test_the_build_publishes_a_store_the_query_command_opens(built_dist):
    assert (built_dist / "store").is_dir()
    result = run_cli("query", "--dist", str(built_dist), "--format", "json", "ASK { ?s a <https://w3id.org/spp-kg/ontology#Agency> }")
    assert result.returncode == 0 and json.loads(result.stdout) == {"boolean": True}


def test_query_into_a_closed_pipe_is_a_one_line_error(built_dist):
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run([sys.executable, "-m", "spp_kg", "query", "SELECT * WHERE { ?s ?p ?o }",
                             "--dist", str(built_dist)], stdout=reader.stdin, stderr=subprocess.PIPE, text=True,
                            timeout=120)
    reader.stdin.close()
    reader.wait(10)
    assert writer.returncode == 2
    assert writer.stderr.strip().count("\n") == 0 and "broken pipe" in writer.stderr


def test_a_combined_crime_named_twice_in_other_words_builds_with_one_name_and_another(tmp_path):
    build_one_document(
        tmp_path, "Courts report their year\n\nCourts concluded 4,100 theft, fraud and other property crime cases in "
        "2031.\n\nCourts concluded 2,900 theft and fraud cases within a month.\n",
        'title: "t"\npublisher: "p"\ndate: "2032-01-20"\nlanguage: en\ndocument_type: news-article\n')
    graph = Dataset()
    graph.parse(tmp_path / "dist" / "graph.trig", format="trig")
    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    combined = URIRef("https://w3id.org/spp-kg/id/crime-type/theft-fraud")
    names = {(p, o) for _, p, o, _ in graph.quads((combined, None, None, None)) if p in (skos.prefLabel, skos.altLabel)}
    assert names == {(skos.prefLabel, Literal("theft, fraud", lang="en")), (skos.altLabel, Literal("theft and fraud", lang="en"))}


def test_a_data_release_builds_and_its_lead_frames_its_figures(tmp_path):
    build_one_document(
        tmp_path, "最高检发布2031年1至6月全国检察机关主要办案数据\n\n2031年1至6月，全国检察机关共批准逮捕各类犯罪嫌疑人28.1万人。"
        "\n\n共决定起诉61.2万人，同比上升3.4%。\n",
        'title: "最高检发布2031年1至6月全国检察机关主要办案数据"\npublisher: "最高人民检察院"\ndate: "2031-07-20"\n'
        'language: zh\ndocument_type: data-release\n')
    with open(tmp_path / "dist" / "statistics.csv", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert {(row["value"], row["period_start"], row["period_end"]) for row in rows} == {
        ("281000", "2031-01", "2031-06"), ("612000", "2031-01", "2031-06")}
