"""The SPARQL query mix of the benchmark and a closed-loop HTTP client that runs it with N concurrent
clients for a fixed time, measuring latency percentiles and throughput."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries

PREFIXES = """PREFIX spp: <https://w3id.org/spp-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
"""
ID = "https://w3id.org/spp-kg/id/"


@dataclass(frozen=True)
class MixQuery:
    kind: str      # example, lookup, aggregate, path, text
    name: str
    sparql: str


def query_mix(statistic_iris: list[str]) -> list[MixQuery]:
    """The example queries (without federated ones), entity lookups, aggregates, paths and text filters."""
    mix = [MixQuery("example", q.name, q.sparql) for q in load_example_queries(resource_dir("queries"))
           if "SERVICE" not in q.sparql.upper()]
    for iri in [f"{ID}agency/supreme-peoples-procuratorate", f"{ID}crime-type/cybercrime"] + statistic_iris[:8]:
        mix.append(MixQuery("lookup", iri.rsplit("/", 1)[-1], f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"))
    mix.append(MixQuery("aggregate", "values-per-measure", PREFIXES + """SELECT ?m (COUNT(*) AS ?n) (SUM(?v) AS ?total)
        WHERE { ?s spp:measure ?m ; sdmx-measure:obsValue ?v } GROUP BY ?m ORDER BY DESC(?n)"""))
    mix.append(MixQuery("path", "under-cybercrime", PREFIXES + f"""SELECT ?ct (COUNT(?s) AS ?n) WHERE {{
        ?s spp:crimeType ?ct . ?ct skos:broader* <{ID}crime-type/cybercrime> }} GROUP BY ?ct"""))
    mix.append(MixQuery("text", "quotes-with-fraud", PREFIXES + """SELECT ?e ?quote WHERE {
        ?e oa:exact ?quote FILTER(CONTAINS(LCASE(?quote), "online gambling")) } LIMIT 50"""))
    return mix


@dataclass
class MixResult:
    clients: int
    seconds: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def _client(url: str, mix: list[MixQuery], offset: int, deadline: float, latencies: list[float],
                  errors: list[str], timeout: float) -> None:
    async with httpx.AsyncClient(timeout=timeout) as http:
        index = offset
        while time.perf_counter() < deadline:
            query = mix[index % len(mix)]
            index += 1
            started = time.perf_counter()
            try:
                response = await http.post(url, data={"query": query.sparql},
                                           headers={"Accept": "application/sparql-results+json"})
                await response.aread()
                if response.status_code != 200:
                    errors.append(f"{query.name}: HTTP {response.status_code}")
                    continue
            except httpx.HTTPError as exc:
                errors.append(f"{query.name}: {type(exc).__name__}")
                continue
            latencies.append(time.perf_counter() - started)


def run_mix(url: str, mix: list[MixQuery], clients: int, seconds: float, timeout: float = 60.0) -> MixResult:
    """Run the mix with ``clients`` closed-loop clients for ``seconds``; a request still running at the
    deadline is waited for (at most ``timeout``)."""
    latencies: list[float] = []
    errors: list[str] = []

    async def main() -> float:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(_client(url, mix, i * 7, deadline, latencies, errors, timeout)
                               for i in range(clients)))
        return time.perf_counter() - started

    elapsed = asyncio.run(main())
    return MixResult(clients, elapsed, len(latencies), len(errors), _percentile(latencies, 0.5) * 1000,
                     _percentile(latencies, 0.99) * 1000)


def sample_statistics(url: str, count: int = 8) -> list[str]:
    response = httpx.post(url, data={"query": PREFIXES + f"SELECT ?s WHERE {{ ?s a spp:Statistic }} LIMIT {count}"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
    response.raise_for_status()
    return [row["s"]["value"] for row in response.json()["results"]["bindings"]]


def answer_sizes(url: str, mix: list[MixQuery], timeout: float = 120.0) -> dict[str, int | str]:
    """Rows of each query of the mix on one server (to check that the servers agree)."""
    sizes: dict[str, int | str] = {}
    with httpx.Client(timeout=timeout) as http:
        for query in mix:
            try:
                response = http.post(url, data={"query": query.sparql}, headers={"Accept": "application/sparql-results+json"})
                sizes[query.name] = (len(response.json()["results"]["bindings"]) if response.status_code == 200
                                     else f"HTTP {response.status_code}")
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                sizes[query.name] = type(exc).__name__
    return sizes
