"""The shared objects of a running service, reachable from every route as ``request.app.state.service``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pyoxigraph
from starlette.requests import Request

from graph_builder.query import ExampleQuery

from .answer_cache import AnswerCache
from .html import Links
from .search import SearchIndex
from .settings import ServiceSettings
from .store import Dist
from .jobs import Answer, Failure, Job


class QueryBackend(Protocol):
    """What evaluates queries: local worker processes (``worker.WorkerPool``) or a remote SPARQL store
    (``remote.RemoteBackend``). ``run`` raises ``worker.QueryTimeout`` past ``timeout`` and
    ``worker.PoolBusy`` when no query slot frees up within ``queue_timeout``."""

    graphs: list[str]

    async def start(self) -> None: ...

    async def run(self, job: Job, timeout: float, queue_timeout: float) -> Answer | Failure: ...

    async def close(self) -> None: ...


@dataclass
class ServiceState:
    """Settings, the published dist/, the query backend, link mapping, example queries, the ontology,
    the search index (None for a build made without one) and the answers kept to be repeated (None when
    answers are not kept: ``--cache-bytes 0``, or a remote store that may change)."""

    settings: ServiceSettings
    dist: Dist
    pool: QueryBackend
    links: Links
    examples: list[ExampleQuery]
    ontology: pyoxigraph.Store
    search: SearchIndex | None = None
    answers: AnswerCache | None = None

    @property
    def graph_digest(self) -> str:
        """The SHA-256 of the served graph's N-Quads dump: what an answer's ETag depends on."""
        return self.dist.dumps["graph.nq.gz"].sha256


SCOPE_KEY = "spp_kg.service"   # the generation a request is pinned to (service/generations.py)


def service_state(request: Request) -> ServiceState:
    """The ServiceState serving ``request``: the generation it was pinned to when it arrived."""
    pinned = request.scope.get(SCOPE_KEY)
    if pinned is not None:
        return pinned
    generations = getattr(request.app.state, "generations", None)
    return generations.current if generations is not None else request.app.state.service
