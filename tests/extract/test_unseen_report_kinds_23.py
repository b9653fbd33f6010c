"""Kinds of phrasing and clinical rules from a twenty-third set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case

# ------------------------------------------------ a parent who brings the child is not the patient
# "A 32-year-old mother brought her 4-month-old son" made the mother (32, female) the patient.


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("A 32-year-old mother brought her 4-month-old son with hard white papules on both heels.", 4 / 12, "male"),
        ("A 30-year-old mother brought her son, aged 3, to clinic with a firm nodule on the elbow.", 3.0, "male"),
        ("A 28-year-old woman noticed hard yellow nodules on her 6-week-old daughter's heels.", 42 / 365.25, "female"),
    ],
)
def test_a_parent_bringing_a_child_makes_the_child_the_patient(text: str, age: float, sex: str) -> None:
    case = first_case(text)
    assert case.patient.age_years == pytest.approx(age, abs=0.01)
    assert case.patient.sex == sex


def test_a_mother_seen_with_her_daughter_stays_the_patient() -> None:
    case = first_case(
        "A 35-year-old mother with systemic sclerosis and her 8-year-old daughter were seen; the mother had "
        "calcinosis of the fingertips."
    )
    assert case.patient.age_years == 35
    assert case.patient.sex == "female"


# ------------------------------------------------ a note's race letter before the sex letter
@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("72 yo WF with systemic sclerosis and calcinosis of the fingers.", "female"),
        ("58 y/o AAM on hemodialysis with painful purpura of the thighs.", "male"),
        ("61 year old BM with dermatomyositis and elbow calcinosis.", "male"),
    ],
)
def test_a_race_letter_before_the_sex_letter(text: str, sex: str) -> None:
    assert first_case(text).patient.sex == sex


# ------------------------------------------------ a note's panel of tests and values split by slashes
# "Ca/Phos/PTH: 9.9/7.4/1020" gave PTH 9.9 and nothing else.


def _values(text: str) -> dict[str, float | None]:
    return {lab.analyte: lab.value for lab in first_case(text).labs}


@pytest.mark.parametrize(
    "text",
    [
        "55M on HD with painful retiform purpura. Ca/Phos/PTH: 9.9/7.4/1020.",
        "55M on HD with painful retiform purpura. Ca/Phos/PTH 9.9/7.4/1020.",
    ],
)
def test_a_slash_panel_pairs_each_test_with_its_value(text: str) -> None:
    assert _values(text) == {"calcium": 9.9, "phosphate": 7.4, "pth": 1020}


# ------------------------------------------------ the hydroxylation written after the vitamin's name
def test_vitamin_d_25_oh_after_the_name_is_no_value() -> None:
    assert _values("60F with dermatomyositis and elbow calcinosis. Vit D 25-OH: 12 ng/mL.") == {"vitamin_d_25oh": 12}


# ------------------------------------------------ the current value after an earlier one with its date
@pytest.mark.parametrize(
    "text",
    [
        "68F with SSc and calcinosis of the fingers. Cr 0.8 in 2019, 3.1 today.",
        "68F with SSc and calcinosis of the fingers. Creatinine 0.8 mg/dL two years ago, 3.1 mg/dL now.",
    ],
)
def test_the_current_value_after_a_dated_earlier_one(text: str) -> None:
    assert _values(text) == {"creatinine": 3.1}
