"""Diltiazem offered to a patient on digoxin carries the label's advice to monitor digoxin levels
(caution diltiazem_digoxin, CARDIZEM-LABEL-INTERACTIONS); it had carried no word of digoxin."""

from __future__ import annotations

import pytest

from calcidx.public import assess

SSC = "has painful calcinosis of the fingertips from limited systemic sclerosis."


def _diltiazem_cautions(text: str) -> list[str]:
    assessment = assess(text).cases[0].assessment
    offered = {t.id: t for t in assessment.treatments}
    assert "diltiazem" in offered, [t.id for t in assessment.withheld_treatments]
    return offered["diltiazem"].cautions


@pytest.mark.parametrize(
    "text",
    [
        f"A 71-year-old man in atrial fibrillation on digoxin 125 micrograms daily {SSC}",
        f"Mrs D, 66, takes Lanoxin for her heart and {SSC}",
        f"A 59-year-old woman (medications: digoxin, apixaban, omeprazole) {SSC}",
    ],
)
def test_digoxin_brings_the_monitoring_caution(text: str) -> None:
    assert any("digoxin" in c for c in _diltiazem_cautions(text))


def test_control_no_digoxin_no_digoxin_caution() -> None:
    text = f"A 71-year-old man in atrial fibrillation on apixaban {SSC}"
    assert not any("digoxin" in c for c in _diltiazem_cautions(text))
