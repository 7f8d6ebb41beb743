"""The names and languages of the resources a page links to, looked up with one SPARQL query.

A page shows each resource it links to by its name (English and Chinese labels, each in its
language) and shows the text of a document (its title, the quotes of its evidence) in the
document's language (``dcterms:language``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .languages import DCTERMS_LANGUAGE, LABELS, Name, name_of
from .evaluation import evaluate
from .state import ServiceState
from .jobs import Job

_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')


def names_query(iris: list[str]) -> str:
    """A SELECT of every label and the stated language of each of ``iris`` (unsafe IRIs left out)."""
    values = " ".join(f"<{i}>" for i in iris if _IRI_SAFE.match(i))
    predicates = " ".join(f"<{p}>" for p in LABELS)
    return (f"SELECT ?x ?p ?label ?language WHERE {{ VALUES ?x {{ {values} }} "
            f"{{ VALUES ?p {{ {predicates} }} ?x ?p ?label FILTER(isLiteral(?label)) }} "
            f"UNION {{ ?x <{DCTERMS_LANGUAGE}> ?language FILTER(isLiteral(?language)) }} }}")


@dataclass
class Names:
    """Names and stated languages by IRI."""

    names: dict[str, Name] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)

    def get(self, iri: str) -> Name | None:
        """The name of ``iri``, None when it has no label."""
        return self.names.get(iri) or None

    def language(self, iri: str) -> str:
        """The language ``iri`` states (a document's ``dcterms:language``), "" when none."""
        return self.languages.get(iri, "")


def names_from_bindings(bindings: list[dict]) -> Names:
    """Fold the SPARQL JSON rows of ``names_query`` into Names."""
    labels: dict[str, list[tuple[str, str, str]]] = {}
    found = Names()
    for row in bindings:
        iri = row["x"]["value"]
        if "language" in row:
            found.languages.setdefault(iri, row["language"]["value"].strip())
        elif "label" in row:
            label = row["label"]
            labels.setdefault(iri, []).append((row["p"]["value"], label["value"], label.get("xml:lang", "")))
    for iri, candidates in labels.items():
        found.names[iri] = name_of(candidates, found.language(iri))
    return found


async def lookup_names(state: ServiceState, iris: set[str] | list[str]) -> Names:
    """The names and stated languages of ``iris``, from the service's query workers."""
    wanted = sorted(i for i in iris if _IRI_SAFE.match(i))
    if not wanted:
        return Names()
    answer = await evaluate(state, Job(names_query(wanted), result_format="json", max_rows=100_000))
    return names_from_bindings(json.loads(answer.body)["results"]["bindings"])
