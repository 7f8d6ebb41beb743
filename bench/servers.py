"""Start and stop the SPARQL servers the benchmark compares, all on loopback: our service, the Oxigraph
server (PyPI ``oxigraph``; read-only on a copy of the build's store, or in memory) and rdflib-endpoint
(PyPI ``rdflib-endpoint``)."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_memory_kib(pid: int) -> int:
    """Peak resident memory (VmHWM) of a process and its children, in KiB; 0 when unknown."""
    total = 0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


@dataclass
class Server:
    """A running SPARQL server: its name, query URL and process."""

    name: str
    url: str
    process: subprocess.Popen
    start_seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def stop(self) -> int:
        memory = peak_memory_kib(self.process.pid)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return memory


def _wait_ready(url: str, process: subprocess.Popen, timeout: float, get: bool = True) -> float:
    started = time.perf_counter()
    query = "ASK { ?s ?p ?o }"
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            response = httpx.get(url, params={"query": query}, headers={"Accept": "application/sparql-results+json"},
                                 timeout=5)
            if response.status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server for {url} not ready after {timeout} s")


def executable(name: str) -> str:
    """A console script installed next to this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def _spawn(command: list[str], log: Path) -> subprocess.Popen:
    handle = open(log, "wb")
    return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def start_ours(dist: Path, work: Path, workers: int = 2, timeout: int = 120) -> Server:
    port = free_port()
    started = time.perf_counter()
    process = _spawn([sys.executable, "-m", "spp_kg", "serve", "--dist", str(dist), "--port", str(port),
                      "--workers", str(workers), "--timeout", str(timeout), "--max-rows", "10000000",
                      "--max-answer-bytes", str(1 << 30)], work / "ours.log")    # whole answers, as the peers give
    url = f"http://127.0.0.1:{port}/sparql"
    _wait_ready(url, process, 900)
    return Server("spp-kg serve", url, process, time.perf_counter() - started, {"base": f"http://127.0.0.1:{port}"})


def _timeout_option(seconds: int | None) -> list[str]:
    return ["--timeout-s", str(seconds)] if seconds else []


def start_oxigraph(dist: Path, work: Path, timeout: int | None = None) -> Server:
    """The Oxigraph server on a copy of the build's own store: the same statements, the same layout
    (named graphs plus their union as the default graph), the same query engine."""
    location = work / "oxigraph-store"
    if location.exists():
        shutil.rmtree(location)
    shutil.copytree(dist / "store", location)
    port = free_port()
    started = time.perf_counter()
    process = _spawn([executable("oxigraph"), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                      *_timeout_option(timeout)], work / "oxigraph.log")
    url = f"http://127.0.0.1:{port}/query"
    _wait_ready(url, process, 300)
    return Server("oxigraph serve", url, process, time.perf_counter() - started)


def _gunzipped(path: Path, block: int = 1 << 20):
    with gzip.open(path, "rb") as handle:
        while chunk := handle.read(block):
            yield chunk


def start_oxigraph_memory(dist: Path, work: Path, timeout: int | None = None) -> Server:
    """The Oxigraph server with an in-memory store, sent the build's dataset over its Graph Store
    endpoint: the named graphs (graph.nq.gz) and, as the default graph, their union (graph.nt.gz), the
    layout our service's store has. ``extra["load_seconds"]`` is the time the upload took."""
    port = free_port()
    started = time.perf_counter()
    process = _spawn([executable("oxigraph"), "serve", "--bind", f"127.0.0.1:{port}", *_timeout_option(timeout)],
                     work / "oxigraph-memory.log")
    base = f"http://127.0.0.1:{port}"
    _wait_ready(f"{base}/query", process, 60)
    loading = time.perf_counter()
    with httpx.Client(timeout=None) as http:
        for target, name, media_type in (("/store", "graph.nq.gz", "application/n-quads"),
                                         ("/store?default", "graph.nt.gz", "application/n-triples")):
            response = http.post(base + target, content=_gunzipped(dist / name), headers={"Content-Type": media_type})
            if response.status_code >= 300:
                raise RuntimeError(f"Oxigraph refused {name}: HTTP {response.status_code} {response.text[:200]}")
    done = time.perf_counter()
    return Server("oxigraph in memory", f"{base}/query", process, done - started,
                  {"load_seconds": round(done - loading, 2)})


def start_rdflib_endpoint(dist: Path, work: Path) -> Server:
    """rdflib-endpoint on the union of the graphs (N-Triples): the default graph the others query."""
    data = work / "graph.nt"
    data.write_bytes(gzip.decompress((dist / "graph.nt.gz").read_bytes()))
    port = free_port()
    started = time.perf_counter()
    process = _spawn([executable("rdflib-endpoint"), "serve", str(data), "--host", "127.0.0.1", "--port", str(port)],
                     work / "rdflib-endpoint.log")
    url = f"http://127.0.0.1:{port}/"     # rdflib-endpoint serves SPARQL at its root
    _wait_ready(url, process, 1800)
    return Server("rdflib-endpoint", url, process, time.perf_counter() - started)
