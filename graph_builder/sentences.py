"""Split a document into sentences that keep their character offsets in the document."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "no", "co", "ltd", "inc", "st", "vs", "etc", "e.g", "i.e", "jan", "feb",
                  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art", "para", "gen", "prof"}
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")       # U.S, U.N, P.R.C (the last full stop is the mark)
_END = re.compile(r"[.!?。！？]+[\"”’)]*(?=\s|$)|[。！？]|\n\s*\n|\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text and where it starts and ends in the document (end exclusive)."""

    start: int
    end: int
    text: str


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    mark = match.group(0)
    if "\n" in mark or mark[0] in "。！？":
        return True
    # look only at a few characters around the mark, so splitting stays linear in the text's length
    word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12):match.start()])
    if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS and mark == ".":
        return False
    following = text[match.end():match.end() + 16].lstrip()
    if word and mark == "." and _INITIALISM.fullmatch(word.group(1)) and following[:1] and \
            (following[0].islower() or following[0].isdigit() or following[0] in "(,;"):
        return False        # "about 2 million U.S. dollars", "the U.N. office": an initialism, the sentence goes on
    if following[:1].isdigit() and re.match(r"\d+(?:\.\d+)?\s?%", following):
        return not text[match.start() - 1:match.start()].isdigit()   # "7. 1%" is one number
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with exact offsets; whitespace around them is left out."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        if not _ends_sentence(text, match):
            continue
        end = match.end() if "\n" not in match.group(0) else match.start()
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))
