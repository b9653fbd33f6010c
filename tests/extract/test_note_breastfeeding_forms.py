"""Breastfeeding told in a note's list after the woman, with her baby named ("exclusively breastfeeding
her 2-month-old daughter", "currently nursing her infant"), or as an item of its own ("Breastfeeding."),
was not read: the sentence names a baby, and such sentences were skipped as being about a relative."""

from __future__ import annotations

import pytest

from calcidx.public import extract

NOTE = "34F, SSc, fingertip calcinosis{rest}"


@pytest.mark.parametrize(
    "rest",
    [
        ", exclusively breastfeeding her 2-month-old daughter.",
        ", currently nursing her infant.",
        ". Breastfeeding.",
    ],
)
def test_note_breastfeeding_is_read(rest: str) -> None:
    assert extract(NOTE.format(rest=rest), mode="note").cases[0].patient.lactating is True


@pytest.mark.parametrize(
    "rest", ["; lives in a nursing home.", ", nursing staff noted the lesions.", ", not breastfeeding."]
)
def test_control_nursing_care_or_a_denial_is_not_breastfeeding(rest: str) -> None:
    assert extract(NOTE.format(rest=rest), mode="note").cases[0].patient.lactating is not True


BABY = "A 3-month-old boy had hard nodules on both heels. The mother, 29F, exclusively breastfeeding, noticed them."


def test_control_the_mother_of_a_baby_patient_gives_the_baby_nothing() -> None:
    assert extract(BABY, mode="note").cases[0].patient.lactating is not True
