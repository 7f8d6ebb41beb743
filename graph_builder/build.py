"""The build: corpus + mappings -> statistics and relations -> RDF -> SHACL -> dist/ (DESIGN §2)."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import RDF, Graph, URIRef

from .assemble import GraphAssembler
from .config import BuildSettings
from .corpus import Document, read_corpus
from .discovery import with_discoveries
from .entities import EntityRecogniser
from .errors import InputError, ValidationFailed
from .lexicon import Lexicon, load_lexicon
from .numbers import find_numbers
from .publish import describe, publish, write_dumps, write_json
from .relations import extract_relations
from .sentences import split_sentences
from .statistics import StatisticExtractor
from .validate import Violation, format_violations, load_shapes, validate_graph
from .void import void_graph

Progress = Callable[[str], None]


@dataclass
class DocumentResult:
    document: Document
    graph: Graph
    report: dict


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
            raise InputError(f"reporting_agency {agency!r} is not an agency id of mappings/", document.sidecar)


def extract_document(document: Document, recogniser: EntityRecogniser, extractor: StatisticExtractor,
                     assembler: GraphAssembler) -> DocumentResult:
    """Run every extraction stage on one document and assemble its named graph."""
    sentences = split_sentences(document.text)
    numbers = find_numbers(document.text)
    mentions = with_discoveries(document.text, recogniser.find(document.text))
    statistics = extractor.extract(document, sentences, numbers, mentions)
    relations = extract_relations(document, sentences, mentions)
    graph = assembler.document_graph(document, statistics, relations, mentions)
    used = {s.number.start for s in statistics} | {m.start for s in statistics for m in s.yoy_mentions}
    not_statistics = [
        {"text": n.text, "start": n.start, "end": n.end,
         "reason": n.kind if not n.is_quantity else "quantity without a statistic"}
        for n in numbers if n.start not in used]
    report = {
        "statistics": len(statistics),
        "statistics_with_crime_type": sum(1 for s in statistics if s.crime_type),
        "statistics_with_year_on_year_change": sum(1 for s in statistics if s.year_on_year is not None),
        "statistics_with_unrecognised_measure": sum(1 for s in statistics if s.measure == "reported-quantity"),
        "memberships": len(relations.memberships),
        "policy_issuances": len(relations.issuances),
        "campaign_facts": len(relations.campaigns),
        "collaborations": len(relations.collaborations),
        "events": len(relations.events),
        "entity_mentions": len(mentions),
        "numbers_not_statistics": not_statistics,
        "triples": len(graph),
    }
    return DocumentResult(document, graph, report)


def build(settings: BuildSettings, progress: Progress = lambda message: None) -> BuildResult:
    """Build, validate and publish the graph; raise InputError or ValidationFailed on failure."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(timings.get(name, 0.0) + now - clock, 3)
        clock = now

    progress("reading mappings and corpus")
    lexicon = load_lexicon(settings.mappings())
    documents = read_corpus(settings.corpus_dir)
    _check_sidecar_references(documents, lexicon)
    shapes = load_shapes(settings.shapes())
    lap("read")

    assembler = GraphAssembler(lexicon, settings.base_iri)
    recogniser = EntityRecogniser(lexicon)
    extractor = StatisticExtractor(lexicon)
    reference = assembler.reference_graph()
    graphs: dict[URIRef, Graph] = {assembler.graph_iri("reference"): reference}
    results = []
    for index, document in enumerate(documents, start=1):
        progress(f"[{index}/{len(documents)}] extracting {document.path.name}")
        result = extract_document(document, recogniser, extractor, assembler)
        graphs[assembler.document_graph_iri(document)] = result.graph
        results.append(result)
    lap("extract")

    violations: list[tuple[str, Violation]] = []
    for index, result in enumerate(results, start=1):
        progress(f"[{index}/{len(results)}] validating {result.document.path.name}")
        violations += [(result.document.path.name, v) for v in validate_graph(result.graph + reference, shapes)]
    lap("validate")
    if violations:
        first_file = violations[0][0]
        raise ValidationFailed(
            f"{len(violations)} SHACL violation(s), first in {first_file}; dist/ left unchanged",
            format_violations([v for _, v in violations]))

    union = Graph()
    for graph in graphs.values():
        union += graph
    report = {
        "documents": {r.document.id: r.report for r in results},
        "classes": {str(cls): count for cls, count in sorted(Counter(union.objects(None, RDF.type)).items())},
        "statistics": sum(r.report["statistics"] for r in results),
        "triples": len(union),
    }

    def write(directory: Path) -> None:
        progress("writing dumps")
        counts = write_dumps(directory, graphs)
        artifacts = describe(directory, counts)
        void = void_graph(settings.base_iri, union, artifacts)
        (directory / "void.ttl").write_bytes(void.serialize(format="turtle", encoding="utf-8"))
        for source, name in ((settings.ontology(), "ontology.ttl"), (settings.shapes(), "shapes.ttl")):
            merged = b"".join(path.read_bytes() for path in sorted(source.glob("*.ttl")))
            (directory / name).write_bytes(merged)
        report["artifacts"] = [artifact.__dict__ for artifact in artifacts]
        report["base_iri"] = settings.base_iri
        write_json(directory / "build-report.json", report)
        lap("write")
        write_json(directory / "build-timings.json", timings)

    publish(settings.out_dir, write)
    return BuildResult(settings.out_dir, report, timings)
