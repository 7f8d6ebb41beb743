"""`spp-kg load` into real SPARQL stores and `spp-kg serve --store` over them: an Oxigraph server
(PyPI `oxigraph`, loaded through SPARQL Update, serving its own union default graph) and Virtuoso
Open Source (Debian's `virtuoso-opensource`, loaded through its authenticated Graph Store endpoint
with Digest auth, queried with the build's graphs as the protocol dataset), both on loopback. Each
store gets a full load, an interrupted load resumed to completion, and the same end-to-end checks
as the embedded store, whose answers are the reference."""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import httpx
import pyoxigraph
import pytest
from conftest_service import SERVER_MAX_ROWS, SERVER_TIMEOUT, free_port, oxigraph_program, start_server, stop_server
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from graph_builder.config import resource_dir
from graph_builder.load import count_statements, progress_path, read_graphs
from graph_builder.query import load_example_queries
from graph_builder.store_client import StoreClient

VIRTUOSO = shutil.which("virtuoso-t")
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"



def _wait_for(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _oxigraph(root: Path):
    program = oxigraph_program()
    port = free_port()
    process = subprocess.Popen([program, "serve", "--location", str(root / "oxigraph"), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph", "--timeout-s", "10"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait_for(f"{base}/query", process, 20)
    return process, {"endpoint": f"{base}/query",
                     "load": ["--endpoint", f"{base}/query", "--update-endpoint", f"{base}/update"],
                     "serve": ["--store", f"{base}/query", "--store-union-default-graph"]}


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {root}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 10
MaxQueryCostEstimationTime = 0
"""


def _virtuoso(root: Path):
    assert VIRTUOSO is not None, "Virtuoso is not installed: apt-get install virtuoso-opensource (see .ci/run)"
    directory = root / "virtuoso"
    directory.mkdir()
    http_port = free_port()
    (directory / "virtuoso.ini").write_text(VIRTUOSO_INI.format(root=directory, sql_port=free_port(),
                                                                http_port=http_port), encoding="utf-8")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
                               cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    _wait_for(f"{base}/sparql", process, 60)
    # Writes go through the Graph Store endpoint that asks for Digest auth (the dba account of a fresh
    # database); /sparql stays read-only for the SPARQL user.
    return process, {"endpoint": f"{base}/sparql",
                     "load": ["--endpoint", f"{base}/sparql", "--graph-store", f"{base}/sparql-graph-crud-auth",
                              "--user", "dba", "--password", "dba"],
                     "serve": ["--store", f"{base}/sparql"]}


def _load(built_dist: Path, store: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spp_kg", "load", "--dist", str(built_dist),
                           *store["load"], *extra], capture_output=True, text=True, timeout=300)


def _store_counts(store: dict, graphs: list[str]) -> dict[str, int]:
    client = StoreClient(retries=0)
    try:
        return count_statements(client, store["endpoint"], graphs)
    finally:
        client.close()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request, built_dist, tmp_path_factory):
    """A store loaded by `spp-kg load` (full, then interrupted and resumed) and `spp-kg serve --store` over it."""
    root = tmp_path_factory.mktemp(request.param)
    process, store = (_oxigraph if request.param == "oxigraph" else _virtuoso)(root)
    server = None
    try:
        expected = {g: len(t) for g, t in read_graphs(built_dist)[1].items()}
        first = _load(built_dist, store)
        assert first.returncode == 0, first.stderr
        store["first_counts"] = _store_counts(store, sorted(expected))
        # An interrupted load: tiny batches, killed once some are done, then resumed.
        progress = progress_path(built_dist, store["load"][store["load"].index("--graph-store") + 1]
                                 if "--graph-store" in store["load"] else store["load"][3])
        progress.unlink()     # so that what is read below is this load's progress (--restart drops the graphs)
        loader = subprocess.Popen([sys.executable, "-m", "spp_kg", "load", "--dist", str(built_dist),
                                   *store["load"], "--restart", "--batch-size", "40"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        done = 0
        while time.monotonic() < deadline and loader.poll() is None:
            try:
                done = sum(json.loads(progress.read_text())["graphs"].values())
            except (OSError, ValueError, KeyError):
                done = 0
            if done >= 1000:
                break
            time.sleep(0.01)
        loader.send_signal(signal.SIGKILL)
        loader.communicate(timeout=10)
        store["killed_at"] = done
        store["partial_counts"] = _store_counts(store, sorted(expected))
        resumed = _load(built_dist, store, "--batch-size", "500")
        assert resumed.returncode == 0, resumed.stderr
        store["resume_stderr"] = resumed.stderr
        store["counts"] = _store_counts(store, sorted(expected))
        store["expected"] = expected
        server, url = start_server(built_dist, *store["serve"], "--timeout", str(SERVER_TIMEOUT),
                                   "--max-rows", str(SERVER_MAX_ROWS))
        store["url"] = url
        store["name"] = request.param
        yield store
    finally:
        if server is not None:
            stop_server(server)
        stop_server(process)


# -- loading ---------------------------------------------------------------------------------------

def test_load_puts_every_named_graph_with_its_statement_count(remote):
    assert remote["first_counts"] == remote["expected"]


def test_an_interrupted_load_resumes_where_it_stopped_and_ends_with_the_same_counts(remote):
    total = sum(remote["expected"].values())
    assert 0 < remote["killed_at"] < total
    assert sum(remote["partial_counts"].values()) < total
    assert "resuming:" in remote["resume_stderr"]
    assert remote["counts"] == remote["expected"]


def test_load_names_an_unreachable_endpoint_and_exits_2(built_dist):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = subprocess.run([sys.executable, "-m", "spp_kg", "load", "--dist", str(built_dist),
                             "--endpoint", url], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert url in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -- serving: the same answers as the embedded store ----------------------------------------------

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("integer", "decimal", "double", "float", "int", "long",
                                                              "nonNegativeInteger", "positiveInteger")}


def _value(term: dict | None):
    """A term of SPARQL JSON results compared by value (stores normalise lexical forms differently)."""
    if term is None:
        return None
    if term.get("datatype") == XSD_BOOLEAN:       # Virtuoso writes xsd:boolean as 0 and 1
        return ("boolean", term["value"] in ("true", "1"))
    if term.get("datatype") in _NUMERIC:
        try:
            return ("number", Decimal(term["value"]).normalize())
        except InvalidOperation:
            pass
    return (term["type"].replace("typed-literal", "literal"), term["value"], term.get("xml:lang"))


def _rows(body: bytes) -> list[tuple]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return sorted((tuple(_value(row.get(n)) for n in names) for row in data["results"]["bindings"]), key=repr)


def _select(url: str, query: str) -> bytes:
    response = httpx.post(f"{url}/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"},
                          timeout=30)
    assert response.status_code == 200, response.text
    return response.content


EXAMPLES = [q for q in load_example_queries(resource_dir("queries")) if "SERVICE" not in q.sparql]


@pytest.mark.parametrize("example", EXAMPLES, ids=[q.name for q in EXAMPLES])
def test_example_queries_give_the_embedded_stores_answers(remote, service_url, example):
    expected = _rows(_select(service_url, example.sparql))
    assert expected, "the example should find something"
    assert _rows(_select(remote["url"], example.sparql)) == expected


def _wrapper(url: str, query: str, fmt: str):
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query().convert()


# DISTINCT: a concept created from the words of two documents is labelled in both their graphs, and a
# store whose default graph is the union of the named graphs as a multiset answers such a label twice
LABELS = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?c ?label WHERE { ?c skos:prefLabel ?label } "
          "ORDER BY ?c ?label")


def test_select_in_json_xml_csv_and_tsv_through_sparqlwrapper(remote, service_url):
    expected = _wrapper(service_url, LABELS, JSON)
    got = _wrapper(remote["url"], LABELS, JSON)
    assert _rows(json.dumps(got).encode()) == _rows(json.dumps(expected).encode())
    xml = _wrapper(remote["url"], LABELS, XML)
    assert len(xml.getElementsByTagName("result")) == len(expected["results"]["bindings"])
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        text = _wrapper(remote["url"], LABELS, fmt).decode()
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert len(rows) == len(expected["results"]["bindings"]) + 1


def test_ask_construct_and_describe(remote, service_url):
    ask = "ASK { ?s a <https://w3id.org/spp-kg/ontology#Statistic> }"
    assert _wrapper(remote["url"], ask, JSON)["boolean"] is True
    construct = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
                 "?s a <https://w3id.org/spp-kg/ontology#Agency> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    describe = "DESCRIBE <https://w3id.org/spp-kg/id/agency/supreme-peoples-procuratorate>"
    for query in (construct, describe):
        graphs = []
        for url in (remote["url"], service_url):
            response = httpx.post(f"{url}/sparql", data={"query": query}, headers={"Accept": "text/turtle"}, timeout=30)
            assert response.status_code == 200, response.text
            graphs.append({(str(t.subject), str(t.predicate), str(t.object))
                           for t in pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.TURTLE)})
        assert graphs[0] and graphs[0] == graphs[1] or (query == describe and graphs[0] >= graphs[1])


def _triples(body: bytes) -> set[tuple]:
    out = set()
    for t in pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE):
        o = t.object
        if isinstance(o, pyoxigraph.Literal) and o.datatype.value in _NUMERIC:
            o = ("number", Decimal(o.value).normalize())
        else:
            o = str(o)
        out.add((str(t.subject), str(t.predicate), o))
    return out


SAMPLE = ["agency/supreme-peoples-procuratorate", "crime-type/cybercrime", "measure/people-prosecuted"]


@pytest.mark.parametrize("path", SAMPLE)
def test_linked_data_pages_as_html_and_turtle(remote, service_url, path):
    got = httpx.get(f"{remote['url']}/id/{path}", headers={"Accept": "text/turtle"}, timeout=30)
    expected = httpx.get(f"{service_url}/id/{path}", headers={"Accept": "text/turtle"}, timeout=30)
    assert got.status_code == expected.status_code == 200
    assert _triples(got.content) == _triples(expected.content)
    page = httpx.get(f"{remote['url']}/id/{path}", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert httpx.get(f"{remote['url']}/id/agency/no-such-agency", timeout=30).status_code == 404


def test_statistics_chart_and_dumps(remote, service_url, built_dist):
    got = httpx.get(f"{remote['url']}/statistics.json", timeout=30)
    expected = httpx.get(f"{service_url}/statistics.json", timeout=30)
    assert got.status_code == 200 and got.json() == expected.json()
    measure = httpx.get(f"{remote['url']}/statistics", timeout=30)
    assert measure.status_code == 200
    chart = httpx.get(f"{remote['url']}/statistics/people-prosecuted", timeout=30)
    assert chart.status_code == 200 and "<svg" in chart.text
    dump = httpx.get(f"{remote['url']}/dumps/graph.ttl", timeout=30)
    assert dump.status_code == 200 and dump.content == (built_dist / "graph.ttl").read_bytes()


def test_updates_are_refused_before_reaching_the_store(remote):
    response = httpx.post(f"{remote['url']}/sparql", data={"update": "DROP ALL"}, timeout=30)
    assert response.status_code == 403
    response = httpx.post(f"{remote['url']}/sparql", data={"query": "CLEAR ALL"}, timeout=30)
    assert response.status_code == 403
    assert _store_counts(remote, sorted(remote["expected"])) == remote["expected"]


def test_a_runaway_query_gets_503_within_the_time_limit(remote):
    started = time.monotonic()
    response = httpx.post(f"{remote['url']}/sparql", data={"query": CROSS_PRODUCT}, timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text
    assert elapsed < SERVER_TIMEOUT + 2
    assert httpx.get(f"{remote['url']}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200
