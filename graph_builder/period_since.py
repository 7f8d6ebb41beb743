"""The period "since a year" stands for, in either language ("since 2018", 2018年以来).

It runs from that year to the end of the period the text would otherwise have. A story published in the
first months of a year that counts "since 2018" counts to the end of the year before: that is what the
work reports and year-end data delivered in those months cover (a story of March 2021 on figures "since
2018" is about 2018 to 2020), unless the text above it states another period.
"""

from __future__ import annotations

from .corpus import Document

EARLY_MONTHS = ("01", "02", "03", "04")     # when the annual reports and year-end data are delivered and reported


def since_year(first: str, document: Document, inherited: str) -> str:
    """The period from the year ``first`` to the end of ``inherited`` (the year before, early in the year);
    within a span of months that starts in that year ("from July 2017 to September 2019 … since 2017"),
    that span."""
    if len(inherited) == 15 and inherited[4] == "-":       # YYYY-MM/YYYY-MM
        if inherited[:4] == first:
            return inherited
        if first < inherited[:4]:
            return f"{first}-01/{inherited[8:]}"
    end = inherited.rsplit("/", 1)[-1][:4]
    if end == str(document.meta.year) and document.meta.date[5:7] in EARLY_MONTHS:
        end = str(document.meta.year - 1)
    return f"{first}/{end}" if first < end else first


def since_month(first_year: str, first_month: int, document: Document, inherited: str) -> str:
    """The period from a month of ``first_year`` ("since October 2014", 自2014年10月…以来) to the end of the period
    ``since_year`` would give: its last month when ``inherited`` is a span of months, the month of the
    document in the document's own year, else December."""
    end = since_year(first_year, document, inherited).rsplit("/", 1)[-1][:4]
    last = inherited.rsplit("/", 1)[-1]
    if len(last) == 7 and last[:4] == end:
        end_month = int(last[5:7])
    else:
        end_month = int(document.meta.date[5:7]) if end == str(document.meta.year) else 12
    return f"{first_year}-{first_month:02d}/{end}-{end_month:02d}"
