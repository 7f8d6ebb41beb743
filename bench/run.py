"""The benchmark: build throughput at two corpus sizes, the SPARQL query mix over HTTP against our
service, the Oxigraph server and rdflib-endpoint loaded with the same graph, dump download speed,
service start time and peak memory. Everything runs side by side in one run; results are written as
a Markdown table and JSON (figures are ratios within the run; absolute numbers depend on the machine).

    python bench/run.py [--documents 1000 10000] [--serve-documents 1200] [--clients 1 8] [--seconds 20]
                        [--skip-rdflib] [--work DIR] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import httpx

from querymix import answer_sizes, query_mix, run_mix, sample_statistics
from servers import start_ours, start_oxigraph, start_rdflib_endpoint
from synth import write_corpus


def build_once(corpus: Path, out: Path) -> dict:
    """Build ``corpus`` with ``spp-kg build``; wall time, peak memory, throughput."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spp_kg", "build", "--corpus", str(corpus), "--out", str(out),
                    "--quiet"], check=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = json.loads((out / "build-report.json").read_text())
    documents = len(report["documents"])
    return {"documents": documents, "triples": report["triples"], "seconds": round(seconds, 2),
            "documents_per_second": round(documents / seconds, 2), "triples_per_second": round(report["triples"] / seconds),
            "seconds_per_document": seconds / documents, "peak_memory_mib": round(max(peak, before) / 1024),
            "timings": json.loads((out / "build-timings.json").read_text())}


def corpus_of(work: Path, documents: int) -> Path:
    corpus = work / f"corpus-{documents}"
    if not (corpus / f"synthetic-{documents - 1:06d}.meta.yaml").exists():
        write_corpus(corpus, documents)
    return corpus


def dump_speed(base: str, dist: Path, repeats: int = 3) -> dict:
    """Best-of-``repeats`` download speed of the largest dump over HTTP, against reading the same file."""
    path = max((dist / name for name in ("graph.jsonld", "graph.trig", "graph.ttl")), key=lambda p: p.stat().st_size)
    disk, http = 0.0, 0.0
    for _ in range(repeats):
        started = time.perf_counter()
        with open(path, "rb") as handle:
            while handle.read(1 << 20):
                pass
        disk = max(disk, path.stat().st_size / (time.perf_counter() - started))
        started = time.perf_counter()
        size = 0
        with httpx.stream("GET", f"{base}/dumps/{path.name}", timeout=300) as response:
            for chunk in response.iter_raw(1 << 20):
                size += len(chunk)
        http = max(http, size / (time.perf_counter() - started))
    return {"file": path.name, "bytes": path.stat().st_size, "http_mib_per_second": round(http / 2**20, 1),
            "disk_mib_per_second": round(disk / 2**20, 1), "ratio_http_to_disk": round(http / disk, 3)}


def query_benchmark(dist: Path, work: Path, clients: list[int], seconds: float, with_rdflib: bool) -> dict:
    results: dict = {}
    starters = [("spp-kg serve", start_ours), ("oxigraph serve", start_oxigraph)]
    if with_rdflib:
        starters.append(("rdflib-endpoint", start_rdflib_endpoint))
    mix = None
    for name, start in starters:
        print(f"bench: starting {name}", file=sys.stderr, flush=True)
        server = start(dist, work)
        try:
            if mix is None:
                mix = query_mix(sample_statistics(server.url))
            entry = {"start_seconds": round(server.start_seconds, 2), **server.extra, "mix": {},
                     "answer_rows": answer_sizes(server.url, mix)}
            for count in clients:
                print(f"bench: {name} with {count} client(s) for {seconds} s", file=sys.stderr, flush=True)
                result = run_mix(server.url, mix, count, seconds)
                entry["mix"][str(count)] = {"requests": result.requests, "errors": result.errors,
                                            "throughput_per_second": round(result.throughput, 2),
                                            "p50_ms": round(result.p50_ms, 1), "p99_ms": round(result.p99_ms, 1)}
            if name == "spp-kg serve":
                entry["dumps"] = dump_speed(server.extra["base"], dist)
        finally:
            entry["peak_memory_mib"] = round(server.stop() / 1024)
        results[name] = entry
    results["queries_in_mix"] = len(mix or [])
    reference = results["spp-kg serve"]["answer_rows"]
    results["disagreements"] = {name: {query: rows for query, rows in entry["answer_rows"].items() if rows != reference[query]}
                                for name, entry in results.items() if isinstance(entry, dict) and name != "spp-kg serve"}
    return results


def markdown(result: dict) -> str:
    lines = ["# spp-kg benchmark", "", f"Run on {result['machine']} at {result['started']}.", "", "## Build", "",
             "| documents | triples | seconds | documents/s | triples/s | s/document | peak MiB |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for build in result["builds"]:
        lines.append(f"| {build['documents']} | {build['triples']} | {build['seconds']} | {build['documents_per_second']} "
                     f"| {build['triples_per_second']} | {build['seconds_per_document']:.4f} | {build['peak_memory_mib']} |")
    if len(result["builds"]) >= 2:
        lines += ["", f"Per-document cost, largest vs smallest corpus: **{result['per_document_cost_ratio']:.2f}x** "
                      "(target: within 1.2x)."]
    queries = result.get("queries")
    if queries:
        lines += ["", f"## SPARQL query mix ({queries['queries_in_mix']} queries, {result['serve_triples']} triples)", "",
                  "| server | clients | requests/s | p50 ms | p99 ms | errors | start s | peak MiB |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for name, entry in queries.items():
            if not isinstance(entry, dict) or "mix" not in entry:
                continue
            for clients, mix in entry["mix"].items():
                lines.append(f"| {name} | {clients} | {mix['throughput_per_second']} | {mix['p50_ms']} | {mix['p99_ms']} "
                             f"| {mix['errors']} | {entry['start_seconds']} | {entry['peak_memory_mib']} |")
        lines += ["", "Ratios of throughput (same run, same machine):", ""]
        for clients, ratios in result["ratios"].items():
            parts = []
            if "vs_oxigraph" in ratios:
                parts.append(f"spp-kg / oxigraph = **{ratios['vs_oxigraph']:.2f}x** (target >= 0.7)")
            if "vs_rdflib" in ratios:
                parts.append(f"spp-kg / rdflib-endpoint = **{ratios['vs_rdflib']:.1f}x** (target >= 10)")
            lines.append(f"- {clients} client(s): " + "; ".join(parts))
        for name, differing in queries.get("disagreements", {}).items():
            if differing:
                lines.append(f"- {name} answered {len(differing)} queries with another number of rows than spp-kg: "
                             + ", ".join(f"{q} ({rows} vs {queries['spp-kg serve']['answer_rows'][q]})" for q, rows in differing.items()))
        dumps = queries["spp-kg serve"].get("dumps")
        if dumps:
            lines += ["", f"Dump download: {dumps['http_mib_per_second']} MiB/s over HTTP vs {dumps['disk_mib_per_second']} "
                          f"MiB/s reading the file ({dumps['ratio_http_to_disk']}x)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--serve-documents", type=int, default=1200, help="corpus size for the query benchmark (~1M triples)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--reuse-builds", action="store_true",
                        help="query an existing build of the serve size in --work instead of building it again")
    parser.add_argument("--work", type=Path, default=Path("bench/work"))
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    result: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": f"{subprocess.getoutput('nproc')} cores",
                    "builds": []}
    for documents in sorted(args.documents):
        if args.reuse_builds and (args.work / f"dist-{documents}" / "build-report.json").is_file():
            continue
        print(f"bench: building {documents} documents", file=sys.stderr, flush=True)
        result["builds"].append(build_once(corpus_of(args.work, documents), args.work / f"dist-{documents}"))
    if len(result["builds"]) >= 2:
        result["per_document_cost_ratio"] = (result["builds"][-1]["seconds_per_document"]
                                             / result["builds"][0]["seconds_per_document"])
    if not args.skip_queries:
        dist = args.work / f"dist-{args.serve_documents}"
        reuse = args.reuse_builds and (dist / "build-report.json").is_file()
        if args.serve_documents not in args.documents and not reuse:
            build_once(corpus_of(args.work, args.serve_documents), dist)
        result["serve_triples"] = json.loads((dist / "build-report.json").read_text())["triples"]
        queries = query_benchmark(dist, args.work, args.clients, args.seconds, not args.skip_rdflib)
        result["queries"] = queries
        result["ratios"] = {}
        ours = queries["spp-kg serve"]["mix"]
        for clients in ours:
            ratio = {}
            for key, name in (("vs_oxigraph", "oxigraph serve"), ("vs_rdflib", "rdflib-endpoint")):
                if name in queries and queries[name]["mix"][clients]["throughput_per_second"]:
                    ratio[key] = ours[clients]["throughput_per_second"] / queries[name]["mix"][clients]["throughput_per_second"]
            result["ratios"][clients] = ratio
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.out / f"bench-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / f"bench-{stamp}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
