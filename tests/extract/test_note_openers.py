"""Letters, referrals and notes that open on a label, a topic or a title and name give one patient.

"Referral: 58F, ESRD on HD ...", "Adult dermatomyositis, 39 F, ..." and "Renal clinic letter: Mr K,
63, on peritoneal dialysis ..." had given no case at all: a calciphylaxis referral was read as a
disease summary.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("Referral: 61F, ESRD on HD, new exquisitely painful indurated plaques on the inner thighs.", 61, "female"),
        ("Limited scleroderma, 52 F, chalky nodules on three fingertips seen on X-ray.", 52, "female"),
        (
            "Nephrology letter: Mr T, 66, on haemodialysis for 8 years, with a painful black eschar on the calf.",
            66,
            "male",
        ),
        ("Mrs Adeyemi, 74, has hard white nodules over both knees.", 74, "female"),
    ],
)
def test_a_note_opening_on_a_label_or_title_is_one_patient(text: str, age: int, sex: str) -> None:
    document = extract(text)
    assert len(document.cases) == 1, (text, document.warnings)
    patient = document.cases[0].patient
    assert (patient.age_years, patient.sex) == (age, sex), text


def test_a_calciphylaxis_referral_is_assessed() -> None:
    text = (
        "Renal clinic letter: Mr B, 58, on continuous ambulatory peritoneal dialysis for 4 years. New, very "
        "painful black eschar on the left flank with surrounding livedo. Phosphate 2.2 mmol/L, calcium "
        "2.5 mmol/L, PTH 90 pmol/L."
    )
    assessment = assess(extract(text).cases[0]).cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis"


@pytest.mark.parametrize("text", ["Mr K, 63 mg of prednisolone were given daily.", "She was given 5 M of saline."])
def test_no_age_from_a_dose(text: str) -> None:
    assert all(case.patient.age_years is None for case in extract(text, mode="note").cases)
