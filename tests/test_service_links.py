"""How pages link IRIs: the build's base IRI is mapped to this server, other IRIs stay as they are."""

from __future__ import annotations

from service.html import Links


def test_build_iris_link_to_local_pages_whatever_the_base():
    links = Links("http://example.org/kg/")
    assert links.href("http://example.org/kg/id/agency/x") == "/id/agency/x"
    assert links.href("http://example.org/kg/id/document/d#char=1,5") == "/id/document/d#char=1,5"
    assert links.href("http://example.org/kg/ontology#Statistic") == "/ontology#Statistic"
    assert links.href("https://w3id.org/spp-kg/id/agency/x") == "https://w3id.org/spp-kg/id/agency/x"
    assert links.href("http://www.wikidata.org/entity/Q1") == "http://www.wikidata.org/entity/Q1"


def test_compact_names_and_escaping():
    links = Links("https://w3id.org/spp-kg/")
    assert links.compact("https://w3id.org/spp-kg/ontology#Statistic") == "spp:Statistic"
    assert links.compact("http://example.org/x y") == "http://example.org/x y"
    assert "&lt;b&gt;" in links.iri("http://example.org/<b>", "<b>")
