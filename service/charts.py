"""Charts as inline SVG, built on the server: horizontal bar charts with an axis, value labels and changes.

Pure functions from numbers and labels to SVG text: no JavaScript, no fonts or scripts from the
internet, so a chart works offline, prints, and can be tested by reading its markup. Each bar is an
``<a>`` link; its ``<title>`` is the tooltip a browser shows on hover.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from html import escape

from .languages import lang_attribute

MINUS = "\u2212"   # a real minus sign: "−36.3%" reads better than "-36.3%"
UP_COLOUR = "#1a7f37"
DOWN_COLOUR = "#b42318"

# Geometry of a chart, in SVG user units (pixels at 100 % zoom).
WIDTH = 840
LABEL_RIGHT = 330        # labels end here (right-aligned)
BAR_LEFT = 340           # bars start here
BAR_SPACE = 360          # the longest bar
ROW = 26                 # one bar and its gap
BAR_HEIGHT = 17
HEADER = 18              # the row explaining the numbers
AXIS = 30                # tick labels under the bars
LABEL_CHARS = 44         # longer labels are shortened with "…" (the tooltip keeps them whole)

# What every chart shares: its text, tick labels, grid and axis, and a CJK font for Chinese labels.
COMMON_STYLE = (".spp-chart text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;fill:#1d2327}"
                ".spp-chart .tick{font-size:12px;fill:#5f6b76}.spp-chart .head{font-size:12px;fill:#5f6b76}"
                ".spp-chart .grid{stroke:#e2e4e7;stroke-width:1}.spp-chart .axis{stroke:#8c959f;stroke-width:1}"
                ".spp-chart text:lang(zh){font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif}")
_STYLE = ("<style>" + COMMON_STYLE +
          ".spp-chart rect.bar{fill:#7a1f1f}.spp-chart a:hover rect.bar,.spp-chart a:focus rect.bar{fill:#b23a3a}"
          ".spp-chart rect.bar.nested{fill:#c98f8f}.spp-chart text.label.nested{fill:#4b5560}"
          ".spp-chart path.nest{fill:none;stroke:#8c959f;stroke-width:1}"
          ".spp-chart rect.row{fill:transparent}.spp-chart a:hover rect.row,.spp-chart a:focus rect.row{fill:#f6eded}"
          ".spp-chart a:hover text.label{text-decoration:underline}"
          ".spp-chart .up{fill:" + UP_COLOUR + ";font-weight:600}"
          ".spp-chart .down{fill:" + DOWN_COLOUR + ";font-weight:600}"
          "</style>")


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, its value, where it links to, and optionally its year-on-year change."""

    label: str
    value: float
    href: str
    change: float | None = None      # percent, e.g. 66.9 or -36.3
    value_text: str | None = None    # how the value is written; format_number(value) when None
    tooltip: str = ""                # extra text for the hover title (the evidence, say)
    language: str = ""               # the language tag of the label ("zh" for a Chinese one)
    key: str = ""                    # what the bar counts (a crime type's IRI), for nesting
    parent: str = ""                 # the key of the bar this one is part of (a broader category), if shown
    depth: int = 0                   # how deep it is nested (set by ``nested_order``)


def format_number(value: float) -> str:
    """A value as people read it: thousands separated, at most two decimals ("19,000", "96.8", "0.25")."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}".replace("-", MINUS)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def format_tick(value: float, step: float) -> str:
    """An axis label: compact for large numbers ("250k", "1.5M", "2B"), plain otherwise."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size and step >= size / 10:
            scaled = value / size
            text = f"{scaled:.1f}".rstrip("0").rstrip(".") if scaled != int(scaled) else str(int(scaled))
            return text + suffix
    return format_number(value)


def format_change(percent: float | None) -> str:
    """A year-on-year change: "+66.9%", "−36.3%", "0%"; empty when unknown."""
    if percent is None:
        return ""
    text = format_number(abs(percent)) + "%"
    if percent > 0:
        return "+" + text
    if percent < 0:
        return MINUS + text
    return text


def nice_ticks(maximum: float, target: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if not maximum > 0 or math.isinf(maximum):
        return [0.0, 1.0]
    raw = maximum / max(1, target - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sort_bars(bars: list[Bar]) -> list[Bar]:
    """Largest value first; equal values by label."""
    return sorted(bars, key=lambda b: (-b.value, b.label.casefold()))


def nested_order(bars: list[Bar]) -> list[Bar]:
    """The bars largest first, each followed by the bars nested in it (those whose ``parent`` is its
    ``key``), deeper by one: a category and its subcategories read as one, never as if they added up."""
    ordered = sort_bars(bars)
    keys = {b.key for b in ordered if b.key}
    children: dict[str, list[Bar]] = defaultdict(list)
    roots = []
    for bar in ordered:
        (children[bar.parent] if bar.parent in keys and bar.parent != bar.key else roots).append(bar)
    placed: list[Bar] = []

    def place(bar: Bar, depth: int) -> None:
        placed.append(replace(bar, depth=depth))
        for child in children.pop(bar.key, []):
            place(child, depth + 1)

    for bar in roots:
        place(bar, 0)
    for left in children.values():          # parents in a cycle: shown at the top level
        placed.extend(replace(bar, depth=0) for bar in left)
    return placed


def chart_height(bars: int) -> int:
    """The height of a chart of ``bars`` bars."""
    return HEADER + max(1, bars) * ROW + AXIS


def svg_start(classes: str, chart_id: str, width: int, height: int, title: str) -> str:
    """The opening of a chart's ``<svg>`` and its ``<title>`` (what screen readers announce), scaling
    down to narrow screens."""
    title_id = f"{chart_id}-title"
    return (f'<svg class="{escape(classes)}" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" style="max-width:100%;height:auto" '
            f'role="group" aria-labelledby="{escape(title_id)}"><title id="{escape(title_id)}">{escape(title)}</title>')


def bar_chart(bars: list[Bar], title: str, unit: str = "", chart_id: str = "chart") -> str:
    """An SVG horizontal bar chart of ``bars`` (sorted by value, largest on top, a subcategory right
    under its category: see ``nested_order``).

    Each bar is a link with its label, its value written after the bar and, next to the value, its
    year-on-year change (green when up, red when down). A nested bar is lighter, hangs from its
    category by a line and its label starts with "↳". ``unit`` names the axis.
    """
    ordered = nested_order(bars)
    ticks = nice_ticks(max((b.value for b in ordered), default=0.0))
    top = ticks[-1] or 1.0
    step = ticks[1] - ticks[0] if len(ticks) > 1 else top
    height = chart_height(len(ordered))
    bottom = HEADER + len(ordered) * ROW
    parts = [svg_start("spp-chart", chart_id, WIDTH, height, title), _STYLE]
    for tick in ticks:
        x = BAR_LEFT + BAR_SPACE * tick / top
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{HEADER - 4}" x2="{x:.1f}" y2="{bottom}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">'
                     f"{escape(format_tick(tick, step))}</text>")
    parts.append(f'<line class="axis" x1="{BAR_LEFT}" y1="{HEADER - 4}" x2="{BAR_LEFT}" y2="{bottom}"/>')
    if unit:
        parts.append(f'<text class="tick" x="{LABEL_RIGHT}" y="{bottom + 16}" text-anchor="end">'
                     f"{escape(unit)}</text>")
    if any(b.depth for b in ordered):
        parts.append(f'<text class="head" x="{LABEL_RIGHT}" y="{HEADER - 6}" text-anchor="end">'
                     "↳ part of the category above, counted in it</text>")
    if any(b.change for b in ordered):
        parts.append(f'<text class="head" x="{BAR_LEFT + 6}" y="{HEADER - 6}">value'
                     f'<tspan class="up" dx="6">+change</tspan><tspan dx="4">/</tspan><tspan class="down" dx="4">'
                     f'{MINUS}change</tspan><tspan dx="6">on the previous year</tspan></text>')
    for index, bar in enumerate(ordered):
        y = HEADER + index * ROW
        middle = y + ROW / 2 + 4
        length = BAR_SPACE * max(0.0, bar.value) / top
        if bar.value > 0:
            length = max(length, 1.0)
        value_text = bar.value_text or format_number(bar.value)
        change = format_change(bar.change)
        change_class = "up" if (bar.change or 0) > 0 else "down" if (bar.change or 0) < 0 else "tick"
        hover = f"{bar.label}: {value_text}" + (f" {unit}" if unit else "")
        hover += f", {change} year on year" if change else ""
        hover += f" — {bar.tooltip}" if bar.tooltip else ""
        name = f"{bar.label}: {value_text}" + (f", {change}" if change else "")
        nested = " nested" if bar.depth else ""
        height = BAR_HEIGHT - 6 if bar.depth else BAR_HEIGHT
        label = "↳ " + bar.label if bar.depth else bar.label
        if bar.depth:
            name += ", part of the category above"
            elbow = BAR_LEFT - 6 * bar.depth
            parts.append(f'<path class="nest" d="M{elbow},{y - ROW / 2 + 4:.1f} V{middle - 4:.1f} H{BAR_LEFT}"/>')
        parts.append(
            f'<a href="{escape(bar.href)}" class="bar-link{nested}" aria-label="{escape(name)}">'
            f"<title>{escape(hover)}</title>"
            f'<rect class="row" x="0" y="{y}" width="{WIDTH}" height="{ROW}"/>'
            f'<text class="label{nested}" x="{LABEL_RIGHT - 10 * bar.depth}" y="{middle:.1f}" text-anchor="end"'
            f"{lang_attribute(bar.language)}>{escape(shorten(label))}</text>"
            f'<rect class="bar{nested}" x="{BAR_LEFT}" y="{y + (ROW - height) / 2:.1f}" width="{length:.1f}" '
            f'height="{height}" rx="2"/>'
            f'<text class="value" x="{BAR_LEFT + length + 6:.1f}" y="{middle:.1f}">{escape(value_text)}'
            + (f'<tspan class="{change_class}" dx="8">{escape(change)}</tspan>' if change else "")
            + "</text></a>")
    parts.append("</svg>")
    return "".join(parts)
