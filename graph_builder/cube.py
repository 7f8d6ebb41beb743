"""The RDF Data Cube of the statistics: the data set of the statements, the data set of the series points
(one per quantity, whichever documents state it: series.py), their structures (dimensions with their
ranges and code lists, the measure, the attributes) and the codes a dimension takes when the text gives a
statistic no value for it, so that the W3C integrity constraints hold (IC-4 a range for every dimension,
IC-11 every dimension on every observation, IC-12 no two observations with the same dimension values)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, SKOS, DCTERMS, Graph, Literal, URIRef

from .config import OA, QB, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, SPP

if TYPE_CHECKING:
    from .assemble import GraphAssembler

DATASET_SLUG = "procuratorial-statistics"
SERIES_DATASET_SLUG = "procuratorial-statistics-series"
UNSPECIFIED = "unspecified"     # slug of the code of a crime type or field the text does not name
# the classes of the concepts a dimension takes as values (the text may name ones the lexicon lacks)
CONCEPT_CLASSES = {"measure": SPP.Measure, "crime-type": SPP.CrimeType, "field": SPP.Field, "unit": SPP.Unit}
# dimensions whose values are concepts of a scheme
_CODED = (("measure", SPP.measure), ("crime-type", SPP.crimeType), ("field", SPP.field), ("unit", SPP.unit))
# what a dimension names, in English and Chinese: its unspecified code is labelled after it
_UNSPECIFIED_NOUNS = {"crime-type": ("crime type", "罪名"), "field": ("field", "工作领域")}
_COMPONENTS = [("dimension", SDMX_DIMENSION.refPeriod), ("dimension", SPP.measure), ("dimension", SPP.crimeType),
               ("dimension", SPP.field), ("dimension", SPP.sourceDocument), ("dimension", SPP.statedAt),
               ("measure", SDMX_MEASURE.obsValue),
               ("attribute", SDMX_ATTRIBUTE.unitMeasure), ("attribute", SPP.yearOnYearChangePercent),
               ("attribute", SPP.percentagePointChange), ("attribute", SPP.previousPeriodChangePercent),
               ("attribute", SPP.reportedBy), ("attribute", SPP.qualifier), ("attribute", SPP.approximate),
               ("attribute", SPP.shareOf)]
# a series point is a quantity whatever states it: no statement dimensions; the unit is a dimension, as
# one measure may be counted in two units
_SERIES_COMPONENTS = [("dimension", SDMX_DIMENSION.refPeriod), ("dimension", SPP.measure),
                      ("dimension", SPP.crimeType), ("dimension", SPP.field), ("dimension", SPP.unit),
                      ("measure", SPP.preferredValue),
                      ("attribute", SPP.preferredStatement), ("attribute", SPP.qualifier),
                      ("attribute", SPP.conflict), ("attribute", SPP.conflictingStatement),
                      ("attribute", SPP.ambiguous)]
_RANGES = ((SDMX_DIMENSION.refPeriod, DCTERMS.PeriodOfTime), (SPP.sourceDocument, SPP.Document),
           (SPP.statedAt, OA.TextPositionSelector))
_ROLE_CLASSES = {"dimension": QB.DimensionProperty, "measure": QB.MeasureProperty, "attribute": QB.AttributeProperty}


def add_data_set(assembler: GraphAssembler, graph: Graph) -> None:
    """The data sets of the statements and of the series points, their structure definitions in the
    normalised form the integrity constraints assume, and the unspecified codes."""
    _add_structured_data_set(graph, assembler.dataset_iri, "Procuratorial statistics",
                             "Figures on China's procuratorial work stated in the documents of the corpus, each "
                             "with its evidence.", _COMPONENTS)
    _add_structured_data_set(graph, assembler.series_dataset_iri, "Procuratorial statistics: series",
                             "One point per quantity (measure, crime type, field, period and unit) stated in the "
                             "corpus: the preferred value of the statements of all documents that state it, "
                             "each linked, and whether they conflict.", _SERIES_COMPONENTS)
    for kind, prop in _CODED:
        graph.add((prop, QB.codeList, assembler.scheme_iri(kind)))     # values come from a concept scheme
        graph.add((prop, RDFS.range, CONCEPT_CLASSES[kind]))
    for prop, values in _RANGES:
        graph.add((prop, RDFS.range, values))
    for kind in _UNSPECIFIED_NOUNS:
        _add_unspecified(assembler, graph, kind, CONCEPT_CLASSES[kind])


def _add_structured_data_set(graph: Graph, dataset: URIRef, title: str, comment: str,
                             components: list[tuple[str, URIRef]]) -> None:
    structure = URIRef(f"{dataset}#structure")
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, RDFS.label, Literal(title, lang="en")))
    graph.add((dataset, DCTERMS.title, Literal(title, lang="en")))
    graph.add((dataset, RDFS.comment, Literal(comment, lang="en")))
    graph.add((dataset, QB.structure, structure))
    graph.add((structure, RDF.type, QB.DataStructureDefinition))
    for index, (role, prop) in enumerate(components, start=1):
        component = URIRef(f"{dataset}#component-{index}")
        graph.add((structure, QB.component, component))
        graph.add((component, RDF.type, QB.ComponentSpecification))
        graph.add((component, QB[role], prop))
        # the Data Cube's normalised form (section 10): the generic component property and its type
        graph.add((component, QB.componentProperty, prop))
        graph.add((prop, RDF.type, _ROLE_CLASSES[role]))
        graph.add((component, QB.order, Literal(index)))


def _add_unspecified(assembler: GraphAssembler, graph: Graph, kind: str, values: URIRef) -> None:
    code = assembler.iri(kind, UNSPECIFIED)
    english, chinese = _UNSPECIFIED_NOUNS[kind]
    for cls in (SKOS.Concept, SPP.Unspecified, values):
        graph.add((code, RDF.type, cls))
    for predicate in (SKOS.prefLabel, RDFS.label):
        graph.add((code, predicate, Literal(f"{english} unspecified", lang="en")))
        graph.add((code, predicate, Literal(f"未指明{chinese}", lang="zh")))
    graph.add((code, SKOS.definition, Literal(
        f"The code of a statistic whose text names no {english}: a figure about all of them, or about none.",
        lang="en")))
    scheme = assembler.scheme_iri(kind)
    graph.add((code, SKOS.inScheme, scheme))
    graph.add((code, SKOS.topConceptOf, scheme))
    graph.add((scheme, SKOS.hasTopConcept, code))
