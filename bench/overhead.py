"""Per-request overhead: each query sent once over HTTP to each server (one client, keep-alive, the lean
client of leanhttp.py) and evaluated once in this process with pyoxigraph on the build's store opened
read-only, the answer serialised to the format the HTTP client asks for (SPARQL JSON results, N-Triples
for DESCRIBE). The order of the in-process run and the servers is rotated from one query to the next so
that none is always the first to touch the data."""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pyoxigraph

from blockrun import GRAPH_ACCEPT, accept_of
from leanhttp import Connection, HTTPFailure
from querymix import MixQuery


def _in_process(store: pyoxigraph.Store, query: MixQuery) -> float:
    started = time.perf_counter()
    result = store.query(query.sparql)
    if isinstance(result, pyoxigraph.QueryTriples):
        pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.N_TRIPLES)
    else:
        result.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
    return time.perf_counter() - started


def _over_http(loop: asyncio.AbstractEventLoop, connection: Connection, query: MixQuery) -> float | None:
    started = time.perf_counter()
    try:
        status, _ = loop.run_until_complete(connection.post_query(query.sparql, accept_of(query)))
    except HTTPFailure:
        return None
    return time.perf_counter() - started if status == 200 else None


def _summary(http_seconds: list[float], local_seconds: list[float]) -> dict:
    """Medians of the HTTP and in-process latencies, their ratio, and the median per-query overhead."""
    pairs = [(h, p) for h, p in zip(http_seconds, local_seconds) if h is not None]
    if not pairs:
        return {"queries": 0}
    http_median = statistics.median(h for h, _ in pairs)
    local_median = statistics.median(p for _, p in pairs)
    return {"queries": len(pairs), "http_median_ms": round(http_median * 1000, 3),
            "in_process_median_ms": round(local_median * 1000, 3),
            "ratio": round(http_median / local_median, 2),
            "median_overhead_ms": round(statistics.median(h - p for h, p in pairs) * 1000, 3),
            "median_overhead_percent": round(statistics.median((h / p - 1) * 100 for h, p in pairs), 1)}


def measure(store_dir: Path, servers: dict[str, str], queries: list[MixQuery], timeout: float = 30.0) -> dict:
    """For each server (name -> query URL): the summary over the entity lookups and over all ``queries``."""
    store = pyoxigraph.Store.read_only(str(store_dir))
    names = list(servers)
    local: list[float] = []
    over_http: dict[str, list[float | None]] = {name: [] for name in names}
    loop = asyncio.new_event_loop()
    connections = {name: Connection(servers[name], timeout) for name in names}
    try:
        for name in names:                                  # open the connections before the clock runs
            loop.run_until_complete(connections[name].post_query("ASK { ?s ?p ?o }", "application/sparql-results+json"))
        for index, query in enumerate(queries):
            turns = ["in process"] + names
            shift = index % len(turns)
            for turn in turns[shift:] + turns[:shift]:
                if turn == "in process":
                    local.append(_in_process(store, query))
                else:
                    over_http[turn].append(_over_http(loop, connections[turn], query))
    finally:
        for connection in connections.values():
            connection.close()
        loop.close()
    lookups = [i for i, q in enumerate(queries) if q.kind == "lookup"]
    result = {"store": "the build's store opened read-only in this process (pyoxigraph.Store.read_only)",
              "serialised_as": f"SPARQL JSON results; {GRAPH_ACCEPT} for DESCRIBE", "servers": {}}
    for name in names:
        seconds = over_http[name]
        result["servers"][name] = {
            "lookups": _summary([seconds[i] for i in lookups], [local[i] for i in lookups]),
            "cold_mix": _summary(seconds, local),
            "failed": sum(1 for s in seconds if s is None)}
    return result
