"""The ``spp-kg`` command line: the builder's commands and the service's (exit codes of DESIGN §5).

``serve`` is where building meets serving: an empty ``--dist`` is built from the bundled corpus here,
before the service starts; the service only serves what was built.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from graph_builder import __version__
from graph_builder.commands import add_builder_commands, progress
from graph_builder.config import DEFAULT_DIST, BuildSettings, resource_dir
from graph_builder.errors import SppKgError, ValidationFailed
from service.command import add_serve_arguments

INTERNAL_ERROR = 3   # neither bad input (2) nor a failed validation (1): a fault of spp-kg itself


def _cmd_serve(args: argparse.Namespace) -> int:
    from graph_builder.build import build
    from service.command import serve, serve_settings
    from service.store import is_built

    settings = serve_settings(args)   # every option is checked before anything is built
    if not is_built(settings.dist):
        progress(f"no build in {settings.dist}: building the bundled corpus first")
        build(BuildSettings(corpus_dir=resource_dir("corpus"), out_dir=settings.dist), progress=progress)
    return serve(settings, Path(args.pid_file) if args.pid_file else None, progress)


def _cmd_reload(args: argparse.Namespace) -> int:
    from service.pidfile import default_pid_file, signal_reload

    path = Path(args.pid_file) if args.pid_file else default_pid_file(Path(args.dist))
    pid = signal_reload(path)
    progress(f"asked the server (process {pid}) to reload {args.dist}; it keeps serving the previous graph "
             "until the new one is loaded, and logs the outcome")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="spp-kg", description="Build and query the knowledge graph of China's procuratorial work.")
    parser.add_argument("--version", action="version", version=f"spp-kg {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_builder_commands(commands)

    serve = commands.add_parser("serve", help="serve the graph over HTTP: SPARQL, dumps, Linked Data pages")
    add_serve_arguments(serve, str(DEFAULT_DIST))
    serve.set_defaults(handler=_cmd_serve)

    reload = commands.add_parser("reload", help="make a running server serve a rebuilt dist/ (sends SIGHUP)")
    reload.add_argument("--pid-file", help="the server's pid file (default: dist.pid next to --dist)")
    reload.add_argument("--dist", default=str(DEFAULT_DIST), help="the served directory (default: dist)")
    reload.set_defaults(handler=_cmd_reload)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        code = args.handler(args)
        sys.stdout.flush()      # a closed output is a broken pipe here, not at exit
        return code
    except SppKgError as exc:
        if args.debug:
            raise
        print(f"spp-kg: error: {exc}", file=sys.stderr)
        if isinstance(exc, ValidationFailed) and exc.report:
            print(exc.report, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("spp-kg: interrupted; the last published output is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of the output went away (`spp-kg query ... | head`): say so once, on stderr
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())     # no second error when Python flushes stdout at exit
        print("spp-kg: error: the output was closed before everything was written (broken pipe)", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, not a traceback
        if args.debug:
            raise
        print(f"spp-kg: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return INTERNAL_ERROR
