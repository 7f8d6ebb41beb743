"""HTTP/1.1 as the server reads it: uvicorn's h11 protocol with the guards a public endpoint needs.

- **A deadline for the request head.** A client gets ``header_timeout`` seconds from the moment it
  connects, or from the first byte of a later request on the same connection, to send a whole request
  line and headers; past it the connection is closed (with 408 when part of a head had arrived). Without
  it half a request head held a connection open for ever (uvicorn's keep-alive timeout covers only a
  connection with nothing pending).
- **No request smuggling.** A request with both ``Content-Length`` and ``Transfer-Encoding`` is answered
  400 and its connection closed (RFC 9112 §6.1): a proxy in front could read its body differently.
- **Absolute-form targets.** ``GET http://host:port/sparql?query=... HTTP/1.1`` is served like
  ``GET /sparql?query=...`` (RFC 9112 §3.2.2), its authority taking the place of ``Host``.
- **One line of reason.** A request h11 cannot read is answered with its status (400, or 431 for a head
  too large, 501 for a transfer coding other than chunked) and one line of text/plain saying why.

These replies are written to the connection before any request reaches the application; they carry the
same answer headers (CORS, Content-Security-Policy, nosniff) as the application's own answers.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE, H11Protocol

from .answer_headers import ANSWER_HEADERS
from .settings import DEFAULT_HEADER_TIMEOUT

SMUGGLING = "a request may not carry both Content-Length and Transfer-Encoding"


def origin_form(request: h11.Request) -> h11.Request:
    """``request`` with an absolute-form target (``http://host/path?query``) made origin-form
    (``/path?query``) and ``Host`` set to the target's authority; other requests unchanged."""
    target = request.target
    scheme, separator, rest = target.partition(b"://")
    if not separator or scheme.lower() not in (b"http", b"https"):
        return request
    end = min((i for i in (rest.find(b"/"), rest.find(b"?")) if i >= 0), default=len(rest))
    authority, path = rest[:end].rpartition(b"@")[2], rest[end:]
    if not path.startswith(b"/"):
        path = b"/" + path
    headers = [(name, value) for name, value in request.headers.raw_items() if name.lower() != b"host"]
    return h11.Request(method=request.method, target=path, http_version=request.http_version,
                       headers=[(b"Host", authority), *headers])


class _GuardedConnection(h11.Connection):
    """h11's server side, refusing smuggling-prone requests and accepting absolute-form targets;
    ``rejection`` holds the status and reason of the last request it could not accept."""

    rejection: tuple[int, str] | None = None

    def next_event(self) -> Any:
        try:
            event = super().next_event()
        except h11.RemoteProtocolError as exc:
            if exc.error_status_hint == 431:
                reason = f"the request head is larger than the limit of {self._max_incomplete_event_size} bytes"
            else:
                reason = f"the request cannot be read: {exc}"
            self.rejection = (exc.error_status_hint, reason)
            raise
        if isinstance(event, h11.Request):
            names = {name for name, _ in event.headers}
            if b"content-length" in names and b"transfer-encoding" in names:
                self.rejection = (400, SMUGGLING)
                raise h11.RemoteProtocolError(SMUGGLING)
            try:
                event = origin_form(event)
            except h11.LocalProtocolError as exc:
                self.rejection = (400, f"bad request target: {exc}")
                raise h11.RemoteProtocolError(self.rejection[1]) from None
        return event


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request-head deadline, the smuggling guard and absolute-form targets."""

    header_timeout: float = DEFAULT_HEADER_TIMEOUT

    def __init__(self, config: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        size = config.h11_max_incomplete_event_size
        self.conn = _GuardedConnection(h11.SERVER, DEFAULT_MAX_INCOMPLETE_EVENT_SIZE if size is None else size)
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._start_head_timer()        # part of a head: the deadline runs from its first byte
        else:
            self._stop_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def _start_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0]:
            message = f"the request head did not arrive within {self.header_timeout:g} s"
            self.transport.write(_plain_response(408, message))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        status, reason = self.conn.rejection or (400, msg)
        self.transport.write(_plain_response(status, reason))
        self.transport.close()


def _plain_response(status: int, message: str) -> bytes:
    """A whole HTTP/1.1 response of one line of text/plain that closes the connection, with the headers
    every answer carries."""
    body = (" ".join(message.split()) + "\n").encode("utf-8")
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    head = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode("ascii")),
            (b"connection", b"close"), *ANSWER_HEADERS]
    lines = [f"HTTP/1.1 {status} {phrase}".encode("ascii"), *(name + b": " + value for name, value in head)]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def guarded_protocol(header_timeout: float) -> type[GuardedH11Protocol]:
    """The protocol class to give uvicorn (``http=``) for a request-head deadline of ``header_timeout`` s."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"header_timeout": header_timeout})
