"""Run SPARQL over a published dist/ with pyoxigraph, and the example queries of ``queries/``."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .errors import InputError
from .querytext import has_dataset_clause


@dataclass(frozen=True)
class ExampleQuery:
    """A query of ``queries/``: file name, title, description and SPARQL text."""

    name: str
    title: str
    description: str
    sparql: str


def load_store(dist: Path) -> pyoxigraph.Store:
    """An in-memory store with every named graph of ``dist/graph.nq.gz``; the default graph is their union."""
    path = dist / "graph.nq.gz"
    if not path.is_file():
        raise InputError("no built graph here (graph.nq.gz missing): run 'spp-kg build' first", dist)
    store = pyoxigraph.Store()
    store.bulk_load(gzip.decompress(path.read_bytes()), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


def run_query(store: pyoxigraph.Store, sparql: str):
    """Evaluate a query; its default graph is the union of the named graphs unless it names its
    dataset with FROM / FROM NAMED."""
    try:
        return store.query(sparql, use_default_graph_as_union=not has_dataset_clause(sparql))
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}") from None


def load_example_queries(directory: Path) -> list[ExampleQuery]:
    """Each ``*.rq`` file starts with '# title: ...' and '# description: ...' comment lines."""
    queries = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^#\s*title:\s*(.+)$", text, re.MULTILINE)
        description = re.search(r"^#\s*description:\s*(.+)$", text, re.MULTILINE)
        if not title or not description:
            raise InputError("an example query needs '# title:' and '# description:' lines", path, 1)
        queries.append(ExampleQuery(path.stem, title.group(1).strip(), description.group(1).strip(), text))
    return queries
