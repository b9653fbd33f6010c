"""A discharge summary's numbered "Diagnoses:" list and its "Patient: female" field.

Each item of the list after a diagnosis header is a statement ("1." on a line of its own is the
item's number, not a reference-list entry); "Patient: female" gives the sex, while "Patient: F. Lee"
is a name. A summary listing "1. Calciphylaxis (biopsy confirmed), both thighs" had been read with no
stated diagnosis, no sex, and called metastatic.
"""

from __future__ import annotations

from calcidx.public import assess, extract

SUMMARY = """DISCHARGE SUMMARY

Patient: female, date of birth withheld
Diagnoses:
1.
End-stage kidney disease on haemodialysis since 2018
2.
Calciphylaxis (biopsy confirmed), abdominal wall
3.
Type 2 diabetes

Medications on discharge:
- Sodium thiosulfate 25 g IV three times weekly after dialysis
- Sevelamer 800 mg three times daily

Results:
Calcium 2.38 mmol/L
Phosphate 2.20 mmol/L
"""


def test_each_listed_diagnosis_is_read_and_the_calcinosis_one_is_stated() -> None:
    document = assess(SUMMARY)
    assert len(document.cases) == 1
    case = document.cases[0]
    assert case.patient.sex == "female"
    assert case.stated is not None and case.stated.subtype == "calciphylaxis"
    assert case.assessment.subtype.code == "calciphylaxis"


def test_a_bulleted_list_after_a_plural_header() -> None:
    text = "Discharge diagnoses:\n- Hypertension\n- Dystrophic calcinosis cutis of both elbows\n- Dermatomyositis\n"
    case = extract(text).cases[0]
    assert case.stated is not None and case.stated.subtype == "dystrophic"


def test_a_patient_field_with_an_initial_is_a_name() -> None:
    case = extract("Patient: F. Lee\nHard nodules on both elbows; on haemodialysis. Ca 2.9 mmol/L.").cases[0]
    assert case.patient.sex is None
