"""The shared objects of a running service, reachable from every route as ``request.app.state.service``."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph
from starlette.requests import Request

from graph_builder.query import ExampleQuery

from .html import Links
from .settings import ServiceSettings
from .store import Dist
from .worker import WorkerPool


@dataclass
class ServiceState:
    """Settings, the published dist/, the query workers, link mapping, example queries and the ontology."""

    settings: ServiceSettings
    dist: Dist
    pool: WorkerPool
    links: Links
    examples: list[ExampleQuery]
    ontology: pyoxigraph.Store


SCOPE_KEY = "spp_kg.service"   # the generation a request is pinned to (service/generations.py)


def service_state(request: Request) -> ServiceState:
    """The ServiceState serving ``request``: the generation it was pinned to when it arrived."""
    pinned = request.scope.get(SCOPE_KEY)
    if pinned is not None:
        return pinned
    generations = getattr(request.app.state, "generations", None)
    return generations.current if generations is not None else request.app.state.service
