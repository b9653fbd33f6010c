""" "Ca++" and "Ca2+" are written for the total and for the ionized calcium alike: the value decides
(the analyte whose reference range holds it, else the nearer one); "mg%" and "mg/100 ml" are mg/dL.

"Serum Ca++ 9.0 mg/dL" (a normal total calcium) had been read as an ionized calcium, high.
"""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case

_HEAD = "A 57-year-old woman with systemic sclerosis has hard nodules on the fingers. "


@pytest.mark.parametrize(
    ("labs", "analyte", "interpretation"),
    [
        ("Serum Ca++ 9.1 mg/dL.", "calcium", "normal"),
        ("Ca++ 2.32 mmol/L.", "calcium", "normal"),
        ("Ca2+ 2.95 mmol/L.", "calcium", "high"),
        ("Ca++ 1.22 mmol/L.", "calcium_ionized", "normal"),
        ("Ca2+ 1.48 mmol/L.", "calcium_ionized", "high"),
    ],
)
def test_the_value_decides_which_calcium(labs: str, analyte: str, interpretation: str) -> None:
    lab = next(lab for lab in first_case(_HEAD + labs).labs if lab.analyte.startswith("calcium"))
    assert (lab.analyte, lab.interpretation) == (analyte, interpretation)


def test_milligrams_per_cent_are_mg_per_dl() -> None:
    labs = {lab.analyte: lab for lab in first_case(_HEAD + "Calcium 11.4 mg%, phosphorus 7.9 mg/100 ml.").labs}
    assert labs["calcium"].interpretation == "high"
    assert labs["phosphate"].interpretation == "high"


def test_a_dose_is_no_result() -> None:
    case = first_case(
        "A 54-year-old woman taking vitamin D3 50,000 IU daily has calcium 3.3 mmol/L. 25-hydroxyvitamin D "
        "was 450 nmol/L. Hard papules on the fingers."
    )
    assert [(lab.value, lab.unit) for lab in case.labs if lab.analyte == "vitamin_d_25oh"] == [(450.0, "nmol/L")]


def test_a_normal_bone_profile_is_normal_calcium_and_phosphate() -> None:
    for words in ("Bone profile normal.", "Bloods: bone profile NAD."):
        labs = {lab.analyte: lab.interpretation for lab in first_case(_HEAD + words).labs}
        assert labs.get("calcium") == "normal" and labs.get("phosphate") == "normal", words
