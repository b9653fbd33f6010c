"""A lesion "at the site" is at the site last named; "later ulcerating" is ulceration.

Written in the project's own words. "Calcium chloride through a peripheral line in the dorsum of the
hand ... Ten days later she had a hard, white, tender plaque at the site" gave no lesion at all (the
plaque names no site of its own), so the calcium infusion was never tied to it and iatrogenic
calcinosis stayed possible. "At the site", "over the site" with no "of" after it now point back to
the site last named (anatomy.yaml site_anaphora). "Plaques on the abdomen, later ulcerating" lost the
ulceration: ulcerating and ulcerations are its words (knowledge 2026.12.97).
"""

from __future__ import annotations

from calcidx.public import assess

INFUSION = (
    "A 58-year-old woman received calcium chloride through a peripheral line in the dorsum of the hand during "
    "cardiopulmonary resuscitation. "
)


def test_a_plaque_at_the_site_is_at_the_infusion_site() -> None:
    case = assess(INFUSION + "Ten days later she had a hard, white, tender plaque at the site.").cases[0]
    assert [lesion.site for lesion in case.lesions] == ["dorsum of the hand"]
    subtype = case.assessment.subtype
    assert (subtype.code, subtype.certainty) == ("iatrogenic", "probable")


def test_control_nodules_elsewhere_are_not_at_the_site() -> None:
    case = assess(INFUSION + "Ten days later she had hard, white nodules on both elbows.").cases[0]
    assert "dorsum of the hand" not in {lesion.site for lesion in case.lesions}
    assert case.assessment.subtype.code != "iatrogenic"


def test_later_ulcerating_is_ulceration() -> None:
    text = "A 57-year-old man on peritoneal dialysis had tender indurated plaques on the abdomen, later ulcerating."
    found = {f.concept for f in assess(text).cases[0].findings if f.assertion == "present"}
    assert "ulceration" in found
