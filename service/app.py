"""The FastAPI application: ``create_app(settings)`` wires the routers, the workers and CORS together."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_builder import __version__
from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries

from . import dumps, home, pages, resources, search_page, sparql, statistics_pages
from .errors import install_error_handlers
from .settings import ServiceSettings
from .generations import Generations, PinGeneration, install_reload_signal
from .limits import HeadAndOptions, RequestLimits
from .openapi import install_openapi

_CORS_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"X-SPP-Truncated, ETag, Last-Modified, Content-Range, Content-Disposition"),
    # pages have no script: none may run, whatever a query's answer holds; answers are what they say they are
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
]
_PREFLIGHT_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-allow-methods", b"GET, HEAD, POST, OPTIONS"),
    (b"access-control-allow-headers", b"Accept, Content-Type, Range, If-None-Match, If-Modified-Since"),
    (b"access-control-max-age", b"86400"),
    (b"content-length", b"0"),
]


class OpenCors:
    """Let any web page read the answers (Access-Control-Allow-Origin: *, never with credentials), and send
    the headers that keep pages safe (Content-Security-Policy without scripts, X-Content-Type-Options)."""

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
    generations = Generations(settings, load_example_queries(resource_dir("queries")))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await generations.start()
        reload_on_sighup = install_reload_signal(generations)
        try:
            yield
        finally:
            reload_on_sighup()
            await generations.close()

    app = FastAPI(title="spp-kg", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="SPARQL 1.1 endpoint, dumps and Linked Data pages of the knowledge graph "
                              "of China's procuratorial work.")
    app.state.service = generations.current     # the first generation; see service_state()
    app.state.generations = generations
    install_error_handlers(app)
    install_openapi(app)
    for module in (home, pages, sparql, dumps, resources, statistics_pages, search_page):
        app.include_router(module.router)
    app.add_middleware(HeadAndOptions)
    app.add_middleware(PinGeneration)
    app.add_middleware(OpenCors)
    app.add_middleware(RequestLimits, max_header_bytes=settings.max_header_bytes, body_timeout=settings.body_timeout)
    return app
