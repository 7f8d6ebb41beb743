"""The full-text search index of a build: ``search.sqlite`` in dist/, an SQLite FTS5 database.

One entry per document text, per resource's names in one language (its ``skos:prefLabel``,
``skos:altLabel``, ``rdfs:label``, ``dcterms:title`` and ``foaf:name``) and per evidence quote with the
resource it proves; words cut by ``search_tokens``. A ``labels`` table keeps every name of every
resource, for showing a hit by name. Entries are inserted in sorted order, the FTS5 index is merged
into one segment and the file vacuumed, so the same graph gives the same bytes (with the same SQLite
version).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyoxigraph

from .search_tokens import CHARACTERS, TERMS, characters, column_text, terms

SEARCH_INDEX = "search.sqlite"
FORMAT_VERSION = "1"

NAMES, TEXT, QUOTE = "names", "text", "quote"   # what an entry holds
NAME_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://xmlns.com/foaf/0.1/name",
)
NAME_SEPARATOR = " · "

SCHEMA = f"""
CREATE VIRTUAL TABLE entries USING fts5({TERMS}, {CHARACTERS}, text UNINDEXED, resource UNINDEXED,
    field UNINDEXED, language UNINDEXED, evidence UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE labels (resource TEXT NOT NULL, property TEXT NOT NULL, value TEXT NOT NULL, language TEXT NOT NULL);
CREATE INDEX labels_by_resource ON labels (resource);
CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Entry:
    """A searchable text: what it is (``field``), the resource it leads to, its language and, for a
    quote, the evidence node that holds it."""

    field: str
    resource: str
    language: str
    evidence: str
    text: str

    def place(self) -> tuple[int, str, str, str, str, str]:
        """Where the entry stands in the index: first the names of resources other than statistics, then
        the texts of documents, then the names and quotes of statistics (the many). The service ranks a
        query that matches a great many entries among the first of them in this order."""
        tier = 2 if "id/statistic/" in self.resource else (1 if self.field == TEXT else 0)
        return tier, self.field, self.resource, self.language, self.evidence, self.text


@dataclass(frozen=True, order=True)
class Label:
    """One name of a resource."""

    resource: str
    property: str
    value: str
    language: str


def _rows(store: pyoxigraph.Store, query: str) -> Iterable[list[str]]:
    for solution in store.query(query):
        yield [term.value if term is not None else "" for term in solution]


def collect(store: pyoxigraph.Store, base_iri: str) -> tuple[list[Entry], list[Label]]:
    """The entries and labels of the graph in ``store`` (its default graph: the union of the graphs)."""
    resources = base_iri + "id/"
    properties = " ".join(f"<{p}>" for p in NAME_PROPERTIES)
    labels = sorted({Label(s, p, value, language) for s, p, value, language in _rows(store, f"""
        SELECT ?s ?p ?value (LANG(?value) AS ?language) WHERE {{
          VALUES ?p {{ {properties} }} ?s ?p ?value
          FILTER(isIRI(?s) && isLiteral(?value) && STRSTARTS(STR(?s), "{resources}") && !CONTAINS(STR(?s), "#"))
        }}""") if value.strip()})
    texts = {document: (text, language) for document, text, language in _rows(store, """
        SELECT ?document ?text ?language WHERE {
          ?document <https://schema.org/text> ?text OPTIONAL { ?document <http://purl.org/dc/terms/language> ?language }
        }""")}
    entries = [Entry(TEXT, document, language, "", text) for document, (text, language) in texts.items()]
    names: dict[tuple[str, str], list[str]] = {}
    for label in labels:
        language = label.language or texts.get(label.resource, ("", ""))[1]
        values = names.setdefault((label.resource, language), [])
        if label.value not in values:
            values.append(label.value)
    entries += [Entry(NAMES, resource, language, "", NAME_SEPARATOR.join(values))
                for (resource, language), values in names.items()]
    for owner, evidence, quote in _rows(store, """
            SELECT DISTINCT ?owner ?evidence ?quote WHERE {
              ?owner <https://w3id.org/spp-kg/ontology#evidence> ?evidence .
              ?evidence <http://www.w3.org/ns/oa#exact> ?quote
            }"""):
        language = texts.get(evidence.partition("#")[0], ("", ""))[1]
        entries.append(Entry(QUOTE, owner, language, evidence, quote))
    return sorted(set(entries), key=Entry.place), labels


def write_index(path: Path, entries: Iterable[Entry], labels: Iterable[Label]) -> int:
    """Write the search index of ``entries`` and ``labels`` to ``path`` (a new file); returns the number
    of entries. Entries are written in the order given: sort them by ``Entry.place`` for a reproducible
    file and a ranking that sees the names and texts first."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.executescript(SCHEMA)
        connection.execute("BEGIN")
        count = 0
        for entry in entries:
            connection.execute(
                f"INSERT INTO entries ({TERMS}, {CHARACTERS}, text, resource, field, language, evidence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (column_text(terms(entry.text)), column_text(characters(entry.text)), entry.text, entry.resource,
                 entry.field, entry.language, entry.evidence))
            count += 1
        connection.executemany("INSERT INTO labels VALUES (?, ?, ?, ?)",
                               ((label.resource, label.property, label.value, label.language) for label in labels))
        connection.executemany("INSERT INTO about VALUES (?, ?)",
                               (("format", FORMAT_VERSION), ("entries", str(count))))
        connection.execute("INSERT INTO entries (entries) VALUES ('optimize')")
        connection.execute("COMMIT")
        connection.execute("VACUUM")
    finally:
        connection.close()
    return count


def write_search_index(directory: Path, store: pyoxigraph.Store, base_iri: str) -> dict:
    """Write ``directory/search.sqlite`` from the graph in ``store``; returns its description for the
    build report (name, entries, size, SHA-256)."""
    entries, labels = collect(store, base_iri)
    path = directory / SEARCH_INDEX
    count = write_index(path, entries, labels)
    data = path.read_bytes()
    return {"name": SEARCH_INDEX, "entries": count, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
