"""Case-series statistics over the registry: who, where, what, how treated, and with what result.

Only the current extraction of each document counts, and cases flagged as duplicates (the same
patient reported twice) are left out unless asked for.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select

from calcidx.errors import InputError
from calcidx.extract.site_names import series_sites
from calcidx.registry import models as m
from calcidx.registry.database import Registry

__all__ = ["CaseRow", "Filters", "display_name", "load_cases", "outcome_category", "series_stats"]

AGE_BANDS = ((0, 18, "0-17"), (18, 40, "18-39"), (40, 65, "40-64"), (65, 200, "65+"))
SEXES = ("female", "male")


@dataclass
class Filters:
    """Which cases a series covers (None: no restriction)."""

    subtype: str | None = None
    subform: str | None = None
    age_min: float | None = None
    age_max: float | None = None
    sex: str | None = None
    year_min: int | None = None
    year_max: int | None = None
    condition: str | None = None
    include_duplicates: bool = False

    def check(self) -> None:
        """Raise ``InputError`` on a bad combination."""
        if self.sex is not None and self.sex not in SEXES:
            raise InputError(f"--sex {self.sex!r} is not allowed; use female or male")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise InputError(f"--age-min {self.age_min:g} is above --age-max {self.age_max:g}")
        if self.year_min is not None and self.year_max is not None and self.year_min > self.year_max:
            raise InputError(f"--year-min {self.year_min} is after --year-max {self.year_max}")


@dataclass
class CaseRow:
    """One current case, flattened for statistics and export."""

    case_id: int
    document_id: str
    patient_index: int
    pmid: str | None
    doi: str | None
    title: str | None
    source: str | None
    year: int | None
    age_years: float | None
    sex: str | None
    subtype: str | None
    certainty: str | None
    subform: str | None
    stated_subtype: str | None
    stated_subform: str | None
    stated_text: str | None
    concordance: str | None = None
    associated_conditions: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    treatments: list[str] = field(default_factory=list)
    treatment_outcomes: list[str] = field(default_factory=list)
    outcome: str | None = None
    duplicate_of: int | None = None
    duplicate_reason: str | None = None

    def as_record(self) -> dict[str, Any]:
        """A flat record (lists joined with '; ') for CSV and Parquet."""
        record = asdict(self)
        for key in ("associated_conditions", "sites", "treatments", "treatment_outcomes"):
            record[key] = "; ".join(record[key])
        return record


@functools.cache
def _outcome_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = yaml.safe_load((resources.files("calcidx.registry") / "data" / "outcomes.yaml").read_text("utf-8"))
    patterns = []
    for category in data["outcome_categories"]:
        words = "|".join(re.escape(p) for p in sorted(category["phrases"], key=len, reverse=True))
        patterns.append((str(category["id"]), re.compile(rf"\b(?:{words})\b", re.IGNORECASE)))
    return patterns


def display_name(key: str) -> str:
    """How tables and plots name a knowledge id: the label ("Systemic sclerosis", "Sodium
    thiosulfate"); a subtype keeps its own word ("dystrophic", "not calcinosis")."""
    from calcidx.knowledge.loader import load_bundle

    bundle = load_bundle()
    if key in bundle.subtypes or key in ("undetermined", "not_calcinosis", "none"):
        return key.replace("_", " ")
    return bundle.label_of(key)


def outcome_category(text: str | None) -> str:
    """The outcome a response or outcome sentence states (``outcomes.yaml``), or ``not stated``."""
    if not text:
        return "not stated"
    for name, pattern in _outcome_patterns():
        if pattern.search(text):
            return name
    return "not stated"


def load_cases(registry: Registry, filters: Filters | None = None) -> tuple[list[CaseRow], int]:
    """The current cases matching ``filters``, and how many duplicates were left out."""
    filters = filters or Filters()
    filters.check()
    rows: dict[int, CaseRow] = {}
    with registry.session() as session:
        query = (
            select(m.Case, m.Document, m.Assessment, m.StatedDiagnosis)
            .join(m.Extraction, m.Extraction.id == m.Case.extraction_id)
            .join(m.Document, m.Document.id == m.Case.document_id)
            .outerjoin(m.Assessment, m.Assessment.case_id == m.Case.id)
            .outerjoin(m.StatedDiagnosis, m.StatedDiagnosis.case_id == m.Case.id)
            .where(m.Extraction.current, m.Extraction.status == "ok")
            .order_by(m.Case.id)
        )
        for case, document, assessment, stated in session.execute(query):
            rows[case.id] = CaseRow(
                case_id=case.id,
                document_id=document.id,
                patient_index=case.patient_index,
                pmid=document.pmid,
                doi=document.doi,
                title=document.title,
                source=document.source,
                year=document.year,
                age_years=case.age_years,
                sex=case.sex,
                subtype=assessment.subtype if assessment else None,
                certainty=assessment.certainty if assessment else None,
                subform=assessment.subform if assessment else None,
                stated_subtype=stated.subtype if stated else None,
                stated_subform=stated.subform if stated else None,
                stated_text=stated.text if stated else None,
                concordance=stated.concordance if stated else None,
                associated_conditions=list(assessment.associated_conditions or []) if assessment else [],
                outcome=case.outcome,
                duplicate_of=case.duplicate_of,
                duplicate_reason=case.duplicate_reason,
            )
        if rows:
            ids = list(rows)
            for start in range(0, len(ids), 5000):
                chunk = ids[start : start + 5000]
                for case_id, site in session.execute(
                    select(m.Lesion.case_id, m.Lesion.site).where(m.Lesion.case_id.in_(chunk))
                ):
                    if site and site not in rows[case_id].sites:
                        rows[case_id].sites.append(site)
                for case_id, name, concept, response in session.execute(
                    select(m.Treatment.case_id, m.Treatment.name, m.Treatment.concept, m.Treatment.response).where(
                        m.Treatment.case_id.in_(chunk), m.Treatment.status != "planned"
                    )
                ):
                    row = rows[case_id]
                    row.treatments.append(concept or name.lower())
                    row.treatment_outcomes.append(outcome_category(response or row.outcome))
    selected = [row for row in rows.values() if _matches(row, filters, ignore_duplicates=True)]
    kept = [row for row in selected if filters.include_duplicates or row.duplicate_of is None]
    return kept, len(selected) - len(kept)


def _matches(row: CaseRow, f: Filters, *, ignore_duplicates: bool) -> bool:
    if f.subtype and row.subtype != f.subtype:
        return False
    if f.subform and row.subform != f.subform:
        return False
    if f.sex and row.sex != f.sex:
        return False
    if f.age_min is not None and (row.age_years is None or row.age_years < f.age_min):
        return False
    if f.age_max is not None and (row.age_years is None or row.age_years > f.age_max):
        return False
    if f.year_min is not None and (row.year is None or row.year < f.year_min):
        return False
    if f.year_max is not None and (row.year is None or row.year > f.year_max):
        return False
    return not (f.condition and f.condition not in row.associated_conditions)


def _age_band(age: float) -> str:
    return next(label for low, high, label in AGE_BANDS if low <= age < high)


def series_stats(cases: list[CaseRow], duplicates_left_out: int = 0) -> dict[str, Any]:
    """Counts and distributions of a case series (JSON-ready)."""
    ages = [c.age_years for c in cases if c.age_years is not None]
    age: dict[str, Any] = {"known": len(ages), "unknown": len(cases) - len(ages)}
    if ages:
        quartiles = statistics.quantiles(ages, n=4) if len(ages) > 1 else [ages[0]] * 3
        age.update(
            {
                "median": statistics.median(ages),
                "q1": quartiles[0],
                "q3": quartiles[2],
                "min": min(ages),
                "max": max(ages),
                "bands": {
                    label: n for _, _, label in AGE_BANDS if (n := sum(1 for a in ages if _age_band(a) == label))
                },
            }
        )
    treatments: dict[str, Counter[str]] = {}
    for case in cases:
        for name, outcome in zip(case.treatments, case.treatment_outcomes, strict=True):
            treatments.setdefault(name, Counter())[outcome] += 1
    stated = [c for c in cases if c.stated_subtype]
    agree = sum(1 for c in stated if c.subtype == c.stated_subtype)
    undetermined = sum(1 for c in stated if c.subtype in (None, "undetermined"))
    matrix: dict[str, Counter[str]] = {}
    for c in stated:
        matrix.setdefault(str(c.stated_subtype), Counter())[c.subtype or "none"] += 1
    return {
        "cases": len(cases),
        "documents": len({c.document_id for c in cases}),
        "duplicates_left_out": duplicates_left_out,
        "by_subtype": dict(Counter(c.subtype or "none" for c in cases).most_common()),
        "by_subform": dict(Counter(c.subform for c in cases if c.subform).most_common()),
        "age": age,
        "sex": dict(Counter(c.sex or "not stated" for c in cases).most_common()),
        "body_sites": dict(Counter(s for c in cases for s in series_sites(c.sites)).most_common(30)),
        "associated_conditions": dict(Counter(x for c in cases for x in c.associated_conditions).most_common(30)),
        "treatments": {
            name: {"cases": sum(counter.values()), "outcomes": dict(counter.most_common())}
            for name, counter in sorted(treatments.items(), key=lambda kv: -sum(kv[1].values()))
        },
        "concordance": {
            "with_stated_diagnosis": len(stated),
            "agree": agree,
            "disagree": len(stated) - agree - undetermined,
            "pathway_undetermined": undetermined,
            "agreement": round(agree / len(stated), 3) if stated else None,
            "service_labels": dict(Counter(c.concordance for c in cases if c.concordance).most_common()),
            "matrix": {k: dict(v) for k, v in sorted(matrix.items())},
        },
    }
