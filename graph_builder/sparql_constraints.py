"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``) evaluated once per data graph.

A SELECT constraint is written for one focus node at a time (``$this`` pre-bound); here the focus
nodes of a graph are handed to pyoxigraph in one ``VALUES`` block, so the query text is parsed once
and evaluated once per graph, however many focus nodes the graph has.
"""

from __future__ import annotations

import functools
from typing import Iterable, Iterator

import pyoxigraph
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

SH = Namespace("http://www.w3.org/ns/shacl#")

# pre-bound variables a query may use that a VALUES block of focus nodes cannot stand for
_UNSUPPORTED_VARIABLES = ("$shapesGraph", "$currentShape", "$value")


class UnsupportedConstraint(Exception):
    """A construct of the shapes that the fast check does not evaluate (pyshacl then checks alone)."""


def _triple_patterns(node) -> Iterator[list]:
    if isinstance(node, CompValue):
        if isinstance(dict.get(node, "triples"), list):
            yield from dict.get(node, "triples")
        for value in dict.values(node):
            yield from _triple_patterns(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _triple_patterns(value)


def _predicates(query: str) -> frozenset | None:
    """The IRIs in predicate position of the query's triple patterns, or None when one of them is a
    variable or a property path (then any statement may matter)."""
    predicates = set()
    for pattern in _triple_patterns(translateQuery(parseQuery(query)).algebra):
        if not isinstance(pattern[1], URIRef):
            return None
        predicates.add(pattern[1])
    return frozenset(predicates)


def _prefix_declarations(shapes: Graph, constraint) -> str:
    declarations = []
    for prefixes in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(prefixes, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise UnsupportedConstraint(f"incomplete sh:declare in {prefixes}")
            declarations.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(declarations)))


@functools.lru_cache(maxsize=1 << 16)
def _named_node(iri: URIRef) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(str(iri))


def to_pyoxigraph(term) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """The pyoxigraph term of an rdflib term (IRIs, which recur from graph to graph, are remembered)."""
    if isinstance(term, URIRef):
        return _named_node(term)
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


class SparqlConstraint:
    """One ``sh:select`` constraint of a shape, with ``$PATH`` replaced by the shape's path."""

    def __init__(self, shapes: Graph, constraint, path: URIRef | None):
        unknown = {p for p in shapes.predicates(constraint) if str(p).startswith(str(SH))} - {
            SH.select, SH.message, SH.prefixes}
        if unknown:
            raise UnsupportedConstraint(f"{constraint} uses {sorted(unknown)}")
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise UnsupportedConstraint(f"{constraint} has no sh:select")
        text = str(select)
        if any(variable in text for variable in _UNSUPPORTED_VARIABLES):
            raise UnsupportedConstraint(f"{constraint} uses a pre-bound variable other than $this and $PATH")
        if "$PATH" in text:
            if path is None:
                raise UnsupportedConstraint(f"{constraint} uses $PATH outside a property shape")
            text = text.replace("$PATH", f"<{path}>")
        text = text.replace("$this", "?this")
        opening = text.find("{")
        if opening < 0:
            raise UnsupportedConstraint(f"{constraint}: no WHERE clause")
        self._head = _prefix_declarations(shapes, constraint) + "\n" + text[:opening + 1]
        self._body = text[opening + 1:]
        # the statements the query can read: a store need hold no others
        self.predicates = _predicates(self._head + self._body)

    def violated(self, store: pyoxigraph.Store, focus_nodes: Iterable) -> bool:
        """Whether the query finds a violation for any of ``focus_nodes`` (IRIs) in ``store``."""
        values = []
        for node in focus_nodes:
            if not isinstance(node, URIRef):
                return True     # a blank node cannot be named in VALUES: let pyshacl decide
            values.append(f"<{node}>")
        if not values:
            return False
        query = f"{self._head} VALUES ?this {{ {' '.join(values)} }} {self._body}"
        return any(True for _ in store.query(query))


def store_for(constraints: list[SparqlConstraint], triples: Iterable[tuple]) -> pyoxigraph.Store:
    """An in-memory pyoxigraph store holding those of ``triples`` (rdflib terms) that ``constraints``
    can read, in its default graph."""
    needed = [constraint.predicates for constraint in constraints]
    if any(predicates is None for predicates in needed):
        wanted = list(triples)
    else:
        predicates = frozenset().union(*needed)
        wanted = [triple for triple in triples if triple[1] in predicates]
    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(to_pyoxigraph(s), to_pyoxigraph(p), to_pyoxigraph(o)) for s, p, o in wanted)
    return store

