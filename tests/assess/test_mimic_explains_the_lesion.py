"""A lesion a calciphylaxis mimic explains makes no subtype from the setting alone.

Written in the project's own words. "On hemodialysis ... painful necrotic ulcers on the thighs ...
surgical exploration showed necrotizing fasciitis" was metastatic calcinosis (possible): calciphylaxis
was rightly held back by its mimic, the necrotic ulcers argued against metastatic calcinosis, and yet
metastatic won as the only candidate left, on dialysis alone. subtype.resolution (v3) now makes no
subtype when the winner is only possible, the lesion weighs against it with calciphylaxis's picture,
calciphylaxis is held back by a named or suspected mimic or by a biopsy against it, and nothing shows
calcification.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 62-year-old man on hemodialysis developed painful necrotic ulcers on the thighs. Blood cultures grew "
        "Streptococcus pyogenes and surgical exploration showed necrotizing fasciitis.",
        "A 50-year-old man with septic shock and disseminated intravascular coagulation developed retiform purpura "
        "and necrosis on the legs; he was on haemodialysis for acute kidney injury.",
        "A 66-year-old woman on haemodialysis with painful retiform purpura on the thighs. Skin biopsy showed septal "
        "panniculitis without vascular calcification; von Kossa stain negative.",
    ],
)
def test_a_lesion_a_mimic_explains_is_undetermined(text: str) -> None:
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "undetermined"
    assert {"calciphylaxis", "metastatic"} <= {a.code for a in assessment.alternatives}


def test_control_calcified_nodules_on_dialysis_stay_metastatic() -> None:
    text = (
        "A 62-year-old man on hemodialysis had firm white nodules around the knees. Radiographs showed "
        "periarticular calcification. Phosphate was 8.1 mg/dL."
    )
    assert assess(text).cases[0].assessment.subtype.code == "metastatic"


def test_control_calciphylaxis_without_a_mimic_is_still_made() -> None:
    text = "A 62-year-old man on hemodialysis developed painful necrotic ulcers with retiform purpura on the thighs."
    assert assess(text).cases[0].assessment.subtype.code == "calciphylaxis"
