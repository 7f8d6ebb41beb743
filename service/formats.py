"""Content negotiation in one table: media types, ``format=`` names, file suffixes and the engine's formats.

Query results (SELECT, ASK), graphs (CONSTRUCT, DESCRIBE, Linked Data pages) and HTML pages all choose
their representation here, from the ``Accept`` header with q-values or from an explicit name; the routes
and the query workers write it with the pyoxigraph format of the same table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyoxigraph

RESULTS = "results"   # SPARQL query results: SELECT and ASK
GRAPH = "graph"       # RDF graphs: CONSTRUCT, DESCRIBE, resource descriptions
HTML = "html"         # pages for people


@dataclass(frozen=True)
class Format:
    """One representation: its name (the worker's and ``format=``'s), kind, media type, aliases and suffix."""

    name: str
    kind: str
    media_type: str
    aliases: tuple[str, ...] = ()
    suffix: str | None = None

    @property
    def engine(self) -> pyoxigraph.QueryResultsFormat | pyoxigraph.RdfFormat | None:
        """The pyoxigraph format of this media type, which writes (and reads) it; None for HTML."""
        return engine_format_of(self.media_type, self.kind)


# Order matters: on equal preference the first format of a kind wins.
FORMATS: tuple[Format, ...] = (
    Format("json", RESULTS, "application/sparql-results+json", ("application/json", "text/javascript")),
    Format("xml", RESULTS, "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", RESULTS, "text/csv"),
    Format("tsv", RESULTS, "text/tab-separated-values"),
    Format("turtle", GRAPH, "text/turtle", ("application/turtle", "application/x-turtle", "text/n3",
                                            "text/rdf+n3", "application/n3"), ".ttl"),
    Format("ntriples", GRAPH, "application/n-triples", (), ".nt"),
    Format("jsonld", GRAPH, "application/ld+json", ("application/x-json+ld",), ".jsonld"),
    Format("rdfxml", GRAPH, "application/rdf+xml", (), ".rdf"),
    Format("trig", GRAPH, "application/trig"),
    Format("html", HTML, "text/html", ("application/xhtml+xml",), ".html"),
)

BY_NAME = {f.name: f for f in FORMATS}
BY_SUFFIX = {f.suffix: f for f in FORMATS if f.suffix}


def engine_format(name: str) -> pyoxigraph.QueryResultsFormat | pyoxigraph.RdfFormat:
    """The pyoxigraph format that writes the format called ``name`` (results or graph)."""
    return BY_NAME[name].engine


def engine_format_of(media_type: str, kind: str) -> pyoxigraph.QueryResultsFormat | pyoxigraph.RdfFormat | None:
    """The pyoxigraph format of a media type of ``kind`` (RESULTS or GRAPH), as the engine names them;
    None for a media type it does not know, or for HTML."""
    if kind == RESULTS:
        return pyoxigraph.QueryResultsFormat.from_media_type(media_type)
    if kind == GRAPH:
        return pyoxigraph.RdfFormat.from_media_type(media_type)
    return None

# ``format=`` values other clients send, per kind: SPARQLWrapper sends "json", "xml", "n3",
# "json-ld", "rdf+xml", "tsv", sometimes followed by the media type itself.
_PARAMETER_ALIASES: dict[str, dict[str, str]] = {
    RESULTS: {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "srj": "json", "srx": "xml"},
    GRAPH: {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
            "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
            "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "xml": "rdfxml", "rdf": "rdfxml", "trig": "trig"},
    HTML: {"html": "html"},
}


class UnknownFormat(ValueError):
    """A ``format=`` value that names no format at all."""


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 3 exact, 2 type/*, 1 */*, 0 not at all."""
        main, _, sub = media_type.partition("/")
        if self.type == main and self.subtype == sub:
            return 3
        if self.type == main and self.subtype == "*":
            return 2
        if self.type == "*" and self.subtype == "*":
            return 1
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; a missing or empty header accepts everything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        q = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        main, _, sub = media.partition("/")
        ranges.append(MediaRange(main, sub, q))
    return ranges


def _match(media_type: str, ranges: list[MediaRange]) -> tuple[int, float]:
    """The specificity and q-value of the most specific range matching ``media_type`` (the higher q on a tie)."""
    return max(((r.matches(media_type), r.q) for r in ranges if r.matches(media_type)), default=(0, 0.0))


def _quality(fmt: Format, ranges: list[MediaRange]) -> float:
    """The q-value the client gives to ``fmt``: that of the most specific range matching any of its types."""
    return max(_match(media_type, ranges) for media_type in (fmt.media_type, *fmt.aliases))[1]


def quality(media_type: str, accept: str | None) -> float:
    """The q-value an Accept header gives to one media type (0 when no range matches it)."""
    return _match(media_type, parse_accept(accept))[1]


@functools.lru_cache(maxsize=256)
def negotiate(accept: str | None, kinds: tuple[str, ...]) -> Format | None:
    """The format of one of ``kinds`` the client prefers, or None when it accepts none of them.

    On a tie the order of ``kinds`` and then of FORMATS decides, so a server preference is kept:
    ``*/*`` gives the first format of the first kind. (Kept per Accept header: clients send a few.)
    """
    ranges = parse_accept(accept)
    best: Format | None = None
    best_q = 0.0
    for kind in kinds:
        for fmt in FORMATS:
            if fmt.kind != kind:
                continue
            q = _quality(fmt, ranges)
            if q > best_q:
                best, best_q = fmt, q
    return best


@functools.lru_cache(maxsize=256)
def prefers_html(accept: str | None) -> bool:
    """True when the client rates text/html strictly above every RDF and results format (a browser)."""
    ranges = parse_accept(accept)
    html_q = _quality(BY_NAME["html"], ranges)
    others = max(_quality(f, ranges) for f in FORMATS if f.kind != HTML)
    return html_q > 0 and html_q > others


def from_parameter(values: list[str], kind: str) -> Format | None:
    """The format named by ``format=`` values for ``kind``.

    Returns None when none of the values suits ``kind`` although one names a format of another kind;
    raises UnknownFormat when no value names any format.
    """
    known = False
    for value in values:
        key = value.strip().lower()
        name = _PARAMETER_ALIASES[kind].get(key)
        if name is None:
            for fmt in FORMATS:
                if key in (fmt.media_type, *fmt.aliases):
                    name = fmt.name if fmt.kind == kind else None
                    known = True
                    break
        if name is not None:
            return BY_NAME[name]
        if any(key in aliases for aliases in _PARAMETER_ALIASES.values()):
            known = True
    if not known:
        raise UnknownFormat(f"unknown format {values[0]!r}; use one of: "
                            + ", ".join(f.name for f in FORMATS))
    return None


def media_type_header(fmt: Format) -> str:
    """The Content-Type value of ``fmt``, with the UTF-8 charset for textual formats."""
    if fmt.media_type.startswith("text/") or fmt.name in ("json", "jsonld", "ntriples"):
        return f"{fmt.media_type}; charset=utf-8"
    return fmt.media_type
