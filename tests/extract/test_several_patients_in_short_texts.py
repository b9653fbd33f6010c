"""Several patients in a short text: a note with labelled cases ("Case 1: 45F ...", "Pt A - 33F ...")
is read patient by patient, not as one note; twins announced with a list ("twins, a boy and a girl
aged 3 weeks") and sisters told apart in one sentence ("the elder, aged 14, ...; the younger, aged
9, ...") are two patients. Each had been merged into one, and the lupus patient of a two-patient
note had been given the other patient's calciphylaxis."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


@pytest.mark.parametrize(
    "text",
    [
        "Case 1: 45F, limited SSc, calcinosis of the fingertips, Ca normal.\n"
        "Case 2: 62M on HD, painful retiform purpura on the thighs with eschar, bx: calciphylaxis.",
        "Pt A - 45F, limited SSc, calcinosis of the fingertips, Ca normal. "
        "Pt B - 62M, ESRD on HD, painful retiform purpura on the thighs with eschar, bx: calciphylaxis.",
    ],
)
def test_labelled_cases_in_a_note_are_read_apart(text: str) -> None:
    cases = assess(text).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == [(45, "female"), (62, "male")]
    assert cases[0].assessment.subtype.code == "dystrophic"
    assert cases[1].assessment.subtype.code == "calciphylaxis"


def test_twins_announced_with_a_list_are_two_patients() -> None:
    text = (
        "We report twins, a boy and a girl aged 3 weeks, who developed white plaques on the heels after "
        "repeated heel pricks in the neonatal unit."
    )
    assert sorted(c.patient.sex or "" for c in extract(text).cases) == ["female", "male"]


def test_sisters_told_apart_in_one_sentence_are_two_patients() -> None:
    text = (
        "Two sisters with dermatomyositis. The elder, aged 14, had hard nodules on the elbows; the younger, "
        "aged 9, had sheet-like calcinosis of the thighs."
    )
    cases = extract(text).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == [(14, "female"), (9, "female")]


@pytest.mark.parametrize(
    "text",
    [
        "Pt w/ ESRD on HD, 66F, painful indurated plaques with livedo on both lower legs.",
        "Case: M, 67. ESRD on HD. Painful indurated plaques on the abdomen.",
        "A 30-year-old woman who has twins had hard nodules on the elbows.",
    ],
)
def test_control_one_patient_stays_one(text: str) -> None:
    assert len(extract(text).cases) == 1
