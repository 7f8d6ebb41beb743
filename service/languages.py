"""Text in its language: HTML that carries ``lang``, and names made of an English and a Chinese label.

Every literal with a language tag is shown inside an element carrying that tag (``<span lang="zh">``)
so browsers pick a font that has its glyphs and screen readers the right voice. A resource is called
by its English label and its Chinese one when it has both ("theft · 盗窃"), by whichever it has
otherwise, and an untagged label takes the language its resource states (``dcterms:language``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
DCTERMS_TITLE = "http://purl.org/dc/terms/title"
DCTERMS_LANGUAGE = "http://purl.org/dc/terms/language"
# The properties that name a resource, the preferred one first.
LABELS = (SKOS_PREF_LABEL, RDFS_LABEL, FOAF_NAME, DCTERMS_TITLE)
SEPARATOR = " · "
# The language of the pages themselves (``<html lang>``): text known to be in it needs no mark of its own.
PAGE_LANGUAGE = "en"
# What a section of documents in a language is called, in that language.
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def lang_attribute(language: str) -> str:
    """`` lang="…"`` for a language tag (escaped), nothing for none."""
    return f' lang="{escape(language)}"' if language else ""


def in_language(html: str, language: str) -> str:
    """``html`` (already escaped) inside a ``<span lang>`` when its language is known, as it is otherwise."""
    return f"<span{lang_attribute(language)}>{html}</span>" if language else html


def inferred(language: str) -> str:
    """The ``lang`` to give text whose language is known from its resource rather than tagged: none when
    it is the page's own language (the text inherits it), else the language."""
    return "" if language.lower() == PAGE_LANGUAGE else language


def is_language(tag: str, language: str) -> bool:
    """Whether the tag ``tag`` is ``language`` or one of its variants ("zh-Hans" is "zh")."""
    tag = tag.lower()
    return tag == language or tag.startswith(language + "-")


@dataclass(frozen=True)
class Text:
    """A string and its language tag ("" when unknown)."""

    value: str
    language: str = ""

    def html(self) -> str:
        """The escaped text, inside a ``<span lang>`` when its language is known."""
        return in_language(escape(self.value), self.language)


@dataclass(frozen=True)
class Name:
    """What a resource is called: one text, or its English and its Chinese label."""

    texts: tuple[Text, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.texts)

    @property
    def primary(self) -> str:
        """The first label (English when there is one): what JSON and charts show."""
        return self.texts[0].value if self.texts else ""

    @property
    def primary_language(self) -> str:
        """The language of the first label."""
        return self.texts[0].language if self.texts else ""

    def plain(self) -> str:
        """The labels as plain text ("theft · 盗窃"), for ``<title>`` and tooltips."""
        return SEPARATOR.join(t.value for t in self.texts)

    def html(self) -> str:
        """The labels as HTML, each in its language."""
        return SEPARATOR.join(t.html() for t in self.texts)

    def by_language(self) -> dict[str, str]:
        """The labels keyed by language tag ("" for an untagged one)."""
        return {t.language: t.value for t in self.texts}


def name_of(labels: list[tuple[str, str, str]], language: str = "") -> Name:
    """Choose a resource's name among its ``labels``: (property, value, language tag) in any order.

    The English label comes first, then the Chinese one; an untagged label takes ``language`` (the
    language the resource states) and stands for the English one when there is none; a resource
    with labels in other languages only is called by one of them. The same string is shown once.
    """
    ranked = sorted(((LABELS.index(p) if p in LABELS else len(LABELS), value, tag or language)
                     for p, value, tag in labels if value.strip()))
    english = next((Text(v, t) for _, v, t in ranked if is_language(t, "en")), None)
    untagged = next((Text(v, "") for _, v, t in ranked if not t), None)
    chinese = next((Text(v, t) for _, v, t in ranked if is_language(t, "zh")), None)
    other = next((Text(v, t) for _, v, t in ranked), None)
    first = english or untagged
    texts: list[Text] = []
    for text in (first, chinese):
        if text is not None and all(text.value != t.value for t in texts):
            texts.append(text)
    if not texts and other is not None:
        texts.append(other)
    return Name(tuple(texts))


def language_name(tag: str) -> Text:
    """What a language is called in itself ("中文" for zh), for section headings."""
    for code, name in LANGUAGE_NAMES.items():
        if is_language(tag, code):
            return Text(name, code)
    return Text(tag or "language not stated")
