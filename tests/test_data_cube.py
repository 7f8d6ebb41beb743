"""The W3C RDF Data Cube integrity constraints (https://www.w3.org/TR/vocab-data-cube/#wf-rules) as
ASK queries on the build of the bundled corpus: each ASK finds a violation, so each must answer false.
They are asked of both data sets: the statistics (one observation per statement) and the series points
(one observation per quantity, whichever documents state it).

The build publishes the normalised form the constraints assume (qb:componentProperty and the component
properties' types in the data structure definition); every reference period is a dcterms:PeriodOfTime,
the declared range of sdmx-dimension:refPeriod (IC-4); a figure whose text names no crime type or field has
the unspecified code of that dimension (IC-11); each observation is one statement of one document, told
apart by its source document and the position of its number (spp:sourceDocument, spp:statedAt: IC-12).
IC-7 to IC-10, IC-15 to IC-18, IC-20 and IC-21 concern slices, a measure dimension and hierarchical code
lists, which the graph does not use; they hold trivially and are asserted all the same.
"""

from __future__ import annotations

import pytest

PREFIXES = """
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

CONSTRAINTS = {
    "IC-1 unique data set": """ASK {
        { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 } }
        UNION { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 . FILTER (?dataset1 != ?dataset2) } }""",
    "IC-2 unique data structure definition": """ASK {
        { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd . ?dsd a qb:DataStructureDefinition } }
        UNION { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }""",
    "IC-3 the structure includes a measure": """ASK {
        ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty [ a qb:MeasureProperty ] ] } }""",
    "IC-4 dimensions have a range": """ASK {
        ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-11 all dimensions required": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
        FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12 no duplicate observations": """ASK {
        FILTER( ?allEqual )
        { SELECT (MIN(?equal) AS ?allEqual) WHERE {
            ?obs1 qb:dataSet ?dataset . ?obs2 qb:dataSet ?dataset . FILTER (?obs1 != ?obs2)
            ?dataset qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
            ?obs1 ?dim ?value1 . ?obs2 ?dim ?value2 .
            BIND( ?value1 = ?value2 AS ?equal )
          } GROUP BY ?obs1 ?obs2 } }""",
    "IC-5 concept dimensions have code lists": """ASK {
        ?dim a qb:DimensionProperty ; rdfs:range skos:Concept . FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6 only attributes may be optional": """ASK {
        ?dsd qb:component ?componentSpec . ?componentSpec qb:componentRequired "false"^^<http://www.w3.org/2001/XMLSchema#boolean> ;
             qb:componentProperty ?component . FILTER NOT EXISTS { ?component a qb:AttributeProperty } }""",
    "IC-7 slice keys are declared": """ASK {
        ?sliceKey a qb:SliceKey . FILTER NOT EXISTS { [ a qb:DataStructureDefinition ] qb:sliceKey ?sliceKey } }""",
    "IC-9 unique slice structure": """ASK {
        { ?slice a qb:Slice . FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
        UNION { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2 . FILTER (?key1 != ?key2) } }""",
    "IC-13 required attributes are present": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component ?component .
        ?component qb:componentRequired "true"^^<http://www.w3.org/2001/XMLSchema#boolean> ; qb:componentProperty ?attr .
        FILTER NOT EXISTS { ?obs ?attr [] } }""",
    "IC-14 all measures present": """ASK {
        ?obs qb:dataSet/qb:structure ?dsd .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
        ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty .
        FILTER NOT EXISTS { ?obs ?measure [] } }""",
    "IC-16 a single measure per observation": """ASK {
        ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
        ?dsd qb:component/qb:componentProperty qb:measureType ; qb:component/qb:componentProperty ?omeasure .
        ?omeasure a qb:MeasureProperty . FILTER (?omeasure != ?measure) }""",
    "IC-19 codes come from the code list": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
        ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }""",
}


@pytest.mark.parametrize("name", sorted(CONSTRAINTS))
def test_data_cube_integrity_constraint(store, name):
    assert store.query(PREFIXES + CONSTRAINTS[name]).__bool__() is False, name


def test_every_component_used_by_a_statistic_is_declared(store):
    undeclared = store.query(PREFIXES + """
        PREFIX spp: <https://w3id.org/spp-kg/ontology#>
        SELECT DISTINCT ?p WHERE {
            ?obs a qb:Observation ; ?p ?v .
            ?p a ?kind . VALUES ?kind { qb:DimensionProperty qb:AttributeProperty qb:MeasureProperty }
            FILTER NOT EXISTS { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?p } }""")
    assert [row["p"].value for row in undeclared] == []


def test_a_violation_is_found(store):
    # the constraints can fail: an observation in no data set breaks IC-1
    from pyoxigraph import Literal, NamedNode, Quad, Store
    probe = Store()
    probe.add(Quad(NamedNode("urn:x:o"), NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                   NamedNode("http://purl.org/linked-data/cube#Observation")))
    probe.add(Quad(NamedNode("urn:x:o"), NamedNode("urn:x:p"), Literal("1")))
    assert bool(probe.query(PREFIXES + CONSTRAINTS["IC-1 unique data set"])) is True


def test_duplicate_and_incomplete_observations_are_found():
    # two observations with the same value of the only dimension break IC-12; one without it, IC-11
    from pyoxigraph import RdfFormat, Store
    probe = Store()
    probe.load(b"""
        @prefix qb: <http://purl.org/linked-data/cube#> .
        <urn:x:ds> a qb:DataSet ; qb:structure <urn:x:dsd> .
        <urn:x:dsd> a qb:DataStructureDefinition ; qb:component [ qb:componentProperty <urn:x:dim> ] .
        <urn:x:dim> a qb:DimensionProperty .
        <urn:x:o1> a qb:Observation ; qb:dataSet <urn:x:ds> ; <urn:x:dim> <urn:x:a> .
        <urn:x:o2> a qb:Observation ; qb:dataSet <urn:x:ds> ; <urn:x:dim> <urn:x:a> .
        <urn:x:o3> a qb:Observation ; qb:dataSet <urn:x:ds> .
        """, format=RdfFormat.TURTLE)
    assert bool(probe.query(PREFIXES + CONSTRAINTS["IC-12 no duplicate observations"])) is True
    assert bool(probe.query(PREFIXES + CONSTRAINTS["IC-11 all dimensions required"])) is True


def test_the_constraints_are_asked_of_both_data_sets(store):
    # the statements and the series points: each data set has observations and a structure of its own
    found = {row["dataset"].value: int(row["observations"].value) for row in store.query(PREFIXES + """
        SELECT ?dataset (COUNT(?obs) AS ?observations) WHERE {
            ?dataset a qb:DataSet ; qb:structure ?dsd . ?obs a qb:Observation ; qb:dataSet ?dataset } GROUP BY ?dataset""")}
    base = "https://w3id.org/spp-kg/id/dataset/"
    assert set(found) == {base + "procuratorial-statistics", base + "procuratorial-statistics-series"}
    assert found[base + "procuratorial-statistics"] > found[base + "procuratorial-statistics-series"] > 0
