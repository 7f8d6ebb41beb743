"""Assemble RDF: a reference graph from the lexicon, and one named graph per document holding its
statistics, relations and their evidence (DESIGN §4)."""

from __future__ import annotations

from rdflib import RDF, RDFS, OWL, SKOS, XSD, FOAF, PROV, DCTERMS, Graph, Literal, URIRef
from rdflib.namespace import DCAT

from .chinese_script import has_chinese_characters
from .config import ORG, QB, SCHEMA, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, SPP, OA, WIKIDATA_ENTITY
from .corpus import Document
from .cube import CONCEPT_CLASSES, DATASET_SLUG, SERIES_DATASET_SLUG, UNSPECIFIED, add_data_set
from .entities import Mention
from .lexicon import Entry, Lexicon
from .literals import date_literal, number_literal
from .relation_graph import RelationWriter
from .relations import Evidence, Relations
from .subjects import NamedSubject
from .statistics import Statistic
from .wording import statistic_label

UNLISTED_MENTIONS = {"role"}    # a role named in a document is not something the document is about
HIERARCHIES = ("crime-type", "field")    # concept schemes built with broader: their roots are top concepts
SCHEMES = {"crime-type": ("crime-types", "Crime types"), "field": ("fields", "Fields of procuratorial work"),
           "measure": ("measures", "Measures of procuratorial work"),
           "unit": ("units", "Units of measure"), "role": ("roles", "Roles of officials")}


class GraphAssembler:
    """Builds the RDF of the reference graph and of each document under one base IRI."""

    def __init__(self, lexicon: Lexicon, base_iri: str):
        self.lexicon = lexicon
        self.base = base_iri if base_iri.endswith("/") else base_iri + "/"

    # -- IRIs ---------------------------------------------------------------------------------
    def iri(self, kind: str, slug: str) -> URIRef:
        return URIRef(f"{self.base}id/{kind}/{slug}")

    def entry_iri(self, entry_kind: str, slug: str) -> URIRef:
        kind = {"official": "person"}.get(entry_kind, entry_kind)
        return self.iri(kind, slug)

    def graph_iri(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")

    def document_graph_iri(self, document: Document) -> URIRef:
        return self.graph_iri(f"document/{document.id}")

    @property
    def dataset_iri(self) -> URIRef:
        return self.iri("dataset", DATASET_SLUG)

    @property
    def series_dataset_iri(self) -> URIRef:
        return self.iri("dataset", SERIES_DATASET_SLUG)

    def scheme_iri(self, kind: str) -> URIRef:
        return self.iri("scheme", SCHEMES[kind][0])

    # -- reference graph ------------------------------------------------------------------------
    def reference_graph(self) -> Graph:
        """The curated knowledge of mappings/: entities, concept schemes, measures, units, the dataset."""
        graph = Graph()
        for kind, (slug, label) in SCHEMES.items():
            scheme = self.iri("scheme", slug)
            graph.add((scheme, RDF.type, SKOS.ConceptScheme))
            graph.add((scheme, RDFS.label, Literal(label, lang="en")))
            graph.add((scheme, SKOS.prefLabel, Literal(label, lang="en")))
        for entry in self.lexicon:
            self._add_entry(graph, entry)
        add_data_set(self, graph)
        return graph

    def _labels(self, graph: Graph, node: URIRef, entry: Entry, label_predicates: tuple[URIRef, ...]) -> None:
        for lang, text in sorted(entry.labels.items()):
            for predicate in label_predicates:
                graph.add((node, predicate, Literal(text, lang=lang)))
        for lang, texts in sorted(entry.aliases.items()):
            for text in texts:
                graph.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        if entry.data.get("description"):
            graph.add((node, RDFS.comment, Literal(str(entry.data["description"]).strip(), lang="en")))
        for lang, text in sorted((entry.data.get("definition") or {}).items()):
            graph.add((node, SKOS.definition, Literal(str(text).strip(), lang=lang)))

    def _add_entry(self, graph: Graph, entry: Entry) -> None:
        node = self.entry_iri(entry.kind, entry.id)
        kind = entry.kind
        if kind in SCHEMES:
            cls = {"crime-type": SPP.CrimeType, "field": SPP.Field, "measure": SPP.Measure, "unit": SPP.Unit,
                   "role": SPP.Role}[kind]
            graph.add((node, RDF.type, cls))
            graph.add((node, RDF.type, SKOS.Concept))
            if kind == "role":
                graph.add((node, RDF.type, ORG.Role))
            self._labels(graph, node, entry, (SKOS.prefLabel, RDFS.label))
            graph.add((node, SKOS.inScheme, self.scheme_iri(kind)))
            broader = entry.refs("broader")
            for parent in broader:
                graph.add((node, SKOS.broader, self.entry_iri(kind, parent)))
                graph.add((self.entry_iri(kind, parent), SKOS.narrower, node))
            if kind in HIERARCHIES and not broader:
                graph.add((node, SKOS.topConceptOf, self.scheme_iri(kind)))
                graph.add((self.scheme_iri(kind), SKOS.hasTopConcept, node))
            if kind == "measure" and entry.data.get("unit"):
                graph.add((node, SPP.defaultUnit, self.iri("unit", str(entry.data["unit"]))))
            if entry.wikidata:
                predicate = SKOS.exactMatch if entry.wikidata.match == "exact" else SKOS.closeMatch
                graph.add((node, predicate, WIKIDATA_ENTITY[entry.wikidata.qid]))
            return
        cls = {"agency": SPP.Agency, "place": SPP.Place, "official": SPP.Official, "policy": SPP.Policy,
               "campaign": SPP.Campaign}[kind]
        graph.add((node, RDF.type, cls))
        if kind == "official":
            self._labels(graph, node, entry, (FOAF.name, RDFS.label))
        else:
            self._labels(graph, node, entry, (RDFS.label,))
        for parent in entry.refs("sub_organization_of"):
            graph.add((node, ORG.subOrganizationOf, self.iri("agency", parent)))
        for place in entry.refs("jurisdiction"):
            graph.add((node, SPP.jurisdiction, self.iri("place", place)))
        for place in entry.refs("contained_in"):
            graph.add((node, SCHEMA.containedInPlace, self.iri("place", place)))
        for agency in entry.refs("issued_by"):
            graph.add((node, DCTERMS.creator, self.iri("agency", agency)))
        for agency in entry.refs("launched_by"):
            graph.add((node, SPP.launchedBy, self.iri("agency", agency)))
        for crime in entry.refs("targets"):
            graph.add((node, SPP.targets, self.iri("crime-type", crime)))
        if entry.data.get("issued"):
            graph.add((node, DCTERMS.issued, date_literal(str(entry.data["issued"]))))
        if entry.data.get("start"):
            graph.add((node, SCHEMA.startDate, date_literal(str(entry.data["start"]))))
        if entry.data.get("end"):
            graph.add((node, SCHEMA.endDate, date_literal(str(entry.data["end"]))))
        if entry.wikidata:
            graph.add((node, OWL.sameAs, WIKIDATA_ENTITY[entry.wikidata.qid]))

    # -- document graphs ------------------------------------------------------------------------
    def evidence(self, graph: Graph, document: Document, span: Evidence) -> URIRef:
        doc = self.iri("document", document.id)
        node = URIRef(f"{doc}#char={span.start},{span.end}")
        graph.add((node, RDF.type, SPP.TextEvidence))
        graph.add((node, RDF.type, OA.TextQuoteSelector))
        graph.add((node, RDF.type, OA.TextPositionSelector))
        graph.add((node, OA.exact, Literal(document.text[span.start:span.end])))
        graph.add((node, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        graph.add((node, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        graph.add((node, DCTERMS.isPartOf, doc))
        return node

    def document_graph(self, document: Document, statistics: list[Statistic], relations: Relations,
                       mentions: list[Mention]) -> Graph:
        """The named graph of one document (in rdflib's store without contexts: cheaper to fill)."""
        graph = Graph(store="SimpleMemory")
        doc = self._add_document(graph, document, mentions)
        for statistic in statistics:
            self._add_statistic(graph, document, doc, statistic)
        RelationWriter(self, graph, document, doc).add(relations)
        return graph

    def _add_document(self, graph: Graph, document: Document, mentions: list[Mention]) -> URIRef:
        meta = document.meta
        doc = self.iri("document", document.id)
        for cls in (SPP.Document, SCHEMA.CreativeWork, FOAF.Document):
            graph.add((doc, RDF.type, cls))
        graph.add((doc, DCTERMS.title, Literal(meta.title, lang=meta.language)))
        graph.add((doc, RDFS.label, Literal(meta.title, lang=meta.language)))
        graph.add((doc, DCTERMS.date, date_literal(meta.date)))
        for publisher in meta.publishers:
            graph.add((doc, DCTERMS.publisher, Literal(publisher)))
        if meta.source:
            graph.add((doc, DCTERMS.source, Literal(meta.source, datatype=XSD.anyURI)))
        graph.add((doc, DCTERMS.language, Literal(meta.language)))
        graph.add((doc, DCTERMS.type, Literal(meta.document_type)))
        graph.add((doc, SPP.dateInferred, Literal(meta.date_inferred)))
        if meta.date_inference_note:
            graph.add((doc, SPP.dateInferenceNote, Literal(meta.date_inference_note)))
        graph.add((doc, SCHEMA.text, Literal(document.text)))
        discovered: set[tuple[str, str]] = set()
        for mention in mentions:
            if mention.kind in UNLISTED_MENTIONS:
                continue
            node = self.entry_iri(mention.kind, mention.id)
            graph.add((doc, SCHEMA.mentions, node))
            if self.lexicon.get(mention.kind, mention.id) is None and (mention.kind, mention.id) not in discovered:
                discovered.add((mention.kind, mention.id))
                self._add_discovered(graph, document, mention, node)
        return doc

    def _add_discovered(self, graph: Graph, document: Document, mention: Mention, node: URIRef) -> None:
        """An agency, policy, campaign or place found by the shape of its name: typed, labelled, with evidence."""
        cls = {"agency": SPP.Agency, "policy": SPP.Policy, "campaign": SPP.Campaign, "place": SPP.Place}[mention.kind]
        graph.add((node, RDF.type, cls))
        graph.add((node, RDFS.label, Literal(mention.text, lang="en")))
        if mention.short_name:
            graph.add((node, SKOS.altLabel, Literal(mention.short_name, lang="en")))
        if mention.belongs_to:
            relation, owner = mention.belongs_to
            if relation == "jurisdiction":
                graph.add((node, SPP.jurisdiction, self.iri("place", owner)))
            else:
                graph.add((node, ORG.subOrganizationOf, self.iri("agency", owner)))
        graph.add((node, PROV.wasDerivedFrom, self.iri("document", document.id)))
        graph.add((node, SPP.evidence, self.evidence(graph, document, Evidence(mention.start, mention.end))))

    def _add_named_concept(self, graph: Graph, document: Document, kind: str, subject: NamedSubject) -> None:
        """A crime type, field or measure the lexicon lacks, created from the words of the text, with
        their evidence."""
        node = self.iri(kind, subject.id)
        graph.add((node, RDF.type, CONCEPT_CLASSES[kind]))
        graph.add((node, RDF.type, SKOS.Concept))
        language = "zh" if has_chinese_characters(subject.label) else "en"     # a label as the text writes it
        label = Literal(subject.label, lang=language)
        named_before = [old for old in graph.objects(node, SKOS.prefLabel) if old.language == language]
        if named_before and label not in named_before:
            # the text names it again in other words ("corruption and bribery cases" after "corruption,
            # bribery and other duty crime cases"): the first words stay its name, these another
            graph.add((node, SKOS.altLabel, label))
        else:
            graph.add((node, SKOS.prefLabel, label))
            graph.add((node, RDFS.label, label))
        for member in subject.members:      # "theft, fraud and drug crimes": a category of its members
            graph.add((node, SKOS.narrower, self.iri(kind, member)))
        for broader in subject.broader:     # "pension fraud" is a kind of fraud
            graph.add((node, SKOS.broader, self.iri(kind, broader)))
        graph.add((node, SKOS.inScheme, self.scheme_iri(kind)))
        graph.add((node, PROV.wasDerivedFrom, self.iri("document", document.id)))
        graph.add((node, SPP.evidence, self.evidence(graph, document, Evidence(subject.start, subject.end))))

    def period(self, graph: Graph, period: str) -> URIRef:
        """The reference period as a dcterms:PeriodOfTime with its first and last year, month or day: one
        form for a year ('2023'), a month, a day and a span ('2013/2017')."""
        start, _, end = period.partition("/")
        end = end or start
        node = self.iri("period", start if start == end else f"{start}-{end}")
        graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((node, RDFS.label, Literal(start if start == end else f"{start} to {end}", lang="en")))
        graph.add((node, DCAT.startDate, date_literal(start)))
        graph.add((node, DCAT.endDate, date_literal(end)))
        return node

    def _add_statistic(self, graph: Graph, document: Document, doc: URIRef, statistic: Statistic) -> None:
        node = self.iri("statistic", statistic.slug)
        graph.add((node, RDF.type, QB.Observation))
        graph.add((node, RDF.type, SPP.Statistic))
        graph.add((node, QB.dataSet, self.dataset_iri))
        graph.add((node, SDMX_MEASURE.obsValue, number_literal(statistic.value)))
        graph.add((node, SPP.measure, self.iri("measure", statistic.measure)))
        # every dimension has a value (Data Cube IC-11): the unspecified code where the text names none
        graph.add((node, SPP.crimeType, self.iri("crime-type", statistic.crime_type or UNSPECIFIED)))
        graph.add((node, SPP.field, self.iri("field", statistic.field or UNSPECIFIED)))
        graph.add((node, SPP.sourceDocument, doc))
        # one statement of one document: where its number is written (Data Cube IC-12)
        graph.add((node, SPP.statedAt, self.evidence(graph, document, Evidence(statistic.number.start,
                                                                                statistic.number.end))))
        for kind, named in (("crime-type", statistic.named_subject), ("field", statistic.named_field),
                            ("measure", statistic.named_measure)):
            if named is not None:
                self._add_named_concept(graph, document, kind, named)
        graph.add((node, SDMX_DIMENSION.refPeriod, self.period(graph, statistic.period)))
        graph.add((node, SDMX_ATTRIBUTE.unitMeasure, self.iri("unit", statistic.unit)))
        for prop, change in ((SPP.yearOnYearChangePercent, statistic.year_on_year),
                             (SPP.percentagePointChange, statistic.point_change),
                             (SPP.previousPeriodChangePercent, statistic.previous_period_change)):
            if change is not None:
                graph.add((node, prop, Literal(format(change, "f"), datatype=XSD.decimal)))
        if statistic.share_of is not None:
            graph.add((node, SPP.shareOf, self.iri("statistic", statistic.share_of.slug)))
        if statistic.reported_by:
            graph.add((node, SPP.reportedBy, self.iri("agency", statistic.reported_by)))
        if statistic.qualifier:
            graph.add((node, SPP.approximate, Literal(True)))
            graph.add((node, SPP.qualifier, Literal(statistic.qualifier)))
        graph.add((node, RDFS.label, Literal(statistic_label(statistic, self.lexicon), lang="en")))
        graph.add((node, PROV.wasDerivedFrom, doc))
        span = Evidence(statistic.sentence.start, statistic.sentence.end)
        graph.add((node, SPP.evidence, self.evidence(graph, document, span)))
