"""The process-id file of ``spp-kg serve`` and ``spp-kg reload``, which signals a running server.

``serve`` writes its process id to ``--pid-file`` (default: ``dist.pid`` next to ``dist/``) and removes
the file when it stops; ``reload`` reads it and sends SIGHUP, on which the server loads dist/ again
(service/generations.py). Kept free of web-framework imports: ``reload`` only needs this module.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from graph_builder.errors import InputError


def default_pid_file(dist: Path) -> Path:
    """``dist.pid`` next to the served ``dist/``."""
    dist = Path(dist).absolute()
    return dist.parent / f"{dist.name}.pid"


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def pid_file(path: Path) -> Iterator[None]:
    """Write this process's id to ``path`` for the duration of the block (removed after, if still ours)."""
    path = Path(path)
    try:
        path.write_text(f"{os.getpid()}\n", encoding="ascii")
    except OSError as exc:
        raise InputError(f"cannot write the pid file: {exc.strerror}", path) from None
    # uvicorn re-raises SIGTERM after its graceful shutdown; exiting through SystemExit (instead of
    # dying by the signal) lets this block remove the file.
    sigterm = getattr(signal, "SIGTERM", None)
    previous = signal.getsignal(sigterm) if sigterm is not None else None
    if sigterm is not None and previous == signal.SIG_DFL:
        signal.signal(sigterm, _exit_on_sigterm)
    try:
        yield
    finally:
        if sigterm is not None and previous == signal.SIG_DFL:
            signal.signal(sigterm, previous)
        try:
            if path.read_text(encoding="ascii").strip() == str(os.getpid()):
                path.unlink()
        except OSError:
            pass


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal counts as existing)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_server(pid: int) -> bool:
    """Whether ``pid`` looks like a running spp-kg server (checked through /proc where there is one)."""
    if not pid_alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return True
    try:
        arguments = cmdline.read_bytes().split(b"\0")
    except OSError:
        return True
    return b"serve" in arguments and any(b"spp-kg" in a or b"spp_kg" in a for a in arguments)


def signal_reload(path: Path) -> int:
    """Send SIGHUP to the server whose id is in ``path``; return that id."""
    sighup = getattr(signal, "SIGHUP", None)
    if sighup is None:
        raise InputError("reloading by signal needs SIGHUP, which this platform does not have")
    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except OSError as exc:
        raise InputError(f"cannot read the pid file ({exc.strerror}); is 'spp-kg serve' running?", path) from None
    if not text.isdigit():
        raise InputError(f"the pid file does not hold a process id: {text[:40]!r}", path)
    pid = int(text)
    if not _is_server(pid):
        raise InputError(f"no spp-kg server runs as process {pid} (a stale pid file?)", path)
    os.kill(pid, sighup)
    return pid
