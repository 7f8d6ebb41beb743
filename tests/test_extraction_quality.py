"""Extraction quality on the development sets (tests/dev_sets/): each set is built with the real command
line and scored (quality_scoring.py); a regression below the floors fails.

The sets: five synthetic English texts in the styles of SPP data releases, report summaries, press
conferences and news; three synthetic Chinese texts (a case-data release, work-report paragraphs, a news
item); and the five English documents of the bundled corpus that are annotated by hand. The synthetic
texts mix real and invented figures: they are test data, never corpus documents.
"""

from __future__ import annotations

import pytest

from conftest import run_cli
from dev_corpus import SETS, seed_corpus, synthetic_corpus
from quality_scoring import Score, observations, read_jsonl, score

# value, full, period (at least), unexpected (at most), distractor hits (at most)
FLOORS = {
    "synthetic": (0.97, 0.90, 0.95, 0.03, 0),
    "zh": (0.95, 0.85, 0.90, 0.03, 0),
    # the hand-annotated corpus documents
    "seeds": (0.97, 0.90, 0.95, 0.03, 0),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request, tmp_path_factory) -> tuple[str, Score]:
    name = request.param
    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    documents = seed_corpus(corpus) if name == "seeds" else synthetic_corpus(name, corpus)
    out = tmp_path_factory.mktemp(f"{name}-dist") / "dist"
    built = run_cli("build", "--corpus", str(corpus), "--out", str(out), "--quiet")
    assert built.returncode == 0, built.stderr
    texts = {stem: (corpus / f"{stem}.txt").read_text(encoding="utf-8") for stem in documents.values()}
    result = score(observations(out / "graph.trig"), read_jsonl(SETS / name / "statistics.jsonl"),
                   read_jsonl(SETS / name / "distractors.jsonl"), documents, texts)
    return name, result


def test_each_development_set_stays_above_its_floors(scored):
    name, result = scored
    value, full, period, unexpected, distractors = FLOORS[name]
    summary = (f"{name}: value {result.value_recall:.2f}, full {result.full_recall:.2f}, period "
               f"{result.period_accuracy:.2f}, unexpected {result.unexpected:.2f}, distractor hits "
               f"{result.distractor_hits}; misses: " + "; ".join(result.misses[:30]))
    assert result.value_recall >= value, summary
    assert result.full_recall >= full, summary
    assert result.period_accuracy >= period, summary
    assert result.unexpected <= unexpected, summary
    assert result.distractor_hits <= distractors, summary
