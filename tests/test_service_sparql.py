"""The SPARQL 1.1 Protocol of a running ``spp-kg serve``: real answers through SPARQLWrapper, and the
protocol's details (errors, negotiation, datasets, limits, read-only safety) through httpx."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
import xml.dom.minidom

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

SPP = "https://w3id.org/spp-kg/ontology#"
BASE = "https://w3id.org/spp-kg/"
SPP_IRI = BASE + "id/agency/supreme-peoples-procuratorate"
COUNT_STATISTICS = f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{SPP}Statistic> }}"
ASK_SPP_LABEL = (f"ASK {{ <{SPP_IRI}> <http://www.w3.org/2000/01/rdf-schema#label> "
                 "\"Supreme People's Procuratorate\"@en }")
CONSTRUCT_SPP = f"CONSTRUCT {{ <{SPP_IRI}> ?p ?o }} WHERE {{ <{SPP_IRI}> ?p ?o }}"


def wrapper(service_url: str, query: str, return_format: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{service_url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(return_format)
    return client


# --- real answers through SPARQLWrapper -------------------------------------------------------------

def test_select_count_of_statistics_as_sparql_json(service_url):
    result = wrapper(service_url, COUNT_STATISTICS, JSON).queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) >= 180


def test_select_as_sparql_xml(service_url):
    document = wrapper(service_url, COUNT_STATISTICS, XML).queryAndConvert()
    assert isinstance(document, xml.dom.minidom.Document)
    assert int(document.getElementsByTagName("literal")[0].firstChild.data) >= 180


@pytest.mark.parametrize("return_format, delimiter", [(CSV, ","), (TSV, "\t")])
def test_select_as_csv_and_tsv(service_url, return_format, delimiter):
    body = wrapper(service_url, COUNT_STATISTICS, return_format).queryAndConvert()
    rows = list(csv.reader(io.StringIO(body.decode()), delimiter=delimiter))
    assert rows[0][0].lstrip("?") == "n"
    assert int(rows[1][0].split("^^")[0].strip('"')) >= 180


def test_select_by_post_form(service_url):
    client = wrapper(service_url, COUNT_STATISTICS, JSON)
    client.setMethod(POST)
    assert int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) >= 180


def test_ask_for_the_label_of_the_spp_is_true(service_url):
    assert wrapper(service_url, ASK_SPP_LABEL, JSON).queryAndConvert()["boolean"] is True
    assert wrapper(service_url, ASK_SPP_LABEL.replace("Supreme", "Lowest"), JSON).queryAndConvert()["boolean"] is False


@pytest.mark.parametrize("return_format", [TURTLE, N3, JSONLD, RDFXML])
def test_construct_in_every_rdf_format(service_url, return_format):
    graph = wrapper(service_url, CONSTRUCT_SPP, return_format).queryAndConvert()
    if not isinstance(graph, rdflib.Graph):   # Turtle, N3 and JSON-LD arrive as bytes
        syntax = {TURTLE: "turtle", N3: "n3", JSONLD: "json-ld"}[return_format]
        graph = rdflib.Graph().parse(data=graph, format=syntax)
    label = rdflib.Literal("Supreme People's Procuratorate", lang="en")
    assert (rdflib.URIRef(SPP_IRI), rdflib.RDFS.label, label) in graph


def test_describe_returns_the_resource(service_url):
    graph = wrapper(service_url, f"DESCRIBE <{SPP_IRI}>", RDFXML).queryAndConvert()
    assert (rdflib.URIRef(SPP_IRI), rdflib.RDF.type, rdflib.URIRef(SPP + "Agency")) in graph


def test_construct_as_n_triples_by_accept(http):
    response = http.get("/sparql", params={"query": CONSTRUCT_SPP}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    graph = rdflib.Graph().parse(data=response.text, format="nt")
    assert len(graph) > 3


# --- protocol details through httpx -----------------------------------------------------------------

def test_post_application_sparql_query(http):
    response = http.post("/sparql", content=ASK_SPP_LABEL.encode(),
                         headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.parametrize("accept, media_type", [
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+xml;q=0.2, text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
])
def test_content_negotiation_with_q_values(http, accept, media_type):
    response = http.get("/sparql", params={"query": COUNT_STATISTICS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type


@pytest.mark.parametrize("name, media_type", [("json", "application/sparql-results+json"), ("csv", "text/csv"),
                                              ("tsv", "text/tab-separated-values"),
                                              ("xml", "application/sparql-results+xml")])
def test_format_parameter_overrides_accept(http, name, media_type):
    response = http.get("/sparql", params={"query": COUNT_STATISTICS, "format": name}, headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].split(";")[0] == media_type


def test_not_acceptable(http):
    assert http.get("/sparql", params={"query": COUNT_STATISTICS}, headers={"Accept": "image/png"}).status_code == 406
    assert http.get("/sparql", params={"query": CONSTRUCT_SPP, "format": "csv"}).status_code == 406


@pytest.mark.parametrize("request_kwargs, status", [
    ({"method": "GET", "params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
    ({"method": "POST", "params": {"query": "ASK {}"}, "content": b"ASK {}",
      "headers": {"Content-Type": "application/sparql-query"}}, 400),
    ({"method": "POST", "params": {"query": "ASK {}"}, "data": {"query": "ASK {}"}}, 400),
    ({"method": "POST", "content": b"ASK { ?s ?p \"\xff\xfe\" }", "headers": {"Content-Type": "application/sparql-query"}}, 400),
    ({"method": "POST", "content": b"query=ASK%20%7B%7D%FF", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 400),
    ({"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ({"method": "POST", "content": b"ASK {}"}, 415),
    ({"method": "PUT", "content": b"ASK {}"}, 405),
    ({"method": "DELETE"}, 405),
    ({"method": "PATCH", "content": b"ASK {}"}, 405),
    ({"method": "GET", "params": {"query": "ASK {}", "format": "yaml"}}, 400),
    ({"method": "POST", "content": ("ASK { ?s ?p '" + "x" * 120_000 + "' }").encode(),
      "headers": {"Content-Type": "application/sparql-query"}}, 413),
    ({"method": "POST", "data": {"query": "ASK { ?s ?p '" + "x" * 120_000 + "' }"}}, 413),
])
def test_protocol_errors_have_their_status_and_a_one_line_message(http, request_kwargs, status):
    kwargs = dict(request_kwargs)
    response = http.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() and "\n" not in response.text.strip()


def test_syntax_error_message_is_readable(http):
    response = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400 and "syntax" in response.text.lower()


UPDATE = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "params": {"update": UPDATE}},
    {"method": "GET", "params": {"query": UPDATE}},
    {"method": "GET", "params": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}},
    {"method": "GET", "params": {"query": "PREFIX ex: <http://example.org/> # comment\nDELETE WHERE { ?s ?p ?o }"}},
    {"method": "POST", "data": {"update": UPDATE}},
    {"method": "POST", "data": {"query": UPDATE}},
    {"method": "POST", "content": UPDATE.encode(), "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "POST", "content": UPDATE.encode(), "headers": {"Content-Type": "application/sparql-query"}},
    {"method": "POST", "content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-query"}},
])
def test_updates_are_refused_on_every_route(http, request_kwargs):
    kwargs = dict(request_kwargs)
    response = http.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert 400 <= response.status_code < 500
    if response.status_code == 403:
        assert "read-only" in response.text
    # nothing was written
    ask = http.get("/sparql", params={"query": "ASK { <http://example.org/a> ?p ?o }"})
    assert ask.json()["boolean"] is False
    count = http.get("/sparql", params={"query": COUNT_STATISTICS})
    assert int(count.json()["results"]["bindings"][0]["n"]["value"]) >= 180


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "PREFIX r: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE SILENT r:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
])
def test_service_clauses_are_refused(http, query):
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text


def test_from_never_fetches_from_the_network(http):
    """FROM / FROM NAMED name graphs of the store; nothing is downloaded from the address."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections = []

    def accept() -> None:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            try:
                connections.append(listener.accept())
            except OSError:
                pass
    watcher = threading.Thread(target=accept)
    watcher.start()
    try:
        query = (f"SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:{port}/data.ttl> "
                 f"FROM NAMED <http://127.0.0.1:{port}/named.ttl> WHERE {{ ?s ?p ?o }}")
        response = http.get("/sparql", params={"query": query})
        assert response.status_code == 200
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "0"
    finally:
        watcher.join()
        listener.close()
    assert connections == []


def test_from_clause_restricts_the_default_graph(http):
    reference = BASE + "graph/reference"
    all_count = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    from_count = http.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{reference}> WHERE {{ ?s ?p ?o }}"}).json()
    total = int(all_count["results"]["bindings"][0]["n"]["value"])
    restricted = int(from_count["results"]["bindings"][0]["n"]["value"])
    assert 0 < restricted < total


def test_default_and_named_graph_parameters_restrict_the_dataset(http):
    reference = BASE + "graph/reference"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = int(http.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"])
    only_reference = http.get("/sparql", params={"query": count, "default-graph-uri": reference}).json()
    assert 0 < int(only_reference["results"]["bindings"][0]["n"]["value"]) < union
    graphs = http.get("/sparql", params=[("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
                                         ("named-graph-uri", reference)]).json()
    assert [b["g"]["value"] for b in graphs["results"]["bindings"]] == [reference]
    nothing = http.get("/sparql", params=[("query", count), ("named-graph-uri", reference)]).json()
    assert nothing["results"]["bindings"][0]["n"]["value"] == "0"


def test_row_cap_sets_the_truncation_header_only(http):
    response = http.get("/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["x-spp-truncated"] == "true"
    data = response.json()
    assert set(data) == {"head", "results"} and len(data["results"]["bindings"]) == 5000
    small = http.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10"})
    assert "x-spp-truncated" not in small.headers and len(small.json()["results"]["bindings"]) == 10


def test_cors_allows_any_origin_without_credentials(http):
    response = http.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = http.options("/sparql", headers={"Origin": "https://example.org",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 204 and "POST" in preflight.headers["access-control-allow-methods"]


def test_service_description_without_a_query(http, service_url):
    response = http.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(f"{service_url}/sparql")
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert len(list(graph.objects(service, sd.resultFormat))) >= 8
    names = {str(n) for n in graph.objects(None, sd.name)}
    assert BASE + "graph/reference" in names and len(names) >= 2


def test_browser_gets_a_query_form_and_an_html_table(http):
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    form = http.get("/sparql", headers=browser)
    assert form.status_code == 200 and "<textarea" in form.text and 'action="/sparql"' in form.text
    answer = http.get("/sparql", params={"query": COUNT_STATISTICS}, headers=browser)
    assert answer.headers["content-type"].startswith("text/html")
    assert "<table>" in answer.text and "format=csv" in answer.text and "format=json" in answer.text
    explicit = http.get("/sparql", params={"query": CONSTRUCT_SPP, "format": "html"})
    assert explicit.headers["content-type"].startswith("text/html") and "Supreme People" in explicit.text


def test_an_html_table_names_a_column_datatype_once_and_writes_numbers_readably(http):
    query = ('SELECT ?n ?mixed ?label WHERE { VALUES (?n ?mixed ?label) { (1688000 4 "a"@en) (2971 "x" "b"@zh) '
             '(-12000 2.5 "c"@en) } } ORDER BY DESC(?n)')
    page = http.get("/sparql", params={"query": query, "format": "html"}).text
    head = page[page.index("<thead>"): page.index("</thead>")]
    assert '<th>n <span class="lang">xsd:integer</span></th>' in head and "<th>mixed</th>" in head
    body = page[page.index("<tbody>"): page.index("</tbody>")]
    assert '<td class="num" title="1688000">1,688,000</td>' in body and '<td class="num" title="-12000">-12,000</td>' in body
    assert body.count("xsd:integer") == 1            # only the mixed column marks its cells, and only the number
    assert body.count("@en") == 2 and body.count("@zh") == 1


_RANGE = " ".join(str(i) for i in range(300))
RUNAWAYS = {
    "select": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    # pyoxigraph evaluates an ASK as soon as it parses it: this one must never reach the engine outside a worker
    "ask-values": f"ASK {{ VALUES ?a {{{_RANGE}}} VALUES ?b {{{_RANGE}}} VALUES ?c {{{_RANGE}}} "
                  f"VALUES ?d {{{_RANGE}}} FILTER(?a + ?b + ?c + ?d < 0) }}",
    "ask-join": "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l FILTER(CONCAT(STR(?a), STR(?l)) = \"\") }",
    "construct": "CONSTRUCT { ?a <urn:p> ?l } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
                 "FILTER(CONCAT(STR(?a), STR(?l)) = \"\") }",
    "describe": "DESCRIBE ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
                "FILTER(CONCAT(STR(?a), STR(?l)) = \"\") }",
}


@pytest.mark.parametrize("form", sorted(RUNAWAYS))
def test_a_runaway_query_is_stopped_while_other_queries_are_answered(service_url, form):
    runaway = RUNAWAYS[form]
    outcome: dict = {}

    def run() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.get(f"{service_url}/sparql", params={"query": runaway}, timeout=30)
        outcome["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    quick = httpx.get(f"{service_url}/sparql", params={"query": ASK_SPP_LABEL}, timeout=10)
    quick_seconds = time.monotonic() - started
    thread.join()
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert quick_seconds < 1.0
    assert outcome["response"].status_code == 503
    assert "limit" in outcome["response"].text
    assert outcome["seconds"] < 3 + 2
    # the killed worker was replaced: queries keep working
    time.sleep(0.5)
    for _ in range(4):
        assert httpx.get(f"{service_url}/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200


def test_example_queries_run_as_json(http):
    from graph_builder import querytext
    from graph_builder.config import resource_dir
    from graph_builder.query import load_example_queries

    for example in load_example_queries(resource_dir("queries")):
        if querytext.service_endpoints(example.sparql):
            continue      # federated examples: tests/test_federation.py, against a local endpoint
        response = http.get("/sparql", params={"query": example.sparql}, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, (example.name, response.text)
        json.loads(response.text)
