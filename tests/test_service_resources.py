"""Linked Data pages of a running server: every IRI of the graph dereferences as HTML and as RDF."""

from __future__ import annotations

import re

import pytest
import rdflib

BASE = "https://w3id.org/spp-kg/"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def resource_paths(built_dist) -> list[str]:
    """The local path of every IRI of graph.ttl under <base>id/ (fragments stripped, deduplicated)."""
    graph = rdflib.Graph().parse(built_dist / "graph.ttl", format="turtle")
    iris = {str(term).split("#")[0] for triple in graph for term in triple
            if isinstance(term, rdflib.URIRef) and str(term).startswith(BASE + "id/")}
    return sorted("/" + iri[len(BASE):] for iri in iris)


def test_every_iri_dereferences_as_html_and_turtle(http, resource_paths):
    assert len(resource_paths) > 300
    for path in resource_paths:
        page = http.get(path, headers=BROWSER)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html"), path
        turtle = http.get(path, headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200, path
        graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
        assert any(str(s).startswith(BASE + path[1:]) or str(o) == BASE + path[1:] for s, _, o in graph), path


@pytest.mark.parametrize("suffix, media_type, syntax", [(".ttl", "text/turtle", "turtle"),
                                                        (".jsonld", "application/ld+json", "json-ld"),
                                                        (".nt", "application/n-triples", "nt"),
                                                        (".rdf", "application/rdf+xml", "xml")])
def test_suffix_chooses_the_format_and_data_keeps_the_build_iris(http, suffix, media_type, syntax):
    response = http.get(f"/id/agency/supreme-peoples-procuratorate{suffix}", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Graph().parse(data=response.text, format=syntax)
    spp = rdflib.URIRef(BASE + "id/agency/supreme-peoples-procuratorate")
    assert (spp, rdflib.RDFS.label, rdflib.Literal("Supreme People's Procuratorate", lang="en")) in graph


def test_json_ld_by_accept(http):
    response = http.get("/id/agency/supreme-peoples-procuratorate", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert BASE + "id/agency/supreme-peoples-procuratorate" in response.text


def test_html_page_links_locally_and_to_wikidata(http):
    page = http.get("/id/agency/supreme-peoples-procuratorate", headers=BROWSER).text
    assert "Supreme People&#x27;s Procuratorate" in page
    assert 'href="http://www.wikidata.org/entity/Q' in page
    assert 'href="/id/' in page and 'href="https://w3id.org/spp-kg/id/' not in page
    assert "Linked from" in page


def test_statistic_page_shows_its_evidence_quote_with_a_link_to_the_document(http, store):
    row = next(iter(store.query(
        "SELECT ?s ?quote WHERE { ?s a <https://w3id.org/spp-kg/ontology#Statistic> ; "
        "<https://w3id.org/spp-kg/ontology#evidence> ?e . ?e <http://www.w3.org/ns/oa#exact> ?quote } LIMIT 1")))
    path = row["s"].value[len(BASE) - 1:]
    page = http.get(path, headers=BROWSER).text
    assert re.search(r'<details class="evidence"><summary>quote</summary><blockquote>', page)
    assert re.search(r'href="/id/document/[^"#]+#char=\d+,\d+"', page)
    assert re.search(r'Quoted from <a href="/id/document/[^"#]+"', page)


def _first(page: str, marker: str) -> int:
    return page.index(marker) if marker in page else len(page)


def test_the_agency_page_leads_with_labels_type_and_links_then_facts_with_their_quotes_folded(http):
    page = http.get("/id/agency/supreme-peoples-procuratorate", headers=BROWSER).text
    about = re.search(r'<table class="about">.*?</table>', page, re.S).group(0)
    assert '<th scope="row">English</th><td><span lang="en">Supreme People&#x27;s Procuratorate</span></td>' in about
    assert '<th scope="row">Chinese</th><td><span lang="zh">最高人民检察院</span></td>' in about
    assert re.search(r'<th scope="row">Type</th><td><a href="/ontology#Agency"[^>]*>Agency</a>', about)
    assert 'href="http://www.wikidata.org/entity/Q2682024"' in about
    assert "Sub-organisations" in about and 'href="/id/agency/spp-general-office"' in about
    assert _first(page, 'class="about"') < _first(page, 'class="facts"') < _first(page, "<blockquote")
    assert page.count("<blockquote") >= 19
    folded = re.findall(r'<details class="evidence">.*?</details>', page, re.S)
    assert sum(f.count("<blockquote") for f in folded) == page.count("<blockquote")   # every quote behind a fact
    assert '<span class="lang">' not in page                                            # no badges


def _statistic(store, where: str) -> tuple[str, str]:
    row = next(iter(store.query(
        "PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f"PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> SELECT ?s ?label WHERE {{ {where} "
        "?s a spp:Statistic ; rdfs:label ?label } ORDER BY ?s LIMIT 1")))
    return row["s"].value[len(BASE) - 1:], row["label"].value


def test_a_statistic_page_says_the_statistic_in_words_with_numbers_formatted_and_the_number_marked(http, store):
    path, label = _statistic(store, "?s spp:measure <https://w3id.org/spp-kg/id/measure/people-prosecuted> ; "
                                    "<http://purl.org/linked-data/sdmx/2009/measure#obsValue> 19000 .")
    assert label.startswith("19,000 people prosecuted for online gambling") and "2023" in label
    page = http.get(path, headers=BROWSER).text
    assert re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", page).group(1)) == label
    facts = re.search(r'<table class="facts">.*?</table>', page, re.S).group(0)
    assert '<div class="fact">19,000<details class="evidence">' in facts
    text = re.sub(r"<[^>]+>", " ", facts)
    assert "+5.3%" in text and 'href="/id/period/2023"' in facts and " 2023 " in text
    assert "<mark>19,000</mark>" in facts                     # the number itself, marked in its quote
    assert "xsd:" not in page and '<span class="lang">' not in page


def test_a_period_range_is_shown_by_its_label(http, store):
    path, label = _statistic(store, "?s sdmx-dimension:refPeriod <https://w3id.org/spp-kg/id/period/2018-2022> .")
    page = http.get(path, headers=BROWSER).text
    assert re.search(r'<a href="/id/period/2018-2022">(<span lang="en">)?2018 to 2022(</span>)?</a>', page)
    assert ">https://w3id.org/spp-kg/id/period/" not in page


def test_an_unspecified_crime_type_stays_out_of_the_title_and_is_named_as_such(http, store):
    path, label = _statistic(store, "?s spp:crimeType <https://w3id.org/spp-kg/id/crime-type/unspecified> .")
    page = http.get(path, headers=BROWSER).text
    assert "unspecified" not in re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert ">crime type unspecified" in page


def test_person_page_includes_memberships(http):
    turtle = http.get("/id/person/zhang-jun", headers={"Accept": "text/turtle"}).text
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    memberships = [s for s in graph.subjects() if "#membership-" in str(s)]
    assert memberships
    page = http.get("/id/person/zhang-jun", headers=BROWSER).text
    assert 'id="membership-' in page


@pytest.mark.parametrize("path", ["/id/agency/no-such-agency", "/id/nothing", "/id/agency/a%3Cb%3E", "/id/agency/"])
def test_unknown_resources_are_404(http, path):
    assert http.get(path, headers=BROWSER).status_code == 404
    assert http.get(path, headers={"Accept": "text/turtle"}).status_code == 404


def test_home_page_has_counts_examples_and_downloads(http):
    page = http.get("/", headers=BROWSER)
    assert page.status_code == 200
    assert "spp:Statistic" in page.text and "/sparql?query=" in page.text and 'href="/dumps/graph.ttl"' in page.text
    example = re.search(r'href="(/sparql\?query=[^"]+)"', page.text).group(1).replace("&amp;", "&")
    answer = http.get(example, headers=BROWSER)
    assert answer.status_code == 200 and "<table>" in answer.text


@pytest.mark.parametrize("path", ["/", "/sparql", "/dumps", "/ontology", "/docs", "/id/agency/supreme-peoples-procuratorate"])
def test_pages_need_no_internet(http, path):
    page = http.get(path, headers=BROWSER).text
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)
    assert "<script" not in page


def test_ontology_shapes_and_void(http):
    html = http.get("/ontology", headers=BROWSER)
    assert html.headers["content-type"].startswith("text/html") and 'id="Statistic"' in html.text
    for path in ("/ontology", "/ontology.ttl", "/shapes", "/.well-known/void"):
        response = http.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle"), path
        assert len(rdflib.Graph().parse(data=response.text, format="turtle")) > 10
    assert http.get("/ontology", headers={"Accept": "application/n-triples"}).headers["content-type"].startswith(
        "application/n-triples")


def test_docs_are_local_and_openapi_is_served(http):
    docs = http.get("/docs")
    assert docs.status_code == 200 and "/sparql" in docs.text and "/dumps/{name}" in docs.text
    assert "/sparql" in http.get("/openapi.json").json()["paths"]


def test_each_kind_has_a_listing_page_with_a_json_twin(http):
    page = http.get("/id/agency", headers=BROWSER)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<a href="/id/agency/supreme-peoples-procuratorate">' in page.text
    data = http.get("/id/agency.json").json()
    assert data == http.get("/id/agency", headers={"Accept": "application/json"}).json()
    assert data["count"] == len(data["items"]) > 100
    spp = next(i for i in data["items"] if i["page"] == "/id/agency/supreme-peoples-procuratorate")
    assert spp["labels"] == {"en": "Supreme People's Procuratorate", "zh": "最高人民检察院"}
    assert len(http.get("/id/crime-type.json").json()["items"]) > 50
    assert http.get("/id/statistic.json").json()["count"] >= 180
    assert http.get("/id/no-such-kind", headers=BROWSER).status_code == 404
    assert http.get("/id/no-such-kind.json").status_code == 404


def test_the_kinds_of_resource_are_listed_with_their_counts(http):
    data = http.get("/id.json").json()
    assert data == http.get("/id/", headers={"Accept": "application/json"}).json()
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert data["kinds"][0]["kind"] == "agency"                  # the main kinds first, in the home page's order
    for kind in ("agency", "crime-type", "statistic", "series"):
        assert kinds[kind]["count"] == http.get(kinds[kind]["json"]).json()["count"], kind
    page = http.get("/id/", headers=BROWSER).text
    assert '<a href="/id/statistic">Statistics</a>' in page and '<a href="/id/series">Series points</a>' in page


@pytest.mark.parametrize("path, twin", [
    ("/id/agency/supreme-peoples-procuratorate", "/id/agency/supreme-peoples-procuratorate.ttl"),
    ("/id/agency", "/id/agency.json"),
    ("/id/", "/id.json"),
    ("/statistics", "/statistics.json"),
    ("/statistics/people-prosecuted", "/statistics/people-prosecuted.json"),
    ("/", "/.well-known/void"),
    ("/sparql", "/sparql"),
    ("/dumps", "/dumps?format=json"),
    ("/ontology", "/ontology.ttl"),
    ("/search?q=theft", "/search.json?q=theft"),
    ("/docs", "/openapi.json"),
])
def test_every_html_page_names_its_machine_readable_twins_in_a_link_header(http, path, twin):
    response = http.get(path, headers=BROWSER)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    alternates = re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', response.headers.get("link", ""))
    assert twin in [href for href, _ in alternates], response.headers.get("link")
    media_type = dict(alternates)[twin]
    assert http.get(twin, headers={"Accept": media_type}).status_code == 200


def test_the_home_page_links_the_list_of_every_main_kind(http):
    home = http.get("/", headers=BROWSER).text
    lists = re.findall(r'<a href="(/id/[a-z-]+)">', home)
    assert {"/id/agency", "/id/crime-type", "/id/policy", "/id/statistic"} <= set(lists)
    for path in lists:
        assert http.get(path + ".json").json()["count"] > 0, path
