"""Score a build's statistics against a development set's annotations (tests/dev_sets/): for each annotated
figure, whether the graph has it (value), with its measure, subject and year-on-year change (full), and its
period; how many observations are no annotated figure (unexpected) and how many come from numbers annotated
as not being statistics (distractors).

The rules are those of the annotations' documentation: a figure is found when an observation of the same
document has its value and evidence within 250 characters of the annotated quote; its measure and subject
match when one content word of the annotation's phrase (its first six letters) is in the labels of what
the observation links to, negation agreeing; periods are compared as spans of months.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

ID = "https://w3id.org/spp-kg/id/"
_GENERIC = {"people", "person", "persons", "number", "total", "crimes", "crime", "cases", "case", "related",
            "field", "other", "various", "issued", "handled", "the", "and", "for", "of", "in", "with", "from"}
_SYNONYMS = {"indict": "prosec", "charge": "prosec"}
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_NEAR = 250
_OBSERVATIONS = """
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX spp: <https://w3id.org/spp-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
SELECT ?o ?v ?doc ?start ?end ?period ?from ?to WHERE {
  ?o a spp:Statistic ; sdmx-measure:obsValue ?v ; prov:wasDerivedFrom ?doc ; spp:evidence ?e ;
     sdmx-dimension:refPeriod ?period .
  ?e oa:start ?start ; oa:end ?end .
  OPTIONAL { ?period dcat:startDate ?from ; dcat:endDate ?to }
}"""
_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX spp: <https://w3id.org/spp-kg/ontology#>
SELECT ?o ?l WHERE { ?o a spp:Statistic ; ?p ?x . ?x skos:prefLabel|skos:altLabel|rdfs:label ?l }"""
_NUMBERS = """
PREFIX spp: <https://w3id.org/spp-kg/ontology#>
SELECT ?o ?n WHERE { ?o a spp:Statistic ; ?p ?n . FILTER(isLiteral(?n) && isNumeric(?n)) }"""


@dataclass
class Observation:
    value: float
    document: str
    span: tuple[int, int]
    period: tuple[tuple[int, int], tuple[int, int]] | None
    labels: str = ""
    numbers: list[float] = field(default_factory=list)


@dataclass
class Score:
    gold: int
    observations: int
    value_recall: float
    full_recall: float
    period_accuracy: float
    unexpected: float
    distractor_hits: int
    misses: list[str]


def _year_month(text: str, end: bool) -> tuple[int, int]:
    match = re.match(r"(\d{4})(?:-(\d{2}))?", text)
    return int(match.group(1)), int(match.group(2)) if match.group(2) else (12 if end else 1)


def observations(trig: Path) -> dict[str, Observation]:
    """The statistics of a build (its ``graph.trig``), with what the scoring compares."""
    store = pyoxigraph.Store()
    store.load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    found: dict[str, Observation] = {}
    for row in store.query(_OBSERVATIONS, use_default_graph_as_union=True):
        key = row["o"].value
        if key in found:
            continue
        if row["from"] is not None:
            period = (_year_month(row["from"].value, False), _year_month(row["to"].value, True))
        else:
            text = row["period"].value.rsplit("/", 1)[-1]
            period = (_year_month(text, False), _year_month(text, True)) if re.match(r"\d{4}", text) else None
        found[key] = Observation(float(row["v"].value), row["doc"].value.rsplit("/", 1)[-1],
                                 (int(row["start"].value), int(row["end"].value)), period)
    for row in store.query(_LABELS, use_default_graph_as_union=True):
        found[row["o"].value].labels += " " + row["l"].value.lower()
    for row in store.query(_NUMBERS, use_default_graph_as_union=True):
        try:
            found[row["o"].value].numbers.append(float(row["n"].value))
        except ValueError:
            pass
    return found


def _stems(text: str | None) -> set[str]:
    return {_SYNONYMS.get(w[:6], w[:6]) for w in re.findall(r"[a-z]+", (text or "").lower())
            if len(w) >= 4 and w not in _GENERIC}


def _negated(text: str | None) -> bool:
    return bool(re.search(r"\b(?:not|non|no)\b|\bnon-|不", (text or "").lower()))


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= max(1e-6, abs(y) * 1e-6)


def _gold_period(text: str | None) -> tuple[tuple[int, int], tuple[int, int]] | None:
    text = (text or "").strip()
    if match := re.fullmatch(r"(\d{4})(?: vs \d{4})?", text):
        return (int(match[1]), 1), (int(match[1]), 12)
    if match := re.fullmatch(r"(\d{4})-(\d{4})", text):
        return (int(match[1]), 1), (int(match[2]), 12)
    if (match := re.fullmatch(r"([A-Z][a-z]{2})-([A-Z][a-z]{2}) (\d{4})", text)) and {match[1], match[2]} <= set(_MONTHS):
        return (int(match[3]), _MONTHS[match[1]]), (int(match[3]), _MONTHS[match[2]])
    return None


def _full(annotation: dict, observation: Observation) -> bool:
    measure = _stems(annotation.get("measure"))
    labels = _stems(observation.labels)
    if measure and not measure & labels:
        return False
    if _negated(annotation.get("measure")) != _negated(observation.labels):
        return False
    subject = _stems(annotation.get("subject"))
    if annotation.get("subject") and subject and not subject & labels:
        return False
    change = annotation.get("yoy_change_percent")
    value = float(annotation["value"])
    return change is None or any(_close(n, float(change)) for n in observation.numbers
                                 if not _close(n, value) or _close(value, float(change)))


def _near(observation: Observation, annotation: dict) -> bool:
    """The observation's evidence lies over or next to the annotated quote (anywhere when the annotation
    gives no offsets)."""
    if "char_start" not in annotation:
        return True
    return observation.span[0] <= annotation["char_end"] + _NEAR and observation.span[1] >= annotation["char_start"] - _NEAR


def _distractor_value(distractor: dict) -> float | None:
    try:
        return float(distractor["value"])
    except (KeyError, TypeError, ValueError):
        match = re.search(r"\d[\d,]*(?:\.\d+)?", distractor.get("quote", ""))
        return float(match.group(0).replace(",", "")) if match else None


def score(found: dict[str, Observation], annotations: list[dict], distractors: list[dict],
          documents: dict[str, str], texts: dict[str, str]) -> Score:
    """Score the observations against a set's annotations; ``documents`` maps an annotation's file name
    to the id of its document in the build, ``texts`` a document id to its text."""
    core = [a for a in annotations if a.get("scope", "aggregate") in ("aggregate", "regional")]
    scored = [o for o in found.values() if o.document in texts]
    by_document: dict[str, list[Observation]] = {}
    for observation in scored:
        by_document.setdefault(observation.document, []).append(observation)
    value_hits = full_hits = period_scored = period_hits = 0
    misses = []
    for annotation in core:
        value = float(annotation["value"])
        candidates = [o for o in by_document.get(documents[annotation["doc"]], [])
                      if _close(o.value, value) and _near(o, annotation)]
        if not candidates:
            misses.append(f"missing {annotation.get('id', '')} {annotation['quote'][:60]}")
            continue
        value_hits += 1
        if any(_full(annotation, o) for o in candidates):
            full_hits += 1
        else:
            misses.append(f"partial {annotation.get('id', '')} {annotation['quote'][:60]}")
        period = _gold_period(annotation.get("period"))
        if period is not None:
            period_scored += 1
            period_hits += any(o.period == period for o in candidates)
    annotated = {(documents[a["doc"]], round(float(a["value"]), 6)) for a in annotations}
    unexpected = [o for o in scored if (o.document, round(o.value, 6)) not in annotated]
    hits = 0
    for distractor in distractors:
        document, value = documents[distractor["doc"]], _distractor_value(distractor)
        if value is None:
            continue
        for observation in by_document.get(document, []):
            quote = texts[document][observation.span[0]:observation.span[1]]
            if _close(observation.value, value) and (distractor["quote"] in quote or quote in distractor["quote"]) \
                    and not any(_close(observation.value, float(a["value"])) and _near(observation, a)
                                for a in annotations if documents[a["doc"]] == document):
                hits += 1
                break
    return Score(len(core), len(scored), value_hits / len(core), full_hits / len(core),
                 period_hits / max(1, period_scored), len(unexpected) / max(1, len(scored)), hits, misses)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
