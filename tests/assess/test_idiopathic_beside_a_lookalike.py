"""Idiopathic means no cause found: beside gout (or a named look-alike of calcinosis in general) the
nodules may be tophi, so idiopathic stays possible and the test that tells them apart is shown.
Vignettes written for this project."""

from __future__ import annotations

import pytest

from calcidx.public import assess

_NODULES = "firm yellow-white nodules over both elbows and the helix; calcium and phosphate normal."


@pytest.mark.parametrize(
    "history",
    [
        "A 58-year-old man with gout had",
        "A 58-year-old man with hyperuricaemia had",
        "A 58-year-old man with tophi had",
    ],
)
def test_gout_keeps_idiopathic_possible(history: str) -> None:
    case = assess(f"{history} {_NODULES}").cases[0]
    subtype = case.assessment.subtype
    assert (subtype.code, subtype.certainty) != ("idiopathic", "probable")
    assert subtype.certainty != "confirmed"


def test_without_gout_idiopathic_stays_probable() -> None:
    subtype = assess(f"A 58-year-old man had {_NODULES}").cases[0].assessment.subtype
    assert (subtype.code, subtype.certainty) == ("idiopathic", "probable")


def test_urate_crystals_still_decide() -> None:
    text = f"A 58-year-old man with gout had {_NODULES} Aspirate showed negatively birefringent urate crystals."
    assert assess(text).cases[0].assessment.subtype.code == "not_calcinosis"
