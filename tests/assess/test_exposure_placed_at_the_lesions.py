"""An exposure told as given at the lesions' own place: "an intravenous line was placed there".

Written in the project's own words. "Firm nodules on the dorsum of the left foot two weeks after an
intravenous line was placed there for calcium gluconate administration" left the infusion without a
site, so the iatrogenic call stayed possible although the text puts the infusion at the lesions. The
rule exposure_site.lesions_there now also reads "placed there" and "given at the same site".
"""

from __future__ import annotations

from calcidx.public import assess

PLACED_THERE = (
    "We describe a 3-month-old girl who developed firm nodules on the dorsum of the left foot two weeks after an "
    "intravenous line was placed there for calcium gluconate administration. X-ray showed soft tissue calcification. "
    "Serum calcium was normal."
)


def test_placed_there_ties_the_infusion_to_the_lesions() -> None:
    case = assess(PLACED_THERE).cases[0]
    exposure = next(e for e in case.exposures if e.concept == "iv_calcium")
    assert exposure.site is not None and "left foot" in exposure.site
    assert case.assessment.subtype.code == "iatrogenic"
    assert case.assessment.subtype.certainty in ("probable", "confirmed")


def test_control_an_infusion_elsewhere_is_no_cause_of_these_lesions() -> None:
    text = (
        "A preterm boy had a hard white plaque on the right wrist; the calcium gluconate infusion was given in the "
        "left foot, not there. X-ray showed soft tissue calcification. Serum calcium was normal."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code != "iatrogenic" or assessment.subtype.certainty == "possible"
