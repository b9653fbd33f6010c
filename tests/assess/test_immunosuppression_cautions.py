"""Intensifying the immunosuppression of dermatomyositis is cautioned in pregnancy, while
breastfeeding and in severe renal impairment.

Written in the project's own words. A pregnant 16-year-old with juvenile dermatomyositis on
methotrexate, and a man with dermatomyositis on haemodialysis, were offered "intensify
immunosuppression" with no caution, although methotrexate is contraindicated in pregnancy outside
cancer, in nursing mothers and in severe renal impairment including end-stage renal disease
(PFIZER-CA-MTX-CI), and mycophenolate is teratogenic (MMF-LABEL). The option stays offered (it is
to control the disease, not one drug) with the caution that names the agents excluded.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

OPTION = "intensify_immunosuppression_dm"


def _cautions(text: str) -> list[str]:
    assessment = assess(text).cases[0].assessment
    (option,) = [t for t in assessment.treatments if t.id == OPTION]
    return option.cautions


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "HPI: 16 y/o F with JDM on methotrexate presents with hard nodules on the left elbow draining white "
            "material. Ca and phosphate normal. XR: calcinosis. Pregnancy test positive.",
            "Pregnancy",
        ),
        (
            "A 34-year-old woman with dermatomyositis breastfeeds her 2-month-old son. She has calcinosis of the "
            "thighs on X-ray; calcium and phosphate are normal.",
            "Breastfeeding",
        ),
        (
            "A 40-year-old man with active dermatomyositis and calcinosis of the arms on X-ray is on haemodialysis "
            "for end-stage renal disease. Calcium 9.0 mg/dL, phosphate 4.0 mg/dL.",
            "renal",
        ),
    ],
)
def test_the_option_is_cautioned(text: str, word: str) -> None:
    assert any(word in caution for caution in _cautions(text))


def test_control_no_caution_for_an_adult_with_normal_kidneys() -> None:
    text = (
        "A 45-year-old man with dermatomyositis has calcinosis of the thighs on X-ray. Calcium and phosphate "
        "are normal; eGFR 95 mL/min/1.73 m2."
    )
    assert not any(w in c for c in _cautions(text) for w in ("Pregnancy", "Breastfeeding", "renal"))
