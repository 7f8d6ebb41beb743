"""A polite, cached client for a remote SPARQL endpoint (used by ``spp-kg link``).

Every answer is kept on disk under a key that is the SHA-256 of endpoint and query, so that a rerun
works offline. Network requests identify the project in their User-Agent, are spaced out (at most one
per ``min_interval`` seconds), time out, and are retried with exponential back-off on 429, 5xx and
network errors, honouring ``Retry-After``.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import socket
import tempfile
import time
import urllib.error
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from .errors import InputError

USER_AGENT = "spp-kg/0.1 (https://w3id.org/spp-kg; reconciliation)"
DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0


class EndpointError(InputError):
    """The SPARQL endpoint could not be used (unreachable after retries, or it refused the query)."""


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/spp-kg/link``, or ``~/.cache/spp-kg/link``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spp-kg" / "link"


def cache_key(endpoint: str, query: str) -> str:
    """The cache file name of a query: SHA-256 of endpoint and query text."""
    return hashlib.sha256(f"{endpoint}\n{query}".encode("utf-8")).hexdigest()


def _retry_after(headers: Any) -> float | None:
    """Seconds to wait from a Retry-After header (a number or an HTTP date), when present."""
    value = headers.get("Retry-After") if headers is not None else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, min((when - datetime.now(timezone.utc)).total_seconds(), MAX_RETRY_AFTER))


@dataclass
class SparqlClient:
    """Run SELECT queries against one endpoint with caching, rate limiting and retries."""

    endpoint: str = DEFAULT_ENDPOINT
    cache_dir: Path = field(default_factory=default_cache_dir)
    min_interval: float = 1.0        # seconds between two network requests
    timeout: float = 30.0            # seconds per request
    retries: int = 3                 # further attempts after the first
    backoff: float = 1.0             # first back-off in seconds, doubled on each retry
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = 0
    cache_hits: int = 0
    _last_request: float | None = None

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """The bindings of a SELECT query (SPARQL JSON results), from the cache when there."""
        path = self.cache_dir / f"{cache_key(self.endpoint, query)}.json"
        if path.is_file():
            try:
                cached = json.loads(path.read_text(encoding="utf-8"))
                self.cache_hits += 1
                return cached["response"]["results"]["bindings"]
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged cache entry is fetched again
        response = self._fetch(query)
        try:
            bindings = response["results"]["bindings"]
        except (KeyError, TypeError):
            raise EndpointError(f"SPARQL endpoint {self.endpoint} did not answer with SELECT results") from None
        self._store(path, query, response)
        return bindings

    def _store(self, path: Path, query: str, response: dict[str, Any]) -> None:
        record = {"endpoint": self.endpoint, "query": query,
                  "fetched": datetime.now(timezone.utc).isoformat(timespec="seconds"), "response": response}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp",
                                             delete=False) as handle:
                json.dump(record, handle, ensure_ascii=False)
            os.replace(handle.name, path)
        except OSError as exc:
            raise InputError(f"cannot write the link cache: {exc.strerror}", path.parent) from None

    def _wait_for_slot(self) -> None:
        if self._last_request is not None and self.min_interval > 0:
            remaining = self.min_interval - (time.monotonic() - self._last_request)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request = time.monotonic()

    def _request(self, query: str) -> dict[str, Any]:
        from SPARQLWrapper import GET, JSON, SPARQLWrapper

        wrapper = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        wrapper.setMethod(GET)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, int(round(self.timeout))))
        wrapper.setQuery(query)
        result = wrapper.query()
        body = result.response.read()
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise EndpointError(f"SPARQL endpoint {self.endpoint} answered with something that is not "
                                f"SPARQL JSON results") from None

    def _fetch(self, query: str) -> dict[str, Any]:
        from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

        attempts = self.retries + 1
        problem = "no answer"
        for attempt in range(attempts):
            self._wait_for_slot()
            wait: float | None = None
            try:
                self.requests_made += 1
                return self._request(query)
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES:
                    raise EndpointError(f"SPARQL endpoint {self.endpoint} refused the query: HTTP {exc.code} "
                                        f"{exc.reason}") from None
                problem = f"HTTP {exc.code} {exc.reason}"
                wait = _retry_after(exc.headers)
            except EndPointInternalError:
                problem = "HTTP 500 internal error"
            except SPARQLWrapperException as exc:
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise EndpointError(f"SPARQL endpoint {self.endpoint} refused the query: {first_line}") from None
            except urllib.error.URLError as exc:
                problem = str(getattr(exc, "reason", exc)) or "network error"
            except (socket.timeout, TimeoutError):
                problem = f"no answer within {self.timeout:g} s"
            except (ConnectionError, OSError) as exc:
                problem = exc.strerror or str(exc) or type(exc).__name__
            if attempt + 1 < attempts:
                self.sleep(wait if wait is not None else self.backoff * 2 ** attempt)
        raise EndpointError(f"SPARQL endpoint {self.endpoint} unreachable after {attempts} attempt(s): {problem}")
