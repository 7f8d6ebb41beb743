"""/sparql: the SPARQL 1.1 Protocol (query only), with limits, content negotiation and read-only safety."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from graph_builder import querytext

from . import federation, formats
from .answer_cache import answer_tag, matches, repeatable
from .description import serialize_description, service_description
from .errors import ServiceError
from .evaluation import TRUNCATED_HEADER, evaluate
from .formats import GRAPH, HTML, RESULTS, Format
from .limits import check_nesting
from .protocol import READ_ONLY, ProtocolRequest, read_request
from .sparqlpage import answer_page, query_page
from .state import ServiceState, service_state
from .jobs import Job

router = APIRouter()

_FORMS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def endpoint_iri(state: ServiceState) -> str:
    """The endpoint's published IRI: the base against which relative IRIs of a query are resolved."""
    return f"{state.dist.base_iri}sparql"


def query_form(query: str, settings_allow: tuple[str, ...]) -> str | None:
    """Check a query text before it runs and return its form: "solutions", "boolean" or "graph".

    Refuses updates (403) and SERVICE calls to endpoints not on the allow-list (400). Nothing here
    evaluates the query, nor even hands it to the engine (pyoxigraph evaluates an ASK as soon as it
    parses it): the form is read from the keyword after the prologue, a bounded scan on the event
    loop. Syntax errors are found by the worker, under the time limit. Returns None when the keyword
    cannot be read (the worker then says what is wrong with the query).
    """
    if querytext.is_update(query):
        raise ServiceError(403, READ_ONLY)
    try:
        federation.check_query(query, settings_allow)
    except federation.Refused as exc:
        raise ServiceError(400, str(exc)) from None
    return _FORMS.get(querytext.query_keyword(query) or "")


def choose_format(request: Request, wanted: list[str], kind: str) -> Format:
    """The answer's format: ``format=`` first, else the Accept header (HTML only when a browser prefers it)."""
    if wanted:
        try:
            fmt = formats.from_parameter(wanted, HTML) or formats.from_parameter(wanted, kind)
        except formats.UnknownFormat as exc:
            raise ServiceError(400, str(exc)) from None
        if fmt is None:
            raise ServiceError(406, f"format={wanted[0]} cannot express this kind of answer ({kind})")
        return fmt
    accept = request.headers.get("accept")
    if formats.prefers_html(accept):
        return formats.BY_NAME["html"]
    fmt = formats.negotiate(accept, (kind,))
    if fmt is None:
        offered = ", ".join(f.media_type for f in formats.FORMATS if f.kind == kind)
        raise ServiceError(406, f"none of the accepted media types can express this answer; offered: {offered}")
    return fmt


def _formats_for_any_form(request: Request, wanted: list[str]) -> dict[str, Format | None]:
    """The answer's format for each form, when the form is known only after evaluation."""
    chosen: dict[str, Format | None] = {}
    for form, kind in (("solutions", RESULTS), ("boolean", RESULTS), ("graph", GRAPH)):
        try:
            chosen[form] = choose_format(request, wanted, kind)
        except ServiceError as exc:
            if exc.status != 406:
                raise
            chosen[form] = None
    if not any(chosen.values()):
        choose_format(request, wanted, RESULTS)   # raises the 406
    return chosen


def _job(state: ServiceState, parsed: ProtocolRequest, results: Format | None, graph: Format | None) -> Job:
    query = parsed.query or ""
    explicit = bool(parsed.default_graphs or parsed.named_graphs)
    result_format = results.name if results is not None and results.kind == RESULTS else "json"
    graph_format = graph.name if graph is not None and graph.kind == GRAPH else "turtle"
    return Job(sparql=query, result_format=result_format, graph_format=graph_format,
               max_rows=state.settings.max_rows, max_answer_bytes=state.settings.max_answer_bytes,
               default_graphs=tuple(parsed.default_graphs) if explicit else None,
               named_graphs=tuple(parsed.named_graphs) if explicit else None,
               base_iri=endpoint_iri(state),
               services=state.settings.service_allow_list,
               service_timeout=federation.remote_timeout(state.settings.service_timeout, state.settings.timeout))


def _description(request: Request, state: ServiceState, wanted: list[str]) -> Response:
    if not wanted and formats.prefers_html(request.headers.get("accept")):
        s = state.settings
        limits = (f"Limits: {s.timeout:g} s per query, {s.max_rows} rows per answer, "
                  f"{s.max_query_bytes} bytes per query.")
        return HTMLResponse(query_page(state.examples, limits), headers={"Vary": "Accept"})
    fmt = choose_format(request, wanted, GRAPH)
    if fmt.kind == HTML:
        return HTMLResponse(query_page(state.examples, ""), headers={"Vary": "Accept"})
    endpoint = str(request.url.replace(query=None, fragment=None))
    triples = service_description(endpoint, state.pool.graphs, state.dist.report.get("triples"),
                                  federated=bool(state.settings.service_allow_list))
    body = serialize_description(triples, fmt.engine)
    return Response(body, media_type=formats.media_type_header(fmt), headers={"Vary": "Accept"})


async def _answer(request: Request) -> Response:
    state = service_state(request)
    parsed = await read_request(request, state.settings.max_query_bytes)
    if parsed.query is None:
        if request.method == "POST":
            raise ServiceError(400, "no query: send query=... (or the query itself as application/sparql-query)")
        return _description(request, state, parsed.formats)
    check_nesting(parsed.query, state.settings.max_nesting)
    form = query_form(parsed.query, state.settings.service_allow_list)
    if form is None:
        chosen = _formats_for_any_form(request, parsed.formats)
    else:
        fmt = choose_format(request, parsed.formats, GRAPH if form == "graph" else RESULTS)
        chosen = {form: fmt}
    job = _job(state, parsed, chosen.get("solutions") or chosen.get("boolean"), chosen.get("graph"))
    headers = {"Vary": "Accept"}
    if state.answers is not None and repeatable(job.sparql):
        representation = ",".join(f"{form}={fmt.name if fmt else ''}" for form, fmt in sorted(chosen.items()))
        headers["ETag"] = answer_tag(state.graph_digest, job, representation)
        if matches(request.headers.get("if-none-match"), headers["ETag"]):
            return Response(status_code=304, headers=headers)
    answer = await evaluate(state, job)
    fmt = chosen.get(answer.form)
    if fmt is None:
        raise ServiceError(406, "none of the accepted media types can express this answer")
    if answer.truncated:
        headers[TRUNCATED_HEADER] = "true"
    if fmt.kind == HTML:
        html = answer_page(parsed.query, answer.form, answer.body, answer.count, answer.truncated,
                           state.links, state.settings.max_rows)
        return HTMLResponse(html, headers=headers)
    return Response(answer.body, media_type=formats.media_type_header(fmt), headers=headers)


@router.get("/sparql", summary="SPARQL query (GET query=), or the service description without a query")
async def sparql_get(request: Request) -> Response:
    """SPARQL 1.1 Protocol query via GET; without ``query=`` the Service Description (or a form for browsers)."""
    return await _answer(request)


@router.post("/sparql", summary="SPARQL query (POST form or application/sparql-query)")
async def sparql_post(request: Request) -> Response:
    """SPARQL 1.1 Protocol query via POST, URL-encoded (``query=``) or directly (application/sparql-query)."""
    return await _answer(request)
