"""The replies a real ``spp-kg serve`` writes before a request reaches the application (a head or body too
slow, a request it cannot read, headers or a body too large), and the answer to an exception nobody
handled, carry the same answer headers as every other answer: CORS and the security headers, from their
one definition."""

from __future__ import annotations

import asyncio
import socket
from typing import Callable
from urllib.parse import urlsplit

import httpx
import pytest

from conftest_service import start_server, stop_server
from service.answer_headers import ANSWER_HEADERS
from service.app import create_app
from service.settings import ServiceSettings

HEADER_TIMEOUT = 1
BODY_TIMEOUT = 1
MAX_HEADER_BYTES = 1024
MAX_QUERY_BYTES = 1000
HEAD_LIMIT = 65_536         # what the server's HTTP parser buffers of a head at these settings


@pytest.fixture(scope="module")
def server_url(built_dist):
    process, url = start_server(built_dist, "--header-timeout", str(HEADER_TIMEOUT),
                                "--body-timeout", str(BODY_TIMEOUT), "--max-header-bytes", str(MAX_HEADER_BYTES),
                                "--max-query-bytes", str(MAX_QUERY_BYTES))
    yield url
    stop_server(process)


def _exchange(url: str, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as raw bytes and read until the server closes: status, headers, body."""
    parts = urlsplit(url)
    received = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=HEADER_TIMEOUT + BODY_TIMEOUT + 10) as sock:
        try:
            sock.sendall(request)
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


_GET = b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n"
_POST = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"

# (id, the raw request, the status it gets)
RAW_REQUESTS: list[tuple[str, bytes, int]] = [
    ("head-slower-than-the-header-timeout", _GET, 408),
    ("body-slower-than-the-body-timeout", _POST + b"Content-Length: 100\r\n\r\nASK", 408),
    ("unreadable-request-line", b"NOT A REQUEST\r\n\r\n", 400),
    ("content-length-and-transfer-encoding",
     _POST + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    ("head-larger-than-the-parser-reads", _GET + b"X-Padding: " + b"a" * (HEAD_LIMIT + 1000), 431),
    ("headers-larger-than-max-header-bytes", _GET + b"X-Padding: " + b"a" * 2 * MAX_HEADER_BYTES + b"\r\n\r\n", 431),
    ("unknown-transfer-coding", _POST + b"Transfer-Encoding: gzip\r\n\r\n", 501),
    ("body-larger-than-max-query-bytes",
     _POST + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (2 * MAX_QUERY_BYTES) + b"#" * 2 * MAX_QUERY_BYTES,
     413),
]


@pytest.mark.parametrize("request_bytes, status", [pytest.param(r, s, id=i) for i, r, s in RAW_REQUESTS])
def test_a_reply_written_before_the_application_carries_the_answer_headers(server_url, request_bytes, status):
    got, headers, body = _exchange(server_url, request_bytes)
    assert got == status, body[:300]
    for name, value in ANSWER_HEADERS:
        assert headers.get(name.decode()) == value.decode(), (name, headers)
    assert headers["content-type"].startswith("text/plain") and body.decode().count("\n") == 1, body[:300]


def test_the_answer_headers_are_those_of_an_ordinary_answer(server_url):
    ordinary = httpx.get(server_url + "/sparql", params={"query": "ASK {}"}, timeout=10).headers
    for name, value in ANSWER_HEADERS:
        assert ordinary[name.decode()] == value.decode()


def test_an_unhandled_exception_is_a_one_line_500_with_the_answer_headers(built_dist):
    app = create_app(ServiceSettings(dist=built_dist))

    @app.get("/a-route-that-fails")
    async def fails() -> None:
        raise ZeroDivisionError("division by zero")

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            return await client.get("/a-route-that-fails", headers={"Origin": "https://example.org"})

    answer = asyncio.run(ask())
    assert answer.status_code == 500
    assert answer.text == "internal error (ZeroDivisionError); the service keeps running\n"
    for name, value in ANSWER_HEADERS:
        assert answer.headers[name.decode()] == value.decode()
