"""The named graph of the series points (``graph/series``): each point a qb:Observation of the series
data set (cube.py) and an spp:SeriesPoint, linked to the statistics that state it."""

from __future__ import annotations

from rdflib import RDF, RDFS, PROV, XSD, Graph, Literal, URIRef

from .assemble import GraphAssembler
from .config import QB, SDMX_DIMENSION, SPP
from .cube import UNSPECIFIED
from .literals import number_literal
from .series import SeriesKey, SeriesPoint
from .wording import number_words, period_words

SERIES_GRAPH = "series"     # the name of the graph under the base: <base>graph/series


def _words(assembler: GraphAssembler, kind: str, slug: str) -> str:
    entry = assembler.lexicon.get(kind, slug)
    return entry.labels.get("en") if entry and entry.labels.get("en") else slug.replace("-", " ")


def series_label(assembler: GraphAssembler, point: SeriesPoint) -> str:
    """'people prosecuted for telecom and network fraud, 2023: 51,000 (2 statements)'."""
    key = point.key
    words = _words(assembler, "measure", key.measure)
    if key.crime_type != UNSPECIFIED:
        words += f" for {_words(assembler, 'crime-type', key.crime_type)}"
    if key.field != UNSPECIFIED:
        words += f" in the field of {_words(assembler, 'field', key.field)}"
    figure = point.preferred.figure
    value = number_words(figure.value, key.unit)
    count = len(point.statements)
    words += f", {period_words(key.period)}: {figure.qualifier + ' ' if figure.qualifier else ''}{value}"
    return words + f" ({count} statement{'s' if count > 1 else ''}{', conflicting' if point.conflict else ''})"


def series_iri(assembler: GraphAssembler, key: SeriesKey) -> URIRef:
    return assembler.iri("series", key.slug)


def series_graph(assembler: GraphAssembler, points: list[SeriesPoint]) -> Graph:
    """The series points and the periods they name (in rdflib's store without contexts)."""
    graph = Graph(store="SimpleMemory")
    for point in points:
        key = point.key
        node = series_iri(assembler, key)
        graph.add((node, RDF.type, QB.Observation))
        graph.add((node, RDF.type, SPP.SeriesPoint))
        graph.add((node, QB.dataSet, assembler.series_dataset_iri))
        graph.add((node, RDFS.label, Literal(series_label(assembler, point), lang="en")))
        graph.add((node, SPP.measure, assembler.iri("measure", key.measure)))
        graph.add((node, SPP.crimeType, assembler.iri("crime-type", key.crime_type)))
        graph.add((node, SPP.field, assembler.iri("field", key.field)))
        graph.add((node, SDMX_DIMENSION.refPeriod, assembler.period(graph, key.period)))
        graph.add((node, SPP.unit, assembler.iri("unit", key.unit)))
        preferred = point.preferred
        graph.add((node, SPP.preferredValue, number_literal(preferred.figure.value)))
        graph.add((node, SPP.preferredStatement, assembler.iri("statistic", preferred.statistic_slug)))
        if preferred.figure.qualifier:
            graph.add((node, SPP.qualifier, Literal(preferred.figure.qualifier)))
        graph.add((node, SPP.conflict, Literal(point.conflict, datatype=XSD.boolean)))
        graph.add((node, SPP.ambiguous, Literal(point.ambiguous, datatype=XSD.boolean)))
        for statement in point.statements:
            graph.add((node, PROV.wasDerivedFrom, assembler.iri("statistic", statement.statistic_slug)))
        for statement in point.conflicting:
            graph.add((node, SPP.conflictingStatement, assembler.iri("statistic", statement.statistic_slug)))
    return graph
