"""``series.csv``: the series points of the built graph as one tidy table, one row per quantity, with its
preferred value, how many statements state it, whether they conflict and the IRIs of those statements;
and its CSVW metadata (``series.csv-metadata.json``). Rows are sorted by measure, crime type, field,
period and unit."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import PROV, RDF

from .config import DCAT, QB, SDMX_DIMENSION, SPP
from .cube import SERIES_DATASET_SLUG
from .publish import Artifact
from .tables import DATE_FORMAT, Column, Table, concept_columns, concept_labels, solutions, with_concepts, write_table

TABLE_NAME = "series.csv"
LIST_SEPARATOR = " "     # IRIs hold no spaces


def columns(base: str) -> list[Column]:
    """The columns of ``series.csv`` for a graph built under ``base``."""
    ids = f"{base}id/"
    return [
        Column("preferred_value", "the value preferred among the statements: the most precise figure of the most "
               "authoritative source", str(SPP.preferredValue), "decimal"),
        Column("unit", "unit of the value (slug of id/unit/)", str(SPP.unit), value_url=f"{ids}unit/{{unit}}"),
        Column("qualifier", "words that qualify the preferred value ('more than', 'about')", str(SPP.qualifier)),
        *concept_columns(base),
        Column("period_start", "first year, month or day of the reference period", str(DCAT.startDate), DATE_FORMAT,
               about_url=f"{ids}period/{{period}}"),
        Column("period_end", "last year, month or day of the reference period", str(DCAT.endDate), DATE_FORMAT,
               about_url=f"{ids}period/{{period}}"),
        Column("period", "the reference period (slug of id/period/)", str(SDMX_DIMENSION.refPeriod),
               value_url=f"{ids}period/{{period}}"),
        Column("statements", "how many statistics state the quantity", None, "positiveInteger"),
        Column("documents", "how many documents state it", None, "positiveInteger"),
        Column("conflict", "true when two documents give values that disagree beyond rounding and qualifiers",
               str(SPP.conflict), "boolean"),
        Column("ambiguous", "true when one document gives values that disagree (quantities the dimensions do not "
               "tell apart)", str(SPP.ambiguous), "boolean"),
        Column("preferred_statement", "IRI of the statistic whose value is preferred", str(SPP.preferredStatement),
               "anyURI", value_url="{+preferred_statement}"),
        Column("statement_iris", "IRIs of every statistic that states the quantity, separated by spaces",
               str(PROV.wasDerivedFrom), "anyURI", value_url="{+statement_iris}", separator=LIST_SEPARATOR),
        Column("conflicting_statements", "IRIs of the statistics of documents that disagree with another's",
               str(SPP.conflictingStatement), "anyURI", value_url="{+conflicting_statements}",
               separator=LIST_SEPARATOR),
        Column("iri", "IRI of the series point (a qb:Observation, spp:SeriesPoint): the resource each row "
               "describes", None, "anyURI", suppress_output=True),
    ]


_POINTS = f"""PREFIX spp: <{SPP}> PREFIX sdmx-dimension: <{SDMX_DIMENSION}> PREFIX dcat: <{DCAT}> PREFIX prov: <{PROV}>
SELECT ?iri ?preferred_value ?unit ?qualifier ?measure ?crime_type ?field ?period ?period_start ?period_end
       ?conflict ?ambiguous ?preferred_statement
       (COUNT(DISTINCT ?statement) AS ?statements) (COUNT(DISTINCT ?document) AS ?documents)
       (GROUP_CONCAT(DISTINCT STR(?statement); SEPARATOR=" ") AS ?statement_iris)
WHERE {{
  ?iri a spp:SeriesPoint ; spp:preferredValue ?preferred_value ; spp:unit ?unit ; spp:measure ?measure ;
       spp:crimeType ?crime_type ; spp:field ?field ; sdmx-dimension:refPeriod ?period ; spp:conflict ?conflict ;
       spp:ambiguous ?ambiguous ; spp:preferredStatement ?preferred_statement ; prov:wasDerivedFrom ?statement .
  ?period dcat:startDate ?period_start ; dcat:endDate ?period_end .
  OPTIONAL {{ ?statement spp:sourceDocument ?document }}
  OPTIONAL {{ ?iri spp:qualifier ?qualifier }}
}} GROUP BY ?iri ?preferred_value ?unit ?qualifier ?measure ?crime_type ?field ?period ?period_start ?period_end
           ?conflict ?ambiguous ?preferred_statement"""

_CONFLICTING = f"""PREFIX spp: <{SPP}>
SELECT ?iri ?statement WHERE {{ ?iri a spp:SeriesPoint ; spp:conflictingStatement ?statement }}"""


def series_rows(store: pyoxigraph.Store, base: str) -> list[dict[str, str]]:
    """One row per series point, cells as text (empty when unbound), sorted by measure, crime type, field,
    period and unit."""
    labels = concept_labels(store)
    conflicting: dict[str, list[str]] = {}
    for solution in solutions(store, _CONFLICTING):
        conflicting.setdefault(solution["iri"].value, []).append(solution["statement"].value)
    rows = []
    for solution in solutions(store, _POINTS):
        cells = with_concepts({name: term.value for name, term in solution.items()}, solution, labels, base, {
            "unit": "unit", "measure": "measure", "crime_type": "crime-type", "field": "field", "period": "period"})
        cells["statement_iris"] = LIST_SEPARATOR.join(sorted(cells["statement_iris"].split(" ")))
        cells["conflicting_statements"] = LIST_SEPARATOR.join(sorted(conflicting.get(cells["iri"], [])))
        rows.append(cells)
    return sorted(rows, key=lambda row: (row["measure"], row["crime_type"], row["field"], row["period_start"],
                                         row["period_end"], row["unit"], row["iri"]))


def series_table(base: str) -> Table:
    """``series.csv``: its columns and the CSVW description of its rows."""
    dataset = f"{base}id/dataset/{SERIES_DATASET_SLUG}"
    return Table(
        TABLE_NAME, "Procuratorial statistics: one row per series point",
        "Each quantity (measure, crime type, field, period and unit) stated in the documents of the spp-kg graph, "
        "with its preferred value, the number of statements and documents that state it, whether they conflict "
        "and the IRIs of the statements.", columns(base), dataset,
        [{"name": "type", "virtual": True, "propertyUrl": str(RDF.type), "valueUrl": str(SPP.SeriesPoint)},
         {"name": "dataset", "virtual": True, "propertyUrl": str(QB.dataSet), "valueUrl": dataset}])


def write_series_table(directory: Path, store: pyoxigraph.Store, base: str) -> list[Artifact]:
    """Write ``series.csv`` and its CSVW metadata into ``directory``; return both as artifacts."""
    base = base if base.endswith("/") else base + "/"
    return write_table(directory, series_table(base), series_rows(store, base))
