"""The FastAPI application: ``create_app(settings)`` wires the routers, the workers and CORS together."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_builder import __version__
from graph_builder.config import PREFIXES, resource_dir
from graph_builder.query import load_example_queries

from . import dumps, pages, resources, sparql
from .errors import install_error_handlers
from .html import Links
from .settings import ServiceSettings
from .state import ServiceState
from .store import load_graph_file, open_dist
from .worker import WorkerPool

_CORS_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"X-SPP-Truncated, ETag, Last-Modified, Content-Range, Content-Disposition"),
]
_PREFLIGHT_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-allow-methods", b"GET, HEAD, POST, OPTIONS"),
    (b"access-control-allow-headers", b"Accept, Content-Type, Range, If-None-Match, If-Modified-Since"),
    (b"access-control-max-age", b"86400"),
    (b"content-length", b"0"),
]


class OpenCors:
    """Let any web page read the answers (Access-Control-Allow-Origin: *, never with credentials)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        if scope["method"] == "OPTIONS" and b"access-control-request-method" in headers:
            await send({"type": "http.response.start", "status": 204, "headers": _PREFLIGHT_HEADERS})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _CORS_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)


def create_app(settings: ServiceSettings) -> FastAPI:
    """The application serving ``settings.dist`` (which must hold a build)."""
    dist = open_dist(settings.dist)
    pool = WorkerPool(dist.directory, settings.workers, PREFIXES)
    state = ServiceState(settings=settings, dist=dist, pool=pool, links=Links(dist.base_iri),
                         examples=load_example_queries(resource_dir("queries")),
                         ontology=load_graph_file(dist.file("ontology.ttl")))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(title="spp-kg", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="SPARQL 1.1 endpoint, dumps and Linked Data pages of the knowledge graph "
                              "of China's procuratorial work.")
    app.state.service = state
    install_error_handlers(app)
    for module in (pages, sparql, dumps, resources):
        app.include_router(module.router)
    app.add_middleware(OpenCors)
    return app
