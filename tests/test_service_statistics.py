"""/statistics and /statistics/{measure}: charts by crime type with their JSON twins, over the real server."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_the_index_lists_the_measures_with_statistics(http):
    page = http.get("/statistics", headers=BROWSER)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'href="/statistics/people-prosecuted"' in page.text
    data = http.get("/statistics.json").json()
    prosecuted = next(m for m in data["measures"] if m["slug"] == "people-prosecuted")
    assert prosecuted["statistics"] >= 40 and prosecuted["byCrimeType"] >= 30
    assert "2023" in prosecuted["referencePeriods"]
    assert sum(m["statistics"] for m in data["measures"]) >= 180
    assert http.get("/statistics", headers={"Accept": "application/json"}).json() == data


def test_the_home_page_links_the_statistics(http):
    assert 'href="/statistics"' in http.get("/", headers=BROWSER).text


def _charts(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg class=\"spp-chart\".*?</svg>", html, re.S)]


def _bars(chart: ET.Element) -> list[tuple[str, str, str | None, str, bool]]:
    """A chart's bars in order: (label, value, change, href, nested)."""
    bars = []
    for link in chart.findall(f"{SVG}a"):
        label = next(t for t in link.findall(f"{SVG}text") if t.get("class", "").startswith("label"))
        value = link.find(f"{SVG}text[@class='value']")
        change = value.find(f"{SVG}tspan")
        bars.append((label.text.removeprefix("↳ "), value.text, change.text if change is not None else None,
                     link.get("href"), "nested" in link.get("class", "")))
    return bars


def test_a_measure_page_charts_figures_by_crime_type_with_their_changes(http):
    page = http.get("/statistics/people-prosecuted", headers=BROWSER)
    assert page.status_code == 200
    charts = _charts(page.text)
    assert charts, "no chart on the page"
    bars = {}
    for chart in charts:
        for label, value, change, href, _ in _bars(chart):
            bars.setdefault(label, []).append((value, change, href))
    value, change, href = bars["online gambling"][0]
    assert (value, change) == ("19,000", "+5.3%") and href.startswith("/id/statistic/")
    assert ("3,139", "\u221236.3%") in [(v, c) for values in bars.values() for v, c, _ in values]   # a fall, in red
    # the first chart (2023) is sorted by value, each subcategory right under its category
    top_level = [float(v.replace(",", "")) for _, v, _, _, nested in _bars(charts[0]) if not nested]
    assert top_level == sorted(top_level, reverse=True)
    assert "All crime types / not specified" in page.text and "1,688,000" in page.text
    assert "<script" not in page.text


def test_a_subcategory_hangs_under_its_category_and_is_marked_as_part_of_it(http):
    page = http.get("/statistics/people-prosecuted", headers=BROWSER).text
    chart = next(c for c in _charts(page) if any(label == "online gambling" for label, *_ in _bars(c)))
    bars = _bars(chart)
    labels = [label for label, *_ in bars]
    cybercrime, gambling = labels.index("cybercrime"), labels.index("online gambling")
    assert cybercrime < gambling and not bars[cybercrime][4]
    assert all(nested for *_, nested in bars[cybercrime + 1: gambling + 1])        # nested, not side by side
    assert "part of the category above" in ET.tostring(chart, encoding="unicode")
    data = http.get("/statistics/people-prosecuted.json").json()
    gambling_2023 = next(f for g in data["groups"] if g["referencePeriodLabel"] == "2023" for f in g["byCrimeType"]
                         if f["crimeTypes"][0]["label"] == "online gambling")
    assert gambling_2023["crimeTypes"][0]["partOf"] == "https://w3id.org/spp-kg/id/crime-type/cybercrime"


def test_a_measure_page_has_a_json_twin_with_the_same_figures(http):
    data = http.get("/statistics/people-prosecuted.json").json()
    assert data == http.get("/statistics/people-prosecuted", headers={"Accept": "application/json"}).json()
    assert data["measure"]["label"] == "people prosecuted"
    figures = [f for g in data["groups"] for f in g["byCrimeType"]]
    gambling = next(f for f in figures if any(c["label"] == "online gambling" for c in f["crimeTypes"]))
    assert gambling["value"] == 19000 and gambling["yearOnYearChangePercent"] == 5.3
    assert "19,000 people for online gambling crimes" in gambling["evidence"]
    assert gambling["page"].startswith("/id/statistic/")
    unspecified = [f for g in data["groups"] for f in g["notSpecified"]]
    assert any(f["value"] == 1688000 for f in unspecified)
    assert data["statistics"] == len(figures) + len(unspecified)


def test_every_bar_leads_to_a_statistic_page_showing_its_evidence(http):
    data = http.get("/statistics/people-prosecuted.json").json()
    gambling = next(f for g in data["groups"] for f in g["byCrimeType"]
                    if any(c["label"] == "online gambling" for c in f["crimeTypes"]))
    page = http.get(gambling["page"], headers=BROWSER)
    assert page.status_code == 200
    assert page.text.index('<table class="facts">') < page.text.index("<blockquote>")   # the fact, then its proof
    assert '<details class="evidence"><summary>quote</summary><blockquote>' in page.text
    assert "<mark>19,000</mark> people for online gambling crimes" in page.text
    assert 'href="/id/document/2024-03-12-spp-work-report"' in page.text


def test_unknown_or_malformed_measures_are_404(http):
    assert http.get("/statistics/no-such-measure").status_code == 404
    assert http.get("/statistics/no-such-measure.json").status_code == 404
    assert http.get("/statistics/%3Cbad%3E").status_code == 404


def test_a_measure_page_draws_each_subject_over_the_years_with_points_leading_to_series_points(http):
    data = http.get("/statistics/people-prosecuted.json").json()
    cybercrime = next(line for line in data["overTime"] if line["subjectLabel"] == "cybercrime")
    years = [point["year"] for point in cybercrime["points"]]
    assert years == sorted(years) and {2020, 2023} <= set(years)
    latest = cybercrime["points"][-1]
    assert latest["value"] == 323000 and latest["page"].startswith("/id/series/")
    page = http.get("/statistics/people-prosecuted", headers=BROWSER).text
    charts = [ET.fromstring(svg) for svg in re.findall(r'<svg class="spp-chart series-chart".*?</svg>', page, re.S)]
    chart = next(c for c in charts if c.find(f"{SVG}title").text.startswith("people prosecuted: cybercrime"))
    assert [a.get("href") for a in chart.findall(f"{SVG}a")] == [p["page"] for p in cybercrime["points"]]
    point = http.get(latest["page"], headers=BROWSER).text           # the series point names its statements
    assert re.search(r"people prosecuted for cybercrime[^<]*, 2023: 323,000", point) and 'href="/id/statistic/' in point


def test_a_figure_restated_by_several_documents_is_one_bar(http):
    data = http.get("/statistics/people-prosecuted.json").json()
    charts = _charts(http.get("/statistics/people-prosecuted", headers=BROWSER).text)
    typed = [group for group in data["groups"] if group["byCrimeType"]]
    assert len(charts) == len(typed)
    restated = 0
    for chart, group in zip(charts, typed):
        quantities = {(f["seriesPoint"], c["iri"]) for f in group["byCrimeType"] for c in f["crimeTypes"]}
        restated += sum(len(f["crimeTypes"]) for f in group["byCrimeType"]) - len(quantities)
        assert len(_bars(chart)) == len(quantities)
        assert all(f["seriesPoint"].startswith("https://w3id.org/spp-kg/id/series/") for f in group["byCrimeType"])
    assert restated >= 1                     # the corpus restates some figure, so the test can fail
