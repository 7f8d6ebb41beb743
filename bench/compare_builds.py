"""Build cost of this tree against an earlier revision, side by side on the same synthetic corpus.

    python bench/compare_builds.py --baseline 9a2739d --documents 250 1000 --rounds 3

The baseline revision is checked out with ``git worktree`` under ``--work``; each round builds every
corpus size once with each tree (``python -m spp_kg build``, the tree's own mappings),
alternating which goes first, and records wall and CPU seconds of the whole process (children
included). Prints per size the medians, the median of the per-round ratios (this tree / baseline) and
their spread, and the per-document cost ratio between the smallest and largest size for this tree.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def worktree(revision: str, work: Path) -> Path:
    """A checkout of ``revision`` under ``work`` (made once)."""
    path = work / f"baseline-{revision}"
    if not path.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), revision], check=True,
                       capture_output=True)
    return path


def cli_module(tree: Path) -> str:
    """The module that runs the command line of ``tree`` (``graph_builder.cli`` before ``spp_kg`` held it)."""
    return "spp_kg" if (tree / "spp_kg").is_dir() else "graph_builder.cli"


def corpus(documents: int, work: Path) -> Path:
    path = work / f"corpus-{documents}"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), str(path), "--documents", str(documents)], check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    return path


def build(tree: Path, source: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build by ``tree``."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", cli_module(tree), "build", "--corpus", str(source), "--out", str(out),
                    "--mappings", str(tree / "mappings"), "--quiet"], check=True, cwd=tree,
                   env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="git revision to compare with")
    parser.add_argument("--documents", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "compare-builds.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    trees = {"this tree": ROOT, f"baseline {args.baseline}": worktree(args.baseline, args.work)}
    runs: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for round_index in range(args.rounds):
        order = list(trees.items()) if round_index % 2 == 0 else list(trees.items())[::-1]
        for documents in args.documents:
            source = corpus(documents, args.work)
            for name, tree in order:
                result = build(tree, source, args.work / "dist")
                runs.setdefault((name, documents), []).append(result)
                print(f"round {round_index + 1} {documents} documents {name}: wall {result[0]:.1f} s, "
                      f"cpu {result[1]:.1f} s", flush=True)
    names = list(trees)
    report = {}
    for documents in args.documents:
        mine, base = runs[(names[0], documents)], runs[(names[1], documents)]
        ratios = [m[1] / b[1] for m, b in zip(mine, base)]
        report[documents] = {
            "this tree cpu s (median)": statistics.median(c for _, c in mine),
            "baseline cpu s (median)": statistics.median(c for _, c in base),
            "cpu ratio this/baseline (median of rounds)": statistics.median(ratios),
            "ratio spread": [min(ratios), max(ratios)],
            "this tree cpu s per document": statistics.median(c for _, c in mine) / documents,
        }
        print(f"{documents} documents: cpu this tree {report[documents]['this tree cpu s (median)']:.1f} s, "
              f"baseline {report[documents]['baseline cpu s (median)']:.1f} s, ratio "
              f"{statistics.median(ratios):.2f}x (spread {min(ratios):.2f}-{max(ratios):.2f})")
    small, large = min(args.documents), max(args.documents)
    if small != large:
        growth = report[large]["this tree cpu s per document"] / report[small]["this tree cpu s per document"]
        print(f"per-document cpu cost, {large} vs {small} documents (this tree): {growth:.2f}x")
        report["per-document growth"] = growth
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({str(k): v for k, v in report.items()}, indent=2) + "\n")


if __name__ == "__main__":
    main()
