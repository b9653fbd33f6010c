"""The site a sentence ties to an exposure is the exposure's, not a lesion's, when the sentence names
the lesion's own site ("calcium extravasation in the left arm 20 years ago; now nodules on both
shins"). The exposure's site had also become a lesion, so an old infusion at the arm "matched" the
lesion and made the shin nodules iatrogenic, probable.
"""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of
from tests.extract.reading import first_case

ELSEWHERE = [
    (
        "A 45-year-old woman with a history of calcium gluconate extravasation in the left arm 20 years ago now "
        "has calcified nodules on both shins.",
        "left arm",
        {"both shins"},
    ),
    (
        "After an extravasation of calcium chloride at the right ankle in 2009, a 60-year-old man developed hard "
        "nodules on the left knee.",
        "right ankle",
        {"left knee"},
    ),
]


@pytest.mark.parametrize(("text", "exposure_site", "lesion_sites"), ELSEWHERE)
def test_the_exposure_site_is_no_lesion_when_the_lesion_has_its_own(
    text: str, exposure_site: str, lesion_sites: set[str]
) -> None:
    case = first_case(text)
    assert {e.site for e in case.exposures} == {exposure_site}
    assert {le.site for le in case.lesions} == lesion_sites


def test_an_exposure_site_that_is_the_only_site_stays_the_lesions() -> None:
    case = first_case(
        "A 3-week-old girl has a hard nodule on the right foot at the site where calcium gluconate had extravasated."
    )
    assert [le.site for le in case.lesions] == ["right foot"]
    assert "right foot" in {e.site for e in case.exposures}


def test_the_lesion_named_again_at_the_exposure_site_is_kept() -> None:
    case = first_case(
        "A 2-week-old boy: calcium gluconate extravasated at the left hand, and hard nodules developed on the "
        "left hand and wrist."
    )
    sites = [le.site or "" for le in case.lesions]
    assert any(site.startswith("left hand") for site in sites), sites


def test_an_old_infusion_at_another_site_is_not_the_cause() -> None:
    a = assessment_of(ELSEWHERE[0][0] + " Calcium, phosphate and PTH normal. No connective tissue disease.")
    assert not (a.subtype.code == "iatrogenic" and a.subtype.certainty in ("probable", "confirmed"))
