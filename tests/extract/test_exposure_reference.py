"""An exposure's site told in the next sentence, by a reference back to it ("The infusion leaked into ...").

Written in the project's own words: the site is the exposure's only through the words that tie a
site to an exposure (exposure_sites.yaml), so a lesion named after an unrelated clause is not.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

REFERENCES = [
    (
        "A preterm girl received calcium gluconate for hypocalcaemia. The infusion leaked into the left foot.",
        "left foot",
    ),
    (
        "A man of 70 was given calcium chloride. That infusion extravasated over the dorsum of the right hand.",
        "right hand",
    ),
    (
        "An infant was treated with IV calcium gluconate. The drip infiltrated the soft tissue of the left forearm.",
        "left forearm",
    ),
]


@pytest.mark.parametrize(("text", "site"), REFERENCES)
def test_a_reference_back_to_the_exposure_gives_its_site(text: str, site: str) -> None:
    exposures = extract(text, mode="note").cases[0].exposures
    assert site in [e.site for e in exposures]


def test_the_site_by_reference_makes_the_lesion_at_the_exposure_site() -> None:
    with_site = assess(
        "A preterm boy received calcium gluconate on day 2. The infusion leaked into the tissues of the left hand, "
        "where a hard white nodule formed a week later."
    ).cases[0]
    without = assess(
        "A preterm boy received calcium gluconate on day 2. The infusion was stopped, and a hard white nodule "
        "formed on the left hand a week later."
    ).cases[0]
    assert with_site.assessment.subtype.code == "iatrogenic"
    order = ["possible", "probable", "confirmed"]
    assert order.index(with_site.assessment.subtype.certainty or "possible") > order.index(
        without.assessment.subtype.certainty or "possible"
    )


def test_control_a_reference_two_sentences_later_ties_nothing() -> None:
    exposures = (
        extract(
            "A preterm boy received calcium gluconate on day 2. He was fed by tube. The infusion site on the left hand "
            "was red.",
            mode="note",
        )
        .cases[0]
        .exposures
    )
    assert all(e.site != "left hand" or "infusion site" in " ".join(x.text for x in e.evidence) for e in exposures)
