"""A condition named as the usual cause or setting of the disease is not the patient's.

"Although end-stage renal disease is the most common cause of calciphylaxis, this case ..." says
nothing about this patient's kidneys. Read as present, it had made a patient with normal kidneys a
case of uremic calciphylaxis, and more frequent dialysis was offered to someone not on dialysis.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

CASE = (
    "A 68-year-old woman came with painful, dusky, necrotic plaques on both thighs. A deep skin biopsy "
    "showed calcified small vessels of the subcutis, and calciphylaxis was diagnosed. Her creatinine "
    "and eGFR were normal. "
)


def _kidney(text: str) -> list[tuple[str, str]]:
    case = extract(text).cases[0]
    return [(f.concept, f.assertion) for f in case.findings if f.concept in {"end_stage_renal_disease", "dialysis"}]


@pytest.mark.parametrize(
    "sentence",
    [
        "Although end-stage renal disease is the most common cause of calciphylaxis, other settings exist.",
        "End-stage renal disease with secondary hyperparathyroidism is the commonest cause of calciphylaxis.",
        "End-stage renal disease is the leading cause of this disorder, not the only one.",
        "The disorder is most commonly seen in patients with end-stage renal disease on dialysis.",
        "It typically occurs in patients with end-stage renal disease.",
    ],
)
def test_the_usual_cause_is_no_finding_of_the_patient(sentence: str) -> None:
    assert all(assertion != "present" for _, assertion in _kidney(CASE + sentence)), sentence
    assessment = assess(extract(CASE + sentence).cases[0]).cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis"
    assert assessment.subform is not None and assessment.subform.code == "calciphylaxis_nonuremic"
    offered = {option.id for option in assessment.treatments}
    assert "dialysis_intensification_calciphylaxis" not in offered


def test_the_patients_own_kidney_failure_stays_present() -> None:
    text = (
        "A 59-year-old man on haemodialysis for end-stage renal disease developed painful violaceous "
        "plaques on the abdomen; biopsy confirmed calciphylaxis. End-stage renal disease is the most "
        "common cause of calciphylaxis."
    )
    assert ("end_stage_renal_disease", "present") in _kidney(text)
    assessment = assess(extract(text).cases[0]).cases[0].assessment
    assert assessment.subform is not None and assessment.subform.code == "calciphylaxis_uremic"


def test_a_cause_of_the_patients_own_disease_is_still_read() -> None:
    """Only the phrasing of a general statement is hypothetical: "his lesions were caused by" is not one."""
    text = (
        "A 45-year-old man had firm nodules at the sites of calcium-containing heparin injections; they "
        "were caused by the injections."
    )
    case = extract(text).cases[0]
    assert any(e.assertion == "present" for e in case.exposures)
