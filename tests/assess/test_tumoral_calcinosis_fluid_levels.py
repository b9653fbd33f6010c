"""The fluid-calcium levels of tumoral calcinosis told in shorter words ("fluid levels", "layering calcium").

Written in the project's own words. A dialysis patient's "large painless lobulated mass around the
right hip" with "a cystic calcified mass with fluid levels" on CT gave no sub-form: the sedimentation
sign (RADIOGRAPHICS-TC) was read only as "fluid-calcium levels" or "fluid-fluid levels".
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "imaging",
    ["CT showed a cystic calcified mass with fluid levels.", "CT showed a lobulated mass with layering calcium."],
)
def test_fluid_levels_give_the_tumoral_sub_form(imaging: str) -> None:
    text = (
        "A 30-year-old man on long-term haemodialysis presented with a large painless lobulated mass around the "
        f"right hip. Calcium 9.8 mg/dL, phosphate 8.9 mg/dL. {imaging}"
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "metastatic"
    assert assessment.subform is not None and assessment.subform.code == "tumoral_calcinosis"


def test_control_fluid_levels_denied() -> None:
    text = (
        "A 30-year-old man on long-term haemodialysis has small chalky papules on the fingertips. Phosphate 8.9 mg/dL. "
        "Ultrasound showed no fluid levels."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "metastatic"
    assert assessment.subform is None
