"""A note's "d/c'd" (discontinued) is a stopped drug: "warfarin d/c'd 2 yrs ago" was read as current
warfarin, and the report advised stopping a drug the patient no longer takes."""

from __future__ import annotations

import pytest

from calcidx.public import assess

NOTE = "A 66-year-old woman on hemodialysis has painful retiform purpura with necrotic ulcers on both thighs; {med}."


@pytest.mark.parametrize("med", ["warfarin d/c'd 2 yrs ago", "coumadin dc'd on admission", "we d/c'd warfarin in 2019"])
def test_dc_d_warfarin_is_not_current(med: str) -> None:
    case = assess(NOTE.format(med=med)).cases[0]
    assert [e.assertion for e in case.exposures if e.concept == "warfarin"] == ["historical"]
    assert not [a for a in case.assessment.actions if a.medication == "warfarin"]


def test_control_current_warfarin_is_still_reviewed() -> None:
    case = assess(NOTE.format(med="takes Coumadin daily")).cases[0]
    assert [a for a in case.assessment.actions if a.medication == "warfarin"]
