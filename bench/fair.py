"""A fair query benchmark of our SPARQL service against the Oxigraph server, in memory and read-only on
a copy of our store (and optionally rdflib-endpoint), all running at once and serving the same dataset.

In each round every server in turn (the order rotated from round to round) gets the same block of
queries, with 1 and with 8 concurrent clients, for two mixes reported apart: a cold mix of distinct
parameterised queries (lookups, DESCRIBE, series, labels; each text sent once per server, never again)
and the warm mix (bench/querymix.py: the example queries, repeated). Each server has an overall time
cap per block and each request a timeout. Reported: per-round ratios ours / peer of queries per second
and of median latency, their median and spread; the rows of every answer compared with ours; the peak
PSS of each server's process tree; dump download speed (curl) against reading the file; and the
per-request overhead of HTTP against the same queries evaluated in process.

    python bench/fair.py [--documents 1500 | --dist DIR] [--work /tmp/fair] [--rounds 3] [--cap-seconds 20]
                         [--clients 1 8] [--cold-block 3000] [--warm-repeats 6] [--skip-rdflib]

The corpus is written by bench/synth.py and built with ``spp-kg build`` into --work unless --dist names
a build. Needs the ``oxigraph`` server (``pip install oxigraph``) and curl; rdflib-endpoint unless
--skip-rdflib. Results: bench/results/fair-<timestamp>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

import dumpspeed
import overhead
from blockrun import Outcome, run_block
from coldmix import cold_blocks
from fair_report import markdown
from proc import PssSampler, cpu_seconds, pss_kib, wait_idle
from querymix import query_mix, sample_statistics
from run import build_once, corpus_of
from servers import executable, start_ours, start_oxigraph, start_oxigraph_memory, start_rdflib_endpoint

OURS = "spp-kg serve"
COUNTS = {"default_graph_triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
          "named_graph_quads": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}


def log(message: str) -> None:
    print(f"fair: {message}", file=sys.stderr, flush=True)


def dataset_counts(url: str, timeout: float) -> dict:
    """The size of the default graph and of the named graphs as the server answers it."""
    counts = {}
    for name, sparql in COUNTS.items():
        try:
            response = httpx.post(url, data={"query": sparql}, headers={"Accept": "application/sparql-results+json"},
                                  timeout=timeout)
            counts[name] = int(response.json()["results"]["bindings"][0]["n"]["value"])
        except (httpx.HTTPError, ValueError, KeyError, IndexError) as exc:
            counts[name] = type(exc).__name__
    return counts


def start_all(dist: Path, work: Path, args) -> dict:
    starters = [(OURS, lambda: start_ours(dist, work, args.workers, int(args.request_timeout))),
                ("oxigraph in memory", lambda: start_oxigraph_memory(dist, work, int(args.request_timeout))),
                ("oxigraph read-only", lambda: start_oxigraph(dist, work, int(args.request_timeout)))]
    if not args.skip_rdflib:
        starters.append(("rdflib-endpoint", lambda: start_rdflib_endpoint(dist, work)))
    servers = {}
    for name, start in starters:
        log(f"starting {name}")
        try:
            servers[name] = start()
        except Exception:
            for server in servers.values():
                server.stop()
            raise
        servers[name].name = name
    return servers


def probe_warm(servers: dict, warm: list, timeout: float) -> tuple[list, dict]:
    """Each warm query once on each server; a query some server does not answer within ``timeout``
    seconds is left out of the warm mix (it would hold a client for the whole cap). The seconds each
    server took, None for no answer in time."""
    seconds: dict = {}
    for query in warm:
        seconds[query.name] = {}
        for name, server in servers.items():
            outcome = run_block(server.url, [query], 1, timeout, timeout)
            seconds[query.name][name] = round(outcome.seconds, 3) if outcome.answered else None
            if not outcome.answered:
                wait_idle(server.process.pid, limit=120)      # until it gives the query up
    return [q for q in warm if None not in seconds[q.name].values()], seconds


def one_run(server, sampler: PssSampler, block, clients: int, args) -> tuple[Outcome, float]:
    """One block on one server; the server's CPU seconds spent meanwhile."""
    cpu = cpu_seconds(server.process.pid)
    with sampler:
        outcome = run_block(server.url, block, clients, args.cap_seconds, args.request_timeout)
    return outcome, cpu_seconds(server.process.pid) - cpu


def summary(outcome: Outcome, server_cpu: float) -> dict:
    kinds = sorted({kind for kind, _ in outcome.latencies})
    return {"block_size": outcome.block_size, "answered": outcome.answered, "errors": len(outcome.errors),
            "error_samples": outcome.errors[:5], "seconds": round(outcome.seconds, 2), "capped": outcome.capped,
            "queries_per_second": round(outcome.per_second, 2), "median_ms": outcome.median_ms(),
            "median_ms_by_kind": {kind: outcome.median_ms(kind) for kind in kinds},
            "server_cpu_ms_per_query": round(server_cpu * 1000 / outcome.answered, 2) if outcome.answered else None,
            "client_cpu_seconds": round(outcome.client_cpu_seconds, 2)}


def compare_rows(rows: dict[str, dict[str, int | str]], names: list[str], mismatches: dict, kinds: dict) -> None:
    """Count, for each peer, the texts both answered and those answered with another number of rows."""
    for name in names:
        if name == OURS:
            continue
        entry = mismatches.setdefault(name, {"compared": 0, "mismatched": 0, "examples": []})
        for text, ours in rows[OURS].items():
            if text not in rows[name]:
                continue
            entry["compared"] += 1
            if rows[name][text] != ours:
                entry["mismatched"] += 1
                if len(entry["examples"]) < 10:
                    entry["examples"].append({"query": kinds[text], "ours": ours, "peer": rows[name][text]})


def ratios(runs: list[dict], names: list[str]) -> dict:
    """Per mix and client count, for each peer: per-round ours / peer of queries per second and of
    median latency, and their median, min and max over the rounds."""
    result: dict = {}
    for run in runs:
        if run["server"] == OURS:
            continue
        ours = next(r for r in runs if r["server"] == OURS and r["round"] == run["round"]
                    and r["mix"] == run["mix"] and r["clients"] == run["clients"])
        entry = result.setdefault(run["mix"], {}).setdefault(str(run["clients"]), {}).setdefault(
            run["server"], {"qps": [], "median_latency": []})
        if run["queries_per_second"]:
            entry["qps"].append(round(ours["queries_per_second"] / run["queries_per_second"], 3))
        if run["median_ms"] and ours["median_ms"]:
            entry["median_latency"].append(round(ours["median_ms"] / run["median_ms"], 3))
    for by_clients in result.values():
        for by_peer in by_clients.values():
            for entry in by_peer.values():
                for key in ("qps", "median_latency"):
                    values = entry[key]
                    entry[f"{key}_median"] = round(statistics.median(values), 3) if values else None
                    entry[f"{key}_spread"] = [min(values), max(values)] if values else None
    return result


def benchmark(dist: Path, work: Path, args) -> dict:
    servers = start_all(dist, work, args)
    names = list(servers)
    samplers = {name: PssSampler(server.process.pid) for name, server in servers.items()}
    result: dict = {"servers": {}, "runs": [], "rows": {}}
    try:
        for name, server in servers.items():
            result["servers"][name] = {"url": server.url, "start_seconds": round(server.start_seconds, 2),
                                       **{k: v for k, v in server.extra.items() if k != "base"},
                                       "pss_after_start_mib": round(pss_kib(server.process.pid) / 1024, 1),
                                       "dataset": dataset_counts(server.url, args.request_timeout)}
        log("reading the cold mix's parameters from the store")
        blocks = cold_blocks(dist / "store", args.rounds * len(args.clients) + 1, args.cold_block)
        log(f"probing the warm mix (each query once per server, {args.probe_timeout} s each at most)")
        warm, probe = probe_warm(servers, query_mix(sample_statistics(servers[OURS].url)), args.probe_timeout)
        result["mixes"] = {"cold": {"block_size": len(blocks[0]), "kinds": _kinds(blocks[0])},
                           "warm": {"queries": len(warm), "repeats": args.warm_repeats,
                                    "block_size": len(warm) * args.warm_repeats,
                                    "left_out": sorted(name for name, by in probe.items() if None in by.values()),
                                    "probe_seconds": probe}}
        kinds = {q.sparql: f"{q.kind} {q.name}" for block in blocks for q in block}
        kinds.update({q.sparql: f"{q.kind} {q.name}" for q in warm})
        for round_index in range(args.rounds):
            order = names[round_index % len(names):] + names[:round_index % len(names)]
            for client_index, clients in enumerate(args.clients):
                for mix, block in (("cold", blocks[round_index * len(args.clients) + client_index]),
                                   ("warm", warm * args.warm_repeats)):
                    rows = {}
                    for position, name in enumerate(order):
                        for other in servers.values():
                            wait_idle(other.process.pid)
                        log(f"round {round_index + 1}, {clients} client(s), {mix}: {name}")
                        outcome, server_cpu = one_run(servers[name], samplers[name], block, clients, args)
                        rows[name] = outcome.rows()
                        result["runs"].append({"round": round_index + 1, "clients": clients, "mix": mix,
                                               "server": name, "position": position + 1,
                                               **summary(outcome, server_cpu)})
                    compare_rows(rows, names, result["rows"], kinds)
        result["ratios"] = ratios(result["runs"], names)
        log("per-request overhead")
        probe = blocks[-1][:args.overhead_queries]
        result["overhead"] = overhead.measure(dist / "store", {n: s.url for n, s in servers.items()
                                                               if n != "rdflib-endpoint"}, probe, args.request_timeout)
        log("dump download speed")
        result["dumps"] = dumpspeed.dump_speed(servers[OURS].extra["base"], dist)
    finally:
        for name, server in servers.items():
            server.stop()
            result["servers"][name]["pss_peak_mib"] = round(samplers[name].peak_kib / 1024, 1)
    return result


def _kinds(block) -> dict[str, int]:
    counts: dict[str, int] = {}
    for query in block:
        counts[query.kind] = counts.get(query.kind, 0) + 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1500, help="synthetic documents to build (without --dist)")
    parser.add_argument("--dist", type=Path, help="an existing build to query instead of building one")
    parser.add_argument("--work", type=Path, default=Path("/tmp/fair"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--cap-seconds", type=float, default=20, help="time cap of one server on one block")
    parser.add_argument("--request-timeout", type=float, default=30)
    parser.add_argument("--cold-block", type=int, default=3000, help="cold queries per block (about)")
    parser.add_argument("--warm-repeats", type=int, default=6, help="times the warm mix is repeated in a block")
    parser.add_argument("--probe-timeout", type=float, default=10,
                        help="a warm query some server does not answer within this is left out of the warm mix")
    parser.add_argument("--overhead-queries", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2, help="query workers of our service")
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))      # stop the servers on the way out
    if not Path(executable("oxigraph")).exists():
        parser.error("the Oxigraph server is missing: pip install oxigraph")
    args.work.mkdir(parents=True, exist_ok=True)
    result: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": f"{subprocess.getoutput('nproc')} cores",
                    "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}}
    dist = args.dist
    if dist is None:
        dist = args.work / f"dist-{args.documents}"
        if not (dist / "build-report.json").is_file():
            log(f"building {args.documents} synthetic documents")
            result["build"] = build_once(corpus_of(args.work, args.documents), dist)
    report = json.loads((dist / "build-report.json").read_text())
    result["build_report"] = {"documents": len(report.get("documents", [])), "triples": report["triples"],
                              "statistics": report.get("statistics")}
    result.update(benchmark(dist, args.work, args))
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.out / f"fair-{stamp}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (args.out / f"fair-{stamp}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
