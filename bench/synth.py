"""Write a synthetic corpus in the style of the bundled one: N documents with sidecars, made of varied
sentences that name entities of mappings/, carry statistics (with year-on-year changes and coordinated
lists) and distractor numbers (years, dates, ordinals, phone and licence numbers). Deterministic by seed.

    python bench/synth.py OUT_DIR --documents 1000 [--seed 7] [--sentences 40]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from graph_builder.config import resource_dir
from graph_builder.lexicon import load_lexicon

STATISTIC_TEMPLATES = [
    "The nation's procuratorial organs prosecuted {n} people for {crime}, {change}.",
    "{N} people were prosecuted for {crime} in accordance with the law, {change}.",
    "Arrest was approved for {n} suspects of {crime}, {change}.",
    "Decisions not to prosecute were made for {n} people suspected of {crime}.",
    "Procuratorates handled {n} public interest litigation cases related to {crime}.",
    "We issued {n} procuratorial suggestions to regulators on {crime}.",
    "A total of {n} hearings were held, {change}.",
    "More than {n} people were charged with {crime} during the past year.",
    "Prosecutors recovered {money} for victims of {crime}.",
]
LIST_TEMPLATE = ("We prosecuted {n1} people for {c1}, {n2} people for {c2} and {n3} people for {c3}, "
                 "increases of {p1}%, {p2}% and {p3}% year-on-year respectively.")
FILLER = [
    "Procuratorial work should serve the overall situation and ensure justice for the people.",
    "The {agency} stressed the importance of handling every case with high quality and efficiency.",
    "{Name}, spokesperson of the {agency}, said the work would continue in {place}.",
    "In {year}, the {agency} and the {agency2} jointly issued the \"Opinions on Strengthening {topic}\".",
    "The 14th Five Year Plan sets the goals; the 11th procuratorial suggestion was issued on March 8.",
    "For details call Tel:010-{phone} or see licence 京ICP备{licence}号.",
    "The {agency} will carry out the \"{campaign}\" campaign to crack down on {crime}.",
]
SURNAMES = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"]
GIVEN = ["Ming", "Hua", "Jian", "Wei", "Fang", "Lei", "Jun", "Tao", "Yan", "Qiang"]
TOPICS = ["Legal Supervision", "Cyberspace Governance", "Minors Protection", "Financial Security"]
CAMPAIGNS = ["Sky Shield", "Clean Web", "Safe Campus", "Blue Water"]


def _number(rng: random.Random) -> str:
    value = rng.choice([rng.randint(12, 999), rng.randint(1_000, 999_999)])
    return f"{value:,}"


def _change(rng: random.Random) -> str:
    word = rng.choice(["up", "down"])
    return f"{word} {rng.randint(1, 80)}.{rng.randint(0, 9)}% year on year"


def make_document(rng: random.Random, lexicon, sentences: int) -> str:
    crimes = [e.label for e in lexicon.of("crime-type")]
    agencies = [e.label for e in lexicon.of("agency")]
    places = [e.label for e in lexicon.of("place")]
    lines = []
    for _ in range(sentences):
        kind = rng.random()
        if kind < 0.45:
            template = rng.choice(STATISTIC_TEMPLATES)
            n = _number(rng)
            lines.append(template.format(n=n, N=n, crime=rng.choice(crimes), change=_change(rng),
                                         money=f"{rng.randint(2, 900)} million yuan"))
        elif kind < 0.55:
            c1, c2, c3 = rng.sample(crimes, 3)
            lines.append(LIST_TEMPLATE.format(n1=_number(rng), n2=_number(rng), n3=_number(rng), c1=c1, c2=c2,
                                              c3=c3, p1=rng.randint(1, 90), p2=rng.randint(1, 90),
                                              p3=rng.randint(1, 90)))
        else:
            a1, a2 = rng.sample(agencies, 2)
            lines.append(rng.choice(FILLER).format(
                agency=a1, agency2=a2, place=rng.choice(places), year=rng.randint(2015, 2024),
                topic=rng.choice(TOPICS), Name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}{rng.choice(GIVEN).lower()}",
                phone=rng.randint(10_000_000, 99_999_999), licence=rng.randint(10_000_000, 99_999_999),
                campaign=rng.choice(CAMPAIGNS), crime=rng.choice(crimes)))
    paragraphs = [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(out: Path, documents: int, seed: int = 7, sentences: int = 40) -> Path:
    """Write ``documents`` texts and sidecars into ``out`` (created); return ``out``."""
    rng = random.Random(seed)
    lexicon = load_lexicon(resource_dir("mappings"))
    out.mkdir(parents=True, exist_ok=True)
    for index in range(documents):
        year = 2015 + index % 10
        stem = f"synthetic-{index:06d}"
        (out / f"{stem}.txt").write_text(make_document(rng, lexicon, sentences), encoding="utf-8")
        (out / f"{stem}.meta.yaml").write_text(
            f'title: "Synthetic report {index}"\npublisher: "spp-kg corpus synthesizer"\n'
            f'date: "{year}-0{1 + index % 9}-1{index % 9}"\nlanguage: en\n'
            f'document_type: {"work-report" if index % 4 == 0 else "news-article"}\n'
            "reporting_agency: supreme-peoples-procuratorate\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sentences", type=int, default=40)
    args = parser.parse_args()
    write_corpus(args.out, args.documents, args.seed, args.sentences)


if __name__ == "__main__":
    main()
