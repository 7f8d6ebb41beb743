"""RDF literals of the values the graph states: dates as XSD date types, numbers as integers or decimals."""

from __future__ import annotations

from decimal import Decimal

from rdflib import XSD, Literal


def date_literal(value: str) -> Literal:
    """'2024', '2024-03' or '2024-03-08' as xsd:gYear, xsd:gYearMonth or xsd:date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


def number_literal(value: Decimal) -> Literal:
    if value == value.to_integral():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(format(value, "f"), datatype=XSD.decimal)
