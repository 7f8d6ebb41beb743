"""Load the declarative lexicon of ``mappings/``: entities with labels and aliases, measures, units.

Every file has ``kind:`` and ``entries:``. A problem (bad YAML, unknown kind or key, duplicate id or
alias, a reference to an unknown id, a bad pattern) is an InputError naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .yamlfile import LineDict, line_of, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")

COMMON_KEYS = {"id", "label", "aliases", "description", "wikidata"}
KIND_KEYS: dict[str, set[str]] = {
    "agency": {"sub_organization_of", "jurisdiction"},
    "place": {"contained_in", "type"},
    "official": {"name"},
    "role": {"phrases"},
    "policy": {"issued", "issued_by"},
    "campaign": {"launched_by", "start", "end", "targets"},
    "crime-type": {"broader"},
    "field": {"broader"},
    "measure": {"unit", "after", "after_zh", "around", "context", "context_zh", "definition", "weak", "recipients",
                "in_cases"},
    "unit": {"after", "after_zh", "suffix", "physical"},
}
SAME_KIND = "the entry's own kind"
# keys whose values are ids of another kind: key -> (kind, many)
REFERENCES: dict[str, tuple[str, bool]] = {
    "sub_organization_of": ("agency", False),
    "jurisdiction": ("place", False),
    "contained_in": ("place", False),
    "issued_by": ("agency", True),
    "launched_by": ("agency", True),
    "targets": ("crime-type", True),
    "broader": (SAME_KIND, False),
    "unit": ("unit", False),
    "recipients": ("measure", False),
    "in_cases": ("measure", False),
}
# patterns of English texts, and of Chinese texts (``_zh``: read in their reading form, chinese_script.py)
PATTERN_KEYS = ("after", "around", "context", "suffix", "after_zh", "context_zh")
# A role's `phrases` are regular expressions over a sentence whose entities are written as tags
# (⟦agency:id⟧); {agency} and {official} stand for the agency and the person who holds the role.
PHRASE_PLACEHOLDERS = {
    "{agency}": r"(?:the\s+)?⟦agency:(?P<agency>[a-z0-9-]+)⟧",
    "{official}": r"(?:(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2})|⟦official:(?P<official>[a-z0-9-]+)⟧)",
}


def expand_phrase(phrase: str) -> re.Pattern[str]:
    """Compile a role phrase, its placeholders replaced by the tag patterns they stand for."""
    for placeholder, pattern in PHRASE_PLACEHOLDERS.items():
        phrase = phrase.replace(placeholder, pattern)
    return re.compile(phrase)
# Files of mappings/ that are not lexicon files (settings of other commands).
NOT_LEXICON_FILES = frozenset({"link-types.yaml"})
# Kinds whose labels and aliases are looked for in the text.
RECOGNISED_KINDS = ("agency", "place", "official", "role", "policy", "campaign", "crime-type", "field")


@dataclass(frozen=True)
class WikidataLink:
    """A verified Wikidata identifier and where it was seen next to the entity's name."""

    qid: str
    evidence: str
    match: str = "exact"     # exact | close (for concepts)


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: an entity, concept, measure or unit."""

    kind: str
    id: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    data: dict[str, Any]
    source: str
    line: int
    wikidata: WikidataLink | None = None
    patterns: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.labels["en"]

    def refs(self, key: str) -> tuple[str, ...]:
        """The ids an entry refers to under ``key`` (empty when not set)."""
        value = self.data.get(key)
        if value is None:
            return ()
        return tuple(value) if isinstance(value, list) else (value,)

    def surface_forms(self) -> list[tuple[str, str]]:
        """(language, text) of the label and every alias."""
        forms = [(lang, text) for lang, text in self.labels.items()]
        forms += [(lang, text) for lang, texts in self.aliases.items() for text in texts]
        return forms


@dataclass
class Lexicon:
    """All entries of ``mappings/`` by kind and id."""

    entries: dict[str, dict[str, Entry]]
    _names: dict[tuple[str, str], Entry] | None = field(default=None, init=False, repr=False, compare=False)

    def of(self, kind: str) -> list[Entry]:
        return list(self.entries.get(kind, {}).values())

    def get(self, kind: str, entry_id: str) -> Entry | None:
        return self.entries.get(kind, {}).get(entry_id)

    def named(self, kind: str, text: str) -> Entry | None:
        """The entry of ``kind`` whose label or an alias is ``text`` (case, quotes, hyphens and a leading
        'the' ignored), or None."""
        if self._names is None:
            self._names = {}
            for entry in self:
                for _, form in entry.surface_forms():
                    self._names.setdefault((entry.kind, alias_key(form)), entry)
        return self._names.get((kind, alias_key(text)))

    def __iter__(self):
        for kind in sorted(self.entries):
            yield from self.entries[kind].values()


def is_acronym(text: str) -> bool:
    """All-capital short forms (SPP, NPC, CPPCC) are matched case-sensitively."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,9}", text))


def alias_key(text: str) -> str:
    """Normal form used to find duplicate aliases: case, quotes, hyphens and a leading 'the' ignored."""
    if is_acronym(text):
        return text
    key = text.replace("’", "'").replace("‘", "'").lower()
    key = re.sub(r"[\"“”]", "", key)
    key = re.sub(r"[\s\-]+", " ", key).strip()
    return re.sub(r"^the ", "", key)


def _text_map(value: Any, path: Path, line: int | None, what: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value.strip()}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InputError(f"{what} must be a string or a mapping of language to string", path, line)
    return {str(lang): text.strip() for lang, text in value.items() if text and text.strip()}


def _aliases(value: Any, path: Path, line: int | None) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if isinstance(value, list):
        value = {"en": value}
    if not isinstance(value, dict):
        raise InputError("aliases must be a list or a mapping of language to list", path, line)
    result: dict[str, tuple[str, ...]] = {}
    for lang, texts in value.items():
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise InputError(f"aliases.{lang} must be a list of non-empty strings", path, line_of(texts, line))
        result[str(lang)] = tuple(t.strip() for t in texts)
    return result


# A group holding an unbounded repetition, repeated without bound itself: "(\w+\s?)+", "(a*)*", "(?:x+y?){2,}".
# Such patterns backtrack catastrophically; a bounded outer repetition such as "(?:[\w-]+ ){0,3}" is allowed.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?<!\\)[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\})")


def _patterns(entry: LineDict, path: Path) -> dict[str, tuple[re.Pattern[str], ...]]:
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for key in PATTERN_KEYS:
        raw = entry.get(key)
        if raw is None:
            continue
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise InputError(f"{key} must be a list of regular expressions", path, line_of(raw, entry.line))
        patterns = []
        for text in raw:
            if _NESTED_QUANTIFIER.search(str(text)):
                raise InputError(f"regular expression in {key} repeats a group that itself repeats ({text!r}): "
                                 "it can take exponential time on some texts; bound the outer repetition, e.g. {0,5}",
                                 path, line_of(text, entry.line))
            try:
                patterns.append(re.compile(str(text), re.IGNORECASE))
            except re.error as exc:
                raise InputError(f"bad regular expression in {key}: {exc.msg}", path, line_of(text, entry.line)) from None
        compiled[key] = tuple(patterns)
    return compiled


def _wikidata(value: Any, path: Path, line: int | None) -> WikidataLink | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "id" not in value or not value.get("evidence"):
        raise InputError("wikidata needs 'id' and 'evidence' (where the identifier was seen)", path, line)
    qid = str(value["id"])
    if not QID.match(qid):
        raise InputError(f"bad Wikidata identifier {qid!r}", path, line_of(value["id"], line))
    match = str(value.get("match", "exact"))
    if match not in ("exact", "close"):
        raise InputError(f"wikidata.match must be exact or close, not {match!r}", path, line)
    return WikidataLink(qid=qid, evidence=str(value["evidence"]), match=match)


def _read_file(path: Path) -> list[Entry]:
    data = load_yaml(path)
    if not isinstance(data, LineDict) or "kind" not in data or "entries" not in data:
        raise InputError("a mappings file needs 'kind:' and 'entries:'", path, line_of(data, 1))
    kind = str(data["kind"])
    if kind not in KIND_KEYS:
        raise InputError(f"unknown kind {kind!r} (known: {', '.join(KIND_KEYS)})", path, line_of(data["kind"], 1))
    unknown_top = set(data) - {"kind", "entries", "description"}
    if unknown_top:
        raise InputError(f"unknown key {sorted(unknown_top)[0]!r} at the top of a mappings file", path, data.line)
    raw_entries = data["entries"]
    if not isinstance(raw_entries, list):
        raise InputError("'entries' must be a list", path, line_of(raw_entries, data.line))
    allowed = COMMON_KEYS | KIND_KEYS[kind]
    entries = []
    for raw in raw_entries:
        line = line_of(raw, data.line)
        if not isinstance(raw, LineDict):
            raise InputError("each entry must be a mapping", path, line)
        for key in raw:
            if key not in allowed:
                raise InputError(f"unknown key {key!r} for kind {kind} (allowed: {', '.join(sorted(allowed))})",
                                 path, line_of(key, line))
        entry_id = raw.get("id")
        if not isinstance(entry_id, str) or not SLUG.match(entry_id):
            raise InputError(f"entry id {entry_id!r} must be a slug (a-z, 0-9, hyphens)", path, line)
        label_value = raw.get("name") if kind == "official" else raw.get("label")
        labels = _text_map(label_value, path, line, "name" if kind == "official" else "label")
        if "en" not in labels:
            raise InputError(f"entry {entry_id!r} needs an English label", path, line)
        for phrase in raw.get("phrases") or ():
            if "{agency}" not in phrase or "{official}" not in phrase:
                raise InputError("a role phrase needs both {agency} and {official}", path, line_of(phrase, line))
            try:
                expand_phrase(str(phrase))
            except re.error as exc:
                raise InputError(f"bad regular expression in phrases: {exc.msg}", path, line_of(phrase, line)) from None
        plain = {k: v for k, v in raw.items() if k not in PATTERN_KEYS}
        entries.append(Entry(kind=kind, id=entry_id, labels=labels,
                             aliases=_aliases(raw.get("aliases"), path, line), data=plain,
                             source=path.name, line=line, wikidata=_wikidata(raw.get("wikidata"), path, line),
                             patterns=_patterns(raw, path)))
    return entries


def load_lexicon(mappings_dir: Path) -> Lexicon:
    """Load and check every ``*.yaml`` file of a mappings directory."""
    if not mappings_dir.is_dir():
        raise InputError("mappings directory does not exist", mappings_dir)
    files = sorted(path for path in mappings_dir.glob("*.yaml") if path.name not in NOT_LEXICON_FILES)
    if not files:
        raise InputError("mappings directory has no .yaml files", mappings_dir)
    entries: dict[str, dict[str, Entry]] = {}
    aliases: dict[str, Entry] = {}
    for path in files:
        for entry in _read_file(path):
            by_id = entries.setdefault(entry.kind, {})
            if entry.id in by_id:
                other = by_id[entry.id]
                raise InputError(f"duplicate {entry.kind} id {entry.id!r} (also {other.source}:{other.line})",
                                 path, entry.line)
            by_id[entry.id] = entry
            if entry.kind not in RECOGNISED_KINDS:
                continue
            for _, text in entry.surface_forms():
                key = alias_key(text)
                other = aliases.get(key)
                if other is not None and (other.kind, other.id) != (entry.kind, entry.id):
                    raise InputError(
                        f"alias {text!r} of {entry.kind} {entry.id!r} is already used by {other.kind} "
                        f"{other.id!r} ({other.source}:{other.line})", path, entry.line)
                aliases[key] = entry
    lexicon = Lexicon(entries)
    _check_references(lexicon, mappings_dir)
    return lexicon


def _check_references(lexicon: Lexicon, mappings_dir: Path) -> None:
    for entry in lexicon:
        for key, (target, _) in REFERENCES.items():
            target_kind = entry.kind if target == SAME_KIND else target
            for ref in entry.refs(key):
                if lexicon.get(target_kind, str(ref)) is None:
                    raise InputError(f"{entry.kind} {entry.id!r}: {key} refers to unknown {target_kind} {ref!r}",
                                     mappings_dir / entry.source, entry.line)
