"""The W3C SPARQL 1.1 Protocol test suite (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl), against
the real server.

The suite's 34 cases, one test each, named after the case. Its data (kasei.us data0–data3.rdf) is
replaced by graphs of our own dataset: the reference graph (curated knowledge, e.g. agencies) and
document graphs (extracted facts, e.g. statistics), so each dataset case checks that the answer changes
the way the protocol's dataset says it must. The endpoint is read-only: the update cases must be
refused with a 4xx and leave the data as it was (the number of statements is compared before and
after, and the follow-up query of the case finds nothing). The suite sends requests to ``/sparql/``;
our endpoint is ``/sparql``.

=================================  ===================================================================
W3C case                           test here (and what is checked)
=================================  ===================================================================
query_post_form                    test_query_post_form: URL-encoded POST, ASK {} is true
query_dataset_default_graphs_get   test_query_dataset_default_graphs_get: two default-graph-uri merge
query_dataset_default_graphs_post  test_query_dataset_default_graphs_post: the same, query POSTed directly
query_dataset_named_graphs_post    test_query_dataset_named_graphs_post: named-graph-uri, GRAPH ?g
query_dataset_named_graphs_get     test_query_dataset_named_graphs_get: the same via GET
query_dataset_full                 test_query_dataset_full: default and named graphs together
query_multiple_dataset             test_query_multiple_dataset: the protocol's dataset overrides FROM
query_get                          test_query_get: GET, ASK {} is true
query_content_type_select          test_query_content_type_select: SPARQL results (JSON/XML/CSV/TSV)
query_content_type_ask             test_query_content_type_ask: boolean results as JSON or XML
query_content_type_describe        test_query_content_type_describe: an RDF media type
query_content_type_construct       test_query_content_type_construct: an RDF media type (relative IRIs)
update_dataset_default_graph       test_update_dataset_default_graph: refused, nothing changes
update_dataset_default_graphs      test_update_dataset_default_graphs: refused, nothing changes
update_dataset_named_graphs        test_update_dataset_named_graphs: refused, nothing changes
update_dataset_full                test_update_dataset_full: refused, nothing changes
update_post_form                   test_update_post_form: refused, nothing changes
update_post_direct                 test_update_post_direct: refused, nothing changes
update_base_uri                    test_update_base_uri: refused; queries resolve relative IRIs
                                   against the service's base (its endpoint IRI)
query_post_direct                  test_query_post_direct: application/sparql-query POST
bad_query_method                   test_bad_query_method: PUT (and DELETE, PATCH) get 4xx
bad_multiple_queries               test_bad_multiple_queries: two query= get 4xx
bad_query_wrong_media_type         test_bad_query_wrong_media_type: text/plain body gets 4xx
bad_query_missing_form_type        test_bad_query_missing_form_type: form body without type gets 4xx
bad_query_missing_direct_type      test_bad_query_missing_direct_type: query body without type gets 4xx
bad_query_non_utf8                 test_bad_query_non_utf8: UTF-16 body gets 4xx
bad_query_syntax                   test_bad_query_syntax: "ASK {" gets 4xx
bad_update_get                     test_bad_update_get: update= in a GET gets 4xx
bad_multiple_updates               test_bad_multiple_updates: two update= get 4xx
bad_update_wrong_media_type        test_bad_update_wrong_media_type: text/plain update gets 4xx
bad_update_missing_form_type       test_bad_update_missing_form_type: form body without type gets 4xx
bad_update_non_utf8                test_bad_update_non_utf8: UTF-16 update gets 4xx
bad_update_syntax                  test_bad_update_syntax: "CLEAR XYZ" gets 4xx
bad_update_dataset_conflict        test_bad_update_dataset_conflict: using-named-graph-uri and WITH
=================================  ===================================================================
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

ENDPOINT = "/sparql"
REFERENCE = "https://w3id.org/spp-kg/graph/reference"
REPORT = "https://w3id.org/spp-kg/graph/document/2024-03-12-spp-work-report"
NEWS = "https://w3id.org/spp-kg/graph/document/2020-04-09-spp-online-crimes-china-daily"
PREFIXES = "PREFIX spp: <https://w3id.org/spp-kg/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update"}
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = BOOLEAN_TYPES + ("text/csv", "text/tab-separated-values")
RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")
SRX = "{http://www.w3.org/2005/sparql-results#}"

# A concept scheme lives in the reference graph only, statistics in document graphs: like data1 and data2 of
# the suite (agencies a document names are in its own graph too).
BOTH_KINDS = PREFIXES + "ASK { ?scheme a skos:ConceptScheme . ?statistic a spp:Statistic }"
BOTH_NAMED = PREFIXES + "ASK { GRAPH ?g1 { ?scheme a skos:ConceptScheme } GRAPH ?g2 { ?statistic a spp:Statistic } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def media_type(response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip()


def boolean(response) -> bool:
    """The answer of an ASK, in whichever results format the server chose."""
    assert response.status_code == 200, response.text
    kind = media_type(response)
    assert kind in BOOLEAN_TYPES, kind
    if kind.endswith("json"):
        return json.loads(response.content)["boolean"]
    return ET.fromstring(response.content).find(f"{SRX}boolean").text.strip() == "true"


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert media_type(response) == "application/sparql-results+json"
    return json.loads(response.content)["results"]["bindings"]


def ask(http, query: str, **parameters) -> bool:
    return boolean(http.get(ENDPOINT, params={"query": query, **parameters}))


def select(http, query: str, **parameters) -> list[dict]:
    return rows(http.get(ENDPOINT, params={"query": query, **parameters},
                         headers={"Accept": "application/sparql-results+json"}))


def graphs(http, **parameters) -> set[str]:
    return {row["g"]["value"] for row in select(http, GRAPHS, **parameters)}


@pytest.fixture()
def unchanged(http):
    """Asserts after the test that the store holds the same statements as before it."""
    def count() -> int:
        return int(select(http, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"])
    before = count()
    assert before > 1000
    yield
    assert count() == before


def refused(response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)


# -- queries -------------------------------------------------------------------------------------------

def test_query_post_form(http):
    response = http.post(ENDPOINT, params={"default-graph-uri": REFERENCE}, content=b"query=ASK%20%7B%7D", headers=FORM)
    assert boolean(response) is True


def test_query_dataset_default_graphs_get(http):
    assert ask(http, BOTH_KINDS, **{"default-graph-uri": [REFERENCE, REPORT]}) is True
    assert ask(http, BOTH_KINDS, **{"default-graph-uri": [REFERENCE]}) is False
    assert ask(http, BOTH_KINDS, **{"default-graph-uri": [REPORT]}) is False


def test_query_dataset_default_graphs_post(http):
    def post(*default_graphs: str) -> bool:
        return boolean(http.post(ENDPOINT, params={"default-graph-uri": list(default_graphs)},
                                 content=BOTH_KINDS.encode(), headers=DIRECT))
    assert post(REFERENCE, REPORT) is True
    assert post(REFERENCE) is False


def test_query_dataset_named_graphs_post(http):
    def post(*named_graphs: str) -> bool:
        return boolean(http.post(ENDPOINT, params={"named-graph-uri": list(named_graphs)},
                                 content=BOTH_NAMED.encode(), headers=DIRECT))
    assert post(REFERENCE, REPORT) is True
    assert post(REPORT) is False


def test_query_dataset_named_graphs_get(http):
    named = {"named-graph-uri": [REFERENCE, REPORT]}
    assert ask(http, BOTH_NAMED, **named) is True
    assert graphs(http, **named) == {REFERENCE, REPORT}
    assert ask(http, "ASK { ?s ?p ?o }", **named) is False     # only named graphs: the default graph is empty
    assert ask(http, BOTH_NAMED, **{"named-graph-uri": [REFERENCE]}) is False


def test_query_dataset_full(http):
    query = PREFIXES + """ASK {
  ?news a spp:Statistic
  GRAPH ?g1 { ?scheme a skos:ConceptScheme }
  GRAPH ?g2 { ?statistic a spp:Statistic }
}"""
    dataset = {"default-graph-uri": [NEWS], "named-graph-uri": [REFERENCE, REPORT]}
    response = http.post(ENDPOINT, params=dataset, content=query.encode(), headers=DIRECT)
    assert boolean(response) is True
    assert graphs(http, **dataset) == {REFERENCE, REPORT}
    count = PREFIXES + "SELECT (COUNT(?s) AS ?n) WHERE { ?s a spp:Statistic }"
    in_news = int(select(http, PREFIXES + f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{NEWS}> {{ ?s a spp:Statistic }} }}")
                  [0]["n"]["value"])
    everywhere = int(select(http, count)[0]["n"]["value"])
    assert 0 < in_news < everywhere
    assert int(select(http, count, **dataset)[0]["n"]["value"]) == in_news    # default graph = NEWS only


def test_query_multiple_dataset(http):
    # The query names its own dataset; the protocol's dataset must be used instead.
    query = PREFIXES + f"""ASK FROM <{NEWS}> FROM NAMED <{NEWS}> {{
  GRAPH ?g1 {{ ?scheme a skos:ConceptScheme }} GRAPH ?g2 {{ ?statistic a spp:Statistic }}
}}"""
    named = {"named-graph-uri": [REFERENCE, REPORT]}
    response = http.post(ENDPOINT, params=named, content=query.encode(), headers=DIRECT)
    assert boolean(response) is True
    from_clause = f"SELECT DISTINCT ?g FROM NAMED <{NEWS}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert {r["g"]["value"] for r in select(http, from_clause)} == {NEWS}             # the query's dataset
    assert {r["g"]["value"] for r in select(http, from_clause, **named)} == {REFERENCE, REPORT}   # overridden


def test_query_get(http):
    assert ask(http, "ASK {}", **{"default-graph-uri": REFERENCE}) is True


def test_query_content_type_select(http):
    response = http.post(ENDPOINT, params={"default-graph-uri": REFERENCE}, content=b"SELECT (1 AS ?value) {}",
                         headers=DIRECT)
    assert response.status_code == 200 and media_type(response) in TABULAR_TYPES
    assert json.loads(response.content)["results"]["bindings"][0]["value"]["value"] == "1"
    for accept in TABULAR_TYPES:
        answer = http.post(ENDPOINT, content=b"SELECT (1 AS ?value) {}", headers={**DIRECT, "Accept": accept})
        assert answer.status_code == 200 and media_type(answer) == accept
        assert "1" in answer.text


def test_query_content_type_ask(http):
    response = http.post(ENDPOINT, params={"default-graph-uri": REFERENCE}, content=b"ASK {}", headers=DIRECT)
    assert boolean(response) is True
    for accept in BOOLEAN_TYPES:
        answer = http.post(ENDPOINT, content=b"ASK {}", headers={**DIRECT, "Accept": accept})
        assert media_type(answer) == accept and boolean(answer) is True


def test_query_content_type_describe(http):
    agency = "https://w3id.org/spp-kg/id/agency/supreme-peoples-procuratorate"
    response = http.post(ENDPOINT, params={"default-graph-uri": REFERENCE}, content=f"DESCRIBE <{agency}>".encode(),
                         headers=DIRECT)
    assert response.status_code == 200 and media_type(response) in RDF_TYPES
    assert agency in response.text or "supreme-peoples-procuratorate" in response.text
    empty = http.post(ENDPOINT, content=b"DESCRIBE <http://example.org/>", headers=DIRECT)
    assert empty.status_code == 200 and media_type(empty) in RDF_TYPES


def test_query_content_type_construct(http):
    import pyoxigraph

    # Relative IRIs, as in the suite: resolved against the service's base IRI.
    response = http.post(ENDPOINT, params={"default-graph-uri": REFERENCE},
                         content=b"CONSTRUCT { <s> <p> 1 } WHERE {}", headers=DIRECT)
    assert response.status_code == 200 and media_type(response) in RDF_TYPES
    triples = list(pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == 1 and triples[0].subject.value.endswith("/s") and triples[0].object.value == "1"


def test_query_post_direct(http):
    assert boolean(http.post(ENDPOINT, content=b"ASK {}", headers=DIRECT)) is True


# -- updates: the endpoint is read-only ------------------------------------------------------------------

DC, FOAF = "http://purl.org/dc/terms/", "http://xmlns.com/foaf/0.1/"


def _update_refused(http, update: str, check: str, **parameters) -> None:
    refused(http.post(ENDPOINT, params=parameters, content=update.encode(), headers=UPDATE))
    refused(http.post(ENDPOINT, params=parameters, data={"update": update}))
    assert ask(http, check) is False           # the suite's follow-up query: the update did not happen


def test_update_dataset_default_graph(http, unchanged):
    update = f"""PREFIX dc: <{DC}> PREFIX foaf: <{FOAF}>
CLEAR ALL ;
INSERT DATA {{ GRAPH <{REPORT}> {{ <{REPORT}> a foaf:Document }} }} ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ ?s a foaf:Document }}"""
    check = f"ASK {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{ <{REPORT}> a <{DC}BibliographicResource> }} }}"
    _update_refused(http, update, check, **{"using-graph-uri": REPORT})
    assert ask(http, PREFIXES + "ASK { ?s a spp:Statistic }") is True      # nothing was cleared


def test_update_dataset_default_graphs(http, unchanged):
    update = f"""PREFIX dc: <{DC}> PREFIX foaf: <{FOAF}>
DROP ALL ;
INSERT DATA {{ GRAPH <{REFERENCE}> {{ <{REFERENCE}> a foaf:Document }} GRAPH <{REPORT}> {{ <{REPORT}> a foaf:Document }} }} ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ ?s a foaf:Document }}"""
    check = "ASK { GRAPH <http://example.org/protocol-update-dataset-graphs-test/> { ?s ?p ?o } }"
    _update_refused(http, update, check, **{"using-graph-uri": [REFERENCE, REPORT]})


def test_update_dataset_named_graphs(http, unchanged):
    update = f"""PREFIX dc: <{DC}> PREFIX foaf: <{FOAF}>
DROP ALL ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ GRAPH ?g {{ ?s a foaf:Document }} }}"""
    check = "ASK { GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> { ?s ?p ?o } }"
    _update_refused(http, update, check, **{"using-named-graph-uri": [REFERENCE, REPORT]})


def test_update_dataset_full(http, unchanged):
    update = f"""PREFIX foaf: <{FOAF}>
DROP ALL ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-full-test/> {{ ?s <http://example.org/in> ?in }} }}
WHERE {{ {{ GRAPH ?g {{ ?s a foaf:Document }} BIND(?g AS ?in) }} UNION {{ ?s a foaf:Document . BIND("default" AS ?in) }} }}"""
    check = "ASK { GRAPH <http://example.org/protocol-update-dataset-full-test/> { ?s ?p ?o } }"
    _update_refused(http, update, check, **{"using-graph-uri": REFERENCE, "using-named-graph-uri": REPORT})


def test_update_post_form(http, unchanged):
    refused(http.post(ENDPOINT, content=b"update=CLEAR+ALL", headers=FORM))
    assert graphs(http) >= {REFERENCE, REPORT, NEWS}


def test_update_post_direct(http, unchanged):
    refused(http.post(ENDPOINT, content=b"CLEAR ALL", headers=UPDATE))
    assert graphs(http) >= {REFERENCE, REPORT, NEWS}


def test_update_base_uri(http, unchanged):
    update = ("CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n"
              "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
              "{ <http://example.org/s> <http://example.org/p> <test> } }")
    refused(http.post(ENDPOINT, content=update.encode(), headers=UPDATE))
    found = rows(http.post(ENDPOINT, content=b"SELECT ?o WHERE { GRAPH <http://example.org/protocol-base-test/> "
                                             b"{ <http://example.org/s> <http://example.org/p> ?o } }",
                           headers={**DIRECT, "Accept": "application/sparql-results+json"}))
    assert found == []
    # What the case checks of the base: a relative IRI is resolved to an absolute IRI other than <test>.
    resolved = rows(http.post(ENDPOINT, content=b"SELECT ?o WHERE { BIND(<test> AS ?o) }",
                              headers={**DIRECT, "Accept": "application/sparql-results+json"}))
    assert resolved[0]["o"]["type"] == "uri"
    assert resolved[0]["o"]["value"] != "test" and resolved[0]["o"]["value"].startswith("https://")


# -- bad requests ---------------------------------------------------------------------------------------

def test_bad_query_method(http):
    for method in ("PUT", "DELETE", "PATCH"):
        refused(http.request(method, ENDPOINT, params={"query": "ASK {}", "default-graph-uri": REFERENCE},
                             headers=FORM))


def test_bad_multiple_queries(http):
    refused(http.get(ENDPOINT, params=[("query", "ASK {}"), ("query", "SELECT * {}")]))
    refused(http.post(ENDPOINT, content=b"query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", headers=FORM))


def test_bad_query_wrong_media_type(http):
    refused(http.post(ENDPOINT, content=b"ASK {}", headers={"Content-Type": "text/plain"}))


def test_bad_query_missing_form_type(http):
    response = http.post(ENDPOINT, content=b"query=ASK%20%7B%7D")
    assert "content-type" not in response.request.headers
    refused(response)


def test_bad_query_missing_direct_type(http):
    response = http.post(ENDPOINT, content=b"ASK {}")
    assert "content-type" not in response.request.headers
    refused(response)


def test_bad_query_non_utf8(http):
    body = "ASK {}".encode("utf-16")            # with its byte order mark, as in the suite
    assert body[:2] in (b"\xff\xfe", b"\xfe\xff")
    refused(http.post(ENDPOINT, content=body, headers={"Content-Type": "application/sparql-query; charset=UTF-16"}))
    refused(http.post(ENDPOINT, content=body, headers=DIRECT))          # undeclared: still not UTF-8


def test_bad_query_syntax(http):
    response = http.get(ENDPOINT, params={"query": "ASK {"})
    refused(response)
    assert "syntax" in response.text.lower()


def test_bad_update_get(http, unchanged):
    refused(http.get(ENDPOINT, params={"update": "CLEAR ALL"}))


def test_bad_multiple_updates(http, unchanged):
    refused(http.post(ENDPOINT, content=b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", headers=FORM))


def test_bad_update_wrong_media_type(http, unchanged):
    refused(http.post(ENDPOINT, content=b"CLEAR NAMED", headers={"Content-Type": "text/plain"}))


def test_bad_update_missing_form_type(http, unchanged):
    refused(http.post(ENDPOINT, content=b"update=CLEAR%20NAMED"))


def test_bad_update_non_utf8(http, unchanged):
    refused(http.post(ENDPOINT, content="CLEAR NAMED".encode("utf-16"),
                      headers={"Content-Type": "application/sparql-update; charset=UTF-16"}))


def test_bad_update_syntax(http, unchanged):
    refused(http.post(ENDPOINT, content=b"update=CLEAR%20XYZ", headers=FORM))


def test_bad_update_dataset_conflict(http, unchanged):
    update = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
              "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
              "WHERE { ?person foaf:givenName 'Bill' }")
    refused(http.post(ENDPOINT, params={"using-named-graph-uri": "http://example/people"}, content=update.encode(),
                      headers=UPDATE))
