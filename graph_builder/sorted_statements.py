"""The statements of a build, sorted and distinct, without holding them all in memory: an external
sort. Lines are gathered into runs of at most ``run_lines``; each full run is sorted and written to a
temporary file, and the runs are merged into one file of sorted, distinct N-Quads lines."""

from __future__ import annotations

import heapq
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

# lines held in memory before a run is sorted and written out (about 60 MB of N-Quads)
RUN_LINES = 250_000


def _lines_of(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield line[:-1]


class SortedStatements:
    """Collects N-Quads lines (no line breaks inside) and writes them sorted and distinct, the same
    order as ``sorted(set(lines))``. Temporary files live until ``close``."""

    def __init__(self, run_lines: int = RUN_LINES):
        self._directory = tempfile.TemporaryDirectory(prefix="spp-kg-statements-")
        self._run_lines = run_lines
        self._pending: set[str] = set()
        self._runs: list[Path] = []
        self._merged: tuple[Path, int] | None = None

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

    def merged(self) -> tuple[Path, int]:
        """The file of every line added, sorted and distinct, and how many lines it holds."""
        if self._merged is None:
            if self._pending or not self._runs:
                self._write_run()
            path = Path(self._directory.name) / "statements.nq"
            count, previous = 0, None
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                for line in heapq.merge(*(_lines_of(run) for run in self._runs)):
                    if line != previous:
                        handle.write(line + "\n")
                        count += 1
                        previous = line
            for run in self._runs:
                run.unlink()
            self._merged = (path, count)
        return self._merged

    def close(self) -> None:
        self._directory.cleanup()
