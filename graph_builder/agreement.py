"""Whether two stated figures can be the same quantity: each figure, read with its precision and its
qualifier, allows a range of true values, and two figures agree when their ranges meet.

- A figure is rounded to the place of its last written digit ("1.82 million": ten thousands; "168.8万":
  thousands; "1,688,000": thousands, trailing zeros of a whole number from a thousand up being read as
  rounding; "90%" and "100 people" are exact to the unit). It may be rounded to the nearest or cut off,
  as news restatements do ("1.81 mln" for 1,818,808): it allows [value - precision / 2, value + precision).
- 'more than', 'over', 'at least' (逾, 超过, 余, 以上): the value and anything above it.
- 'less than', 'fewer than', 'up to' (不足): anything up to the value.
- 'nearly', 'almost', 'close to' (近): up to the value, and no more than a tenth below it.
- 'about', 'around', 'approximately', 'roughly', 'some' (约, 左右): a tenth either side, or the rounding
  when that is wider.
- A count of whole things (people, cases) is a whole number: stated to the unit it is exact, and 100 and
  101 people disagree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

ROUNDED_FROM = 1000     # trailing zeros of a whole number from here up are read as rounding
VAGUE_SHARE = Decimal("0.1")    # how far 'about' and 'nearly' may be from the value, as a share of it
AT_LEAST = frozenset({"more than", "over", "at least"})
AT_MOST = frozenset({"less than", "fewer than", "up to"})
JUST_BELOW = frozenset({"nearly", "almost", "close to"})
AROUND = frozenset({"about", "around", "approximately", "roughly", "some"})
# units of quantities that need not be whole numbers: a figure of them stated to the unit is rounded
FRACTIONAL_UNITS = frozenset({"percent", "percentage-points", "times", "yuan", "us-dollars"})

_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")


@dataclass(frozen=True)
class StatedFigure:
    """A value as a text states it: the number, the place of its last significant digit, the qualifier
    and whether the quantity is a count of whole things."""

    value: Decimal
    precision: Decimal
    qualifier: str | None = None
    whole: bool = True


def stated_precision(number_text: str, value: Decimal) -> Decimal:
    """The place of the last significant digit of a number as written: "1.50 million" 10000, "98.1%"
    0.1, "78,000" 1000, "90%" 1; a number written in Chinese numerals by the digits of its value."""
    written = _WRITTEN.search(number_text)
    digits = Decimal(written.group(0).replace(",", "")) if written else Decimal(0)
    scale = value / digits if digits else Decimal(0)
    if not digits or scale.normalize().as_tuple().digits != (1,):     # not one number times a power of ten
        return _whole_number_place(value)
    if written.group(1):
        return scale.scaleb(-len(written.group(1))).normalize()
    return (scale * _whole_number_place(digits)).normalize()


def _whole_number_place(value: Decimal) -> Decimal:
    """The place of the last significant digit of a value: its last decimal, or for a whole number from
    a thousand up its last digit but zero (78,000: thousands); a smaller whole number is exact."""
    if value != value.to_integral_value():
        return Decimal(1).scaleb(value.normalize().as_tuple().exponent)
    whole = int(value)
    place = 1
    while whole >= ROUNDED_FROM and whole % (place * 10) == 0:
        place *= 10
    return Decimal(place)


def allowed_range(figure: StatedFigure) -> tuple[Decimal | float, Decimal | float]:
    """The true values the figure allows, as a closed range (infinite where unbounded). A rounded figure
    of whole things allows the whole numbers from half a step below it to the last one before the next
    step (1.82 million people: 1,815,000 to 1,829,999)."""
    value, precision, qualifier = figure.value, figure.precision, figure.qualifier
    if qualifier in AT_LEAST:
        return value, math.inf
    if qualifier in AT_MOST:
        return -math.inf, value
    if figure.whole:
        low, high = Decimal(math.ceil(value - precision / 2)), value + precision - 1
    else:
        low, high = value - precision / 2, value + precision
    if qualifier in JUST_BELOW:
        return min(low, value * (1 - VAGUE_SHARE)), value
    if qualifier in AROUND:
        return min(low, value * (1 - VAGUE_SHARE)), max(high, value * (1 + VAGUE_SHARE))
    return low, high


def agree(first: StatedFigure, second: StatedFigure) -> bool:
    """Whether the two figures can state the same quantity: their ranges meet."""
    first_low, first_high = allowed_range(first)
    second_low, second_high = allowed_range(second)
    return max(first_low, second_low) <= min(first_high, second_high)
