"""``statistics.csv``: the statistics of the built graph as one tidy table, one row per observation, and
its W3C CSV on the Web metadata (``statistics.csv-metadata.json``), which types every column and names
the property of the graph it comes from.

The table is a view of the graph: every cell is read from the store by SPARQL, nothing is extracted
again. Rows are sorted (document, offset of the quote, IRI) and written as UTF-8 with RFC 4180 quoting,
so the same graph always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import DCTERMS, PROV, RDF

from .cube import DATASET_SLUG
from .config import DCAT, OA, QB, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, SPP
from .publish import Artifact
from .tables import DATE_FORMAT, Column, Table, concept_columns, concept_labels, solutions, with_concepts, write_table

TABLE_NAME = "statistics.csv"


def columns(base: str) -> list[Column]:
    """The columns of ``statistics.csv`` for a graph built under ``base``."""
    ids = f"{base}id/"
    document = f"{ids}document/{{document}}"
    evidence = f"{document}#char={{quote_start}},{{quote_end}}"
    return [
        Column("value", "the number, normalised (no thousands separators, 1.82 million as 1820000)",
               str(SDMX_MEASURE.obsValue), "decimal"),
        Column("unit", "unit of the value: people, cases, yuan, percent ... (slug of id/unit/)",
               str(SDMX_ATTRIBUTE.unitMeasure), value_url=f"{ids}unit/{{unit}}"),
        Column("qualifier", "words that qualify the value as stated ('more than', 'about', 逾, 约)", str(SPP.qualifier)),
        *concept_columns(base),
        Column("period_start", "first year, month or day of the reference period (the dcat:startDate of its "
               "sdmx-dimension:refPeriod)", str(DCAT.startDate), DATE_FORMAT),
        Column("period_end", "last year, month or day of the reference period (the dcat:endDate of its "
               "sdmx-dimension:refPeriod)", str(DCAT.endDate), DATE_FORMAT),
        Column("year_on_year_change_percent", "signed change against the same period of the year before, in percent",
               str(SPP.yearOnYearChangePercent), "decimal"),
        Column("percentage_point_change", "signed change of a rate or share against the year before, in "
               "percentage points", str(SPP.percentagePointChange), "decimal"),
        Column("previous_period_change_percent", "signed change against the previous period (e.g. the previous "
               "five years), in percent", str(SPP.previousPeriodChangePercent), "decimal"),
        Column("share_of", "IRI of the statistic of the total this percentage is a share of", str(SPP.shareOf),
               "anyURI", value_url="{+share_of}"),
        Column("reported_by", "the agency that reports the figure (slug of id/agency/)", str(SPP.reportedBy),
               value_url=f"{ids}agency/{{reported_by}}"),
        Column("document", "the source document (slug of id/document/)", str(PROV.wasDerivedFrom),
               value_url=document),
        Column("document_title", "title of the source document", str(DCTERMS.title), about_url=document),
        Column("publisher", "publishers of the source document", str(DCTERMS.publisher), about_url=document,
               separator="; "),
        Column("date", "date of the source document", str(DCTERMS.date), DATE_FORMAT, about_url=document),
        Column("language", "language of the source document (en, zh ...)", str(DCTERMS.language), about_url=document),
        Column("quote", "the sentence of the source document that states the figure", str(OA.exact),
               about_url=evidence),
        Column("quote_start", "character offset where the quote starts in the document's text", str(OA.start),
               "nonNegativeInteger", about_url=evidence),
        Column("quote_end", "character offset where the quote ends in the document's text", str(OA.end),
               "nonNegativeInteger", about_url=evidence),
        Column("iri", "IRI of the statistic (a qb:Observation): the resource each row describes", None, "anyURI",
               suppress_output=True),
    ]


_STATISTICS = f"""PREFIX spp: <{SPP}> PREFIX sdmx-measure: <{SDMX_MEASURE}> PREFIX sdmx-dimension: <{SDMX_DIMENSION}>
PREFIX sdmx-attribute: <{SDMX_ATTRIBUTE}> PREFIX dcat: <{DCAT}> PREFIX oa: <{OA}> PREFIX prov: <{PROV}>
SELECT ?iri ?value ?unit ?qualifier ?measure ?crime_type ?field ?period_start ?period_end
       ?year_on_year_change_percent ?percentage_point_change ?previous_period_change_percent ?share_of
       ?reported_by ?document ?quote ?quote_start ?quote_end
WHERE {{
  ?iri a spp:Statistic .
  OPTIONAL {{ ?iri sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?iri sdmx-attribute:unitMeasure ?unit }}
  OPTIONAL {{ ?iri spp:qualifier ?qualifier }}
  OPTIONAL {{ ?iri spp:measure ?measure }}
  OPTIONAL {{ ?iri spp:crimeType ?crime_type }}
  OPTIONAL {{ ?iri spp:field ?field }}
  OPTIONAL {{ ?iri sdmx-dimension:refPeriod ?period
             OPTIONAL {{ ?period dcat:startDate ?period_start ; dcat:endDate ?period_end }} }}
  OPTIONAL {{ ?iri spp:yearOnYearChangePercent ?year_on_year_change_percent }}
  OPTIONAL {{ ?iri spp:percentagePointChange ?percentage_point_change }}
  OPTIONAL {{ ?iri spp:previousPeriodChangePercent ?previous_period_change_percent }}
  OPTIONAL {{ ?iri spp:shareOf ?share_of }}
  OPTIONAL {{ ?iri spp:reportedBy ?reported_by }}
  OPTIONAL {{ ?iri prov:wasDerivedFrom ?document }}
  OPTIONAL {{ ?iri spp:evidence ?evidence . ?evidence oa:exact ?quote ; oa:start ?quote_start ; oa:end ?quote_end }}
}} ORDER BY ?iri ?quote_start"""

_DOCUMENTS = f"""PREFIX spp: <{SPP}> PREFIX dcterms: <{DCTERMS}>
SELECT DISTINCT ?document ?title ?publisher ?date ?language WHERE {{
  ?document a spp:Document .
  OPTIONAL {{ ?document dcterms:title ?title }} OPTIONAL {{ ?document dcterms:publisher ?publisher }}
  OPTIONAL {{ ?document dcterms:date ?date }} OPTIONAL {{ ?document dcterms:language ?language }}
}}"""


def _documents(store: pyoxigraph.Store) -> dict[str, dict[str, str]]:
    """Title, publishers (sorted, joined), date and language of each document."""
    found: dict[str, dict[str, set[str]]] = {}
    for row in solutions(store, _DOCUMENTS):
        cells = found.setdefault(row["document"].value, {})
        for name in ("title", "publisher", "date", "language"):
            if name in row:
                cells.setdefault(name, set()).add(row[name].value)
    return {document: {name: "; ".join(sorted(values)) for name, values in cells.items()}
            for document, cells in found.items()}


def statistics_rows(store: pyoxigraph.Store, base: str) -> list[dict[str, str]]:
    """One row per statistic of the graph, cells as text (empty when unbound), sorted by document,
    offset of the quote and IRI."""
    labels, documents = concept_labels(store), _documents(store)
    rows: dict[str, dict[str, str]] = {}
    for solution in solutions(store, _STATISTICS):
        iri = solution["iri"].value
        if iri in rows:     # a statistic with several quotes keeps the earliest
            continue
        cells = with_concepts({name: term.value for name, term in solution.items()}, solution, labels, base, {
            "unit": "unit", "measure": "measure", "crime_type": "crime-type", "field": "field",
            "reported_by": "agency", "document": "document"})
        about = documents.get(solution["document"].value, {}) if "document" in solution else {}
        cells.update({"document_title": about.get("title", ""), "publisher": about.get("publisher", ""),
                      "date": about.get("date", ""), "language": about.get("language", "")})
        rows[iri] = cells
    return sorted(rows.values(), key=lambda row: (row.get("document", ""), int(row.get("quote_start") or 0),
                                                  row["iri"]))


def statistics_table(base: str) -> Table:
    """``statistics.csv``: its columns and the CSVW description of its rows."""
    return Table(
        TABLE_NAME, "Procuratorial statistics: one row per observation",
        "The statistics (qb:Observation, spp:Statistic) of the spp-kg graph with their measure, subject, period, "
        "changes, source document and quoted evidence.", columns(base), f"{base}id/dataset/{DATASET_SLUG}",
        [{"name": "type", "virtual": True, "propertyUrl": str(RDF.type), "valueUrl": str(QB.Observation)},
         {"name": "dataset", "virtual": True, "propertyUrl": str(QB.dataSet),
          "valueUrl": f"{base}id/dataset/{DATASET_SLUG}"}])


def write_statistics_table(directory: Path, store: pyoxigraph.Store, base: str) -> list[Artifact]:
    """Write ``statistics.csv`` and its CSVW metadata into ``directory``; return both as artifacts."""
    base = base if base.endswith("/") else base + "/"
    return write_table(directory, statistics_table(base), statistics_rows(store, base))
