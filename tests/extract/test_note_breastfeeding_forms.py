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


def test_a_problem_list_item_with_the_babys_age_is_lactating() -> None:
    """Written in the project's own words: "4. Breastfeeding (infant 3 months)" in a problem list set
    no lactation (the note item took the word alone, and "infant" made the sentence one about a baby),
    so diltiazem and minocycline were offered."""
    text = (
        "34F, limited SSc, calcinosis of the right index finger on X-ray. Problem list: 1. SSc 2. Raynaud's "
        "3. Calcinosis 4. Breastfeeding (infant 3 months) 5. eGFR >90."
    )
    assert extract(text, mode="note").cases[0].patient.lactating is True


@pytest.mark.parametrize(
    "text",
    [
        "3-week-old girl with firm nodules on the back after heel sticks. Breastfeeding.",
        "A newborn with firm white papules on the heel. Breastfeeding.",
    ],
)
def test_control_a_breastfed_baby_is_not_lactating(text: str) -> None:
    patient = extract(text, mode="note").cases[0].patient
    assert patient.lactating is not True
