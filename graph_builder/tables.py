"""What the CSV downloads share: columns that say how CSVW maps them onto the graph, solutions of the
store as text cells, the labels of the concepts a table names, RFC 4180 bytes and the W3C CSV on the
Web metadata (``<table>-metadata.json``) of a table. The tables themselves are ``statistics_table``
and ``series_table``; each is a view of the graph, read from the store by SPARQL and written sorted, so
the same graph always gives the same bytes."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import RDFS

from .config import SPP
from .publish import Artifact, write_json

TABLE_MEDIA_TYPE = "text/csv"
METADATA_MEDIA_TYPE = "application/csvm+json"
DATE_FORMAT = {"base": "string", "format": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}   # xsd:gYear, gYearMonth or date
LABEL_LANGUAGES = ("en", "zh")     # a label column shows the English label, else the Chinese one
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Column:
    """A column of a table: its name, what it holds and how CSVW maps it onto the graph."""

    name: str
    description: str
    property_url: str | None     # the property of the graph the cell is the value of
    datatype: str | dict = "string"
    value_url: str | None = None        # URI template: the cell stands for this resource
    about_url: str | None = None        # URI template: the cell describes this resource, not the row's
    separator: str | None = None        # the cell is a list
    suppress_output: bool = False       # the cell names the row's resource (the table's aboutUrl)


@dataclass(frozen=True)
class Table:
    """A table to write: its file name, title, description, columns, the resource it is drawn from and
    the virtual columns (constant statements about every row) of its metadata."""

    name: str
    title: str
    description: str
    columns: list[Column]
    source: str
    virtual_columns: list[dict]

    @property
    def metadata_name(self) -> str:
        return f"{self.name}-metadata.json"      # where CSVW processors look for it by default


def concept_columns(base: str) -> list[Column]:
    """The measure, crime type and field of a row, each with its label."""
    ids = f"{base}id/"
    return [
        Column("measure", "what is counted (slug of id/measure/)", str(SPP.measure), value_url=f"{ids}measure/{{measure}}"),
        Column("measure_label", "label of the measure (English, else Chinese)", str(RDFS.label),
               about_url=f"{ids}measure/{{measure}}"),
        Column("crime_type", "the crime type the figure is about (slug of id/crime-type/; 'unspecified' when the "
               "text names none)", str(SPP.crimeType),
               value_url=f"{ids}crime-type/{{crime_type}}"),
        Column("crime_type_label", "label of the crime type (English, else Chinese)", str(RDFS.label),
               about_url=f"{ids}crime-type/{{crime_type}}"),
        Column("field", "the field of work the figure is about (slug of id/field/; 'unspecified' when the text "
               "names none)", str(SPP.field),
               value_url=f"{ids}field/{{field}}"),
        Column("field_label", "label of the field (English, else Chinese)", str(RDFS.label),
               about_url=f"{ids}field/{{field}}"),
    ]


def solutions(store: pyoxigraph.Store, sparql: str) -> list[dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal]]:
    """The bound values of each solution, by variable name (the default graph is the union)."""
    results = store.query(sparql)
    names = [variable.value for variable in results.variables]
    return [{name: row[name] for name in names if row[name] is not None} for row in results]


_LABELS = f"""PREFIX spp: <{SPP}> PREFIX rdfs: <{RDFS}>
SELECT DISTINCT ?concept ?label WHERE {{
  ?statistic a spp:Statistic ; spp:measure|spp:crimeType|spp:field ?concept . ?concept rdfs:label ?label
}}"""


def concept_labels(store: pyoxigraph.Store) -> dict[str, str]:
    """The label of each measure, crime type and field that a statistic names: English, else Chinese."""
    by_language: dict[str, dict[str, str]] = {}
    for row in solutions(store, _LABELS):
        labels = by_language.setdefault(row["concept"].value, {})
        language = row["label"].language or ""
        labels[language] = min(labels.get(language, row["label"].value), row["label"].value)
    return {concept: next((labels[language] for language in LABEL_LANGUAGES if language in labels),
                          min(labels.values()))
            for concept, labels in by_language.items()}


def with_concepts(cells: dict[str, str], solution: dict, labels: dict[str, str], base: str,
                  kinds: dict[str, str]) -> dict[str, str]:
    """The cells with each IRI of ``kinds`` (column -> kind) cut to its slug, and the label of its
    measure, crime type and field."""
    for name, kind in kinds.items():
        if name in cells:
            cells[name] = cells[name].removeprefix(f"{base}id/{kind}/")
    for name in ("measure", "crime_type", "field"):
        if name in solution:
            cells[f"{name}_label"] = labels.get(solution[name].value, "")
    return cells


def table_bytes(rows: list[dict[str, str]], names: list[str]) -> bytes:
    """The rows as CSV: a header of ``names``, RFC 4180 quoting and line ends, UTF-8 without a BOM."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([row.get(name, "") for name in names] for row in rows)
    return text.getvalue().encode("utf-8")


def _column_metadata(column: Column) -> dict:
    described: dict = {"name": column.name, "titles": column.name, "dc:description": column.description,
                       "datatype": column.datatype}
    for key, value in (("propertyUrl", column.property_url), ("valueUrl", column.value_url), ("aboutUrl", column.about_url),
                       ("separator", column.separator)):
        if value is not None:
            described[key] = value
    if column.suppress_output:
        described["suppressOutput"] = True
    return described


def table_metadata(table: Table) -> dict:
    """The CSVW metadata of a table (W3C Metadata Vocabulary for Tabular Data)."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": table.name,
        "dc:title": table.title,
        "dc:description": table.description,
        "dc:license": {"@id": LICENSE},
        "dc:source": {"@id": table.source},
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": [_column_metadata(column) for column in table.columns] + table.virtual_columns,
                        "primaryKey": "iri", "aboutUrl": "{+iri}"},
    }


def write_table(directory: Path, table: Table, rows: list[dict[str, str]]) -> list[Artifact]:
    """Write the table and its CSVW metadata into ``directory``; return both as artifacts."""
    data = table_bytes(rows, [column.name for column in table.columns])
    (directory / table.name).write_bytes(data)
    write_json(directory / table.metadata_name, table_metadata(table))
    metadata = (directory / table.metadata_name).read_bytes()
    return [Artifact(table.name, TABLE_MEDIA_TYPE, len(data), None, hashlib.sha256(data).hexdigest()),
            Artifact(table.metadata_name, METADATA_MEDIA_TYPE, len(metadata), None, hashlib.sha256(metadata).hexdigest())]
