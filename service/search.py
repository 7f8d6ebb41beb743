"""Full-text search over the build's index (``search.sqlite``, see graph_builder/search_index.py).

The index of the served snapshot is opened read-only and immutable, one connection per search (a
search runs in a thread of its own, so it never holds up the event loop). Hits are ranked by BM25;
each carries a snippet of its text around the first words that matched, with where they are: FTS5
marks the matching words of the indexed column (``highlight``), and the words' offsets in the
original text (``search_tokens``) turn those marks into spans of the text itself.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from graph_builder.search_tokens import CHARACTERS, TERMS, Token, iter_characters, iter_terms, match_expression

# A query matching more entries than this is ranked among the first of them in the index's order (the
# names of resources, the texts of documents, then statistics; see graph_builder/search_index.py):
# BM25 costs one to two microseconds per entry, and a word found in every statistic would cost it for all.
RANKED_CANDIDATES = 10_000
SNIPPET_CHARACTERS = 240     # length of a snippet
SNIPPET_LEAD = 60            # characters of a snippet before the first match
_OPEN, _CLOSE = "\x01", "\x02"


class SearchTimeout(Exception):
    """The search ran past its time limit."""


@dataclass(frozen=True)
class Hit:
    """One entry that matched: the resource it leads to, what matched (names, text or quote), and a
    snippet with the spans (start, end) of the words that matched."""

    resource: str
    field: str
    language: str
    evidence: str
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    labels: list[tuple[str, str, str]]            # (property, value, language) of the resource
    document_labels: list[tuple[str, str, str]]   # those of the quote's document ([] for other hits)

    @property
    def document(self) -> str:
        """The document a quote is from (its evidence node is ``<document>#char=…``), else ""."""
        return self.evidence.partition("#")[0]


@dataclass(frozen=True)
class Results:
    """A page of hits, and how many entries matched in all."""

    total: int
    hits: list[Hit] = field(default_factory=list)


def _matched(marked: str, tokens: Iterator[Token]) -> list[tuple[int, int]]:
    """The spans of the original text whose words FTS5 marked in ``marked``: the column's words (one
    per token, joined by single spaces) with a mark before and after each match. Only the spans a
    snippet can show are looked for: those up to a snippet's length after the first."""
    spans: list[tuple[int, int]] = []
    inside = False
    for word, token in zip(marked.split(" "), tokens):
        if spans and token.start > spans[0][0] + SNIPPET_CHARACTERS:
            break
        hit = inside or _OPEN in word
        for mark in (c for c in word if c in (_OPEN, _CLOSE)):
            inside = mark == _OPEN
        if hit:
            spans.append((token.start, token.end))
    return spans


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans that overlap (the pairs of characters of a Chinese phrase) or stand next to each other
    ("money laundering") as one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].isspace()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A piece of ``text`` around its first span ("…" where text is left out), and the spans inside
    it (offsets in the piece)."""
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_LEAD)
    if start:
        space = text.rfind(" ", start - 20, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARACTERS)
    if end < len(text):
        space = text.find(" ", end - 20, end)
        end = space if space > start else end
    lead = "…" if start else ""
    piece = lead + text[start:end] + ("…" if end < len(text) else "")
    shift = len(lead) - start
    inside = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start]
    return piece, inside


def _labels(connection: sqlite3.Connection, resource: str) -> list[tuple[str, str, str]]:
    return connection.execute("SELECT property, value, language FROM labels WHERE resource = ? ORDER BY rowid",
                              (resource,)).fetchall()


class SearchIndex:
    """The search index of one snapshot: a file opened read-only for every search."""

    def __init__(self, path: Path):
        self.path = path.absolute()
        self._uri = f"file:{quote(str(self.path))}?mode=ro&immutable=1"

    def _connect(self, deadline: float) -> sqlite3.Connection:
        connection = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        return connection

    def search(self, query: str, limit: int, offset: int, time_limit: float) -> Results:
        """The hits ``offset`` to ``offset + limit`` of ``query``, best first; raises ``NoWords`` for a
        query without words and ``SearchTimeout`` past ``time_limit`` seconds."""
        expression = match_expression(query)
        connection = self._connect(time.monotonic() + time_limit)
        try:
            (total,), = connection.execute("SELECT count(*) FROM entries WHERE entries MATCH ?", (expression,))
            last = 2**63 - 1
            if total > RANKED_CANDIDATES:
                (last,), = connection.execute("SELECT rowid FROM entries WHERE entries MATCH ? ORDER BY rowid "
                                              "LIMIT 1 OFFSET ?", (expression, RANKED_CANDIDATES - 1))
            ranked = connection.execute(
                "SELECT rowid, bm25(entries) FROM entries WHERE entries MATCH ? AND rowid <= ? "
                "ORDER BY bm25(entries), rowid LIMIT ? OFFSET ?", (expression, last, limit, offset)).fetchall()
            hits = self._hits(connection, expression, dict(ranked))
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise SearchTimeout(f"the search took longer than {time_limit:g} s") from None
            raise
        finally:
            connection.close()
        return Results(total, hits)

    def _hits(self, connection: sqlite3.Connection, expression: str, scores: dict[int, float]) -> list[Hit]:
        """The hits of the entries ``scores`` names, in its order, with their snippets and names."""
        marks = [f"highlight(entries, {index}, '{_OPEN}', '{_CLOSE}')" if f"{column} :" in expression else "''"
                 for index, column in enumerate((TERMS, CHARACTERS))]   # a column the query names
        rows = {row[0]: row[1:] for row in connection.execute(
            f"SELECT rowid, resource, field, language, evidence, text, {', '.join(marks)} FROM entries "
            f"WHERE entries MATCH ? AND rowid IN ({', '.join('?' * len(scores))})", (expression, *scores))}
        hits = []
        for rowid, score in scores.items():
            resource, field_, language, evidence, text, marked_terms, marked_characters = rows[rowid]
            spans = _merge(_matched(marked_terms, iter_terms(text))
                           + _matched(marked_characters, iter_characters(text)), text)
            piece, highlights = snippet(text, spans)
            hits.append(Hit(resource, field_, language, evidence, round(-score, 4), piece, highlights,
                            _labels(connection, resource),
                            _labels(connection, evidence.partition("#")[0]) if evidence else []))
        return hits
