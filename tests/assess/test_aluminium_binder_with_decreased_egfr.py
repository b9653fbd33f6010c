"""Aluminium hydroxide offered with an eGFR between 30 and 60 says that renal function is decreased:
a 14-year-old with an eGFR of 35 and a raised phosphate had it offered with no word of her kidneys
(the contraindication starts below 30, KDIGO G4-G5)."""

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
