"""Configuration of the HTTP service in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_QUERY_BYTES = 100_000
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class ServiceSettings:
    """What the service serves and the limits it enforces.

    ``dist`` is a directory written by ``spp-kg build``. ``timeout`` is the wall-clock limit of one
    query in seconds (the worker running it is killed when it is exceeded); ``max_rows`` caps the
    solutions or triples of one answer; ``max_query_bytes`` caps the size of a query text;
    ``workers`` is the number of query processes; ``service_allow_list`` names the remote endpoints a
    ``SERVICE`` clause may call (none by default).
    """

    dist: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    workers: int = DEFAULT_WORKERS
    service_allow_list: tuple[str, ...] = field(default_factory=tuple)
