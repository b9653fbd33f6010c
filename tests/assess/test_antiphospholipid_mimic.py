"""The thrombotic vasculopathy of the antiphospholipid syndrome mimics calciphylaxis (retiform purpura,
skin necrosis): named, it holds a clinical calciphylaxis back and leads the differential; negative
antiphospholipid antibodies leave calciphylaxis as it was. Vignettes written for this project."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

NAMED = [
    "A 40-year-old woman on haemodialysis with a positive lupus anticoagulant and anticardiolipin antibodies "
    "developed retiform purpura and skin necrosis of the legs. Antiphospholipid syndrome was diagnosed.",
    "52F on HD, painful retiform purpura both thighs. Catastrophic antiphospholipid syndrome; anticoagulated.",
]


@pytest.mark.parametrize("text", NAMED)
def test_a_named_antiphospholipid_syndrome_holds_calciphylaxis_back(text: str) -> None:
    assessment = assessment_of(text)
    assert assessment.subtype.code != "calciphylaxis"
    assert "calciphylaxis" in [alt.code for alt in assessment.alternatives]
    assert assessment.differential[0].id == "antiphospholipid_vasculopathy"
    assert any(step.rule.startswith("subtype.calciphylaxis.mimics@") and step.fired for step in assessment.rationale)


def test_negative_antiphospholipid_antibodies_leave_calciphylaxis() -> None:
    assessment = assessment_of(
        "A 55-year-old man on dialysis developed painful retiform purpura of the thighs. "
        "Antiphospholipid antibodies were negative."
    )
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("calciphylaxis", "probable")
