"""Synthetic case reports and MEDLINE-style XML for the registry tests and benchmarks.

Reports are filled from ``data/report_templates.yaml`` (templates this project wrote) with a seeded
random generator, so a given (seed, index) always gives the same text.
"""

from __future__ import annotations

import gzip
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

TEMPLATES = Path(__file__).parent / "data" / "report_templates.yaml"


@cache
def templates() -> dict[str, Any]:
    return yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Report:
    """A generated report and what it was generated from."""

    title: str
    text: str
    archetype: str
    age: int
    sex: str


def report(index: int, seed: int = 1, target_chars: int = 2000) -> Report:
    """The ``index``-th synthetic case report (about ``target_chars`` characters)."""
    t = templates()
    rng = random.Random(seed * 1_000_003 + index)
    name = rng.choice(sorted(t["archetypes"]))
    a = t["archetypes"][name]
    sex = rng.choice(["female", "male"])
    age = rng.randint(1, 12) if name == "iatrogenic" else rng.randint(18, 85)
    values: dict[str, Any] = {
        "age": age,
        "sex_word": ("girl" if sex == "female" else "boy") if age < 16 else ("woman" if sex == "female" else "man"),
        "pronoun": "she" if sex == "female" else "he",
        "Pronoun": "She" if sex == "female" else "He",
        "site": rng.choice(a["sites"]),
        "complaint": rng.choice(a["complaint"]),
        "months": rng.randint(2, 36),
        "years": rng.randint(2, 20),
        "followup": rng.randint(3, 24),
        "stated": a["stated"],
        "Stated": a["stated"][0].upper() + a["stated"][1:],
        "treatment": rng.choice(a["treatment"]),
        "outcome": rng.choice(a["outcome"]),
    }
    for analyte, (low, high) in a["labs"].items():
        value = rng.uniform(low, high)
        values[analyte] = f"{value:.0f}" if analyte == "pth" else f"{value:.2f}"
    condition = rng.choice(a["condition"]) if a["condition"] else None
    values["condition"] = condition or ""
    values["condition_or_none"] = condition or "no underlying disease"
    parts = [rng.choice(t["titles"]).format(**values), rng.choice(t["openings"]).format(**values)]
    parts.append(rng.choice(t["histories"] if condition else t["no_history"]).format(**values))
    if a.get("exposure"):
        values["exposure"] = rng.choice(a["exposure"])
        parts.append(rng.choice(t["exposure_lines"]).format(**values))
    parts.append(rng.choice(t["lab_lines"]).format(**values))
    parts.append(rng.choice(t["histology_lines"]).format(**values))
    parts.append(rng.choice(t["diagnosis_lines"]).format(**values))
    parts.append(rng.choice(t["treatment_lines"]).format(**values))
    discussion = list(t["discussion"])
    rng.shuffle(discussion)
    text = "\n\n".join(parts)
    for sentence in discussion * 4:
        if len(text) >= target_chars:
            break
        text += "\n\n" + sentence
    return Report(title=parts[0], text=text + "\n", archetype=name, age=age, sex=sex)


def write_reports(folder: Path, count: int, *, seed: int = 1, start: int = 0) -> list[Path]:
    """Write ``count`` reports as ``report-NNNNNN.txt`` files; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = folder / f"report-{index:06d}.txt"
        path.write_text(report(index, seed).text, encoding="utf-8")
        paths.append(path)
    return paths


def _irrelevant_abstract(rng: random.Random) -> tuple[str, str]:
    t = templates()
    values = {"n": rng.randint(20, 5000), "pct": rng.randint(5, 40), "pct2": rng.randint(5, 40)}
    title = rng.choice(t["irrelevant_titles"]).format(**values)
    sentences = [s.format(**values) for s in t["irrelevant_sentences"]]
    rng.shuffle(sentences)
    return title, " ".join(sentences * 2)


def medline_xml(path: Path, articles: int, *, relevant_every: int = 50, seed: int = 7) -> int:
    """Write a MEDLINE-style ``PubmedArticleSet`` (gzip if ``path`` ends in .gz); returns the relevant count."""
    rng = random.Random(seed)
    relevant = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n')
        for index in range(articles):
            pmid = 90_000_000 + index
            if relevant_every and index % relevant_every == 0:
                rep = report(index, seed)
                body = rep.text.split("\n\n", 1)[1]
                title, abstract = rep.title, " ".join(body.split())[:1800]
                relevant += 1
            else:
                title, abstract = _irrelevant_abstract(rng)
            year = 1990 + index % 35
            out.write(
                f'<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">{pmid}</PMID>'
                f"<Article><Journal><JournalIssue><PubDate><Year>{year}</Year></PubDate></JournalIssue></Journal>"
                f"<ArticleTitle>{escape(title)}</ArticleTitle>"
                f"<Abstract><AbstractText>{escape(abstract)}</AbstractText></Abstract></Article>"
                f"</MedlineCitation><PubmedData><ArticleIdList>"
                f'<ArticleId IdType="pubmed">{pmid}</ArticleId>'
                f'<ArticleId IdType="doi">10.9999/synthetic.{pmid}</ArticleId>'
                f"</ArticleIdList></PubmedData></PubmedArticle>\n"
            )
        out.write("</PubmedArticleSet>\n")
    return relevant
