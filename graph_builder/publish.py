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
from typing import Callable, TypeVar

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
    """A published file: name, size, number of statements, SHA-256."""

    name: str
    media_type: str
    size: int
    statements: int
    sha256: str


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def write_dumps(directory: Path, lines: list[str]) -> tuple[pyoxigraph.Store, dict[str, int]]:
    """Write the dumps of DUMPS from N-Quads lines into ``directory``.

    Returns an in-memory store of the statements (for the VoID description) and the statement count
    of each dump.
    """
    nquads = ("\n".join(sorted(set(lines))) + "\n").encode()
    store = pyoxigraph.Store()
    store.bulk_load(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    quads = list(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS))
    triples = sorted({(q.subject, q.predicate, q.object) for q in quads},
                     key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    triples = [pyoxigraph.Triple(*t) for t in triples]
    _write(directory / "graph.nq.gz", _gzip(nquads))
    _write(directory / "graph.nt.gz", _gzip(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)))
    _write(directory / "graph.ttl",
           pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES))
    _write(directory / "graph.trig", pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES))
    _write(directory / "graph.jsonld", pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.JSON_LD))
    counts = {"graph.ttl": len(triples), "graph.nt.gz": len(triples), "graph.trig": len(quads),
              "graph.nq.gz": len(quads), "graph.jsonld": len(quads)}
    return store, counts


def describe(directory: Path, counts: dict[str, int]) -> list[Artifact]:
    artifacts = []
    for name, media_type in DUMPS.items():
        data = (directory / name).read_bytes()
        artifacts.append(Artifact(name, media_type, len(data), counts[name], hashlib.sha256(data).hexdigest()))
    return artifacts


def write_json(path: Path, value: object) -> None:
    _write(path, (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode())


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
        raise InputError(f"cannot write output directory: {exc.strerror}", out_dir) from None
    old: Path | None = None
    try:
        try:
            result = write(staging)
        except OSError as exc:
            raise InputError(f"cannot write build output: {exc.strerror}", out_dir) from None
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
