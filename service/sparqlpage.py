"""The HTML face of /sparql: a query form, the example queries, and answers rendered as tables."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from graph_builder.query import ExampleQuery

from .html import Links, binding, page, sparql_link, table

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
        rows = [[binding(row.get(v), links) for v in variables] for row in data["results"]["bindings"]]
        result = (f"<p>{count} result{'s' if count != 1 else ''}</p>{note}"
                  + _downloads(query, ("csv", "json", "tsv", "xml")) + table(variables, rows))
    elif form == "boolean":
        value = json.loads(body)["boolean"]
        result = f"<p>Answer: <strong>{'yes' if value else 'no'}</strong></p>" + _downloads(query, ("json", "xml"))
    else:
        result = (f"<p>{count} triple{'s' if count != 1 else ''}</p>{note}"
                  + _downloads(query, ("turtle", "ntriples", "jsonld", "rdfxml"))
                  + f"<pre>{escape(body.decode('utf-8', 'replace'))}</pre>")
    return page("SPARQL query", _form(query) + "<h2>Answer</h2>" + result)
