"""An age told without a number is kept as the span of years it names: a decade ("in her sixties",
"in his early seventies": 60 to 70, 70 to 80) or an age group's name ("an octogenarian man": 80 to
90). The age in years stays empty (the record gives no number). "An octogenarian presented with
..." is a patient, as "a teenager" already was. "An elderly man" gives no span.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import AgeRange, Case, Patient
from calcidx.public import extract
from tests.extract.reading import first_case

_TAIL = " presented with hard white nodules on the elbows; radiographs showed calcification in the soft tissue."


@pytest.mark.parametrize(
    ("opener", "low", "high", "sex"),
    [
        ("A woman in her sixties", 60, 70, "female"),
        ("A man in his early seventies", 70, 80, "male"),
        ("A woman in her mid-forties", 40, 50, "female"),
        ("An octogenarian man", 80, 90, "male"),
        ("A nonagenarian woman", 90, 100, "female"),
        ("A septuagenarian", 70, 80, None),
        ("An octogenarian", 80, 90, None),
        ("A girl in her teens", 10, 20, "female"),
    ],
)
def test_an_age_told_without_a_number_is_a_span(opener: str, low: float, high: float, sex: str | None) -> None:
    patient = first_case(opener + _TAIL).patient
    assert patient.age_years is None
    assert patient.age_range == AgeRange(low=low, high=high)
    assert patient.sex == sex


def test_an_age_in_years_has_no_span() -> None:
    patient = first_case("A 72-year-old woman" + _TAIL).patient
    assert patient.age_years == 72 and patient.age_range is None


def test_an_elderly_man_has_no_span() -> None:
    patient = first_case("An elderly man" + _TAIL).patient
    assert patient.age_years is None and patient.age_range is None


def test_a_group_of_octogenarians_is_no_patient_age() -> None:
    document = extract(
        "Calciphylaxis is increasingly reported in octogenarians on dialysis. " + "A 66-year-old man" + _TAIL
    )
    assert [c.patient.age_years for c in document.cases] == [66]
    assert document.cases[0].patient.age_range is None


def test_a_span_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="high"):
        Case.model_validate({"patient": {"age_range": {"low": 70, "high": 60}}})


def test_a_case_json_may_give_a_span() -> None:
    case = Case.model_validate({"patient": {"age_range": {"low": 70, "high": 80}, "sex": "female"}})
    assert case.patient == Patient(age_range=AgeRange(low=70, high=80), sex="female")
