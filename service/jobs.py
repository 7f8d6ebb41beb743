"""What a route asks of a query backend and what it gets back: the job, its answer or failure, and the
two ways a backend can fail to run it in time. Shared by the worker processes (``worker``), a remote
store (``remote``) and every route that evaluates a query (``evaluation``)."""

from __future__ import annotations

from dataclasses import dataclass

from .settings import DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_ROWS, DEFAULT_SERVICE_TIMEOUT


@dataclass(frozen=True)
class Job:
    """One query to evaluate and how to write its answer.

    ``result_format`` is used for SELECT and ASK, ``graph_format`` for CONSTRUCT and DESCRIBE.
    With ``default_graphs`` or ``named_graphs`` set the dataset is restricted to those graphs;
    otherwise the store's default graph (the union of all named graphs) is queried.
    """

    sparql: str
    result_format: str = "json"
    graph_format: str = "turtle"
    max_rows: int = DEFAULT_MAX_ROWS
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES     # the answer stops before it grows past this size
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    services: tuple[str, ...] = ()      # the SERVICE allow-list (see federation.py)
    service_timeout: float = DEFAULT_SERVICE_TIMEOUT     # seconds one SERVICE call may take
    base_iri: str | None = None         # resolves relative IRIs of the query (the endpoint's IRI)


@dataclass(frozen=True)
class Answer:
    """A worker's answer: the serialised body, what kind of result it is, its size and truncation."""

    form: str            # "solutions", "boolean" or "graph"
    body: bytes
    count: int           # rows or triples written (1 for a boolean)
    truncated: bool


@dataclass(frozen=True)
class Failure:
    """A query the engine refused (``syntax``) or could not evaluate (``error``)."""

    kind: str
    message: str


class QueryTimeout(Exception):
    """The query ran past the time limit; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free within the time limit."""
