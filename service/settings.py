"""Configuration of the HTTP service in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_QUERY_BYTES = 100_000
DEFAULT_WORKERS = 2
DEFAULT_SERVICES = ("https://query.wikidata.org/sparql",)   # SERVICE allow-list (service/federation.py)
DEFAULT_SERVICE_TIMEOUT = 10.0
DEFAULT_BODY_TIMEOUT = 10.0
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_MAX_HEADER_BYTES = 32_768
DEFAULT_MAX_NESTING = 200
DEFAULT_SEARCH_TIMEOUT = 2.0
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
MIB = 1024 * 1024
DEFAULT_WORKER_MEMORY_MIB = (256, 4096)     # the least and the most of the default --worker-memory


def default_worker_memory(workers: int) -> int:
    """Bytes one query worker may allocate for a query by default: half the machine's memory shared
    by the workers, within DEFAULT_WORKER_MEMORY_MIB."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        physical = 8 * 1024 * MIB
    least, most = DEFAULT_WORKER_MEMORY_MIB
    return max(least * MIB, min(most * MIB, physical // 2 // max(1, workers)))


@dataclass(frozen=True)
class ServiceSettings:
    """What the service serves and the limits it enforces.

    ``dist`` is a directory written by ``spp-kg build``. ``timeout`` is the wall-clock limit of one
    query in seconds (the worker running it is killed when it is exceeded); ``max_rows`` caps the
    solutions or triples of one answer; ``max_query_bytes`` caps the size of a query text;
    ``workers`` is the number of query processes; ``service_allow_list`` names the remote endpoints a
    ``SERVICE`` clause may call (Wikidata's public endpoint by default).
    """

    dist: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES    # bytes of one answer (before its final format)
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    workers: int = DEFAULT_WORKERS
    service_allow_list: tuple[str, ...] = DEFAULT_SERVICES
    # Seconds one SERVICE call may take (kept below ``timeout``; see service/federation.py).
    service_timeout: float = DEFAULT_SERVICE_TIMEOUT
    # Limits against abuse (see service/limits.py): seconds to receive a request body (else 408), bytes
    # of request line and headers (else 431), depth of nested brackets in a query (else 400), and
    # seconds a request may wait for a free query worker (else 503 "server busy"; None: ``timeout``).
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    # Seconds a client may take to send a request line and headers, from its connection or from the
    # first byte of a later request on it (else 408 and the connection closed; see service/http11.py).
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES
    max_nesting: int = DEFAULT_MAX_NESTING
    queue_timeout: float | None = None
    # Bytes of memory one query worker may allocate beyond what holding the store takes (None: sized
    # from the machine, default_worker_memory); a query needing more is stopped with 503.
    worker_memory: int | None = None
    # Where the served snapshots of dist/ live (None: next to dist/, or a temporary directory).
    runtime_dir: Path | None = None
    # A remote SPARQL 1.1 store answering the queries instead of local workers (service/remote.py):
    # its endpoint, credentials, and whether its default graph already is the union of the named graphs.
    store_url: str | None = None
    store_user: str | None = None
    store_password: str | None = None
    store_union_default_graph: bool = False
    # Seconds one full-text search (/search) may take (else 503).
    search_timeout: float = DEFAULT_SEARCH_TIMEOUT
    # Bytes of answers kept to be repeated, per generation of the graph (0: none; service/answer_cache.py).
    cache_bytes: int = DEFAULT_CACHE_BYTES

    @property
    def queue_wait(self) -> float:
        """Seconds a query may wait for a free worker: ``queue_timeout``, else ``timeout``."""
        return self.timeout if self.queue_timeout is None else self.queue_timeout

    @property
    def worker_memory_limit(self) -> int:
        """Bytes one query worker may allocate for a query: ``worker_memory``, else sized from the machine."""
        return self.worker_memory or default_worker_memory(self.workers)
