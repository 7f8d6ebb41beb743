"""Serve one published dist/ at a time, and switch to a rebuilt one without failing a request.

``spp-kg build`` replaces dist/ by renaming directories and deleting the old one, so the service
never serves files from dist/ itself: each *generation* is a private snapshot of dist/ (hard links,
or copies across file systems) in a runtime directory, checked against its build report, with its
own query workers. A reload (SIGHUP, ``spp-kg reload``) loads the new snapshot and starts its
workers while the old generation keeps answering, then switches with one assignment. Every request
is pinned to the generation that was current when it arrived (``PinGeneration``), so each answer
comes wholly from the old graph or wholly from the new one; the old generation's workers stop and
its snapshot is removed when its last request has finished.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from graph_builder.config import PREFIXES
from graph_builder.errors import InputError
from graph_builder.publish import STORE_DIRECTORY
from graph_builder.query import ExampleQuery
from graph_builder.search_index import SEARCH_INDEX

from .answer_cache import AnswerCache
from .html import Links
from .settings import ServiceSettings
from .remote import RemoteBackend, StoreSettings, graph_names
from .search import SearchIndex
from .state import SCOPE_KEY, QueryBackend, ServiceState
from .pidfile import pid_alive
from .store import is_built, load_graph_file, open_dist, sha256_of
from .worker import WorkerPool

_RUNTIME_PREFIX = ".serving-"


def _say(message: str) -> None:
    print(f"spp-kg: {message}", file=sys.stderr, flush=True)


def runtime_directory(dist: Path) -> Path:
    """A fresh private directory for snapshots: next to dist/ (so hard links work), else a temporary one.

    Directories left next to dist/ by servers that are gone (killed without cleaning up) are removed.
    """
    dist = dist.absolute()
    prefix = f".{dist.name}{_RUNTIME_PREFIX}"
    try:
        for stale in dist.parent.glob(prefix + "*"):
            pid = stale.name[len(prefix):]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)
        directory = dist.parent / f"{prefix}{os.getpid()}"
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir()
        return directory
    except OSError:
        return Path(tempfile.mkdtemp(prefix="spp-kg-serving-"))


def _lock_runtime(directory: Path):
    """Hold an exclusive lock on ``directory`` for the life of this server: two servers sharing one
    runtime directory would overwrite each other's snapshots. A second one is refused."""
    import fcntl

    handle = open(directory / ".lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise InputError("another spp-kg serve is using this runtime directory; give each server its own "
                         "--runtime-dir", directory) from None
    return handle


def _consistent(directory: Path) -> bool:
    """True when the snapshot is one whole build: every artifact matches the build report's hash."""
    if not is_built(directory):
        return False
    try:
        report = json.loads((directory / "build-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for artifact in [*report.get("artifacts", []), *([report["search_index"]] if "search_index" in report else [])]:
        path = directory / artifact.get("name", "")
        if not path.is_file() or ("sha256" in artifact and sha256_of(path) != artifact["sha256"]):
            return False
    return True


def _link_files(source_dir: Path, target: Path) -> None:
    for source in sorted(source_dir.iterdir()):
        if not source.is_file():
            continue
        try:
            os.link(source, target / source.name)
        except OSError:
            shutil.copy2(source, target / source.name)


def snapshot(dist: Path, target: Path, attempts: int = 10) -> Path:
    """Hard-link (or copy) the files of ``dist`` into ``target``; retried while a build is swapping dist/."""
    for attempt in range(attempts):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        try:
            _link_files(dist, target)
            if (dist / STORE_DIRECTORY).is_dir():
                (target / STORE_DIRECTORY).mkdir()
                _link_files(dist / STORE_DIRECTORY, target / STORE_DIRECTORY)
            if _consistent(target):
                return target
        except OSError:
            pass
        time.sleep(0.1 * (attempt + 1))
    shutil.rmtree(target, ignore_errors=True)
    raise InputError("no complete build to serve (graph.nq.gz, build-report.json or a file listed in it "
                     "is missing or differs from the report)", dist)


def query_backend(settings: ServiceSettings, directory: Path) -> QueryBackend:
    """Local worker processes over the snapshot, or the remote store of ``settings.store_url``."""
    if settings.store_url is None:
        return WorkerPool(directory, settings.workers, PREFIXES, memory_limit=settings.worker_memory_limit)
    store = StoreSettings(settings.store_url, settings.store_user, settings.store_password,
                          settings.store_union_default_graph)
    return RemoteBackend(store, graph_names(directory / "graph.nq.gz"), settings.workers, PREFIXES)


def load_state(settings: ServiceSettings, directory: Path, examples: list[ExampleQuery]) -> ServiceState:
    """A generation over the snapshot ``directory``; its query backend still has to be started."""
    dist = open_dist(directory)
    return ServiceState(settings=settings, dist=dist, pool=query_backend(settings, dist.directory),
                        links=Links(dist.base_iri), examples=examples,
                        ontology=load_graph_file(dist.file("ontology.ttl")),
                        search=SearchIndex(dist.file(SEARCH_INDEX)) if dist.file(SEARCH_INDEX).is_file() else None,
                        answers=AnswerCache(settings.cache_bytes) if settings.cache_bytes and not settings.store_url else None)


class Generations:
    """The current generation, the retired ones still finishing requests, and reloading."""

    def __init__(self, settings: ServiceSettings, examples: list[ExampleQuery]):
        self.settings = settings
        self.examples = examples
        self.source = Path(settings.dist).absolute()
        if not is_built(self.source):
            raise InputError("no built graph here (graph.nq.gz or build-report.json missing)", self.source)
        self._owns_runtime = settings.runtime_dir is None
        self.runtime = (runtime_directory(self.source) if settings.runtime_dir is None
                        else Path(settings.runtime_dir).absolute())
        self.runtime.mkdir(parents=True, exist_ok=True)
        self._runtime_lock = _lock_runtime(self.runtime)
        self.number = 1
        self.current = load_state(settings, snapshot(self.source, self.runtime / "generation-1"), examples)
        self._users: dict[int, int] = {}
        self._retired: dict[int, ServiceState] = {}
        self._lock: asyncio.Lock | None = None
        self._pending = False
        self._tasks: set[asyncio.Task] = set()
        self.reloads = 0

    async def start(self) -> None:
        """Start the first generation's workers."""
        self._lock = asyncio.Lock()
        await self.current.pool.start()

    def acquire(self) -> ServiceState:
        """The current generation, pinned until ``release``."""
        state = self.current
        self._users[id(state)] = self._users.get(id(state), 0) + 1
        return state

    def release(self, state: ServiceState) -> None:
        users = self._users.get(id(state), 1) - 1
        if users > 0:
            self._users[id(state)] = users
            return
        self._users.pop(id(state), None)
        if id(state) in self._retired:
            self._spawn(self._dispose(self._retired.pop(id(state))))

    def _spawn(self, coroutine) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _dispose(self, state: ServiceState) -> None:
        await state.pool.close()
        await asyncio.to_thread(shutil.rmtree, state.dist.directory, True)

    def request_reload(self) -> None:
        """Reload soon (from a signal handler); a reload asked for during one runs once more after it."""
        if self._lock is not None and self._lock.locked():
            self._pending = True
            return
        self._spawn(self.reload())

    async def reload(self) -> bool:
        """Load dist/ again as a new generation and switch to it; on failure keep serving the current one."""
        assert self._lock is not None, "Generations.start() was not awaited"
        async with self._lock:
            self._pending = False
            self.number += 1
            target = self.runtime / f"generation-{self.number}"
            try:
                directory = await asyncio.to_thread(snapshot, self.source, target)
                state = await asyncio.to_thread(load_state, self.settings, directory, self.examples)
            except Exception as exc:  # noqa: BLE001 - a failed reload is reported; serving goes on
                _say(f"reload failed, still serving the previous graph: {exc}")
                return False
            try:
                await state.pool.start()
            except Exception as exc:  # noqa: BLE001
                await state.pool.close()
                shutil.rmtree(directory, ignore_errors=True)
                _say(f"reload failed, still serving the previous graph: {exc}")
                return False
            old, self.current = self.current, state
            self.reloads += 1
            _say(f"reloaded {self.source}: {state.dist.report.get('triples', '?')} statements "
                 f"(generation {self.number})")
            if self._users.get(id(old), 0) == 0:
                await self._dispose(old)
            else:
                self._retired[id(old)] = old
        if self._pending:
            self._spawn(self.reload())
        return True

    async def close(self) -> None:
        """Stop every generation's workers and remove the snapshots this server made."""
        for task in list(self._tasks):
            task.cancel()
        for state in [self.current, *self._retired.values()]:
            await state.pool.close()
        self._retired.clear()
        if self._owns_runtime:
            shutil.rmtree(self.runtime, ignore_errors=True)


def install_reload_signal(generations: Generations) -> Callable[[], None]:
    """Reload on SIGHUP (where the platform and thread allow it); returns the function that undoes it."""
    sighup = getattr(signal, "SIGHUP", None)
    loop = asyncio.get_running_loop()
    if sighup is None:
        return lambda: None
    try:
        loop.add_signal_handler(sighup, generations.request_reload)
    except (NotImplementedError, RuntimeError, ValueError):   # not the main thread (e.g. a test client)
        return lambda: None
    return lambda: loop.remove_signal_handler(sighup)


class PinGeneration:
    """Pin each HTTP request to the generation current when it arrived (see ``service_state``)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        generations: Generations | None = getattr(scope["app"].state, "generations", None) if "app" in scope else None
        if scope["type"] != "http" or generations is None:
            await self.app(scope, receive, send)
            return
        state = generations.acquire()
        scope[SCOPE_KEY] = state
        try:
            await self.app(scope, receive, send)
        finally:
            generations.release(state)
