"""Needle-shaped clefts in the fat of a newborn identify subcutaneous fat necrosis of the newborn.

Written in the project's own words. A 3-week-old after therapeutic hypothermia with red-violaceous
nodules, hypercalcaemia and "lobular panniculitis with needle-shaped clefts in fat cells" was
metastatic calcinosis (possible): the clefts were not read. They are now the decisive finding of the
look-alike (features.yaml needle_shaped_clefts_in_fat, DERMNET-SCFN-PATH), read in an infant only: in an
adult they are not newborn fat necrosis, which is then not listed at all. "Needle-shaped crystals within
adipocytes" are the clefts, not urate; needle-shaped crystals in an aspirate stay urate.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 3-week-old boy born after a difficult delivery with therapeutic hypothermia developed firm, violaceous "
        "subcutaneous nodules on the back. At 6 weeks his calcium was 13.4 mg/dL. Biopsy showed lobular panniculitis "
        "with needle-shaped clefts in fat cells and foci of calcification.",
        "A 2-week-old girl had firm red nodules on the back. Biopsy showed fat necrosis with needle-shaped crystals "
        "within adipocytes.",
    ],
)
def test_clefts_in_a_newborns_fat_are_newborn_fat_necrosis(text: str) -> None:
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "not_calcinosis"
    assert assessment.differential[0].id == "subcutaneous_fat_necrosis_newborn"


def test_control_clefts_in_an_adult_are_not_newborn_fat_necrosis() -> None:
    text = (
        "A 45-year-old woman on long-term prednisolone had tender nodules on the cheeks after steroid withdrawal; "
        "biopsy showed needle-shaped clefts in fat cells."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code != "not_calcinosis"
    assert "subcutaneous_fat_necrosis_newborn" not in {d.id for d in assessment.differential}


def test_control_needle_shaped_crystals_in_an_aspirate_stay_urate() -> None:
    text = (
        "A 61-year-old man with gout had chalky nodules over the elbows. Aspiration showed needle-shaped crystals "
        "under polarised light."
    )
    case = assess(text).cases[0]
    assert "urate_crystals" in {f.concept for f in case.findings}
    assert case.assessment.differential[0].id == "gouty_tophi"
