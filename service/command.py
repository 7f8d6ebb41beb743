"""``spp-kg serve``: its options, their checks, and the HTTP server that runs the application.

Imported by the command line (spp_kg/cli.py) to build its parser: keep the imports at the top light (the
web framework and the server are imported when the command runs). The service serves a ``dist/`` that is
already built; building it when it is empty is the command line's decision.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Callable

from graph_builder.errors import InputError

from . import settings as defaults


def add_serve_arguments(serve: argparse.ArgumentParser, default_dist: str) -> None:
    """The options of ``spp-kg serve`` (defaults from service/settings.py)."""
    serve.add_argument("--host", default=defaults.DEFAULT_HOST, help=f"address to listen on (default: {defaults.DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=defaults.DEFAULT_PORT, help=f"port (default: {defaults.DEFAULT_PORT})")
    serve.add_argument("--dist", default=default_dist, help=f"built graph directory; the bundled corpus is built into it first when it is empty (default: {default_dist})")
    serve.add_argument("--timeout", type=float, default=defaults.DEFAULT_TIMEOUT,
                       help=f"seconds a query may run before it is stopped (default: {defaults.DEFAULT_TIMEOUT:g})")
    serve.add_argument("--max-rows", type=int, default=defaults.DEFAULT_MAX_ROWS,
                       help=f"most rows or triples in one answer (default: {defaults.DEFAULT_MAX_ROWS})")
    serve.add_argument("--max-query-bytes", type=int, default=defaults.DEFAULT_MAX_QUERY_BYTES,
                       help=f"largest query text accepted (default: {defaults.DEFAULT_MAX_QUERY_BYTES})")
    serve.add_argument("--workers", type=int, default=defaults.DEFAULT_WORKERS,
                       help="query worker processes, or with --store the queries sent to the store at once "
                            f"(default: {defaults.DEFAULT_WORKERS})")
    serve.add_argument("--allow-service", action="append", default=[], metavar="IRI",
                       help="also let SERVICE clauses call this endpoint (repeatable; 'none' empties the list; "
                            f"default list: {', '.join(defaults.DEFAULT_SERVICES)})")
    serve.add_argument("--no-default-services", action="store_true",
                       help="do not allow the default SERVICE endpoint (Wikidata), only those of --allow-service")
    serve.add_argument("--service-timeout", type=float, default=defaults.DEFAULT_SERVICE_TIMEOUT,
                       help=f"seconds one SERVICE call may take, kept below --timeout (default: {defaults.DEFAULT_SERVICE_TIMEOUT:g})")
    serve.add_argument("--body-timeout", type=float, default=defaults.DEFAULT_BODY_TIMEOUT,
                       help=f"seconds a client may take to send its request body, else 408 (default: {defaults.DEFAULT_BODY_TIMEOUT:g})")
    serve.add_argument("--header-timeout", type=float, default=defaults.DEFAULT_HEADER_TIMEOUT,
                       help="seconds a client may take to send a request line and headers, else 408 and the "
                            f"connection is closed (default: {defaults.DEFAULT_HEADER_TIMEOUT:g})")
    serve.add_argument("--max-header-bytes", type=int, default=defaults.DEFAULT_MAX_HEADER_BYTES,
                       help=f"most bytes of request headers in all, else 431 (default: {defaults.DEFAULT_MAX_HEADER_BYTES})")
    serve.add_argument("--queue-timeout", type=float, default=None,
                       help="seconds a query may wait for a free worker, else 503 'server busy' (default: same as --timeout)")
    serve.add_argument("--max-answer-bytes", type=int, default=defaults.DEFAULT_MAX_ANSWER_BYTES,
                       help="bytes of one answer before it is cut (X-SPP-Truncated: true; "
                            f"default: {defaults.DEFAULT_MAX_ANSWER_BYTES})")
    serve.add_argument("--cache-bytes", type=int, default=defaults.DEFAULT_CACHE_BYTES,
                       help="bytes of answers kept to be repeated while the graph stays the same, 0 for none "
                            f"(default: {defaults.DEFAULT_CACHE_BYTES})")
    serve.add_argument("--worker-memory", type=int, default=None, metavar="MIB",
                       help="MiB one query worker may allocate for a query, else 503 (default: half the machine's "
                            "memory shared by the workers, {} to {})".format(*defaults.DEFAULT_WORKER_MEMORY_MIB))
    serve.add_argument("--pid-file", help="write the server's process id here (default: dist.pid next to --dist)")
    serve.add_argument("--runtime-dir", help="where the served snapshots of dist/ live (default: next to --dist)")
    serve.add_argument("--store", metavar="URL", help="answer queries with this SPARQL 1.1 endpoint (a store loaded "
                                                      "with 'spp-kg load') instead of local workers; dumps still come from --dist")
    serve.add_argument("--store-user", help="user name for --store (HTTP Basic or Digest)")
    serve.add_argument("--store-password", help="password of --store-user")
    serve.add_argument("--store-union-default-graph", action="store_true",
                       help="the store's default graph already is the union of the named graphs (e.g. Oxigraph "
                            "--union-default-graph, Virtuoso, GraphDB); otherwise every query names the build's "
                            "graphs as its dataset")


def serve_settings(args: argparse.Namespace) -> defaults.ServiceSettings:
    """The service's settings from the options of ``spp-kg serve``; InputError for a value out of range."""
    if not 0 < args.port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {args.port}")
    if args.timeout <= 0 or args.max_rows <= 0 or args.workers <= 0:
        raise InputError("--timeout, --max-rows and --workers must be positive")
    from . import federation

    services = federation.allow_list(args.allow_service, defaults=not args.no_default_services)
    for endpoint in services:
        if problem := federation.check_endpoint(endpoint):
            raise InputError(f"--allow-service: {problem}")
    if args.service_timeout <= 0:
        raise InputError("--service-timeout must be positive")
    queue_timeout = 1.0 if args.queue_timeout is None else args.queue_timeout
    if min(args.body_timeout, args.header_timeout, queue_timeout) <= 0 or args.max_header_bytes < 1024:
        raise InputError("--body-timeout, --header-timeout and --queue-timeout must be positive, "
                         "--max-header-bytes at least 1024")
    if args.max_answer_bytes < 1024:
        raise InputError("--max-answer-bytes must be at least 1024")
    if args.cache_bytes < 0:
        raise InputError("--cache-bytes must be 0 or more")
    if args.worker_memory is not None and args.worker_memory < 64:
        raise InputError("--worker-memory must be at least 64 (MiB)")
    settings = defaults.ServiceSettings(
        dist=Path(args.dist), host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
        max_query_bytes=args.max_query_bytes, workers=args.workers, service_allow_list=services,
        service_timeout=args.service_timeout, body_timeout=args.body_timeout, header_timeout=args.header_timeout,
        max_header_bytes=args.max_header_bytes, queue_timeout=args.queue_timeout,
        runtime_dir=Path(args.runtime_dir) if args.runtime_dir else None,
        worker_memory=args.worker_memory * defaults.MIB if args.worker_memory else None,
        max_answer_bytes=args.max_answer_bytes, cache_bytes=args.cache_bytes)
    if args.store is not None:
        from .remote import StoreSettings, check_store

        if not args.store.startswith(("http://", "https://")):
            raise InputError(f"--store must be an http(s) URL, not {args.store!r}")
        if (args.store_user is None) != (args.store_password is None):
            raise InputError("give --store-user and --store-password together")
        check_store(StoreSettings(args.store, args.store_user, args.store_password))
        settings = replace(settings, store_url=args.store, store_user=args.store_user,
                           store_password=args.store_password,
                           store_union_default_graph=args.store_union_default_graph)
    elif args.store_union_default_graph or args.store_user:
        raise InputError("--store-user, --store-password and --store-union-default-graph need --store")
    return settings


def serve(settings: defaults.ServiceSettings, pid_path: Path | None, progress: Callable[[str], None]) -> int:
    """Serve the built ``settings.dist`` until stopped, with the process id in ``pid_path`` (default:
    dist.pid next to it)."""
    import uvicorn

    from .app import create_app
    from .http11 import guarded_protocol
    from .pidfile import default_pid_file, pid_file

    app = create_app(settings)
    answered_by = f", queries answered by {settings.store_url}" if settings.store_url else ""
    progress(f"serving {settings.dist} at http://{settings.host}:{settings.port}/ (SPARQL at /sparql{answered_by})")
    with pid_file(pid_path or default_pid_file(settings.dist)):
        # h11 buffers at most this much of a request head (a percent-encoded query of --max-query-bytes
        # in the URL fits); RequestLimits answers 431 for the headers well below it.
        head_limit = max(65_536, 8 * settings.max_header_bytes, 3 * settings.max_query_bytes + settings.max_header_bytes)
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                    h11_max_incomplete_event_size=head_limit, http=guarded_protocol(settings.header_timeout))
    return 0
