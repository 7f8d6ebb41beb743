"""HTTP errors of the service: one readable line of text/plain, whatever went wrong."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("spp_kg.service")


class ServiceError(Exception):
    """An error answered with ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A text/plain response with ``message`` on one line."""
    line = " ".join(message.split())
    return PlainTextResponse(line + "\n", status_code=status, headers=headers)


async def _service_error(request: Request, exc: ServiceError) -> Response:
    return error_response(exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    messages = {404: "not found: " + request.url.path, 405: f"method {request.method} is not allowed here"}
    message = messages.get(exc.status_code) or str(exc.detail)
    return error_response(exc.status_code, message, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    return error_response(400, "bad request: " + "; ".join(str(e.get("msg")) for e in exc.errors()))


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` as text/plain."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


class AnswerCrashes:
    """A middleware that answers an exception nobody handled as a one-line 500 of its own, inside the
    middlewares that add the answer headers (CORS, CSP), so a crash reaches the client as an answer it
    may read; the traceback goes to the log. When the answer had already begun, the connection is cut."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            log.exception("unhandled error answering %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await error_response(500, f"internal error ({type(error).__name__}); the service keeps running")(
                scope, receive, send)
