"""Labels in their language on every HTML page, the home page's documents by language, and dumps that keep
the language tags — over the real server and the bundled corpus (which has English and Chinese documents)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
import rdflib

from service.html import Links, literal, page
from service.languages import Name, Text, name_of

BASE = "https://w3id.org/spp-kg/"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCTERMS = "http://purl.org/dc/terms/"
ZH_DOCUMENT = "/id/document/2023-03-07-spp-work-report-zh-excerpt"
HAN = re.compile(r"[\u3400-\u9fff]")
VOID_TAGS = {"br", "meta", "input", "img", "link", "hr", "wbr", "source", "area", "base", "col", "embed"}


@dataclass(frozen=True)
class TextNode:
    """A piece of text of a page, the language it is in (the nearest ``lang``) and the elements around it."""

    text: str
    lang: str
    path: tuple[str, ...]        # tag names from <html> down; ids and classes as "tag#id" / "tag.class"
    attributes: tuple[dict, ...]


class _Texts(HTMLParser):
    """Every text node of a page with its nearest ``lang`` (the pages are well-formed: every element closed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.nodes: list[TextNode] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:
            self.stack.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes <{self.stack[-1][0] if self.stack else ''}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not data.strip():
            return
        lang = next((a["lang"] for _, a in reversed(self.stack) if "lang" in a), "")
        self.nodes.append(TextNode(data, lang, tuple(t for t, _ in self.stack), tuple(a for _, a in self.stack)))


def texts(html: str) -> list[TextNode]:
    """The text nodes of an HTML page."""
    parser = _Texts()
    parser.feed(html)
    parser.close()
    assert not parser.stack, f"unclosed elements: {[t for t, _ in parser.stack]}"
    return parser.nodes


def in_element(nodes: list[TextNode], tag: str) -> list[TextNode]:
    return [n for n in nodes if tag in n.path]


def get_page(http, path: str, **params: str) -> str:
    response = http.get(path, headers=BROWSER, params=params)
    assert response.status_code == 200, path
    assert response.headers["content-type"].startswith("text/html"), path
    assert "<script" not in response.text
    assert "script-src" not in response.headers["content-security-policy"]     # no script may run
    return response.text


def tagged_literals(http, path: str) -> list[rdflib.Literal]:
    """The language-tagged literals of a resource's description (its Turtle twin)."""
    graph = rdflib.Graph().parse(data=http.get(path, headers={"Accept": "text/turtle"}).text, format="turtle")
    return [o for o in graph.objects() if isinstance(o, rdflib.Literal) and o.language]


# ---- the rules, without a server -------------------------------------------------------------------------

def test_a_name_shows_the_english_and_the_chinese_label_once_each():
    both = name_of([(SKOS + "prefLabel", "盗窃", "zh"), (RDFS_LABEL, "theft", "en"), (RDFS_LABEL, "盗窃", "zh"),
                    (SKOS + "prefLabel", "theft", "en")])
    assert both.plain() == "theft · 盗窃"
    assert both.html() == '<span lang="en">theft</span> · <span lang="zh">盗窃</span>'


def test_a_resource_with_only_a_chinese_label_is_called_by_it():
    assert name_of([(RDFS_LABEL, "盗窃、诈骗、毒品犯罪", "zh")]).html() == '<span lang="zh">盗窃、诈骗、毒品犯罪</span>'


def test_an_untagged_title_takes_the_language_its_resource_states():
    title = name_of([(DCTERMS + "title", "最高人民检察院工作报告", ""), (RDFS_LABEL, "最高人民检察院工作报告", "zh")], "zh")
    assert title.texts == (Text("最高人民检察院工作报告", "zh"),)
    assert name_of([(DCTERMS + "title", "A report", "")]).texts == (Text("A report", ""),)


def test_a_tagged_literal_is_escaped_inside_an_element_carrying_its_language():
    html = literal("<b>盗窃</b>", "zh", None)
    assert html == '<span lang="zh">&lt;b&gt;盗窃&lt;/b&gt;</span> <span class="lang">@zh</span>'
    assert 'lang="x&quot;onmouseover' in literal("x", 'x"onmouseover', None)
    assert literal("2024", None, "http://www.w3.org/2001/XMLSchema#gYear", Links(BASE), "zh").startswith("2024 ")


def test_a_page_heading_shows_a_name_in_its_languages_and_the_window_title_its_text():
    html = page(Name((Text("theft", "en"), Text("盗窃", "zh"))), "<p>x</p>", prefix="Statistics: ")
    assert "<title>Statistics: theft · 盗窃 — spp-kg</title>" in html
    assert '<h1>Statistics: <span lang="en">theft</span> · <span lang="zh">盗窃</span></h1>' in html


# ---- resource pages --------------------------------------------------------------------------------------

def test_a_crime_type_is_headed_by_its_english_and_chinese_labels(http):
    nodes = texts(get_page(http, "/id/crime-type/theft"))
    heading = [(n.text, n.lang) for n in in_element(nodes, "h1")]
    assert heading == [("theft", "en"), (" · ", "en"), ("盗窃", "zh")]
    assert [n.text for n in in_element(nodes, "title")] == ["theft · 盗窃 — spp-kg"]


@pytest.mark.parametrize("path", ["/id/crime-type/theft", "/id/crime-type/theft-fraud-drug-crime", ZH_DOCUMENT,
                                  "/id/agency/supreme-peoples-procuratorate", "/id/measure/people-arrested"])
def test_every_tagged_literal_of_a_page_is_shown_in_its_language(http, path):
    nodes = texts(get_page(http, path))
    literals = tagged_literals(http, path)
    assert any(lit.language == "zh" for lit in literals), "the resource should have a Chinese label"
    for lit in literals:
        shown = [n for n in nodes if n.text == str(lit)]
        assert shown, f"{lit!r} is not on {path}"
        assert all(n.lang == lit.language for n in shown), (path, str(lit), {n.lang for n in shown})


def test_every_chinese_text_of_a_chinese_document_page_is_marked_chinese(http):
    nodes = texts(get_page(http, ZH_DOCUMENT))
    heading = in_element(nodes, "h1")
    assert [(n.text, n.lang) for n in heading] == [("最高人民检察院工作报告", "zh")]    # never the IRI
    chinese = [n for n in nodes if HAN.search(n.text) and "title" not in n.path]
    assert len(chinese) > 10
    not_marked = [n.text[:40] for n in chinese if n.lang != "zh" and " · " not in n.text]
    assert not not_marked, not_marked
    quotes = in_element(nodes, "blockquote")
    assert quotes and all(n.lang == "zh" for n in quotes)
    publisher = next(n for n in nodes if n.text == "Supreme People's Procuratorate" and "td" in n.path)
    assert publisher.lang == "en"        # an untagged English value of a Chinese document is not marked Chinese


def test_the_evidence_of_a_statistic_from_a_chinese_document_is_marked_chinese(http, store):
    row = next(iter(store.query(
        "SELECT ?s ?quote WHERE { ?s a <https://w3id.org/spp-kg/ontology#Statistic> ; "
        f"<http://www.w3.org/ns/prov#wasDerivedFrom> <{BASE}{ZH_DOCUMENT[1:]}> ; "
        "<https://w3id.org/spp-kg/ontology#evidence> ?e . ?e <http://www.w3.org/ns/oa#exact> ?quote } LIMIT 1")))
    html = get_page(http, row["s"].value[len(BASE) - 1:])
    quotes = [(n.text, n.lang) for n in in_element(texts(html), "blockquote")]
    # the sentence that proves it, its number (spp:statedAt) marked in it: all in Chinese
    assert row["quote"].value in "".join(text for text, _ in quotes) and all(language == "zh" for _, language in quotes)
    assert f'Quoted from <a href="{ZH_DOCUMENT}"><span lang="zh">最高人民检察院工作报告</span></a>' in html


def test_sparql_answers_in_html_show_labels_in_their_language(http):
    query = f"SELECT ?label WHERE {{ <{BASE}id/crime-type/theft> <{SKOS}prefLabel> ?label }}"
    nodes = texts(get_page(http, "/sparql", query=query, format="html"))
    cells = {(n.text, n.lang) for n in in_element(nodes, "td")}
    assert {("theft", "en"), ("盗窃", "zh"), ("@zh", "en")} <= cells


# ---- the home page --------------------------------------------------------------------------------------

def test_the_home_page_lists_the_documents_by_language_with_counts(http, store):
    html = get_page(http, "/")
    expected: dict[str, set[str]] = {}
    for row in store.query("SELECT ?d ?language WHERE { ?d a <https://w3id.org/spp-kg/ontology#Document> ; "
                           f"<{DCTERMS}language> ?language }}"):
        expected.setdefault(row["language"].value, set()).add(row["d"].value[len(BASE) - 1:])
    assert set(expected) == {"en", "zh"} and len(expected["zh"]) >= 3
    sections = re.findall(r'<section class="documents" id="documents-(\w+)">(.*?)</section>', html)
    assert [tag for tag, _ in sections] == ["en", "zh"]                       # English first, then 中文
    for tag, section in sections:
        nodes = texts(section)
        heading = [(n.text, n.lang) for n in in_element(nodes, "h3")]
        count = len(expected[tag])
        assert heading == [({"en": "English", "zh": "中文"}[tag], tag), (f"({count} documents)", "")]   # no <html lang> here
        links = re.findall(r'<li><a href="([^"]+)">', section)
        assert sorted(links) == sorted(expected[tag])
        titles = [n for n in nodes if "a" in n.path]
        assert len(titles) == count and all(n.lang == tag for n in titles)
        if tag == "zh":
            assert all(HAN.search(n.text) for n in titles)
    total, english, chinese = sum(map(len, expected.values())), len(expected["en"]), len(expected["zh"])
    assert (f'{total} documents ({english} in <span lang="en">English</span>, '
            f'{chinese} in <span lang="zh">中文</span>)') in html


def test_a_chinese_title_on_the_home_page_leads_to_its_document_page(http):
    html = get_page(http, "/")
    href = re.search(r'<li><a href="([^"]+)"><span lang="zh">最高人民检察院工作报告</span></a>', html).group(1)
    assert href == ZH_DOCUMENT
    assert "最高人民检察院工作报告" in get_page(http, href)


# ---- statistics pages -----------------------------------------------------------------------------------

def test_a_measure_page_is_headed_by_both_labels_and_names_crime_types_in_both(http):
    html = get_page(http, "/statistics/people-prosecuted")
    nodes = texts(html)
    assert [(n.text, n.lang) for n in in_element(nodes, "h1")] == [
        ("Statistics: ", "en"), ("people prosecuted", "en"), (" · ", "en"), ("起诉人数", "zh")]
    assert ('<a href="/id/crime-type/theft-fraud-drug-crime"><span lang="en">theft, fraud and drug crimes</span> · '
            '<span lang="zh">盗窃、诈骗、毒品犯罪</span></a>') in html
    chinese = [n for n in nodes if HAN.search(n.text) and "title" not in n.path]
    assert chinese and all(n.lang == "zh" for n in chinese), {n.text[:30] for n in chinese if n.lang != "zh"}
    labels = re.findall(r'<text class="label"[^>]*?(?: lang="([^"]*)")?>', html)
    assert labels and all(labels)                                            # every bar label has its language


def test_the_json_twins_give_the_labels_by_language(http):
    measures = http.get("/statistics.json").json()["measures"]
    prosecuted = next(m for m in measures if m["slug"] == "people-prosecuted")
    assert prosecuted["labels"] == {"en": "people prosecuted", "zh": "起诉人数"}
    data = http.get("/statistics/people-prosecuted.json").json()
    assert data["measure"]["labels"] == {"en": "people prosecuted", "zh": "起诉人数"}
    crime_types = [{k: v for k, v in c.items() if k != "partOf"} for g in data["groups"] for f in g["byCrimeType"]
                   for c in f["crimeTypes"]]
    assert {"iri": BASE + "id/crime-type/theft-fraud-drug-crime", "label": "theft, fraud and drug crimes",
            "labels": {"en": "theft, fraud and drug crimes", "zh": "盗窃、诈骗、毒品犯罪"}} in crime_types
    figures = [f for g in data["groups"] for f in g["byCrimeType"] + g["notSpecified"]]
    assert {f["documentLanguage"] for f in figures} >= {"en", "zh"}


# ---- dumps ----------------------------------------------------------------------------------------------

def test_the_dumps_keep_the_chinese_labels_and_their_tags(http):
    turtle = http.get("/dumps/graph.ttl")
    assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
    theft = rdflib.URIRef(BASE + "id/crime-type/theft")
    graph = rdflib.Graph().parse(data=turtle.content.decode("utf-8"), format="turtle")
    assert (theft, rdflib.URIRef(SKOS + "prefLabel"), rdflib.Literal("盗窃", lang="zh")) in graph
    document = rdflib.URIRef(BASE + ZH_DOCUMENT[1:])
    assert (document, rdflib.URIRef(DCTERMS + "language"), rdflib.Literal("zh")) in graph
    jsonld = json.loads(http.get("/dumps/graph.jsonld").content.decode("utf-8"))
    assert '{"@language": "zh", "@value": "盗窃"}' in json.dumps(jsonld, ensure_ascii=False)
