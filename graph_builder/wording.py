"""A statistic said in words, as its label: "51,000 people prosecuted for telecom and network fraud, 2023
(+66.9% year on year)"."""

from __future__ import annotations

from decimal import Decimal

from .lexicon import Lexicon
from .statistics import Statistic

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def period_words(period: str) -> str:
    """'2023', '2018/2020' -> '2018–2020', '2024-01/2024-11' -> 'January–November 2024'."""
    if "/" not in period:
        return period
    start, end = period.split("/")
    if len(start) == 4:
        return f"{start}–{end}"
    (first_year, first_month), (last_year, last_month) = (p.split("-") for p in (start, end))
    first, last = _MONTHS[int(first_month) - 1], _MONTHS[int(last_month) - 1]
    if first_year == last_year:
        return f"{first}–{last} {last_year}"
    return f"{first} {first_year}–{last} {last_year}"


def number_words(value: Decimal, unit: str) -> str:
    """'51,000', '17.3%', '380,000,000 yuan', '2.7 times'."""
    text = f"{value:,f}" if value != value.to_integral() else f"{int(value):,}"
    return {"percent": f"{text}%", "percentage-points": f"{text} percentage points", "yuan": f"{text} yuan",
            "us-dollars": f"US${text}", "times": f"{text} times"}.get(unit, text)


def _joined(names: list[str]) -> str:
    """'theft', 'fraud', 'drug crimes' -> 'theft, fraud and drug crimes'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _signed(value: Decimal) -> str:
    return f"+{value:f}" if value > 0 else f"{value:f}"


def statistic_label(statistic: Statistic, lexicon: Lexicon) -> str:
    """The statistic as a line of data: value, measure, subject, field, period and changes."""
    def label(kind: str, slug: str | None, named) -> str | None:
        if named is not None and named.members:       # a combined category, said by its members' names
            return _joined([label(kind, member, None) or member.replace("-", " ") for member in named.members])
        if named is not None:
            return named.label
        entry = lexicon.get(kind, slug) if slug else None
        return entry.labels.get("en") if entry else None

    measure = label("measure", statistic.measure, statistic.named_measure) or statistic.measure.replace("-", " ")
    # "2.7 times the number of people prosecuted": a multiple is of the figure it is compared with
    joiner = " the number of " if statistic.unit == "times" else " "
    words = f"{number_words(statistic.value, statistic.unit)}{joiner}{measure}"
    crime = label("crime-type", statistic.crime_type, statistic.named_subject)
    if crime:
        words += f" for {crime}"
    field = label("field", statistic.field, statistic.named_field)
    if field:
        words += f" in the field of {field}"
    words += f", {period_words(statistic.period)}"
    changes = []
    if statistic.year_on_year is not None:
        changes.append(f"{_signed(statistic.year_on_year)}% year on year")
    if statistic.point_change is not None:
        changes.append(f"{_signed(statistic.point_change)} percentage points")
    if statistic.previous_period_change is not None:
        changes.append(f"{_signed(statistic.previous_period_change)}% on the previous period")
    return words + (f" ({'; '.join(changes)})" if changes else "")
