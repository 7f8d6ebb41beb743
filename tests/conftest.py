"""Shared fixtures: the bundled lexicon, a document made from a string, and one real build of the
bundled corpus (made once per test session by the real command line)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.config import resource_dir
from graph_builder.corpus import Document, DocumentMeta
from graph_builder.entities import EntityRecogniser
from graph_builder.lexicon import load_lexicon
from graph_builder.process import reading_of
from graph_builder.sentences import split_sentences
from graph_builder.statistics import StatisticExtractor


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon(resource_dir("mappings"))


@pytest.fixture(scope="session")
def recogniser(lexicon):
    return EntityRecogniser(lexicon)


def make_document(text: str, date: str = "2024-03-12", reference_period: str | None = "2023",
                  document_type: str = "work-report", language: str = "en", title: str = "t") -> Document:
    meta = DocumentMeta(title=title, publishers=("p",), date=date, date_inferred=False, date_inference_note=None,
                        language=language, document_type=document_type,
                        reporting_agency="supreme-peoples-procuratorate", reference_period=reference_period)
    return Document(id="test-document", path=Path("test.txt"), text=text, meta=meta, sidecar=Path("test.meta.yaml"))


@pytest.fixture(scope="session")
def extract(lexicon, recogniser):
    """Statistics of a text, as the build extracts them."""
    extractor = StatisticExtractor(lexicon)

    def run(text: str, **meta):
        reading, numbers = reading_of(make_document(text, **meta))
        return extractor.extract(reading, split_sentences(reading.text), numbers, recogniser.find(reading.text))
    return run


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spp_kg", *args], capture_output=True, text=True,
                          timeout=timeout)


def build_one_document(tmp_path, text: str, meta: str, name: str = "document") -> None:
    """Build a corpus of one document (its text and its sidecar, ``name``.txt and ``name``.meta.yaml) into
    tmp_path/dist; the build must succeed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (corpus / f"{name}.meta.yaml").write_text(meta, encoding="utf-8")
    result = run_cli("build", "--corpus", str(corpus), "--out", str(tmp_path / "dist"), "--quiet")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def built_dist(tmp_path_factory) -> Path:
    """dist/ of the bundled corpus, built by ``spp-kg build``."""
    out = tmp_path_factory.mktemp("build") / "dist"
    result = run_cli("build", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def store(built_dist):
    from graph_builder.query import load_store
    return load_store(built_dist)


# The HTTP service's fixtures (a real `spp-kg serve` process), shared by tests/test_service_*.py.
from conftest_service import http, service_url  # noqa: E402,F401
