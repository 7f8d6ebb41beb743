"""A server's process tree read from /proc: its processes, their summed PSS (proportional set size, so
pages shared between a parent and its forked workers are counted once in all), CPU time, and a sampler
that keeps the peak PSS while a benchmark runs."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()      # after "pid (comm) "; comm may hold spaces


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (by parent id, so children of any thread are found)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                children.setdefault(int(_stat_fields(int(entry))[1]), []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    found, pending = [], [pid]
    while pending:
        each = pending.pop()
        found.append(each)
        pending += children.get(each, [])
    return found


def pss_kib(pid: int) -> int:
    """The summed PSS of the process tree of ``pid``, in KiB."""
    total = 0
    for each in tree(pid):
        try:
            for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process tree of ``pid`` so far."""
    total = 0
    for each in tree(pid):
        try:
            fields = _stat_fields(each)
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return total / TICKS


def wait_idle(pid: int, limit: float = 60.0, busy: float = 0.05) -> float:
    """Wait until the tree of ``pid`` uses less than ``busy`` of a core over half a second (a server
    still working on requests its client gave up on), at most ``limit`` seconds; the seconds waited."""
    started = time.perf_counter()
    before = cpu_seconds(pid)
    while time.perf_counter() - started < limit:
        time.sleep(0.5)
        now = cpu_seconds(pid)
        if now - before < busy * 0.5:
            break
        before = now
    return time.perf_counter() - started


class PssSampler:
    """Samples the PSS of a process tree every ``interval`` seconds in a thread while in a ``with``
    block; ``peak_kib`` is the largest sum seen over every block it was used in."""

    def __init__(self, pid: int, interval: float = 0.5):
        self.pid = pid
        self.interval = interval
        self.peak_kib = pss_kib(pid)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_kib = max(self.peak_kib, pss_kib(self.pid))

    def __enter__(self) -> PssSampler:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.peak_kib = max(self.peak_kib, pss_kib(self.pid))
