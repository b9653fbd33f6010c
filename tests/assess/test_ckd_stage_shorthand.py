"""CKD stage 4-5 in a note's shorthand ("CKD IV", "CKD V", "CKD-4", "CKD G4-5") is the stage that
withholds bisphosphonates: "CKD IV" was read as chronic kidney disease of unknown stage, and the
bisphosphonates were offered with only a conditional note."""

from __future__ import annotations

import pytest

from calcidx.public import assess

NOTE = "A 60-year-old man with SSc and fingertip calcinosis; {ckd}. Calcium and phosphate normal."


def _bisphosphonates_withheld(ckd: str) -> bool:
    assessment = assess(NOTE.format(ckd=ckd)).cases[0].assessment
    return any(t.id == "bisphosphonates" for t in assessment.withheld_treatments)


@pytest.mark.parametrize("ckd", ["CKD IV", "CKD V", "CKD-4", "CKD-5", "CKD G4-5", "CKD stage 4-5"])
def test_stage_4_or_5_shorthand_withholds_bisphosphonates(ckd: str) -> None:
    assert _bisphosphonates_withheld(ckd)


@pytest.mark.parametrize("ckd", ["CKD stage 2 (eGFR 75 mL/min/1.73 m2)", "no CKD"])
def test_control_milder_or_absent_kidney_disease_does_not(ckd: str) -> None:
    assert not _bisphosphonates_withheld(ckd)
