"""SERVICE federation: only allow-listed endpoints are called, through a gateway with a time limit that
never follows a redirect. Every endpoint here is on loopback: a real Oxigraph server loaded with a small
Wikidata-shaped fixture (test values only), plus tiny HTTP servers that redirect or stall, and bare
listening sockets that prove nothing connected to them."""

from __future__ import annotations

import http.server
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from conftest import run_cli
from conftest_service import free_port, oxigraph_program, start_server, stop_server, wait_for_port

from graph_builder import querytext
from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries
from service import federation
from service.settings import ServiceSettings

WIKIDATA = "https://query.wikidata.org/sparql"
SERVICE_TIMEOUT = 2
SLOW_SECONDS = 8

# Real Wikidata item IRIs (the ones our agencies are linked to) with obviously fake test values.
FIXTURE = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
wd:Q2682024 wdt:P571 "1900-01-01"^^xsd:date ; rdfs:label "Fixture SPP"@zh, "Fixture SPP (en)"@en .
wd:Q691994 rdfs:label "Fixture SPC"@zh .
"""




class Trap:
    """A listening loopback socket nobody should connect to."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def connected(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return False
        conn.close()
        return True


@contextmanager
def _http_server(handler: type[http.server.BaseHTTPRequestHandler]):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _handler(answer):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the base class's naming
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.server.hits.append(self.path)
            answer(self)

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args):
            pass
    return Handler


@pytest.fixture(scope="module")
def fixture_endpoint(tmp_path_factory):
    root = tmp_path_factory.mktemp("wikidata-fixture")
    (root / "fixture.ttl").write_text(FIXTURE, encoding="utf-8")
    subprocess.run([oxigraph_program(), "load", "--location", str(root / "store"), "--file", str(root / "fixture.ttl")],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    process = subprocess.Popen([oxigraph_program(), "serve-read-only", "--location", str(root / "store"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}/query"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def trap():
    """The non-listed port the redirecting endpoint points to."""
    listener = Trap()
    yield listener
    listener.sock.close()


@pytest.fixture(scope="module")
def redirecting(trap):
    def answer(handler):
        handler.send_response(302)
        handler.send_header("Location", f"http://127.0.0.1:{trap.port}/query")
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    with _http_server(_handler(answer)) as server:
        yield server


@pytest.fixture(scope="module")
def stalling():
    def answer(handler):
        time.sleep(SLOW_SECONDS)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/sparql-results+json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:
            pass
    with _http_server(_handler(answer)) as server:
        yield server


# answers of a listed endpoint that are no SPARQL results: (path, Content-Type, body, words of the reason)
NOT_RESULTS = [
    ("html", "text/html; charset=utf-8", b"<html><body>Service unavailable</body></html>", ("text/html", "not SPARQL results")),
    ("plain", "text/plain", b"hello", ("text/plain", "not SPARQL results")),
    ("csv", "text/csv", b"x\r\n1\r\n", ("text/csv", "not SPARQL results")),
    ("broken-json", "application/sparql-results+json", b"{not json", ("not valid SPARQL results",)),
    ("other-json", "application/json", b'{"a": 1}', ("not valid SPARQL results",)),
    ("broken-xml", "application/sparql-results+xml", b"<x>", ("not valid SPARQL results",)),
    ("no-content-type", "", b"<html></html>", ("not valid SPARQL results",)),
]


@pytest.fixture(scope="module")
def not_sparql():
    """An endpoint that answers 200 with something other than SPARQL results, by path."""
    answers = {path: (content_type, body) for path, content_type, body, _ in NOT_RESULTS}

    def answer(handler):
        content_type, body = answers[handler.path.split("?")[0].strip("/")]
        handler.send_response(200)
        if content_type:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    with _http_server(_handler(answer)) as server:
        yield server


@pytest.fixture(scope="module")
def named_trap():
    """A port listed under the name ``localhost``: a name resolving to loopback must not be called."""
    listener = Trap()
    yield listener
    listener.sock.close()


@pytest.fixture(scope="module")
def server(built_dist, fixture_endpoint, redirecting, stalling, named_trap, not_sparql):
    port = lambda s: s.server_address[1]  # noqa: E731
    odd = [option for path, *_ in NOT_RESULTS
           for option in ("--allow-service", f"http://127.0.0.1:{port(not_sparql)}/{path}")]
    process, url = start_server(
        built_dist, "--workers", "2", "--timeout", "10", "--service-timeout", str(SERVICE_TIMEOUT),
        "--allow-service", WIKIDATA, "--allow-service", fixture_endpoint,
        "--allow-service", f"http://127.0.0.1:{port(redirecting)}/sparql",
        "--allow-service", f"http://127.0.0.1:{port(stalling)}/sparql",
        "--allow-service", f"http://localhost:{named_trap.port}/query", *odd)
    yield url
    stop_server(process)


def sparql(url: str, query: str, timeout: float = 30) -> httpx.Response:
    return httpx.post(f"{url}/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"},
                      timeout=timeout)


def _one_line_error(response: httpx.Response, status: int, *words: str) -> str:
    assert response.status_code == status, response.text
    text = response.text.strip()
    assert len(text.splitlines()) == 1, text
    for word in words:
        assert word in text, text
    return text


# ---- the allow-list ------------------------------------------------------------------------------

def test_wikidata_is_the_only_default_endpoint_and_none_empties_the_list():
    assert ServiceSettings(dist=Path("dist")).service_allow_list == (WIKIDATA,)
    assert federation.allow_list([]) == (WIKIDATA,)
    assert federation.allow_list(["http://127.0.0.1:7878/query"]) == (WIKIDATA, "http://127.0.0.1:7878/query")
    assert federation.allow_list(["none"]) == ()
    assert federation.allow_list(["none", "http://127.0.0.1:7878/query"]) == ("http://127.0.0.1:7878/query",)
    assert federation.allow_list(["http://127.0.0.1:7878/query"], defaults=False) == ("http://127.0.0.1:7878/query",)


def test_remote_time_limit_stays_below_the_query_limit():
    assert federation.remote_timeout(10, 30) == 10
    assert federation.remote_timeout(10, 3) < 3
    assert federation.remote_timeout(10, 1) < 1


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:4700::1111", True), ("127.0.0.1", False), ("::1", False),
    ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.1.1", False), ("fc00::1", False),
    ("169.254.169.254", False), ("fe80::1", False), ("0.0.0.0", False), ("::ffff:10.0.0.1", False),
    ("64:ff9b::a00:1", False), ("224.0.0.1", False)])
def test_names_may_only_resolve_to_public_addresses(address, public):
    import ipaddress
    assert federation.is_public(ipaddress.ip_address(address)) is public


def test_an_endpoint_that_is_not_http_is_a_usage_error(tmp_path):
    result = run_cli("serve", "--dist", str(tmp_path), "--allow-service", "file:///etc/passwd", timeout=60)
    assert result.returncode == 2 and "not an http(s) endpoint" in result.stderr


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE<http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICESILENT<http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?x.SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p <http://a/\\u0078#> . SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://a/> SELECT * WHERE { ?s ex:a\\# SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://a/> SELECT * WHERE { ?s ex:a\\' SERVICE <http://10.0.0.1/sparql> { } ?s ex:b\\' ?o }",
])
def test_service_clauses_the_engine_accepts_are_all_found(query):
    assert querytext.service_endpoints(query) == ["http://10.0.0.1/sparql"]


def test_words_that_only_contain_service_are_not_clauses():
    query = ('PREFIX ex: <http://a/> SELECT ?service WHERE { ?service ex:service <http://a/service/1> '
             'FILTER(?service != "SERVICE <http://10.0.0.1/>") } # SERVICE <http://10.0.0.1/>')
    assert querytext.service_endpoints(query) == []


# ---- calls through a real server -----------------------------------------------------------------

def test_federated_example_joins_our_agencies_with_remote_facts(server, fixture_endpoint):
    example = {q.name: q for q in load_example_queries(resource_dir("queries"))}["11-federated-wikidata"]
    assert querytext.service_endpoints(example.sparql) == [WIKIDATA]
    response = sparql(server, example.sparql.replace(f"<{WIKIDATA}>", f"<{fixture_endpoint}>"))
    assert response.status_code == 200, response.text
    rows = {b["agency"]["value"].rsplit("/", 1)[1]: b for b in response.json()["results"]["bindings"]}
    spp = rows["supreme-peoples-procuratorate"]
    assert spp["label"]["value"] == "Supreme People's Procuratorate"
    assert spp["wikidata"]["value"] == "http://www.wikidata.org/entity/Q2682024"
    assert Decimal(spp["statistics"]["value"]) > 100
    assert spp["inception"]["value"] == "1900-01-01"
    assert spp["labelZh"] == {"type": "literal", "value": "Fixture SPP", "xml:lang": "zh"}
    court = rows["supreme-peoples-court"]
    assert court["labelZh"]["value"] == "Fixture SPC" and "inception" not in court


def test_unlisted_loopback_port_is_refused_and_never_contacted(server):
    unlisted = Trap()
    try:
        for query in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{unlisted.port}/query> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ SERVICE<http://127.0.0.1:{unlisted.port}/query>{{ ?s ?p ?o }} }}",
                      f"ASK {{ ?s ?p 1SERVICE SILENT <http://127.0.0.1:{unlisted.port}/query> {{ ?s ?p ?o }} }}",
                      f"PREFIX u: <http://127.0.0.1:{unlisted.port}/> ASK {{ SERVICE u:query {{ ?s ?p ?o }} }}"):
            _one_line_error(sparql(server, query), 400, "is not allowed", "allow-list")
        time.sleep(0.3)
        assert not unlisted.connected()
    finally:
        unlisted.sock.close()


@pytest.mark.parametrize("endpoint", ["http://10.0.0.1/sparql", "http://169.254.169.254/latest/meta-data/",
                                      "http://[::1]:7878/query", "http://localhost:7878/query",
                                      "http://192.168.1.1/sparql", "http://[fe80::1]/sparql"])
def test_private_link_local_and_loopback_endpoints_are_refused_before_running(server, endpoint):
    started = time.monotonic()
    response = sparql(server, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}", timeout=5)
    _one_line_error(response, 400, f"SERVICE <{endpoint}> is not allowed")
    assert time.monotonic() - started < 1.0


def test_variable_endpoint_is_refused(server, fixture_endpoint):
    query = f"SELECT * WHERE {{ BIND(<{fixture_endpoint}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"
    _one_line_error(sparql(server, query), 400, "SERVICE ?e is not allowed", "not a variable")


def test_listed_name_that_resolves_to_loopback_is_not_called(server, named_trap):
    endpoint = f"http://localhost:{named_trap.port}/query"
    response = sparql(server, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
    _one_line_error(response, 400, "localhost resolves to the non-public address")
    time.sleep(0.3)
    assert not named_trap.connected()


def test_redirect_from_a_listed_endpoint_is_not_followed(server, redirecting, trap):
    endpoint = f"http://127.0.0.1:{redirecting.server_address[1]}/sparql"
    response = sparql(server, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
    text = _one_line_error(response, 502, "redirect", f"127.0.0.1:{trap.port}", "not followed")
    assert "/sparql" in text and redirecting.hits == ["/sparql"]
    time.sleep(0.3)
    assert not trap.connected()


def test_stalling_endpoint_times_out_while_the_server_keeps_answering(server, stalling):
    endpoint = f"http://127.0.0.1:{stalling.server_address[1]}/sparql"
    outcome = {}

    def slow_query():
        started = time.monotonic()
        outcome["response"] = sparql(server, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow_query)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    quick = sparql(server, "ASK { ?s ?p ?o }", timeout=10)
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert time.monotonic() - started < 1.0
    thread.join(30)
    _one_line_error(outcome["response"], 504, "did not answer within", f"{SERVICE_TIMEOUT} s")
    assert outcome["seconds"] < SERVICE_TIMEOUT + 2
    assert stalling.hits == ["/sparql"]
    assert sparql(server, "ASK { ?s ?p ?o }", timeout=10).status_code == 200


@pytest.mark.parametrize("path, words", [(path, words) for path, _, _, words in NOT_RESULTS])
def test_an_answer_that_is_not_sparql_results_is_a_bad_gateway_naming_the_endpoint(server, not_sparql, path, words):
    endpoint = f"http://127.0.0.1:{not_sparql.server_address[1]}/{path}"
    response = sparql(server, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
    _one_line_error(response, 502, f"SERVICE endpoint {endpoint} answered", *words)
    assert sparql(server, "ASK { ?s ?p ?o }", timeout=10).status_code == 200
