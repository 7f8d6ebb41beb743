"""Evaluating a query for any route: the worker pool under the time limit, each failure an HTTP answer.

/sparql, the resource pages, the statistics pages and the home page all evaluate through ``evaluate``,
so a query is limited and its failures are reported the same way whichever URL asked for it.
"""

from __future__ import annotations

from .answer_cache import repeatable
from .errors import ServiceError
from .settings import MIB
from .state import ServiceState
from .jobs import Answer, Failure, Job, PoolBusy, QueryTimeout

TRUNCATED_HEADER = "X-SPP-Truncated"   # set on an answer cut at --max-rows or --max-answer-bytes


async def evaluate(state: ServiceState, job: Job) -> Answer:
    """Run ``job`` in a worker within the time limit (or repeat its kept answer); every failure becomes
    a ServiceError."""
    kept = state.answers is not None and repeatable(job.sparql)
    if kept and (answer := state.answers.get(job)) is not None:
        return answer
    timeout, queue_wait = state.settings.timeout, state.settings.queue_wait
    try:
        outcome = await state.pool.run(job, timeout, queue_wait)
    except QueryTimeout:
        raise ServiceError(503, f"the query ran longer than the limit of {timeout:g} s and was stopped",
                           {"Retry-After": "1"}) from None
    except PoolBusy:
        raise ServiceError(503, f"server busy: every query worker stayed busy for {queue_wait:g} s; try again",
                           {"Retry-After": "1"}) from None
    if isinstance(outcome, Failure):
        if outcome.kind == "syntax":
            raise ServiceError(400, f"SPARQL syntax error: {outcome.message}")
        if outcome.kind == "refused":
            raise ServiceError(400, outcome.message)
        if outcome.kind == "memory":
            limit = state.settings.worker_memory_limit // MIB
            raise ServiceError(503, f"{outcome.message} (--worker-memory, {limit} MiB) and was stopped",
                               {"Retry-After": "1"})
        if outcome.kind in ("remote", "remote-timeout"):
            raise ServiceError(504 if outcome.kind == "remote-timeout" else 502, outcome.message)
        raise ServiceError(500, f"the query failed: {outcome.message}")
    if kept:
        state.answers.put(job, outcome)
    return outcome
