"""The quotes that prove a fact: looked up by their IRIs and shown folded behind the fact (``<details>``).

An evidence node is a text selector of a document (``…/id/document/x#char=120,388``): its quote
(``oa:exact``), its offsets (``oa:start``, ``oa:end``) and its document (``dcterms:isPartOf``). A page
shows a fact first and its quote one click away, the number itself marked in the quote when the
statistic says where it stands (``spp:statedAt``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

from .html import Links
from .languages import inferred, lang_attribute
from .names import Names
from .evaluation import evaluate
from .state import ServiceState
from .jobs import Job

OA = "http://www.w3.org/ns/oa#"
IS_PART_OF = "http://purl.org/dc/terms/isPartOf"
SPP_EVIDENCE = "https://w3id.org/spp-kg/ontology#evidence"
SPP_STATED_AT = "https://w3id.org/spp-kg/ontology#statedAt"
_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')


@dataclass(frozen=True)
class Quote:
    """A quote of a document: its text, language tag, document and character offsets."""

    iri: str
    exact: str
    language: str = ""
    document: str = ""
    start: int | None = None
    end: int | None = None


def _offset(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def quotes_query(iris: list[str]) -> str:
    """A SELECT of the quote, offsets and document of each of ``iris`` (unsafe IRIs left out)."""
    values = " ".join(f"<{i}>" for i in iris if _IRI_SAFE.match(i))
    return (f"SELECT ?e ?exact ?start ?end ?document WHERE {{ VALUES ?e {{ {values} }} ?e <{OA}exact> ?exact "
            f"OPTIONAL {{ ?e <{OA}start> ?start }} OPTIONAL {{ ?e <{OA}end> ?end }} "
            f"OPTIONAL {{ ?e <{IS_PART_OF}> ?document }} }}")


async def lookup_quotes(state: ServiceState, iris: set[str]) -> dict[str, Quote]:
    """The quotes of the evidence nodes ``iris``, by IRI."""
    wanted = sorted(i for i in iris if _IRI_SAFE.match(i))
    if not wanted:
        return {}
    answer = await evaluate(state, Job(quotes_query(wanted), result_format="json", max_rows=100_000))
    quotes = {}
    for row in json.loads(answer.body)["results"]["bindings"]:
        exact = row["exact"]
        quotes.setdefault(row["e"]["value"], Quote(
            row["e"]["value"], exact["value"], exact.get("xml:lang", ""),
            row.get("document", {}).get("value", ""), _offset(row.get("start", {}).get("value")),
            _offset(row.get("end", {}).get("value"))))
    return quotes


def _marked(quote: Quote, stated_at: Quote | None) -> str:
    """The quote's text, escaped, with the span ``stated_at`` covers inside ``<mark>``."""
    text = quote.exact
    if (stated_at and quote.start is not None and stated_at.start is not None and stated_at.end is not None
            and quote.start <= stated_at.start < stated_at.end <= quote.start + len(text)):
        first, last = stated_at.start - quote.start, stated_at.end - quote.start
        return escape(text[:first]) + f"<mark>{escape(text[first:last])}</mark>" + escape(text[last:])
    return escape(text)


def quote_html(quote: Quote, links: Links, names: Names, stated_at: Quote | None = None) -> str:
    """A quote as a block: the text in its language (the document's when untagged), then where it is from."""
    language = quote.language or inferred(names.language(quote.document))
    where = ""
    if quote.document:
        span = f", characters {quote.start}–{quote.end}" if quote.start is not None and quote.end is not None else ""
        where = (f'<p class="muted">Quoted from {links.iri(quote.document, names.get(quote.document))}{span} · '
                 f'<a href="{escape(links.href(quote.iri))}">in the document</a></p>')
    return f"<blockquote{lang_attribute(language)}>{_marked(quote, stated_at)}</blockquote>{where}"


def folded(quotes: list[Quote], links: Links, names: Names, stated_at: Quote | None = None) -> str:
    """The quotes behind a fact, folded: a summary line that opens to the quotes."""
    if not quotes:
        return ""
    count = f"{len(quotes)} quotes" if len(quotes) > 1 else "quote"
    return (f'<details class="evidence"><summary>{count}</summary>'
            + "".join(quote_html(q, links, names, stated_at) for q in quotes) + "</details>")


def quotes_in(statements: dict[str, list]) -> dict[str, Quote]:
    """The quotes among the nodes of a description (``statements``: pyoxigraph triples by subject)."""
    quotes = {}
    for node, triples in statements.items():
        values = {t.predicate.value: t.object for t in triples}
        exact = values.get(OA + "exact")
        if exact is None:
            continue
        document = values.get(IS_PART_OF)
        quotes[node] = Quote(node, exact.value, getattr(exact, "language", None) or "",
                             document.value if document is not None else "",
                             _offset(getattr(values.get(OA + "start"), "value", None)),
                             _offset(getattr(values.get(OA + "end"), "value", None)))
    return quotes
