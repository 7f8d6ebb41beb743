"""The HTML page of one resource: what it is first, then its facts, their evidence one click away.

The page leads with the resource's labels in English and Chinese, its other names, its type(s) in
words, its links (same as, broader / narrower, sub-organisation of …) and its description; then its
facts as a compact table, each fact's quotes folded behind it (``<details>``); then the parts it is
made of (the passages of a document) and what links to it, grouped by property.

Numbers are written with thousands separators and changes with their sign; no cell carries a
datatype badge; a period or any other linked resource is shown by its name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

import pyoxigraph

from .charts import format_change, format_number
from .evidence import SPP_EVIDENCE, SPP_STATED_AT, Quote, folded, quote_html
from .html import Links, is_web_address, literal, page
from .languages import LABELS, in_language, is_language
from .names import Names
from .terms import DCTERMS, NUMBER_DATATYPES, ORG, RDF, RDFS, SCHEMA, SKOS, XSD, Words

SPP = "https://w3id.org/spp-kg/ontology#"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
OBS_VALUE = "http://purl.org/linked-data/sdmx/2009/measure#obsValue"
TIME = "http://www.w3.org/2006/time#"
ALSO_CALLED = (SKOS + "altLabel", DCTERMS + "alternative")
DESCRIPTIONS = (SKOS + "definition", RDFS + "comment", SCHEMA + "description", DCTERMS + "description")
# Links shown with what the resource is: (property, direction, words); "in" reads the link backwards.
LINKS = ((OWL_SAME_AS, "out", "same as"), (SKOS + "exactMatch", "out", "same as"),
         (SKOS + "closeMatch", "out", "close match"),
         (SKOS + "broader", "out", "broader"), (SKOS + "narrower", "in", "broader"),
         (SKOS + "narrower", "out", "narrower"), (SKOS + "broader", "in", "narrower"),
         (ORG + "subOrganizationOf", "out", "sub-organisation of"),
         (ORG + "subOrganizationOf", "in", "sub-organisations"),
         (SCHEMA + "containedInPlace", "out", "contained in"), (SCHEMA + "containedInPlace", "in", "contains"),
         (SKOS + "inScheme", "out", "in scheme"), (SKOS + "topConceptOf", "out", "top concept of"),
         (SKOS + "hasTopConcept", "in", "top concept of"), (SKOS + "hasTopConcept", "out", "top concepts"),
         (SKOS + "topConceptOf", "in", "top concepts"),
         (DCTERMS + "isPartOf", "out", "part of"))
# The facts of a statistic in the order people read them; other properties follow by name.
FACT_ORDER = (OBS_VALUE, "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure", SPP + "measure",
              SPP + "crimeType", SPP + "field", "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod",
              SPP + "yearOnYearChangePercent", SPP + "percentagePointChange", SPP + "previousPeriodChangePercent",
              SPP + "qualifier", SPP + "approximate", SPP + "shareOf", SPP + "reportedBy", SPP + "sourceDocument")
CHANGES = (SPP + "yearOnYearChangePercent", SPP + "previousPeriodChangePercent")
REIFICATION = (RDF + "subject", RDF + "predicate", RDF + "object")
# Untagged strings of these properties are written in the language of their resource (a document's).
TEXT_PROPERTIES = frozenset((*LABELS, *ALSO_CALLED, *DESCRIPTIONS, SCHEMA + "text", "http://www.w3.org/ns/oa#exact"))
SHOWN_ELSEWHERE = frozenset((RDF + "type", SPP_EVIDENCE, SPP_STATED_AT, ORG + "hasMembership", *LABELS,
                             *ALSO_CALLED, *DESCRIPTIONS, *(p for p, direction, _ in LINKS if direction == "out")))


@dataclass
class Description:
    """A resource's statements as the page needs them: its own, its parts' (by subject), incoming ones."""

    iri: str
    own: list[pyoxigraph.Triple]
    parts: dict[str, list[pyoxigraph.Triple]]
    incoming: list[pyoxigraph.Triple]
    used: set[str] = field(default_factory=set)     # parts shown with the facts rather than on their own

    @classmethod
    def of(cls, iri: str, triples: list[pyoxigraph.Triple]) -> Description:
        parts: dict[str, list[pyoxigraph.Triple]] = defaultdict(list)
        incoming = []
        for triple in triples:
            subject = ("_:" if isinstance(triple.subject, pyoxigraph.BlankNode) else "") + triple.subject.value
            if (subject != iri and not subject.startswith(iri + "#") and isinstance(triple.object, pyoxigraph.NamedNode)
                    and triple.object.value == iri):
                incoming.append(triple)
            else:
                parts[subject].append(triple)
        return cls(iri, parts.pop(iri, []), parts, incoming)

    def values(self, node: str, predicate: str) -> list:
        """The objects of ``predicate`` on ``node`` (the resource or one of its parts)."""
        statements = self.own if node == self.iri else self.parts.get(node, [])
        return [t.object for t in statements if t.predicate.value == predicate]

    def first(self, node: str, predicate: str):
        found = self.values(node, predicate)
        return found[0] if found else None


class ResourcePage:
    """Builds the page of one description."""

    def __init__(self, description: Description, links: Links, names: Names, words: Words,
                 quotes: dict[str, Quote]):
        self.d, self.links, self.names, self.words, self.quotes = description, links, names, words, quotes
        self.language = names.language(description.iri)

    # ---- values ----------------------------------------------------------------------------------------
    def value(self, node: object, predicate: str = "", language: str = "") -> str:
        """A value as the page shows it: a linked name, a formatted number, text in its language."""
        if isinstance(node, pyoxigraph.NamedNode):
            return self.links.iri(node.value, self.names.get(node.value))
        if isinstance(node, pyoxigraph.BlankNode):
            return f"<code>_:{escape(node.value)}</code>"
        if not isinstance(node, pyoxigraph.Literal):
            return escape(str(node))
        datatype = node.datatype.value
        if datatype in NUMBER_DATATYPES:
            try:
                number = float(node.value)
            except ValueError:
                return escape(node.value)
            if predicate in CHANGES:
                return escape(format_change(number))
            if predicate == SPP + "percentagePointChange":
                return escape(("+" if number > 0 else "") + format_number(number) + " percentage points")
            return escape(format_number(number))
        if datatype == XSD + "boolean":
            return "yes" if node.value in ("true", "1") else "no"
        if node.language and "\n" not in node.value and len(node.value) <= 600:
            return in_language(escape(node.value), node.language)
        if not node.language and is_web_address(node.value) and " " not in node.value:
            return f'<a href="{escape(node.value)}" rel="external">{escape(node.value)}</a>'
        return literal(node.value, None, None, None, node.language or (language if predicate in TEXT_PROPERTIES else ""))

    def evidence_of(self, node: str) -> list[Quote]:
        return [self.quotes[e.value] for e in self.d.values(node, SPP_EVIDENCE) if e.value in self.quotes]

    # ---- what it is ------------------------------------------------------------------------------------
    def _labels(self) -> list[tuple[str, str]]:
        by_language: dict[str, list[str]] = defaultdict(list)
        for triple in self.d.own:
            if triple.predicate.value in LABELS and isinstance(triple.object, pyoxigraph.Literal):
                tag = triple.object.language or ""
                if triple.object.value not in by_language[tag]:
                    by_language[tag].append(triple.object.value)
        if "" in by_language and self.language:       # untagged labels are in the language the resource states
            by_language.setdefault(self.language, []).extend(by_language.pop(""))
        rows = []
        for heading, test in (("English", lambda t: is_language(t, "en")), ("Chinese", lambda t: is_language(t, "zh")),
                              ("Label", lambda t: True)):
            for tag in [t for t in by_language if test(t)]:
                shown = " · ".join(in_language(escape(v), tag) for v in by_language.pop(tag))
                rows.append((f"Label ({tag})" if heading == "Label" and tag else heading, shown))
        return rows

    def about(self) -> str:
        """The table of what the resource is: labels, other names, types, links, description, IRI."""
        rows = self._labels()
        also = [self.value(o, p, self.language) for p in ALSO_CALLED for o in self.d.values(self.d.iri, p)]
        if also:
            rows.append(("Also called", "; ".join(sorted(also))))
        types = [o.value for o in self.d.values(self.d.iri, RDF + "type") if isinstance(o, pyoxigraph.NamedNode)]
        if types:
            ordered = sorted(types, key=lambda t: (not t.startswith(SPP), self.words(t)))
            shown = [f'<a href="{escape(self.links.href(t))}" title="{escape(self.links.compact(t))}">'
                     f"{escape(self.words(t))}</a>" for t in ordered]
            rows.append(("Type", shown[0] + (f' <span class="muted">({", ".join(shown[1:])})</span>'
                                             if len(shown) > 1 else "")))
        for words, targets in self._links().items():
            shown = "<br>".join(targets) if len(targets) <= 3 else (
                '<ul class="links">' + "".join(f"<li>{t}</li>" for t in targets) + "</ul>")
            rows.append((words[0].upper() + words[1:], shown))
        for predicate in DESCRIPTIONS:
            for text in self.d.values(self.d.iri, predicate):
                rows.append((self.words(predicate).capitalize(), self.value(text, predicate, self.language)))
        rows.append(("IRI", f"<code>{escape(self.d.iri)}</code>"))
        body = "".join(f'<tr><th scope="row">{escape(h)}</th><td>{v}</td></tr>' for h, v in rows)
        return f'<table class="about"><tbody>{body}</tbody></table>'

    def _links(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for predicate, direction, words in LINKS:
            if direction == "out":
                targets = [o.value for o in self.d.values(self.d.iri, predicate) if isinstance(o, pyoxigraph.NamedNode)]
            else:
                targets = [t.subject.value for t in self.d.incoming if t.predicate.value == predicate
                           and isinstance(t.subject, pyoxigraph.NamedNode)]
            for target in sorted(targets, key=lambda t: (self.names.get(t).plain() if self.names.get(t) else t)):
                shown = self.links.iri(target, self.names.get(target) or (target if predicate in
                                                                          (OWL_SAME_AS, SKOS + "exactMatch") else None))
                if shown not in found[words]:
                    found[words].append(shown)
        return found

    # ---- facts -----------------------------------------------------------------------------------------
    def _membership(self, node: str) -> str:
        """A membership in words: "procurator-general of the SPP (2021)"."""
        role, organization = self.d.first(node, ORG + "role"), self.d.first(node, ORG + "organization")
        text = " of ".join(self.value(v) for v in (role, organization) if v is not None) or escape(node)
        dates = sorted(self._dates(node, set()))
        self.d.used.add(node)
        return text + (f" ({escape(', '.join(dates))})" if dates else "")

    def _dates(self, node: str, seen: set[str]) -> set[str]:
        """The dates stated on the time nodes a membership points to (its period, the date of its document)."""
        dates = set()
        for triple in self.d.parts.get(node, []):
            target = triple.object
            if isinstance(target, pyoxigraph.Literal) and triple.predicate.value.startswith(TIME):
                dates.add(target.value)
            elif (triple.predicate.value.startswith((TIME, ORG + "memberDuring")) and target.value in self.d.parts
                  and target.value not in seen):
                seen.add(target.value)
                self.d.used.add(target.value)
                dates |= self._dates(target.value, seen)
        return dates

    def facts(self) -> list[tuple[str, str, list[tuple[str, list[Quote], str]]]]:
        """The facts as rows: (property IRI, words, [(value HTML, its quotes, the IRI of the stated fact)])."""
        rows: dict[str, list[tuple[str, list[Quote], str]]] = defaultdict(list)
        shown: dict[tuple[str, str], int] = {}
        for triple in self.d.own:
            predicate = triple.predicate.value
            if predicate in SHOWN_ELSEWHERE:
                continue
            shown[(predicate, str(triple.object))] = len(rows[predicate])
            rows[predicate].append((self.value(triple.object, predicate, self.language), [], ""))
        for node in sorted(self.d.parts):       # stated facts (rdf:Statement) about this resource, with quotes
            subject, predicate = self.d.first(node, RDF + "subject"), self.d.first(node, RDF + "predicate")
            target = self.d.first(node, RDF + "object")
            if subject is None or subject.value != self.d.iri or predicate is None or target is None:
                continue
            self.d.used.add(node)
            key = (predicate.value, str(target))
            if key in shown:
                html, quotes, _ = rows[predicate.value][shown[key]]
                rows[predicate.value][shown[key]] = (html, quotes + self.evidence_of(node), node)
            else:
                shown[key] = len(rows[predicate.value])
                rows[predicate.value].append((self.value(target, predicate.value), self.evidence_of(node), node))
        for membership in self.d.values(self.d.iri, ORG + "hasMembership"):
            rows[ORG + "role"].append((self._membership(membership.value), self.evidence_of(membership.value),
                                       membership.value))
        own_quotes = self.evidence_of(self.d.iri)
        if own_quotes:
            target = OBS_VALUE if rows.get(OBS_VALUE) else SPP_EVIDENCE
            html, quotes, node = rows[target][0] if rows.get(target) else ("", [], "")
            rows[target][:1] = [(html, quotes + own_quotes, node)]
        self.d.used |= {e.value for node in (self.d.iri, *self.d.parts) for e in self.d.values(node, SPP_EVIDENCE)}
        self.d.used |= {e.value for e in self.d.values(self.d.iri, SPP_STATED_AT)}

        def order(predicate: str) -> tuple[int, str]:
            return (FACT_ORDER.index(predicate) if predicate in FACT_ORDER else len(FACT_ORDER), self.words(predicate))
        return [(p, self.words(p), rows[p]) for p in sorted(rows, key=order)]

    def facts_table(self) -> str:
        stated = self.d.first(self.d.iri, SPP_STATED_AT)
        stated_at = self.quotes.get(stated.value) if stated is not None else None
        body = []
        for predicate, words, values in self.facts():
            cells = []
            for html, quotes, node in sorted(values, key=lambda v: v[0]):
                anchor = f' id="{escape(node.partition("#")[2])}"' if node.startswith(self.d.iri + "#") else ""
                cells.append(f'<div class="fact"{anchor}>{html}{folded(quotes, self.links, self.names, stated_at)}</div>')
            body.append(f'<tr><th scope="row"><a href="{escape(self.links.href(predicate))}" '
                        f'title="{escape(self.links.compact(predicate))}">{escape(words)}</a></th>'
                        f'<td>{"".join(cells)}</td></tr>')
        if not body:
            return ""
        return f'<h2>Facts</h2><table class="facts"><tbody>{"".join(body)}</tbody></table>'

    # ---- parts and incoming links ----------------------------------------------------------------------
    def part_sections(self) -> str:
        sections = []
        for node in sorted(n for n in self.d.parts if n not in self.d.used):
            statements = self.d.parts[node]
            anchor = f' id="{escape(node.partition("#")[2])}"' if node.startswith(self.d.iri + "#") else ""
            title = (self.links.iri(node, self.names.get(node)) if not node.startswith("_:")
                     else f"<code>{escape(node)}</code>")
            quote = self.quotes.get(node)
            if quote is not None:
                body = quote_html(quote, self.links, self.names)
                heading = "Passage"
                if quote.start is not None and quote.end is not None:
                    title = f'<a href="{escape(self.links.href(node))}">characters {quote.start}–{quote.end}</a>'
            else:
                rows = defaultdict(list)
                for triple in statements:
                    rows[triple.predicate.value].append(self.value(triple.object, triple.predicate.value))
                body = '<table class="facts"><tbody>' + "".join(
                    f'<tr><th scope="row">{escape(self.words(p))}</th><td>{"<br>".join(sorted(v))}</td></tr>'
                    for p, v in sorted(rows.items(), key=lambda kv: self.words(kv[0]))) + "</tbody></table>"
                heading = "Part"
            sections.append(f'<section class="node"{anchor}><h3>{heading}: {title}</h3>{body}</section>')
        if not sections:
            return ""
        return f"<h2>Parts ({len(sections)})</h2>" + "".join(sections)

    def linked_from(self) -> str:
        shown_as_links = {p for p, direction, _ in LINKS if direction == "in"}
        groups: dict[str, set[str]] = defaultdict(set)
        for triple in self.d.incoming:
            predicate = triple.predicate.value
            if predicate in REIFICATION or predicate in shown_as_links:
                continue
            groups[predicate].add(triple.subject.value)
        if not groups:
            return ""
        total = sum(len(s) for s in groups.values())
        parts = [f"<h2>Linked from ({total:,})</h2>"]
        for predicate in sorted(groups, key=self.words):
            subjects = sorted(groups[predicate], key=lambda s: (self.names.get(s).plain() if self.names.get(s) else s))
            items = "".join(f"<li>{self.links.iri(s, self.names.get(s))}</li>" for s in subjects)
            opened = " open" if len(subjects) <= 5 else ""
            parts.append(f'<details class="incoming"{opened}><summary><b>{escape(self.words(predicate))}</b> this '
                         f"({len(subjects):,})</summary><ul>{items}</ul></details>")
        return "".join(parts)

    def html(self, alternates: str) -> str:
        """The whole page."""
        body = self.about() + self.facts_table() + self.part_sections() + self.linked_from()
        body += f'<nav class="formats">This description as {alternates}</nav>'
        return page(self.names.get(self.d.iri) or self.links.compact(self.d.iri), body)

