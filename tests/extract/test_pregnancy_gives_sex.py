"""A pregnant patient whose sex no word gives ("Pregnant (28/40) 34-year-old with SSc ...") is a
woman: her sex had been left unknown beside a pregnancy that withheld options."""

from __future__ import annotations

from tests.extract.reading import first_case


def test_a_pregnant_patient_is_female() -> None:
    patient = first_case("Pregnant (28/40) 34-year-old with SSc and fingertip calcinosis on X-ray.").patient
    assert (patient.pregnant, patient.sex) == (True, "female")


def test_a_negated_pregnancy_gives_no_sex() -> None:
    patient = first_case("34-year-old with SSc and fingertip calcinosis on X-ray; not pregnant.").patient
    assert patient.sex is None
