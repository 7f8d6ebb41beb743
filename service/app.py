"""The FastAPI application: ``create_app(settings)`` wires the routers, the workers and CORS together."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from graph_builder import __version__
from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries

from . import dumps, home, listings, pages, resources, search_page, sparql, statistics_pages
from .alternates import AnnounceTwins
from .answer_headers import OpenCors
from .errors import AnswerCrashes, install_error_handlers
from .settings import ServiceSettings
from .generations import Generations, PinGeneration, install_reload_signal
from .limits import HeadAndOptions, RequestLimits
from .openapi import install_openapi

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
    for module in (home, pages, sparql, dumps, listings, resources, statistics_pages, search_page):   # /id/{kind} before /id/{path}
        app.include_router(module.router)
    app.add_middleware(AnnounceTwins)
    app.add_middleware(HeadAndOptions)
    app.add_middleware(PinGeneration)
    app.add_middleware(RequestLimits, max_header_bytes=settings.max_header_bytes, body_timeout=settings.body_timeout)
    app.add_middleware(AnswerCrashes)   # an unhandled exception is a 500 answer, inside OpenCors
    app.add_middleware(OpenCors)    # outermost: the limits' own replies and crashes carry the answer headers too
    return app
