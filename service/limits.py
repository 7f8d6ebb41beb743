"""Limits every HTTP request meets before it reaches a route, and the methods every route answers.

``RequestLimits`` refuses oversized headers (431) and gives a request body a deadline: a client that
dribbles its body slower than ``body_timeout`` seconds allows gets 408 and its connection is closed,
so a slow client cannot hold a connection (and the memory of a half-read body) for long.

``HeadAndOptions`` answers ``HEAD`` on every ``GET`` route (the GET answer without its body) and a
plain ``OPTIONS`` (not a CORS preflight, which ``OpenCors`` answers) with ``204`` and ``Allow``.
"""

from __future__ import annotations

import asyncio
import re

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_builder import querytext

from .errors import ServiceError


def _plain(status: int, message: str, extra: list[tuple[bytes, bytes]] = ()) -> tuple[Message, Message]:
    body = (" ".join(message.split()) + "\n").encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               *extra]
    return ({"type": "http.response.start", "status": status, "headers": headers},
            {"type": "http.response.body", "body": body})


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


class _BodyTimeout(Exception):
    """The request body did not arrive within the deadline."""


class RequestLimits:
    """431 for headers larger than ``max_header_bytes`` in all; 408 when the body is not read within ``body_timeout``."""

    def __init__(self, app: ASGIApp, max_header_bytes: int, body_timeout: float):
        self.app = app
        self.max_header_bytes = max_header_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Headers only: a query in the URL is limited by --max-query-bytes (413) like any other.
        size = sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
        if size > self.max_header_bytes:
            for message in _plain(431, f"the request headers are larger than the limit of "
                                       f"{self.max_header_bytes} bytes", [(b"connection", b"close")]):
                await send(message)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.body_timeout
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:       # after the body only a disconnect can come: no deadline then
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except (asyncio.TimeoutError, TimeoutError):
                raise _BodyTimeout() from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, timed_receive, tracking_send)
        except _BodyTimeout:
            if started:
                raise
            for message in _plain(408, f"the request body did not arrive within {self.body_timeout:g} s",
                                  [(b"connection", b"close")]):
                await send(message)


class HeadAndOptions:
    """HEAD is GET without the body on every GET route; OPTIONS answers 204 with the route's methods."""

    def __init__(self, app: ASGIApp):
        self.app = app

    def _allowed(self, scope: Scope) -> set[str]:
        """The methods some route fully matches for this path (asked method by method)."""
        methods: set[str] = set()
        routes = scope["app"].router.routes
        for method in _METHODS:
            probe = {**scope, "method": method}
            if any(route.matches(dict(probe))[0] == Match.FULL for route in routes):
                methods.add(method)
        return methods

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS") or "app" not in scope:
            await self.app(scope, receive, send)
            return
        allowed = self._allowed(scope)
        if scope["method"] == "OPTIONS":
            headers = dict(scope.get("headers", []))
            if not allowed or b"access-control-request-method" in headers:
                await self.app(scope, receive, send)
                return
            allow = ", ".join(sorted(allowed | ({"HEAD"} if "GET" in allowed else set()) | {"OPTIONS"}))
            await send({"type": "http.response.start", "status": 204,
                        "headers": [(b"allow", allow.encode()), (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        if "HEAD" in allowed or "GET" not in allowed:
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


_BRACKETS = re.compile(r"[{}()\[\]]")


def nesting_depth(query: str) -> int:
    """The deepest nesting of ``{ } ( ) [ ]`` in a query, outside its strings, comments and IRIs."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(querytext.strip_comments_and_strings(query, keep_iris=False)):
        if match.group() in "{([":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def check_nesting(query: str, limit: int) -> None:
    """Refuse (400) a query nested deeper than ``limit``: the parser recurses, and thousands of levels
    would overflow its stack and crash the process instead of giving a syntax error."""
    if nesting_depth(query) > limit:
        raise ServiceError(400, f"the query nests groups or expressions more than {limit} levels deep")
