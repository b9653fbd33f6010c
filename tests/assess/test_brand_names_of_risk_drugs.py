"""Brand names of calciphylaxis risk drugs in a medication list ("on Sintrom", "Rocaltrol 0.5 mcg
daily") are the drugs: they were not read, so a dialysis patient on acenocoumarol or calcitriol got no
advice to review it."""

from __future__ import annotations

import pytest

from calcidx.public import assess

NOTE = "A 66-year-old woman on hemodialysis has painful retiform purpura with necrotic ulcers on both thighs; {med}."


@pytest.mark.parametrize(
    ("med", "drug"),
    [
        ("she is on Sintrom", "warfarin"),
        ("meds: Sinthrome 1 mg", "warfarin"),
        ("Rocaltrol 0.5 mcg daily", "active_vitamin_d"),
    ],
)
def test_brand_names_are_the_drug_and_get_its_review(med: str, drug: str) -> None:
    assessment = assess(NOTE.format(med=med)).cases[0].assessment
    assert drug in {a.medication for a in assessment.actions}


def test_control_no_risk_drug_gets_no_review() -> None:
    assert not assess(NOTE.format(med="she takes sevelamer")).cases[0].assessment.actions
