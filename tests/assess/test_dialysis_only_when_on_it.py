"""More frequent dialysis is offered only to a patient on dialysis now: not to end-stage kidney
disease "not yet on dialysis", nor to a transplant recipient "previously on haemodialysis".

Both had been offered "more frequent dialysis with a low-calcium bath" for calciphylaxis.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

_LESIONS = (
    " Exquisitely painful retiform purpura on the abdomen with a black eschar."
    " Calcium 2.3 mmol/L, phosphate 2.4 mmol/L."
)


@pytest.mark.parametrize(
    "history",
    [
        "A 69-year-old man with CKD stage 5 (eGFR 8), not yet on dialysis.",
        "A 58-year-old woman, previously on haemodialysis for six years, has a working kidney transplant.",
    ],
)
def test_no_dialysis_intensification_off_dialysis(history: str) -> None:
    assessment = assess(history + _LESIONS).cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis"
    assert "dialysis_intensification_calciphylaxis" not in {t.id for t in assessment.treatments}


def test_on_dialysis_it_is_offered() -> None:
    assessment = assess("A 64-year-old man on haemodialysis for ESRD." + _LESIONS).cases[0].assessment
    assert "dialysis_intensification_calciphylaxis" in {t.id for t in assessment.treatments}
