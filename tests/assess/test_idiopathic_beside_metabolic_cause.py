"""A known cause of metastatic calcinosis in the history with normal calcium and phosphate today
(a parathyroidectomy for tertiary hyperparathyroidism, say): idiopathic is at most possible, and the
metabolic cause stays the alternative. Idiopathic, probable had been called as if no cause were
recorded.
"""

from __future__ import annotations

from calcidx.public import assess


def test_a_treated_hyperparathyroidism_holds_idiopathic_at_possible() -> None:
    text = (
        "52 y/o man, renal transplant 2019, eGFR 61. Hx tertiary hyperparathyroidism, s/p parathyroidectomy "
        "2023. Two months of firm painless masses around the left shoulder. Ca 2.40 mmol/L, PO4 1.05 mmol/L. "
        "CT: lobulated calcified periarticular masses."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.certainty == "possible"
    assert any(alt.code == "metastatic" for alt in assessment.alternatives)


def test_with_no_metabolic_cause_idiopathic_stays_probable() -> None:
    text = (
        "A 35-year-old man had firm painless nodules on the scrotum for three years. No medical history. "
        "Calcium, phosphate, PTH and renal function were normal."
    )
    assessment = assess(text).cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("idiopathic", "probable")
