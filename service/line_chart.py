"""A series over time as inline SVG: one small chart per subject, one point per year, each point a link.

Like the bar charts (``charts``) it is a pure function from numbers and labels to SVG text, built on
the server with no script. The subjects of one measure differ by orders of magnitude (all prosecutions
against those for money laundering), so each series gets a chart of its own, with its own scale from
zero, and the page sets them side by side. A point links to its series point, whose page lists every
statement of the quantity and the documents they come from; its ``<title>`` is the tooltip and its
value is written above it. A point whose sources disagree is drawn as a red ring. Years with no figure
between two points are spanned by a dashed segment, so the line never suggests figures nobody stated.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from .charts import COMMON_STYLE, DOWN_COLOUR, format_number, format_tick, nice_ticks, svg_start
from .series_data import Line, YearPoint

LINE_COLOUR = "#0072B2"
WIDTH = 400
PLOT_LEFT = 52           # the value axis
PLOT_RIGHT = 388
INSET = 22               # room between the axis and the first and last year
TOP = 24                 # room for the value written above the highest point
PLOT_HEIGHT = 120
AXIS = 22                # the year labels
NOTE = 18                # the key to rings and dashes

_STYLE = ("<style>" + COMMON_STYLE +
          ".spp-chart path.line{fill:none;stroke:" + LINE_COLOUR + ";stroke-width:2.5}"
          ".spp-chart path.gap{fill:none;stroke:" + LINE_COLOUR + ";stroke-width:2;stroke-dasharray:5 4}"
          ".spp-chart circle.point{fill:" + LINE_COLOUR + ";stroke:#fff;stroke-width:1.5}"
          ".spp-chart circle.conflict{fill:#fff;stroke:" + DOWN_COLOUR + ";stroke-width:3}"
          ".spp-chart .value{font-size:11.5px;font-weight:600}"
          ".spp-chart a:hover circle,.spp-chart a:focus circle{stroke:#1d2327;stroke-width:2.5}"
          "</style>")


def year_ticks(first: int, last: int) -> list[int]:
    """The years labelled on the time axis: every year over a short span, every n-th over a long one."""
    step = max(1, math.ceil((last - first + 1) / 7))
    return list(range(first, last + 1, step))


def _scaled(value: float, size: float) -> float:
    """``value / size`` rounded to three significant figures."""
    scaled = value / size
    return round(scaled, max(0, 2 - int(math.floor(math.log10(abs(scaled))))))


def compact_number(value: float) -> str:
    """A value in three significant figures at most, as written above a point ("1.69M", "323k", "2,971")."""
    if abs(value) < 1e5:
        return format_number(value)
    size, suffix = next(((size, suffix) for size, suffix in ((1e3, "k"), (1e6, "M")) if abs(_scaled(value, size)) < 1000),
                        (1e9, "B"))
    return format_number(_scaled(value, size)) + suffix


def point_words(line: Line, point: YearPoint, unit: str) -> str:
    """What a point says, in words: 'cybercrime, 2023: 323,000 people (2 statements, sources disagree)'."""
    value = f"{point.qualifier + ' ' if point.qualifier else ''}{format_number(point.value)}"
    where = f" in the field of {point.field_label}" if point.field_label else ""
    count = f"{point.statements} statement{'s' if point.statements != 1 else ''}"
    return (f"{line.name.primary}{where}, {point.year}: {value}{' ' + unit if unit else ''} "
            f"({count}{', sources disagree' if point.conflict else ''})")


def series_chart(line: Line, title: str, href: Callable[[str], str], chart_id: str = "series-chart") -> str:
    """An SVG line chart of one series: years along the bottom, values from zero up the left."""
    points = line.points
    first, last = points[0].year, points[-1].year
    ticks = nice_ticks(max(p.value for p in points), target=4)
    top = ticks[-1] or 1.0
    step = ticks[1] - ticks[0] if len(ticks) > 1 else top
    bottom = TOP + PLOT_HEIGHT
    gaps = any(after.year - before.year > 1 for before, after in zip(points, points[1:]))
    conflicts = any(p.conflict for p in points)
    height = bottom + AXIS + (NOTE if gaps or conflicts else 0)

    def x(year: int) -> float:
        return PLOT_LEFT + INSET + (PLOT_RIGHT - PLOT_LEFT - 2 * INSET) * (year - first) / max(1, last - first)

    def y(number: float) -> float:
        return bottom - PLOT_HEIGHT * max(0.0, number) / top

    parts = [svg_start("spp-chart series-chart", chart_id, WIDTH, height, title), _STYLE]
    for tick in ticks:
        parts.append(f'<line class="grid" x1="{PLOT_LEFT}" y1="{y(tick):.1f}" x2="{PLOT_RIGHT}" y2="{y(tick):.1f}"/>')
        parts.append(f'<text class="tick" x="{PLOT_LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                     f"{escape(format_tick(tick, step))}</text>")
    parts.append(f'<line class="axis" x1="{PLOT_LEFT}" y1="{bottom}" x2="{PLOT_RIGHT}" y2="{bottom}"/>')
    for year in year_ticks(first, last):
        parts.append(f'<text class="tick year" x="{x(year):.1f}" y="{bottom + 16}" text-anchor="middle">{year}</text>')
    solid, dashed = [], []
    for before, after in zip(points, points[1:]):
        segment = f"M{x(before.year):.1f},{y(before.value):.1f} L{x(after.year):.1f},{y(after.value):.1f}"
        (dashed if after.year - before.year > 1 else solid).append(segment)
    if solid:
        parts.append(f'<path class="line" d="{" ".join(solid)}"/>')
    if dashed:
        parts.append(f'<path class="gap" d="{" ".join(dashed)}"/>')
    for point in points:
        words = point_words(line, point, line.unit_label)
        cx, cy = x(point.year), y(point.value)
        shape = (f'<circle class="point conflict" cx="{cx:.1f}" cy="{cy:.1f}" r="6"/>' if point.conflict
                 else f'<circle class="point" cx="{cx:.1f}" cy="{cy:.1f}" r="5"/>')
        tooltip = words + (f" — stated by: {point.sources}" if point.sources else "")     # the documents, on hover
        parts.append(f'<a href="{escape(href(point.iri))}" class="point-link" aria-label="{escape(words)}">'
                     f"<title>{escape(tooltip)}</title>{shape}"
                     f'<text class="value" x="{cx:.1f}" y="{cy - 10:.1f}" text-anchor="middle">'
                     f"{escape(compact_number(point.value))}</text></a>")
    key = (["red ring: its sources disagree"] if conflicts else []) + (["dashed: no figure in between"] if gaps else [])
    if key:
        parts.append(f'<text class="head" x="{PLOT_LEFT}" y="{bottom + AXIS + 12}">{escape(" · ".join(key))}</text>')
    parts.append("</svg>")
    return "".join(parts)
