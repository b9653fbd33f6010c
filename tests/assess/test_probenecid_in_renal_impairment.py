"""Probenecid, whose uricosuric action needs kidney function, is withheld when the GFR is 30 mL/min or
less (or the patient is on dialysis): it had been offered with only a note that it may not work."""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = "A 9-year-old boy with juvenile dermatomyositis has hard calcinosis nodules over both knees. "


def _probenecid(text: str) -> tuple[str, list[str]]:
    assessment = assess(CASE + text).cases[0].assessment
    for option in assessment.treatments:
        if option.id == "probenecid":
            return "offered", option.cautions
    for option in assessment.withheld_treatments:
        if option.id == "probenecid":
            return "withheld", option.cautions
    return "absent", []


@pytest.mark.parametrize(
    "text",
    [
        "His eGFR is 24 mL/min/1.73 m2.",
        "He has end-stage renal disease on peritoneal dialysis.",
        "He has chronic kidney disease stage 4.",
    ],
)
def test_probenecid_is_withheld_when_kidney_function_is_low(text: str) -> None:
    status, cautions = _probenecid(text)
    assert status == "withheld"
    assert any("30 mL/min" in c for c in cautions)


@pytest.mark.parametrize("text", ["His eGFR is 95 mL/min/1.73 m2.", "Renal function is normal."])
def test_control_normal_kidney_function_offers_probenecid(text: str) -> None:
    status, cautions = _probenecid(text)
    assert status == "offered"
    assert not any("30 mL/min" in c for c in cautions)
