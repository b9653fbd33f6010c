"""Minocycline offered to a patient whose kidneys are failing says so.

A woman with systemic sclerosis and an eGFR of 12, not yet on dialysis, was offered minocycline with
no word of her kidneys: its protein-catabolic effect can aggravate uraemia. The caution follows the
project's reading of "impaired renal function" (eGFR below 60, a kidney disease, or a raised
creatinine)."""

from __future__ import annotations

import pytest

from calcidx.public import assess

RENAL = "protein-catabolic effect"


def _minocycline_cautions(text: str) -> list[str]:
    offered = {t.id: t for t in assess(text).cases[0].assessment.treatments}
    assert "minocycline" in offered
    return offered["minocycline"].cautions


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman with systemic sclerosis and calcinosis of the fingers has an eGFR of 12 mL/min/1.73 m2 "
        "and is not yet on dialysis. Calcium and phosphate are normal.",
        "A 61-year-old woman with limited cutaneous systemic sclerosis and chronic kidney disease has calcified "
        "nodules on the fingertips.",
        "A 57-year-old woman with limited SSc has calcinosis of the thumbs; creatinine 2.9 mg/dL.",
    ],
)
def test_impaired_renal_function_is_named(text: str) -> None:
    assert any(RENAL in c for c in _minocycline_cautions(text))


def test_control_normal_renal_function_gets_no_renal_caution() -> None:
    text = (
        "A 50-year-old woman with systemic sclerosis and calcinosis of the fingers; eGFR 94 mL/min/1.73 m2; "
        "calcium and phosphate normal."
    )
    assert not any(RENAL in c for c in _minocycline_cautions(text))
