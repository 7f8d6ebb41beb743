"""Answers written within their limits: at most ``max_rows`` rows or triples and ``max_answer_bytes`` bytes,
by pyoxigraph's own writers — for the worker processes' answers and the remote store's alike."""

from __future__ import annotations

import itertools
from typing import Iterable

import pyoxigraph

from .formats import engine_format
from .jobs import Answer, Job

_WITH_PREFIXES = {"turtle", "trig", "rdfxml"}
# pyoxigraph's result parsers refuse a line of about 16 MiB (their buffer holds a little more than the
# line): an answer converted from TSV to another format stops before a longer row (X-SPP-Truncated),
# even when --max-answer-bytes would allow it.
LONGEST_PARSED_LINE = 16 * 1024 * 1024 - 65536


class _Enough(Exception):
    """Raised inside pyoxigraph's writer to stop evaluation once enough rows are written."""


class _LineLimitedSink:
    """A binary sink for the TSV writer that stops evaluation after ``limit`` lines or past ``max_bytes``."""

    def __init__(self, limit: int, max_bytes: int):
        self.limit = limit
        self.max_bytes = max_bytes
        self.chunks: list[bytes] = []
        self.lines = 0
        self.size = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.lines += data.count(b"\n")
        self.size += len(data)
        if self.lines >= self.limit or self.size > self.max_bytes:
            raise _Enough()
        return len(data)

    def flush(self) -> None:
        pass


def write_solutions(result: pyoxigraph.QuerySolutions, job: Job) -> Answer:
    """Write at most ``max_rows`` solutions within ``max_answer_bytes``: stream TSV until one row too many,
    then convert if needed (the workers' answers and the remote store's alike)."""
    sink = _LineLimitedSink(job.max_rows + 2, job.max_answer_bytes)  # header + max_rows + one more proves truncation
    try:
        result.serialize(sink, format=pyoxigraph.QueryResultsFormat.TSV)
        complete = True
    except _Enough:
        complete = False
    tsv = b"".join(sink.chunks)
    lines = tsv.split(b"\n")[:-1]
    kept, size = lines[:1], len(lines[0]) + 1 if lines else 0     # the header, then whole rows within the bytes
    longest = job.max_answer_bytes if job.result_format == "tsv" else LONGEST_PARSED_LINE
    for line in lines[1: job.max_rows + 1]:
        size += len(line) + 1
        if size > job.max_answer_bytes or len(line) > longest:
            break
        kept.append(line)
    truncated = not complete or len(kept) < len(lines)
    tsv = b"\n".join(kept) + b"\n"
    if job.result_format == "tsv":
        body = tsv
    else:
        parsed = pyoxigraph.parse_query_results(tsv, format=pyoxigraph.QueryResultsFormat.TSV)
        body = parsed.serialize(format=engine_format(job.result_format))
    return Answer("solutions", body, len(kept) - 1, truncated)


def write_graph(result: Iterable[pyoxigraph.Triple], job: Job, prefixes: dict[str, str]) -> Answer:
    """Write at most ``max_rows`` triples within ``max_answer_bytes`` (the workers' answers and the remote
    store's alike)."""
    triples, size = [], 0
    for triple in itertools.islice(result, job.max_rows + 1):
        size += len(str(triple).encode()) + 3          # about its N-Triples line
        if size > job.max_answer_bytes:
            break
        triples.append(triple)
    truncated = len(triples) > job.max_rows or size > job.max_answer_bytes
    triples = triples[: job.max_rows]
    options = {"prefixes": prefixes} if job.graph_format in _WITH_PREFIXES else {}
    body = pyoxigraph.serialize(triples, format=engine_format(job.graph_format), **options)
    return Answer("graph", body or b"", len(triples), truncated)
