"""Large-vessel arterial disease of the leg told as the disease's other names or as an occluded
artery on imaging is the atherosclerotic-ulcer mimic of calciphylaxis: a necrotic toe ulcer on
dialysis with it is not calciphylaxis, probable, until the mimic is excluded."""

from __future__ import annotations

import pytest

from calcidx.public import assess

OPENING = "A 71-year-old man on haemodialysis for end-stage renal disease has a painful necrotic ulcer on the big toe. "


@pytest.mark.parametrize(
    "sentence",
    [
        "An angiogram showed occlusion of the tibial arteries.",
        "Duplex imaging found an occluded superficial femoral artery.",
        "He has critical limb ischaemia.",
        "He is followed for chronic limb-threatening ischemia.",
        "He has known peripheral vascular disease.",
    ],
)
def test_leg_artery_disease_holds_calciphylaxis_below_probable(sentence: str) -> None:
    assessment = assess(OPENING + sentence + " No biopsy has been taken.").cases[0].assessment
    calls = {assessment.subtype.code: assessment.subtype.certainty}
    calls.update({alt.code: alt.certainty for alt in assessment.alternatives})
    assert calls.get("calciphylaxis") in (None, "possible"), calls
    assert "atherosclerotic_or_diabetic_ulcer" in [d.id for d in assessment.differential][:3]


def test_control_normal_pulses_and_proximal_purpura_stay_calciphylaxis() -> None:
    text = (
        "A 66-year-old woman on haemodialysis has painful retiform purpura and necrotic ulcers on both "
        "thighs. Peripheral pulses are normal. No biopsy yet."
    )
    subtype = assess(text).cases[0].assessment.subtype
    assert (subtype.code, subtype.certainty) == ("calciphylaxis", "probable")
