"""The headers every answer of the service carries, whoever writes it.

``ANSWER_HEADERS`` is the one definition: any web page may read the answers (``Access-Control-Allow-Origin:
*``, never with credentials), pages run no script whatever a query's answer holds (a strict
Content-Security-Policy), and answers are what their media type says (``X-Content-Type-Options: nosniff``).
``OpenCors`` adds them to every answer of the application and answers CORS preflights; the replies the HTTP
protocol writes itself before a request reaches the application (service/http11.py) add them too.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_ANY_ORIGIN = (b"access-control-allow-origin", b"*")

ANSWER_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    _ANY_ORIGIN,
    (b"access-control-expose-headers", b"X-SPP-Truncated, ETag, Last-Modified, Content-Range, Content-Disposition"),
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
)
_PREFLIGHT_HEADERS = [
    _ANY_ORIGIN,
    (b"access-control-allow-methods", b"GET, HEAD, POST, OPTIONS"),
    (b"access-control-allow-headers", b"Accept, Content-Type, Range, If-None-Match, If-Modified-Since"),
    (b"access-control-max-age", b"86400"),
    (b"content-length", b"0"),
]


class AddAnswerHeaders:
    """A middleware that adds ``extra(scope, start)`` to the headers of every HTTP answer of ``app``
    (``start`` is the ``http.response.start`` message, with its status and headers so far)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    def extra(self, scope: Scope, start: Message) -> list[tuple[bytes, bytes]]:
        return []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_extra_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.extra(scope, message)]
            await send(message)

        await self.app(scope, receive, send_with_extra_headers)


class OpenCors(AddAnswerHeaders):
    """Add ``ANSWER_HEADERS`` to every answer of ``app``, and answer CORS preflights (204)."""

    def extra(self, scope: Scope, start: Message) -> list[tuple[bytes, bytes]]:
        return list(ANSWER_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        if scope["type"] == "http" and scope["method"] == "OPTIONS" and b"access-control-request-method" in headers:
            await send({"type": "http.response.start", "status": 204, "headers": _PREFLIGHT_HEADERS})
            await send({"type": "http.response.body", "body": b""})
            return
        await super().__call__(scope, receive, send)
