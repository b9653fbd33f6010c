"""A test that found no calcium (a radiograph with no calcification, a negative von Kossa stain)
outweighs firm papules or nodules, which only suggest calcinosis: no subtype is more than possible.
Chalky discharge is calcium itself and keeps the sign.

A firm nodule after a drug extravasation with "X-ray showed no calcification" had been idiopathic,
probable.
"""

from __future__ import annotations

from calcidx.public import assess


def test_a_negative_radiograph_holds_a_firm_nodule_at_possible() -> None:
    text = (
        "A 7-week-old infant has a firm nodule on the left foot three weeks after a vancomycin extravasation "
        "there. A radiograph showed no calcification. Calcium and phosphate were normal."
    )
    assert assess(text).cases[0].assessment.subtype.certainty in (None, "possible")


def test_chalky_discharge_keeps_the_sign_despite_a_negative_stain() -> None:
    text = (
        "A 52-year-old woman with limited systemic sclerosis has hard white nodules on the fingertips that "
        "discharge chalky material. Biopsy: von Kossa negative. Calcium and phosphate normal."
    )
    assessment = assess(text).cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("dystrophic", "probable")
