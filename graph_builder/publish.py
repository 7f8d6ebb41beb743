"""Serialise the graphs and publish ``dist/`` atomically: write a temporary directory, then swap it in.
The same graphs always give byte-identical files (sorted statements, fixed gzip header)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import pyoxigraph
from .background import InBackground
from .config import PREFIXES
from .errors import InputError
from .sorted_statements import Merged, SortedStatements

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


class _GzipWriter:
    """A gzip file written in pieces: the same bytes as ``gzip.compress(whole, 6, mtime=0)``."""

    def __init__(self, path: Path):
        self._file = open(path, "wb")
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, 31)

    def write(self, data: bytes) -> int:
        self._file.write(self._deflate.compress(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to do: the compressor keeps what it has not written until ``close``."""

    def close(self) -> None:
        self._file.write(self._deflate.flush())
        self._file.close()


STORE_DIRECTORY = "store"   # the on-disk (RocksDB) store the service opens without parsing anything


# sorted N-Quads: in memory, or a file read as it is parsed
NQuads = bytes | Path


def _source(nquads: NQuads) -> dict:
    return {"path": nquads} if isinstance(nquads, Path) else {"input": nquads}


def _quads(nquads: NQuads) -> Iterator[pyoxigraph.Quad]:
    return pyoxigraph.parse(format=pyoxigraph.RdfFormat.N_QUADS, **_source(nquads))


def _triples(ntriples: Path) -> Iterator[pyoxigraph.Triple]:
    return pyoxigraph.parse(path=ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)


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


def _write_dump_files(directory: Path, merged: Merged) -> None:
    compressed = _GzipWriter(directory / "graph.nq.gz")
    with open(merged.quads, "rb") as handle:
        shutil.copyfileobj(handle, compressed, 1 << 20)
    compressed.close()
    pyoxigraph.serialize(_triples(merged.triples), directory / "graph.ttl", pyoxigraph.RdfFormat.TURTLE,
                         prefixes=PREFIXES)
    compressed = _GzipWriter(directory / "graph.nt.gz")
    pyoxigraph.serialize(_triples(merged.triples), compressed, pyoxigraph.RdfFormat.N_TRIPLES)
    compressed.close()
    pyoxigraph.serialize(_quads(merged.quads), directory / "graph.trig", pyoxigraph.RdfFormat.TRIG,
                         prefixes=PREFIXES)
    pyoxigraph.serialize(_quads(merged.quads), directory / "graph.jsonld", pyoxigraph.RdfFormat.JSON_LD)


def _load_store(directory: Path, merged: Merged) -> None:
    """The on-disk store of ``merged``: every named graph, and their union as the default graph, each
    triple once (as in ``fill_store``); compacted, and closed when this returns."""
    store = pyoxigraph.Store(str(directory / STORE_DIRECTORY))
    store.bulk_load(path=merged.quads, format=pyoxigraph.RdfFormat.N_QUADS)
    store.bulk_load(path=merged.triples, format=pyoxigraph.RdfFormat.N_TRIPLES)   # the union, as a set
    store.optimize()
    store.flush()


def open_store(directory: Path) -> pyoxigraph.Store:
    """The store written by ``write_dumps``, read-only: several processes may read it at once."""
    return pyoxigraph.Store.read_only(str(directory / STORE_DIRECTORY))


def write_dumps(directory: Path, statements: SortedStatements) -> tuple[dict[str, int], InBackground]:
    """Write the dumps of DUMPS and the on-disk store from the build's statements into ``directory``.

    The dumps are streamed from the files of sorted statements and of their union, so the same input
    gives the same bytes, memory does not grow with the corpus, and every literal keeps its datatype;
    they are written by a process of their own, forked before the store is opened, while this one
    loads the store. The store (which normalises e.g. xsd:nonNegativeInteger to xsd:integer) is for
    querying: its default graph is the union of the named graphs, each triple once. Returns once the
    store is written and closed (``open_store`` reads it): the statement count of each dump, and the
    dumps, whose ``result`` waits until they are written.
    """
    merged = statements.merged()
    quads, triples = merged.quad_count, merged.triple_count
    dumps = InBackground(_write_dump_files, directory, merged)
    _load_store(directory, merged)
    return {"graph.ttl": triples, "graph.nt.gz": triples, "graph.trig": quads, "graph.nq.gz": quads,
            "graph.jsonld": quads}, dumps


def describe(directory: Path, counts: dict[str, int]) -> list[Artifact]:
    artifacts = []
    for name, media_type in DUMPS.items():
        with open(directory / name, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        artifacts.append(Artifact(name, media_type, (directory / name).stat().st_size, counts[name], digest))
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
