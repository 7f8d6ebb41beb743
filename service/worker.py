"""Query execution in worker processes that can be killed: the only way to stop a runaway query.

Each worker loads the store from dist/ once and answers jobs over a pipe, serialising with pyoxigraph's
own writers. ``WorkerPool.run`` waits for the answer on the event loop itself (the pipe is watched like a
socket: no thread, no polling) and reads a large answer in a thread, so the loop keeps serving other
requests; past the time limit the worker gets SIGKILL and a fresh one takes its place.

This module is imported by the worker processes: keep its imports light (no web framework).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import multiprocessing.connection
import pickle
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pyoxigraph

from . import federation
from .answer_writing import write_graph, write_solutions
from .bounded_queries import INLINE_ROWS, is_bounded
from .formats import engine_format
from .jobs import Answer, Failure, Job, PoolBusy, QueryTimeout

log = logging.getLogger("spp_kg.service")

# A query still running after this many seconds is moved to the idle scheduling class: it then gets
# the CPU only when no other query wants it, so a few runaway queries barely slow the short ones
# (they are still killed at the time limit).
DEMOTE_AFTER = 0.5

# An answer up to this size is read from the pipe on the event loop; a larger one in a thread.
READ_INLINE_BYTES = 256 * 1024


def execute(store: pyoxigraph.Store, job: Job, prefixes: dict[str, str]) -> Answer | Failure:
    """Evaluate ``job`` on ``store`` and serialise its answer."""
    options: dict = {}
    if job.default_graphs is not None or job.named_graphs is not None:
        # The protocol's dataset: only the graphs named (no default-graph-uri: an empty default graph).
        try:
            options["default_graph"] = [pyoxigraph.NamedNode(g) for g in job.default_graphs or ()]
            options["named_graphs"] = [pyoxigraph.NamedNode(g) for g in job.named_graphs or ()]
        except ValueError as exc:
            return Failure("refused", f"a graph of the dataset is not an IRI: {exc}")
    if job.base_iri:
        options["base_iri"] = job.base_iri
    try:
        sparql = federation.route(job.sparql, job.services, job.service_timeout)
    except federation.Refused as exc:
        return Failure("refused", str(exc))
    try:
        result = store.query(sparql, **options)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Answer("boolean", result.serialize(format=engine_format(job.result_format)), 1, False)
        if isinstance(result, pyoxigraph.QueryTriples):
            return write_graph(result, job, prefixes)
        return write_solutions(result, job)
    except SyntaxError as exc:
        return Failure("syntax", str(exc))
    except MemoryError:
        return Failure("memory", "the query needed more memory than a query worker may use")
    except (OSError, ValueError, RuntimeError) as exc:
        return Failure(*federation.failure_of(str(exc).splitlines()[0] if str(exc) else type(exc).__name__))


def _limit_memory(limit: int | None) -> None:
    """Let this process allocate at most ``limit`` bytes more than it holds now (RLIMIT_AS)."""
    if not limit:
        return
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
        resource.setrlimit(resource.RLIMIT_AS, (size + limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (OSError, ValueError, StopIteration):
        log.warning("could not limit the memory of a query worker")


def worker_main(connection: multiprocessing.connection.Connection, dist: str, prefixes: dict[str, str],
                memory_limit: int | None = None) -> None:
    """The loop of one worker process: load the store, report its named graphs, answer jobs until EOF."""
    from graph_builder.query import load_store

    store = load_store(Path(dist))
    _limit_memory(memory_limit)
    connection.send(("ready", sorted(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer = execute(store, job, prefixes)
        except Exception as exc:  # noqa: BLE001 - an answer, never a dead worker and a lost pipe
            answer = Failure("error", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        connection.send(len(data))         # its size first: the parent reads a large answer off the loop
        connection.send_bytes(data)


def _open_read_only(dist: Path) -> pyoxigraph.Store | None:
    """The build's on-disk store opened read-only, or None for a build without one (or one that cannot
    be opened: its queries then all go to the workers)."""
    from graph_builder.publish import STORE_DIRECTORY, open_store

    try:
        return open_store(dist) if (dist / STORE_DIRECTORY).is_dir() else None
    except OSError:
        log.warning("could not open the store in the serving process; every query goes to a worker")
        return None


def _context() -> multiprocessing.context.BaseContext:
    """forkserver (fast, safe with threads) where available, else spawn; never plain fork."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["service.worker", "graph_builder.query"])
        return context
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext, dist: str, prefixes: dict[str, str],
                 memory_limit: int | None):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, dist, prefixes, memory_limit), daemon=True,
                                       name="spp-kg-query")
        self.process.start()
        child.close()
        self.demoted = False     # left in the idle scheduling class after a long query

    def wait_ready(self, timeout: float) -> list[str]:
        """Block until the worker has loaded the store; return the named graphs it holds."""
        if not self.connection.poll(timeout):
            raise RuntimeError(f"query worker not ready after {timeout:.0f} s")
        message = self.connection.recv()
        return message[1]

    async def call(self, job: Job, timeout: float, read_in_thread) -> Answer | Failure:
        """Send ``job`` and wait for the answer; raise TimeoutError past ``timeout`` seconds.

        A job still running after DEMOTE_AFTER seconds runs on in the idle scheduling class; the
        worker is set back to normal scheduling when it answers (``demoted`` says whether that failed).
        An answer larger than READ_INLINE_BYTES is read by ``read_in_thread(function)``.
        """
        self.connection.send(job)
        if timeout > DEMOTE_AFTER and not await self._readable(DEMOTE_AFTER):
            self._schedule(os.SCHED_IDLE)
            if not await self._readable(timeout - DEMOTE_AFTER):
                raise TimeoutError()
            self.demoted = not self._schedule(os.SCHED_OTHER)
        elif not await self._readable(timeout):
            raise TimeoutError()
        size = self.connection.recv()
        if size <= READ_INLINE_BYTES:
            return pickle.loads(self.connection.recv_bytes())
        return await read_in_thread(lambda: pickle.loads(self.connection.recv_bytes()))

    async def _readable(self, seconds: float) -> bool:
        """Wait until the worker has written to the pipe (or closed it); False after ``seconds``."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        descriptor = self.connection.fileno()
        loop.add_reader(descriptor, lambda: ready.done() or ready.set_result(True))
        try:
            return await asyncio.wait_for(ready, seconds)
        except (asyncio.TimeoutError, TimeoutError):
            return False
        finally:
            loop.remove_reader(descriptor)
            # uvloop (uvicorn's loop when installed) leaves a watched descriptor non-blocking: the
            # reads that follow expect a blocking pipe (an answer's size and its bytes are two writes).
            with contextlib.suppress(OSError):      # closed meanwhile: the caller finds out
                os.set_blocking(descriptor, True)

    def _schedule(self, policy: int) -> bool:
        """Set the worker's scheduling class; False when the system does not allow it."""
        try:
            os.sched_setscheduler(self.process.pid, policy, os.sched_param(0))
        except (OSError, AttributeError):
            return False
        return True

    def kill(self) -> None:
        """SIGKILL the process (a runaway query cannot be interrupted otherwise) and reap it."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    """A few worker processes that evaluate queries with a hard time limit; a query whose cost is
    bounded by its rows (``bounded_queries``) is answered in this process, from the same store opened
    read-only, when its answer fits in INLINE_ROWS rows."""

    def __init__(self, dist: Path, size: int, prefixes: dict[str, str], ready_timeout: float = 300.0,
                 memory_limit: int | None = None):
        self.dist = str(Path(dist).absolute())
        self.memory_limit = memory_limit    # bytes a worker may allocate for queries (None: no limit)
        self.size = max(1, size)
        self.prefixes = prefixes
        self.ready_timeout = ready_timeout
        self.graphs: list[str] = []
        self._context = _context()
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._closed = False
        self._tasks: set[asyncio.Task] = set()
        # Blocking work runs in threads of the pool's own — reading a large answer, killing a worker,
        # waiting for a replacement to start — never queued behind other users of the default executor.
        self._threads = ThreadPoolExecutor(max_workers=2 * self.size + 2, thread_name_prefix="spp-kg-pool")
        self._store: pyoxigraph.Store | None = None     # the build's on-disk store, for bounded queries

    async def _in_thread(self, function, *args):
        try:
            future = asyncio.get_running_loop().run_in_executor(self._threads, function, *args)
        except RuntimeError:      # closed: a late replacement still kills its worker
            return await asyncio.to_thread(function, *args)
        return await future

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the store."""
        # the worker that answered last goes first: its store's caches hold what the last queries read
        # (taking turns, each worker's cache warmed apart: a series query took 13 ms instead of 11)
        self._idle = asyncio.LifoQueue()
        workers = [_Worker(self._context, self.dist, self.prefixes, self.memory_limit) for _ in range(self.size)]
        self._all.update(workers)
        for worker in workers:
            self.graphs = await self._in_thread(worker.wait_ready, self.ready_timeout)
            self._idle.put_nowait(worker)
        self._store = _open_read_only(Path(self.dist))

    async def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a fresh one in the pool once it is ready."""
        self._all.discard(worker)
        await self._in_thread(worker.kill)
        if self._closed:
            return
        fresh = _Worker(self._context, self.dist, self.prefixes, self.memory_limit)
        self._all.add(fresh)
        try:
            await self._in_thread(fresh.wait_ready, self.ready_timeout)
        except Exception:  # noqa: BLE001 - a worker that cannot start is logged and dropped
            log.exception("a replacement query worker failed to start")
            self._all.discard(fresh)
            fresh.kill()
            return
        assert self._idle is not None
        self._idle.put_nowait(fresh)

    def _replace_later(self, worker: _Worker) -> None:
        task = asyncio.get_running_loop().create_task(self._replace(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, job: Job, timeout: float, queue_timeout: float) -> Answer | Failure:
        """Evaluate ``job`` within ``timeout`` seconds of running time (the wait for a free worker is not
        counted: a query that got its worker late still has all of it); raise PoolBusy when no worker is
        free within ``queue_timeout`` seconds."""
        assert self._idle is not None, "WorkerPool.start() was not awaited"
        if self._store is not None and is_bounded(job.sparql):
            answer = execute(self._store, replace(job, max_rows=min(job.max_rows, INLINE_ROWS)), self.prefixes)
            if not (isinstance(answer, Answer) and answer.truncated and job.max_rows > INLINE_ROWS):
                return answer
        try:
            worker = await asyncio.wait_for(self._idle.get(), queue_timeout)
        except (asyncio.TimeoutError, TimeoutError):
            raise PoolBusy() from None
        try:
            answer = await worker.call(job, timeout, self._in_thread)
        except TimeoutError:
            self._replace_later(worker)
            raise QueryTimeout() from None
        except (EOFError, OSError, BrokenPipeError):
            await self._in_thread(worker.process.join, 2)
            aborted = worker.process.exitcode == -signal.SIGABRT
            self._replace_later(worker)
            if aborted and self.memory_limit:
                # an allocation past the limit inside the engine aborts the worker process
                return Failure("memory", "the query needed more memory than a query worker may use")
            return Failure("error", "the query worker stopped unexpectedly")
        except BaseException:
            # Cancelled while waiting (client gone): the worker may still be busy, so replace it.
            self._replace_later(worker)
            raise
        if worker.demoted:       # could not be set back to normal scheduling: start a fresh one
            self._replace_later(worker)
        else:
            self._idle.put_nowait(worker)
        return answer

    async def close(self) -> None:
        """Kill every worker."""
        self._closed = True
        self._store = None
        for worker in list(self._all):
            await self._in_thread(worker.kill)
        self._all.clear()
        self._threads.shutdown(wait=False)
