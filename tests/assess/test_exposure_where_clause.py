"""An infusion tied to the lesion's site by "where" ("a plaque on the right hand where a line with
calcium gluconate had infiltrated") is an exposure at that site (exposure_site.before).

The neonate's hand plaque had been iatrogenic, possible only: the infusion had no site.
"""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

TIED = [
    "Neonate, 12 days old, born at 30 weeks. Firm white plaque on the back of the left hand where a peripheral "
    "line with calcium gluconate had infiltrated on day 3. Serum calcium 2.28 mmol/L. X-ray: soft-tissue "
    "calcification of the hand.",
    "A 2-month-old girl has a hard nodule on the right foot, where calcium chloride had extravasated during "
    "resuscitation. Radiograph: calcification in the soft tissue of the foot.",
]


@pytest.mark.parametrize("text", TIED)
def test_an_infusion_where_the_lesion_is_makes_iatrogenic_more_than_possible(text: str) -> None:
    a = assessment_of(text)
    assert a.subtype.code == "iatrogenic"
    assert a.subtype.certainty in ("probable", "confirmed")


def test_an_infusion_at_another_site_stays_untied() -> None:
    a = assessment_of(
        "A 3-week-old boy has a hard nodule on the right knee where he had fallen; calcium gluconate had been "
        "given through a line in the left hand. X-ray: soft-tissue calcification at the knee."
    )
    assert not (a.subtype.code == "iatrogenic" and a.subtype.certainty in ("probable", "confirmed"))
