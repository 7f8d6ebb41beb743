"""The published ``dist/`` the service serves: its report, files and graphs (the service never builds it)."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from graph_builder.errors import InputError

log = logging.getLogger("spp_kg.service")

# Files of dist/ served under /dumps, with the media type of the bytes on disk. Gzipped dumps are
# served as application/gzip, never with Content-Encoding, so the bytes (and their SHA-256) arrive
# exactly as published.
DUMP_MEDIA_TYPES = {
    "graph.ttl": "text/turtle",
    "graph.trig": "application/trig",
    "graph.nt.gz": "application/gzip",
    "graph.nq.gz": "application/gzip",
    "graph.jsonld": "application/ld+json",
    "void.ttl": "text/turtle",
    "ontology.ttl": "text/turtle",
    "shapes.ttl": "text/turtle",
    "statistics.csv": "text/csv",
    "statistics.csv-metadata.json": "application/csvm+json",
    "series.csv": "text/csv",
    "series.csv-metadata.json": "application/csvm+json",
}
DUMP_CONTENT_TYPES = {"graph.nt.gz": "application/n-triples", "graph.nq.gz": "application/n-quads"}


@dataclass(frozen=True)
class DumpFile:
    """A downloadable file of dist/: what /dumps lists and serves."""

    name: str
    path: Path
    media_type: str
    size: int
    sha256: str
    mtime: float
    statements: int | None
    content_type: str | None = None   # the media type inside a compressed file


@dataclass(frozen=True)
class Dist:
    """A built dist/: its directory, build report, base IRI and downloadable files."""

    directory: Path
    report: dict
    base_iri: str
    dumps: dict[str, DumpFile]

    def file(self, name: str) -> Path:
        return self.directory / name


def is_built(directory: Path) -> bool:
    """True when ``directory`` holds a complete build (graph and report)."""
    return (directory / "graph.nq.gz").is_file() and (directory / "build-report.json").is_file()


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_dist(directory: Path) -> Dist:
    """Read the build report of ``directory`` and describe its files (hashes checked against the report)."""
    directory = directory.absolute()
    report_path = directory / "build-report.json"
    if not is_built(directory):
        raise InputError("no built graph here (graph.nq.gz or build-report.json missing)", directory)
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read build report: {exc}", report_path) from None
    listed = {a["name"]: a for a in report.get("artifacts", [])}
    dumps: dict[str, DumpFile] = {}
    for name, media_type in DUMP_MEDIA_TYPES.items():
        path = directory / name
        if not path.is_file():
            continue
        sha256 = sha256_of(path)
        artifact = listed.get(name, {})
        if artifact.get("sha256") not in (None, sha256):
            log.warning("%s: SHA-256 differs from build-report.json; serving the file's own hash", path)
        stat = path.stat()
        dumps[name] = DumpFile(name, path, media_type, stat.st_size, sha256, stat.st_mtime,
                               artifact.get("statements"), DUMP_CONTENT_TYPES.get(name))
    base_iri = report.get("base_iri") or "https://w3id.org/spp-kg/"
    return Dist(directory, report, base_iri, dumps)


def load_graph_file(path: Path) -> pyoxigraph.Store:
    """A small in-memory store of one Turtle file of dist/ (the ontology), for the pages that list it."""
    store = pyoxigraph.Store()
    if path.is_file():
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store

