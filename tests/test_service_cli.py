"""``spp-kg serve`` from the command line: bad options exit 2, an empty --dist is built first; ``spp-kg
query`` ends with one line of error and exit 2 when a SERVICE endpoint is out of reach or its reader
goes away."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from conftest import run_cli
from conftest_service import start_server, stop_server

from graph_builder.config import resource_dir


def test_bad_port_is_a_usage_error(tmp_path):
    result = run_cli("serve", "--dist", str(tmp_path), "--port", "70000", timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("spp-kg: error:") and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("option", ["--header-timeout", "--body-timeout", "--queue-timeout"])
def test_a_time_limit_that_is_not_positive_is_a_usage_error(tmp_path, option):
    result = run_cli("serve", "--dist", str(tmp_path), option, "0", timeout=60)
    assert result.returncode == 2 and option in result.stderr
    assert not any(tmp_path.iterdir()), "nothing is built before the options are checked"


def test_a_negative_answer_cache_is_a_usage_error(tmp_path):
    result = run_cli("serve", "--dist", str(tmp_path), "--cache-bytes", "-1", timeout=60)
    assert result.returncode == 2 and "--cache-bytes" in result.stderr
    assert result.stderr.startswith("spp-kg: error:") and len(result.stderr.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir()), "nothing is built before the options are checked"


def test_serve_builds_the_bundled_corpus_when_dist_is_empty(tmp_path):
    dist = tmp_path / "dist"
    process, url = start_server(dist, "--workers", "1")
    try:
        assert (dist / "graph.nq.gz").is_file() and (dist / "build-report.json").is_file()
        answer = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s a <https://w3id.org/spp-kg/ontology#Statistic> }"})
        assert answer.json()["boolean"] is True
    finally:
        stop_server(process)


def test_service_on_the_allow_list_is_called(built_dist, service_url):
    endpoint = f"{service_url}/sparql"
    process, url = start_server(built_dist, "--workers", "1", "--allow-service", endpoint)
    try:
        query = (f"SELECT ?label WHERE {{ SERVICE <{endpoint}> {{ "
                 "<https://w3id.org/spp-kg/id/agency/supreme-peoples-procuratorate> "
                 "<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = 'en') } }")
        answer = httpx.get(f"{url}/sparql", params={"query": query}, timeout=30)
        assert answer.status_code == 200, answer.text
        assert [b["label"]["value"] for b in answer.json()["results"]["bindings"]] == ["Supreme People's Procuratorate"]
        other = httpx.get(f"{url}/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
        assert other.status_code == 400
    finally:
        stop_server(process)


def _one_line_error(stderr: str, *words: str) -> None:
    assert stderr.startswith("spp-kg: error:") and len(stderr.strip().splitlines()) == 1, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:9/sparql", "http://no-such-host.invalid/sparql"])
def test_a_query_whose_service_endpoint_is_out_of_reach_is_a_one_line_error(built_dist, endpoint):
    federated = (resource_dir("queries") / "11-federated-wikidata.rq").read_text(encoding="utf-8")
    query = federated.replace("https://query.wikidata.org/sparql", endpoint)
    result = run_cli("query", "--dist", str(built_dist), query, timeout=120)
    assert result.returncode == 2
    _one_line_error(result.stderr, "the query failed", f"SERVICE {endpoint}")


@pytest.mark.parametrize("query, fmt", [("SELECT * WHERE { ?s ?p ?o }", "table"), ("SELECT * WHERE { ?s ?p ?o }", "csv"),
                                        ("SELECT * WHERE { ?s ?p ?o }", "json"), ("CONSTRUCT WHERE { ?s ?p ?o }", "table")])
def test_a_query_piped_into_head_ends_with_a_broken_pipe_error(built_dist, query, fmt):
    process = subprocess.Popen([sys.executable, "-m", "spp_kg", "query", "--dist", str(built_dist),
                                "--format", fmt, query], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline()
    process.stdout.close()          # as `| head -1` does
    stderr = process.stderr.read()
    assert process.wait(120) == 2, stderr
    _one_line_error(stderr, "broken pipe")
