"""Cholesterol clefts in the vessels on biopsy point to cholesterol embolism, not xanthoma.

Written in the project's own words. Painful purpura on the calves of a man on peritoneal dialysis,
three weeks after coronary angiography, with "cholesterol clefts within arterioles" on biopsy listed
xanthoma first in the differential: "cholesterol clefts" were a synonym of xanthoma's lipid-laden
histology. Cholesterol clefts on biopsy tell cholesterol embolization from calciphylaxis
(NIGWEKAR15-AJKD, Table 2), so they are now the decisive finding of that look-alike
(features.yaml cholesterol_clefts_histology); foam cells stay xanthoma's.
"""

from __future__ import annotations

from calcidx.public import assess


def test_cholesterol_clefts_in_arterioles_put_cholesterol_embolism_first() -> None:
    text = (
        "A 66-year-old man with end-stage kidney disease on peritoneal dialysis presented with painful purpuric "
        "plaques on the calves. Cholesterol clefts were seen within arterioles on biopsy; he had undergone coronary "
        "angiography 3 weeks earlier."
    )
    case = assess(text).cases[0]
    assert "cholesterol_clefts_histology" in {f.concept for f in case.findings}
    assert case.assessment.differential[0].id == "cholesterol_emboli"
    assert case.assessment.subtype.code != "calciphylaxis"


def test_control_foam_cells_in_a_yellow_eyelid_papule_stay_xanthoma() -> None:
    text = (
        "A 52-year-old woman had a soft yellow plaque on the upper eyelid. Biopsy showed foamy histiocytes in the "
        "dermis and no calcium deposits."
    )
    case = assess(text).cases[0]
    assert "lipid_laden_histology" in {f.concept for f in case.findings}
    assert case.assessment.differential[0].id == "xanthoma"
