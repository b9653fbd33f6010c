"""Note forms of age and sex: "59yoF" (the sex letter run into "yo"), "Pt (59F)", "sex F" with no
separator, and a label with a slash before the compact age ("A/P: 66M"). Each gave the age without
the sex, or nothing at all."""

from __future__ import annotations

import pytest

from calcidx.public import extract

ULCERS = " ESRD on HD, painful necrotic ulcers on the thighs."


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("59yoF with" + ULCERS, 59, "female"),
        ("72y/oM," + ULCERS, 72, "male"),
        ("Pt (59F) with" + ULCERS, 59, "female"),
        ("The patient (67 M) was admitted with" + ULCERS, 67, "male"),
        ("Age 59, sex F," + ULCERS, 59, "female"),
        ("Age 48, gender male," + ULCERS, 48, "male"),
        # a label with a slash before the compact age ("A/P: 66M", "S/O: 58F")
        ("A/P: 66M," + ULCERS, 66, "male"),
        ("S/O: 58F," + ULCERS, 58, "female"),
    ],
)
def test_note_age_and_sex(text: str, age: int, sex: str) -> None:
    patient = extract(text, mode="note").cases[0].patient
    assert (patient.age_years, patient.sex) == (age, sex)


@pytest.mark.parametrize(
    "text",
    [
        "In this age- and sex-matched comparison, the patient, 59, had" + ULCERS,
        "59 yo for years on dialysis, the patient had" + ULCERS,
        "The catheter (5F) was removed; the patient, 59, had" + ULCERS,
    ],
)
def test_control_no_sex_from_other_letters(text: str) -> None:
    assert extract(text, mode="note").cases[0].patient.sex is None
