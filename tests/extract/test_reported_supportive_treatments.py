"""Treatments reports name that CalciDx records but never suggests (therapies with no option).

Debridement, wound care, analgesia and cinacalcet are given to many patients with calciphylaxis;
a registry of case reports that drops them cannot say what was tried. They are therapies of the
knowledge with sources and no ``options``: read as given, planned or not given like any other, and
never offered.
"""

from __future__ import annotations

import pytest

from calcidx.knowledge.loader import load_bundle
from calcidx.public import assess, extract

CASE = (
    "A 71-year-old man on peritoneal dialysis had painful black eschars on the lower abdomen; a deep "
    "biopsy confirmed calciphylaxis. "
)


@pytest.mark.parametrize(
    ("sentence", "given"),
    [
        ("The eschars were debrided twice and he was started on cinacalcet.", {"wound_debridement", "cinacalcet"}),
        ("He received local wound care and opiate analgesia.", {"wound_care", "analgesia"}),
        (
            "He required opioid analgesia, and the plaque was later removed surgically.",
            {"analgesia", "surgical_excision"},
        ),
        (
            "Management included serial debridement, wound dressings and a calcimimetic.",
            {"wound_debridement", "wound_care", "cinacalcet"},
        ),
    ],
)
def test_supportive_treatments_are_recorded(sentence: str, given: set[str]) -> None:
    case = extract(CASE + sentence).cases[0]
    found = {t.concept for t in case.treatments if t.status == "given"}
    assert given <= found, (sentence, found)


@pytest.mark.parametrize(
    "sentence",
    ["Debridement was not performed because the eschar was dry and stable.", "He required no debridement."],
)
def test_a_treatment_not_done_is_not_recorded(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    assert all(t.concept != "wound_debridement" for t in case.treatments)


def test_they_are_never_suggested() -> None:
    bundle = load_bundle()
    recorded_only = [t for t in bundle.therapies.values() if not t.options]
    assert {t.id for t in recorded_only} >= {"wound_debridement", "wound_care", "analgesia", "cinacalcet"}
    assessment = assess(extract(CASE + "He was treated with sodium thiosulfate.").cases[0]).cases[0].assessment
    offered = {o.id for o in [*assessment.treatments, *assessment.withheld_treatments]}
    assert offered.isdisjoint(t.id for t in recorded_only)
