"""The HTML face of /sparql: a query form, the example queries, and answers rendered as tables."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from graph_builder.query import ExampleQuery

from .html import Links, binding, page, sparql_link
from .terms import NUMBER_DATATYPES

OUTPUTS = (("html", "HTML table"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"),
           ("tsv", "TSV"), ("turtle", "Turtle"), ("ntriples", "N-Triples"), ("jsonld", "JSON-LD"),
           ("rdfxml", "RDF/XML"))
DEFAULT_QUERY = """PREFIX spp: <https://w3id.org/spp-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?statistic ?label WHERE {
  ?statistic a spp:Statistic ; rdfs:label ?label .
}
LIMIT 20
"""


def _form(query: str) -> str:
    options = "".join(f'<option value="{name}">{escape(label)}</option>' for name, label in OUTPUTS)
    return ('<form method="get" action="/sparql">'
            f'<textarea name="query" rows="14" spellcheck="false">{escape(query)}</textarea>'
            f'<p><label>Answer as <select name="format">{options}</select></label> '
            '<button type="submit">Run query</button></p></form>')


def _examples(examples: list[ExampleQuery]) -> str:
    if not examples:
        return ""
    items = "".join(f'<li><a href="{escape(sparql_link(e.sparql))}">{escape(e.title)}</a>'
                    f'<br><span class="muted">{escape(e.description)}</span></li>' for e in examples)
    return f"<h2>Example queries</h2><ul>{items}</ul>"


def query_page(examples: list[ExampleQuery], limits: str) -> str:
    """The query form with the example queries (GET /sparql from a browser)."""
    body = (f"<p>SPARQL 1.1 endpoint over the whole graph; the default graph is the union of the "
            f"document graphs and the reference graph. {escape(limits)}</p>"
            + _form(DEFAULT_QUERY) + _examples(examples)
            + '<p class="muted">Machines: GET or POST <code>/sparql</code> with <code>query=</code>; '
              'without a query and without <code>Accept: text/html</code> this URL answers its '
              'SPARQL Service Description in Turtle.</p>')
    return page("SPARQL query", body)


def _downloads(query: str, names: tuple[str, ...]) -> str:
    links = " ".join(f'<a href="/sparql?{escape(urlencode({"query": query, "format": n}))}">{n.upper()}</a>'
                     for n in names)
    return f'<nav class="formats">Download: {links}</nav>'


def answer_page(query: str, form: str, body: bytes, count: int, truncated: bool, links: Links,
                max_rows: int) -> str:
    """The answer of ``query`` for a browser: a table (SELECT), yes/no (ASK) or Turtle (CONSTRUCT)."""
    note = f"<p><strong>Only the first {max_rows} results are shown.</strong></p>" if truncated else ""
    if form == "solutions":
        data = json.loads(body)
        variables = data["head"]["vars"]
        result = (f"<p>{count} result{'s' if count != 1 else ''}</p>{note}"
                  + _downloads(query, ("csv", "json", "tsv", "xml"))
                  + results_table(variables, data["results"]["bindings"], links))
    elif form == "boolean":
        value = json.loads(body)["boolean"]
        result = f"<p>Answer: <strong>{'yes' if value else 'no'}</strong></p>" + _downloads(query, ("json", "xml"))
    else:
        result = (f"<p>{count} triple{'s' if count != 1 else ''}</p>{note}"
                  + _downloads(query, ("turtle", "ntriples", "jsonld", "rdfxml"))
                  + f"<pre>{escape(body.decode('utf-8', 'replace'))}</pre>")
    return page("SPARQL query", _form(query) + "<h2>Answer</h2>" + result)


def column_datatypes(values: list[dict]) -> tuple[str, ...]:
    """The datatypes of a column when they can be named once in its heading: the one datatype all its
    bound values share, or the numeric datatypes when all are numbers; () otherwise (plain strings,
    language-tagged text, IRIs or a mixture keep their own marks)."""
    types = {v.get("datatype", "") if v.get("type") in ("literal", "typed-literal") and "xml:lang" not in v else ""
             for v in values}
    if len(types) == 1 and "" not in types and not next(iter(types)).endswith("#string"):
        return tuple(types)
    return tuple(sorted(types)) if types and types <= NUMBER_DATATYPES else ()


def results_table(variables: list[str], bindings: list[dict], links: Links) -> str:
    """SELECT results as a table. A column whose values share a datatype names it once in its heading,
    not in every cell; numbers are right-aligned, integers written with thousands separators (the
    exact value in the cell's title)."""
    typed = {v: column_datatypes([row[v] for row in bindings if v in row]) for v in variables}
    head = "".join(f"<th>{escape(v)}" + (f' <span class="lang">{escape(" / ".join(links.compact(t) for t in typed[v]))}</span>'
                                         if typed[v] else "") + "</th>" for v in variables)
    body = []
    for row in bindings:
        cells = []
        for v in variables:
            value = row.get(v)
            if value is None or not typed[v]:
                cells.append(f"<td>{binding(value, links)}</td>")
            elif set(typed[v]) <= NUMBER_DATATYPES:
                cells.append(f'<td class="num" title="{escape(value["value"])}">{escape(_number(value["value"]))}</td>')
            else:
                cells.append(f"<td>{escape(value['value'])}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _number(text: str) -> str:
    """An integer with thousands separators ("1,688,000"); other numbers as written."""
    sign, digits = (text[0], text[1:]) if text[:1] in "+-" else ("", text)
    return (sign.replace("+", "") + f"{int(digits):,}") if digits.isdigit() else text
