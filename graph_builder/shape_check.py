"""A fast conformance check of a data graph against the SHACL shapes, compiled once from the shapes.

Core constraints are checked in Python over an index of the graph, and each SPARQL-based constraint
runs once per graph (see ``sparql_constraints``). The check only answers whether the graph conforms:
it is never more lenient than pyshacl (it follows pyshacl's rules for datatypes and comparisons and
is stricter where in doubt), so a graph it passes conforms, and a graph it flags is handed to pyshacl
for the report. Shapes using a construct it does not know make ``compile_shapes`` raise
``UnsupportedConstraint``; the caller then validates with pyshacl alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Callable, Iterable

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from .sparql_constraints import SparqlConstraint, UnsupportedConstraint, store_for

SH = Namespace("http://www.w3.org/ns/shacl#")

_TARGETS_UNSUPPORTED = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# shape predicates that state no constraint
_DESCRIPTIVE = {SH.message, SH.name, SH.description, SH.order, SH.group, SH.targetClass, SH.path}

_NODE_KINDS = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal),
}
# the Python value type pyshacl requires of a literal of these datatypes (others: any well-formed literal)
_VALUE_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.decimal: Decimal,
                XSD.boolean: bool, XSD.date: date, XSD.float: float,
                XSD.dateTime: datetime, XSD.time: time}


class GraphIndex:
    """The statements of a data graph by subject and predicate, and the instances of each class."""

    def __init__(self, triples: Iterable[tuple]):
        self.triples = list(triples)
        self._values: dict[tuple, list] = {}
        for s, p, o in self.triples:
            self._values.setdefault((s, p), []).append(o)
        self._subclasses: dict[object, set] = {}
        self._instances: dict[object, set] = {}
        for (s, p), objects in self._values.items():
            if p == RDF.type:
                for o in objects:
                    self._instances.setdefault(o, set()).add(s)
            elif p == RDFS.subClassOf:
                for o in objects:
                    self._subclasses.setdefault(o, set()).add(s)

    def values(self, node, path) -> list:
        return self._values.get((node, path), [])

    def classes_within(self, cls) -> set:
        """``cls`` and its subclasses, transitively."""
        found, frontier = {cls}, [cls]
        while frontier:
            for sub in self._subclasses.get(frontier.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    frontier.append(sub)
        return found

    def instances(self, cls) -> set:
        return set().union(*(self._instances.get(c, ()) for c in self.classes_within(cls)))

    def is_instance(self, node, cls) -> bool:
        classes = self.classes_within(cls)
        return any(t in classes for t in self.values(node, RDF.type))


# a constraint: (graph, focus node, value nodes) -> True when violated
Check = Callable[[GraphIndex, object, list], bool]


def _datatype_ok(value, datatype) -> bool:
    """pyshacl's sh:datatype rule."""
    if not isinstance(value, Literal):
        return False
    if datatype == RDF.langString:
        matches = bool(value.language)
    elif value.datatype == datatype:
        matches = getattr(value, "ill_typed", None) is not True
    else:
        matches = datatype == XSD.string and value.datatype is None and value.language is None
    return matches and (datatype not in _VALUE_TYPES or isinstance(value.value, _VALUE_TYPES[datatype]))


def _at_least(value, minimum: Literal) -> bool:
    """pyshacl's sh:minInclusive rule."""
    if not isinstance(value, Literal) or isinstance(value.value, str) != isinstance(minimum.value, str):
        return False
    try:
        return compare_literal(value, minimum) >= 0
    except (TypeError, NotImplementedError):
        return False


def _comparable(term):
    if isinstance(term, URIRef):
        return str(term), True
    if isinstance(term, Literal) and isinstance(term.value, str):
        return term.value, True
    return term, False


def _less_than(value, other) -> bool:
    """pyshacl's sh:lessThan rule for one pair."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        return False
    (left, left_string), (right, right_string) = _comparable(value), _comparable(other)
    if left_string != right_string:
        return False
    try:
        return bool(left < right)
    except TypeError:
        return False


def _language_in(value, tags: list[str]) -> bool:
    if not isinstance(value, Literal) or not value.language:
        return False
    language = value.language.lower()
    return any(language == tag or language.startswith(tag + "-") for tag in tags)


@dataclass
class Shape:
    """A node shape (no path: the focus node is its own value) or a property shape."""

    name: object
    path: URIRef | None = None
    checks: list[Check] = field(default_factory=list)
    properties: list["Shape"] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)

    def value_nodes(self, graph: GraphIndex, focus) -> list:
        return [focus] if self.path is None else graph.values(focus, self.path)

    def core_violated(self, graph: GraphIndex, focus) -> bool:
        values = self.value_nodes(graph, focus)
        return (any(check(graph, focus, values) for check in self.checks)
                or any(prop.core_violated(graph, focus) for prop in self.properties))

    def conforms_alone(self, graph: GraphIndex, node) -> bool:
        """For shapes used inside sh:node and sh:or, which hold no SPARQL constraints."""
        return not self.core_violated(graph, node)

    def sparql_constraints(self) -> Iterable[SparqlConstraint]:
        yield from self.sparql
        for prop in self.properties:
            yield from prop.sparql_constraints()


class ShapeCompiler:
    """Turns the shapes graph into ``Shape`` objects, raising ``UnsupportedConstraint`` on what it
    cannot evaluate exactly."""

    def __init__(self, shapes: Graph):
        self.shapes = shapes

    def _one(self, node, predicate):
        values = list(self.shapes.objects(node, predicate))
        if len(values) != 1:
            raise UnsupportedConstraint(f"{node} has {len(values)} values of {predicate}")
        return values[0]

    def _list(self, node, predicate) -> list:
        return list(Collection(self.shapes, self._one(node, predicate)))

    def compile(self, node, nested: bool = False) -> Shape:
        g = self.shapes
        path = g.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedConstraint(f"{node} has a complex sh:path")
        if (node, SH.deactivated, None) in g:
            raise UnsupportedConstraint(f"{node} uses sh:deactivated")
        if any(severity != SH.Violation for severity in g.objects(node, SH.severity)):
            raise UnsupportedConstraint(f"{node} has a severity other than sh:Violation")
        shape = Shape(node, path)
        for predicate in set(g.predicates(node)):
            if predicate in _DESCRIPTIVE or predicate in (RDF.type, SH.severity) or not str(predicate).startswith(str(SH)):
                continue
            if predicate == SH.property:
                shape.properties += [self.compile(prop, nested) for prop in g.objects(node, SH.property)]
            elif predicate == SH.sparql:
                if nested:
                    raise UnsupportedConstraint(f"{node}: SPARQL constraint in a nested shape")
                shape.sparql += [SparqlConstraint(g, c, path) for c in g.objects(node, SH.sparql)]
            else:
                shape.checks.append(self._check(node, predicate, path))
        return shape

    def _check(self, node, predicate, path) -> Check:
        value = self._one(node, predicate)
        if predicate == SH.minCount:
            return lambda graph, focus, values: len(set(values)) < int(value)
        if predicate == SH.maxCount:
            return lambda graph, focus, values: len(set(values)) > int(value)
        if predicate == SH.nodeKind:
            kinds = _NODE_KINDS[value]
            return lambda graph, focus, values: any(not isinstance(v, kinds) for v in values)
        if predicate == SH.datatype:
            return lambda graph, focus, values: any(not _datatype_ok(v, value) for v in values)
        if predicate == SH["class"]:
            return lambda graph, focus, values: any(not graph.is_instance(v, value) for v in values)
        if predicate == SH.hasValue:
            return lambda graph, focus, values: value not in values
        if predicate == SH["in"]:
            members = self._list(node, predicate)
            return lambda graph, focus, values: any(v not in members for v in values)
        if predicate == SH.languageIn:
            tags = [str(tag).lower() for tag in self._list(node, predicate)]
            return lambda graph, focus, values: any(not _language_in(v, tags) for v in values)
        if predicate == SH.uniqueLang:
            if value != Literal(True):
                return lambda graph, focus, values: False
            return lambda graph, focus, values: self._repeated_language(values)
        if predicate == SH.pattern:
            if (node, SH.flags, None) in self.shapes:
                raise UnsupportedConstraint(f"{node} uses sh:flags")
            regex = re.compile(str(value))
            return lambda graph, focus, values: any(isinstance(v, BNode) or not regex.search(str(v)) for v in values)
        if predicate == SH.minLength:
            return lambda graph, focus, values: any(isinstance(v, BNode) or len(str(v)) < int(value) for v in values)
        if predicate == SH.minInclusive:
            return lambda graph, focus, values: any(not _at_least(v, value) for v in values)
        if predicate == SH.lessThan:
            return lambda graph, focus, values: any(
                not _less_than(v, other) for v in values for other in graph.values(focus, value))
        if predicate == SH.node:
            target = self.compile(value, nested=True)
            return lambda graph, focus, values: any(not target.conforms_alone(graph, v) for v in values)
        if predicate == SH["or"]:
            options = [self.compile(member, nested=True) for member in self._list(node, predicate)]
            return lambda graph, focus, values: any(
                not any(option.conforms_alone(graph, v) for option in options) for v in values)
        raise UnsupportedConstraint(f"{node} uses {predicate}")

    @staticmethod
    def _repeated_language(values: list) -> bool:
        languages = [v.language.lower() for v in values if isinstance(v, Literal) and v.language]
        return len(languages) != len(set(languages))


@dataclass
class TargetedShape:
    shape: Shape
    classes: list


class ShapeChecker:
    """Every targeted shape of a shapes graph, compiled once."""

    def __init__(self, shapes: Graph):
        if any((None, predicate, None) in shapes for predicate in _TARGETS_UNSUPPORTED):
            raise UnsupportedConstraint("a target other than sh:targetClass")
        if any((shape, RDF.type, RDFS.Class) in shapes for shape in shapes.subjects(RDF.type, SH.NodeShape)):
            raise UnsupportedConstraint("an implicit class target")
        compiler = ShapeCompiler(shapes)
        self.targeted = [TargetedShape(compiler.compile(node), list(shapes.objects(node, SH.targetClass)))
                         for node in sorted(set(shapes.subjects(SH.targetClass, None)))]

    def conforms(self, triples: Iterable[tuple], focus_nodes: set | None = None) -> bool:
        """Whether the graph of ``triples`` conforms, checking only ``focus_nodes`` when given."""
        graph = GraphIndex(triples)
        pending: list[tuple[SparqlConstraint, set]] = []
        for targeted in self.targeted:
            focus = set().union(*(graph.instances(cls) for cls in targeted.classes))
            if focus_nodes is not None:
                focus = {node for node in focus if isinstance(node, URIRef) and node in focus_nodes}
            if not focus:
                continue
            if any(targeted.shape.core_violated(graph, node) for node in focus):
                return False
            pending += [(constraint, focus) for constraint in targeted.shape.sparql_constraints()]
        if not pending:
            return True
        store = store_for([constraint for constraint, _ in pending], graph.triples)
        return not any(constraint.violated(store, sorted(focus)) for constraint, focus in pending)
