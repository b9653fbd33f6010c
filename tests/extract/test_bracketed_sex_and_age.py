"""The sex and age in brackets after the patient ("Our patient (F, 45 yrs) has ...") are hers
(ages.yaml age.bracket_sex_age): the report had had no age and no sex."""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case


@pytest.mark.parametrize(
    ("text", "years", "sex"),
    [
        ("Our patient (F, 45 yrs) has dermatomyositis and calcinosis nodules on the buttocks.", 45, "female"),
        ("The patient (M/67) was admitted with painful indurated plaques; he is on haemodialysis.", 67, "male"),
        ("Index case (F, 12 y): firm papules on the knees since infancy.", 12, "female"),
    ],
)
def test_the_bracketed_sex_and_age_are_the_patients(text: str, years: float, sex: str) -> None:
    patient = first_case(text).patient
    assert (patient.age_years, patient.sex) == (years, sex)


def test_a_dose_in_brackets_is_no_age() -> None:
    patient = first_case("A woman with dermatomyositis; the patient (F, 45 mg prednisolone) has elbow nodules.").patient
    assert patient.age_years != 45
