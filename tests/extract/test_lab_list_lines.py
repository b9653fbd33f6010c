"""Laboratory results listed one per line ("Phosphorus 7.1 mg/dL", "Intact PTH 640 pg/mL (15-65)").

Written in the project's own words. Each line of such a list is a paragraph of its own; the reader
kept only the lines that opened on a word it knew as a test ("Calcium ..."), so phosphorus and PTH
were lost. A line that is a name and a measured value continues the patient's case; a statement about
other patients with a value in it does not.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract

LISTS = [
    "A 62-year-old man on haemodialysis had painful ulcers on the thighs.\nLaboratory values:\nCalcium 10.9 mg/dL "
    "(8.5-10.5)\nPhosphorus 7.1 mg/dL (2.5-4.5)\nIntact PTH 640 pg/mL (15-65)",
    "A 62-year-old man on haemodialysis had painful ulcers on the thighs.\nLabs:\nCalcium\t10.9 mg/dL\nPhosphorus"
    "\t7.1 mg/dL\nIntact PTH\t640 pg/mL",
    "A woman of 70 on dialysis has painful purpura on both thighs.\n\nBlood results on admission:\n\nCalcium "
    "2.71 mmol/L\n\nPhosphorus 2.3 mmol/L\n\nIntact PTH 640 pg/mL",
    "62M on HD, painful thigh ulcers.\n\nCa: 10.9 mg/dL\n\nPhosphorus: 7.1 mg/dL\n\nIntact PTH: 640 pg/mL",
]


@pytest.mark.parametrize("text", LISTS)
def test_every_line_of_a_lab_list_is_read(text: str) -> None:
    labs = {lab.analyte: lab.value for lab in extract(text).cases[0].labs}
    assert labs.get("phosphate") in (7.1, 2.3)
    assert labs.get("pth") == 640.0


def test_control_a_value_said_of_other_patients_is_not_the_patients() -> None:
    text = (
        "A 62-year-old man on haemodialysis had painful ulcers on the thighs.\n\nIn most dialysis patients the "
        "phosphate is above 5.5 mg/dL."
    )
    assert "phosphate" not in {lab.analyte for lab in extract(text).cases[0].labs}
