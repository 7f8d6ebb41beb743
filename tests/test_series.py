"""Series points: the statements of one quantity are one point with all their sources, a preferred value
by the documented rules, and a conflict flag where documents disagree beyond rounding and qualifiers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import run_cli
from graph_builder.agreement import StatedFigure, agree, stated_precision
from graph_builder.query import load_store
from graph_builder.series import SeriesKey, Statement, series_point

PREFIXES = """PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
"""
ID = "https://w3id.org/spp-kg/id/"


def figure(text: str, value: str, qualifier: str | None = None, whole: bool = True) -> StatedFigure:
    return StatedFigure(Decimal(value), stated_precision(text, Decimal(value)), qualifier, whole)


@pytest.mark.parametrize("text, value, precision", [
    ("2.47 million", "2470000", "10000"), ("2.40 million", "2400000", "10000"), ("327.5万", "3275000", "1000"),
    ("3,270,000", "3270000", "10000"), ("3,271,453", "3271453", "1"), ("64.3%", "64.3", "0.1"),
    ("37 thousand", "37000", "1000"), ("三千七百", "3700", "100"), ("90%", "90", "1"), ("300", "300", "1"),
    ("1亿2000万", "120000000", "10000000")])
def test_the_precision_is_the_place_of_the_last_significant_digit(text, value, precision):
    assert stated_precision(text, Decimal(value)) == Decimal(precision)


@pytest.mark.parametrize("first, second", [
    (figure("more than 2.4 million", "2400000", "more than"), figure("2,461,220", "2461220")),
    (figure("2.47 million", "2470000"), figure("2,468,091", "2468091")),     # rounded to the nearest
    (figure("2.46 mln", "2460000"), figure("2,468,091", "2468091")),         # cut off
    (figure("327.5万", "3275000"), figure("3,275,000", "3275000")),
    (figure("nearly 5.2 million", "5200000", "nearly"), figure("5,113,000", "5113000")),
    (figure("about 80,000", "80000", "about"), figure("83,412", "83412")),
    (figure("fewer than 900", "900", "fewer than"), figure("871", "871")),
    (figure("64%", "64", whole=False), figure("64.3%", "64.3", whole=False)),
])
def test_figures_that_agree(first, second):
    assert agree(first, second) and agree(second, first)


@pytest.mark.parametrize("first, second", [
    (figure("1.30 million", "1300000"), figure("1.47 million", "1470000")),
    (figure("more than 2.5 million", "2500000", "more than"), figure("2,461,220", "2461220")),
    (figure("2.47 million", "2470000"), figure("2,481,003", "2481003")),
    (figure("3,271,453", "3271453"), figure("3,271,454", "3271454")),     # exact counts
    (figure("nearly 5.2 million", "5200000", "nearly"), figure("5,312,000", "5312000")),
    (figure("fewer than 900", "900", "fewer than"), figure("943", "943")),
])
def test_figures_that_disagree(first, second):
    assert not agree(first, second) and not agree(second, first)


KEY = SeriesKey("people-prosecuted", "unspecified", "unspecified", "2031", "people")


def statement(slug: str, document: str, stated: StatedFigure, own: bool, position: int = 10) -> Statement:
    return Statement(KEY, stated, slug, document, position, own)


def test_the_preferred_value_is_the_most_precise_of_the_most_authoritative_source():
    news_exact = statement("a", "news", figure("2,461,220", "2461220"), own=False)
    report_rounded = statement("b", "report", figure("2.46 million", "2460000"), own=True)
    report_more_than = statement("c", "report", figure("more than 2.4 million", "2400000", "more than"), own=True,
                                 position=5)
    point = series_point(KEY, [news_exact, report_more_than, report_rounded])
    assert point.preferred is report_rounded
    assert [s.statistic_slug for s in point.statements] == ["b", "c", "a"]
    assert not point.conflict and not point.ambiguous
    exact = statement("d", "report", figure("2,461,220", "2461220"), own=True, position=99)
    assert series_point(KEY, [report_rounded, exact]).preferred is exact


def test_documents_that_disagree_conflict_and_one_that_gives_two_figures_is_ambiguous():
    report = statement("a", "report", figure("2.46 million", "2460000"), own=True)
    news = statement("b", "news", figure("2.1 million", "2100000"), own=False)
    point = series_point(KEY, [news, report])
    assert point.conflict and {s.statistic_slug for s in point.conflicting} == {"a", "b"}
    # a document that also gives the figure the other document gives does not disagree with it
    part = statement("c", "report", figure("2.1 million", "2100000"), own=True, position=50)
    point = series_point(KEY, [news, report, part])
    assert not point.conflict and point.ambiguous


def test_restatements_are_one_point_with_all_their_sources(store):
    # the English work report and Xinhua's Chinese summary state the cases handled in 2023
    rows = list(store.query(PREFIXES + f"""
        SELECT ?point ?value ?conflict ?statistic ?document WHERE {{
          ?point a spp:SeriesPoint ; qb:dataSet <{ID}dataset/procuratorial-statistics-series> ;
                 spp:measure <{ID}measure/cases-handled> ; spp:crimeType <{ID}crime-type/unspecified> ;
                 spp:field <{ID}field/unspecified> ; sdmx-dimension:refPeriod <{ID}period/2023> ;
                 spp:preferredValue ?value ; spp:conflict ?conflict ; prov:wasDerivedFrom ?statistic ;
                 spp:preferredStatement/spp:sourceDocument ?preferredFrom .
          ?statistic spp:sourceDocument ?document .
          FILTER(?preferredFrom = <{ID}document/2024-03-12-spp-work-report>) }}"""))
    assert len({row["point"] for row in rows}) == 1
    assert {row["document"].value.rsplit("/", 1)[-1] for row in rows} == {
        "2024-03-12-spp-work-report", "2024-03-08-spp-work-report-summary-xinhua-zh"}
    assert rows[0]["value"].value == "4253000" and rows[0]["conflict"].value == "false"


def test_every_statistic_is_in_exactly_one_series_point(store):
    (row,) = store.query(PREFIXES + """SELECT (COUNT(?s) AS ?statistics) (COUNT(?p) AS ?linked)
        (COUNT(DISTINCT ?s) AS ?distinct) WHERE {
          ?s a spp:Statistic . OPTIONAL { ?p a spp:SeriesPoint ; prov:wasDerivedFrom ?s } }""")
    assert row["statistics"].value == row["linked"].value == row["distinct"].value


def test_series_points_are_no_statements(store):
    assert not bool(store.query(PREFIXES + "ASK { ?p a spp:SeriesPoint ; sdmx-measure:obsValue ?v }"))


REPORT = """Work Report of the Supreme People's Procuratorate

In 2031, procuratorates nationwide prosecuted 2,461,220 people.
"""
NEWS = """Prosecutions keep rising

In 2031, procuratorates nationwide prosecuted 2.1 million people, the top procuratorate said.
"""


def _sidecar(publisher: str, document_type: str) -> str:
    return (f'title: "t"\npublisher: "{publisher}"\ndate: "2032-03-08"\nlanguage: en\n'
            f"document_type: {document_type}\nreporting_agency: supreme-peoples-procuratorate\n")


def build_disagreeing_corpus(directory: Path):
    """A corpus of two documents that disagree about one quantity (invented), built; its graph."""
    corpus = directory / "corpus"
    corpus.mkdir()
    for name, text, sidecar in (("2032-work-report", REPORT, _sidecar("Supreme People's Procuratorate", "work-report")),
                                ("2032-news", NEWS, _sidecar("A News Agency", "news-article"))):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        (corpus / f"{name}.meta.yaml").write_text(sidecar, encoding="utf-8")
    result = run_cli("build", "--corpus", str(corpus), "--out", str(directory / "dist"), "--quiet")
    assert result.returncode == 0, result.stderr
    return load_store(directory / "dist")


def test_an_invented_disagreement_between_two_texts_is_flagged(tmp_path):
    store = build_disagreeing_corpus(tmp_path)
    rows = list(store.query(PREFIXES + f"""SELECT ?value ?conflicting WHERE {{ GRAPH <https://w3id.org/spp-kg/graph/series> {{
        ?point spp:measure <{ID}measure/people-prosecuted> ; sdmx-dimension:refPeriod <{ID}period/2031> ;
               spp:conflict true ; spp:preferredValue ?value ; spp:conflictingStatement ?conflicting }} }}"""))
    assert {row["value"].value for row in rows} == {"2461220"}
    assert len({row["conflicting"] for row in rows}) == 2


def test_a_category_and_its_subcategories_are_points_of_their_own(store):
    # cybercrime's own figure (323,000 people prosecuted in 2023) is never summed with its narrower types'
    (row,) = store.query(PREFIXES + f"""SELECT ?value WHERE {{ ?point a spp:SeriesPoint ;
        spp:measure <{ID}measure/people-prosecuted> ; spp:crimeType <{ID}crime-type/cybercrime> ;
        sdmx-dimension:refPeriod <{ID}period/2023> ; spp:preferredValue ?value }}""")
    assert row["value"].value == "323000"
