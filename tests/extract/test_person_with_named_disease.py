"""A person introduced with the disease named ("A 15-year-old boy with hyperphosphataemic familial
tumoral calcinosis has ...", "a woman with calciphylaxis on haemodialysis") states it; a hedge or a
risk phrase ("with suspected calciphylaxis", "with calciphylaxis risk factors") does not.

The boy's hyperphosphataemic familial tumoral calcinosis had given no sub-form.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess
from tests.extract.reading import first_case


def test_the_named_sub_form_is_stated_and_given() -> None:
    text = (
        "A 14-year-old girl with hyperphosphataemic familial tumoral calcinosis (GALNT3 variant) has large "
        "calcified masses at both hips. Phosphate 2.3 mmol/L, calcium 2.4 mmol/L, eGFR 118."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subform is not None and assessment.subform.code == "hftc"


def test_a_person_with_calciphylaxis_states_it() -> None:
    case = first_case("A 66-year-old woman with calciphylaxis on haemodialysis has painful plaques on the thighs.")
    assert case.stated is not None and case.stated.subtype == "calciphylaxis"


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man with calciphylaxis risk factors on haemodialysis has painful plaques on the thighs.",
        "A 60-year-old man with suspected calciphylaxis on haemodialysis has painful plaques on the thighs.",
    ],
)
def test_a_hedge_or_a_risk_phrase_states_nothing(text: str) -> None:
    assert first_case(text).stated is None


def test_hyperphosphataemic_familial_tumoral_calcinosis_is_the_cause() -> None:
    text = (
        "A 14-year-old girl with hyperphosphataemic familial tumoral calcinosis (GALNT3 variant) has large "
        "calcified masses at both hips. Phosphate 2.3 mmol/L, calcium 2.4 mmol/L, eGFR 118."
    )
    roles = {r.id: r.role for r in assess(text).cases[0].assessment.condition_roles}
    assert roles.get("hftc_disorder") == "cause"
