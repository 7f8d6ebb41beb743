"""A query that needs more memory than --worker-memory is stopped with 503 naming the limit, and the
service keeps answering; with such a query on every worker the whole service (the sum of the proportional
set sizes of its processes) stays within its idle memory plus --workers × --worker-memory; an answer never grows past --max-answer-bytes, and a value too long to convert
cuts the answer without stopping its worker."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from conftest_service import start_server, stop_server

LIMIT_MIB = 300
WORKERS = 2
ANSWER_BYTES = 200_000


def doubling(times: int, form: str) -> str:
    """A short query whose string doubles ``times`` times: 16 bytes × 2^times."""
    binds = ['BIND("aaaaaaaaaaaaaaaa" AS ?v0)'] + [f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(times)]
    body = " ".join(binds)
    if form == "ask":
        return f"ASK {{ {body} FILTER(STRLEN(?v{times}) < 0) }}"
    return f"SELECT (STRLEN(?v{times}) AS ?n) WHERE {{ {body} }}"


@pytest.fixture(scope="module")
def limited_server(built_dist):
    process, url = start_server(built_dist, "--timeout", "20", "--worker-memory", str(LIMIT_MIB),
                                "--max-answer-bytes", str(ANSWER_BYTES), "--workers", str(WORKERS))
    yield process, url
    stop_server(process)


@pytest.fixture(scope="module")
def limited_url(limited_server):
    return limited_server[1]


def _process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def _memory_of_tree(root: int) -> int:
    """Bytes of memory the process tree of ``root`` holds: the sum of its processes' proportional set
    sizes (shared pages divided among the processes sharing them)."""
    total = 0
    for pid in _process_tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) * 1024
    return total


@pytest.mark.parametrize("form", ["select", "ask"])
def test_a_query_past_the_memory_limit_is_a_503_naming_it(limited_url, form):
    started = time.monotonic()
    answer = httpx.get(limited_url + "/sparql", params={"query": doubling(26, form)}, timeout=60)
    assert answer.status_code == 503, answer.text[:200]
    assert "--worker-memory" in answer.text and f"{LIMIT_MIB} MiB" in answer.text
    assert time.monotonic() - started < 15     # stopped by the limit, not by the 20 s time limit
    quick = httpx.get(limited_url + "/sparql", params={"query": "ASK {}"}, timeout=10)
    assert quick.status_code == 200 and quick.json()["boolean"] is True


def test_memory_hungry_queries_on_every_worker_keep_the_service_within_its_budget(limited_server):
    process, url = limited_server
    before = _memory_of_tree(process.pid)
    budget = before + WORKERS * LIMIT_MIB * 1024 * 1024
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = [pool.submit(httpx.get, url + "/sparql", params={"query": doubling(27 + i, "select")}, timeout=60)
                   for i in range(WORKERS)]
        peak = before
        while not all(a.done() for a in answers):
            peak = max(peak, _memory_of_tree(process.pid))
            time.sleep(0.02)
    assert [a.result().status_code for a in answers] == [503] * WORKERS
    assert peak > before + 64 * 1024 * 1024            # the queries did take memory: the measure sees them
    assert peak <= budget, f"{peak / 2**20:.0f} MiB over a budget of {budget / 2**20:.0f} MiB"
    assert httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200


def test_a_query_within_the_limit_is_answered(limited_url):
    answer = httpx.get(limited_url + "/sparql", params={"query": doubling(10, "select")},
                       headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert answer.status_code == 200
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == str(16 * 2 ** 10)


def test_a_worker_memory_below_the_minimum_is_refused(built_dist):
    from conftest import run_cli
    result = run_cli("serve", "--dist", str(built_dist), "--worker-memory", "10", "--port", "1")
    assert result.returncode == 2 and "--worker-memory" in result.stderr


@pytest.mark.parametrize("fmt", ["tsv", "json", "csv"])
def test_an_answer_stops_before_the_byte_limit(limited_url, fmt):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    answer = httpx.get(limited_url + "/sparql", params={"query": query, "format": fmt}, timeout=60)
    assert answer.status_code == 200 and answer.headers.get("x-spp-truncated") == "true"
    assert len(answer.content) < 3 * ANSWER_BYTES      # the final format may be larger than the TSV it came from


def test_one_huge_value_gives_an_empty_truncated_answer(limited_url):
    big = doubling(15, "select").replace("(STRLEN(?v15) AS ?n)", "?v15")     # one value of 512 KiB
    answer = httpx.get(limited_url + "/sparql", params={"query": big, "format": "tsv"}, timeout=60)
    assert answer.status_code == 200 and answer.headers.get("x-spp-truncated") == "true"
    assert answer.text.strip() == "?v15"


def test_a_graph_answer_stops_before_the_byte_limit(limited_url):
    answer = httpx.get(limited_url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"},
                       timeout=60)
    assert answer.status_code == 200 and answer.headers.get("x-spp-truncated") == "true"
    assert len(answer.content) <= ANSWER_BYTES


def descendants(pid: int) -> set[int]:
    """The processes below ``pid`` (its query workers among them): a new one means a worker was replaced."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.fixture(scope="module")
def large_answers(built_dist):
    process, url = start_server(built_dist, "--timeout", "20", "--workers", "1",
                                "--max-answer-bytes", str(64 * 1024 * 1024))
    yield process, url
    stop_server(process)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "html"])
def test_a_value_longer_than_the_results_parser_takes_cuts_the_answer_and_keeps_the_worker(large_answers, fmt):
    process, url = large_answers
    workers = descendants(process.pid)
    assert workers, "no query worker found below the server"
    value = doubling(20, "select").replace("(STRLEN(?v20) AS ?n)", "?v20")     # one value of 16 MiB
    answer = httpx.get(url + "/sparql", params={"query": value, "format": fmt}, timeout=60)
    assert answer.status_code == 200, answer.text[:200]
    assert answer.headers.get("x-spp-truncated") == "true"
    assert len(answer.content) < 1024 * 1024
    quick = httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert descendants(process.pid) == workers, "the query worker was replaced"


def test_a_long_value_within_the_answer_bytes_is_answered_whole_as_tsv(large_answers):
    _, url = large_answers
    value = doubling(20, "select").replace("(STRLEN(?v20) AS ?n)", "?v20")
    answer = httpx.get(url + "/sparql", params={"query": value, "format": "tsv"}, timeout=60)
    assert answer.status_code == 200 and "x-spp-truncated" not in answer.headers
    assert len(answer.content) == len("?v20\n") + 16 * 1024 * 1024 + 3


def test_an_unexpected_error_in_a_worker_is_an_answer_and_the_worker_goes_on(built_dist, monkeypatch):
    import multiprocessing
    import pickle
    import threading

    from service import worker

    real = worker.execute

    def failing(store, job, prefixes):
        if job.sparql == "boom":
            raise TypeError("unexpected")
        return real(store, job, prefixes)

    monkeypatch.setattr(worker, "execute", failing)
    parent, child = multiprocessing.Pipe()
    thread = threading.Thread(target=worker.worker_main, args=(child, str(built_dist), {}), daemon=True)
    thread.start()
    assert parent.poll(60) and parent.recv()[0] == "ready"

    def answer():                      # its size, then the answer itself
        assert parent.poll(30)
        size, data = parent.recv(), parent.recv_bytes()
        assert size == len(data)
        return pickle.loads(data)

    parent.send(worker.Job(sparql="boom"))
    assert answer() == worker.Failure("error", "TypeError: unexpected")
    parent.send(worker.Job(sparql="ASK {}"))
    assert answer().form == "boolean"
    parent.close()
    thread.join(10)
    assert not thread.is_alive()
