"""Frostbite is an injury that can be the nidus of dystrophic calcinosis at its own site
(exposures.yaml cold_injury, by the definition of dystrophic calcinosis in REI1/SP), and the site
groups know plural and fingertip words (rules.yaml subtype.iatrogenic.exposure_at_site v5):
"frostbite of the fingers" and "nodules on the fingertips" had been two unrelated sites."""

from __future__ import annotations

from tests.assess.vignettes import assessment_of


def test_frostbite_at_the_lesions_site_makes_it_dystrophic() -> None:
    a = assessment_of(
        "A 62-year-old man had frostbite of the fingers 10 years ago and now has hard white nodules on the "
        "fingertips that discharge chalky material; calcium and phosphate normal."
    )
    assert (a.subtype.code, a.subtype.certainty) == ("dystrophic", "probable")


def test_frostbite_elsewhere_is_no_nidus() -> None:
    a = assessment_of(
        "A 62-year-old man had frostbite of both feet 10 years ago and now has hard white nodules on the elbows; "
        "calcium and phosphate normal."
    )
    assert not (a.subtype.code == "dystrophic" and a.subtype.certainty in ("probable", "confirmed"))


def test_an_infusion_in_the_hand_is_at_the_fingertips() -> None:
    a = assessment_of(
        "A 3-week-old girl: calcium gluconate extravasated through a cannula in the right hand; two weeks later "
        "hard white papules appeared on the right fingertips. X-ray: soft-tissue calcification."
    )
    assert a.subtype.code == "iatrogenic" and a.subtype.certainty in ("probable", "confirmed")
