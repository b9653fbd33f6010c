"""A note's ages in shorthand: an obstetric code before the compact age ("G2P1 32F"), a British
fraction of a year for a baby ("3/12 old", "10/52 girl"), a unit abbreviation then the sex letter
("14 mo M"), and a title and name with the age in brackets ("Mr B (72) has ..."). The last had
been taken for a citation, and the note gave no patient at all."""

from __future__ import annotations

import pytest

from calcidx.public import extract


@pytest.mark.parametrize(
    ("text", "years", "sex"),
    [
        ("G2P1 32F, 20 weeks pregnant, hard nodules on the elbows.", 32, "female"),
        ("G3P2A1, 28F with dermatomyositis and hard nodules on the knees.", 28, "female"),
        ("Infant, 3/12 old, boy, hard nodules on the heel.", 0.25, "male"),
        ("10/52 girl with firm papules on both heels after heel pricks.", 0.19, "female"),
        ("14 mo M with hard papules on the heels after heel sticks.", 1.17, "male"),
        ("Mr B (72) has painful purpura on the thighs.", 72, "male"),
        ("Mrs Okafor (aged 68, retired nurse) has hard nodules on the fingers.", 68, "female"),
        ("Teenage girl (14) with hard nodules on the elbows.", 14, "female"),
        ("A man (61) on haemodialysis has painful purpura on the thighs.", 61, "male"),
    ],
)
def test_a_shorthand_age_gives_the_patient_and_her_age(text: str, years: float, sex: str) -> None:
    cases = extract(text).cases
    assert len(cases) == 1, text
    assert cases[0].patient.age_years == pytest.approx(years, abs=0.01)
    assert cases[0].patient.sex == sex


@pytest.mark.parametrize(
    "text",
    [
        "Seen on 3/12/2020 with hard nodules on the elbows.",
        "After 3 months F was better; hard nodules on the elbows.",
    ],
)
def test_control_a_date_or_a_later_month_is_no_age(text: str) -> None:
    assert all(case.patient.age_years is None for case in extract(text, mode="note").cases)


def test_control_a_numbered_citation_still_marks_a_literature_sentence() -> None:
    text = (
        "A 60-year-old man had hard nodules on the elbows. Calcinosis is common in dialysis patients (12). "
        "His calcium was normal."
    )
    document = extract(text)
    assert len(document.cases) == 1
    assert document.cases[0].patient.age_years == 60
