"""``spp-kg serve`` from the command line: bad options exit 2, an empty --dist is built first."""

from __future__ import annotations

import httpx
from conftest import run_cli
from conftest_service import start_server, stop_server


def test_bad_port_is_a_usage_error(tmp_path):
    result = run_cli("serve", "--dist", str(tmp_path), "--port", "70000", timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("spp-kg: error:") and len(result.stderr.strip().splitlines()) == 1


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
