"""Regional body-site names reports use for calcified lesions are lesion sites, counted under one name.

"A nodule in the right popliteal fossa" or "papules on the malar regions" had given a lesion with no
site, so a case series could not count where the deposits were.
"""

from __future__ import annotations

import pytest

from calcidx.extract.rules import load_rules
from calcidx.public import extract


@pytest.mark.parametrize(
    ("sentence", "site", "laterality"),
    [
        ("A firm calcified nodule lay in the right popliteal fossa.", "right popliteal fossa", "right"),
        ("Tiny white papules covered the malar regions.", "malar regions", None),
        ("A hard mass sat over the left iliac crest.", "left iliac crest", "left"),
        ("Chalky papules lined both lower lids.", "both lower lids", "bilateral"),
        ("Painful ulcers developed in the pretibial area.", "pretibial area", None),
        ("A yellow papule grew on the right nasal ala.", "right nasal ala", "right"),
        ("Calcified nodules studded the knuckles of both hands.", "knuckles", None),
        ("An itchy plaque with keratotic papules sat around the navel.", "navel", None),
    ],
)
def test_a_regional_site_is_the_lesion_site(sentence: str, site: str, laterality: str | None) -> None:
    case = extract(f"A 52-year-old patient was examined. {sentence}").cases[0]
    assert (site, laterality) in [(lesion.site, lesion.laterality) for lesion in case.lesions], sentence


def test_every_counted_name_is_a_site() -> None:
    """A series counts "malar regions" as "cheek": every name a site is counted under is itself a site."""
    rules = load_rules()
    sites = set(rules.sites)
    assert set(rules.site_names.values()) <= sites


@pytest.mark.parametrize(
    ("sentence", "site"),
    [
        ("Three months later she developed calciphylaxis in her legs and left hand.", "legs"),
        ("On the second day he showed erythema in the flank area.", "flank"),
        ("He had non-healing wounds on both thighs.", "both thighs"),
    ],
)
def test_the_disease_or_a_wound_at_a_site_places_a_lesion(sentence: str, site: str) -> None:
    case = extract(f"A 44-year-old patient on dialysis was admitted. {sentence}").cases[0]
    assert site in [lesion.site for lesion in case.lesions], sentence


def test_where_the_disease_usually_occurs_is_no_lesion_of_the_patient() -> None:
    case = extract("A 44-year-old patient on dialysis was admitted. Calciphylaxis most commonly affects the thighs.")
    assert all(lesion.site != "thighs" for c in case.cases for lesion in c.lesions)
