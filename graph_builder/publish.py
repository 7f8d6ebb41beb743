"""Serialise the graphs and publish ``dist/`` atomically: write a temporary directory, then swap it in.
The same graphs always give byte-identical files (sorted statements, fixed gzip header)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import pyoxigraph
from .config import PREFIXES
from .errors import InputError

T = TypeVar("T")

DUMPS = {
    "graph.ttl": "text/turtle",
    "graph.trig": "application/trig",
    "graph.nt.gz": "application/n-triples",
    "graph.nq.gz": "application/n-quads",
    "graph.jsonld": "application/ld+json",
}


@dataclass(frozen=True)
class Artifact:
    """A published file: name, size, number of statements (None for a file that is no RDF), SHA-256."""

    name: str
    media_type: str
    size: int
    statements: int | None
    sha256: str


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


STORE_DIRECTORY = "store"   # the on-disk (RocksDB) store the service opens without parsing anything


def _quads(nquads: bytes) -> Iterator[pyoxigraph.Quad]:
    return pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)


def _union_triples(nquads: bytes) -> Iterator[pyoxigraph.Triple]:
    """The distinct triples of sorted N-Quads: a triple stated in several graphs is on adjacent lines
    (the graph name is the last term, and a space sorts before any other character of a term)."""
    previous = None
    for quad in _quads(nquads):
        triple = pyoxigraph.Triple(quad.subject, quad.predicate, quad.object)
        if triple != previous:
            yield triple
            previous = triple


def fill_store(store: pyoxigraph.Store, nquads: bytes) -> None:
    """Load sorted N-Quads into ``store``: every named graph, and their union as the default graph.

    The union is stored as a set (each triple once), so a query over the default graph never sees a
    triple once per document that states it; pyoxigraph's own union-of-graphs mode repeats them.
    """
    store.bulk_load(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    store.bulk_extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in _union_triples(nquads))


def write_dumps(directory: Path, lines: list[str]) -> tuple[pyoxigraph.Store, dict[str, int]]:
    """Write the dumps of DUMPS and the on-disk store from N-Quads lines into ``directory``.

    The dumps are streamed from the sorted statements, so the same input gives the same bytes and
    every literal keeps its datatype; the store (which normalises e.g. xsd:nonNegativeInteger to
    xsd:integer) is for querying: its default graph is the union of the named graphs (see
    ``fill_store``). Returns the store and the statement count of each dump.
    """
    nquads = ("\n".join(sorted(set(lines))) + "\n").encode()
    _write(directory / "graph.nq.gz", _gzip(nquads))
    triples = sum(1 for _ in _union_triples(nquads))
    pyoxigraph.serialize(_union_triples(nquads), directory / "graph.ttl", pyoxigraph.RdfFormat.TURTLE,
                         prefixes=PREFIXES)
    _write(directory / "graph.nt.gz",
           _gzip(pyoxigraph.serialize(_union_triples(nquads), format=pyoxigraph.RdfFormat.N_TRIPLES)))
    pyoxigraph.serialize(_quads(nquads), directory / "graph.trig", pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
    pyoxigraph.serialize(_quads(nquads), directory / "graph.jsonld", pyoxigraph.RdfFormat.JSON_LD)
    store = pyoxigraph.Store(str(directory / STORE_DIRECTORY))
    fill_store(store, nquads)
    store.optimize()
    store.flush()
    quads = nquads.count(b"\n")
    return store, {"graph.ttl": triples, "graph.nt.gz": triples, "graph.trig": quads, "graph.nq.gz": quads,
                   "graph.jsonld": quads}


def describe(directory: Path, counts: dict[str, int]) -> list[Artifact]:
    artifacts = []
    for name, media_type in DUMPS.items():
        data = (directory / name).read_bytes()
        artifacts.append(Artifact(name, media_type, len(data), counts[name], hashlib.sha256(data).hexdigest()))
    return artifacts


def write_json(path: Path, value: object) -> None:
    _write(path, (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode())


def _reason(exc: OSError) -> str:
    """What went wrong, in words: pyoxigraph's and RocksDB's errors carry no errno, only a message."""
    return exc.strerror or str(exc) or type(exc).__name__


def publish(out_dir: Path, write: Callable[[Path], T]) -> T:
    """Run ``write(tmp)`` into a fresh temporary directory next to ``out_dir``, then swap it in.

    Any failure (including KeyboardInterrupt) removes the temporary directory and leaves the
    previous ``out_dir`` exactly as it was.
    """
    out_dir = out_dir.absolute()
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise InputError(f"cannot write output directory: {_reason(exc)}", out_dir) from None
    old: Path | None = None
    try:
        try:
            result = write(staging)
        except OSError as exc:
            raise InputError(f"cannot write build output: {_reason(exc)}", out_dir) from None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=parent))
            os.rmdir(old)
            os.rename(out_dir, old)
        try:
            os.rename(staging, out_dir)
        except OSError:
            if old is not None:
                os.rename(old, out_dir)
                old = None
            raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None and old.exists():
            shutil.rmtree(old, ignore_errors=True)
    return result
