"""Query execution by a remote SPARQL 1.1 store (``spp-kg serve --store URL``): the same interface as
the local ``WorkerPool`` (``start``, ``run``, ``close``, ``graphs``), so the routes do not know which
one answers.

Our front end still does everything before a query leaves (update and SERVICE refusals, syntax,
nesting, size, formats). The backend forwards the query text (with ``BASE`` set to the endpoint's
IRI) and the dataset, and always asks the store for SPARQL JSON results (or N-Triples / Turtle for
graphs): it reads them as a stream, stops after ``max_rows`` + 1 rows or triples and writes the answer
with pyoxigraph's own writers, as a local worker does, so every format of the local engine is offered
whatever the store supports. The time limit is enforced here: at ``timeout`` the call is abandoned
(503) and its connection is closed when the next bytes arrive or at the read timeout; configure the
store's own query timeout too, so that it stops working on it.

The default graph: with ``union_default_graph`` the store's own default graph is used as it is (the
store is configured so that it is the union of the named graphs: Oxigraph ``--union-default-graph``,
Virtuoso and GraphDB by default). Otherwise a query that names no dataset is sent with the protocol's
dataset: ``default-graph-uri`` and ``named-graph-uri`` = every named graph of the build, so the default
graph is their union on any SPARQL 1.1 store, and other graphs of the store stay out of sight.
"""

from __future__ import annotations

import asyncio
import gzip
import io
import itertools
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph

from graph_builder import querytext
from graph_builder.errors import InputError
from graph_builder.store_client import auth

from .formats import GRAPH, RESULTS, engine_format, engine_format_of
from .answer_writing import write_graph, write_solutions
from .jobs import Answer, Failure, Job, PoolBusy, QueryTimeout

USER_AGENT = "spp-kg/0.1 (https://w3id.org/spp-kg; serve)"
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


@dataclass(frozen=True)
class StoreSettings:
    """The remote store: its SPARQL endpoint, credentials, and whether its default graph is the union."""

    url: str
    user: str | None = None
    password: str | None = None
    union_default_graph: bool = False


class _Abandoned(Exception):
    """The caller gave up on this call (time limit)."""


class _Stream(io.RawIOBase):
    """The response body as a file for pyoxigraph's parsers; stops once the call is abandoned."""

    def __init__(self, response: httpx.Response, abandoned: threading.Event):
        self._chunks = response.iter_raw()
        self._pending = b""
        self._abandoned = abandoned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._abandoned.is_set():
            raise _Abandoned()
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def graph_names(nquads_gz: Path) -> list[str]:
    """The named graphs of a build's ``graph.nq.gz`` (the last term of each line)."""
    names: set[str] = set()
    with gzip.open(nquads_gz, "rt", encoding="utf-8") as lines:
        for line in lines:
            last = line.rstrip()[:-1].rstrip().rpartition(" ")[2]
            if last.startswith("<") and last.endswith(">"):
                names.add(last[1:-1])
    return sorted(names)


def store_error(url: str, exc: BaseException) -> InputError:
    return InputError(f"cannot reach the store at {url} ({type(exc).__name__}: {exc})")


def check_store(store: StoreSettings, timeout: float = 10.0) -> None:
    """Fail with one line naming the URL unless the store answers ``ASK {}``."""
    try:
        response = httpx.post(store.url, data={"query": "ASK {}"}, auth=auth(store.user, store.password),
                              headers={"Accept": "application/sparql-results+json", "User-Agent": USER_AGENT},
                              timeout=timeout)
    except httpx.HTTPError as exc:
        raise store_error(store.url, exc) from None
    if response.status_code >= 400:
        raise InputError(f"the store at {store.url} answered ASK {{}} with HTTP {response.status_code}")


class RemoteBackend:
    """Forwards jobs to a remote SPARQL endpoint with at most ``size`` queries at once."""

    def __init__(self, store: StoreSettings, graphs: list[str], size: int, prefixes: dict[str, str]):
        self.store = store
        self.graphs = sorted(graphs)
        self.size = max(1, size)
        self.prefixes = prefixes
        self._slots: asyncio.Semaphore | None = None
        # Abandoned calls keep their thread until their connection ends, so there are spare threads.
        self._threads = ThreadPoolExecutor(max_workers=4 * self.size + 2, thread_name_prefix="spp-kg-remote")
        self._http = httpx.Client(auth=auth(store.user, store.password), follow_redirects=False,
                                  headers={"User-Agent": USER_AGENT},
                                  limits=httpx.Limits(max_connections=4 * self.size + 2))

    async def start(self) -> None:
        self._slots = asyncio.Semaphore(self.size)

    def _request(self, job: Job) -> tuple[str, list[tuple[str, str]]]:
        query = f"BASE <{job.base_iri}>\n{job.sparql}" if job.base_iri else job.sparql
        form = [("query", query)]
        if job.default_graphs is not None or job.named_graphs is not None:
            form += [("default-graph-uri", g) for g in job.default_graphs or ()]
            form += [("named-graph-uri", g) for g in job.named_graphs or ()]
            if not job.default_graphs:
                # An empty default graph: no store accepts an empty list, so name a graph that is not there.
                form.append(("default-graph-uri", "urn:spp-kg:empty-graph"))
        elif not self.store.union_default_graph and not querytext.has_dataset_clause(job.sparql):
            form += [("default-graph-uri", g) for g in self.graphs]
            form += [("named-graph-uri", g) for g in self.graphs]
        return query, form

    def _call(self, job: Job, deadline: float, abandoned: threading.Event) -> Answer | Failure:
        _, form = self._request(job)
        remaining = max(0.05, deadline - time.monotonic())
        timeout = httpx.Timeout(remaining + 1.0, connect=min(10.0, remaining + 1.0))
        graph_query = querytext.query_keyword(job.sparql) in ("CONSTRUCT", "DESCRIBE")
        try:
            with self._http.stream("POST", self.store.url, content=urllib.parse.urlencode(form).encode(),
                                   headers={"Accept": GRAPH_ACCEPT if graph_query else RESULTS_ACCEPT,
                                            "Content-Type": "application/x-www-form-urlencoded"},
                                   timeout=timeout) as response:
                if response.status_code >= 400:
                    text = response.read().decode("utf-8", "replace")
                    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:300]
                    return Failure("remote", f"the store answered HTTP {response.status_code}: {line}")
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                body = _Stream(response, abandoned)
                results_format = engine_format_of(media_type, RESULTS)
                if results_format is not None and results_format != pyoxigraph.QueryResultsFormat.CSV:
                    result = pyoxigraph.parse_query_results(body, format=results_format)
                    if isinstance(result, pyoxigraph.QueryBoolean):
                        return Answer("boolean", result.serialize(format=engine_format(job.result_format)), 1, False)
                    return write_solutions(result, job)
                if (graph_format := engine_format_of(media_type, GRAPH)) is not None:
                    quads = pyoxigraph.parse(body, format=graph_format)
                    triples = (q.triple for q in itertools.islice(quads, job.max_rows + 1))
                    return write_graph(triples, job, self.prefixes)
                return Failure("remote", f"the store answered with an unexpected media type {media_type!r}")
        except _Abandoned:
            return Failure("remote-timeout", "abandoned")
        except httpx.TimeoutException:
            return Failure("remote-timeout", f"the store at {self.store.url} did not answer in time")
        except httpx.HTTPError as exc:
            return Failure("remote", f"cannot reach the store at {self.store.url} ({type(exc).__name__})")
        except Exception as exc:  # noqa: BLE001 - whatever the store sent, the answer is one line
            return Failure("remote", f"unreadable answer of the store: {str(exc).splitlines()[0] if str(exc) else exc!r}")

    async def run(self, job: Job, timeout: float, queue_timeout: float) -> Answer | Failure:
        """Evaluate ``job`` on the store within ``timeout`` seconds; PoolBusy when ``size`` queries are
        already running for ``queue_timeout`` seconds; QueryTimeout past the limit."""
        assert self._slots is not None, "RemoteBackend.start() was not awaited"
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + timeout
        wait = min(timeout, queue_timeout)
        try:
            await asyncio.wait_for(self._slots.acquire(), wait)
        except (asyncio.TimeoutError, TimeoutError):
            raise PoolBusy() from None
        abandoned = threading.Event()
        future = loop.run_in_executor(self._threads, self._call, job, deadline, abandoned)
        # The slot is free again when the call has really ended, not when it is abandoned.
        future.add_done_callback(lambda _: self._slots.release())
        try:
            outcome = await asyncio.wait_for(asyncio.shield(future), max(0.05, deadline - time.monotonic()))
        except (asyncio.TimeoutError, TimeoutError):
            abandoned.set()
            raise QueryTimeout() from None
        except BaseException:
            abandoned.set()
            raise
        if isinstance(outcome, Failure) and outcome.kind == "remote-timeout":
            raise QueryTimeout()
        return outcome

    async def close(self) -> None:
        self._threads.shutdown(wait=False)
        self._http.close()
