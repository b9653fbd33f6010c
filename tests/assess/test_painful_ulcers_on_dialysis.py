"""Painful skin ulcers in a patient on dialysis make calciphylaxis suspected, with the biopsy to decide.

Written in the project's own words. "A 60-year-old woman on haemodialysis has painful ulcers on the
thighs. Calcific uremic arteriolopathy was suspected" was called metastatic (possible) from the
dialysis alone, with no word of calciphylaxis and no skin biopsy in the work-up. A painful ulcer
(features.yaml painful_ulcer: SPRAGUE14, CN-CUA) is now an early change: in a patient at risk it
makes calciphylaxis suspected (possible), never a clinical diagnosis, since stasis, traumatic and
ischaemic ulcers are its mimics.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old woman on haemodialysis has painful ulcers on the thighs. Calcific uremic arteriolopathy was "
        "suspected; a biopsy was not done.",
        "64M, ESRD on HD x 6 yrs, exquisitely painful ulcers on the lower abdomen for 3 weeks.",
    ],
)
def test_painful_ulcers_on_dialysis_raise_calciphylaxis(text: str) -> None:
    assessment = assess(text).cases[0].assessment
    called = {assessment.subtype.code, *(a.code for a in assessment.alternatives)}
    assert "calciphylaxis" in called
    assert "calciphylaxis_biopsy" in {w.id for w in assessment.missing_workup}
    assert assessment.subtype.certainty == "possible"


def test_control_painful_ulcers_without_a_risk_factor_are_not_calciphylaxis() -> None:
    text = "A 50-year-old man with venous insufficiency has painful ulcers on the medial ankles. No kidney disease."
    assessment = assess(text).cases[0].assessment
    assert "calciphylaxis" not in {assessment.subtype.code, *(a.code for a in assessment.alternatives)}
