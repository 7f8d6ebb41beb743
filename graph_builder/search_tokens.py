"""The words of full-text search, cut the same way for the indexed texts and for a query.

SQLite's FTS5 splits English well (``unicode61`` with the ``porter`` stemmer) but not Chinese, which
has no spaces: ``unicode61`` takes a whole run of Chinese characters for one word, and the
``trigram`` tokenizer cannot find a word of two characters such as 洗钱. So texts are cut into words
here and FTS5 is given the words separated by spaces:

- a run of letters or digits is a word ("Money" -> "money"; "2,971" -> "2971": thousands separators
  are dropped); FTS5 then folds case and stems it ("laundering" and "laundered" are one word);
- a run of Chinese characters becomes its overlapping pairs of characters ("反洗钱法" -> 反洗 洗钱
  钱法), a lone character itself; a query of several characters is the phrase of its pairs, so 洗钱
  finds 反洗钱法 and 洗钱罪;
- every Chinese character is also a word of a second column, for queries of one character.

Traditional characters are read as simplified ones and full-width letters and digits as ASCII
(``chinese_script.reading_form``), so 洗錢 finds 洗钱. Every word keeps its offsets in the original
text, which is how a hit's snippet marks the words that matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .chinese_script import reading_form

TERMS = "terms"            # the FTS5 column of words and character pairs
CHARACTERS = "characters"  # the FTS5 column of single Chinese characters

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORDS = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<number>\d{{1,3}}(?:,\d{{3}})+(?!\d))|(?P<word>[^\W_{_HAN}]+)")
_ONE_HAN = re.compile(rf"[{_HAN}]")


class NoWords(ValueError):
    """A query with nothing to search for: no letter, digit or Chinese character."""


@dataclass(frozen=True, slots=True)
class Token:
    """A word as FTS5 indexes it, and where it stands in the original text."""

    text: str
    start: int
    end: int


def iter_terms(text: str) -> Iterator[Token]:
    """The words of ``text`` for the ``terms`` column, one by one: words, numbers and pairs of Chinese
    characters."""
    for match in _WORDS.finditer(reading_form(text)):
        run, start = match.group(), match.start()
        if match.lastgroup == "han":
            if len(run) == 1:
                yield Token(run, start, start + 1)
            else:
                yield from (Token(run[i:i + 2], start + i, start + i + 2) for i in range(len(run) - 1))
        else:
            yield Token(run.replace(",", "") if match.lastgroup == "number" else run.casefold(), start, match.end())


def terms(text: str) -> list[Token]:
    """The words of ``text`` for the ``terms`` column (see ``iter_terms``)."""
    return list(iter_terms(text))


def iter_characters(text: str) -> Iterator[Token]:
    """Every Chinese character of ``text``, for the ``characters`` column, one by one."""
    return (Token(match.group(), match.start(), match.end()) for match in _ONE_HAN.finditer(reading_form(text)))


def characters(text: str) -> list[Token]:
    """Every Chinese character of ``text``, for the ``characters`` column."""
    return list(iter_characters(text))


def column_text(tokens: list[Token]) -> str:
    """What FTS5 indexes for a column: the words separated by single spaces."""
    return " ".join(token.text for token in tokens)


def match_expression(query: str) -> str:
    """The FTS5 MATCH expression of a query typed by a person: every part between spaces must occur.

    A part is the phrase of its words (so "money-laundering", "2,971" and 洗钱罪 match as written);
    a part that is one Chinese character is looked up among single characters. Raises ``NoWords``
    when the query holds no word at all.
    """
    phrases = []
    for part in query.split():
        tokens = terms(part)
        if not tokens:
            continue
        if len(tokens) == 1 and _ONE_HAN.fullmatch(tokens[0].text):
            phrases.append(f'{CHARACTERS} : "{tokens[0].text}"')
        else:
            phrases.append(f'{TERMS} : "{column_text(tokens)}"')
    if not phrases:
        raise NoWords("the query has no word to search for (letters, digits or Chinese characters)")
    return " AND ".join(phrases)
