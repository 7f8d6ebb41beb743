"""The relations of a document as RDF: memberships, people, issuances, campaign launches and targets,
collaborations, event organisers and places.

Each fact is a node of its own carrying its evidence (one selector of the sentence that states it) and
its document, so evidence never hangs on the entities it relates: a membership is an org:Membership, and
every other relation is stated directly (``policy dcterms:creator agency``, for queries) and as an
rdf:Statement whose rdf:subject, rdf:predicate and rdf:object are that triple.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, FOAF, PROV, DCTERMS, Graph, Literal, URIRef
from rdflib.namespace import TIME

from .config import ORG, SCHEMA, SPP
from .corpus import Document
from .literals import date_literal
from .people import PersonFact
from .relations import Evidence, MembershipFact, Relations
from .slugs import slugify

if TYPE_CHECKING:
    from .assemble import GraphAssembler


def _digest(*parts: object) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:12]


class RelationWriter:
    """Writes the relations of one document into its named graph."""

    def __init__(self, assembler: GraphAssembler, graph: Graph, document: Document, doc: URIRef):
        self.assembler, self.graph, self.document, self.doc = assembler, graph, document, doc

    def add(self, relations: Relations) -> None:
        iri = self.assembler.iri
        for membership in relations.memberships:
            self._membership(membership)
        for person in relations.people:
            self._person(person)
        for fact in relations.issuances:
            policy = iri("policy", fact.policy)
            for agency in fact.agencies:
                self._fact(policy, DCTERMS.creator, iri("agency", agency), fact.evidence)
            # a document that dates the same policy twice keeps its first date
            if fact.issued and self.graph.value(policy, DCTERMS.issued) is None:
                self.graph.add((policy, DCTERMS.issued, date_literal(fact.issued)))
        for fact in relations.campaigns:
            campaign = iri("campaign", fact.campaign)
            for agency in fact.launched_by:
                self._fact(campaign, SPP.launchedBy, iri("agency", agency), fact.evidence)
            for crime in fact.targets:
                self._fact(campaign, SPP.targets, iri("crime-type", crime), fact.evidence)
        for fact in relations.collaborations:
            for partner in fact.partners:
                self._fact(iri("agency", fact.agency), SPP.collaboratesWith, iri("agency", partner), fact.evidence)
        for fact in relations.events:
            # one resource per event: named by its date as stated, else by the date of the document
            event = iri("event", f"{slugify(fact.label)}-{fact.date or self.document.meta.date}")
            self.graph.add((event, RDF.type, SPP.Event))
            self.graph.add((event, RDFS.label, Literal(fact.label, lang="en")))
            if fact.date:
                self.graph.add((event, SCHEMA.startDate, date_literal(fact.date)))
            self.graph.add((event, PROV.wasDerivedFrom, self.doc))
            self.graph.add((event, SPP.evidence, self._evidence(fact.evidence)))
            if fact.organiser:
                self._fact(event, SCHEMA.organizer, iri("agency", fact.organiser), fact.evidence)
            if fact.place:
                self._fact(event, SCHEMA.location, iri("place", fact.place), fact.evidence)

    def _evidence(self, span: Evidence) -> URIRef:
        return self.assembler.evidence(self.graph, self.document, span)

    def _fact(self, subject: URIRef, predicate: URIRef, obj: URIRef, evidence: Evidence) -> None:
        """``subject predicate obj``, and the statement of it in this document with its evidence."""
        graph = self.graph
        graph.add((subject, predicate, obj))
        statement = URIRef(f"{subject}#fact-{_digest(self.document.id, predicate, obj, evidence.start)}")
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        graph.add((statement, PROV.wasDerivedFrom, self.doc))
        graph.add((statement, SPP.evidence, self._evidence(evidence)))

    def _membership(self, fact: MembershipFact) -> None:
        graph, iri = self.graph, self.assembler.iri
        person = iri("person", fact.official_id or slugify(fact.official_name))
        if fact.official_id is None:
            graph.add((person, RDF.type, SPP.Official))
            graph.add((person, FOAF.name, Literal(fact.official_name, lang="en")))
            graph.add((person, RDFS.label, Literal(fact.official_name, lang="en")))
        key = _digest(self.document.id, fact.role, fact.agency, fact.evidence.start)
        membership = URIRef(f"{person}#membership-{key}")
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.member, person))
        graph.add((membership, ORG.organization, iri("agency", fact.agency)))
        graph.add((membership, ORG.role, iri("role", fact.role)))
        graph.add((membership, PROV.wasDerivedFrom, self.doc))
        graph.add((membership, SPP.evidence, self._evidence(fact.evidence)))
        self._member_during(membership, fact.past)
        graph.add((person, ORG.hasMembership, membership))

    def _member_during(self, membership: URIRef, past: bool) -> None:
        """When a post is held, as far as the document says: on its date, or ("former", "then") before it."""
        graph, date = self.graph, self.document.meta.date
        during, instant = URIRef(f"{membership}-during"), URIRef(f"{membership}-document-date")
        graph.add((membership, ORG.memberDuring, during))
        graph.add((during, RDF.type, TIME.Interval))
        graph.add((instant, RDF.type, TIME.Instant))
        position = {4: TIME.inXSDgYear, 7: TIME.inXSDgYearMonth, 10: TIME.inXSDDate}[len(date)]
        graph.add((instant, position, date_literal(date)))
        graph.add((during, TIME.before if past else TIME.inside, instant))

    def _person(self, person: PersonFact) -> None:
        """A named person with what the text says they are; an official when that is a post."""
        graph = self.graph
        node = self.assembler.iri("person", slugify(person.name))
        for cls in (FOAF.Person, SCHEMA.Person) + ((SPP.Official,) if person.official else ()):
            graph.add((node, RDF.type, cls))
        if graph.value(node, FOAF.name) is None:
            graph.add((node, FOAF.name, Literal(person.name, lang="en")))
            graph.add((node, RDFS.label, Literal(person.name, lang="en")))
        graph.add((node, SCHEMA.description, Literal(person.role, lang="en")))
        graph.add((node, PROV.wasDerivedFrom, self.doc))
        graph.add((node, SPP.evidence, self._evidence(Evidence(person.start, person.end))))
