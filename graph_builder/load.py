"""``spp-kg load``: push a built graph (``dist/graph.nq.gz``) into any SPARQL 1.1 store, named graphs kept.

Statements go in batches, graph after graph, through the SPARQL 1.1 Graph Store HTTP Protocol when a
graph store URL is given (the first batch of a graph is a PUT, which replaces the graph; the next ones
are POSTs, which add to it; N-Triples) or else through SPARQL 1.1 Update at the (update) endpoint (the first
batch is ``CLEAR SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, the next ones ``INSERT DATA``).

After each batch a small progress file next to the build (``.load-progress-<hash of the target>.json``)
records the SHA-256 of ``graph.nq.gz`` and how many statements of each graph are in the store, so a
load that was interrupted continues where it stopped when it is run again. Sending a batch twice is
harmless: the graphs have no blank nodes, and a graph is a set. A different build, or ``restart``,
starts over: the graphs are dropped first.

The union of the named graphs is not loaded as the store's default graph: stores offer it themselves
(see README, "Large deployments"), or ``spp-kg serve --store`` asks for it through the protocol.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import httpx
import pyoxigraph

from .errors import InputError
from .store_client import StoreClient, StoreError

DEFAULT_BATCH_SIZE = 10_000
_DEFAULT_GRAPH = ""    # key of the default graph's statements (a build has none; kept for other dumps)


@dataclass(frozen=True)
class LoadOptions:
    """Where to load (``endpoint``, optionally ``graph_store``), what (``dist``) and how."""

    endpoint: str
    dist: Path
    graph_store: str | None = None
    update_endpoint: str | None = None      # where SPARQL Update goes (default: ``endpoint``)
    batch_size: int = DEFAULT_BATCH_SIZE
    user: str | None = None
    password: str | None = None
    restart: bool = False
    timeout: float = 120.0
    retries: int = 5


def read_graphs(dist: Path) -> tuple[str, dict[str, list[pyoxigraph.Triple]]]:
    """The SHA-256 of ``graph.nq.gz`` and its statements by graph name, in the file's (sorted) order."""
    path = dist / "graph.nq.gz"
    try:
        data = path.read_bytes()
        nquads = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read the built graph ({exc}): run 'spp-kg build' first", path) from None
    graphs: dict[str, list[pyoxigraph.Triple]] = {}
    try:
        for quad in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS):
            name = quad.graph_name.value if isinstance(quad.graph_name, pyoxigraph.NamedNode) else _DEFAULT_GRAPH
            graphs.setdefault(name, []).append(quad.triple)
    except SyntaxError as exc:
        raise InputError(f"not valid N-Quads: {exc}", path) from None
    return hashlib.sha256(data).hexdigest(), graphs


def progress_path(dist: Path, target: str) -> Path:
    """The progress file of loads of ``dist`` into ``target`` (one per store)."""
    return dist / f".load-progress-{hashlib.sha256(target.encode()).hexdigest()[:16]}.json"


def _read_progress(path: Path) -> dict | None:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and isinstance(state.get("graphs"), dict) else None


def _write_progress(path: Path, state: dict) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _ntriples(triples: list[pyoxigraph.Triple]) -> bytes:
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""


def _graph_clause(graph: str, body: str) -> str:
    return f"{{ {body} }}" if graph == _DEFAULT_GRAPH else f"{{ GRAPH <{graph}> {{\n{body}}} }}"


class _Target:
    """Sends batches to the store through the Graph Store Protocol or SPARQL Update."""

    def __init__(self, client: StoreClient, options: LoadOptions):
        self.client = client
        self.options = options

    def _update(self, text: str) -> None:
        self.client.request("POST", self.options.update_endpoint or self.options.endpoint, data={"update": text},
                            headers={"Accept": "*/*"})

    def _graph_params(self, graph: str) -> dict[str, str]:
        return {"default": ""} if graph == _DEFAULT_GRAPH else {"graph": graph}

    def send(self, graph: str, triples: list[pyoxigraph.Triple], first: bool) -> None:
        body = _ntriples(triples)
        if self.options.graph_store:
            self.client.request("PUT" if first else "POST", self.options.graph_store, params=self._graph_params(graph),
                                content=body, headers={"Content-Type": "text/turtle"})   # N-Triples is Turtle
            return
        insert = f"INSERT DATA {_graph_clause(graph, body.decode())}"
        if first:
            clear = "CLEAR SILENT DEFAULT" if graph == _DEFAULT_GRAPH else f"CLEAR SILENT GRAPH <{graph}>"
            insert = f"{clear} ;\n{insert}"
        self._update(insert)

    def drop(self, graph: str) -> None:
        if self.options.graph_store:
            try:
                self.client.request("DELETE", self.options.graph_store, params=self._graph_params(graph))
            except StoreError as exc:
                if "HTTP 404" not in str(exc):
                    raise
            return
        self._update("CLEAR SILENT DEFAULT" if graph == _DEFAULT_GRAPH else f"DROP SILENT GRAPH <{graph}>")


def check_endpoint(client: StoreClient, endpoint: str) -> None:
    """Fail fast (one line naming the URL) when the endpoint does not answer ``ASK {}``."""
    try:
        client.http.post(endpoint, data={"query": "ASK {}"},
                         headers={"Accept": "application/sparql-results+json, */*;q=0.1"})
    except httpx.TransportError as exc:
        raise StoreError(f"cannot reach the store at {endpoint} ({type(exc).__name__}: {exc})") from None


def count_statements(client: StoreClient, endpoint: str, graphs: list[str]) -> dict[str, int]:
    """How many statements the store holds in each of ``graphs`` (one query)."""
    names = " ".join(f"<{g}>" for g in graphs if g != _DEFAULT_GRAPH)
    query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    response = client.request("POST", endpoint, data={"query": query},
                              headers={"Accept": "application/sparql-results+json"})
    counts = {g: 0 for g in graphs if g != _DEFAULT_GRAPH}
    for row in response.json()["results"]["bindings"]:
        counts[row["g"]["value"]] = int(row["n"]["value"])
    return counts


def run_load(options: LoadOptions, progress: Callable[[str], None],
             client: StoreClient | None = None) -> tuple[dict[str, int], dict[str, int]]:
    """Load the build into the store, resuming a previous interrupted load; return the statements per
    named graph of the build and those the store holds afterwards."""
    if options.batch_size <= 0:
        raise InputError("--batch-size must be positive")
    for url in (options.endpoint, options.graph_store, options.update_endpoint):
        if url is not None and not url.startswith(("http://", "https://")):
            raise InputError(f"not an http(s) URL: {url!r}")
    sha256, graphs = read_graphs(options.dist)
    target = options.graph_store or options.update_endpoint or options.endpoint
    path = progress_path(options.dist, target)
    own_client = client is None
    client = client or StoreClient(options.user, options.password, timeout=options.timeout, retries=options.retries)
    try:
        check_endpoint(client, options.endpoint)
        sender = _Target(client, options)
        state = _read_progress(path)
        if state is not None and state.get("sha256") != sha256:
            progress(f"{path.name} is about another build: starting over")
            state = None
        if state is not None and options.restart:
            state = None
        if state is None:
            if path.exists() or options.restart:
                for graph in sorted(graphs):
                    sender.drop(graph)
                progress(f"dropped the {len(graphs)} graphs of the build from {target}")
            state = {"target": target, "sha256": sha256, "graphs": {}, "complete": False}
            _write_progress(path, state)
        total = sum(len(triples) for triples in graphs.values())
        done_total = sum(min(state["graphs"].get(g, 0), len(t)) for g, t in graphs.items())
        if state.get("complete") and done_total == total:
            progress(f"already loaded: {total} statements in {len(graphs)} graphs ({path.name}; --restart loads again)")
        elif done_total:
            progress(f"resuming: {done_total} of {total} statements already loaded")
        via = "Graph Store Protocol" if options.graph_store else "SPARQL Update"
        for graph in sorted(graphs):
            triples = graphs[graph]
            done = state["graphs"].get(graph, 0)
            while done < len(triples):
                batch = triples[done: done + options.batch_size]
                sender.send(graph, batch, first=done == 0)
                done += len(batch)
                done_total += len(batch)
                state["graphs"][graph] = done
                _write_progress(path, state)
                progress(f"{done_total}/{total} statements ({via}): {graph or 'default graph'} {done}/{len(triples)}")
        state["complete"] = True
        _write_progress(path, state)
        expected = {g: len(t) for g, t in graphs.items() if g != _DEFAULT_GRAPH}
        return expected, count_statements(client, options.endpoint, sorted(graphs))
    finally:
        if own_client:
            client.close()
