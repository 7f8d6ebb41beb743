"""Send one block of queries to one SPARQL server with N concurrent closed-loop clients (each takes the
next query of the block when its previous answer has arrived), under an overall time cap and a
per-request timeout: a slow server yields "n answered in T s", never a hang. Latencies are kept per
query; the first answer to each query text is kept so its rows can be counted after the clock stops."""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import time
from dataclasses import dataclass, field

from graph_builder import querytext
from leanhttp import Connection, HTTPFailure
from querymix import MixQuery

SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"


def accept_of(query: MixQuery) -> str:
    return GRAPH_ACCEPT if querytext.query_keyword(query.sparql) in ("CONSTRUCT", "DESCRIBE") else SELECT_ACCEPT


def count_rows(body: bytes, accept: str) -> int | str:
    """Solutions of a JSON results document (1 for ASK) or lines of an N-Triples document."""
    if accept == GRAPH_ACCEPT:
        return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))
    try:
        parsed = json.loads(body)
    except ValueError:
        return "not JSON"
    return 1 if "boolean" in parsed else len(parsed["results"]["bindings"])


@dataclass
class Outcome:
    """What one server did with one block."""

    block_size: int
    seconds: float = 0.0
    capped: bool = False
    latencies: list[tuple[str, float]] = field(default_factory=list)      # (kind, seconds) of each answer
    errors: list[str] = field(default_factory=list)
    bodies: dict[str, tuple[bytes, str]] = field(default_factory=dict)    # text -> (first answer, accept)
    client_cpu_seconds: float = 0.0

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def median_ms(self, kind: str | None = None) -> float | None:
        values = [s for k, s in self.latencies if kind is None or k == kind]
        return round(statistics.median(values) * 1000, 2) if values else None

    def rows(self) -> dict[str, int | str]:
        return {text: count_rows(body, accept) for text, (body, accept) in self.bodies.items()}


async def _client(url: str, timeout: float, block: list[MixQuery], queue, outcome: Outcome) -> None:
    connection = Connection(url, timeout)
    try:
        for index in queue:
            query = block[index]
            accept = accept_of(query)
            started = time.perf_counter()
            try:
                status, body = await connection.post_query(query.sparql, accept)
            except HTTPFailure as exc:
                outcome.errors.append(f"{query.kind} {query.name}: {exc}")
                continue
            elapsed = time.perf_counter() - started
            if status != 200:
                outcome.errors.append(f"{query.kind} {query.name}: HTTP {status}")
                continue
            outcome.latencies.append((query.kind, elapsed))
            outcome.bodies.setdefault(query.sparql, (body, accept))
    finally:
        connection.close()


def run_block(url: str, block: list[MixQuery], clients: int, cap: float, timeout: float) -> Outcome:
    """Run ``block`` once against ``url``; requests still out when ``cap`` seconds are over are abandoned."""
    outcome = Outcome(len(block))

    async def main() -> None:
        queue = iter(range(len(block)))       # shared: each query is taken by one client only
        tasks = [asyncio.create_task(_client(url, timeout, block, queue, outcome)) for _ in range(clients)]
        started = time.perf_counter()
        _, pending = await asyncio.wait(tasks, timeout=cap)
        outcome.seconds = time.perf_counter() - started
        outcome.capped = bool(pending)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    cpu = resource.getrusage(resource.RUSAGE_SELF)
    asyncio.run(main())
    after = resource.getrusage(resource.RUSAGE_SELF)
    outcome.client_cpu_seconds = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    return outcome
