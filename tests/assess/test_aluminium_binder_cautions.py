"""The cautions aluminium hydroxide carries where it is offered.

A child: the paediatric caution (aluminium absorbed from antacids; aluminium intoxication in
children with kidney disease; binders without aluminium advised): it had been offered to a
9-year-old with no word of it. An eGFR between 30 and 60: renal function is decreased (a
14-year-old with an eGFR of 35 and a raised phosphate had it offered with no word of her kidneys;
the contraindication starts below 30, KDIGO G4-G5)."""

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


@pytest.mark.parametrize(
    "text",
    [
        "14-year-old girl, SLE, eGFR 35, painful calcinosis of the buttocks on CT; phosphate 1.8 mmol/L (high).",
        "A 52-year-old man had tumour lysis with phosphate 3.1 mmol/L and an eGFR of 48 mL/min/1.73 m2; hard "
        "calcified plaques appeared on the thighs (calcification on biopsy).",
    ],
)
def test_a_decreased_egfr_is_cautioned(text: str) -> None:
    assert any(c.startswith("Renal function is decreased (eGFR below 60") for c in _aluminium(text))


def test_control_a_normal_egfr_is_not() -> None:
    text = (
        "A 52-year-old man had tumour lysis with phosphate 3.1 mmol/L and an eGFR of 96 mL/min/1.73 m2; hard "
        "calcified plaques appeared on the thighs (calcification on biopsy)."
    )
    assert not any(c.startswith("Renal function is decreased") for c in _aluminium(text))
