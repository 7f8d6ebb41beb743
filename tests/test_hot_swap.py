"""Rebuilding the served dist/ and reloading the server under load: no request fails, and every answer
comes wholly from the old graph or wholly from the new one.

v1 is the bundled corpus, v2 the bundled corpus minus one document. While 8 clients query the count of
statistics, fetch a resource and download a dump, ``spp-kg build`` writes v2 into the served dist/ and
``spp-kg reload`` (SIGHUP through the pid file) switches to it; then v1 is swapped back into place the
way the build publishes (rename, delete) and a plain SIGHUP switches back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from conftest import run_cli
from conftest_service import start_server, stop_server
from graph_builder.config import resource_dir

SPP = "https://w3id.org/spp-kg/ontology#"
COUNT = f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{SPP}Statistic> }}"
DROPPED = "2020-04-09-spp-online-crimes-china-daily"
CLIENTS = 8


def _report(dist: Path) -> dict:
    return json.loads((dist / "build-report.json").read_text(encoding="utf-8"))


def _hashes(dist: Path) -> set[str]:
    return {a["sha256"] for a in _report(dist)["artifacts"] if a["name"] == "graph.ttl"}


class Load:
    """Clients that keep asking until stopped and remember every answer and every failure."""

    def __init__(self, url: str):
        self.url = url
        self.stop = threading.Event()
        self.counts: Counter[int] = Counter()
        self.last_count: int | None = None
        self.dump_hashes: Counter[str] = Counter()
        self.failures: list[str] = []
        self.requests = 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, args=(i,)) for i in range(CLIENTS)]

    def _client(self, number: int) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as http:
            turn = number
            while not self.stop.is_set():
                turn += 1
                try:
                    self._one(http, turn % 8)
                except Exception as exc:  # noqa: BLE001 - every failure is a finding
                    with self.lock:
                        self.failures.append(f"{type(exc).__name__}: {exc}")

    def _one(self, http: httpx.Client, turn: int) -> None:
        if turn == 0:
            response = http.get("/dumps/graph.ttl")
            assert response.status_code == 200, response.text
            digest = hashlib.sha256(response.content).hexdigest()
            assert response.headers["etag"] == f'"{digest}"', "a dump whose bytes are not those of its ETag"
            with self.lock:
                self.requests += 1
                self.dump_hashes[digest] += 1
        elif turn == 1:
            response = http.get("/id/agency/supreme-peoples-procuratorate", headers={"accept": "text/turtle"})
            assert response.status_code == 200, response.text
            with self.lock:
                self.requests += 1
        else:
            response = http.get("/sparql", params={"query": COUNT}, headers={"accept": "application/sparql-results+json"})
            assert response.status_code == 200, response.text
            count = int(response.json()["results"]["bindings"][0]["n"]["value"])
            with self.lock:
                self.requests += 1
                self.counts[count] += 1
                self.last_count = count

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(60)

    def wait_for(self, count: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        with self.lock:
            self.last_count = None
        while time.monotonic() < deadline:
            with self.lock:
                if self.last_count == count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"the server did not switch to the graph with {count} statistics in {seconds} s")


def test_rebuild_and_reload_under_load_fail_no_request(built_dist, tmp_path):
    dist, v1 = tmp_path / "dist", tmp_path / "v1"
    shutil.copytree(built_dist, dist)
    shutil.copytree(built_dist, v1)
    corpus = tmp_path / "corpus"
    shutil.copytree(resource_dir("corpus"), corpus)
    for path in corpus.glob(DROPPED + ".*"):
        path.unlink()
    count_v1, hashes = _report(dist)["statistics"], _hashes(dist)
    pid_file = tmp_path / "serve.pid"
    process, url = start_server(dist, "--workers", "2", "--timeout", "20", "--pid-file", str(pid_file))
    try:
        assert pid_file.read_text().strip() == str(process.pid)
        with Load(url) as load:
            time.sleep(1)
            built = run_cli("build", "--corpus", str(corpus), "--out", str(dist), "--quiet")
            assert built.returncode == 0, built.stderr
            count_v2 = _report(dist)["statistics"]
            assert count_v2 < count_v1
            hashes |= _hashes(dist)
            time.sleep(1)                      # still v1 after the build: nothing reloads by itself
            assert load.last_count == count_v1
            reload = run_cli("reload", "--pid-file", str(pid_file), timeout=60)
            assert reload.returncode == 0, reload.stderr
            load.wait_for(count_v2, 60)
            time.sleep(1.5)
            # Publish v1 again the way the build does (rename the old away, rename the new in, delete
            # the old) and reload by signal.
            old = tmp_path / "old"
            os.rename(dist, old)
            os.rename(v1, dist)
            shutil.rmtree(old)
            os.kill(process.pid, signal.SIGHUP)
            load.wait_for(count_v1, 60)
            time.sleep(1.5)
        assert load.failures == [], load.failures[:5]
        assert set(load.counts) == {count_v1, count_v2}, load.counts
        assert load.dump_hashes and set(load.dump_hashes) <= hashes, load.dump_hashes
        assert load.requests > 100
        runtime = [p for p in tmp_path.glob(".dist.serving-*")]
        assert len(runtime) == 1 and len(list(runtime[0].glob("generation-*"))) == 1, "retired snapshots were not removed"
        print(f"\nhot swap: {load.requests} requests, 0 failed; answers {dict(load.counts)}, "
              f"dump versions {len(load.dump_hashes)}")
    finally:
        stop_server(process)
    assert not pid_file.exists(), "the pid file outlived the server"
    assert not list(tmp_path.glob(".dist.serving-*")), "the server left its snapshots behind"


def test_reload_without_a_server_is_a_one_line_error(tmp_path):
    missing = run_cli("reload", "--pid-file", str(tmp_path / "none.pid"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "pid file" in missing.stderr
    stale = tmp_path / "stale.pid"
    stale.write_text(f"{os.getpid()}\n")      # a live process that is not a server
    refused = run_cli("reload", "--pid-file", str(stale))
    assert refused.returncode == 2 and "no spp-kg server" in refused.stderr


def test_a_second_server_on_the_same_runtime_directory_is_refused(built_dist, tmp_path):
    from conftest import run_cli
    from conftest_service import free_port, start_server, stop_server

    runtime = tmp_path / "runtime"
    process, url = start_server(built_dist, "--runtime-dir", str(runtime))
    try:
        second = run_cli("serve", "--dist", str(built_dist), "--runtime-dir", str(runtime),
                         "--port", str(free_port()), "--no-default-services", timeout=120)
        assert second.returncode == 2
        assert "runtime directory" in second.stderr and second.stderr.strip().count("\n") == 0
        assert httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200
    finally:
        stop_server(process)
