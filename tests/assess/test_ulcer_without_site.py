"""A lesion told only by findings with no site ("a painful, enlarging ulcer ... the base was
necrotic") is judged like a lesion told in those words: nothing like calcification, so no subtype is
more than possible. An arterial ulcer with normal labs had been idiopathic, probable.
"""

from __future__ import annotations

from calcidx.public import assess


def test_an_arterial_ulcer_is_no_more_than_possible() -> None:
    text = (
        "A 72-year-old man has a painful, enlarging ulcer; he has peripheral arterial disease with absent "
        "foot pulses and type 2 diabetes. No kidney disease. Calcium 2.4 mmol/L, phosphate 1.1 mmol/L."
    )
    assert assess(text).cases[0].assessment.subtype.certainty in (None, "possible")


def test_antisynthetase_syndrome_is_a_connective_tissue_disease() -> None:
    text = (
        "48 y/o woman. PMH: antisynthetase syndrome (Jo-1 positive) with ILD. Painful calcinosis over both "
        "elbows for a year; X-ray shows subcutaneous calcification. Ca 2.35, PO4 1.2 mmol/L; eGFR 85."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "dystrophic"
    assert "antisynthetase_syndrome" in assessment.associated_conditions
