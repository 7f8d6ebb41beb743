"""Find numbers in text, normalise their values and tell quantities from years, dates, ordinals and ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

QUANTITY = "quantity"   # a candidate for a statistic

_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_SCALES = {"thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
           "trillion": Decimal(10) ** 12, "hundred million": Decimal(10) ** 8,
           "mln": Decimal(10) ** 6, "bln": Decimal(10) ** 9, "mn": Decimal(10) ** 6, "bn": Decimal(10) ** 9}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

NUMBER_PATTERN = re.compile(
    r"(?P<hyphenated>(?<![\d.,])\d+(?:-\d+)+(?![\d]))"
    r"|(?P<digits>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+|\.\s\d+(?=\s?%))?)"
    r"(?P<ordinal>st|nd|rd|th)?"
    r"(?P<scale>\s(?:hundred million|thousand|million|billion|trillion|mln|bln|mn|bn)\b)?"
    r"|(?P<word>\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|"
    r"eight|nine)|" + "|".join(_WORD_VALUES) + r")\b(?!-))",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"(?:\b(?:(?P<q>more than|over|about|around|nearly|almost|approximately|roughly|some|close to|"
    r"at least|less than|fewer than|up to)|(?P<exceeding>exceed(?:ed|ing|s)?|surpass(?:ed|ing|es)?|topp(?:ed|ing)|tops))\s+)$",
    re.IGNORECASE)
_UNIT_SUFFIX = re.compile(
    r"(?:-(?P<fold>fold)\b|\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b|points?\b|times\b|yuan\b|"
    r"(?:U\.S\.|US)\s+dollars\b))", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:(?P<yuan>RMB|CNY|¥|yuan)|(?P<usd>US\$|USD|\$))\s?$")
_TIME_UNIT_AFTER = re.compile(r"^(?:\s|-)(?:years?|months?|days?|weeks?|hours?|decades?)\b", re.IGNORECASE)
_CHANGE_BY_BEFORE = re.compile(r"\b(?:decreased|increased|reduced|shortened|cut|lengthened|rose|fell) by\s+$",
                               re.IGNORECASE)
_SECTION_BEFORE = re.compile(r"\b(?:Article|Section|Chapter|Paragraph|Item|Clause|Part|No\.|Number|Annex)\s*$",
                             re.IGNORECASE)
_MONTH_BEFORE = re.compile(_MONTH + r"\.?\s+$")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b")
_COUNT_NOUN = r"(?:people|persons|cases|suspects|items)\b"
_COUNT_NOUN_AFTER = re.compile(r"^\s+(?:[a-z'-]+\s+){0,3}?" + _COUNT_NOUN, re.IGNORECASE)
# "In 2029 prosecutors charged ...": a year after a preposition of time, unless the noun it counts follows it
_TIME_PREPOSITION_BEFORE = re.compile(r"\b(?:in|during|since|by|until|through|throughout)\s+$", re.IGNORECASE)
_COUNT_NOUN_RIGHT_AFTER = re.compile(r"^\s+(?:[a-z'-]+\s+)?" + _COUNT_NOUN, re.IGNORECASE)
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# a number in words counts what was done when a verb of the past stands before it and a plural noun after it
_DONE_BEFORE = re.compile(r"(?<!\bthe )\b[a-z]+ed\s+(?:a\s+total\s+of\s+|another\s+|some\s+)?$")
_PLURAL_AFTER = re.compile(r"^\s+(?:[\w'-]+\s+){0,3}?[a-z][\w'-]*[a-rt-z]s\b(?!\s+(?:ago|old|later|earlier)\b)")
_PLACE_COUNT_BEFORE = re.compile(r"\b(?:in|of|from|across)\s+$")
_PLACES_AFTER = re.compile(r"^\s+(?:[\w'-]+\s+){0,1}?(?:provinces|countries|regions|municipalities|cities|counties|"
                           r"prefectures|districts|prisons|detention\s+cent(?:er|re)s|procuratorates|courts|schools|"
                           r"hospitals|enterprises|companies|villages)\b")
# "Criminal Law Amendment (11)", "Amendment XI": the number of an amendment
_AMENDMENT_BEFORE = re.compile(r"\bAmendments?\s*\(?\s*$")
# "aged 14 to 16", "under the age of 14", "between the ages of 12 and", "children under 14 years of age"
_AGE_BEFORE = re.compile(r"\b(?:aged|ages?\s+of|age\s+of|aged\s+between|aged\s+from|aged\s+\d+\s+(?:to|and|or))\s+"
                         r"(?:\d+\s+(?:to|and|or)\s+)?$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^(?:\s+(?:to|and)\s+\d+)?\s+years?\s+(?:of\s+age|old)\b", re.IGNORECASE)
# "set out 19 specific requirements": the parts of one text, not a count of work done
_CONTAINS_BEFORE = re.compile(r"\b(?:sets?\s+out|set\s+forth|contains?|containing|includes?|including|lays?\s+down|"
                              r"consists?\s+of|comprises?|comprising|puts?\s+forward|has|have)\s+$", re.IGNORECASE)
_PROVISIONS_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:requirements|provisions|articles|tasks|points|sections|"
                               r"chapters|clauses|rules|parts|principles)\b", re.IGNORECASE)
# "No. 12 Middle School", "No 37": a number that is part of a name
_NUMBERED_NAME_BEFORE = re.compile(r"\bNo\.?\s*$")
# "the 17 newly added crimes", "the 11 new offences": the parts of a law, not a count of work done
_NEW_PROVISIONS = re.compile(r"^\s+(?:newly[\s-]+)?(?:added|new|amended|revised)\s+(?:[\w-]+\s+)?(?:crimes|offen[cs]es|charges|"
                             r"articles|provisions|clauses|rules)\b", re.IGNORECASE)
# "(010) 5555 0123", "010-6520 9999": telephone numbers, read as a whole before single numbers are
_TELEPHONE = re.compile(r"(?:\(\d{2,4}\)|\+\d{1,3}[\s-]?\d{1,4})[\s-]?\d{3,4}[\s-]\d{3,4}(?:[\s-]\d{3,4})?(?!\d)")
# "the 12309 hotline", "hotline 96110", "call 110": a service number, not a count
_SERVICE_NUMBER_BEFORE = re.compile(r"\b(?:hotlines?|helplines?|call|dial|dialling|dialing|phone|tel\.?|telephone|fax)"
                                    r"\s*(?::\s*)?$", re.IGNORECASE)
_SERVICE_NUMBER_AFTER = re.compile(r"^\s+(?:[\w'-]+\s+){0,3}?(?:hotlines?|helplines?|service\s+line)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """A number in the text, its normalised value and what kind of number it is."""

    start: int
    end: int                 # end of the number including scale word and unit suffix
    text: str
    value: Decimal
    kind: str                # QUANTITY, or why it is not one: year, date, ordinal, identifier, ...
    unit_suffix: str | None  # percent, percentage-points, times, yuan (written right after the number)
    qualifier: str | None    # "more than", "about", ...

    @property
    def is_quantity(self) -> bool:
        return self.kind == QUANTITY


def _suffix_unit(raw: str) -> str:
    raw = raw.lower()
    if raw in ("%", "percent", "per cent"):
        return "percent"
    if raw.startswith("percentage point") or raw.startswith("point"):
        return "percentage-points"
    if raw.endswith("dollars"):
        return "us-dollars"
    return raw  # times, yuan


def parse_number(text: str) -> Decimal:
    """Normalise '1.502 million', '726,000', '7. 1', 'five' to a Decimal."""
    cleaned = text.strip().lower()
    if cleaned in _WORD_VALUES:
        return Decimal(_WORD_VALUES[cleaned])
    if "-" in cleaned and all(part in _WORD_VALUES for part in cleaned.split("-")):    # forty-two
        return Decimal(sum(_WORD_VALUES[part] for part in cleaned.split("-")))
    scale = Decimal(1)
    for word, factor in _SCALES.items():
        if cleaned.endswith(" " + word):
            if word == "million" and cleaned.endswith("hundred million"):
                continue
            scale = factor
            cleaned = cleaned[: -len(word)].strip()
            break
    digits = cleaned.replace(",", "").replace(" ", "")
    value = Decimal(digits) * scale
    if value == value.to_integral():
        return Decimal(int(value))
    return Decimal(format(value.normalize(), "f"))


# a number that opens a short quoted title: 'the "15 Measures"', '“18 Opinions on Juvenile Justice”'
_QUOTED_NAME_BEFORE = re.compile(r"[\"“‘'「『]$")
_QUOTED_NAME_AFTER = re.compile(r"\s*[A-Z][\w-]*(?:\s+[\w-]+){0,5}?[\"”’'」』]")


def _classify(text: str, match: re.Match[str], value: Decimal, unit: str | None) -> str:
    start, end = match.start(), match.end()
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    token = match.group(0)
    if match.group("hyphenated"):
        return "date" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token) else "identifier"
    if match.group("ordinal"):
        return "ordinal"
    signed = before[-1:] in ("-", "+") and (len(before) < 2 or before[-2] in "(（ ,;")   # "(-3%)": a sign
    if (before[-1:] and (_CJK.match(before[-1]) or before[-1].isalpha() or (before[-1] in "-@/_#" and not signed))
            and not _CURRENCY_BEFORE.search(before))\
            or (after[:1] and (_CJK.match(after[0]) or after[0] in "@_/" or after[0].isalpha())):
        return "identifier"      # glued to letters or CJK: COVID-19, 5G, ICP备19140089号, 2024年
    if re.match(r":\d", after) or re.search(r"\d:$", before):
        return "time of day"
    if match.group("word"):
        if unit == "times":
            return QUANTITY
        if _TIME_UNIT_AFTER.match(after):
            return "duration"
        if value >= 10 and token[0].isupper() and (_COUNT_NOUN_AFTER.match(after) or _PLURAL_AFTER.match(after)):
            return QUANTITY
        # "supervised five major fraud cases", "formulated ten opinions", "in nine provinces"
        if value >= 2 and (_DONE_BEFORE.search(before) and _PLURAL_AFTER.match(after)
                           or _PLACE_COUNT_BEFORE.search(before) and _PLACES_AFTER.match(after)):
            return QUANTITY
        return "small number in words"
    digits = match.group("digits")
    plain = digits.replace(",", "")
    if unit is None and "," not in digits and "." not in digits and \
            (_SERVICE_NUMBER_BEFORE.search(before) or _SERVICE_NUMBER_AFTER.match(after)):
        return "identifier"
    # a long run of digits is a phone or licence number, unless it counts something ("1818808 people")
    if "," not in digits and "." not in digits and len(plain) >= 7 and not match.group("scale") and \
            unit is None and not _COUNT_NOUN_AFTER.match(after):
        return "identifier"
    if _NUMBERED_NAME_BEFORE.search(before) and "." not in digits and "," not in digits:
        return "part of a name"       # "Beijing No. 12 Middle School", "No 37 Secondary School"
    if _NEW_PROVISIONS.match(after) and re.search(r"\bthe\s+$", before, re.IGNORECASE):
        return "count of provisions"  # "among the 17 newly added crimes", "the 11 new offences"
    if _QUOTED_NAME_BEFORE.search(before) and _QUOTED_NAME_AFTER.match(after):
        return "part of a name"       # 'the "15 Measures"', “the 8 Guidelines”: a title, not a count
    if re.search(r"\btop\s+$", before, re.IGNORECASE) and "." not in digits:
        return "rank"                 # "the top 10 charges were: ..."
    if _SECTION_BEFORE.search(before) or _AMENDMENT_BEFORE.search(before):
        return "section number"
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
        return "age"
    if re.search(r"\(\s*$", before) and re.match(r"^\s*\)", after) and len(plain) <= 2 and "." not in digits:
        return "list marker"          # "(1) ...", "(3)"
    if len(plain) <= 2 and "." not in digits and re.match(r"^[.、)）](?=\s*[^\d\s])", after) and \
            (not before.strip() or before.rstrip()[-1] in ":：;；,，。(（"):
        return "list marker"          # "依次为：1.危险驾驶", "as follows: 1) theft"
    if _CONTAINS_BEFORE.search(before) and _PROVISIONS_AFTER.match(after):
        return "count of provisions"  # "the opinions set out 19 specific requirements"
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and re.match(r"^\.\s", after):
        return "section number"
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return "date" if len(plain) <= 2 else "year"
    if (len(plain) == 4 and "," not in digits and "." not in digits and 1900 <= int(plain) <= 2100
            and unit is None and not match.group("scale") and (
                not _COUNT_NOUN_AFTER.match(after)
                or _TIME_PREPOSITION_BEFORE.search(before) and not _COUNT_NOUN_RIGHT_AFTER.match(after))):
        return "year"
    if _TIME_UNIT_AFTER.match(after) and not _CHANGE_BY_BEFORE.search(before):
        return "duration"
    return QUANTITY


def _qualifier(before: str) -> str | None:
    """The qualifier written before a number: "more than", "about" …; "exceeded 85 percent" is more than 85."""
    found = _QUALIFIER.search(before)
    if found is None:
        return None
    return "more than" if found.group("exceeding") else found.group("q").lower()


def find_numbers(text: str) -> list[NumberMention]:
    """Every number of ``text`` (digits, with scale words, or in words), classified."""
    mentions = []
    telephones = [(m.start(), m.end()) for m in _TELEPHONE.finditer(text)]
    for match in NUMBER_PATTERN.finditer(text):
        if any(start <= match.start() < end for start, end in telephones):
            mentions.append(NumberMention(start=match.start(), end=match.end(), text=match.group(), value=Decimal(0),
                                          kind="telephone number", unit_suffix=None, qualifier=None))
            continue
        if match.group("hyphenated"):
            value = Decimal(0)
        else:
            number_text = match.group("word") or (match.group("digits") + (match.group("scale") or ""))
            value = parse_number(number_text)
        end = match.end()
        unit = None
        suffix = _UNIT_SUFFIX.match(text, end) if not match.group("ordinal") and not match.group("hyphenated") else None
        if suffix:
            unit = "times" if suffix.group("fold") else _suffix_unit(suffix.group("unit"))
            end = suffix.end()
        if unit is None and not match.group("word"):
            currency = _CURRENCY_BEFORE.search(text[max(0, match.start() - 5):match.start()])
            if currency:
                unit = "yuan" if currency.group("yuan") else "us-dollars"
        kind = _classify(text, match, value, unit)
        if unit == "percentage-points" and suffix and suffix.group("unit").lower().startswith("point") \
                and kind == QUANTITY and not re.search(r"\bby\s+$|\bof\s+$", text[max(0, match.start() - 20):match.start()]):
            # a bare "points" is a percentage point only in "increased by 6.3 points"
            unit, end = None, match.end()
        mentions.append(NumberMention(
            start=match.start(), end=end, text=text[match.start():end], value=value, kind=kind,
            unit_suffix=unit, qualifier=_qualifier(text[max(0, match.start() - 30):match.start()])))
    return mentions
