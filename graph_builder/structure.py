"""The shape of a document: headline, section headings, paragraphs and lists, with the sentences of each.

Context stated at one level (a headline's year, a heading's span of years, a list header's measure)
flows down to what that level contains. ``outline`` places every sentence in its block and lists the
sentences whose statements it inherits, nearest first, so later stages read a figure in its context
instead of in its sentence alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Sentence

HEADLINE, HEADING, PARAGRAPH, LIST_HEADER, LIST_ITEM = "headline", "heading", "paragraph", "list-header", "list-item"

_NUMBERED_HEADING = re.compile(
    r"^(?:[IVXLC]{1,6}\.|\(\d{1,2}\)|（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、|Part \w+[.:])\s*\S")
_MAX_HEADING = 120          # characters: a longer standalone line is a paragraph
_MAX_HEADLINE = 90          # characters: a longer first line with the story right below it is a paragraph
_ENDS_SENTENCE = re.compile(r"[.!?。！？;；]['\"”’)]*\s*$")
_ENDS_WITH_COLON = re.compile(r"[:：]\s*$")
# "Telecom fraud: more than 67,000 (+58.5%)": a label, a colon and a short value part
_LABEL_VALUE = re.compile(r"^[^:：\n]{2,80}[:：]\s*\S[^\n]{0,120}$")


@dataclass(frozen=True)
class Block:
    """A headline, heading, paragraph, list header or list item: one line of the text or more."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Placed:
    """A sentence in its document: its block and the sentences it inherits context from, nearest first."""

    sentence: Sentence
    block: Block
    scopes: tuple[Sentence, ...]
    index: int                  # position of the sentence in the document


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, end exclusive and without trailing whitespace."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, match.start() + len(line.rstrip())))
    return spans


def _blank_between(text: str, end: int, start: int) -> bool:
    return text.count("\n", end, start) >= 2


def blocks_of(text: str) -> list[Block]:
    """The blocks of ``text`` in order (every non-blank line belongs to exactly one)."""
    lines = _lines(text)
    kinds: list[str] = [PARAGRAPH] * len(lines)
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        alone = (i == 0 or _blank_between(text, lines[i - 1][1], start)) and \
            (i + 1 == len(lines) or _blank_between(text, end, lines[i + 1][0]))
        if _NUMBERED_HEADING.match(line) and len(line) <= _MAX_HEADING and not _ENDS_SENTENCE.search(line):
            kinds[i] = HEADING
        elif alone and len(line) <= _MAX_HEADING and not _ENDS_SENTENCE.search(line) \
                and not _ENDS_WITH_COLON.search(line):
            kinds[i] = HEADLINE if i == 0 else HEADING
        elif i == 0 and len(lines) > 1 and len(line) <= _MAX_HEADLINE and not _ENDS_SENTENCE.search(line) \
                and not _ENDS_WITH_COLON.search(line) and _ENDS_SENTENCE.search(text[lines[1][0]:lines[1][1]]):
            kinds[i] = HEADLINE     # a title line right above the story, no blank line between
    # lists: a line ending with a colon followed by two or more lines with no blank line between, or a
    # run of two or more "label: value" lines
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and not _blank_between(text, lines[j - 1][1], lines[j][0]):
            j += 1
        run = range(i, j)           # lines i..j-1 touch each other
        # the last line ending with a colon that two or more lines of the run follow heads them
        header = next((k for k in reversed(run[:-2]) if _ENDS_WITH_COLON.search(text[lines[k][0]:lines[k][1]])), None)
        if header is not None:
            kinds[header] = LIST_HEADER
            for k in range(header + 1, j):
                kinds[k] = LIST_ITEM
        elif len(run) >= 2 and all(_LABEL_VALUE.match(text[lines[k][0]:lines[k][1]]) for k in run):
            if i > 0 and kinds[i - 1] == PARAGRAPH and _ENDS_WITH_COLON.search(text[lines[i - 1][0]:lines[i - 1][1]]):
                kinds[i - 1] = LIST_HEADER
            for k in run:
                kinds[k] = LIST_ITEM
        i = j
    return [Block(kind, start, end) for kind, (start, end) in zip(kinds, lines)]


# a first sentence that only says who reports and when: "China News Service, October 19.", "BEIJING, Feb. 4 --",
# "By LI MING | chinadaily.com.cn | Updated: 2026-02-04 14:47"
_DATELINE = re.compile(r"^[^.;:]{0,45}?\b(?:\d{1,2}(?:st|nd|rd|th)?|January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)\W{0,3}$|\|\s*Updated\b|^Source:|^Editor:",
                       re.IGNORECASE)


_DIGIT = re.compile(r"[0-9０-９]")


def outline(text: str, sentences: list[Sentence], with_lead: bool = False) -> list[Placed]:
    """Every sentence placed in its block, with the sentences whose context it inherits, nearest first:
    the list header of a list item, the opening sentence of its paragraph, the section heading, the
    headline and, ``with_lead`` (news: the lead frames the story, its headline included), the first
    sentence of the first paragraph."""
    blocks = blocks_of(text)
    placed: list[Placed] = []
    block_index = 0
    headline: Sentence | None = None
    lead: Sentence | None = None
    lead_next: Sentence | None = None
    heading: Sentence | None = None
    header: Sentence | None = None
    opener: Sentence | None = None
    current: Block | None = None
    for index, sentence in enumerate(sentences):
        while block_index + 1 < len(blocks) and blocks[block_index].end <= sentence.start:
            block_index += 1
        block = blocks[block_index] if blocks else Block(PARAGRAPH, 0, len(text))
        if block is not current:
            current = block
            opener = sentence
            if block.kind == HEADLINE:
                headline = sentence
            elif block.kind == HEADING:
                heading, header = sentence, None
            elif block.kind == PARAGRAPH:
                header = None
                if with_lead and (lead is None or _DATELINE.match(lead.text)):
                    lead = sentence
        elif lead is opener and _DATELINE.match(lead.text):
            lead = sentence             # "China News Service, October 19." dates the story; what follows leads it
        elif lead is opener and lead_next is None and not _DIGIT.search(lead.text):
            lead_next = sentence        # "工作怎么样,数据来说话。" only opens the story: the next sentence leads it too
        if block.kind == LIST_HEADER:
            header = sentence           # the header's last sentence states what the items count
        scopes = []
        if block.kind == LIST_ITEM and header is not None:
            scopes.append(header)
        if block.kind in (PARAGRAPH, LIST_HEADER) and opener is not sentence:
            scopes.append(opener)
        for level in (heading, headline, lead, lead_next):
            if level is not None and level is not sentence and level not in scopes:
                scopes.append(level)
        placed.append(Placed(sentence, block, tuple(scopes), index))
    if lead is not None:
        # the lead frames the headline above it too ("Over 5,000 charged with drug crimes" / "In 2030, ...")
        leads = tuple(s for s in (lead, lead_next) if s is not None)
        placed = [Placed(p.sentence, p.block, p.scopes + tuple(s for s in leads if s not in p.scopes), p.index)
                  if p.block.kind == HEADLINE else p for p in placed]
    return placed
