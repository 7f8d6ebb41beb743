"""The build: corpus + mappings -> statistics and relations -> RDF -> SHACL -> dist/ (DESIGN §2)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .assemble import GraphAssembler
from .background import InBackground
from .config import BuildSettings
from .corpus import Document, read_corpus
from .errors import InputError, ValidationFailed
from .lexicon import Lexicon, load_lexicon
from .process import DocumentProcessor, nquads_of, process_all
from .publish import Artifact, describe, open_store, publish, write_dumps, write_json
from .sorted_statements import SortedStatements
from .search_index import write_search_index
from .series import series_points
from .series_graph import SERIES_GRAPH, series_graph
from .series_table import write_series_table
from .statistics_table import write_statistics_table
from .validate import DocumentValidator, format_violations, load_shapes
from .void import class_counts, void_graph

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build produced: where, how much, how long."""

    out_dir: Path
    report: dict
    timings: dict[str, float] = field(default_factory=dict)


def _check_sidecar_references(documents: list[Document], lexicon: Lexicon) -> None:
    for document in documents:
        agency = document.meta.reporting_agency
        if agency and lexicon.get("agency", agency) is None:
            raise InputError(f"reporting_agency {agency!r} is not an agency id of mappings/", document.sidecar,
                             document.meta.lines.get("reporting_agency"))


def _write_index_and_series_table(directory: Path, base_iri: str) -> tuple[dict, list[Artifact]]:
    """The search index and ``series.csv``, from the store of ``directory``."""
    store = open_store(directory)
    return write_search_index(directory, store, base_iri), write_series_table(directory, store, base_iri)


class _Clock:
    """Accumulates the time spent per stage."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(self.timings.get(name, 0.0) + now - self._last, 3)
        self._last = now


def build(settings: BuildSettings, progress: Progress = lambda message: None, jobs: int | None = None) -> BuildResult:
    """Build, validate and publish the graph; raise InputError or ValidationFailed on failure."""
    clock = _Clock()
    mappings = settings.mappings()
    progress(f"reading mappings from {mappings} and the corpus from {settings.corpus_dir}")
    lexicon = load_lexicon(mappings)
    documents = read_corpus(settings.corpus_dir)
    _check_sidecar_references(documents, lexicon)
    shapes = load_shapes(settings.shapes())
    assembler = GraphAssembler(lexicon, settings.base_iri)
    reference = assembler.reference_graph()
    clock.lap("read")

    validator = DocumentValidator(shapes, reference)
    violations = [("mappings/", v) for v in validator.reference_violations()]
    statements = SortedStatements()
    statements.add(nquads_of(reference, assembler.graph_iri("reference")))
    reports: dict[str, dict] = {}
    processor = DocumentProcessor(lexicon, assembler, validator)
    stated = []
    for output in process_all(processor, documents, jobs, progress):
        statements.add(output.nquads)
        reports[output.document_id] = output.report
        violations += [(output.file_name, v) for v in output.violations]
        stated += output.statistics
    clock.lap("extract and validate")
    progress("gathering the statements of each quantity into series points")
    points = series_points(stated)
    series = series_graph(assembler, points)
    statements.add(nquads_of(series, assembler.graph_iri(SERIES_GRAPH)))
    violations += [(f"graph/{SERIES_GRAPH}", v) for v in validator.violations(series)]
    clock.lap("series")
    if violations:
        raise ValidationFailed(
            f"{len(violations)} SHACL violation(s), first in {violations[0][0]}; the previous output is unchanged",
            format_violations([v for _, v in violations]))

    def write(directory: Path) -> dict:
        progress("writing dumps")
        counts, dumps = write_dumps(directory, statements)
        try:    # the tables and the index are written while the dumps are, the index in a process of its own
            in_background = InBackground(_write_index_and_series_table, directory, settings.base_iri)
            try:
                store = open_store(directory)
                statistics_table = write_statistics_table(directory, store, settings.base_iri)
            finally:
                search_index, series_table = in_background.result()
        finally:
            dumps.result()
        tables = [statistics_table, series_table]
        artifacts = describe(directory, counts)
        void = void_graph(settings.base_iri, store, artifacts, tables, assembler.graph_iri(SERIES_GRAPH))
        (directory / "void.ttl").write_bytes(void.serialize(format="turtle", encoding="utf-8"))
        for source, name in ((settings.ontology(), "ontology.ttl"), (settings.shapes(), "shapes.ttl")):
            (directory / name).write_bytes(b"".join(path.read_bytes() for path in sorted(source.glob("*.ttl"))))
        report = {
            "base_iri": settings.base_iri,
            "documents": reports,
            "statistics": sum(r["statistics"] for r in reports.values()),
            "series_points": len(points),
            "triples": counts["graph.ttl"],
            "classes": class_counts(store),
            "artifacts": [artifact.__dict__ for artifact in (*artifacts, *(a for table in tables for a in table))],
            "search_index": search_index,
        }
        write_json(directory / "build-report.json", report)
        clock.lap("write")
        write_json(directory / "build-timings.json", clock.timings)
        return report

    try:
        report = publish(settings.out_dir, write)
    finally:
        statements.close()
    return BuildResult(settings.out_dir, report, clock.timings)
