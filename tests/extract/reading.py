"""What the reader tests read from a text: its first patient's case and the case's assertions."""

from __future__ import annotations

from calcidx.assess.model import AssessedCase
from calcidx.case.model import Case
from calcidx.extract.pipeline import Mode
from calcidx.public import assess, extract


def first_case(text: str, mode: Mode = "auto") -> Case:
    """The first patient's case read from ``text`` (the text must describe a patient) in ``mode``."""
    document = extract(text, mode=mode)
    assert document.cases, text
    return document.cases[0]


def assertions(case: Case) -> dict[str, str]:
    """Each finding's concept and its assertion."""
    return {f.concept: f.assertion for f in case.findings}


def first_assessed(text: str) -> tuple[AssessedCase, str, str | None]:
    """The first patient's assessed case read from ``text``, with its subtype and certainty."""
    case = assess(text).cases[0]
    return case, case.assessment.subtype.code, case.assessment.subtype.certainty


def stated_subtype(text: str) -> str | None:
    """The subtype of the authors' diagnosis the first assessed patient of ``text`` states, if any."""
    stated = assess(text).cases[0].assessment.stated
    return stated.subtype if stated is not None else None


def exposure_assertions(case: Case | AssessedCase) -> dict[str, str]:
    """Each exposure's concept and its assertion."""
    return {e.concept: e.assertion for e in case.exposures}


def histology_concepts(case: Case | AssessedCase) -> set[str]:
    """The concepts of every histology record of the case."""
    return {c for h in case.histology for c in h.concepts}
