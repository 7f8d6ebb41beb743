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
    assert "Incoming links" in page


def test_statistic_page_shows_its_evidence_quote_with_a_link_to_the_document(http, store):
    row = next(iter(store.query(
        "SELECT ?s ?quote WHERE { ?s a <https://w3id.org/spp-kg/ontology#Statistic> ; "
        "<https://w3id.org/spp-kg/ontology#evidence> ?e . ?e <http://www.w3.org/ns/oa#exact> ?quote } LIMIT 1")))
    path = row["s"].value[len(BASE) - 1:]
    page = http.get(path, headers=BROWSER).text
    assert "<blockquote>" in page
    assert re.search(r'href="/id/document/[^"#]+#char=\d+,\d+"', page)
    assert re.search(r'Quoted from <a href="/id/document/[^"#]+"', page)


def test_person_page_includes_memberships(http):
    turtle = http.get("/id/person/zhang-jun", headers={"Accept": "text/turtle"}).text
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    memberships = [s for s in graph.subjects() if "#membership-" in str(s)]
    assert memberships
    page = http.get("/id/person/zhang-jun", headers=BROWSER).text
    assert 'id="membership-' in page


@pytest.mark.parametrize("path", ["/id/agency/no-such-agency", "/id/nothing", "/id/agency/a%3Cb%3E", "/id/"])
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
