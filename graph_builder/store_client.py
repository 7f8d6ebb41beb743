"""A small HTTP client for writing to a SPARQL 1.1 store (used by ``spp-kg load``).

Requests are retried with exponential back-off on 5xx answers, timeouts and network errors; any
other refusal, or a store still failing after the retries, is an ``InputError`` naming the URL (exit
code 2). Credentials are sent the way the store asks for them (HTTP Basic or Digest).
"""

from __future__ import annotations

import time
from typing import Callable, Iterator

import httpx

from .errors import InputError

USER_AGENT = "spp-kg/0.1 (https://w3id.org/spp-kg; load)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class StoreError(InputError):
    """The store could not be reached, or it refused a request."""


class ChallengeAuth(httpx.Auth):
    """Answer the store's own challenge: Digest when it asks for Digest (Virtuoso), else Basic."""

    def __init__(self, user: str, password: str):
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        if self._scheme is not None:
            yield from self._scheme.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self._scheme = self._digest if challenge.startswith("digest") else self._basic
        yield from self._scheme.auth_flow(request)

    requires_request_body = True


def auth(user: str | None, password: str | None) -> httpx.Auth | None:
    """The authentication to use, or None without a user."""
    return ChallengeAuth(user, password or "") if user else None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


class StoreClient:
    """Sends requests to a store, with retries and one-line errors."""

    def __init__(self, user: str | None = None, password: str | None = None, timeout: float = 120.0,
                 retries: int = 5, backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep):
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.http = httpx.Client(auth=auth(user, password), timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
                                 headers={"User-Agent": USER_AGENT}, follow_redirects=False)

    def close(self) -> None:
        self.http.close()

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        """Send the request; retry on 5xx, 429, timeouts and network errors; raise StoreError otherwise."""
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                if last:
                    raise StoreError(f"cannot reach the store at {url} ({problem}) after {self.retries + 1} attempts") from None
            else:
                if response.status_code < 400:
                    return response
                problem = f"HTTP {response.status_code}: {_first_line(response.text)}"
                if response.status_code not in RETRY_STATUSES:
                    raise StoreError(f"the store at {url} refused the request ({problem})")
                if last:
                    raise StoreError(f"the store at {url} keeps failing ({problem}) after {self.retries + 1} attempts")
            self.sleep(min(60.0, self.backoff * 2 ** attempt))
        raise AssertionError("unreachable")
