"""Painful plaques in a patient at risk raise calciphylaxis, whether or not the words stand together.

Written in the project's own words. "A 71-year-old woman on haemodialysis developed painful plaques on
the thighs" was called metastatic (possible) from the dialysis alone, with no word of calciphylaxis:
a painful plaque is the presenting lesion of calciphylaxis (SPRAGUE14; CN-CUA lists painful papules
among the early changes), so it now makes calciphylaxis suspected and the biopsy decides
(features.yaml painful_papules). "Violaceous plaques on the thighs that were extremely painful" is
the typical painful violaceous plaque (violaceous_plaques) told in separate words; the lesion words
now read it. A white or chalky lesion looks like the deposits themselves and is neither.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


def _called(text: str) -> tuple[str, str, set[str]]:
    assessment = assess(text).cases[0].assessment
    return (
        assessment.subtype.code,
        assessment.subtype.certainty,
        {assessment.subtype.code, *(a.code for a in assessment.alternatives)},
    )


@pytest.mark.parametrize(
    "text",
    [
        "A 71-year-old woman on haemodialysis developed painful plaques on the thighs.",
        "68F, ESRD on HD, plaques on the lower abdomen, very tender to touch.",
    ],
)
def test_painful_plaques_at_risk_make_calciphylaxis_suspected(text: str) -> None:
    code, certainty, _ = _called(text)
    assert (code, certainty) == ("calciphylaxis", "possible")


@pytest.mark.parametrize(
    "text",
    [
        "A 71-year-old woman on haemodialysis developed violaceous plaques on the thighs that were extremely painful.",
        "A 66-year-old man on peritoneal dialysis has purple, exquisitely tender plaques on both thighs.",
    ],
)
def test_painful_violaceous_plaques_in_separate_words_are_typical(text: str) -> None:
    code, certainty, _ = _called(text)
    assert (code, certainty) == ("calciphylaxis", "probable")


def test_control_painful_plaques_without_a_risk_factor_raise_nothing() -> None:
    _, _, called = _called("A 40-year-old woman with psoriasis has painful plaques on the elbows. No kidney disease.")
    assert "calciphylaxis" not in called


def test_control_painful_chalky_plaques_on_dialysis_are_not_the_early_change() -> None:
    text = "A 71-year-old woman on haemodialysis has chalky white plaques on the fingers that are painful."
    code, _, _ = _called(text)
    assert code == "metastatic"


def test_negation_ends_at_the_predicate_after_a_bracketed_value() -> None:
    """ "with no kidney disease (creatinine 0.8 mg/dL) developed painful violaceous plaques": the
    negation ended at the bracket's value, not at "developed", so the plaques were read as absent."""
    text = (
        "A 71-year-old woman with atrial fibrillation on warfarin and no kidney disease (creatinine 0.8 mg/dL) "
        "developed painful violaceous plaques on both thighs."
    )
    case = assess(text).cases[0]
    states = {f.concept: f.assertion for f in case.findings}
    assert states["chronic_kidney_disease"] == "absent"
    assert states["violaceous_plaques"] == "present"
