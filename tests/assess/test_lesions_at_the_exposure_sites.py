"""A sentence that puts the lesions at the exposure's own sites ties the exposure to the lesions.

"The lesions were at the electrode sites" after an EEG with calcium chloride paste left the paste
with no site, so iatrogenic calcinosis stayed possible ("site of the exposure or the lesion not
recorded"); the reader now gives the exposure the lesions' site (exposure_sites.yaml
exposure_site.lesions_there).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

EEG = (
    "A 3-year-old girl developed firm whitish papules on the scalp a few weeks after a prolonged EEG "
    "recording with electrode paste containing calcium chloride. {there}"
)


@pytest.mark.parametrize(
    "there",
    [
        "The lesions were at the electrode sites.",
        "All of the papules corresponded exactly to the electrode placement points.",
        "They appeared at the sites of the electrodes.",
    ],
)
def test_lesions_at_the_exposure_sites_make_iatrogenic_probable(there: str) -> None:
    assessment = assess(EEG.format(there=there)).cases[0].assessment
    assert assessment.subtype.code == "iatrogenic"
    assert assessment.subtype.certainty == "probable"


@pytest.mark.parametrize(
    "there", ["The lesions were not at the electrode sites.", "The electrode sites were not recorded."]
)
def test_control_lesions_not_said_to_be_there_stay_possible(there: str) -> None:
    assessment = assess(EEG.format(there=there)).cases[0].assessment
    assert assessment.subtype.certainty != "probable" or assessment.subtype.code != "iatrogenic"
