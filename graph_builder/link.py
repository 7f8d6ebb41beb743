"""Reconcile lexicon entries that have no ``wikidata:`` yet against a Wikidata-compatible SPARQL endpoint.

For each entry, one query looks for items whose English or Chinese label or alias equals one of the
entry's surface forms and that belong to the classes of ``mappings/link-types.yaml``; a second query
fetches the candidates' labels, descriptions, aliases (and offices held, for people). Each candidate
gets a transparent score in [0, 1]; an accepted match is written into the entry's mappings file as a
``wikidata:`` line right after its ``- id:`` line, with the query that found it as evidence.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from .errors import InputError
from .lexicon import Entry, alias_key, load_lexicon
from .link_client import SparqlClient
from .yamlfile import load_yaml

TYPES_FILE = "link-types.yaml"
LANGUAGES = ("en", "zh")
WD = "http://www.wikidata.org/entity/"
PREFIXES = ("PREFIX wd: <http://www.wikidata.org/entity/> PREFIX wdt: <http://www.wikidata.org/prop/direct/> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX schema: <http://schema.org/>")
MAX_CANDIDATES = 20
# Weights of the score: name similarity, exact Chinese label, type matched directly (or office held).
W_NAME, W_ZH, W_TYPE = 0.8, 0.1, 0.1
ALIAS_FACTOR = 0.9   # a match through an alias counts a little less than one through a label


@dataclass(frozen=True)
class KindTypes:
    """The Wikidata classes a candidate of one kind must belong to (from link-types.yaml)."""

    kind: str
    lexicon_kind: str
    types: tuple[str, ...]
    subclass: bool
    position_held: bool
    match: str


@dataclass
class Candidate:
    """A Wikidata item found for an entry, with what was fetched about it."""

    qid: str
    direct_type: bool
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Score:
    """The score of a candidate and its parts, so that anyone can see why it was (not) accepted."""

    total: float
    name: float
    ours: str
    theirs: str
    through_alias: bool
    zh: bool
    type_bonus: bool

    def explain(self, position_held: bool) -> str:
        via = "alias" if self.through_alias else "label"
        type_part = "office held" if position_held else "direct type"
        return (f"score {self.total:.2f} = {W_NAME:.1f} x name {self.name:.2f} ({self.ours!r} ~ {via} "
                f"{self.theirs!r}) + {W_ZH if self.zh else 0:.1f} zh label "
                f"{'matches' if self.zh else 'differs or missing'} + {W_TYPE if self.type_bonus else 0:.1f} "
                f"{type_part}{'' if self.type_bonus else ' (no)'}")


@dataclass
class Proposal:
    """The best candidate of an entry and what became of it."""

    entry: Entry
    candidate: Candidate
    score: Score
    query: str
    decision: str = "below threshold"   # accepted | rejected | below threshold | ambiguous


def load_kind_types(mappings_dir: Path) -> dict[str, KindTypes]:
    """Read ``link-types.yaml`` of a mappings directory."""
    path = mappings_dir / TYPES_FILE
    if not path.is_file():
        raise InputError(f"no {TYPES_FILE} here (the type constraints of 'link')", mappings_dir)
    data = load_yaml(path)
    kinds = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        raise InputError("needs 'kinds:' with one mapping per kind", path)
    result = {}
    for kind, spec in kinds.items():
        line = getattr(spec, "line", None)
        if not isinstance(spec, dict) or not isinstance(spec.get("types"), list) or not spec["types"]:
            raise InputError(f"kind {kind!r} needs 'types:' (a list of {{id: Q..}})", path, line)
        types = tuple(str(t.get("id") if isinstance(t, dict) else t) for t in spec["types"])
        if not all(re.fullmatch(r"Q[1-9][0-9]*", t) for t in types):
            raise InputError(f"kind {kind!r}: every type needs a Wikidata id Q...", path, line)
        if spec.get("path", "subclass") not in ("instance", "subclass") or spec.get("match", "exact") not in ("exact", "close"):
            raise InputError(f"kind {kind!r}: path must be instance or subclass, match exact or close", path, line)
        result[str(kind)] = KindTypes(kind=str(kind), lexicon_kind=str(spec.get("lexicon_kind", kind)), types=types,
                                      subclass=spec.get("path", "subclass") == "subclass",
                                      position_held=bool(spec.get("position_held", False)),
                                      match=str(spec.get("match", "exact")))
    return result


def _literal(text: str, lang: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{lang}'


def search_query(entry: Entry, kind: KindTypes) -> str:
    """The single-line query finding items labelled like the entry and of the kind's classes."""
    forms = sorted({(lang, text) for lang, text in entry.surface_forms() if lang in LANGUAGES})
    values = " ".join(_literal(text, lang) for lang, text in forms)
    types = " ".join(f"wd:{t}" for t in kind.types)
    path = "wdt:P31/wdt:P279*" if kind.subclass else "wdt:P31"
    return (f"{PREFIXES} SELECT DISTINCT ?item ?direct WHERE {{ VALUES ?form {{ {values} }} "
            f"{{ ?item rdfs:label ?form }} UNION {{ ?item skos:altLabel ?form }} "
            f"VALUES ?type {{ {types} }} ?item {path} ?type . "
            f"BIND(EXISTS {{ VALUES ?direct_type {{ {types} }} ?item wdt:P31 ?direct_type }} AS ?direct) }} "
            f"LIMIT {MAX_CANDIDATES}")


def details_query(qids: list[str], position_held: bool) -> str:
    """The query fetching labels, descriptions and aliases (en, zh) of candidates, and offices held."""
    items = " ".join(f"wd:{q}" for q in qids)
    positions = (" UNION { ?item wdt:P39 ?position . ?position rdfs:label ?value . BIND(\"position\" AS ?field) }"
                 if position_held else "")
    return (f"{PREFIXES} SELECT ?item ?field ?value WHERE {{ VALUES ?item {{ {items} }} "
            f"{{ ?item rdfs:label ?value . BIND(\"label\" AS ?field) }} UNION "
            f"{{ ?item skos:altLabel ?value . BIND(\"alias\" AS ?field) }} UNION "
            f"{{ ?item schema:description ?value . BIND(\"description\" AS ?field) }}{positions} "
            f"FILTER(LANG(?value) IN (\"en\", \"zh\")) }}")


def _qid(iri: str) -> str | None:
    if iri.startswith(WD) and re.fullmatch(r"Q[1-9][0-9]*", iri[len(WD):]):
        return iri[len(WD):]
    return None


def find_candidates(client: SparqlClient, entry: Entry, kind: KindTypes) -> tuple[str, list[Candidate]]:
    """The search query of an entry and the candidates it found, with their labels and descriptions."""
    query = search_query(entry, kind)
    found: dict[str, Candidate] = {}
    for row in client.select(query):
        qid = _qid(row.get("item", {}).get("value", ""))
        if qid is None:
            continue
        direct = row.get("direct", {}).get("value", "false") in ("true", "1")
        if qid in found:
            found[qid].direct_type |= direct
        else:
            found[qid] = Candidate(qid=qid, direct_type=direct)
    if found:
        for row in client.select(details_query(sorted(found), kind.position_held)):
            candidate = found.get(_qid(row.get("item", {}).get("value", "")) or "")
            value = row.get("value", {})
            text, lang = value.get("value", ""), value.get("xml:lang", "")
            if candidate is None or not text:
                continue
            what = row.get("field", {}).get("value")
            if what == "label":
                candidate.labels.setdefault(lang, text)
            elif what == "description":
                candidate.descriptions.setdefault(lang, text)
            elif what == "alias":
                candidate.aliases.append((lang, text))
            elif what == "position" and lang == "en" and text not in candidate.positions:
                candidate.positions.append(text)
    return query, sorted(found.values(), key=lambda c: c.qid)


def _similarity(ours: str, theirs: str) -> float:
    a, b = alias_key(ours).lower(), alias_key(theirs).lower()
    return 1.0 if a == b else SequenceMatcher(None, a, b).ratio()


def score(entry: Entry, candidate: Candidate, kind: KindTypes) -> Score:
    """Score = 0.8 x best name similarity (aliases x 0.9) + 0.1 if the zh label equals ours + 0.1 type bonus.

    The type bonus is for an item that is directly an instance of one of the kind's classes (for people,
    who are always that: for an item with an office held).
    """
    best = (0.0, "", "", False)
    theirs = [(text, False) for text in candidate.labels.values()] + [(text, True) for _, text in candidate.aliases]
    for _, ours in entry.surface_forms():
        for text, through_alias in theirs:
            value = _similarity(ours, text) * (ALIAS_FACTOR if through_alias else 1.0)
            if value > best[0]:
                best = (value, ours, text, through_alias)
    our_zh = {text for lang, text in entry.surface_forms() if lang == "zh"}
    zh = bool(candidate.labels.get("zh")) and candidate.labels["zh"] in our_zh
    type_bonus = bool(candidate.positions) if kind.position_held else candidate.direct_type
    total = round(W_NAME * best[0] + (W_ZH if zh else 0.0) + (W_TYPE if type_bonus else 0.0), 2)
    return Score(total=min(1.0, total), name=round(best[0], 2), ours=best[1], theirs=best[2],
                 through_alias=best[3], zh=zh, type_bonus=type_bonus)


def evidence(endpoint: str, candidate: Candidate, result: Score, query: str, on: date) -> str:
    """The evidence recorded with an accepted match."""
    label = candidate.labels.get("en") or candidate.labels.get("zh") or ""
    description = candidate.descriptions.get("en") or candidate.descriptions.get("zh") or ""
    return (f"reconciled against {endpoint} on {on.isoformat()}: candidate label '{label}', description "
            f"'{description}', score {result.total:.2f}; query: {' '.join(query.split())}")


_ID_LINE = r"^(?P<indent>[ \t]*)- id:[ \t]*[\"']?{id}[\"']?[ \t]*(?:#.*)?$"


def insert_wikidata(text: str, entry_id: str, qid: str, evidence_text: str, match: str) -> str:
    """Insert a ``wikidata:`` line right after the ``- id:`` line of an entry (the rest is untouched)."""
    found = list(re.finditer(_ID_LINE.format(id=re.escape(entry_id)), text, flags=re.MULTILINE))
    if len(found) != 1:
        raise InputError(f"cannot find exactly one '- id: {entry_id}' line to add its wikidata link")
    at = found[0]
    indent = at.group("indent") + "  "
    line_end = text.find("\n", at.end())
    newline = "\r\n" if text[at.end():at.end() + 2] == "\r\n" else "\n"
    value = json.dumps(evidence_text, ensure_ascii=False)   # a JSON string is a YAML double-quoted scalar
    new_line = f"{indent}wikidata: {{id: {qid}, evidence: {value}, match: {match}}}{newline}"
    if line_end == -1:
        return text + newline + new_line.rstrip("\r\n")
    return text[:line_end + 1] + new_line + text[line_end + 1:]


def record(mappings_dir: Path, accepted: list[tuple[Proposal, str, str]]) -> list[Path]:
    """Write accepted links (proposal, evidence, match) into their files; check the lexicon still loads."""
    by_file: dict[str, list[tuple[Proposal, str, str]]] = {}
    for item in accepted:
        by_file.setdefault(item[0].entry.source, []).append(item)
    originals: dict[Path, str] = {}
    try:
        for name, items in sorted(by_file.items()):
            path = mappings_dir / name
            text = path.read_text(encoding="utf-8")
            originals[path] = text
            for proposal, evidence_text, match in items:
                text = insert_wikidata(text, proposal.entry.id, proposal.candidate.qid, evidence_text, match)
            _write_atomically(path, text)
        load_lexicon(mappings_dir)
    except Exception:
        for path, text in originals.items():
            _write_atomically(path, text)
        raise
    return sorted(originals)


def _write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False,
                                     newline="") as handle:
        handle.write(text)
    os.replace(handle.name, path)


@dataclass
class LinkOptions:
    """What ``spp-kg link`` reconciles and how it decides."""

    mappings_dir: Path
    kinds: tuple[str, ...]
    threshold: float = 0.85
    review: bool = False
    dry_run: bool = False


def run_link(options: LinkOptions, client: SparqlClient, out: Callable[[str], None],
             ask: Callable[[str], str | None], progress: Callable[[str], None]) -> dict[str, int]:
    """Reconcile, print every proposal with its score components, record accepted matches."""
    lexicon = load_lexicon(options.mappings_dir)
    kind_types = load_kind_types(options.mappings_dir)
    accepted: list[tuple[Proposal, str, str]] = []
    counts = {"entries": 0, "with_candidates": 0, "accepted": 0, "below_threshold": 0, "ambiguous": 0, "rejected": 0}
    today = date.today()
    stop_asking = False
    for kind_name in options.kinds:
        if kind_name not in kind_types:
            raise InputError(f"kind {kind_name!r} has no type constraints in {TYPES_FILE}", options.mappings_dir)
        kind = kind_types[kind_name]
        entries = [e for e in lexicon.of(kind.lexicon_kind) if e.wikidata is None]
        progress(f"{kind_name}: {len(entries)} entries without wikidata")
        for number, entry in enumerate(entries, 1):
            counts["entries"] += 1
            query, candidates = find_candidates(client, entry, kind)
            if number % 25 == 0:
                progress(f"{kind_name}: {number}/{len(entries)}")
            if not candidates:
                continue
            counts["with_candidates"] += 1
            scored = sorted(((score(entry, c, kind), c) for c in candidates), key=lambda sc: (-sc[0].total, sc[1].qid))
            out(f"{kind_name} {entry.id} ({entry.label}): {len(candidates)} candidate(s)")
            for result, candidate in scored:
                labels = " / ".join(candidate.labels.get(lang, "") for lang in LANGUAGES if candidate.labels.get(lang))
                description = candidate.descriptions.get("en") or candidate.descriptions.get("zh") or "(no description)"
                out(f"  {candidate.qid}  {labels} - {description}")
                if candidate.positions:
                    out(f"    offices held: {'; '.join(candidate.positions[:5])}")
                out(f"    {result.explain(kind.position_held)}")
            best_score, best = scored[0]
            proposal = Proposal(entry=entry, candidate=best, score=best_score, query=query)
            rivals = [c for s, c in scored[1:] if s.total >= options.threshold]
            if options.review and not stop_asking:
                answer = ask(f"  link {kind_name} {entry.id} to {best.qid} (score {best_score.total:.2f})? [y/n] ")
                if answer is None:
                    stop_asking = True
                proposal.decision = "accepted" if (answer or "").strip().lower() in ("y", "yes") else "rejected"
            elif options.review:
                proposal.decision = "rejected"
            elif best_score.total < options.threshold:
                proposal.decision = "below threshold"
            elif rivals:
                proposal.decision = "ambiguous"
            else:
                proposal.decision = "accepted"
            key = proposal.decision.replace(" ", "_")
            counts[key] += 1
            note = "" if proposal.decision != "ambiguous" else f" ({', '.join(c.qid for c in rivals)} score as high)"
            out(f"  -> {best.qid} {proposal.decision}{note}{' (dry run: not recorded)' if options.dry_run and proposal.decision == 'accepted' else ''}")
            if proposal.decision == "accepted":
                match = "close" if kind.match == "close" and best_score.total < 1.0 else "exact"
                accepted.append((proposal, evidence(client.endpoint, best, best_score, query, today), match))
    if accepted and not options.dry_run:
        for path in record(options.mappings_dir, accepted):
            progress(f"wrote {path}")
    counts["requests"] = client.requests_made
    counts["cached"] = client.cache_hits
    return counts
