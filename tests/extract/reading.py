"""What the reader tests read from a text: its first patient's case and the case's assertions."""

from __future__ import annotations

from calcidx.case.model import Case
from calcidx.public import extract


def first_case(text: str) -> Case:
    """The first patient's case read from ``text`` (the text must describe a patient)."""
    document = extract(text)
    assert document.cases, text
    return document.cases[0]


def assertions(case: Case) -> dict[str, str]:
    """Each finding's concept and its assertion."""
    return {f.concept: f.assertion for f in case.findings}
