"""Which look-alike the rationale names when one finding defines several, and how the resolution says it.

True (lamellar) bone in the dermis defines osteoma cutis and also the GNAS syndromes that cause it. Ties
were broken alphabetically, so a biopsy showing bone "identified Albright hereditary osteodystrophy"
with no word of a syndrome, while the differential listed osteoma cutis first. The resolution step
also wrote the internal code ``not_calcinosis``.
"""

from __future__ import annotations

from calcidx.public import assess

BONE = (
    "A 35-year-old woman had many small, hard, bluish papules on the face after years of acne. Biopsy showed "
    "lamellar bone with osteocytes in the dermis. Calcium, phosphate and PTH were normal."
)


def _lookalike_step(text: str) -> str:
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "not_calcinosis"
    return next(s.conclusion for s in assessment.rationale if s.rule.startswith("lesion.lookalike@"))


def test_bone_in_the_skin_names_osteoma_cutis() -> None:
    step = _lookalike_step(BONE)
    assert "identifies Osteoma cutis" in step
    assert "Albright" not in step


def test_control_a_named_syndrome_with_bone_is_that_syndrome() -> None:
    step = _lookalike_step(
        "A 12-year-old girl with Albright hereditary osteodystrophy had hard plaques on the thighs. "
        "Biopsy showed lamellar bone in the dermis."
    )
    assert "identifies Albright hereditary osteodystrophy" in step


def test_the_resolution_says_not_calcinosis_in_words() -> None:
    assessment = assess(BONE).cases[0].assessment
    text = " ".join(s.conclusion for s in assessment.rationale)
    assert "not_calcinosis" not in text
