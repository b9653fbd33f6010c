"""A biopsy read as not calciphylaxis argues against it; a venous stasis ulcer is a named mimic.

Written in the project's own words. "A skin biopsy was negative for calciphylaxis" and
"Calciphylaxis was excluded by skin biopsy" were read as nothing, so painful leg ulcers on dialysis
stayed calciphylaxis and its treatments were offered. The pathologist's reading against it is now a
histology finding (histology_findings.yaml read_as_not_calciphylaxis) that weighs as a negative
calcium stain does in subtype.calciphylaxis.mimics: calciphylaxis stays an alternative, not excluded,
since a biopsy can miss it. "Venous stasis ulceration" was read as venous insufficiency only; it is
now the stasis ulcer among calciphylaxis's mimics.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = "A 70-year-old man on hemodialysis presented with exquisitely painful necrotic ulcers on both thighs."


@pytest.mark.parametrize(
    "biopsy",
    [
        "A skin biopsy was negative for calciphylaxis.",
        "Calciphylaxis was excluded by skin biopsy.",
        "The deep punch biopsy was not consistent with calciphylaxis.",
    ],
)
def test_biopsy_read_as_not_calciphylaxis_keeps_it_an_alternative(biopsy: str) -> None:
    case = assess(f"{CASE} {biopsy}").cases[0]
    assert any("calciphylaxis_histology_negative" in h.concepts for h in case.histology)
    assessment = case.assessment
    assert assessment.subtype.code != "calciphylaxis"
    assert "calciphylaxis" in {a.code for a in assessment.alternatives}
    assert not any(t.id.endswith("_calciphylaxis") for t in assessment.treatments)


@pytest.mark.parametrize(
    "biopsy",
    [
        "A biopsy was taken to rule out calciphylaxis.",
        "The biopsy excluded vasculitis and confirmed calciphylaxis.",
    ],
)
def test_control_a_plan_or_a_confirming_biopsy_is_not_against_it(biopsy: str) -> None:
    case = assess(f"{CASE} {biopsy}").cases[0]
    assert not any("calciphylaxis_histology_negative" in h.concepts for h in case.histology)
    assert case.assessment.subtype.code == "calciphylaxis"


def test_venous_stasis_ulceration_is_the_stasis_ulcer_mimic() -> None:
    text = "A 66-year-old woman on dialysis had leg ulcers. The findings were consistent with venous stasis ulceration."
    case = assess(text).cases[0]
    present = {f.concept for f in case.findings if f.assertion == "present"}
    assert "atherosclerotic_or_diabetic_ulcer" in present
