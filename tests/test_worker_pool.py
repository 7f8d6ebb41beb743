"""The worker pool answers every job whatever event loop uvicorn runs it on (asyncio's or uvloop's, which
uvicorn picks when it is installed)."""

from __future__ import annotations

import asyncio

import pytest
import uvloop

from service.jobs import Answer, Job
from graph_builder.config import PREFIXES
from service.worker import WorkerPool

# Not bounded (a FILTER), so each goes to the worker; no two alike.
QUERIES = [f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(STRLEN(STR(?o)) > {n}) }} LIMIT {1 + n % 7 * 300}"
           for n in range(40)]


async def _answers(dist) -> list:
    pool = WorkerPool(dist, 1, PREFIXES)
    await pool.start()
    try:
        return [await pool.run(Job(sparql), timeout=30, queue_timeout=30) for sparql in QUERIES]
    finally:
        await pool.close()


@pytest.mark.parametrize("run", [asyncio.run, uvloop.run], ids=["asyncio", "uvloop"])
def test_every_job_is_answered_by_the_worker(built_dist, run):
    answers = run(_answers(built_dist))
    assert all(isinstance(answer, Answer) for answer in answers), [a for a in answers if not isinstance(a, Answer)][:1]
    assert [answer.count for answer in answers[:8]] == [1 + n % 7 * 300 for n in range(8)]
