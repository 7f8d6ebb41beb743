"""The pages in a real headless Chromium (Debian's ``chromium`` driven by Playwright), against the real server.

Nothing is loaded from the internet: the browser only talks to the local server. Screenshots of the
pages go to ``$SPP_KG_SCREENSHOTS`` (default ``/tmp/screens``) for a person to look at. Playwright
comes with the test extra and ``.ci/run`` installs Debian's chromium and its Chinese fonts
(``fonts-noto-cjk``); without them these tests fail.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pytest

from playwright import sync_api

CHROMIUM = os.environ.get("SPP_KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENS = Path(os.environ.get("SPP_KG_SCREENSHOTS", "/tmp/screens"))



@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (Playwright gives it a fresh temporary profile)."""
    assert Path(CHROMIUM).is_file(), f"no Chromium at {CHROMIUM}: install Debian's chromium (see .ci/run)"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, service_url):
    """A fresh page whose requests may only go to the local server."""
    context = browser.new_context(base_url=service_url, viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^(?!" + re.escape(service_url) + r")"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def screenshot(page, name: str, full_page: bool = True) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=full_page)


def _number(text: str) -> int:
    return int(re.match(r"\s*([\d,]+)", text).group(1).replace(",", ""))


def test_a_query_typed_into_the_form_answers_with_a_table(page):
    page.goto("/sparql")
    page.fill("textarea[name=query]", "PREFIX spp: <https://w3id.org/spp-kg/ontology#>\n"
                                      "SELECT (COUNT(?s) AS ?statistics) WHERE { ?s a spp:Statistic }")
    page.click("button[type=submit]")
    page.wait_for_selector("table tbody tr")
    assert page.inner_text("table thead th") == "statistics xsd:integer"      # the column's datatype, once
    assert _number(page.inner_text("table tbody td")) >= 180
    assert "COUNT(?s)" in page.input_value("textarea[name=query]")      # the form keeps the query

    page.fill("textarea[name=query]", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
              "SELECT ?label WHERE { <https://w3id.org/spp-kg/id/agency/supreme-peoples-procuratorate> "
              "rdfs:label ?label FILTER(LANG(?label) = \"en\") }")
    page.click("button[type=submit]")
    page.wait_for_selector("table tbody tr")
    assert "Supreme People's Procuratorate" in page.inner_text("table tbody")
    screenshot(page, "query-results")


def test_a_bar_of_the_chart_leads_to_the_statistic_and_its_evidence(page):
    page.goto("/statistics/people-prosecuted")
    bar = page.locator("svg.spp-chart a", has=page.locator("text.label", has_text=re.compile(r"^(↳ )?online gambling$")))
    assert bar.count() == 1
    assert bar.locator("text.value").text_content() == "19,000+5.3%"
    assert bar.locator("text.value tspan.up").text_content() == "+5.3%"          # green, next to the value
    assert bar.locator("rect.bar").bounding_box()["width"] > 0
    screenshot(page, "chart-people-prosecuted")
    bar.locator("rect.bar").click()
    page.wait_for_url(re.compile(r"/id/statistic/[0-9a-f]+$"))
    evidence = page.locator("table.facts details.evidence")
    assert evidence.count() == 1
    assert not evidence.locator("blockquote").is_visible()                      # folded behind the fact
    evidence.locator("summary").click()
    assert "19,000 people for online gambling crimes" in evidence.locator("blockquote").inner_text()
    assert evidence.locator("blockquote mark").inner_text() == "19,000"
    document = evidence.locator("p.muted a").first
    assert document.get_attribute("href") == "/id/document/2024-03-12-spp-work-report"
    assert "Work Report" in document.inner_text()
    screenshot(page, "statistic-evidence")
    document.click()
    page.wait_for_url(re.compile(r"/id/document/2024-03-12-spp-work-report$"))


def test_the_home_page_shows_counts_and_its_example_queries_run(page):
    page.goto("/")
    assert "procuratorial" in page.title()
    counts = page.locator("table tbody tr", has=page.locator("a", has_text="spp:Statistic"))
    assert _number(counts.locator("td").nth(1).inner_text()) >= 180
    assert page.locator("header a", has_text="Statistics").get_attribute("href") == "/statistics"
    screenshot(page, "home")
    examples = page.locator("h2:has-text('Example queries') + ul > li > a")
    assert examples.count() >= 5
    examples.first.click()
    page.wait_for_url(re.compile(r"/sparql\?"))
    page.wait_for_selector("table tbody tr")
    assert page.locator("table tbody tr").count() >= 1
    assert "Answer" in page.inner_text("main")


def test_the_statistics_index_links_each_measure_page(page):
    page.goto("/")
    page.click("header a:has-text('Statistics')")
    page.wait_for_url(re.compile(r"/statistics$"))
    page.click("main table a[href='/statistics/people-prosecuted']")
    page.wait_for_selector("svg.spp-chart")
    assert page.locator("svg.spp-chart a").count() >= 30


def test_the_downloads_page_links_the_statistics_table_and_the_link_downloads_a_csv(page):
    page.goto("/dumps")
    link = page.locator("main a[href='/dumps/statistics.csv']")
    assert link.inner_text() == "statistics.csv"
    assert page.locator("main a[href='/dumps/statistics.csv-metadata.json']").count() == 1
    screenshot(page, "downloads")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "statistics.csv"
    with open(download.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 180
    assert {"value", "measure", "crime_type", "period_start", "quote", "iri"} <= set(rows[0])
    assert all(row["iri"].startswith("https://w3id.org/spp-kg/id/statistic/") for row in rows)


# ---- What a page is, above the fold ------------------------------------------------------------------------

def above_the_fold(page, locator) -> bool:
    """Whether the element starts inside the first screenful of the page (scrolled to the top)."""
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_the_agency_page_shows_its_labels_links_and_facts_in_the_first_screenful(page):
    page.goto("/id/agency/supreme-peoples-procuratorate")
    about = page.locator("table.about")
    assert about.locator("tr", has=page.locator("th", has_text="English")).locator("td").inner_text() == \
        "Supreme People's Procuratorate"
    assert about.locator("tr", has=page.locator("th", has_text="Chinese")).locator("td").inner_text() == "最高人民检察院"
    assert about.locator("tr", has=page.locator("th", has_text="Type")).locator("td").inner_text() == "Agency"
    for heading in ("English", "Chinese", "Type", "Same as", "Sub-organisations"):
        assert above_the_fold(page, about.locator("th", has_text=heading)), heading
    assert above_the_fold(page, page.locator("table.facts"))
    facts_top = page.locator("table.facts").bounding_box()["y"]
    quotes = page.locator("blockquote")
    assert quotes.count() >= 19 and not quotes.first.is_visible()              # every quote folded behind its fact
    screenshot(page, "agency-first-screenful", full_page=False)
    collaborates = page.locator("table.facts tr", has=page.locator("th", has_text="collaborates with"))
    collaborates.locator("details.evidence summary").first.click()
    assert quotes.first.is_visible() and quotes.first.bounding_box()["y"] > facts_top
    screenshot(page, "agency-a-quote-opened", full_page=False)


def test_a_statistic_page_says_what_it_counts_and_shows_its_facts_first(page):
    page.goto("/statistics/people-prosecuted")
    page.locator("svg.spp-chart a", has=page.locator("text.label", has_text="online gambling")).first.click()
    page.wait_for_url(re.compile(r"/id/statistic/[0-9a-f]+$"))
    heading = page.locator("h1").inner_text()
    assert heading.startswith("19,000 people prosecuted for online gambling") and "2023" in heading
    facts = page.locator("table.facts")
    assert above_the_fold(page, facts)
    value = facts.locator("tr", has=page.locator("th", has_text=re.compile(r"^value$"))).locator("td div.fact")
    assert value.inner_text().startswith("19,000")
    period = facts.locator("tr", has=page.locator("th", has_text="reference period")).locator("td a")
    assert period.inner_text() == "2023" and period.get_attribute("href") == "/id/period/2023"
    screenshot(page, "statistic-first-screenful", full_page=False)


def test_the_list_of_agencies_leads_to_each_agency(page):
    page.goto("/id/agency")
    assert page.locator("h1").inner_text() == "Agencies"
    links = page.locator("ul.listing li a")
    assert links.count() > 100
    screenshot(page, "agencies", full_page=False)
    page.locator("ul.listing a[href='/id/agency/supreme-peoples-procuratorate']").click()
    page.wait_for_url(re.compile(r"/id/agency/supreme-peoples-procuratorate$"))


def test_a_subcategory_is_drawn_under_its_category(page):
    page.goto("/statistics/people-prosecuted")
    chart = page.locator("svg.spp-chart", has=page.locator("text.label", has_text="online gambling")).first
    cybercrime = chart.locator("a", has=page.locator("text.label", has_text=re.compile(r"^cybercrime$")))
    gambling = chart.locator("a.nested", has=page.locator("text.label", has_text="↳ online gambling"))
    assert cybercrime.count() == 1 and gambling.count() == 1
    top, below = cybercrime.locator("rect.bar").bounding_box(), gambling.locator("rect.bar").bounding_box()
    assert below["y"] > top["y"] and below["height"] < top["height"]          # under it, and thinner
    chart.scroll_into_view_if_needed()
    screenshot(page, "chart-nesting", full_page=False)


# ---- Chinese text: marked with its language and drawn with a font that has its glyphs ------------------

CJK_FONT = re.compile(r"CJK|Source Han|PingFang|YaHei|WenQuanYi|Droid Sans Fallback|AR PL", re.I)


def rendered_fonts(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the text of ``selector``'s element with, and how many glyphs each (DevTools'
    "Rendered Fonts": a character no installed font has is drawn as a box by the last fallback)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no element {selector}"
        return {f["familyName"]: f["glyphCount"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    finally:
        cdp.detach()


# Where two different Chinese characters of an element are drawn (viewport coordinates): a Range per character.
_TWO_HAN_RECTS = """element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const rects = [], seen = new Set();
  for (let node = walker.nextNode(); node && rects.length < 2; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length && rects.length < 2; i++) {
      const c = node.data[i];
      if (!/[\u3400-\u9fff]/.test(c) || seen.has(c)) continue;
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      seen.add(c); rects.push({c, x: r.x, y: r.y, width: r.width, height: r.height});
    }
  }
  return rects;
}"""


def assert_drawn_in_a_cjk_font(page, selector: str) -> None:
    """The element's Chinese characters are all drawn by a CJK font, and two different characters look different
    (boxes of a missing font, or nothing at all, would look the same)."""
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    text = element.inner_text()
    fonts = rendered_fonts(page, selector)
    cjk = sum(count for family, count in fonts.items() if CJK_FONT.search(family))
    han = len(re.findall(r"[\u3400-\u9fff]", text))
    assert han and cjk >= han, f"{selector} ({text[:20]}…) drawn with {fonts}: install fonts-noto-cjk (see .ci/run)"
    rects = element.evaluate(_TWO_HAN_RECTS)
    assert len(rects) == 2 and all(r["width"] > 0 and r["height"] > 0 for r in rects), rects
    shots = [page.screenshot(clip={k: r[k] for k in ("x", "y", "width", "height")}) for r in rects]
    assert shots[0] != shots[1], f"{rects[0]['c']} and {rects[1]['c']} look the same: drawn as boxes?"


def test_a_crime_type_shows_its_chinese_label_in_chinese_glyphs(page):
    page.goto("/id/crime-type/theft")
    heading = page.locator("h1 [lang=zh]")
    assert heading.inner_text() == "盗窃"
    assert page.locator("h1 [lang=en]").inner_text() == "theft"
    assert heading.evaluate("e => e.matches(':lang(zh)') && !e.matches(':lang(en)')")
    assert "Noto Sans CJK SC" in heading.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.title() == "theft · 盗窃 — spp-kg"
    assert_drawn_in_a_cjk_font(page, "h1 [lang=zh]")
    labels = page.locator("td > span[lang=zh]")
    assert labels.count() >= 2 and "盗窃罪" in labels.all_inner_texts()         # the Chinese altLabels too
    screenshot(page, "crime-type-theft-zh")


def test_a_chinese_document_page_is_marked_and_drawn_as_chinese(page):
    page.goto("/id/document/2023-03-07-spp-work-report-zh-excerpt")
    assert page.locator("h1 > span[lang=zh]").inner_text() == "最高人民检察院工作报告"
    assert_drawn_in_a_cjk_font(page, "h1 > span[lang=zh]")
    quotes = page.locator("section.node blockquote")
    assert quotes.count() >= 1
    assert set(quotes.evaluate_all("qs => qs.map(q => q.lang)")) == {"zh"}
    assert_drawn_in_a_cjk_font(page, "section.node blockquote")
    assert page.locator("details[lang=zh] summary").first.inner_text().startswith("中华人民共和国")
    screenshot(page, "document-zh")


def test_the_home_page_lists_chinese_documents_under_their_language(page):
    page.goto("/")
    section = page.locator("section#documents-zh")
    assert section.locator("h3 [lang=zh]").inner_text() == "中文"
    titles = section.locator("li a > span[lang=zh]")
    assert titles.count() >= 3
    assert_drawn_in_a_cjk_font(page, "section#documents-zh li a > span[lang=zh]")
    screenshot(page, "home-documents")
    section.locator("li a", has_text="最高人民检察院工作报告").first.click()
    page.wait_for_url(re.compile(r"/id/document/[^/]+-zh[^/]*$"))
    assert page.locator("h1 [lang=zh]").count() == 1


# ---- Search ------------------------------------------------------------------------------------------------

def test_the_search_box_finds_money_laundering_in_english_and_in_chinese(page):
    page.goto("/statistics")
    page.fill("header input[name=q]", "money laundering")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=money\+laundering$"))
    hits = page.locator("ol.hits > li.hit")
    assert hits.count() >= 4
    assert hits.first.locator("a").first.get_attribute("href") == "/id/crime-type/money-laundering"
    assert hits.first.locator("mark").first.inner_text() == "money laundering"
    screenshot(page, "search-money-laundering")

    page.fill("main input[name=q]", "洗钱")
    page.click("main form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q=%E6%B4%97%E9%92%B1$"))
    assert page.locator("ol.hits li.hit mark").first.inner_text() == "洗钱"
    assert_drawn_in_a_cjk_font(page, "ol.hits li.hit p.snippet[lang=zh]")
    screenshot(page, "search-xi-qian")
    page.locator("ol.hits li.hit a").first.click()
    page.wait_for_url(re.compile(r"/id/crime-type/money-laundering$"))


def test_a_quote_found_by_search_leads_to_its_evidence_in_the_document(page):
    page.goto("/")
    page.fill("main input[name=q]", "2,971 laundering")
    page.click("main form.search button[type=submit]")
    quote = page.locator("a", has_text="the quote in its document")
    hit = (page.locator("ol.hits > li.hit", has=quote).filter(has=page.locator("mark", has_text="2,971"))
           .filter(has=page.locator("a[href^='/id/statistic/']")))
    assert hit.count() >= 1
    hit.first.locator(quote).click()
    page.wait_for_url(re.compile(r"/id/document/2024-03-12-spp-work-report#char=\d+,\d+$"))
    fragment = page.url.partition("#")[2]
    assert "2,971 people for money laundering" in page.locator(f"section.node[id='{fragment}']").inner_text()


def test_a_point_of_a_series_chart_leads_to_the_statements_of_its_figure(page):
    page.goto("/statistics/people-prosecuted")
    chart = page.locator("figure.series", has=page.locator("figcaption", has_text="cybercrime")).first
    chart.scroll_into_view_if_needed()
    points = chart.locator("svg.series-chart a.point-link")
    assert points.count() >= 2
    assert points.last.locator("text.value").text_content() == "323k"
    assert points.last.locator("circle").bounding_box()["width"] > 0
    screenshot(page, "series-chart", full_page=False)
    points.last.locator("circle").click()
    page.wait_for_url(re.compile(r"/id/series/[0-9a-f]+$"))
    heading = page.inner_text("h1")
    assert heading.startswith("people prosecuted for cybercrime") and "2023: 323,000" in heading
    statement = page.locator("table.facts tr", has=page.locator("th", has_text="derived from")).locator("td a").first
    statement.click()
    page.wait_for_url(re.compile(r"/id/statistic/[0-9a-f]+$"))
    assert page.locator("table.facts details.evidence").count() == 1
