"""Foamy macrophages on a biopsy are the lipid-laden cells that identify a xanthoma.

Written in the project's own words. "Firm yellowish papules on the eyelids and elbows ... Biopsy showed
foamy macrophages" was undetermined: only "foamy histiocytes" and "foam cells" were read as the
lipid-laden histology (MUSSEN-DDX) that tells a xanthoma from calcinosis.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = "A 66-year-old man had firm yellowish papules on the eyelids and elbows. Cholesterol was 9.1 mmol/L. "


@pytest.mark.parametrize("biopsy", ["Biopsy showed foamy macrophages.", "Biopsy: lipid-laden histiocytes."])
def test_foamy_macrophages_identify_a_xanthoma(biopsy: str) -> None:
    assessment = assess(CASE + biopsy).cases[0].assessment
    assert assessment.subtype.code == "not_calcinosis"
    assert assessment.differential[0].id == "xanthoma"


def test_control_calcium_on_biopsy_is_not_a_xanthoma() -> None:
    assessment = assess(CASE + "Biopsy showed basophilic calcium deposits in the dermis.").cases[0].assessment
    assert assessment.subtype.code != "not_calcinosis"
