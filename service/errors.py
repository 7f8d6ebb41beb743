"""HTTP errors of the service: one readable line of text/plain, whatever went wrong."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import PlainTextResponse, Response


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
