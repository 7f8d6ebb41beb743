"""Build speed of a revision against a baseline revision, side by side: documents per second, the
share of the build spent validating with SHACL, per-document cost between corpus sizes, peak memory.

    python bench/build_speed.py --baseline 6082c81 --documents 1000 --rounds 2 --large 3000 10000 --baseline-up-to 3000

Both revisions are checked out with ``git worktree`` under ``--work`` (``--candidate``, by default
HEAD, and ``--baseline``). Each round builds every size in ``--documents`` once with each revision,
alternating which goes first (``python -m spp_kg build``, two worker processes as usual);
``--large`` sizes are built once per revision after the rounds (by the baseline only up to
``--baseline-up-to`` documents, when given). For each build: wall and CPU seconds (children included) and the peak resident
memory of the largest process of the build. The SHACL share is measured apart, in one process
(``jobs=1``) on ``--share-documents`` documents: the time spent in the validator's methods over the
time of the whole build. Writes ``build-speed.json`` and ``build-speed.md`` to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from compare_builds import cli_module, corpus, worktree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# runs one build in a child of its own, so the peak memory read afterwards is this build's alone
_MEASURED_BUILD = """
import json, resource, subprocess, sys, time
started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
subprocess.run(sys.argv[1:], check=True, capture_output=True)
after = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - started,
                  "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
                  "peak_mib": after.ru_maxrss / 1024}))
"""

# builds in one process and times the validator's methods (the same names in both revisions)
_SHACL_SHARE = """
import json, sys, time
from pathlib import Path
from graph_builder import validate
from graph_builder.build import build
from graph_builder.config import BuildSettings
spent = [0.0]
def timed(method):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started
    return run
validate.DocumentValidator.violations = timed(validate.DocumentValidator.violations)
validate.DocumentValidator.reference_violations = timed(validate.DocumentValidator.reference_violations)
started = time.perf_counter()
build(BuildSettings(corpus_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]), mappings_dir=Path(sys.argv[3])), jobs=1)
total = time.perf_counter() - started
print(json.dumps({"build_s": total, "shacl_s": spent[0], "shacl_share": spent[0] / total}))
"""


def measured_build(tree: Path, source: Path, out: Path) -> dict:
    command = [sys.executable, "-m", cli_module(tree), "build", "--corpus", str(source), "--out", str(out),
               "--mappings", str(tree / "mappings"), "--quiet"]
    result = subprocess.run([sys.executable, "-c", _MEASURED_BUILD, *command], check=True, capture_output=True,
                            text=True, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    return json.loads(result.stdout)


def shacl_share(tree: Path, source: Path, out: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", _SHACL_SHARE, str(source), str(out), str(tree / "mappings")],
                            check=True, capture_output=True, text=True, cwd=tree,
                            env={**os.environ, "PYTHONPATH": str(tree)})
    return json.loads(result.stdout)


def commit_of(revision: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", revision], check=True,
                          capture_output=True, text=True).stdout.strip()


def summary(runs: list[dict], documents: int) -> dict:
    wall = statistics.median(run["wall"] for run in runs)
    cpu = statistics.median(run["cpu"] for run in runs)
    return {"builds": len(runs), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "documents_per_second": round(documents / wall, 2), "cpu_s_per_document": round(cpu / documents, 4),
            "peak_mib": round(max(run["peak_mib"] for run in runs))}


def markdown(report: dict) -> str:
    names = list(report["revisions"])
    lines = ["| revision | documents | builds | wall s | documents/s | CPU s/document | peak memory MiB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for documents, per_revision in report["builds"].items():
        for name in names:
            if name in per_revision:
                row = per_revision[name]
                lines.append(f"| {name} ({report['revisions'][name]}) | {documents} | {row['builds']} | {row['wall_s']} "
                             f"| {row['documents_per_second']} | {row['cpu_s_per_document']} | {row['peak_mib']} |")
    lines += ["", "| revision | SHACL share of build time (one process, "
              f"{report['shacl']['documents']} documents) |", "| --- | ---: |"]
    lines += [f"| {name} | {report['shacl'][name]['shacl_share']:.1%} |" for name in names]
    lines += [""] + [f"- {line}" for line in report["findings"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="git revision to compare with")
    parser.add_argument("--candidate", default="HEAD", help="git revision measured (default HEAD)")
    parser.add_argument("--documents", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--large", type=int, nargs="*", default=[], help="sizes built once per revision")
    parser.add_argument("--baseline-up-to", type=int, help="the largest --large size the baseline builds too")
    parser.add_argument("--share-documents", type=int, default=200)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    revisions = {"candidate": commit_of(args.candidate), "baseline": commit_of(args.baseline)}
    trees = {name: worktree(commit, args.work) for name, commit in revisions.items()}
    share_corpus = corpus(args.share_documents, args.work)
    shares = {name: shacl_share(tree, share_corpus, args.work / "dist") for name, tree in trees.items()}
    print(json.dumps({"shacl": shares}), flush=True)
    runs: dict[tuple[int, str], list[dict]] = {}

    def run(documents: int, name: str) -> None:
        result = measured_build(trees[name], corpus(documents, args.work), args.work / "dist")
        runs.setdefault((documents, name), []).append(result)
        print(f"{documents} documents, {name}: wall {result['wall']:.1f} s, cpu {result['cpu']:.1f} s, "
              f"peak {result['peak_mib']:.0f} MiB", flush=True)

    for round_index in range(args.rounds):
        order = list(trees) if round_index % 2 == 0 else list(trees)[::-1]
        for documents in args.documents:
            for name in order:
                run(documents, name)
    for documents in args.large:
        for name in trees:
            if name == "candidate" or args.baseline_up_to is None or documents <= args.baseline_up_to:
                run(documents, name)
    report: dict = {"revisions": revisions, "builds": {}, "shacl": {"documents": args.share_documents, **shares},
                    "findings": []}
    for (documents, name), results in sorted(runs.items()):
        report["builds"].setdefault(str(documents), {})[name] = summary(results, documents)
    for documents in args.documents:
        ratios = [b["wall"] / c["wall"] for c, b in zip(runs[(documents, "candidate")], runs[(documents, "baseline")])]
        report["findings"].append(
            f"{documents} documents: candidate / baseline documents per second {statistics.median(ratios):.2f}x "
            f"(median of {len(ratios)} interleaved rounds, spread {min(ratios):.2f}-{max(ratios):.2f})")
    sizes = sorted({documents for documents, _ in runs})
    for name in trees:
        measured = [documents for documents in sizes if (documents, name) in runs]
        if len(measured) > 1:
            small, large = report["builds"][str(measured[0])][name], report["builds"][str(measured[-1])][name]
            report["findings"].append(
                f"{name}: CPU per document at {measured[-1]} vs {measured[0]} documents "
                f"{large['cpu_s_per_document'] / small['cpu_s_per_document']:.2f}x; peak memory "
                f"{small['peak_mib']} MiB vs {large['peak_mib']} MiB")
    for name in trees:
        report["findings"].append(f"{name}: SHACL {shares[name]['shacl_share']:.1%} of build time "
                                  f"({shares[name]['shacl_s']:.1f} of {shares[name]['build_s']:.1f} s)")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build-speed.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "build-speed.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
