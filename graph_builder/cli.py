"""The ``spp-kg`` command line: build, validate, query, stats (exit codes of DESIGN §5)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

import pyoxigraph

from . import __version__
from .config import DEFAULT_BASE_IRI, DEFAULT_DIST, BuildSettings, resource_dir
from .errors import InputError, SppKgError, ValidationFailed
from .validate import format_violations, load_shapes, validate_graph


def _progress(message: str) -> None:
    print(f"spp-kg: {message}", file=sys.stderr, flush=True)


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    settings = BuildSettings(
        corpus_dir=Path(args.corpus) if args.corpus else resource_dir("corpus"),
        out_dir=Path(args.out), base_iri=args.base_iri,
        mappings_dir=Path(args.mappings) if args.mappings else None)
    started = time.perf_counter()
    result = build(settings, progress=_progress if not args.quiet else (lambda message: None))
    report = result.report
    print(f"built {report['triples']} triples, {report['statistics']} statistics from "
          f"{len(report['documents'])} documents into {result.out_dir} in {time.perf_counter() - started:.1f} s")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Dataset, Graph

    dist = Path(args.dist)
    trig = dist / "graph.trig"
    if not trig.is_file():
        raise InputError("no graph.trig here: run 'spp-kg build' first", dist)
    shapes = load_shapes(Path(args.shapes) if args.shapes else dist.joinpath("shapes.ttl").parent
                         if (dist / "shapes.ttl").is_file() and not args.shapes else resource_dir("shapes"))
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    reference = Graph()
    documents = []
    for graph in dataset.graphs():
        name = str(graph.identifier)
        if name.endswith("/graph/reference"):
            reference += graph
        elif "/graph/document/" in name:
            documents.append(graph)
    violations = []
    for graph in documents:
        data = Graph()
        data += graph
        violations += validate_graph(data + reference, shapes)
    if violations:
        raise ValidationFailed(f"{len(violations)} SHACL violation(s) in {trig}", format_violations(violations))
    print(f"{trig}: {len(documents)} document graphs conform to the shapes")
    return 0


def _read_query(args: argparse.Namespace) -> str:
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read query file: {exc}", args.file) from None
    if args.query:
        return args.query
    raise InputError("give a query as an argument or with --file")


def _term(term: object) -> str:
    return "" if term is None else getattr(term, "value", str(term))


def _cmd_query(args: argparse.Namespace) -> int:
    from .query import load_store, run_query

    store = load_store(Path(args.dist))
    result = run_query(store, _read_query(args))
    out = sys.stdout
    if isinstance(result, pyoxigraph.QueryBoolean):
        print(json.dumps({"boolean": bool(result)}) if args.format == "json" else str(bool(result)).lower())
        return 0
    if isinstance(result, pyoxigraph.QueryTriples):
        out.write(result.serialize(format=pyoxigraph.RdfFormat.TURTLE).decode())
        return 0
    variables = [v.value for v in result.variables]
    rows = [[_term(solution[v]) for v in variables] for solution in result]
    if args.format == "json":
        print(json.dumps([dict(zip(variables, row)) for row in rows], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(variables)
        writer.writerows(rows)
        out.write(buffer.getvalue())
    else:
        widths = [min(60, max([len(v)] + [len(r[i]) for r in rows])) for i, v in enumerate(variables)]
        print("  ".join(v.ljust(w) for v, w in zip(variables, widths)))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)))
        print(f"({len(rows)} rows)", file=sys.stderr)
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    path = Path(args.dist) / "build-report.json"
    if not path.is_file():
        raise InputError("no build-report.json here: run 'spp-kg build' first", Path(args.dist))
    report = json.loads(path.read_text(encoding="utf-8"))
    print(f"triples: {report['triples']}")
    print(f"statistics: {report['statistics']}")
    print("classes:")
    for cls, count in report["classes"].items():
        print(f"  {count:6d}  {cls}")
    print("documents:")
    for doc_id, doc in report["documents"].items():
        print(f"  {doc['statistics']:4d} statistics  {len(doc['numbers_not_statistics']):4d} other numbers  {doc_id}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="spp-kg", description="Build and query the knowledge graph of China's procuratorial work.")
    parser.add_argument("--version", action="version", version=f"spp-kg {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the graph from a corpus into dist/")
    build.add_argument("--corpus", help="corpus directory (default: the bundled corpus)")
    build.add_argument("--out", default=str(DEFAULT_DIST), help="output directory (default: dist)")
    build.add_argument("--mappings", help="mappings directory (default: the bundled mappings)")
    build.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help=f"base IRI of resources (default: {DEFAULT_BASE_IRI})")
    build.add_argument("--quiet", action="store_true", help="no progress messages")
    build.set_defaults(handler=_cmd_build)

    validate = commands.add_parser("validate", help="validate a built graph against the SHACL shapes")
    validate.add_argument("--dist", default=str(DEFAULT_DIST), help="built graph directory (default: dist)")
    validate.add_argument("--shapes", help="shapes directory (default: the shapes published with the graph)")
    validate.set_defaults(handler=_cmd_validate)

    query = commands.add_parser("query", help="run a SPARQL query over a built graph")
    query.add_argument("query", nargs="?", help="the SPARQL query text")
    query.add_argument("--file", "-f", help="read the query from this file")
    query.add_argument("--dist", default=str(DEFAULT_DIST), help="built graph directory (default: dist)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    query.set_defaults(handler=_cmd_query)

    stats = commands.add_parser("stats", help="summarise a built graph")
    stats.add_argument("--dist", default=str(DEFAULT_DIST), help="built graph directory (default: dist)")
    stats.set_defaults(handler=_cmd_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
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


if __name__ == "__main__":
    sys.exit(main())
