"""A calcium chloride infusion written as "CaCl2", and a lesion that "formed there".

Written in the project's own words. "A hard white plaque on the right hand at the site of a CaCl2
infusion" read no exposure (undetermined), and "... through a cannula in the right hand; a hard white
plaque formed there" read no lesion at all (undetermined). The knowledge's iv_calcium now has the
formula, and the site anaphora rule (anatomy.yaml site_anaphora.same_site) reads "formed there".
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 2-week-old neonate developed a hard white plaque on the right hand at the site of a CaCl2 infusion.",
        "A 2-week-old neonate received IV calcium chloride through a cannula in the right hand; a hard white plaque "
        "formed there.",
    ],
)
def test_the_infusion_at_the_lesion_makes_it_iatrogenic(text: str) -> None:
    case = assess(text).cases[0]
    assert [lesion.site for lesion in case.lesions] == ["right hand"]
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("iatrogenic", "probable")


def test_control_there_was_is_no_site() -> None:
    case = assess("A 60-year-old woman on dialysis had nodules on the elbows; there were no other lesions.").cases[0]
    assert [lesion.site for lesion in case.lesions] == ["elbows"]
