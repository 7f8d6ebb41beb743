"""Answers kept to be repeated and their ETags (service/answer_cache.py), alone and in a real server:
a revalidation with the answer's ETag is 304, a kept answer is repeated even while every worker is busy,
and a query whose answer may change is neither kept nor tagged."""

from __future__ import annotations

import threading

import httpx
import pytest

from conftest_service import start_server, stop_server
from service.answer_cache import AnswerCache, answer_tag, matches, repeatable
from service.jobs import Answer, Job


def _answer(size: int) -> Answer:
    return Answer("solutions", b"x" * size, 1, False)


def test_the_least_recently_used_answers_go_first_and_the_cache_stays_within_its_bytes():
    cache = AnswerCache(4000)
    first, second, third = Job("SELECT * { ?a ?b ?c }"), Job("ASK { ?a ?b ?c }"), Job("SELECT ?x {}")
    cache.put(first, _answer(900))
    cache.put(second, _answer(900))
    assert cache.get(first) is not None              # now the most recently used
    cache.put(third, _answer(900))
    cache.put(Job("SELECT ?y {}"), _answer(900))
    cache.put(Job("SELECT ?z {}"), _answer(900))     # 4,500 bytes: the least recently used one goes
    assert cache.get(second) is None and cache.get(first) is not None and cache.size <= 4000
    cache.put(Job("SELECT ?big {}"), _answer(3000))   # larger than a quarter of the cache: not kept
    assert cache.get(Job("SELECT ?big {}")) is None


def test_a_job_differing_in_anything_is_another_answer():
    cache = AnswerCache(10_000)
    cache.put(Job("SELECT * { ?s ?p ?o }", result_format="json"), _answer(10))
    assert cache.get(Job("SELECT * { ?s ?p ?o }", result_format="csv")) is None
    assert cache.get(Job("SELECT * { ?s ?p ?o }", default_graphs=("urn:g",), named_graphs=())) is None
    assert cache.get(Job("SELECT * { ?s ?p ?o }", result_format="json")) is not None


@pytest.mark.parametrize("query", ['SELECT (RAND() AS ?r) {}', "SELECT (now() AS ?t) {}",
                                   "SELECT ?x { SERVICE <https://example.org/sparql> { ?x ?y ?z } }",
                                   "CONSTRUCT { _:b <urn:p> ?o } WHERE { BIND(BNODE() AS ?o) }",
                                   "SELECT (STRUUID() AS ?u) {}"])
def test_a_query_whose_answer_may_change_is_not_repeatable(query):
    assert not repeatable(query)


def test_tags_differ_by_graph_job_and_representation_and_compare_weakly():
    job = Job("SELECT * { ?s ?p ?o }")
    tag = answer_tag("aa", job, "json")
    assert tag == answer_tag("aa", job, "json") and tag.startswith('"') and tag.endswith('"')
    assert len({tag, answer_tag("bb", job, "json"), answer_tag("aa", job, "csv"),
                answer_tag("aa", Job("ASK {}"), "json")}) == 4
    assert matches(f'"other", W/{tag}', tag) and matches("*", tag) and not matches('"other"', tag)
    assert not matches(None, tag)


@pytest.fixture(scope="module")
def one_worker(built_dist):
    process, url = start_server(built_dist, "--workers", "1", "--timeout", "6", "--queue-timeout", "1")
    yield url
    stop_server(process)


QUERY = "PREFIX spp: <https://w3id.org/spp-kg/ontology#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a spp:Statistic }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_revalidation_with_the_etag_is_304_and_another_format_has_another_tag(one_worker):
    first = httpx.get(one_worker + "/sparql", params={"query": QUERY}, headers={"Accept": "application/sparql-results+json"})
    tag = first.headers["etag"]
    again = httpx.get(one_worker + "/sparql", params={"query": QUERY},
                      headers={"Accept": "application/sparql-results+json", "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert "ETag" in again.headers.get("access-control-expose-headers", "")
    csv = httpx.get(one_worker + "/sparql", params={"query": QUERY}, headers={"Accept": "text/csv", "If-None-Match": tag})
    assert csv.status_code == 200 and csv.headers["etag"] != tag and csv.text.startswith("n\r\n")
    random = httpx.get(one_worker + "/sparql", params={"query": "SELECT (RAND() AS ?r) {}"})
    assert random.status_code == 200 and "etag" not in random.headers


def test_a_kept_answer_is_repeated_while_the_only_worker_is_busy(one_worker):
    expected = httpx.get(one_worker + "/sparql", params={"query": QUERY}).json()
    runaway = threading.Thread(target=httpx.get, args=(one_worker + "/sparql",),
                               kwargs={"params": {"query": RUNAWAY}, "timeout": 30})
    runaway.start()
    try:
        for attempt in range(20):     # until the runaway holds the only worker: a new query waits in vain
            busy = httpx.get(one_worker + "/sparql", params={"query": f"ASK {{ ?s ?p ?o FILTER(?o = {attempt}) }}"},
                             timeout=10)    # a FILTER: not a bounded query, so it needs the worker
            if busy.status_code == 503:
                break
        assert busy.status_code == 503 and "server busy" in busy.text
        kept = httpx.get(one_worker + "/sparql", params={"query": QUERY}, timeout=10)
        assert kept.status_code == 200 and kept.json() == expected
    finally:
        runaway.join()
