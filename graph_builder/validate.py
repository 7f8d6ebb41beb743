"""Validate graphs against the SHACL shapes of ``shapes/`` with pyshacl and report readably."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.plugins.sparql import processor as sparql_processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from .errors import InputError
from .shape_check import ShapeChecker
from .sparql_constraints import UnsupportedConstraint

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which path, what is wrong."""

    focus: str
    path: str
    message: str
    severity: str

    def line(self) -> str:
        return f"{self.severity}: {self.focus} | {self.path or '-'} | {self.message}"


@functools.lru_cache(maxsize=256)
def _prepared_query(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...] | None):
    return translateQuery(parseQuery(text), base, dict(namespaces) if namespaces is not None else None)


def _query_prepared_once(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
    """rdflib's SPARQLProcessor.query, but a query text is parsed once and then reused.

    pyshacl runs the SPARQL constraints of the shapes once per focus node, and parsing the query
    text each time dominated validation (about 40 ms a node); a prepared query gives the same
    answers for any bindings.
    """
    if isinstance(strOrQuery, str):
        namespaces = tuple(sorted((str(k), str(v)) for k, v in initNs.items())) if initNs else None
        strOrQuery = _prepared_query(strOrQuery, base, namespaces)
    return _original_query(self, strOrQuery, initBindings, initNs, base, DEBUG)


_original_query = sparql_processor.SPARQLProcessor.query
sparql_processor.SPARQLProcessor.query = _query_prepared_once


def load_shapes(shapes: Path) -> Graph:
    """A shapes file, or all ``*.ttl`` files of a shapes directory, as one graph."""
    graph = Graph()
    files = sorted(shapes.glob("*.ttl")) if shapes.is_dir() else [shapes] if shapes.is_file() else []
    if not files:
        raise InputError("no SHACL shapes (*.ttl) found", shapes)
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            raise InputError(f"cannot parse shapes: {exc}", path) from None
    return graph


def validate_graph(data: Graph, shapes: Graph, inplace: bool = False) -> list[Violation]:
    """Violations of ``data`` against ``shapes`` (empty when it conforms). With ``inplace``, ``data`` may
    be changed by the validator (saves copying it)."""
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False, inplace=inplace)
    if conforms:
        return []
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=str(results.value(result, SH.resultPath) or ""),
            message=str(results.value(result, SH.resultMessage) or results.value(result, SH.sourceConstraintComponent)),
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))


def format_violations(violations: list[Violation], limit: int = 50) -> str:
    """A readable report: one line per violation (focus node | path | message)."""
    lines = [v.line() for v in violations[:limit]]
    if len(violations) > limit:
        lines.append(f"... and {len(violations) - limit} more")
    return "\n".join(lines)


# how many links away from a document's own nodes the reference graph is copied in for validation
# (a policy in the document -> its issuing agency -> that agency's type)
CONTEXT_HOPS = 2


class DocumentValidator:
    """Validates document graphs one by one against the shapes, each with the part of the reference
    graph its nodes reach, and only the document's own nodes as focus: the cost of a document does not
    grow with the reference graph or the corpus. ``reference_violations`` checks the reference once.

    Each graph is first checked by the shapes compiled once (``shape_check``); only a graph that check
    flags is validated by pyshacl, whose results are the report. Shapes the compiled check cannot
    evaluate leave every graph to pyshacl."""

    def __init__(self, shapes: Graph, reference: Graph):
        self.shapes = shapes
        self.reference = reference
        self._by_subject: dict[object, list[tuple]] = {}
        for triple in reference:
            self._by_subject.setdefault(triple[0], []).append(triple)
        try:
            self._checker: ShapeChecker | None = ShapeChecker(shapes)
        except UnsupportedConstraint:
            self._checker = None

    def reference_violations(self) -> list[Violation]:
        if self._checker is not None and self._checker.conforms(self.reference):
            return []
        return validate_graph(self.reference, self.shapes)

    def context_triples(self, graph: Graph) -> set[tuple]:
        """The document graph's statements plus the reference statements about the nodes it reaches."""
        data = set(graph)
        frontier = {term for triple in data for term in (triple[0], triple[2]) if isinstance(term, URIRef)}
        seen = set(frontier)
        for _ in range(CONTEXT_HOPS):
            reached = set()
            for node in frontier:
                for triple in self._by_subject.get(node, ()):
                    data.add(triple)
                    if isinstance(triple[2], URIRef) and triple[2] not in seen:
                        reached.add(triple[2])
            seen |= reached
            frontier = reached
        return data

    def violations(self, graph: Graph) -> list[Violation]:
        """Violations of the document graph's own nodes."""
        focus = sorted({s for s in graph.subjects() if isinstance(s, URIRef)})
        context = self.context_triples(graph)
        if self._checker is not None and self._checker.conforms(context, set(focus)):
            return []
        # pyshacl's focus-node option would also drop the value nodes that sh:or and sh:node check
        # (they are no focus nodes), so those would always pass: the whole context is validated and
        # the results about the document's own nodes are kept
        data = Graph()
        for triple in context:
            data.add(triple)
        own = {str(node) for node in focus}
        return [v for v in validate_graph(data, self.shapes, inplace=True) if v.focus in own]
