"""The statements of a build, sorted and distinct, without holding them all in memory: an external
sort. Lines are gathered into runs of at most ``run_lines``; each full run is sorted and written to a
temporary file, and the runs are merged into one file of sorted, distinct N-Quads lines and one of
the distinct triples of their union (N-Triples)."""

from __future__ import annotations

import heapq
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

# lines held in memory before a run is sorted and written out (about 60 MB of N-Quads)
RUN_LINES = 250_000


def _lines_of(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield line[:-1]


def _triple_of(quad_line: str) -> str:
    """The N-Triples line of an N-Quads line whose graph is named by an IRI (the last term)."""
    return quad_line[:quad_line.rindex(" <")] + " ."


@dataclass(frozen=True)
class Merged:
    """The merged statements: every quad once (sorted N-Quads), and the union of the graphs, every
    triple once (N-Triples, in the same order)."""

    quads: Path
    quad_count: int
    triples: Path
    triple_count: int


class SortedStatements:
    """Collects N-Quads lines (no line breaks inside) and writes them sorted and distinct, the same
    order as ``sorted(set(lines))``. Temporary files live until ``close``."""

    def __init__(self, run_lines: int = RUN_LINES):
        self._directory = tempfile.TemporaryDirectory(prefix="spp-kg-statements-")
        self._run_lines = run_lines
        self._pending: set[str] = set()
        self._runs: list[Path] = []
        self._merged: Merged | None = None

    def add(self, lines: Iterable[str]) -> None:
        if self._merged is not None:
            raise RuntimeError("statements added after they were merged")
        self._pending.update(lines)
        if len(self._pending) >= self._run_lines:
            self._write_run()

    def _write_run(self) -> None:
        path = Path(self._directory.name) / f"run-{len(self._runs):05d}.nq"
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(line + "\n" for line in sorted(self._pending))
        self._runs.append(path)
        self._pending = set()

    def merged(self) -> Merged:
        """Every line added, sorted and distinct, and the union of their graphs.

        A triple stated in several graphs is on adjacent lines (the graph name is the last term, and
        a space sorts before any other character of a term), so the union is read in one pass."""
        if self._merged is None:
            if self._pending or not self._runs:
                self._write_run()
            quads, triples = Path(self._directory.name) / "statements.nq", Path(self._directory.name) / "union.nt"
            quad_count, triple_count, previous, previous_triple = 0, 0, None, None
            with open(quads, "w", encoding="utf-8", newline="\n") as quad_file, \
                    open(triples, "w", encoding="utf-8", newline="\n") as triple_file:
                for line in heapq.merge(*(_lines_of(run) for run in self._runs)):
                    if line == previous:
                        continue
                    quad_file.write(line + "\n")
                    quad_count += 1
                    previous = line
                    triple = _triple_of(line)
                    if triple != previous_triple:
                        triple_file.write(triple + "\n")
                        triple_count += 1
                        previous_triple = triple
            for run in self._runs:
                run.unlink()
            self._merged = Merged(quads, quad_count, triples, triple_count)
        return self._merged

    def close(self) -> None:
        self._directory.cleanup()
