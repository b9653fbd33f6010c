"""A report whose biopsy shows calcified arteriolar walls with typical lesions: calciphylaxis confirmed."""

from __future__ import annotations

import pytest

from calcidx import assess

REPORT = (
    "Case report. A 52-year-old man on haemodialysis for end-stage renal disease developed exquisitely painful "
    "violaceous plaques with a central black eschar on the abdomen. {histology} "
    "Calcium was 9.8 mg/dL and phosphate 6.9 mg/dL."
)


@pytest.mark.parametrize(
    "histology",
    [
        "Skin biopsy showed calcification of the media of small subcutaneous arterioles.",
        "A deep biopsy revealed calcification of the vessel walls in the subcutis with thrombi.",
        "Histology found calcium deposits in the vessel walls of small arterioles.",
    ],
)
def test_biopsy_proven_calciphylaxis_is_confirmed_and_not_asked_again(histology: str) -> None:
    case = assess(REPORT.format(histology=histology)).cases[0]
    assert case.assessment.subtype.code == "calciphylaxis"
    assert case.assessment.subtype.certainty == "confirmed"
    assert "calciphylaxis_biopsy" not in [m.id for m in case.assessment.missing_workup]


def test_thrombi_alone_do_not_confirm_it() -> None:
    text = REPORT.format(histology="Skin biopsy showed microthrombi in small vessels; von Kossa stain was negative.")
    case = assess(text).cases[0]
    assert not (case.assessment.subtype.code == "calciphylaxis" and case.assessment.subtype.certainty == "confirmed")
