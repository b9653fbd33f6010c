"""A healed pressure ulcer at the lesion's site is damaged tissue, the setting of dystrophic calcinosis;
one elsewhere is no nidus.

Written in the project's own words. "Hard plaques over the sacrum at the site of a healed pressure
ulcer" (calcium and phosphate normal) gave no dystrophic candidate: a pressure ulcer was only a
calciphylaxis mimic. It is now also an injury at its site (exposures.yaml pressure_injury, by the
definition of dystrophic calcinosis in REI1/SP), tied to the site through "at the site of a healed ...",
and "sacral" is a site word.
"""

from __future__ import annotations

from calcidx.public import assess

NORMAL = " Calcium and phosphate were normal."


def test_pressure_ulcer_at_the_lesions_site_is_dystrophic() -> None:
    text = "An 82-year-old bedridden woman had hard plaques over the sacrum at the site of a healed pressure ulcer."
    case = assess(text + NORMAL).cases[0]
    assert ("pressure_injury", "sacrum") in {(e.concept, e.site) for e in case.exposures}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("dystrophic", "probable")


def test_control_pressure_ulcer_elsewhere_is_no_nidus() -> None:
    text = "An 82-year-old woman had a sacral pressure ulcer 2 years ago and now has hard nodules on the elbows."
    assessment = assess(text + NORMAL).cases[0].assessment
    assert not (assessment.subtype.code == "dystrophic" and assessment.subtype.certainty == "probable")
