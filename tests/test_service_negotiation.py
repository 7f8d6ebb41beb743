"""Content negotiation and query-text checks of the service, without a server."""

from __future__ import annotations

import pytest

from graph_builder import querytext
from service import formats
from service.formats import GRAPH, HTML, RESULTS


@pytest.mark.parametrize("accept, kind, expected", [
    (None, RESULTS, "json"),
    ("*/*", GRAPH, "turtle"),
    ("text/csv", RESULTS, "csv"),
    ("application/sparql-results+xml;q=0.5, text/csv;q=0.9", RESULTS, "csv"),
    ("application/sparql-results+xml;q=0.9, text/csv;q=0.5", RESULTS, "xml"),
    ("text/*;q=0.3, text/tab-separated-values", RESULTS, "tsv"),
    ("application/ld+json;q=1, text/turtle;q=0.2", GRAPH, "jsonld"),
    ("application/n-triples", GRAPH, "ntriples"),
    ("application/rdf+xml, */*;q=0.1", GRAPH, "rdfxml"),
    ("text/turtle;q=0, */*;q=0.5", GRAPH, "ntriples"),
])
def test_accept_with_q_values_picks_the_preferred_format(accept, kind, expected):
    assert formats.negotiate(accept, (kind,)).name == expected


def test_nothing_acceptable_gives_none():
    assert formats.negotiate("image/png", (RESULTS,)) is None
    assert formats.negotiate("text/turtle;q=0", (GRAPH,)) is None


def test_a_browser_prefers_html_and_a_client_of_rdf_does_not():
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert formats.prefers_html(browser)
    assert not formats.prefers_html("text/turtle, text/html;q=0.5")
    assert not formats.prefers_html(None)
    assert not formats.prefers_html("*/*")


def test_format_parameter_names_formats_per_kind():
    assert formats.from_parameter(["json"], RESULTS).name == "json"
    assert formats.from_parameter(["json"], GRAPH).name == "jsonld"
    assert formats.from_parameter(["xml"], GRAPH).name == "rdfxml"
    assert formats.from_parameter(["json-ld", "application/ld+json"], GRAPH).name == "jsonld"
    assert formats.from_parameter(["text/tab-separated-values"], RESULTS).name == "tsv"
    assert formats.from_parameter(["csv"], GRAPH) is None
    assert formats.from_parameter(["csv"], HTML) is None
    with pytest.raises(formats.UnknownFormat):
        formats.from_parameter(["yaml"], RESULTS)


@pytest.mark.parametrize("text", [
    "INSERT DATA { <a:b> <a:c> <a:d> }",
    "PREFIX ex: <http://example.org/>\n# a comment\ndelete where { ?s ?p ?o }",
    "BASE <http://x/> LOAD <http://example.org/data.ttl>",
    "CLEAR ALL", "DROP GRAPH <a:g>", "CREATE GRAPH <a:g>", "ADD <a:g> TO <a:h>", "MOVE DEFAULT TO <a:g>",
    "COPY <a:g> TO <a:h>", "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_recognised(text):
    assert querytext.is_update(text)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p 'INSERT' }",
    "# INSERT DATA\nASK {}",
    "PREFIX insert: <http://x/#> SELECT ?delete WHERE { ?delete insert:load ?o }",
])
def test_queries_mentioning_update_words_are_not_updates(text):
    assert not querytext.is_update(text)


def test_service_endpoints_are_found_outside_strings_and_comments():
    text = """PREFIX ex: <http://example.org/>
    # SERVICE <http://commented.example/sparql>
    SELECT * WHERE { ?s ?p "SERVICE <http://string.example/>" .
      SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o }
      service ex:sparql { ?a ?b ?c } SERVICE ?endpoint { ?d ?e ?f } }"""
    assert querytext.service_endpoints(text) == ["http://127.0.0.1:9/sparql", "http://example.org/sparql", "?endpoint"]
    assert querytext.service_endpoints("SELECT ?service WHERE { ?service <http://x/#p> 1 }") == []

