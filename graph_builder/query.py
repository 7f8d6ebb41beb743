"""Run SPARQL over a published dist/ with pyoxigraph, and the example queries of ``queries/``."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .errors import InputError
from .publish import STORE_DIRECTORY, fill_store, open_store


@dataclass(frozen=True)
class ExampleQuery:
    """A query of ``queries/``: file name, title, description and SPARQL text."""

    name: str
    title: str
    description: str
    sparql: str


def load_store(dist: Path) -> pyoxigraph.Store:
    """The graph of a build: its on-disk store opened read-only (nothing to parse), or, for a build
    without one, an in-memory store loaded from ``graph.nq.gz``. Either way every named graph is
    kept and the default graph is their union."""
    if (dist / STORE_DIRECTORY).is_dir():
        try:
            return open_store(dist)
        except OSError as exc:
            raise InputError(f"cannot open the store: {exc}", dist / STORE_DIRECTORY) from None
    path = dist / "graph.nq.gz"
    if not path.is_file():
        raise InputError("no built graph here (graph.nq.gz missing): run 'spp-kg build' first", dist)
    store = pyoxigraph.Store()
    fill_store(store, gzip.decompress(path.read_bytes()))
    return store


def run_query(store: pyoxigraph.Store, sparql: str):
    """Evaluate a query over the store's default graph (the union of the named graphs), or over the
    dataset it names with FROM / FROM NAMED."""
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}") from None


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(_XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"))
_REALS = frozenset(_XSD + name for name in ("decimal", "double", "float"))


def json_value(term: object) -> str | int | float | bool | None:
    """A solution's value as JSON gives it: numbers as numbers, booleans as booleans, an unbound
    variable as None (null), anything else (IRIs, strings, dates) as its text."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _REALS:
                number = float(term.value)
                return number if number == number and abs(number) != float("inf") else term.value
        except ValueError:
            return term.value
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
    return getattr(term, "value", str(term))


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
