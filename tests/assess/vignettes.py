"""What the reviewer-style vignette tests read from an assessment of a free-text case."""

from __future__ import annotations

from calcidx import assess
from calcidx.assess.model import Assessment


def assessment_of(text: str) -> Assessment:
    """The first patient's assessment of ``text`` (the text must describe a patient)."""
    document = assess(text)
    assert document.cases, text
    return document.cases[0].assessment


def offered_ids(a: Assessment) -> set[str]:
    """The ids of the options offered."""
    return {t.id for t in a.treatments}


def withheld_reasons(a: Assessment, option: str) -> list[str]:
    """Why ``option`` is withheld (empty when it is not)."""
    return [reason for t in a.withheld_treatments if t.id == option for reason in t.withheld_reasons]
