"""An allergy or anaphylaxis to immunoglobulin withholds IVIG.

Written in the project's own words. "An 8-year-old girl with juvenile dermatomyositis ... has a history
of anaphylaxis to intravenous immunoglobulin" was offered IVIG with no caution: no allergy to it was
known to the knowledge. The product leaflet (PRIVIGEN-UK-PIL) says an immunoglobulin is not given to a
patient allergic to human immunoglobulins (safety_conditions.yaml immunoglobulin_allergy, cautions.yaml
ivig_allergy).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "allergy",
    [
        "She has a history of anaphylaxis to intravenous immunoglobulin.",
        "Allergies: IVIG (anaphylaxis), penicillin.",
        "She had an anaphylactic reaction to IVIg in 2019.",
    ],
)
def test_immunoglobulin_allergy_withholds_ivig(allergy: str) -> None:
    text = f"An 8-year-old girl with juvenile dermatomyositis has calcinosis on the elbows. {allergy}"
    assessment = assess(text).cases[0].assessment
    assert "ivig" not in {t.id for t in assessment.treatments}
    withheld = {t.id: t for t in assessment.withheld_treatments}
    assert "ivig" in withheld
    assert "immunoglobulin" in withheld["ivig"].withheld_reasons[0]


def test_control_immunoglobulin_tolerated_keeps_ivig() -> None:
    text = (
        "An 8-year-old girl with juvenile dermatomyositis has calcinosis on the elbows. "
        "She tolerated IVIG well without any allergic reaction."
    )
    assessment = assess(text).cases[0].assessment
    assert "ivig" in {t.id for t in assessment.treatments}
