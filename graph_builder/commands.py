"""The builder's commands of ``spp-kg``: build, validate, query, link, load, stats.

The command line (spp_kg/cli.py) adds them to its parser beside the service's commands; each handler
returns the exit code or raises an SppKgError (exit codes of DESIGN §5).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

import pyoxigraph

from .config import DEFAULT_BASE_IRI, DEFAULT_DIST, BuildSettings, mappings_to_update, resource_dir
from .errors import InputError, SppKgError, ValidationFailed
from .validate import DocumentValidator, format_violations, load_shapes


def progress(message: str) -> None:
    """Report progress on long work: one line on stderr."""
    print(f"spp-kg: {message}", file=sys.stderr, flush=True)


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    settings = BuildSettings(
        corpus_dir=Path(args.corpus) if args.corpus else resource_dir("corpus"),
        out_dir=Path(args.out), base_iri=args.base_iri,
        mappings_dir=Path(args.mappings) if args.mappings else None)
    started = time.perf_counter()
    result = build(settings, progress=progress if not args.quiet else (lambda message: None))
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
    if args.shapes:
        shapes = load_shapes(Path(args.shapes))
    else:   # the shapes published with the graph, else the bundled ones
        shapes = load_shapes(dist / "shapes.ttl" if (dist / "shapes.ttl").is_file() else resource_dir("shapes"))
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
    validator = DocumentValidator(shapes, reference)
    violations = validator.reference_violations()
    for graph in documents:
        data = Graph()
        data += graph
        violations += validator.violations(data)
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


def _write(text: str) -> None:
    """Write ``text`` to stdout a piece at a time, so a reader that goes away (``| head``) is noticed
    as a broken pipe instead of a silently short write."""
    for start in range(0, len(text), 65536):
        sys.stdout.write(text[start: start + 65536])
        sys.stdout.flush()


def _evaluate(sparql: str, dist: Path):
    """The answer of ``sparql``: a boolean, Turtle text, or (variables, rows); a failure while it is
    evaluated (a SERVICE endpoint out of reach, ...) is an InputError naming the endpoints called."""
    from . import querytext
    from .query import load_store, run_query

    result = run_query(load_store(dist), sparql)
    try:
        if isinstance(result, pyoxigraph.QueryBoolean):
            return bool(result)
        if isinstance(result, pyoxigraph.QueryTriples):
            return result.serialize(format=pyoxigraph.RdfFormat.TURTLE).decode()
        variables = [v.value for v in result.variables]
        return variables, [[solution[v] for v in variables] for solution in result]
    except (OSError, RuntimeError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        endpoints = querytext.service_endpoints(sparql)
        calling = f" (it calls SERVICE {', '.join(endpoints)})" if endpoints else ""
        raise InputError(f"the query failed{calling}: {reason}") from None


def _cmd_query(args: argparse.Namespace) -> int:
    result = _evaluate(_read_query(args), Path(args.dist))
    if isinstance(result, bool):
        _write((json.dumps({"boolean": result}) if args.format == "json" else str(result).lower()) + "\n")
        return 0
    if isinstance(result, str):
        _write(result)
        return 0
    variables, solutions = result
    if args.format == "json":
        from .query import json_value

        _write(json.dumps([{v: json_value(term) for v, term in zip(variables, terms)} for terms in solutions],
                          ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [[_term(term) for term in terms] for terms in solutions]
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(variables)
        writer.writerows(rows)
        _write(buffer.getvalue())
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


def _cmd_load(args: argparse.Namespace) -> int:
    from .load import LoadOptions, run_load

    if (args.user is None) != (args.password is None):
        raise InputError("give --user and --password together")
    options = LoadOptions(endpoint=args.endpoint, graph_store=args.graph_store, update_endpoint=args.update_endpoint,
                          dist=Path(args.dist),
                          batch_size=args.batch_size, user=args.user, password=args.password,
                          restart=args.restart, timeout=args.timeout, retries=args.retries)
    started = time.perf_counter()
    expected, counts = run_load(options, progress=progress)
    differ = [g for g in expected if counts.get(g) != expected[g]]
    print(f"loaded {sum(expected.values())} statements in {len(expected)} named graphs into "
          f"{args.graph_store or args.update_endpoint or args.endpoint} in {time.perf_counter() - started:.1f} s; the store holds "
          f"{sum(counts.values())}" + (f" (differs in {len(differ)} graphs: the store may merge equal values "
                                       "written differently)" if differ else ""))
    return 0


LINK_KINDS = ("agency", "person", "place", "crime-type")


def _cmd_link(args: argparse.Namespace) -> int:
    from .link import LinkOptions, run_link
    from .link_client import SparqlClient, default_cache_dir

    if args.kind is not None and args.kind not in LINK_KINDS:
        raise InputError(f"unknown --kind {args.kind!r} (known: {', '.join(LINK_KINDS)})")
    if not 0.0 <= args.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1, not {args.threshold}")
    if args.delay < 0 or args.timeout <= 0 or args.retries < 0:
        raise InputError("--delay and --retries must not be negative, --timeout must be positive")
    if not args.endpoint.startswith(("http://", "https://")):
        raise InputError(f"--endpoint must be an http(s) URL, not {args.endpoint!r}")
    if args.review and args.dry_run:
        raise InputError("--review and --dry-run exclude each other")
    client = SparqlClient(endpoint=args.endpoint, cache_dir=Path(args.cache) if args.cache else default_cache_dir(),
                          min_interval=args.delay, timeout=args.timeout, retries=args.retries)
    options = LinkOptions(mappings_dir=mappings_to_update(Path(args.mappings) if args.mappings else None),
                          kinds=(args.kind,) if args.kind else LINK_KINDS, threshold=args.threshold,
                          review=args.review, dry_run=args.dry_run)

    def ask(prompt: str) -> str | None:
        print(prompt, end="", flush=True)
        line = sys.stdin.readline()
        return line if line else None

    counts = run_link(options, client, out=print, ask=ask, progress=progress)
    print(f"{counts['entries']} entries without wikidata, {counts['with_candidates']} with candidates: "
          f"{counts['accepted']} accepted{' (dry run: nothing written)' if args.dry_run else ''}, "
          f"{counts['below_threshold']} below threshold, {counts['ambiguous']} ambiguous, "
          f"{counts['rejected']} rejected; {counts['requests']} requests, {counts['cached']} answers from the cache")
    return 0


def add_builder_commands(commands: argparse._SubParsersAction) -> None:
    """Add build, validate, query, link, load and stats to the command line's sub-commands."""
    build = commands.add_parser("build", help="build the graph from a corpus into dist/")
    build.add_argument("--corpus", help="corpus directory (default: the bundled corpus)")
    build.add_argument("--out", default=str(DEFAULT_DIST), help="output directory (default: dist)")
    build.add_argument("--mappings", help="mappings directory (default: ./mappings when it exists, else the bundled mappings)")
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

    link = commands.add_parser("link", help="reconcile lexicon entries without wikidata against a SPARQL endpoint")
    link.add_argument("--endpoint", default="https://query.wikidata.org/sparql",
                      help="Wikidata-compatible SPARQL endpoint (default: https://query.wikidata.org/sparql)")
    link.add_argument("--kind", metavar="KIND", help=f"only this kind: {', '.join(LINK_KINDS)} (default: all)")
    link.add_argument("--review", action="store_true", help="ask y/n on stdin for each proposal")
    link.add_argument("--threshold", type=float, default=0.85, help="accept proposals scoring at least this (default: 0.85)")
    link.add_argument("--dry-run", action="store_true", help="only print proposals, change no file")
    link.add_argument("--cache", help="directory of cached answers (default: ~/.cache/spp-kg/link)")
    link.add_argument("--mappings", help="mappings directory to read and update (default: as for build; the "
                                        "mappings installed with the package are never changed)")
    link.add_argument("--delay", type=float, default=1.0, help="least seconds between two requests (default: 1)")
    link.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default: 30)")
    link.add_argument("--retries", type=int, default=3, help="retries on 429, 5xx and network errors (default: 3)")
    link.set_defaults(handler=_cmd_link)

    load = commands.add_parser("load", help="push the built graph into a SPARQL 1.1 store, named graphs kept (resumable)")
    load.add_argument("--endpoint", required=True, help="the store's SPARQL endpoint (queries, and SPARQL Update "
                                                        "unless --graph-store is given)")
    load.add_argument("--graph-store", help="the store's SPARQL 1.1 Graph Store Protocol URL (e.g. .../store): "
                                            "load through it instead of SPARQL Update")
    load.add_argument("--update-endpoint", help="where SPARQL Update goes when the store has a URL of its own for "
                                                "it (e.g. Oxigraph's .../update, Fuseki's .../update; default: --endpoint)")
    load.add_argument("--dist", default=str(DEFAULT_DIST), help="built graph directory (default: dist)")
    load.add_argument("--batch-size", type=int, default=10_000, help="statements per request (default: 10000)")
    load.add_argument("--user", help="user name, when the store asks for one (HTTP Basic or Digest)")
    load.add_argument("--password", help="password of --user")
    load.add_argument("--restart", action="store_true", help="drop the graphs and load everything again "
                                                             "instead of resuming")
    load.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default: 120)")
    load.add_argument("--retries", type=int, default=5, help="retries on 5xx, 429, timeouts and network errors, "
                                                             "with exponential back-off (default: 5)")
    load.set_defaults(handler=_cmd_load)

    stats = commands.add_parser("stats", help="summarise a built graph")
    stats.add_argument("--dist", default=str(DEFAULT_DIST), help="built graph directory (default: dist)")
    stats.set_defaults(handler=_cmd_stats)
