"""Series over time: the series points of a measure folded into one line per subject (service/series_data.py)
and each line drawn as a small SVG chart whose points link to their series points (service/line_chart.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from service.languages import Name, Text
from service.line_chart import compact_number, series_chart, year_ticks
from service.series_data import ALL_SUBJECTS, Line, YearPoint, drawable, lines_from_bindings

SVG = "{http://www.w3.org/2000/svg}"
ID = "https://w3id.org/spp-kg/id/"


def _row(point: str, value: str, start: str, end: str, crime: str = "unspecified", field: str = "unspecified",
         statements: int = 1, conflict: bool = False, label: str = "") -> dict:
    literal = lambda text: {"type": "literal", "value": text}                           # noqa: E731
    row = {"point": {"type": "uri", "value": ID + "series/" + point}, "value": literal(value),
           "from": literal(start), "to": literal(end), "unit": {"type": "uri", "value": ID + "unit/people"},
           "unitLabel": literal("people"), "crime": {"type": "uri", "value": ID + "crime-type/" + crime},
           "field": {"type": "uri", "value": ID + "field/" + field}, "statements": literal(str(statements)),
           "conflict": literal("true" if conflict else "false")}
    if crime == "unspecified":
        row["noCrime"] = literal("true")
    elif label:
        row["crimeLabel"] = {"type": "literal", "value": label, "xml:lang": "en"}
    if field == "unspecified":
        row["noField"] = literal("true")
    return row


def test_only_whole_years_become_points_and_each_subject_is_one_line():
    lines = lines_from_bindings([
        _row("a", "1200", "2021", "2021", crime="smuggling", label="smuggling"),
        _row("b", "1500", "2022", "2022", crime="smuggling", label="smuggling"),
        _row("c", "700", "2022-01", "2022-06", crime="smuggling", label="smuggling"),     # half a year
        _row("d", "9000", "2019", "2021", crime="smuggling", label="smuggling"),          # three years
        _row("e", "40000", "2022", "2022"),
    ])
    smuggling = next(line for line in lines if line.key == ID + "crime-type/smuggling")
    assert [(p.year, p.value) for p in smuggling.points] == [(2021, 1200), (2022, 1500)]
    everything = next(line for line in lines if not line.key)
    assert everything.name.primary == ALL_SUBJECTS and len(everything.points) == 1
    assert drawable(lines) == [smuggling]


def test_a_crime_type_counted_in_two_fields_keeps_the_point_stated_most_often():
    lines = lines_from_bindings([
        _row("a", "310", "2030", "2030", crime="poaching", field="wildlife", statements=1, label="poaching"),
        _row("b", "300", "2030", "2030", crime="poaching", statements=3, label="poaching"),
        _row("c", "250", "2029", "2029", crime="poaching", field="wildlife", label="poaching"),
    ])
    (line,) = lines
    assert [(p.year, p.iri.rsplit("/", 1)[-1]) for p in line.points] == [(2029, "c"), (2030, "b")]
    assert line.points[0].field_label == "wildlife"      # named in the words of the point


def test_a_line_of_a_field_of_work_when_no_crime_type_is_named():
    (line,) = lines_from_bindings([_row("a", "12", "2027", "2027", field="juvenile-justice"),
                                   _row("b", "15", "2028", "2028", field="juvenile-justice")])
    assert line.key == ID + "field/juvenile-justice" and line.name.primary == "juvenile justice"


def test_values_over_the_points_are_short():
    assert [compact_number(v) for v in (142_000, 1_688_000, 2_971, 130_000, 999_999, 96.8, 2.5e9)] == \
        ["142k", "1.69M", "2,971", "130k", "1M", "96.8", "2.5B"]


def test_years_on_the_axis_thin_out_over_long_spans():
    assert year_ticks(2019, 2023) == [2019, 2020, 2021, 2022, 2023]
    assert year_ticks(2000, 2030)[:3] == [2000, 2005, 2010]


def _line(*points: YearPoint) -> Line:
    return Line(ID + "crime-type/smuggling", Name((Text("smuggling", "en"),)), ID + "unit/people", "people", list(points))


def test_each_point_links_to_its_series_point_and_says_what_it_counts():
    line = _line(YearPoint(ID + "series/one", 2026, 4100, 2, False, sources="Report A · News B"),
                 YearPoint(ID + "series/two", 2027, 5300, 1, False))
    chart = ET.fromstring(series_chart(line, "smuggling, by year", lambda iri: "/id/" + iri.rsplit("/id/", 1)[1]))
    links = chart.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["/id/series/one", "/id/series/two"]
    assert links[0].find(f"{SVG}title").text == "smuggling, 2026: 4,100 people (2 statements) — stated by: Report A · News B"
    assert links[0].get("aria-label") == "smuggling, 2026: 4,100 people (2 statements)"
    assert [a.find(f"{SVG}text").text for a in links] == ["4,100", "5,300"]
    # one year after the other: a solid segment, and the later, larger value higher up
    assert chart.find(f"{SVG}path[@class='line']") is not None and chart.find(f"{SVG}path[@class='gap']") is None
    heights = [float(a.find(f"{SVG}circle").get("cy")) for a in links]
    assert heights[1] < heights[0]


def test_a_gap_is_dashed_and_a_disputed_point_is_a_ring_with_a_key():
    line = _line(YearPoint(ID + "series/one", 2020, 10, 1, False), YearPoint(ID + "series/two", 2024, 30, 3, True))
    svg = series_chart(line, "t", lambda iri: iri)
    chart = ET.fromstring(svg)
    assert chart.find(f"{SVG}path[@class='gap']") is not None and chart.find(f"{SVG}path[@class='line']") is None
    disputed = [a for a in chart.findall(f"{SVG}a") if "conflict" in a.find(f"{SVG}circle").get("class")]
    assert [a.get("href") for a in disputed] == [ID + "series/two"]
    assert disputed[0].get("aria-label").endswith("(3 statements, sources disagree)")
    assert "red ring: its sources disagree" in svg and "dashed: no figure in between" in svg
