"""service/charts.py: number formatting, axis ticks and the SVG of a bar chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from service.charts import Bar, bar_chart, format_change, format_number, format_tick, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def test_numbers_are_written_with_thousands_separators_and_few_decimals():
    assert format_number(19000) == "19,000"
    assert format_number(1688000.0) == "1,688,000"
    assert format_number(96.8) == "96.8"
    assert format_number(0.125) == "0.12" or format_number(0.125) == "0.13"
    assert format_number(-3) == "\u22123"


def test_changes_are_signed_with_a_real_minus_and_a_percent():
    assert format_change(66.9) == "+66.9%"
    assert format_change(-36.3) == "\u221236.3%"
    assert format_change(13.0) == "+13%"
    assert format_change(0) == "0%"
    assert format_change(None) == ""


def test_ticks_are_round_and_cover_the_largest_value():
    ticks = nice_ticks(350_000)
    assert ticks[0] == 0 and ticks[-1] >= 350_000
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:])}
    assert steps == {100_000}
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(2281)[-1] >= 2281


def test_axis_labels_are_compact_for_large_numbers():
    assert format_tick(1_500_000, 500_000) == "1.5M"
    assert format_tick(200_000, 100_000) == "200k"
    assert format_tick(2_000_000_000, 1_000_000_000) == "2B"
    assert format_tick(500, 100) == "500"
    assert format_tick(0, 100_000) == "0"


def test_a_chart_is_well_formed_svg_with_sorted_linked_bars_and_coloured_changes():
    bars = [Bar("online gambling", 19000, "/id/statistic/a", 5.3),
            Bar("telecom & network fraud", 51000, "/id/statistic/b", 66.9, tooltip="quote <here>"),
            Bar("contraband delivery", 3139, "/id/statistic/c", -36.3),
            Bar("wage arrears", 1082, "/id/statistic/d")]
    svg = bar_chart(bars, "people prosecuted by crime type, 2023", "people", chart_id="c1")
    root = ET.fromstring(svg)                      # well-formed, escaped
    assert root.tag == SVG + "svg" and root.get("viewBox")
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["/id/statistic/b", "/id/statistic/a", "/id/statistic/c",
                                              "/id/statistic/d"]       # by value, largest first
    first = links[0]
    assert first.find(f"{SVG}text[@class='label']").text == "telecom & network fraud"
    value = first.find(f"{SVG}text[@class='value']")
    assert value.text == "51,000" and value.find(f"{SVG}tspan[@class='up']").text == "+66.9%"   # next to the value
    down = links[2].find(f"{SVG}text[@class='value']/{SVG}tspan[@class='down']")
    assert down is not None and down.text == "\u221236.3%"
    assert links[3].find(f"{SVG}text[@class='value']/{SVG}tspan") is None
    assert "quote <here>" in first.find(f"{SVG}title").text
    widths = [float(a.find(f"{SVG}rect[@class='bar']").get("width")) for a in links]
    assert all(a.find(f"{SVG}text[@class='label']") is not None for a in links)   # the label is part of the link
    assert widths == sorted(widths, reverse=True) and widths[-1] > 0
    assert ">20k<" in svg and ">60k<" in svg and ">people<" in svg


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip():
    label = "crimes undermining the environment and resources protection of the whole country"
    svg = bar_chart([Bar(label, 1, "/x")], "t")
    root = ET.fromstring(svg)
    shown = root.find(f"{SVG}a/{SVG}text[@class='label']").text
    assert shown.endswith("…") and len(shown) < len(label)
    assert label in root.find(f"{SVG}a/{SVG}title").text


def test_an_empty_chart_is_still_valid():
    ET.fromstring(bar_chart([], "nothing"))
