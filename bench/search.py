"""Search latency at the scale of 10k documents: write a search index of synthetic entries the way the
build writes it (``graph_builder.search_index.write_index``) and time searches through the service's
searcher (``service.search.SearchIndex``: the query, the BM25 ranking, the snippets and the names of
the hits), reporting the median and the 95th percentile.

Each synthetic document gives what a document of the bundled corpus gives: its text (three in four in
English, written by ``bench/synth.py``, one in four in Chinese), and for each sentence with a figure a
statistic with a name and its quote; the lexicon's entities give names in English and Chinese.

    python bench/search.py [--documents 10000] [--rounds 20] [--seed 7] [--keep DIR] [--json FILE]

``--keep DIR`` keeps the index in DIR, and a later run with the same DIR searches it again without
writing it.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import make_document  # noqa: E402
from graph_builder.config import resource_dir  # noqa: E402
from graph_builder.lexicon import load_lexicon  # noqa: E402
from graph_builder.search_index import NAMES, QUOTE, TEXT, Entry, Label, write_index  # noqa: E402
from service.search import SearchIndex  # noqa: E402

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CHINESE_TEMPLATES = [
    "全国检察机关共起诉{crime}犯罪{n}人，同比上升{p}%。",
    "批准逮捕{crime}犯罪嫌疑人{n}人。",
    "{agency}与有关部门联合开展专项行动，严厉打击{crime}犯罪。",
    "检察机关办理{crime}相关公益诉讼案件{n}件。",
    "坚持依法从严惩治{crime}，维护人民群众合法权益。",
]
QUERIES = ["money laundering", "fraud", "people prosecuted", "telecom fraud year on year", "theft 2023",
           "Supreme People's Procuratorate", "洗钱", "诈骗", "起诉", "犯罪", "网络赌博", "检察机关", "罪",
           "public interest litigation", "minors", "drug crimes", "procuratorial suggestions", "corruption"]


def _chinese_document(rng: random.Random, crimes: list[str], agencies: list[str], sentences: int) -> str:
    return "".join(rng.choice(CHINESE_TEMPLATES).format(
        crime=rng.choice(crimes), agency=rng.choice(agencies), n=rng.randint(12, 99_999), p=rng.randint(1, 90))
        for _ in range(sentences))


def _sentences(text: str, chinese: bool) -> list[str]:
    ending = "。" if chinese else ". "
    return [part + ending.strip() for part in text.replace("\n", " ").split(ending) if part.strip()]


def synthesise(documents: int, seed: int) -> tuple[list[Entry], list[Label]]:
    """The entries and labels of ``documents`` synthetic documents and of the lexicon's entities."""
    rng = random.Random(seed)
    lexicon = load_lexicon(resource_dir("mappings"))
    entities = [entity for kind in ("agency", "crime-type", "policy", "campaign", "place") for entity in lexicon.of(kind)]
    crimes_zh = [e.labels["zh"] for e in lexicon.of("crime-type") if "zh" in e.labels]
    agencies_zh = [e.labels["zh"] for e in lexicon.of("agency") if "zh" in e.labels]
    entries: list[Entry] = []
    labels: list[Label] = []
    for entity in entities:
        iri = f"id/{entity.kind}/{entity.id}"
        for language, label in entity.labels.items():
            names = [label, *entity.aliases.get(language, ())]
            entries.append(Entry(NAMES, iri, language, "", " · ".join(names)))
            labels.append(Label(iri, RDFS_LABEL, label, language))
    for index in range(documents):
        chinese = index % 4 == 3
        document = f"id/document/synthetic-{index:06d}"
        language = "zh" if chinese else "en"
        text = (_chinese_document(rng, crimes_zh, agencies_zh, 40) if chinese else make_document(rng, lexicon, 40))
        entries.append(Entry(TEXT, document, language, "", text))
        labels.append(Label(document, RDFS_LABEL, f"Synthetic report {index}", language))
        position = 0
        for number, sentence in enumerate(_sentences(text, chinese)):
            start = text.find(sentence[:20], position)
            position = max(position, start)
            if not any(c.isdigit() for c in sentence):
                continue
            statistic = f"id/statistic/{index:06d}-{number:03d}"
            entries.append(Entry(QUOTE, statistic, language, f"{document}#char={start},{start + len(sentence)}",
                                 sentence))
            entries.append(Entry(NAMES, statistic, language, "", sentence[:90]))
            labels.append(Label(statistic, RDFS_LABEL, sentence[:90], language))
    return sorted(entries, key=Entry.place), sorted(labels)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20, help="times every query of the mix is run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the index in this directory (and search the one already "
                                                  "there instead of writing it again)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    directory = args.keep or Path(tempfile.mkdtemp(prefix="spp-kg-search-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "search.sqlite"
    started = time.perf_counter()
    written = args.keep is None or not path.is_file()
    if written:
        entries, labels = synthesise(args.documents, args.seed)
        write_index(path, entries, labels)
    built = time.perf_counter() - started
    count = int(sqlite3.connect(path).execute("SELECT value FROM about WHERE key = 'entries'").fetchone()[0])
    print(f"{count:,} entries, {path.stat().st_size / 2**20:.0f} MiB, "
          + (f"written in {built:.1f} s" if written else f"as written before in {path}"), flush=True)

    index = SearchIndex(path)
    latencies: dict[str, list[float]] = {query: [] for query in QUERIES}
    totals = {}
    for _ in range(args.rounds):
        for query in QUERIES:
            started = time.perf_counter()
            results = index.search(query, 20, 0, 10.0)
            latencies[query].append((time.perf_counter() - started) * 1000)
            totals[query] = results.total
    every = [ms for values in latencies.values() for ms in values]
    figures = {"entries": count, "index_bytes": path.stat().st_size,
               **({"build_seconds": round(built, 1)} if written else {}), "searches": len(every),
               "median_ms": round(statistics.median(every), 2), "p95_ms": round(percentile(every, 0.95), 2),
               "queries": {q: {"hits": totals[q], "median_ms": round(statistics.median(v), 2),
                               "p95_ms": round(percentile(v, 0.95), 2)} for q, v in latencies.items()}}
    print("| query | hits | median ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for query, figure in figures["queries"].items():
        print(f"| {query} | {figure['hits']:,} | {figure['median_ms']} | {figure['p95_ms']} |")
    print(f"\nall {len(every)} searches (20 hits each, with snippets): median {figures['median_ms']} ms, "
          f"p95 {figures['p95_ms']} ms")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.keep is None:
        path.unlink()
        directory.rmdir()


if __name__ == "__main__":
    main()
