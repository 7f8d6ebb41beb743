"""Queries bounded by their rows are answered in the serving process, the same as a worker answers them,
and even while every worker is busy; every other query still goes to a worker."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from conftest_service import start_server, stop_server
from service.bounded_queries import INLINE_ROWS, MAX_OFFSET, MAX_VALUES, is_bounded

SPP = "https://w3id.org/spp-kg/id/agency/supreme-peoples-procuratorate"


@pytest.mark.parametrize("query", [
    f"SELECT ?predicate ?value WHERE {{ <{SPP}> ?predicate ?value }}",
    f"select * where {{ <{SPP}> ?p ?o . }} limit 20 offset 3",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?thing { ?thing rdfs:label \"Beispiel\"@de-AT }",
    "PREFIX spp: <https://w3id.org/spp-kg/ontology#> ASK { ?x a spp:Campaign }",
    "SELECT ?s ?p WHERE { VALUES ?p { <urn:a> <urn:b> UNDEF } ?s ?p 42 }   # by value",
    "SELECT ?s WHERE { ?s ?p \"x\"^^<http://www.w3.org/2001/XMLSchema#string> VALUES ?p { <urn:c> } } OFFSET 2 LIMIT 9",
    f"DESCRIBE <{SPP}>",
    "BASE <https://example.org/> PREFIX : <https://example.org/v#> SELECT ?o WHERE { :thing :has ?o }",
])
def test_one_triple_pattern_with_few_skipped_rows_is_bounded(query):
    assert is_bounded(query)


@pytest.mark.parametrize("query", [
    f"SELECT DISTINCT ?p WHERE {{ <{SPP}> ?p ?o }}",             # duplicates skipped without a row
    f"SELECT ?p WHERE {{ <{SPP}> ?p ?o }} ORDER BY ?p",          # every row read before the first
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?a WHERE { ?a ?b ?c . ?c ?d ?e }",                    # a join
    "SELECT ?a WHERE { ?a ?b ?c FILTER(?c = 7) }",
    "SELECT ?a WHERE { ?a ?b ?a }",                               # the same variable twice filters
    "SELECT ?o WHERE { <urn:s> <urn:p>+ ?o }",                    # a property path
    "SELECT ?o WHERE { <urn:s> ^<urn:p> ?o }",
    "SELECT ?o WHERE { GRAPH ?g { <urn:s> ?p ?o } }",
    "SELECT ?o WHERE { SERVICE <https://query.wikidata.org/sparql> { <urn:s> ?p ?o } }",
    "SELECT ?o FROM <urn:g> WHERE { <urn:s> ?p ?o }",
    "SELECT ?o WHERE { OPTIONAL { <urn:s> ?p ?o } }",
    "SELECT ?o WHERE { { SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o } }",
    f"SELECT ?o WHERE {{ <urn:s> ?p ?o }} OFFSET {MAX_OFFSET + 1}",   # rows skipped cost as much as rows written
    "SELECT ?o WHERE { <urn:s> ?p ?o } LIMIT 3 LIMIT 4",
    "DESCRIBE ?s WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "ASK { VALUES ?x { " + " ".join(str(n) for n in range(MAX_VALUES + 1)) + " } ?x ?p ?o }",
    "ASK { VALUES ?a { 1 2 } VALUES ?b { 3 4 } ?a ?p ?b }",
    "SELECT ?o WHERE { <urn:s> ?p ?o } # LIMIT 3\n ORDER BY ?o",   # a comment hides nothing
    "SELECT ?o WHERE { <urn:s> ?p \"}\" } ORDER BY ?o",            # nor a brace in a string
    "INSERT DATA { <urn:s> <urn:p> <urn:o> }",
])
def test_anything_else_goes_to_a_worker(query):
    assert not is_bounded(query)


def test_a_long_run_of_digits_or_names_is_refused_at_once():
    started = time.perf_counter()
    assert not is_bounded("SELECT ?s WHERE { VALUES ?x { " + "7" * 20000 + " ] ?s ?p ?o }")
    assert not is_bounded("SELECT ?s WHERE { VALUES ?x { " + "ab:cd" * 5000 + " ] ?s ?p ?o }")
    assert time.perf_counter() - started < 1.0


@pytest.fixture(scope="module")
def one_worker(built_dist):
    """A server with a single query worker and a 3 s limit."""
    process, url = start_server(built_dist, "--workers", "1", "--timeout", "3", "--max-rows", "5000")
    yield url
    stop_server(process)


def _rows(url: str, query: str, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}/sparql", data={"query": query},
                      headers={"Accept": "application/sparql-results+json", **headers}, timeout=30)


def test_a_lookup_is_answered_while_the_only_worker_runs_away(one_worker):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(response=_rows(one_worker, runaway)))
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    lookup = _rows(one_worker, f"SELECT ?p ?o WHERE {{ <{SPP}> ?p ?o }}")
    seconds = time.monotonic() - started
    thread.join()
    assert lookup.status_code == 200 and len(lookup.json()["results"]["bindings"]) > 3
    assert seconds < 1.0                      # not queued behind the runaway (which holds the worker 3 s)
    assert outcome["response"].status_code == 503


def test_a_bounded_query_with_more_rows_than_kept_in_process_gets_all_of_them(one_worker):
    counted = _rows(one_worker, "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?class }")
    total = int(counted.json()["results"]["bindings"][0]["n"]["value"])
    assert INLINE_ROWS < total <= 5000
    answer = _rows(one_worker, "SELECT ?s ?class WHERE { ?s a ?class }")
    assert answer.status_code == 200 and "x-spp-truncated" not in answer.headers
    assert len(answer.json()["results"]["bindings"]) == total


def test_answers_written_in_process_equal_the_same_answers_from_a_worker(one_worker):
    bounded = f"SELECT ?p ?o WHERE {{ <{SPP}> ?p ?o }}"
    joined = f"SELECT ?p ?o WHERE {{ <{SPP}> ?p ?o . FILTER(true) }}"     # the same rows, by a worker
    assert is_bounded(bounded) and not is_bounded(joined)
    for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml"):
        here, there = _rows(one_worker, bounded, Accept=accept), _rows(one_worker, joined, Accept=accept)
        assert here.status_code == there.status_code == 200
        assert here.content == there.content
    described = httpx.get(f"{one_worker}/sparql", params={"query": f"DESCRIBE <{SPP}>"},
                          headers={"Accept": "application/n-triples"}, timeout=30)
    constructed = httpx.get(f"{one_worker}/sparql", params={"query": f"CONSTRUCT {{ <{SPP}> ?p ?o }} WHERE {{ <{SPP}> ?p ?o }}"},
                            headers={"Accept": "application/n-triples"}, timeout=30)
    assert described.status_code == constructed.status_code == 200
    assert sorted(described.text.splitlines()) == sorted(constructed.text.splitlines())


def test_a_row_limit_below_the_in_process_one_still_truncates_and_says_so(built_dist):
    process, url = start_server(built_dist, "--workers", "1", "--max-rows", "2")
    try:
        answer = _rows(url, f"SELECT ?p ?o WHERE {{ <{SPP}> ?p ?o }}")
    finally:
        stop_server(process)
    assert answer.status_code == 200 and answer.headers["x-spp-truncated"] == "true"
    assert len(answer.json()["results"]["bindings"]) == 2
