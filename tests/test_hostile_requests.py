"""A real ``spp-kg serve`` under bad input and abuse: every case gets a clean answer (a 4xx/5xx with one
line of text/plain and no traceback, or the ordinary answer of HEAD and OPTIONS), and right after every
case the server still answers a simple ASK."""

from __future__ import annotations

import select
import socket
import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import httpx
import pytest

from conftest_service import start_server, stop_server

TIMEOUT = 2          # --timeout of the server under test
BODY_TIMEOUT = 2     # --body-timeout
HEADER_TIMEOUT = 2   # --header-timeout
WORKERS = 2
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SPP_PAGE = "/id/agency/supreme-peoples-procuratorate"


@pytest.fixture(scope="module")
def hostile_url(built_dist):
    process, url = start_server(built_dist, "--timeout", str(TIMEOUT), "--workers", str(WORKERS),
                                "--body-timeout", str(BODY_TIMEOUT), "--header-timeout", str(HEADER_TIMEOUT))
    yield url
    stop_server(process)


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes


def _reply(response: httpx.Response) -> Reply:
    return Reply(response.status_code, response.headers.get("content-type", ""), response.content)


def get(path: str, **params: str) -> Callable[[str], list[Reply]]:
    return lambda url: [_reply(httpx.get(url + path, params=params or None, timeout=30))]


def raw_get(target: str) -> Callable[[str], list[Reply]]:
    """GET a target exactly as written (no normalisation of '..' or of percent-escapes)."""
    def send(url: str) -> list[Reply]:
        with httpx.Client(timeout=30) as client:
            return [_reply(client.send(httpx.Request("GET", url + target)))]
    return send


def post(content: bytes | str, content_type: str, path: str = "/sparql") -> Callable[[str], list[Reply]]:
    return lambda url: [_reply(httpx.post(url + path, content=content, headers={"content-type": content_type},
                                          timeout=30))]


def post_form(**fields: str) -> Callable[[str], list[Reply]]:
    return lambda url: [_reply(httpx.post(url + "/sparql", data=fields, timeout=30))]


def method(verb: str, path: str) -> Callable[[str], list[Reply]]:
    return lambda url: [_reply(httpx.request(verb, url + path, timeout=30))]


def with_headers(headers: dict[str, str], path: str = "/sparql?query=ASK%20%7B%7D") -> Callable[[str], list[Reply]]:
    return lambda url: [_reply(httpx.get(url + path, headers=headers, timeout=30))]


def _raw_reply(data: bytes) -> Reply:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.split(b":", 1) for line in lines[1:] if b":" in line)
    content_type = headers.get(b"content-type", b"").strip().decode()
    return Reply(status, content_type, body)


def slow_body(url: str) -> list[Reply]:
    """Promise 1000 bytes of body, then send 5 bytes every 0.4 s: the server must answer 408 and close."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 1000\r\n\r\nSELECT")
        received = b""
        started = time.monotonic()
        while time.monotonic() - started < BODY_TIMEOUT + 8:
            readable, _, _ = select.select([sock], [], [], 0.4)
            if readable:
                chunk = sock.recv(65536)
                if not chunk:
                    break            # the server closed the connection: freed
                received += chunk
                continue
            try:
                sock.sendall(b" ?s  ")
            except OSError:
                break
        assert received, "no answer to a body that never completes"
        assert time.monotonic() - started < BODY_TIMEOUT + 5, "the connection was held too long"
        sock.settimeout(5)
        try:
            while sock.recv(65536):
                pass
        except OSError:
            pass
    return [_raw_reply(received)]


def _read_until_closed(sock: socket.socket, seconds: float) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and when it closed it (seconds)."""
    received, started = b"", time.monotonic()
    sock.settimeout(seconds)
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except TimeoutError:
        raise AssertionError(f"the connection was still open after {seconds} s: {received[:200]!r}") from None
    except ConnectionResetError:
        pass
    return received, time.monotonic() - started


def unfinished_head(dribble: bool) -> Callable[[str], list[Reply]]:
    """Send half a request head, then nothing (or one more header line every 0.4 s): the server answers
    408 and closes the connection at --header-timeout, answering other requests meanwhile."""
    def send(url: str) -> list[Reply]:
        parts = urlsplit(url)
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            ask = httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)
            assert ask.status_code == 200 and time.monotonic() - started < HEADER_TIMEOUT
            while dribble and time.monotonic() - started < HEADER_TIMEOUT + 5:
                try:
                    sock.sendall(b"X-Slow: a\r\n")
                except OSError:
                    break
                if select.select([sock], [], [], 0.4)[0]:
                    break
            received, _ = _read_until_closed(sock, HEADER_TIMEOUT + 5)
            assert time.monotonic() - started < HEADER_TIMEOUT + 2, "the connection was held too long"
        return [_raw_reply(received)]
    return send


def smuggling(url: str) -> list[Reply]:
    """Content-Length and Transfer-Encoding together, a second request behind it: 400, then the connection
    is closed without reading the second request."""
    parts = urlsplit(url)
    second = b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + second)
        received, _ = _read_until_closed(sock, 10)
    assert received.count(b"HTTP/1.1 ") == 1, received
    return [_raw_reply(received)]


def concurrent_runaways(url: str) -> list[Reply]:
    """8 cross products at once on 2 workers: each is stopped (503) or refused as busy (503) within a
    bounded time, and a simple ASK sent meanwhile still gets its answer within a few seconds."""
    replies: list[Reply] = []
    lock = threading.Lock()

    def runaway() -> None:
        reply = _reply(httpx.get(url + "/sparql", params={"query": CROSS_PRODUCT}, timeout=60))
        with lock:
            replies.append(reply)

    threads = [threading.Thread(target=runaway) for _ in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "a runaway request hung"
    assert elapsed < 4 * TIMEOUT + 10, f"8 runaway queries took {elapsed:.1f} s"
    busy = [r for r in replies if b"server busy" in r.body]
    stopped = [r for r in replies if b"ran longer than the limit" in r.body]
    assert len(busy) + len(stopped) == 8, [r.body for r in replies]
    deadline = time.monotonic() + 3 * TIMEOUT + 5
    while True:
        answer = httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=30)
        if answer.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert answer.status_code == 200, answer.text
    return replies


def _accept_of(count: int) -> str:
    return ",".join(f"text/x-{i}" for i in range(count))


_DEEP_GROUPS = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
_DEEP_OPTIONALS = "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000 + "}" * 3000 + " }"
_DEEP_PARENS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"
_TEN_MB = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 10_000_000
_REGEX = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isLiteral(?o) && REGEX(STR(?o), "(a+)+$")) }'
_REGEX_SUBJECTS = 'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?s), "(a+)+$")) }'

# (id, what to send, the statuses that count as a clean answer)
CASES: list[tuple[str, Callable[[str], list[Reply]], set[int]]] = [
    # updates through every parameter and body type
    ("update-in-get-query-string", get("/sparql", update="DROP ALL"), {403}),
    ("update-in-post-form", post_form(update="CLEAR ALL"), {403}),
    ("update-as-sparql-update-body", post("INSERT DATA { <a:s> <a:p> <a:o> }", "application/sparql-update"), {403}),
    ("insert-data-as-query", get("/sparql", query="INSERT DATA { <a:s> <a:p> <a:o> }"), {403}),
    ("load-as-query", get("/sparql", query="LOAD <http://127.0.0.1:9/graph.ttl>"), {403}),
    ("clear-as-query", post("CLEAR DEFAULT", "application/sparql-query"), {403}),
    ("drop-as-form-query", post_form(query="DROP ALL"), {403}),
    # SERVICE to loopback, private and link-local addresses
    ("service-loopback", get("/sparql", query="SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"), {400}),
    ("service-private-10", get("/sparql", query="SELECT * { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }"), {400}),
    ("service-private-192", get("/sparql", query="SELECT * { SERVICE <http://192.168.1.1/> { ?s ?p ?o } }"), {400}),
    ("service-link-local-metadata",
     get("/sparql", query="SELECT * { SERVICE <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } }"), {400}),
    ("service-ipv6-loopback", get("/sparql", query="SELECT * { SERVICE <http://[::1]:8000/sparql> { ?s ?p ?o } }"), {400}),
    # size and shape
    ("query-of-10-mb-body", post(_TEN_MB, "application/sparql-query"), {413}),
    ("query-of-10-mb-form", post_form(query=_TEN_MB), {413}),
    ("5000-nested-groups", post(_DEEP_GROUPS, "application/sparql-query"), {400}),
    ("3000-nested-optionals", post(_DEEP_OPTIONALS, "application/sparql-query"), {400}),
    ("10000-parentheses", post(_DEEP_PARENS, "application/sparql-query"), {400}),
    ("100-kb-of-unclosed-prefix-iris", post(("PREFIX a: <" * 9000)[:99_000], "application/sparql-query"), {400}),
    ("pathological-regex-over-literals", get("/sparql", query=_REGEX), {200, 503}),
    ("pathological-regex-over-subjects", get("/sparql", query=_REGEX_SUBJECTS), {200, 503}),
    # a dataset that names no IRI
    ("default-graph-uri-not-an-iri", get("/sparql", query="ASK {}", **{"default-graph-uri": "not an iri"}), {400}),
    ("named-graph-uri-relative", get("/sparql", query="SELECT * {}", **{"named-graph-uri": "graphs/a b"}), {400}),
    ("bad-graph-and-bad-syntax", get("/sparql", query="SELEC", **{"default-graph-uri": "%%"}), {400}),
    # headers
    ("accept-of-10000-types", with_headers({"accept": _accept_of(10_000)}), {431}),
    ("accept-of-10000-types-on-a-page", with_headers({"accept": _accept_of(10_000)}, SPP_PAGE), {431}),
    ("accept-of-2000-types", with_headers({"accept": _accept_of(2000)}), {406}),
    ("header-value-of-100-kb", with_headers({"x-padding": "a" * 100_000}), {431}),
    ("query-of-60-kb-in-the-url-is-no-header", get("/sparql", query="ASK {} #" + "x" * 60_000), {200}),
    # bytes that are not text
    ("invalid-utf8-in-get", raw_get("/sparql?query=ASK%20%7B%7D%FF%FE"), {400}),
    ("nul-in-get", raw_get("/sparql?query=ASK%20%7B%00%7D"), {400}),
    ("invalid-utf8-in-post-body", post(b"ASK { } \xff\xfe", "application/sparql-query"), {400}),
    ("nul-in-post-body", post(b"ASK {\x00}", "application/sparql-query"), {400}),
    ("invalid-utf8-in-post-form", post(b"query=ASK%20%7B%7D%FF", "application/x-www-form-urlencoded"), {400}),
    ("invalid-utf8-in-resource-path", raw_get("/id/agency/%FF%FE"), {404}),
    ("nul-in-resource-path", raw_get("/id/agency/%00"), {404}),
    ("astral-plane-character-in-resource-path", raw_get("/id/agency/%F3%90%A5%92"), {404}),
    # path traversal
    ("dumps-dot-dot-etc-passwd", raw_get("/dumps/../../etc/passwd"), {404}),
    ("dumps-encoded-dot-dot", raw_get("/dumps/%2e%2e%2fbuild-report.json"), {404}),
    ("dumps-encoded-slashes", raw_get("/dumps/..%2F..%2F..%2Fetc%2Fpasswd"), {404}),
    ("id-dot-dot-etc-passwd", raw_get("/id/../../etc/passwd"), {404}),
    ("id-encoded-dot-dot", raw_get("/id/agency/%2e%2e"), {404}),
    ("id-encoded-traversal", raw_get("/id/agency/%2e%2e%2f%2e%2e%2fetc%2fpasswd"), {404}),
    # slow and many clients
    ("body-sent-slower-than-the-body-timeout", slow_body, {408}),
    ("request-head-never-finished", unfinished_head(dribble=False), {408}),
    ("request-head-sent-slower-than-the-header-timeout", unfinished_head(dribble=True), {408}),
    ("content-length-and-transfer-encoding", smuggling, {400}),
    ("8-concurrent-runaway-queries", concurrent_runaways, {503}),
    # wrong methods and bodies
    ("put-on-sparql", method("PUT", "/sparql"), {405}),
    ("delete-a-dump", method("DELETE", "/dumps/graph.ttl"), {405}),
    ("post-without-content-type", post(b"ASK {}", ""), {415}),
]
# HEAD and OPTIONS on every route
for _path in ("/", "/sparql", "/dumps", "/dumps/graph.ttl", SPP_PAGE):
    CASES.append((f"head-{_path}", method("HEAD", _path), {200}))
    CASES.append((f"options-{_path}", method("OPTIONS", _path), {204}))


@pytest.mark.parametrize("send, expected", [pytest.param(s, e, id=i) for i, s, e in CASES])
def test_hostile_request_gets_a_clean_answer_and_the_server_keeps_serving(hostile_url, send, expected):
    for reply in send(hostile_url):
        assert reply.status in expected, (reply.status, reply.body[:300])
        assert b"Traceback" not in reply.body
        if reply.status >= 400:
            assert reply.content_type.startswith("text/plain"), reply.content_type
            line = reply.body.decode("utf-8")
            assert line.endswith("\n") and line.strip() and "\n" not in line.strip(), line[:300]
    ask = httpx.get(hostile_url + "/sparql", params={"query": "ASK {}"}, timeout=15)
    assert ask.status_code == 200 and ask.json()["boolean"] is True


def test_a_connection_that_sends_nothing_is_closed_at_the_header_timeout(hostile_url):
    parts = urlsplit(hostile_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        received, seconds = _read_until_closed(sock, HEADER_TIMEOUT + 5)
    assert received == b"" and seconds < HEADER_TIMEOUT + 2


@pytest.mark.parametrize("scheme", ["http", "HTTP"])
def test_an_absolute_form_target_is_served_like_its_path(hostile_url, scheme):
    parts = urlsplit(hostile_url)
    target = f"{scheme}://{parts.netloc}/sparql?query=ASK%20%7B%7D".encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: elsewhere.example\r\nConnection: close\r\n\r\n")
        received, _ = _read_until_closed(sock, 10)
    reply = _raw_reply(received)
    assert reply.status == 200, received[:300]
    assert reply.body.strip() == b'{"head":{},"boolean":true}'


def test_a_request_head_past_what_is_read_is_a_431_naming_the_limit():
    import h11

    from service.http11 import _GuardedConnection
    connection = _GuardedConnection(h11.SERVER, 1000)
    connection.receive_data(b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 2000)
    with pytest.raises(h11.RemoteProtocolError):
        connection.next_event()
    assert connection.rejection == (431, "the request head is larger than the limit of 1000 bytes")


def test_head_has_the_headers_of_get_and_no_body(hostile_url):
    got = httpx.get(hostile_url + "/dumps", headers={"accept": "application/json"})
    head = httpx.head(hostile_url + "/dumps", headers={"accept": "application/json"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))


def test_options_names_the_methods_of_the_route(hostile_url):
    assert set(httpx.options(hostile_url + "/sparql").headers["allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert set(httpx.options(hostile_url + "/dumps").headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert httpx.options(hostile_url + "/no-such-page").status_code == 404
    preflight = httpx.options(hostile_url + "/sparql", headers={"origin": "https://example.org",
                                                                 "access-control-request-method": "POST"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"


def test_a_quoted_query_is_not_mistaken_for_deep_nesting(hostile_url):
    query = f'SELECT ?x WHERE {{ BIND("{"(" * 5000}" AS ?x) }}'
    answer = httpx.get(hostile_url + "/sparql", params={"query": query}, timeout=15)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["x"]["value"] == "(" * 5000


@pytest.mark.parametrize("iri", ["javascript:alert(document.domain)", "JavaScript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_an_iri_that_is_no_web_address_is_never_a_link(hostile_url, iri):
    query = f'SELECT ?x WHERE {{ BIND(IRI("{iri}") AS ?x) }}'
    page = httpx.get(hostile_url + "/sparql", params={"query": query, "format": "html"}, timeout=30)
    assert page.status_code == 200
    assert 'href="' + iri.split(":")[0] not in page.text and "href=\"" + iri.split(":")[0].lower() not in page.text
    assert "alert" in page.text or "msgbox" in page.text    # shown as text


@pytest.mark.parametrize("path", ["/", "/sparql?query=ASK%20%7B%7D", "/dumps", SPP_PAGE, "/nothing-here"])
def test_every_answer_forbids_scripts_and_sniffing(hostile_url, path):
    response = httpx.get(hostile_url + path, timeout=30)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
