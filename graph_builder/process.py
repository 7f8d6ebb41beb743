"""One document through every stage: extract, assemble its named graph, validate it. Runs in worker
processes so a large corpus uses every core."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from rdflib import Graph, URIRef

from .assemble import GraphAssembler
from .chinese_numbers import find_numbers_zh
from .chinese_script import is_chinese, reading_form
from .corpus import Document
from .discovery import with_discoveries
from .entities import EntityRecogniser
from .initiatives import with_descriptions
from .lexicon import Lexicon
from .numbers import NumberMention, find_numbers
from .relations import extract_relations, role_phrases
from .series import Statement, statements_of
from .sentences import split_sentences
from .statistics import StatisticExtractor
from .validate import DocumentValidator, Violation

# documents below this count are processed in the calling process: starting workers costs more
PARALLEL_THRESHOLD = 8


@dataclass
class DocumentOutput:
    """What one document contributes: its statements (N-Quads lines), report and SHACL violations, and its
    statistics as the series read them."""

    document_id: str
    file_name: str
    nquads: list[str]
    report: dict
    violations: list[Violation]
    statistics: list[Statement]


def nquads_of(graph: Graph, name: URIRef) -> list[str]:
    """The statements of ``graph`` as N-Quads lines in the named graph ``name``."""
    label = f"<{name}>"
    return [f"{line[:-1].rstrip()} {label} ." for line in graph.serialize(format="nt").splitlines() if line.strip()]


def reading_of(document: Document) -> tuple[Document, list[NumberMention]]:
    """The document as the extraction reads it, and its numbers: a Chinese text in its reading form
    (simplified characters, ASCII digits and punctuation, same offsets) read by the Chinese rules."""
    if is_chinese(document.meta.language):
        reading = replace(document, text=reading_form(document.text))
        return reading, find_numbers_zh(reading.text)
    return document, find_numbers(document.text)


class DocumentProcessor:
    """Holds what every document needs (lexicon, recognisers, validator) once per process."""

    def __init__(self, lexicon: Lexicon, assembler: GraphAssembler, validator: DocumentValidator):
        self.recogniser = EntityRecogniser(lexicon)
        self.extractor = StatisticExtractor(lexicon)
        self.assembler = assembler
        self.validator = validator
        self.role_phrases = role_phrases(lexicon)

    def process(self, document: Document) -> DocumentOutput:
        reading, numbers = reading_of(document)
        sentences = split_sentences(reading.text)
        mentions = with_discoveries(reading.text, self.recogniser.find(reading.text))
        statistics = self.extractor.extract(reading, sentences, numbers, mentions)
        # described policies and campaigns enclose other mentions: the statistics read the mentions without them
        mentions = with_descriptions(reading.text, mentions)
        relations = extract_relations(reading, sentences, mentions, self.role_phrases)
        graph = self.assembler.document_graph(document, statistics, relations, mentions)
        violations = self.validator.violations(graph)
        used = {s.number.start for s in statistics} | {m.start for s in statistics for m in s.change_mentions}
        report = {
            "statistics": len(statistics),
            "statistics_with_crime_type": sum(1 for s in statistics if s.crime_type),
            "statistics_with_year_on_year_change": sum(1 for s in statistics if s.year_on_year is not None),
            "statistics_with_unrecognised_measure": sum(1 for s in statistics if s.measure == "reported-quantity"),
            "statistics_with_field": sum(1 for s in statistics if s.field),
            # crime types, fields and measures the lexicon lacks, created from the words of the text
            "created_from_the_text": [
                {"kind": kind, "label": label, "start": start, "end": end} for kind, label, start, end in sorted({
                    (kind, named.label, named.start, named.end) for s in statistics
                    for kind, named in (("crime-type", s.named_subject), ("field", s.named_field),
                                        ("measure", s.named_measure)) if named is not None})],
            "memberships": len(relations.memberships),
            "policy_issuances": len(relations.issuances),
            "campaign_facts": len(relations.campaigns),
            "collaborations": len(relations.collaborations),
            "events": len(relations.events),
            "entity_mentions": len(mentions),
            "numbers_not_statistics": [
                {"text": n.text, "start": n.start, "end": n.end,
                 "reason": n.kind if not n.is_quantity else "quantity without a statistic"}
                for n in numbers if n.start not in used],
            "triples": len(graph),
        }
        name = self.assembler.document_graph_iri(document)
        return DocumentOutput(document.id, document.path.name, nquads_of(graph, name), report, violations,
                              statements_of(document, statistics))


_WORKER: DocumentProcessor | None = None


def _process_in_worker(document: Document) -> DocumentOutput:
    assert _WORKER is not None
    return _WORKER.process(document)


def process_all(processor: DocumentProcessor, documents: list[Document], jobs: int | None,
                progress: Callable[[str], None]) -> Iterator[DocumentOutput]:
    """Process every document, in order; with several jobs, in forked worker processes."""
    global _WORKER
    jobs = jobs or os.cpu_count() or 1
    total = len(documents)
    if jobs <= 1 or total < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        for index, document in enumerate(documents, start=1):
            progress(f"[{index}/{total}] {document.path.name}")
            yield processor.process(document)
        return
    _WORKER = processor
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunk = max(1, min(64, total // (jobs * 8)))
            for index, output in enumerate(pool.imap(_process_in_worker, documents, chunksize=chunk), start=1):
                if index == total or index % max(1, total // 100) == 0:
                    progress(f"[{index}/{total}] {output.file_name}")
                yield output
    finally:
        _WORKER = None
