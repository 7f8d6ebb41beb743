"""Classes and properties said in words: "sub-organisation of" for org:subOrganizationOf, "Agency" for spp:Agency.

The ontology's own terms are named by their English ``rdfs:label``; the standard terms the graph uses
by the table below; any other term by its local name split into words ("memberDuring" -> "member during").
"""

from __future__ import annotations

import re

import pyoxigraph

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
QB = "http://purl.org/linked-data/cube#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# the XML Schema datatypes whose values are numbers (written with thousands separators on pages)
NUMBER_DATATYPES = frozenset(XSD + name for name in (
    "integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger"))

STANDARD_WORDS = {
    RDF + "type": "type",
    RDFS + "label": "label", RDFS + "comment": "comment",
    SKOS + "prefLabel": "preferred label", SKOS + "altLabel": "also called", SKOS + "definition": "definition",
    SKOS + "broader": "broader", SKOS + "narrower": "narrower", SKOS + "inScheme": "in scheme",
    SKOS + "topConceptOf": "top concept of", SKOS + "hasTopConcept": "top concepts",
    SKOS + "exactMatch": "same as", SKOS + "closeMatch": "close match",
    "http://www.w3.org/2002/07/owl#sameAs": "same as",
    ORG + "subOrganizationOf": "sub-organisation of", ORG + "hasMembership": "membership",
    ORG + "member": "member", ORG + "organization": "organisation", ORG + "role": "role",
    ORG + "memberDuring": "member during",
    DCTERMS + "title": "title", DCTERMS + "creator": "issued by", DCTERMS + "issued": "issued",
    DCTERMS + "date": "date", DCTERMS + "publisher": "publisher", DCTERMS + "source": "source",
    DCTERMS + "language": "language", DCTERMS + "type": "document type", DCTERMS + "isPartOf": "part of",
    SCHEMA + "containedInPlace": "contained in", SCHEMA + "location": "location", SCHEMA + "mentions": "mentions",
    SCHEMA + "organizer": "organiser", SCHEMA + "startDate": "start date", SCHEMA + "description": "description",
    SCHEMA + "text": "text",
    "http://xmlns.com/foaf/0.1/name": "name",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "derived from",
    QB + "dataSet": "data set", QB + "structure": "structure",
    "http://purl.org/linked-data/sdmx/2009/measure#obsValue": "value",
    "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure": "unit",
    "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod": "reference period",
    "http://www.w3.org/ns/dcat#startDate": "start", "http://www.w3.org/ns/dcat#endDate": "end",
    # classes
    QB + "Observation": "data cube observation", QB + "DataSet": "data set",
    SKOS + "Concept": "concept", SKOS + "ConceptScheme": "concept scheme",
    "http://xmlns.com/foaf/0.1/Person": "person", SCHEMA + "Person": "person",
    "http://xmlns.com/foaf/0.1/Document": "document", SCHEMA + "CreativeWork": "creative work",
    DCTERMS + "PeriodOfTime": "period of time", ORG + "Role": "role", ORG + "Membership": "membership",
    RDF + "Statement": "statement",
}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def local_words(iri: str) -> str:
    """The local name of ``iri`` in words: ".../memberDuring" -> "member during"."""
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return _CAMEL.sub(" ", local).replace("-", " ").replace("_", " ").lower() or iri


def ontology_words(ontology: pyoxigraph.Store) -> dict[str, str]:
    """The English label of every term the ontology labels."""
    query = (f"SELECT ?term ?label WHERE {{ ?term <{RDFS}label> ?label "
             'FILTER(isIRI(?term) && LANGMATCHES(LANG(?label), "en")) }')
    return {row["term"].value: row["label"].value for row in ontology.query(query)}


class Words:
    """What each class and property is called on the pages."""

    def __init__(self, ontology: pyoxigraph.Store):
        self._labels = {**STANDARD_WORDS, **ontology_words(ontology)}

    def __call__(self, iri: str) -> str:
        """The words for ``iri``."""
        return self._labels.get(iri) or local_words(iri)
