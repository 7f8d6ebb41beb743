"""The development sets (tests/dev_sets/) as corpora: their texts written with sidecars from their
metadata, ready for the real build. The synthetic texts mix real and invented figures: they are test
data, never corpus documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from graph_builder.config import resource_dir
from quality_scoring import read_jsonl

SETS = Path(__file__).parent / "dev_sets"
DOCUMENT_TYPES = {"news": "news-article", "report": "work-report", "press-conference": "press-release"}


def _sidecar(meta: dict) -> str:
    lines = [f"title: {meta['title']!r}", f"publisher: {meta['publisher']!r}", f"date: {meta['date']!r}",
             f"language: {meta['language']}", f"document_type: {DOCUMENT_TYPES.get(meta['type'], 'other')}",
             "reporting_agency: supreme-peoples-procuratorate"]
    return "\n".join(lines) + "\n"


def synthetic_corpus(name: str, corpus: Path) -> dict[str, str]:
    """Write a set's texts with sidecars from its metadata; the annotation's file name -> document id."""
    documents = {}
    for meta in read_jsonl(SETS / name / "meta.jsonl"):
        stem = meta["file"][: -len(".txt")].replace("_", "-")
        shutil.copy(SETS / name / "docs" / meta["file"], corpus / f"{stem}.txt")
        (corpus / f"{stem}.meta.yaml").write_text(_sidecar(meta), encoding="utf-8")
        documents[meta["file"]] = stem
    return documents


def seed_corpus(corpus: Path) -> dict[str, str]:
    """The annotated documents of the bundled corpus, with their sidecars."""
    documents = json.loads((SETS / "seeds" / "documents.json").read_text(encoding="utf-8"))
    for stem in documents.values():
        for suffix in (".txt", ".meta.yaml"):
            shutil.copy(resource_dir("corpus") / f"{stem}{suffix}", corpus / f"{stem}{suffix}")
    return documents
