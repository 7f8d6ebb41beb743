"""A lean HTTP/1.1 client for the query benchmarks: one keep-alive connection, a form POST, the answer
read by Content-Length or chunks, nothing else.

A general client (httpx) spends about 0.3 ms of CPU on each request, more than a fast server spends
answering an entity lookup: on a shared 2-core machine that cost is paid by every server alike and
hides how far apart they are. This one spends a few tens of microseconds, so the ratios measure the
servers. It speaks only what the servers of the benchmark answer (HTTP/1.1, no redirects, no TLS).
"""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlencode, urlsplit


class HTTPFailure(Exception):
    """The connection failed, closed early, or the answer could not be read."""


class Connection:
    """One keep-alive connection to the host of ``url``; reconnects when the server closed it."""

    def __init__(self, url: str, timeout: float):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.timeout = timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post_query(self, sparql: str, accept: str) -> tuple[int, bytes]:
        """POST ``query=sparql`` as a form; the status and the body of the answer."""
        body = urlencode({"query": sparql}).encode("ascii")
        head = (f"POST {self.target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: {accept}\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n")
        try:
            return await asyncio.wait_for(self._exchange(head.encode("ascii") + body), self.timeout)
        except (OSError, asyncio.IncompleteReadError, ValueError, asyncio.TimeoutError, TimeoutError) as exc:
            self.close()
            raise HTTPFailure(type(exc).__name__) from None

    async def _exchange(self, request: bytes) -> tuple[int, bytes]:
        for attempt in (1, 2):        # a kept-alive connection the server closed meanwhile: once more
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
                self._writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._writer.write(request)
            try:
                await self._writer.drain()
                status_line = await self._reader.readuntil(b"\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
                continue
            return await self._read_answer(status_line)
        raise HTTPFailure("no answer")

    async def _read_answer(self, status_line: bytes) -> tuple[int, bytes]:
        assert self._reader is not None
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, closing = None, False, False
        while (line := await self._reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value
            elif name == b"connection":
                closing = value == b"close"
        if chunked:
            body = bytearray()
            while (size := int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)) > 0:
                body += await self._reader.readexactly(size + 2)
                del body[-2:]
            while await self._reader.readuntil(b"\r\n") != b"\r\n":      # trailers
                pass
            answer = bytes(body)
        elif length is not None:
            answer = await self._reader.readexactly(length)
        else:
            answer = await self._reader.read()
            closing = True
        if closing:
            self.close()
        return status, answer

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

