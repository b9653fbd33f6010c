"""A neonate on parenteral nutrition receives a continuous calcium-containing infusion: ceftriaxone is
contraindicated (the label counts parenteral nutrition among calcium-containing IV solutions); an
infant past 28 days on it is not withheld it for that. Vignettes written for this project."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

NEONATE = (
    "A 2-week-old girl has firm plaques at sites of scalp trauma from a forceps delivery; radiographs show "
    "subcutaneous calcification. {}"
)


@pytest.mark.parametrize(
    "feeding",
    [
        "She is receiving calcium-containing parenteral nutrition through a central line.",
        "She is receiving total parenteral nutrition.",
        "On TPN since birth.",
    ],
)
def test_a_neonate_on_parenteral_nutrition_is_not_offered_ceftriaxone(feeding: str) -> None:
    assessment = assessment_of(NEONATE.format(feeding))
    withheld = {t.id: t.withheld_reasons for t in assessment.withheld_treatments}
    assert "ceftriaxone" not in {t.id for t in assessment.treatments}
    assert any("contraindicated" in reason for reason in withheld["ceftriaxone"])


def test_a_neonate_not_on_parenteral_nutrition_keeps_the_check() -> None:
    assessment = assessment_of(NEONATE.format("She is breastfed."))
    ceftriaxone = [t for t in assessment.treatments if t.id == "ceftriaxone"]
    assert ceftriaxone and any("parenteral nutrition" in c for c in ceftriaxone[0].cautions)
