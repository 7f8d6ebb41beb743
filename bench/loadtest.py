"""A bounded load test of a running ``spp-kg serve`` on this machine (loopback addresses only).

Clients send a mix of requests for a fixed time — the example queries of ``queries/`` (not the federated
ones), entity lookups through ``/id/``, an aggregate, a property path and a text FILTER — and the run
reports, per class, requests, errors, throughput, p50 and p99 as a Markdown table and as JSON.

``--mode runaways`` keeps ``--runaways`` cross-product queries (4) running at the same time, each
stopped by the server's time limit and sent again, and reports the simple queries' p99 next to the
quiet figure as a ratio (``--mode both`` measures quiet first, then with runaways).

    python bench/loadtest.py --serve dist                      # 32 clients, 60 s, own server
    python bench/loadtest.py --url http://127.0.0.1:8000 --clients 8 --duration 5

Every run stops by itself: each phase after ``--duration`` seconds, each request after
``--request-timeout`` seconds, the whole run after the phases' time plus a minute. Exit status 0 when
no simple request failed, 1 otherwise, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from graph_builder import querytext
from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries

SPP = "https://w3id.org/spp-kg/ontology#"
PREFIXES = (f"PREFIX spp: <{SPP}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>\n")
AGGREGATE = PREFIXES + """SELECT ?measure (COUNT(?s) AS ?figures) (SUM(?v) AS ?total) WHERE {
  ?s a spp:Statistic ; spp:measure ?measure ; sdmx-measure:obsValue ?v } GROUP BY ?measure ORDER BY DESC(?figures)"""
PROPERTY_PATH = PREFIXES + """SELECT ?narrower ?broader WHERE {
  ?narrower skos:broader+ ?broader . ?broader skos:prefLabel ?label } LIMIT 200"""
TEXT_FILTER = PREFIXES + """SELECT ?x ?label WHERE {
  ?x rdfs:label ?label FILTER(CONTAINS(LCASE(STR(?label)), "procurat")) } LIMIT 100"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ENTITIES = PREFIXES + "SELECT ?x WHERE { { ?x a spp:Agency } UNION { ?x a spp:CrimeType } } ORDER BY ?x LIMIT 40"
SIMPLE_CLASSES = ("example", "entity", "aggregate", "path", "text")


@dataclass
class Request:
    kind: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    accept: str = "application/sparql-results+json"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def fail(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what[:200])


def check_loopback(url: str) -> None:
    """Refuse any target but this machine: a load test must never hit someone else's server."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"loadtest: error: only loopback targets are allowed (127.0.0.1, ::1, localhost), not {host!r}")


def request_mix(url: str) -> list[Request]:
    """One of each simple request: the example queries, entity pages, an aggregate, a path, a text filter."""
    mix = [Request("example", "/sparql", {"query": q.sparql}) for q in load_example_queries(resource_dir("queries"))
           if not querytext.service_endpoints(q.sparql)]
    answer = httpx.get(url + "/sparql", params={"query": ENTITIES}, timeout=30,
                       headers={"accept": "application/sparql-results+json"})
    answer.raise_for_status()
    for row in answer.json()["results"]["bindings"]:
        iri = row["x"]["value"]
        if "/id/" in iri:
            mix.append(Request("entity", "/id/" + iri.split("/id/", 1)[1], accept="text/turtle"))
    mix += [Request("aggregate", "/sparql", {"query": AGGREGATE}),
            Request("path", "/sparql", {"query": PROPERTY_PATH}),
            Request("text", "/sparql", {"query": TEXT_FILTER})]
    return mix


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def _client(http: httpx.AsyncClient, mix: list[Request], weights: list[float], deadline: float,
                  tallies: dict[str, Tally], seed: int, request_timeout: float) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        request = rng.choices(mix, weights)[0]
        tally = tallies.setdefault(request.kind, Tally())
        started = time.monotonic()
        try:
            response = await http.get(request.path, params=request.params or None,
                                      headers={"accept": request.accept}, timeout=request_timeout)
            await response.aread()
        except httpx.HTTPError as exc:
            tally.fail(f"{type(exc).__name__}: {exc}")
            continue
        elapsed = time.monotonic() - started
        if response.status_code != 200:
            tally.fail(f"{response.status_code} {response.text.strip()}")
        else:
            tally.latencies.append(elapsed)


async def _runaway(http: httpx.AsyncClient, deadline: float, tally: Tally, request_timeout: float) -> None:
    """Send the cross product again and again: the server must stop each one (503) and carry on."""
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            response = await http.get("/sparql", params={"query": RUNAWAY}, timeout=request_timeout)
        except httpx.HTTPError as exc:
            tally.fail(f"{type(exc).__name__}: {exc}")
            continue
        if response.status_code == 503:
            tally.latencies.append(time.monotonic() - started)
        else:
            tally.fail(f"{response.status_code} {response.text.strip()[:100]}")


async def run_phase(url: str, mix: list[Request], clients: int, duration: float, runaways: int,
                    request_timeout: float, seed: int) -> dict:
    """``clients`` clients (plus ``runaways`` runaway loops) for ``duration`` seconds; the phase's figures."""
    weights = [1.0 if r.kind in ("example", "entity") else 4.0 for r in mix]
    tallies: dict[str, Tally] = {}
    runaway_tally = Tally()
    limits = httpx.Limits(max_connections=clients + runaways, max_keepalive_connections=clients + runaways)
    async with httpx.AsyncClient(base_url=url, limits=limits) as http:
        started = time.monotonic()
        deadline = started + duration
        tasks = [_client(http, mix, weights, deadline, tallies, seed + i, request_timeout) for i in range(clients)]
        tasks += [_runaway(http, deadline, runaway_tally, request_timeout) for _ in range(runaways)]
        await asyncio.wait_for(asyncio.gather(*tasks), duration + request_timeout + 5)
        wall = time.monotonic() - started
    classes = {}
    for kind in sorted(tallies, key=lambda k: SIMPLE_CLASSES.index(k) if k in SIMPLE_CLASSES else 99):
        classes[kind] = _figures(tallies[kind], wall)
    simple = Tally([x for t in tallies.values() for x in t.latencies], sum(t.errors for t in tallies.values()),
                   [s for t in tallies.values() for s in t.error_samples][:5])
    result = {"clients": clients, "runaways": runaways, "duration_s": round(wall, 2), "classes": classes,
              "all_simple": _figures(simple, wall)}
    if runaways:
        result["runaway"] = _figures(runaway_tally, wall)
    return result


def _figures(tally: Tally, wall: float) -> dict:
    return {"requests": len(tally.latencies) + tally.errors, "errors": tally.errors,
            "throughput_rps": round(len(tally.latencies) / wall, 1) if wall else 0.0,
            "p50_ms": round(1000 * percentile(tally.latencies, 0.50), 1),
            "p99_ms": round(1000 * percentile(tally.latencies, 0.99), 1),
            "mean_ms": round(1000 * statistics.fmean(tally.latencies), 1) if tally.latencies else 0.0,
            "error_samples": tally.error_samples}


def markdown(phase_name: str, phase: dict) -> str:
    lines = [f"### {phase_name}: {phase['clients']} clients, {phase['runaways']} runaway queries, "
             f"{phase['duration_s']} s", "",
             "| class | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    rows = list(phase["classes"].items()) + [("**all simple**", phase["all_simple"])]
    if "runaway" in phase:
        rows.append(("runaway (503 expected)", phase["runaway"]))
    for kind, f in rows:
        lines.append(f"| {kind} | {f['requests']} | {f['errors']} | {f['throughput_rps']} | {f['p50_ms']} | {f['p99_ms']} |")
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(dist: str, workers: int, timeout: float) -> tuple[subprocess.Popen, str]:
    """Start ``spp-kg serve`` over ``dist`` on a free loopback port and wait until it answers."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "spp_kg", "serve", "--dist", dist, "--port", str(port),
                                "--workers", str(workers), "--timeout", str(timeout),
                                "--pid-file", str(Path(dist).absolute().parent / f".loadtest-{port}.pid")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("loadtest: error: the server did not start within 120 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bounded load test of a local spp-kg server.")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--url", default="http://127.0.0.1:8000", help="a running server (loopback only)")
    target.add_argument("--serve", metavar="DIST", help="start a server over this built dist/ for the run")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default: 32)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase (default: 60)")
    parser.add_argument("--mode", choices=("quiet", "runaways", "both"), default="quiet",
                        help="quiet load, load with runaway queries, or both and their p99 ratio (default: quiet)")
    parser.add_argument("--runaways", type=int, default=4, help="runaway queries kept running (default: 4)")
    parser.add_argument("--request-timeout", type=float, default=60.0, help="seconds per request (default: 60)")
    parser.add_argument("--server-workers", type=int, default=6, help="--workers of the --serve server (default: 6)")
    parser.add_argument("--server-timeout", type=float, default=2.0, help="--timeout of the --serve server (default: 2)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON here ('-': standard output)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix (default: 1)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0 or args.runaways < 0 or args.request_timeout <= 0:
        parser.error("--clients and --duration must be positive, --runaways not negative")
    process = None
    url = args.url.rstrip("/")
    if args.serve:
        process, url = start_server(args.serve, args.server_workers, args.server_timeout)
    check_loopback(url)
    try:
        mix = request_mix(url)
        phases: dict[str, dict] = {}
        if args.mode in ("quiet", "both"):
            phases["quiet"] = asyncio.run(run_phase(url, mix, args.clients, args.duration, 0,
                                                    args.request_timeout, args.seed))
        if args.mode in ("runaways", "both"):
            phases["runaways"] = asyncio.run(run_phase(url, mix, args.clients, args.duration, args.runaways,
                                                       args.request_timeout, args.seed))
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
    result: dict = {"url": url, "mix": sorted({r.kind for r in mix}), "phases": phases}
    if "quiet" in phases and "runaways" in phases and phases["quiet"]["all_simple"]["p99_ms"]:
        result["p99_ratio_runaways_vs_quiet"] = round(
            phases["runaways"]["all_simple"]["p99_ms"] / phases["quiet"]["all_simple"]["p99_ms"], 2)
    print("\n\n".join(markdown(name, phase) for name, phase in phases.items()))
    if "p99_ratio_runaways_vs_quiet" in result:
        print(f"\np99 of simple requests with {args.runaways} runaway queries / quiet p99: "
              f"{result['p99_ratio_runaways_vs_quiet']}")
    if args.json == "-":
        print(json.dumps(result, indent=2))
    elif args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    errors = sum(phase["all_simple"]["errors"] for phase in phases.values())
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
