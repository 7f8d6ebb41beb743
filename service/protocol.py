"""Read a SPARQL 1.1 Protocol request: the query, the dataset and the wanted format, or a clear 4xx."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph
from starlette.requests import Request

from .errors import ServiceError

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted (use the dumps to get a copy of the data)"


@dataclass
class ProtocolRequest:
    """What a request to /sparql asks for."""

    query: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)


def decode_parameters(raw: bytes, where: str) -> list[tuple[str, str]]:
    """Percent-decode ``name=value&...`` strictly as UTF-8; a bad byte is a 400."""
    try:
        text = raw.decode("utf-8")
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ServiceError(400, f"the {where} is not valid UTF-8") from None


def _media_type(request: Request) -> tuple[str, dict[str, str]]:
    header = request.headers.get("content-type", "")
    media, *parameters = [p.strip() for p in header.split(";")]
    values = {}
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        values[key.strip().lower()] = value.strip().strip('"').lower()
    return media.lower(), values


async def _read_body(request: Request, max_bytes: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise ServiceError(413, f"the request body is larger than the limit of {max_bytes} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise ServiceError(413, f"the request body is larger than the limit of {max_bytes} bytes")
    return body


def _graph_iri(parameter: str, value: str) -> str:
    """A graph named by the request: an absolute IRI, else a 400 naming the parameter."""
    try:
        pyoxigraph.NamedNode(value)
    except ValueError:
        raise ServiceError(400, f"{parameter}={value[:200]!r} is not an absolute IRI") from None
    return value


def _collect(request: ProtocolRequest, parameters: list[tuple[str, str]], queries: list[str]) -> None:
    for name, value in parameters:
        if name == "update":
            raise ServiceError(403, READ_ONLY)
        if name == "query":
            queries.append(value)
        elif name == "default-graph-uri":
            request.default_graphs.append(_graph_iri(name, value))
        elif name == "named-graph-uri":
            request.named_graphs.append(_graph_iri(name, value))
        elif name == "format":
            request.formats.append(value)


async def read_request(request: Request, max_bytes: int) -> ProtocolRequest:
    """Parse a GET or POST request to /sparql into a ProtocolRequest; raise ServiceError on bad input."""
    parsed = ProtocolRequest()
    queries: list[str] = []
    _collect(parsed, decode_parameters(request.scope.get("query_string", b""), "query string"), queries)
    in_url = len(queries)
    if request.method == "POST":
        media, parameters = _media_type(request)
        if media == SPARQL_UPDATE:
            raise ServiceError(403, READ_ONLY)
        if media not in (FORM, SPARQL_QUERY):
            raise ServiceError(415, "POST a query as application/x-www-form-urlencoded (query=...) or as "
                                    f"application/sparql-query, not {media or 'a body without Content-Type'}")
        charset = parameters.get("charset", "utf-8")
        if charset not in ("utf-8", "utf8"):
            raise ServiceError(415, f"only UTF-8 request bodies are accepted, not charset={charset}")
        body = await _read_body(request, max_bytes)
        if media == FORM:
            _collect(parsed, decode_parameters(body, "form body"), queries)
        else:
            if in_url:
                raise ServiceError(400, "the query is both in the URL and in the request body; send it once")
            try:
                queries.append(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise ServiceError(400, "the request body is not valid UTF-8") from None
        if media == FORM and in_url and len(queries) > in_url:
            raise ServiceError(400, "the query is both in the URL and in the request body; send it once")
    if len(queries) > 1:
        raise ServiceError(400, "more than one query= parameter; send exactly one query")
    parsed.query = queries[0] if queries else None
    if parsed.query is not None and len(parsed.query.encode("utf-8")) > max_bytes:
        raise ServiceError(413, f"the query is larger than the limit of {max_bytes} bytes")
    return parsed
