"""Validate graphs against the SHACL shapes of ``shapes/`` with pyshacl and report readably."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph, Namespace

from .errors import InputError

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


def load_shapes(shapes_dir: Path) -> Graph:
    """All ``*.ttl`` files of the shapes directory as one graph."""
    graph = Graph()
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise InputError("no SHACL shapes (*.ttl) found", shapes_dir)
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            raise InputError(f"cannot parse shapes: {exc}", path) from None
    return graph


def validate_graph(data: Graph, shapes: Graph) -> list[Violation]:
    """Violations of ``data`` against ``shapes`` (empty when it conforms)."""
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False)
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
