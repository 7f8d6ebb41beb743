"""Checks for the SPP-KG ontology (ontology/spp.ttl) and SHACL shapes
(shapes/spp-shapes.ttl).

The tests are self-contained: example data is written inline as Turtle, and
only section 5 imports the build's validator.
"""

import json
from pathlib import Path

import owlrl
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_PATH = ROOT / "ontology" / "spp.ttl"
SHAPES_PATH = ROOT / "shapes" / "spp-shapes.ttl"

SPP = Namespace("https://w3id.org/spp-kg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
ONTOLOGY_IRI = URIRef("https://w3id.org/spp-kg/ontology")

ID = "https://w3id.org/spp-kg/id/"

DOC_TEXT = (
    "In 2023, procuratorates nationwide approved the arrest of 726,000 people "
    "and prosecuted 1,688,000 people. Ying Yong served as Procurator-General."
)


def _ttl(text: str) -> str:
    """A Turtle string literal (JSON string escapes are valid Turtle)."""
    return json.dumps(text, ensure_ascii=False)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


STAT_QUOTE = "approved the arrest of 726,000 people"
STAT_START, STAT_END = _span(DOC_TEXT, STAT_QUOTE)
MEMBER_QUOTE = "Ying Yong served as Procurator-General"
MEMBER_START, MEMBER_END = _span(DOC_TEXT, MEMBER_QUOTE)

PREFIXES = """
@prefix spp:            <https://w3id.org/spp-kg/ontology#> .
@prefix org:            <http://www.w3.org/ns/org#> .
@prefix foaf:           <http://xmlns.com/foaf/0.1/> .
@prefix skos:           <http://www.w3.org/2004/02/skos/core#> .
@prefix qb:             <http://purl.org/linked-data/cube#> .
@prefix sdmx-measure:   <http://purl.org/linked-data/sdmx/2009/measure#> .
@prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix prov:           <http://www.w3.org/ns/prov#> .
@prefix dcterms:        <http://purl.org/dc/terms/> .
@prefix schema:         <https://schema.org/> .
@prefix oa:             <http://www.w3.org/ns/oa#> .
@prefix dcat:           <http://www.w3.org/ns/dcat#> .
@prefix time:           <http://www.w3.org/2006/time#> .
@prefix owl:            <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:           <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:            <http://www.w3.org/2001/XMLSchema#> .
"""

# Reference data (agencies, concepts) and one document's statements.
VALID_DATA = PREFIXES + f"""
<{ID}scheme/crime-types> a skos:ConceptScheme ;
    skos:prefLabel "SPP-KG crime types"@en .
<{ID}scheme/measures> a skos:ConceptScheme ;
    skos:prefLabel "SPP-KG measures"@en .

<{ID}scheme/fields> a skos:ConceptScheme ;
    skos:prefLabel "SPP-KG fields of work"@en .

<{ID}agency/spp> a spp:Agency , org:Organization ;
    rdfs:label "Supreme People's Procuratorate"@en , "最高人民检察院"@zh ;
    skos:altLabel "SPP"@en , "最高检"@zh ;
    spp:jurisdiction <{ID}place/china> ;
    owl:sameAs <http://www.wikidata.org/entity/Q1198345> .

<{ID}agency/beijing> a spp:Agency ;
    rdfs:label "Beijing Municipal People's Procuratorate"@en ;
    org:subOrganizationOf <{ID}agency/spp> ;
    spp:collaboratesWith <{ID}agency/spp> .

<{ID}place/china> a spp:Place ;
    rdfs:label "China"@en , "中国"@zh .

<{ID}crime-type/fraud> a spp:CrimeType ;
    skos:prefLabel "fraud"@en , "诈骗罪"@zh ;
    skos:altLabel "swindling"@en ;
    skos:inScheme <{ID}scheme/crime-types> .

<{ID}crime-type/telecom-fraud> a spp:CrimeType ;
    skos:prefLabel "telecom and online fraud"@en ;
    skos:broader <{ID}crime-type/fraud> ;
    skos:inScheme <{ID}scheme/crime-types> .

<{ID}crime-type/unspecified> a spp:CrimeType , spp:Unspecified ;
    skos:prefLabel "crime type unspecified"@en ;
    skos:inScheme <{ID}scheme/crime-types> .

<{ID}field/unspecified> a spp:Field , spp:Unspecified ;
    skos:prefLabel "field unspecified"@en ;
    skos:inScheme <{ID}scheme/fields> .

<{ID}unit/people> a spp:Unit ;
    skos:prefLabel "people"@en , "人"@zh .

<{ID}measure/approved-arrest> a spp:Measure ;
    skos:prefLabel "people approved for arrest"@en ;
    skos:inScheme <{ID}scheme/measures> ;
    spp:defaultUnit <{ID}unit/people> .

<{ID}role/procurator-general> a spp:Role ;
    skos:prefLabel "Procurator-General"@en , "检察长"@zh .

<{ID}dataset/spp-statistics> a qb:DataSet ;
    rdfs:label "Statistics reported by the SPP"@en .

<{ID}document/work-report-2024> a spp:Document ;
    dcterms:title "Work Report of the Supreme People's Procuratorate (2024)" ;
    dcterms:date "2024-03-08"^^xsd:date ;
    dcterms:publisher "Supreme People's Procuratorate" , <{ID}agency/spp> ;
    dcterms:source "https://www.spp.gov.cn/example"^^xsd:anyURI ;
    dcterms:language "en" ;
    dcterms:type "work-report" ;
    spp:dateInferred true ;
    spp:dateInferenceNote "Delivered at the second session of the 14th NPC." ;
    schema:text {_ttl(DOC_TEXT)} ;
    schema:mentions <{ID}agency/spp> , <{ID}person/ying-yong> .

<{ID}evidence/e1> a spp:TextEvidence , oa:TextQuoteSelector , oa:TextPositionSelector ;
    oa:exact {_ttl(STAT_QUOTE)} ;
    oa:start "{STAT_START}"^^xsd:nonNegativeInteger ;
    oa:end "{STAT_END}"^^xsd:nonNegativeInteger ;
    dcterms:isPartOf <{ID}document/work-report-2024> .

<{ID}evidence/e2> a spp:TextEvidence , oa:TextQuoteSelector , oa:TextPositionSelector ;
    oa:exact {_ttl(MEMBER_QUOTE)} ;
    oa:start "{MEMBER_START}"^^xsd:nonNegativeInteger ;
    oa:end "{MEMBER_END}"^^xsd:nonNegativeInteger ;
    dcterms:isPartOf <{ID}document/work-report-2024> .

<{ID}statistic/s1> a qb:Observation , spp:Statistic ;
    qb:dataSet <{ID}dataset/spp-statistics> ;
    sdmx-measure:obsValue 726000 ;
    spp:measure <{ID}measure/approved-arrest> ;
    spp:crimeType <{ID}crime-type/fraud> ;
    spp:field <{ID}field/unspecified> ;
    spp:sourceDocument <{ID}document/work-report-2024> ;
    spp:statedAt <{ID}evidence/e1> ;
    sdmx-dimension:refPeriod <{ID}period/2023> ;
    sdmx-attribute:unitMeasure <{ID}unit/people> ;
    spp:yearOnYearChangePercent -12.5 ;
    spp:reportedBy <{ID}agency/spp> ;
    spp:approximate false ;
    prov:wasDerivedFrom <{ID}document/work-report-2024> ;
    spp:evidence <{ID}evidence/e1> .

<{ID}statistic/s2> a qb:Observation , spp:Statistic ;
    qb:dataSet <{ID}dataset/spp-statistics> ;
    sdmx-measure:obsValue 726000.5 ;
    spp:measure <{ID}measure/approved-arrest> ;
    spp:crimeType <{ID}crime-type/unspecified> ;
    spp:field <{ID}field/unspecified> ;
    spp:sourceDocument <{ID}document/work-report-2024> ;
    spp:statedAt <{ID}evidence/e1> ;
    sdmx-dimension:refPeriod <{ID}period/2023> ;
    sdmx-attribute:unitMeasure <{ID}unit/people> ;
    spp:approximate true ;
    spp:qualifier "more than" ;
    prov:wasDerivedFrom <{ID}document/work-report-2024> ;
    spp:evidence <{ID}evidence/e1> .

<{ID}period/2023> a dcterms:PeriodOfTime ;
    dcat:startDate "2023-01-01"^^xsd:date ;
    dcat:endDate "2023-12-31"^^xsd:date .

<{ID}person/ying-yong> a spp:Official ;
    foaf:name "Ying Yong"@en , "应勇"@zh ;
    rdfs:label "Ying Yong"@en ;
    org:hasMembership <{ID}membership/m1> .

<{ID}membership/m1> a org:Membership ;
    org:member <{ID}person/ying-yong> ;
    org:organization <{ID}agency/spp> ;
    org:role <{ID}role/procurator-general> ;
    prov:wasDerivedFrom <{ID}document/work-report-2024> ;
    spp:evidence <{ID}evidence/e2> .

<{ID}policy/p1> a spp:Policy ;
    rdfs:label "Opinions on punishing telecom fraud"@en ;
    dcterms:creator <{ID}agency/spp> ;
    dcterms:issued "2021-06"^^xsd:gYearMonth .

<{ID}campaign/c1> a spp:Campaign ;
    rdfs:label "Campaign against telecom fraud"@en ;
    spp:launchedBy <{ID}agency/spp> ;
    spp:targets <{ID}crime-type/telecom-fraud> ;
    schema:startDate "2021"^^xsd:gYear .

<{ID}event/npc-2024> a spp:Event ;
    rdfs:label "Second session of the 14th National People's Congress"@en ;
    dcterms:date "2024-03-08"^^xsd:date ;
    schema:organizer <{ID}agency/spp> ;
    schema:location <{ID}place/china> .
"""


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _load(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _load(ONTOLOGY_PATH)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _load(SHAPES_PATH)


def _data() -> Graph:
    g = Graph()
    g.parse(data=VALID_DATA, format="turtle")
    return g


def _validate(data: Graph, shapes: Graph):
    conforms, _report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True
    )
    return conforms, report_text


def _uri(local: str) -> URIRef:
    return URIRef(ID + local)


# ---------------------------------------------------------------------------
# 1. parsing and documentation of terms
# ---------------------------------------------------------------------------


def test_files_parse(ontology, shapes):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert (URIRef("https://w3id.org/spp-kg/shapes"), RDF.type, OWL.Ontology) in shapes
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 14


def test_ontology_header(ontology):
    DCTERMS = Namespace("http://purl.org/dc/terms/")
    VANN = Namespace("http://purl.org/vocab/vann/")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(
        "https://w3id.org/spp-kg/ontology/0.1.0"
    )
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.created) == Literal(
        "2026-11-23", datatype=XSD.date
    )
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "spp"
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(SPP)


def _spp_terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(SPP))}


def test_every_term_is_documented(ontology):
    terms = _spp_terms(ontology)
    assert terms, "no spp: terms defined"
    property_types = {OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property}
    problems = []
    for term in sorted(terms):
        labels = [o for o in ontology.objects(term, RDFS.label) if o.language == "en"]
        comments = [o for o in ontology.objects(term, RDFS.comment) if o.language == "en"]
        if not labels:
            problems.append(f"{term}: no English rdfs:label")
        if not comments:
            problems.append(f"{term}: no English rdfs:comment")
        if ontology.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"{term}: no rdfs:isDefinedBy")
        types = set(ontology.objects(term, RDF.type))
        if types & property_types:
            if ontology.value(term, RDFS.range) is None:
                problems.append(f"{term}: no rdfs:range")
            if ontology.value(term, RDFS.domain) is None and not any(
                "domain" in str(c) for c in comments
            ):
                problems.append(f"{term}: no rdfs:domain and no comment explaining why")
        elif OWL.Class in types:
            if ontology.value(term, RDFS.subClassOf) is None:
                problems.append(f"{term}: class without a standard superclass")
        else:
            problems.append(f"{term}: neither a class nor a property")
    assert not problems, "\n".join(problems)


def test_expected_terms_present(ontology):
    expected = {
        "Agency", "Official", "Role", "Policy", "Campaign", "CrimeType", "Measure",
        "Unit", "Statistic", "Document", "Place", "Event", "TextEvidence",
        "jurisdiction", "collaboratesWith", "launchedBy", "targets", "measure",
        "crimeType", "defaultUnit", "reportedBy", "evidence",
        "yearOnYearChangePercent", "approximate", "qualifier", "dateInferred",
        "dateInferenceNote",
    }
    missing = {name for name in expected if SPP[name] not in _spp_terms(ontology)}
    assert not missing, missing
    assert (SPP.collaboratesWith, RDF.type, OWL.SymmetricProperty) in ontology


def test_shapes_only_use_defined_terms(ontology, shapes):
    defined = _spp_terms(ontology)
    used = {
        node
        for triple in shapes
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(SPP))
    }
    assert used <= defined, used - defined


def test_shapes_do_not_hardcode_instance_iris(shapes):
    for triple in shapes:
        for node in triple:
            assert not str(node).startswith("https://w3id.org/spp-kg/id/"), node


def test_every_shape_has_a_message(shapes):
    missing = []
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        if shapes.value(shape, SH.message) is None:
            missing.append(shape)
    for prop in set(shapes.subjects(SH.path, None)):
        # nested helper nodes inside sh:or / qualified shapes have no sh:path
        if shapes.value(prop, SH.message) is None:
            missing.append(prop)
    assert not missing, missing


# ---------------------------------------------------------------------------
# 2. valid example conforms
# ---------------------------------------------------------------------------


def test_example_offsets_are_real():
    assert DOC_TEXT[STAT_START:STAT_END] == STAT_QUOTE
    assert DOC_TEXT[MEMBER_START:MEMBER_END] == MEMBER_QUOTE


def test_valid_example_conforms(shapes):
    conforms, report = _validate(_data(), shapes)
    assert conforms, report


def test_valid_example_with_chinese_text_conforms(shapes):
    text = "2023年，全国检察机关共批准逮捕各类犯罪嫌疑人72.6万人。"
    quote = "批准逮捕各类犯罪嫌疑人72.6万人"
    start, end = _span(text, quote)
    g = _data()
    doc = _uri("document/work-report-2024")
    ev = _uri("evidence/e1")
    g.set((doc, URIRef("https://schema.org/text"), Literal(text)))
    g.set((ev, OA.exact, Literal(quote)))
    g.set((ev, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.set((ev, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    # the membership evidence no longer matches the new text; drop it
    g.remove((_uri("membership/m1"), SPP.evidence, _uri("evidence/e2")))
    g.add((_uri("membership/m1"), SPP.evidence, ev))
    g.remove((_uri("evidence/e2"), None, None))
    conforms, report = _validate(g, shapes)
    assert conforms, report


# ---------------------------------------------------------------------------
# 3. broken variants do not conform
# ---------------------------------------------------------------------------


def test_missing_obs_value_fails(shapes):
    g = _data()
    g.remove((_uri("statistic/s1"), SDMX_MEASURE.obsValue, None))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "obsValue" in report


def test_negative_obs_value_fails(shapes):
    g = _data()
    s = _uri("statistic/s1")
    g.set((s, SDMX_MEASURE.obsValue, Literal(-5)))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "obsValue" in report


def test_shifted_evidence_start_fails(shapes):
    g = _data()
    ev = _uri("evidence/e1")
    g.set((ev, OA.start, Literal(STAT_START + 1, datatype=XSD.nonNegativeInteger)))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "Offsets inconsistent" in report


def test_shifted_evidence_span_fails(shapes):
    # both offsets shifted: length still matches, only the text check catches it
    g = _data()
    ev = _uri("evidence/e1")
    g.set((ev, OA.start, Literal(STAT_START + 1, datatype=XSD.nonNegativeInteger)))
    g.set((ev, OA.end, Literal(STAT_END + 1, datatype=XSD.nonNegativeInteger)))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "Offsets inconsistent" in report


def test_offsets_beyond_text_fail(shapes):
    g = _data()
    ev = _uri("evidence/e1")
    n = len(DOC_TEXT)
    g.set((ev, OA.start, Literal(n + 10, datatype=XSD.nonNegativeInteger)))
    g.set((ev, OA.end, Literal(n + 10 + len(STAT_QUOTE), datatype=XSD.nonNegativeInteger)))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "Offsets inconsistent" in report


def test_start_not_before_end_fails(shapes):
    g = _data()
    ev = _uri("evidence/e1")
    g.set((ev, OA.end, Literal(STAT_START, datatype=XSD.nonNegativeInteger)))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "less than" in report


def test_inferred_date_without_note_fails(shapes):
    g = _data()
    g.remove((_uri("document/work-report-2024"), SPP.dateInferenceNote, None))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "dateInferenceNote" in report


def test_date_not_inferred_needs_no_note(shapes):
    g = _data()
    doc = _uri("document/work-report-2024")
    g.remove((doc, SPP.dateInferenceNote, None))
    g.set((doc, SPP.dateInferred, Literal(False)))
    conforms, report = _validate(g, shapes)
    assert conforms, report


def test_unknown_document_type_fails(shapes):
    g = _data()
    DCTERMS = Namespace("http://purl.org/dc/terms/")
    g.set((_uri("document/work-report-2024"), DCTERMS.type, Literal("blog")))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "dcterms:type" in report


def test_statistic_measure_must_be_a_measure(shapes):
    g = _data()
    g.set((_uri("statistic/s1"), SPP.measure, _uri("unit/people")))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "spp:measure" in report


def test_agency_without_english_label_fails(shapes):
    g = _data()
    agency = _uri("agency/beijing")
    g.remove((agency, RDFS.label, None))
    g.add((agency, RDFS.label, Literal("北京市人民检察院", lang="zh")))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "rdfs:label" in report


def test_membership_without_evidence_fails(shapes):
    g = _data()
    g.remove((_uri("membership/m1"), SPP.evidence, None))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "membership" in report


def test_period_without_end_date_fails(shapes):
    g = _data()
    g.remove((_uri("period/2023"), URIRef("http://www.w3.org/ns/dcat#endDate"), None))
    conforms, report = _validate(g, shapes)
    assert not conforms
    assert "refPeriod" in report


# ---------------------------------------------------------------------------
# 4. OWL 2 RL consistency
# ---------------------------------------------------------------------------


def test_owl_rl_consistency(ontology):
    g = Graph()
    for triple in ontology:
        g.add(triple)
    for triple in _data():
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)

    assert list(g.subjects(RDF.type, OWL.Nothing)) == []
    # owlrl reports inconsistencies as nodes typed err:ErrorMessage with the
    # description in err:error
    err = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
    errors = [
        "; ".join(str(o) for o in g.objects(e, err.error))
        for e in g.subjects(RDF.type, err.ErrorMessage)
    ]
    assert errors == [], errors
    # sanity: the closure did use the ontology
    assert (_uri("statistic/s1"), RDF.type, URIRef("http://purl.org/linked-data/cube#Observation")) in g
    assert (_uri("agency/spp"), SPP.collaboratesWith, _uri("agency/beijing")) in g
    assert (_uri("evidence/e1"), RDF.type, OA.TextQuoteSelector) in g


# ---------------------------------------------------------------------------
# 5. the build's compiled check (graph_builder.shape_check) flags every broken
#    graph pyshacl flags, and the report still comes from the shapes
# ---------------------------------------------------------------------------

DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")


def _replace(node: str, predicate, value):
    return lambda g: g.set((_uri(node), predicate, value))


def _add(node: str, predicate, value):
    return lambda g: g.add((_uri(node), predicate, value))


def _remove(node: str, predicate):
    return lambda g: g.remove((_uri(node), predicate, None))


def _label_only_in_chinese(node: str, predicate):
    def change(g):
        g.remove((_uri(node), predicate, None))
        g.add((_uri(node), predicate, Literal("中文", lang="zh")))
    return change


def _shift_evidence(g):
    g.set((_uri("evidence/e1"), OA.start, Literal(STAT_START + 1, datatype=XSD.nonNegativeInteger)))
    g.set((_uri("evidence/e1"), OA.end, Literal(STAT_END + 1, datatype=XSD.nonNegativeInteger)))


# (constraint, how the valid example is broken, the focus node and a part of the shape's message)
BROKEN = [
    ("minCount", _remove("statistic/s1", SDMX_MEASURE.obsValue), "statistic/s1", "obsValue"),
    ("maxCount", _add("statistic/s1", SPP.measure, _uri("measure/other")), "statistic/s1", "spp:measure"),
    ("datatype", _replace("statistic/s1", SPP.approximate, Literal("yes")), "statistic/s1", "spp:approximate"),
    ("datatype, ill-typed literal", _replace("statistic/s1", SDMX_MEASURE.obsValue,
                                             Literal("many", datatype=XSD.integer)), "statistic/s1", "obsValue"),
    ("class", _replace("statistic/s1", SPP.measure, _uri("unit/people")), "statistic/s1", "spp:measure"),
    ("nodeKind", _add("agency/spp", SKOS.altLabel, _uri("agency/beijing")), "agency/spp", "skos:altLabel"),
    ("nodeKind of a node shape", _add("statistic/s1", QB.dataSet, Literal("statistics")), "statistic/s1",
     "qb:dataSet"),
    ("hasValue", lambda g: g.remove((_uri("statistic/s1"), RDF.type, QB.Observation)), "statistic/s1",
     "qb:Observation"),
    ("in", _replace("document/work-report-2024", DCTERMS.type, Literal("blog")), "document/work-report-2024",
     "dcterms:type"),
    ("languageIn", _add("agency/spp", RDFS.label, Literal("Parquet populaire suprême", lang="fr")), "agency/spp",
     "rdfs:label"),
    ("uniqueLang", _add("person/ying-yong", FOAF.name, Literal("Yong Ying", lang="en")), "person/ying-yong",
     "foaf:name"),
    ("pattern", _replace("document/work-report-2024", DCTERMS.language, Literal("english!")),
     "document/work-report-2024", "dcterms:language"),
    ("minLength", _replace("statistic/s2", SPP.qualifier, Literal("")), "statistic/s2", "spp:qualifier"),
    ("minInclusive", _replace("statistic/s1", SDMX_MEASURE.obsValue, Literal(-5)), "statistic/s1", "obsValue"),
    ("lessThan", _replace("evidence/e1", OA.end, Literal(STAT_START, datatype=XSD.nonNegativeInteger)),
     "evidence/e1", "less than"),
    ("node", _remove("period/2023", DCAT.endDate), "statistic/s2", "refPeriod"),
    ("a year literal as the period", _replace("statistic/s1", SDMX_DIMENSION.refPeriod, Literal("2023", datatype=XSD.gYear)),
     "statistic/s1", "refPeriod"),
    ("or", _replace("policy/p1", DCTERMS.issued, Literal("June 2021")), "policy/p1", "dcterms:issued"),
    ("sparql: an English label", _label_only_in_chinese("agency/beijing", RDFS.label), "agency/beijing",
     "English"),
    ("sparql: an English label unless created from a text", _label_only_in_chinese("crime-type/fraud", SKOS.prefLabel),
     "crime-type/fraud", "English"),
    ("sparql: an inferred date needs a note", _remove("document/work-report-2024", SPP.dateInferenceNote),
     "document/work-report-2024", "dateInferenceNote"),
    ("sparql: span and quote length", _replace("evidence/e1", OA.start,
                                              Literal(STAT_START + 1, datatype=XSD.nonNegativeInteger)),
     "evidence/e1", "Offsets inconsistent"),
    ("sparql: quote and document text", _shift_evidence, "evidence/e1", "is \""),
    ("sparql: a document without text", _remove("document/work-report-2024", SCHEMA.text), "evidence/e1",
     "no schema:text"),
]


def test_the_compiled_check_passes_the_valid_example(shapes):
    from graph_builder.shape_check import ShapeChecker

    checker = ShapeChecker(shapes)
    assert checker.conforms(_data())
    created = _data()
    _label_only_in_chinese("crime-type/fraud", SKOS.prefLabel)(created)
    created.add((_uri("crime-type/fraud"), PROV.wasDerivedFrom, _uri("document/work-report-2024")))
    assert checker.conforms(created)
    assert _validate(created, shapes)[0]


@pytest.mark.parametrize("constraint, breaking, focus, message", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_graph_fails_the_compiled_check_with_the_shapes_report(shapes, constraint, breaking, focus, message):
    from graph_builder.shape_check import ShapeChecker
    from graph_builder.validate import DocumentValidator

    broken = _data()
    breaking(broken)
    assert not _validate(broken, shapes)[0]
    assert not ShapeChecker(shapes).conforms(broken)
    violations = DocumentValidator(shapes, Graph()).violations(broken)
    assert any(v.focus == ID + focus and message in v.message + v.path for v in violations), violations


def test_shapes_the_compiled_check_cannot_read_are_left_to_pyshacl(shapes):
    from graph_builder.validate import DocumentValidator

    extended = Graph()
    extended += shapes
    SPPSH = Namespace("https://w3id.org/spp-kg/shapes#")
    extended.add((SPPSH.DocumentShape, SH.targetNode, _uri("document/work-report-2024")))
    broken = _data()
    _remove("document/work-report-2024", SPP.dateInferenceNote)(broken)
    validator = DocumentValidator(extended, Graph())
    assert validator._checker is None
    assert any(v.focus == ID + "document/work-report-2024" for v in validator.violations(broken))


def test_a_sparql_constraint_with_a_variable_predicate_sees_every_statement(shapes):
    from graph_builder.shape_check import ShapeChecker

    extended = Graph()
    extended += shapes
    constraint = URIRef("https://w3id.org/spp-kg/shapes#NoForbiddenValue")
    extended.add((URIRef("https://w3id.org/spp-kg/shapes#DocumentShape"), SH.sparql, constraint))
    extended.add((constraint, SH.message, Literal("no value may be 'forbidden'")))
    extended.add((constraint, SH.prefixes, URIRef("https://w3id.org/spp-kg/shapes")))
    extended.add((constraint, SH.select, Literal('SELECT $this WHERE { $this ?predicate "forbidden" }')))
    checker = ShapeChecker(extended)
    assert checker.conforms(_data())
    broken = _data()
    _add("document/work-report-2024", DCTERMS.alternative, Literal("forbidden"))(broken)
    assert not checker.conforms(broken)
