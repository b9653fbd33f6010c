"""Calcium in the walls of small vessels, told in the words biopsy reports use, is the vascular
calcification of calciphylaxis. "A deep incisional biopsy revealed calcium deposits in the walls of
small vessels in the subcutaneous fat with thrombi" (non-uraemic calciphylaxis in alcoholic cirrhosis)
read as no finding at all, and the case as undetermined."""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = (
    "A 49-year-old woman with alcoholic cirrhosis and normal renal function developed painful, indurated, "
    "purpuric plaques with necrosis on the lower abdomen. {biopsy}"
)


@pytest.mark.parametrize(
    "biopsy",
    [
        "A deep incisional biopsy revealed calcium deposits in the walls of small vessels in the subcutaneous fat "
        "with thrombi.",
        "Histology showed calcification of the walls of small vessels of the subcutis.",
        "The biopsy showed calcium deposition within the walls of small vessels and fat necrosis.",
    ],
)
def test_calcium_in_small_vessel_walls_is_calciphylaxis(biopsy: str) -> None:
    case = assess(CASE.format(biopsy=biopsy)).cases[0]
    assert "vascular_calcification_histology" in {f.concept for f in case.findings if f.assertion == "present"}
    assert case.assessment.subtype.code == "calciphylaxis"


def test_control_no_calcium_in_the_vessel_walls_is_no_vascular_calcification() -> None:
    case = assess(
        CASE.format(
            biopsy="The biopsy showed leukocytoclastic vasculitis with no calcium deposits in the walls "
            "of small vessels."
        )
    ).cases[0]
    assert "vascular_calcification_histology" not in {f.concept for f in case.findings if f.assertion == "present"}
    assert case.assessment.subtype.code != "calciphylaxis" or case.assessment.subtype.certainty != "confirmed"


def test_lesions_at_the_iv_site_give_the_infusion_its_site() -> None:
    case = assess(
        "A 6-day-old term neonate treated for hypocalcaemic seizures with intravenous calcium gluconate developed "
        "erythema and swelling of the right hand at the IV site, which evolved into a firm whitish plaque. X-ray "
        "of the hand revealed soft tissue calcification."
    ).cases[0]
    assert [e.site for e in case.exposures if e.concept == "iv_calcium"] == ["right hand"]
    assert case.assessment.subtype.code == "iatrogenic"
