"""Recognise lexicon entities in text (case- and possessive-tolerant), and officials the lexicon
does not know yet from patterns such as "Name, title of Agency"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import RECOGNISED_KINDS, Entry, Lexicon, is_acronym
from .sentences import Sentence

_QUOTE = "[\"“”]?"
_SEPARATOR = _QUOTE + r"[\s\-]+" + _QUOTE
_CJK = re.compile(r"[\u3000-\u9fff]")


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: a span of the document."""

    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """An entity named in the text at [start, end); a description ("12 measures were introduced to …")
    is labelled by its words and also known by the shorter name the text uses (``short_name``). An
    agency found by the shape of its name may say what it belongs to, as the lexicon says it
    (``belongs_to``: ("sub_organization_of", agency id) or ("jurisdiction", place id))."""

    kind: str
    id: str
    start: int
    end: int
    text: str
    short_name: str | None = None
    belongs_to: tuple[str, str] | None = None


# "serious violent crimes" is also written "serious violent offences" (and "offenses")
_CRIME_NOUNS = {"crime": r"(?:crime|offen[cs]e)", "crimes": r"(?:crimes|offen[cs]es)",
                "offence": r"(?:crime|offen[cs]e)", "offences": r"(?:crimes|offen[cs]es)",
                "offense": r"(?:crime|offen[cs]e)", "offenses": r"(?:crimes|offen[cs]es)"}


def _surface_regex(text: str) -> str:
    if is_acronym(text):
        return r"(?<![\w-])(?-i:" + re.escape(text) + r")(?![\w-])"
    if _CJK.search(text):
        return re.escape(text)
    text = re.sub(r"[\"“”]", "", text)
    text = text.replace("’", "'").replace("‘", "'")
    words = [_CRIME_NOUNS.get(w.lower(), re.escape(w).replace("'", "['’]")) for w in re.split(r"[\s\-]+", text) if w]
    # "trafficking in women" is also written "trafficking of women"
    words = [r"(?:in|of)" if word == "in" and index and words[index - 1].lower() == "trafficking" else word
             for index, word in enumerate(words)]
    if len(words) > 1 and words[-1] == _CRIME_NOUNS["crimes"]:
        # "narcotics crimes" are also "narcotics criminal cases", "drug-related crimes" "drug-related cases"
        cases = r"(?:criminal" + _SEPARATOR + r")?cases" if words[-2] == "related" else r"criminal" + _SEPARATOR + r"cases"
        words[-1] = r"(?:crimes|offen[cs]es|" + cases + ")"
    body = _SEPARATOR.join(words)
    plural = r"(?:e?s)?" if text[-1:].isalpha() and not text.endswith("s") and words[-1] not in _CRIME_NOUNS.values() \
        else ""
    return r"(?<![\w-])" + body + plural + r"(?![\w-])"


class EntityRecogniser:
    """Finds every lexicon label and alias in a text: leftmost-longest, non-overlapping.

    Surface forms are indexed by their first word, so the cost grows with the text, not with the
    size of the lexicon.
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._by_first_word: dict[str, list[tuple[re.Pattern[str], Entry]]] = {}
        for kind in RECOGNISED_KINDS:
            for entry in lexicon.of(kind):
                for _, text in entry.surface_forms():
                    first = _first_word(text)
                    if first:
                        pattern = re.compile(_surface_regex(text), re.IGNORECASE)
                        self._by_first_word.setdefault(first, []).append((pattern, entry))
        self._longest_cjk_key = max((len(key) for key in self._by_first_word if _CJK.match(key)), default=1)

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text``, in order."""
        mentions: list[Mention] = []
        resume = 0
        for token in _WORD.finditer(text):
            # Chinese is written without spaces: a name may start anywhere in a run of characters
            chinese = bool(_CJK.search(token.group(0)))
            for start in (range(token.start(), token.end()) if chinese else (token.start(),)):
                if start < resume:
                    continue
                best: tuple[int, Entry] | None = None
                for key in _lookup_keys(text[start:min(token.end(), start + self._longest_cjk_key)]
                                        if chinese else token.group(0)):
                    for pattern, entry in self._by_first_word.get(key, ()):
                        match = pattern.match(text, start)
                        if match and (best is None or match.end() > best[0]):
                            best = (match.end(), entry)
                if best:
                    end, entry = best
                    mentions.append(Mention(entry.kind, entry.id, start, end, text[start:end]))
                    resume = end
        return mentions


_WORD = re.compile(r"[^\W_]+")


def _first_word(text: str) -> str | None:
    match = _WORD.search(text)
    if not match:
        return None
    word = match.group(0)
    return word if _CJK.match(word) else word.lower()


def _lookup_keys(token: str) -> list[str]:
    """The index keys a text token may start a surface form with (CJK runs: each prefix)."""
    if _CJK.match(token):
        return [token[:i] for i in range(len(token), 0, -1)]
    lower = token.lower()
    keys = [lower]
    if lower.endswith("es"):
        keys.append(lower[:-2])
    if lower.endswith("s"):
        keys.append(lower[:-1])
    return keys


class TaggedText:
    """A sentence with every mention replaced by a tag ``⟦kind:id⟧``, so relation patterns can be
    written over entities."""

    def __init__(self, text: str, offset: int, mentions: list[Mention]):
        pieces = []
        cursor = 0
        for mention in mentions:
            local_start, local_end = mention.start - offset, mention.end - offset
            if local_start < cursor or local_end > len(text):
                continue
            pieces += [text[cursor:local_start], f"⟦{mention.kind}:{mention.id}⟧"]
            cursor = local_end
        pieces.append(text[cursor:])
        self.text = "".join(pieces)


def mentions_by_sentence(mentions: list[Mention], sentences: list[Sentence]) -> list[list[Mention]]:
    """The mentions that start in each sentence, in one pass over both (sentences in text order)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    result, position = [], 0
    for sentence in sentences:
        while position < len(ordered) and ordered[position].start < sentence.start:
            position += 1
        end = position
        while end < len(ordered) and ordered[end].start < sentence.end:
            end += 1
        result.append(ordered[position:end])
    return result
