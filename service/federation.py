"""SERVICE calls to other SPARQL endpoints: which are allowed, and the gateway every call goes through.

The rule, checked before a query runs (a refusal is a 400):
- a SERVICE endpoint must be written as an IRI (a variable endpoint is refused) and be on the
  allow-list, character for character. By default the list holds Wikidata's public endpoint only.
- an entry of the list is trusted as written, so an entry whose host is a literal IP address (such as
  ``http://127.0.0.1:7878/query``) is called even when that address is loopback or private.
- an entry whose host is a *name* is called only while every address the name resolves to is a public
  one: a name that resolves to a loopback, private, link-local or otherwise non-global address
  (``localhost``, an internal host, a rebinding trick) is refused when the call is made.

pyoxigraph makes SERVICE calls itself and offers no hook, no timeout and no proxy setting (it does refuse
to follow redirects). So a query worker rewrites every allowed SERVICE IRI to a gateway on a loopback
port of its own process, reachable only with a random path secret. The gateway forwards the call to
the real endpoint, connecting to the very address it vetted, under the remote time limit, without
following redirects and with a cap on the answer's size, and checks that the answer is SPARQL results;
any failure is reported to the client as the remote endpoint's failure (502, or 504 past the time limit).

This module is imported by the worker processes: standard library only (and light project modules;
pyoxigraph, which the workers load anyway, reads the remote answers).
"""

from __future__ import annotations

import http.client
import http.server
import ipaddress
import re
import secrets
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from graph_builder import querytext

from .settings import DEFAULT_SERVICES

WIKIDATA_SPARQL = DEFAULT_SERVICES[0]
NO_SERVICES = "none"                        # ``--allow-service none`` empties the list
MAX_REMOTE_BYTES = 64 * 1024 * 1024
USER_AGENT = "spp-kg-sparql/0.1 (https://w3id.org/spp-kg/; federated query)"
_FORWARDED_HEADERS = ("content-type", "accept")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """A SERVICE call this endpoint will not make; the message says which and why."""


class RemoteFailure(Exception):
    """A SERVICE call that was made and failed; ``timed_out`` when it ran past the remote time limit."""

    def __init__(self, message: str, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


def allow_list(added: Iterable[str], defaults: bool = True) -> tuple[str, ...]:
    """The endpoints SERVICE may call: the defaults (unless ``defaults`` is false) plus ``added``.

    ``none`` among ``added`` drops the defaults and every endpoint added before it.
    """
    endpoints = list(DEFAULT_SERVICES) if defaults else []
    for entry in added:
        if entry.strip().lower() == NO_SERVICES:
            endpoints = []
        elif entry not in endpoints:
            endpoints.append(entry)
    return tuple(endpoints)


def check_endpoint(endpoint: str) -> str | None:
    """Why an allow-list entry cannot be used (None when it can): it must be an absolute http(s) IRI."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{endpoint!r} is not an http(s) endpoint IRI"
    try:
        parts.port
    except ValueError:
        return f"{endpoint!r} has an invalid port"
    return None


def remote_timeout(service_timeout: float, query_timeout: float) -> float:
    """The time limit of one SERVICE call: at most ``service_timeout`` and always less than the query's."""
    return min(service_timeout, max(query_timeout - 1.0, query_timeout / 2))


def check_query(query: str, allowed: Iterable[str]) -> list[str]:
    """The SERVICE endpoints of ``query``; raise Refused for a variable or an endpoint not on the list."""
    allowed = tuple(allowed)
    endpoints = querytext.service_endpoints(query)
    for endpoint in endpoints:
        if endpoint.startswith(("?", "$")):
            raise Refused(f"SERVICE {endpoint} is not allowed: the endpoint of a SERVICE clause must be "
                          "an IRI on this endpoint's allow-list, not a variable")
        if endpoint not in allowed:
            listed = ", ".join(allowed) if allowed else "nothing"
            raise Refused(f"SERVICE <{endpoint}> is not allowed: this endpoint only calls the endpoints on "
                          f"its allow-list ({listed})")
    return endpoints


# ---- addresses ---------------------------------------------------------------------------------

def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for a globally routable unicast address: not loopback, private, link-local, reserved, ..."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast


def addresses_to_call(host: str, port: int) -> list[str]:
    """The addresses a call to ``host`` may connect to; raise Refused if a name leads somewhere private."""
    literal = _literal_address(host)
    if literal is not None:
        return [str(literal)]           # a listed literal address is trusted as written
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise RemoteFailure(f"the name {host} of a SERVICE endpoint cannot be resolved: {exc.strerror}") from None
    addresses = []
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not is_public(address):
            raise Refused(f"the SERVICE endpoint host {host} resolves to the non-public address {address}; "
                          "only a literal IP address on the allow-list may point to such an address")
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses


# ---- forwarding --------------------------------------------------------------------------------

class _Deadline:
    def __init__(self, endpoint: str, seconds: float):
        self.endpoint = endpoint
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        return remaining

    def expired(self) -> RemoteFailure:
        return RemoteFailure(f"the SERVICE endpoint {self.endpoint} did not answer within the limit of "
                             f"{self.seconds:g} s", timed_out=True)


def forward(endpoint: str, method: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[str, bytes]:
    """Send one SERVICE request to ``endpoint`` and return the answer's content type and body.

    Raises Refused (a name resolving to a non-public address) or RemoteFailure (unreachable, an HTTP
    error, a redirect - never followed -, an answer too large, or no answer within ``timeout`` s).
    """
    parts = urlsplit(endpoint)
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    deadline = _Deadline(endpoint, timeout)
    addresses = addresses_to_call(parts.hostname or "", port)
    sock = None
    error: Exception | None = None
    try:
        for address in addresses:
            try:
                sock = socket.create_connection((address, port), timeout=deadline.left())
                break
            except TimeoutError:
                raise deadline.expired() from None
            except OSError as exc:
                error = exc
        if sock is None:
            raise RemoteFailure(f"the SERVICE endpoint {endpoint} cannot be reached: {error}")
        connection_class = http.client.HTTPSConnection if secure else http.client.HTTPConnection
        connection = connection_class(parts.hostname, port, timeout=deadline.left())
        if secure:
            sock.settimeout(deadline.left())
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
        connection.sock = sock              # connect to the vetted address, not a second lookup
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = {"User-Agent": USER_AGENT, **headers}
        connection.request(method, target, body=body or None, headers=sent)
        sock.settimeout(deadline.left())
        response = connection.getresponse()
        if 300 <= response.status < 400:
            location = response.getheader("Location", "(no Location)")
            raise RemoteFailure(f"the SERVICE endpoint {endpoint} answered with a redirect ({response.status}) "
                                f"to {location}; redirects are not followed")
        if response.status != 200:
            detail = response.read(300).decode("utf-8", "replace").strip().splitlines()
            reason = f": {detail[0]}" if detail else ""
            raise RemoteFailure(f"the SERVICE endpoint {endpoint} answered HTTP {response.status}{reason}")
        chunks, size = [], 0
        while True:
            sock.settimeout(deadline.left())
            chunk = response.read1(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_REMOTE_BYTES:
                raise RemoteFailure(f"the answer of the SERVICE endpoint {endpoint} is larger than "
                                    f"{MAX_REMOTE_BYTES // (1024 * 1024)} MB")
            chunks.append(chunk)
        return response.getheader("Content-Type", ""), b"".join(chunks)
    except (TimeoutError, socket.timeout):
        raise deadline.expired() from None
    except ssl.SSLError as exc:
        raise RemoteFailure(f"TLS with the SERVICE endpoint {endpoint} failed: {exc.reason or exc}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise RemoteFailure(f"the SERVICE endpoint {endpoint} failed: {exc or type(exc).__name__}") from None
    finally:
        if sock is not None:
            sock.close()


def check_answer(endpoint: str, content_type: str, body: bytes) -> str:
    """The Content-Type to hand the engine with ``body`` (JSON when the endpoint sent none); raise
    RemoteFailure unless ``body`` is SPARQL results the engine reads (JSON, XML or TSV).

    The engine would fail on anything else with an error of its own, which would read as a fault of
    this endpoint; the gateway reads the answer once to say whose fault it is.
    """
    import pyoxigraph       # loaded by the worker anyway

    content_type = content_type or "application/sparql-results+json"
    media_type = content_type.split(";")[0].strip()[:100]
    results = pyoxigraph.QueryResultsFormat
    found = results.from_media_type(content_type)
    if found is None or found == results.CSV:
        raise RemoteFailure(f"the SERVICE endpoint {endpoint} answered {media_type}, not SPARQL results "
                            "(JSON, XML or TSV)")
    try:
        parsed = pyoxigraph.parse_query_results(body, format=found)
        if isinstance(parsed, pyoxigraph.QuerySolutions):
            for _ in parsed:
                pass
    except (SyntaxError, ValueError, MemoryError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RemoteFailure(f"the SERVICE endpoint {endpoint} answered {media_type} that is not valid "
                            f"SPARQL results: {reason}") from None
    return content_type


# ---- the gateway in each worker process --------------------------------------------------------

class ServiceGateway:
    """A loopback HTTP server in the worker process that pyoxigraph calls instead of remote endpoints."""

    def __init__(self) -> None:
        self.secret = secrets.token_urlsafe(18)
        self.routes: dict[str, tuple[str, float]] = {}     # route name -> (endpoint, time limit)
        self.failures: list[Exception] = []
        self._lock = threading.Lock()
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _relay(self) -> None:
                _, secret, name = (self.path.split("?")[0].split("/") + ["", ""])[:3]
                route = gateway.routes.get(name) if secrets.compare_digest(secret, gateway.secret) else None
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if route is None:
                    self._send(404, "text/plain", b"not found")
                    return
                endpoint, timeout = route
                if "?" in self.path:
                    endpoint += ("&" if "?" in endpoint else "?") + self.path.split("?", 1)[1]
                headers = {k: v for k, v in self.headers.items() if k.lower() in _FORWARDED_HEADERS}
                try:
                    content_type, answer = forward(endpoint, self.command, body, headers, timeout)
                    content_type = check_answer(route[0], content_type, answer)
                except (Refused, RemoteFailure) as exc:
                    with gateway._lock:
                        gateway.failures.append(exc)
                    self._send(502, "text/plain; charset=utf-8", str(exc).encode("utf-8"))
                    return
                self._send(200, content_type, answer)

            do_GET = do_POST = _relay

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, name="spp-kg-service-gateway", daemon=True).start()

    def address(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{self.secret}/{name}"

    def route(self, query: str, allowed: tuple[str, ...], timeout: float) -> str:
        """``query`` with each allowed SERVICE endpoint replaced by this gateway's address for it."""
        check_query(query, allowed)
        pieces, last = [], 0
        for start, end, endpoint in querytext.service_targets(query):
            name = str(allowed.index(endpoint))
            self.routes[name] = (endpoint, timeout)
            pieces += [query[last:start], f"<{self.address(name)}>"]
            last = end
        routed = "".join(pieces) + query[last:]
        # what reaches the engine calls nothing but this gateway
        for endpoint in querytext.service_endpoints(routed):
            if not endpoint.startswith(f"http://127.0.0.1:{self.port}/{self.secret}/"):
                raise Refused(f"SERVICE <{endpoint}> is not allowed")
        return routed

    def failure(self) -> Exception | None:
        """The last SERVICE call of the current query that was refused or failed, if any."""
        with self._lock:
            return self.failures[-1] if self.failures else None

    def scrub(self, message: str) -> str:
        """``message`` with the gateway's addresses replaced by the endpoints they stand for."""
        def real(match: re.Match[str]) -> str:
            route = self.routes.get(match.group(1))
            return route[0] if route else "a SERVICE endpoint"
        return re.sub(re.escape(f"http://127.0.0.1:{self.port}/{self.secret}/") + r"(\w+)", real, message)


_gateway: ServiceGateway | None = None


def gateway() -> ServiceGateway:
    """This process's gateway, started on first use."""
    global _gateway
    if _gateway is None:
        _gateway = ServiceGateway()
    return _gateway


def route(query: str, allowed: tuple[str, ...], timeout: float) -> str:
    """The query to give the engine: unchanged without SERVICE, else routed through the gateway.

    Raises Refused for a SERVICE endpoint that may not be called.
    """
    if _gateway is not None:
        _gateway.failures.clear()
    if not querytext.service_targets(query):
        return query
    return gateway().route(query, allowed, timeout)


def failure_of(message: str) -> tuple[str, str]:
    """The kind (``refused``, ``remote-timeout``, ``remote`` or ``error``) and message of a query failure."""
    if _gateway is None:
        return "error", message
    cause = _gateway.failure()
    if isinstance(cause, Refused):
        return "refused", str(cause)
    if isinstance(cause, RemoteFailure):
        return ("remote-timeout" if cause.timed_out else "remote"), str(cause)
    return "error", _gateway.scrub(message)
