"""What a figure counts and in which unit, by the phrasings of ``mappings/measures.yaml`` and
``mappings/units.yaml``: English patterns (``after``, ``context``) for English texts, Chinese ones
(``after_zh``, ``context_zh``) for Chinese texts in their reading form."""

from __future__ import annotations

import re

from .lexicon import Entry, Lexicon

MONEY_UNITS = ("yuan", "us-dollars")
RATE_UNIT = "percent"
# "99,000 people were prosecuted": the passive verb after the counted noun governs it
_PASSIVE_LEAD = re.compile(r"^\s*(?:[\w'’-]+\s+){0,4}?(?:were|was|have\s+been|had\s+been|has\s+been|being)\s+"
                           r"(?:[a-z]+ly\s+)?$", re.IGNORECASE)


# where the number stands in the text an ``around`` pattern is matched on
AROUND_MARK = "#"


class MeasureReader:
    """Reads the measure named around a number and the unit of the noun after it."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.units = lexicon.of("unit")
        self._physical = {unit.id for unit in self.units if unit.data.get("physical")}   # weight, area, volume
        measures = lexicon.of("measure")
        # the measures a figure may have, by (is it money, is it a rate, weak measures): chosen once
        self._candidates = {(money, rate, weak): [entry for entry in measures
                                                  if bool(entry.data.get("weak")) == weak and
                                                  self._fits_entry(entry, money, rate)]
                            for money in (False, True) for rate in (False, True) for weak in (False, True)}
        # a measure of people -> the measure of the same thing counted in cases, and back
        self._in_cases = {entry.id: entry.refs("in_cases")[0] for entry in measures
                          if entry.refs("in_cases") and entry.data.get("unit") == "people"}
        self._in_people = {cases: people for people, cases in self._in_cases.items()}

    def recipients(self, measure: str) -> str | None:
        """The measure counting the people a sum of ``measure`` went to ("relief of 2 million yuan paid to
        300 victims"), if the lexicon names one."""
        entry = self.lexicon.get("measure", measure)
        return entry.refs("recipients")[0] if entry and entry.refs("recipients") else None

    def in_unit(self, measure: str, unit: str | None) -> str:
        """The measure of a figure in ``unit`` stated with the words of ``measure``: a measure of people
        gives its ``in_cases`` measure to a figure of cases ("起诉6506件45579人"), and a figure of people
        that goes on with such a measure of cases takes the measure of people back."""
        if unit == "cases":
            return self._in_cases.get(measure, measure)
        if unit == "people":
            return self._in_people.get(measure, measure)
        return measure

    def unit_of(self, measure: str) -> str | None:
        """The unit a measure counts in when the text names none."""
        entry = self.lexicon.get("measure", measure)
        return str(entry.data.get("unit")) if entry and entry.data.get("unit") else None

    def fits(self, measure: str, unit: str | None) -> bool:
        """Whether a figure in ``unit`` can be of ``measure``: money only with measures of money, and a
        count never with a rate (a percentage may be a change of a count)."""
        entry = self.lexicon.get("measure", measure)
        if entry is not None and self.is_physical(unit):
            return self.is_physical(entry.data.get("unit"))
        if entry is not None and unit == "items" and entry.data.get("unit") == "people":
            return False        # "全国有865个检察院建立了司法救助制度": procuratorates are no people helped
        return entry is None or self._fits_entry(entry, unit in MONEY_UNITS, unit == RATE_UNIT)

    @staticmethod
    def _fits_entry(entry: Entry, money: bool, rate: bool) -> bool:
        measure_unit = entry.data.get("unit")
        if money != (measure_unit in MONEY_UNITS):
            return False
        return rate or measure_unit != RATE_UNIT

    def is_physical(self, unit: str | None) -> bool:
        """Whether ``unit`` is one of weight, area or volume (never of a count of people or cases)."""
        return unit in self._physical

    def unit_after(self, right: str, chinese: bool = False) -> str | None:
        """The unit of the counted noun after a number: the nearest one within a few words (Chinese: the
        measure word right after it)."""
        stripped = right.lstrip()
        best: tuple[int, str] | None = None
        for unit in self.units:
            for pattern in unit.patterns.get("after_zh" if chinese else "after", ()):
                for skipped in range(1 if chinese else 6):
                    prefix = r"(?:[\w'-]+\s+){%d}" % skipped
                    if re.match(prefix + "(?:" + pattern.pattern + ")", stripped, re.IGNORECASE):
                        if best is None or skipped < best[0]:
                            best = (skipped, unit.id)
                        break
        return best[1] if best else None

    def named(self, right: str, left: str, unit: str | None = None, chinese: bool = False) -> str | None:
        """The measure named right after the number, else the nearest one named in its clause; a weak
        measure only when no other is named; only measures a figure in ``unit`` can be of."""
        found = self.named_at(right, left, unit, chinese)
        return found[0] if found else None

    def named_at(self, right: str, left: str, unit: str | None = None,
                 chinese: bool = False) -> tuple[str, int] | None:
        """The measure ``named`` finds and how many characters from the number its words are."""
        return self._named(right, left, unit, chinese, weak=False) or self._named(right, left, unit, chinese, weak=True)

    def _named(self, right: str, left: str, unit: str | None, chinese: bool, weak: bool) -> tuple[str, int] | None:
        measures = self._candidates[(unit in MONEY_UNITS, unit == RATE_UNIT, weak)]
        if self.is_physical(unit):       # 1.8 million kilograms of food are no people or cases
            measures = [entry for entry in measures if self.is_physical(entry.data.get("unit"))]
        after_key, context_key = ("after_zh", "context_zh") if chinese else ("after", "context")
        stripped = right.lstrip()
        if not chinese:
            # "an additional 19,000 people were arrested": a phrasing the number sits inside
            around, at = left + AROUND_MARK + right, len(left)
            for entry in measures:
                if any(match.start() <= at < match.end() for pattern in entry.patterns.get("around", ())
                       for match in pattern.finditer(around)):
                    return entry.id, 0
        for entry in measures:
            for pattern in entry.patterns.get(after_key, ()):
                if pattern.match(stripped):
                    return entry.id, 0
        best: tuple[int, int, str] | None = None
        for order, entry in enumerate(measures):
            for pattern in entry.patterns.get(context_key, ()):
                for match in pattern.finditer(right):
                    distance = 0 if _PASSIVE_LEAD.match(right[:match.start()]) else match.start()
                    candidate = (distance, order, entry.id)
                    best = min(best, candidate) if best else candidate
                matches = list(pattern.finditer(left))
                if matches:
                    candidate = (len(left) - matches[-1].end(), order, entry.id)
                    best = min(best, candidate) if best else candidate
        return (best[2], best[0]) if best else None
