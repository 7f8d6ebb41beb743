"""The machine-readable twins of every HTML page, announced in its ``Link`` header (RFC 8288).

An HTML page answers with ``Link: </statistics.json>; rel="alternate"; type="application/json"``, one
entry per twin, so a program that fetched a page finds the data behind it without scraping it.
``TWINS`` is the one table of which page has which twins; ``AnnounceTwins`` adds the header to every
successful HTML answer of the application.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import Message, Scope

from . import formats
from .answer_headers import AddAnswerHeaders


@dataclass(frozen=True)
class Alternate:
    """A twin of a page: where it is and its media type."""

    href: str
    media_type: str

    def link_value(self) -> str:
        """This twin as one entry of a Link header (the address percent-encoded where it must be)."""
        return f'<{quote(self.href, safe="/:?=&#%,;+@!$*()~.-_")}>; rel="alternate"; type="{self.media_type}"'


def _with_query(path: str, query: str, **changes: str | None) -> str:
    """``path`` with the parameters of ``query``, some replaced (None drops one)."""
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k not in changes]
    params += [(k, v) for k, v in changes.items() if v is not None]
    return path + ("?" + urlencode(params) if params else "")


def _resource(path: str, query: str) -> list[Alternate]:
    return [Alternate(path + suffix, f.media_type) for suffix, f in formats.BY_SUFFIX.items() if f.kind == formats.GRAPH]


def _json(path: str, query: str) -> list[Alternate]:
    return [Alternate(_with_query(path + ".json", query), "application/json")]


def _sparql(path: str, query: str) -> list[Alternate]:
    if "query=" not in query:
        return [Alternate("/sparql", "text/turtle")]        # the service description
    return [Alternate(_with_query("/sparql", query, format=None), "application/sparql-results+json")]


# (path pattern, the twins of a page at a path matching it)
TWINS: tuple[tuple[re.Pattern, Callable[[str, str], list[Alternate]]], ...] = (
    (re.compile(r"^/$"), lambda path, query: [Alternate("/.well-known/void", "text/turtle"),
                                              Alternate("/dumps?format=json", "application/json")]),
    (re.compile(r"^/sparql$"), _sparql),
    (re.compile(r"^/dumps$"), lambda path, query: [Alternate("/dumps?format=json", "application/json")]),
    (re.compile(r"^/ontology$"), lambda path, query: [Alternate("/ontology.ttl", "text/turtle")]),
    (re.compile(r"^/docs$"), lambda path, query: [Alternate("/openapi.json", "application/json")]),
    (re.compile(r"^/search$"), _json),
    (re.compile(r"^/statistics(/[^/]+)?$"), _json),
    (re.compile(r"^/id/$"), lambda path, query: [Alternate("/id.json", "application/json")]),
    (re.compile(r"^/id/[^/]+$"), _json),                   # the listing of a kind
    (re.compile(r"^/id/[^/]+/.+$"), _resource),
)


def twins(path: str, query: str = "") -> list[Alternate]:
    """The machine-readable twins of the HTML page at ``path`` (with query string ``query``)."""
    for pattern, found in TWINS:
        if pattern.match(path):
            return found(path, query)
    return []


class AnnounceTwins(AddAnswerHeaders):
    """Add a Link header naming the twins to every successful HTML answer of ``app``."""

    def extra(self, scope: Scope, start: Message) -> list[tuple[bytes, bytes]]:
        headers = dict(start.get("headers", []))
        if start["status"] != 200 or not headers.get(b"content-type", b"").startswith(b"text/html"):
            return []
        found = twins(scope["path"], scope.get("query_string", b"").decode("latin-1"))
        return [(b"link", ", ".join(a.link_value() for a in found).encode("latin-1"))] if found else []
