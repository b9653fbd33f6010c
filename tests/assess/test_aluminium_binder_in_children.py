"""Aluminium hydroxide offered to a child carries the paediatric caution (aluminium absorbed from
antacids; aluminium intoxication in children with kidney disease; binders without aluminium
advised): it had been offered to a 9-year-old with no word of it."""

from __future__ import annotations

import pytest

from calcidx.public import assess


def _aluminium(text: str) -> list[str]:
    assessment = assess(text).cases[0].assessment
    offered = {t.id: t for t in assessment.treatments}
    assert "aluminium_hydroxide" in offered
    return offered["aluminium_hydroxide"].cautions


@pytest.mark.parametrize(
    "text",
    [
        "A 9-year-old boy treated for leukaemia had tumour lysis with phosphate 3.1 mmol/L; a week later hard "
        "calcified plaques appeared on the thighs (calcification on biopsy).",
        "An 11-month-old girl with hyperphosphataemia (phosphate 9.8 mg/dL) has firm white nodules on the "
        "buttocks; X-ray shows soft tissue calcification.",
    ],
)
def test_a_child_is_cautioned(text: str) -> None:
    assert any(c.startswith("Child: aluminium") for c in _aluminium(text))


def test_control_an_adult_is_not() -> None:
    text = (
        "A 39-year-old man had tumour lysis with phosphate 3.1 mmol/L; a week later hard calcified plaques "
        "appeared on the thighs (calcification on biopsy). Creatinine normal."
    )
    assert not any(c.startswith("Child:") for c in _aluminium(text))
