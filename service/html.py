"""Server-side HTML: the page layout, its stylesheet, and how IRIs and literals are shown and linked.

Plain string building with ``html.escape``: no templates engine, no JavaScript framework, nothing
fetched from the internet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

import pyoxigraph

from graph_builder.config import PREFIXES

from .languages import PAGE_LANGUAGE, Name, in_language, inferred, lang_attribute

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2327;background:#fff;line-height:1.45}
header{background:#7a1f1f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:baseline;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}header a.brand{font-weight:700;font-size:1.15rem}
main{padding:1rem 1.2rem;max-width:72rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #d0d4d8;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f2f3f5}td.num{text-align:right}
code,pre,textarea{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.88rem}
pre{background:#f6f7f8;padding:.6rem;overflow:auto;white-space:pre-wrap}
textarea{width:100%;box-sizing:border-box}
blockquote{border-left:4px solid #7a1f1f;margin:.5rem 0;padding:.3rem .8rem;background:#fbf6f6}
.muted{color:#5f6b76;font-size:.88rem}.lang{color:#5f6b76;font-size:.8rem}
section.node{border:1px solid #e2e4e7;padding:.2rem .8rem;margin:.6rem 0}
nav.formats a{margin-right:.8rem}
header form.search{margin-left:auto}header input{font:inherit;padding:.15rem .4rem;border:0;border-radius:3px}
mark{background:#ffe08a;padding:0 .1rem}ol.hits li{margin:.2rem 0 .8rem}p.snippet{margin:.2rem 0}
table.about,table.facts{width:100%}table.about th,table.facts th{white-space:nowrap;width:12rem;font-weight:600}
details.evidence{display:inline;margin-left:.5rem}details.evidence[open]{display:block;margin:.2rem 0 .4rem}
details.evidence>summary{display:inline;cursor:pointer;color:#5f6b76;font-size:.8rem}
ul.links{columns:2 22rem;margin:0;padding-left:1rem;font-size:.88rem}details.incoming{margin:.3rem 0}details.incoming ul{margin:.2rem 0 .6rem}
div.series-charts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}figure.series{margin:.4rem 0;flex:0 1 25rem}
figure.series figcaption{font-weight:600;font-size:.95rem}
:lang(zh){font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Noto Sans CJK",system-ui,sans-serif}
"""


_SEARCH_BOX = ('<form class="search" action="/search" method="get" role="search">'
               '<input type="search" name="q" aria-label="Search" placeholder="Search" maxlength="200"></form>')


def page(title: str | Name, body: str, subtitle: str = "", prefix: str = "") -> str:
    """A complete HTML page with the site's header and ``body`` (already HTML).

    A ``Name`` as title is shown with each label in its language ("theft · 盗窃" as
    ``theft · <span lang="zh">盗窃</span>``); the window title gets its plain text. ``prefix`` is
    text put before the title in both ("Statistics: ").
    """
    heading = escape(prefix) + (title.html() if isinstance(title, Name) else escape(title))
    title = prefix + (title.plain() if isinstance(title, Name) else title)
    nav = "".join(f'<a href="{href}">{escape(text)}</a>' for href, text in (
        ("/sparql", "SPARQL"), ("/statistics", "Statistics"), ("/dumps", "Downloads"), ("/ontology", "Ontology"),
        ("/shapes", "Shapes"), ("/.well-known/void", "VoID"), ("/docs", "API")))
    sub = f'<p class="muted">{subtitle}</p>' if subtitle else ""
    return (f"<!DOCTYPE html>\n<html lang=\"{PAGE_LANGUAGE}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)} — spp-kg</title><style>{_STYLE}</style></head><body>"
            f'<header><a class="brand" href="/">spp-kg</a>{nav}{_SEARCH_BOX}</header>'
            f"<main><h1>{heading}</h1>{sub}{body}</main></body></html>\n")


def table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """An HTML table; ``headers`` are text, cells are HTML."""
    numeric = numeric or set()
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def sparql_link(query: str, output: str = "html") -> str:
    """The /sparql URL that runs ``query`` and answers in ``output`` (a format= name)."""
    return "/sparql?" + urlencode({"query": query, "format": output})


@dataclass(frozen=True)
class Links:
    """How IRIs of the graph become links: the build's IRIs point at this server's pages."""

    base_iri: str

    def href(self, iri: str) -> str:
        """The local page of ``iri`` when the service serves it, else the IRI itself."""
        for local in ("id/", "ontology"):
            if iri.startswith(self.base_iri + local):
                rest = iri[len(self.base_iri):]
                path, hash_, fragment = rest.partition("#")
                return "/" + quote(path, safe="/-._~") + (hash_ + quote(fragment, safe="=,-._~") if hash_ else "")
        return iri

    def compact(self, iri: str) -> str:
        """``prefix:name`` for well-known namespaces, the IRI otherwise."""
        best = ""
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and len(namespace) > len(best):
                best, name = namespace, prefix
        if best:
            local = iri[len(best):]
            if local and all(c.isalnum() or c in "-_." for c in local):
                return f"{name}:{local}"
        return iri

    def iri(self, iri: str, label: str | Name | None = None) -> str:
        """A link to ``iri`` showing ``label`` (a ``Name`` in its languages) or its compact name; an IRI
        that is no web address (``javascript:``, ``data:``, ``urn:`` …) is shown, never linked."""
        text = label.html() if isinstance(label, Name) and label else escape(label or self.compact(iri))
        href = self.href(iri)
        if href.startswith("/"):
            return f'<a href="{escape(href)}">{text}</a>'
        if not is_web_address(href):
            return f'<span class="iri">{text}</span>'
        return f'<a href="{escape(href)}" rel="external">{text}</a>'


def is_web_address(iri: str) -> bool:
    """Whether an IRI may be a link target: http or https only."""
    return iri.lower().startswith(("http://", "https://"))


def literal(value: str, language: str | None = None, datatype: str | None = None, links: Links | None = None,
            context_language: str = "") -> str:
    """A literal's HTML: its text in an element carrying its language and, in small print, its language
    tag or datatype. ``context_language`` is the language of an untagged string known from its
    resource (the text of a Chinese document): it sets ``lang`` (unless it is the page's language) but
    no tag is shown."""
    plain = not datatype or datatype.endswith("#string")
    lang = language or (inferred(context_language) if plain else "")
    if "\n" in value or len(value) > 600:
        text = (f"<details{lang_attribute(lang)}><summary>{escape(value[:160])}…</summary>"
                f"<pre>{escape(value)}</pre></details>")
    else:
        text = in_language(escape(value), lang)
    if language:
        return f'{text} <span class="lang">@{escape(language)}</span>'
    if datatype and links and not datatype.endswith("#string"):
        return f'{text} <span class="lang">{escape(links.compact(datatype))}</span>'
    return text


def term(node: object, links: Links, labels: Mapping[str, str | Name] | None = None,
         context_language: str = "") -> str:
    """HTML of a pyoxigraph term: IRIs linked (with their name when known), literals in their language
    (``context_language`` for an untagged string, see ``literal``)."""
    labels = labels or {}
    if isinstance(node, pyoxigraph.NamedNode):
        return links.iri(node.value, labels.get(node.value))
    if isinstance(node, pyoxigraph.Literal):
        return literal(node.value, node.language, node.datatype.value, links, context_language)
    if isinstance(node, pyoxigraph.BlankNode):
        return f"<code>_:{escape(node.value)}</code>"
    return escape(str(node))


def binding(value: dict | None, links: Links) -> str:
    """HTML of one binding of SPARQL JSON results."""
    if value is None:
        return ""
    kind = value.get("type")
    if kind == "uri":
        return links.iri(value["value"])
    if kind == "bnode":
        return f"<code>_:{escape(value['value'])}</code>"
    if kind == "triple":
        return escape(str(value.get("value")))
    return literal(value.get("value", ""), value.get("xml:lang"), value.get("datatype"), links)
