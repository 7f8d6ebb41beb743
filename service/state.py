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


def service_state(request: Request) -> ServiceState:
    """The ServiceState of the application serving ``request``."""
    return request.app.state.service
