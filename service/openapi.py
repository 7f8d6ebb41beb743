"""An honest OpenAPI document: what the routes really accept and answer.

The routes read the SPARQL protocol themselves (so FastAPI sees no parameters) and answer RDF, SPARQL
results or HTML (where FastAPI would claim ``application/json``), and every error is one line of
``text/plain``. This module patches the generated document from one table, so the schema stays next
to nothing else and tools such as schemathesis can check the service against it.
"""

from __future__ import annotations

import warnings
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

_STRING = {"schema": {"type": "string"}}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
RDF = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
RESULTS = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")
_DUMP_MEDIA_TYPES = ("text/turtle", "application/trig", "application/gzip", "application/ld+json", "text/csv",
                     "application/csvm+json")
_DUMPS_LISTING = {"schema": {"type": "object", "required": ["dumps"], "properties": {"dumps": {"type": "array", "items": {
    "type": "object", "required": ["name", "url", "media_type", "size", "sha256"],
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}, "media_type": {"type": "string"},
                   "content_type": {"type": ["string", "null"]}, "size": {"type": "integer"},
                   "statements": {"type": ["integer", "null"]}, "sha256": {"type": "string"}}}}}}}

ERRORS = {
    "400": "bad request: a syntax error, an unknown format, a query nested too deep, a SERVICE not allowed",
    "403": "an update: the endpoint is read-only",
    "404": "no such resource, dump or page",
    "405": "the method is not allowed here",
    "406": "none of the accepted media types can express the answer",
    "408": "the request head or body did not arrive within its time limit",
    "413": "the query or request body is larger than the limit",
    "415": "a POST body that is neither a form nor application/sparql-query, or not UTF-8",
    "416": "the requested range is outside the file",
    "431": "the request line and headers are larger than the limit",
    "500": "the query engine could not evaluate the query",
    "502": "a SERVICE endpoint answered with an error or with something that is not SPARQL results",
    "503": "the query ran past the time limit, or every query worker stayed busy (server busy)",
    "504": "a SERVICE endpoint did not answer in time",
}
_ANY_REQUEST = ("405", "408", "431")
_QUERY_ERRORS = ("400", "403", "406", "413", "500", "502", "503", "504")


def _content(media_types: tuple[str, ...], body: dict | None = None) -> dict:
    return {media: (body or _STRING) for media in media_types}


def _parameter(name: str, description: str, array: bool = False, where: str = "query") -> dict:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}} if array else {"type": "string"}
    return {"name": name, "in": where, "required": where == "path", "schema": schema, "description": description,
            **({"style": "form", "explode": True} if array else {})}


_SPARQL_PARAMETERS = [
    _parameter("query", "the SPARQL query (without it: the Service Description)"),
    _parameter("default-graph-uri", "a graph of the default graph (repeatable)", array=True),
    _parameter("named-graph-uri", "a named graph of the dataset (repeatable)", array=True),
    _parameter("format", "json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml or html (instead of Accept)"),
]
_SPARQL_FORM = {"type": "object", "properties": {
    "query": {"type": "string"}, "format": {"type": "string"},
    "default-graph-uri": {"type": "array", "items": {"type": "string"}},
    "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}

# path -> method -> (200 media types, error codes, extra parts of the operation)
OPERATIONS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...], dict]]] = {
    "/": {"get": (("text/html",), (), {})},
    "/docs": {"get": (("text/html",), (), {})},
    "/ontology": {"get": (("text/html", "text/turtle"), ("406",), {})},
    "/ontology.ttl": {"get": (("text/turtle",), (), {})},
    "/shapes": {"get": (("text/turtle", *RDF[1:]), ("404", "406"), {})},
    "/.well-known/void": {"get": (("text/turtle", *RDF[1:]), ("404", "406"), {})},
    "/sparql": {
        "get": ((*RESULTS, *RDF, "text/html"), _QUERY_ERRORS, {"parameters": _SPARQL_PARAMETERS}),
        "post": ((*RESULTS, *RDF, "text/html"), (*_QUERY_ERRORS, "415"), {
            "parameters": _SPARQL_PARAMETERS[1:],
            "requestBody": {"required": True, "content": {
                "application/x-www-form-urlencoded": {"schema": _SPARQL_FORM},
                "application/sparql-query": _STRING}}}),
    },
    "/dumps": {"get": (("application/json", "text/html"), (), {
        "parameters": [_parameter("format", "json for the listing as JSON")]})},
    "/dumps/{name}": {
        "get": (_DUMP_MEDIA_TYPES, ("404", "416"), {}),
        "head": (_DUMP_MEDIA_TYPES, ("404",), {}),
    },
    "/id/{path}": {
        "get": ((*RDF, "text/html"), ("404", "406", "500", "503"), {}),
        "head": ((*RDF, "text/html"), ("404", "406", "500", "503"), {}),
    },
}


_SEARCH_HITS = {"schema": {"type": "object", "required": ["query", "total", "offset", "limit", "hits"], "properties": {
    "query": {"type": "string"}, "total": {"type": "integer"}, "offset": {"type": "integer"},
    "limit": {"type": "integer"}, "previous": {"type": ["string", "null"]}, "next": {"type": ["string", "null"]},
    "hits": {"type": "array", "items": {"type": "object", "required": ["resource", "page", "matched", "snippet"],
        "properties": {"resource": {"type": "string"}, "page": {"type": "string"}, "kind": {"type": "string"},
                       "name": {"type": "string"}, "labels": {"type": "object"},
                       "matched": {"type": "string", "enum": ["names", "text", "quote"]},
                       "language": {"type": "string"}, "score": {"type": "number"}, "snippet": {"type": "string"},
                       "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
                       "evidence": {"type": "string"}, "evidencePage": {"type": "string"},
                       "document": {"type": "string"}, "documentName": {"type": "string"}}}}}}}
_SEARCH_PARAMETERS = [
    _parameter("q", "the words to search for, English or Chinese (at most 200 characters); every word must occur"),
    _parameter("limit", "hits per page, 1 to 100 (20)"),
    _parameter("offset", "hits to skip, 0 to 10000 (0)"),
]


def _search_operation(media_types: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], dict]:
    content = {media: (_SEARCH_HITS if media == "application/json" else _STRING) for media in media_types}
    return media_types, ("400", "404", "503"), {"parameters": _SEARCH_PARAMETERS, "responses": {
        "200": {"description": "the hits, best first (BM25)", "content": content}}}


OPERATIONS["/search"] = {"get": _search_operation(("text/html", "application/json"))}
OPERATIONS["/search.json"] = {"get": _search_operation(("application/json",))}


def _patch(operation: dict, media_types: tuple[str, ...], errors: tuple[str, ...], extra: dict, path: str) -> None:
    ok = operation.setdefault("responses", {}).setdefault("200", {"description": "the answer"})
    ok["content"] = _content(media_types, _DUMPS_LISTING if path == "/dumps" else
                             (_BINARY if path == "/dumps/{name}" else None))
    if path == "/dumps":
        ok["content"]["text/html"] = _STRING
    if path == "/dumps/{name}":
        operation["responses"]["206"] = {"description": "the requested byte range", "content": _content(media_types, _BINARY)}
        operation["responses"]["304"] = {"description": "not modified (If-None-Match, If-Modified-Since)"}
    for key, value in extra.items():
        operation[key] = value
    _errors(operation, errors)


def _errors(operation: dict, errors: tuple[str, ...]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)      # validation errors are answered as 400 text/plain
    for code in (*errors, *_ANY_REQUEST):
        responses[code] = {"description": ERRORS[code], "content": {"text/plain": _STRING}}


def build_openapi(app: FastAPI) -> dict:
    """The OpenAPI document of ``app`` with the real parameters, media types and errors."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Duplicate Operation ID")   # GET and HEAD of one route
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            if method == "head" and "operationId" in operation:
                operation["operationId"] += "_head"
            known = OPERATIONS.get(path, {}).get(method)
            if known is not None:
                _patch(operation, *known, path)
            else:
                _errors(operation, ("400", "404", "406", "503"))
                ok = operation.get("responses", {}).get("200", {})
                if ok.get("content") == {"application/json": {"schema": {}}}:
                    # FastAPI's guess for a route returning a Response: the media type is not known here
                    # (list the route in OPERATIONS to document it).
                    ok["content"] = {"*/*": {"schema": {}}}
    schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
    schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
    if not schema.get("components", {}).get("schemas"):
        schema.get("components", {}).pop("schemas", None)
    if not schema.get("components"):
        schema.pop("components", None)
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve the honest document at /openapi.json (built once, on first request)."""
    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
