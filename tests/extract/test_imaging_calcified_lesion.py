"""An imaging sentence that affirms a calcified skin lesion reports radiopaque deposits; one that
denies the calcification does not.

Written in the project's own words. "Painful calcified nodules on the fingertips and elbows confirmed by
radiography" in systemic sclerosis gave no imaging finding, so dystrophic calcinosis stayed probable:
"calcified" was not among the lesion words the imaging reader takes. It is now, with the lesion's
morphology words; and each such word must stand affirmed ("radiographs showed no calcification" had
reported the deposits as well).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

OPEN = "A 50-year-old woman had "


def _imaged(text: str) -> set[str]:
    return {c for o in extract(text).cases[0].imaging for c in o.concepts}


@pytest.mark.parametrize(
    "text",
    [
        "calcified nodules on the fingers on X-ray.",
        "nodules on the fingers; X-ray showed calcification in the fingertips.",
    ],
)
def test_an_affirmed_calcified_lesion_on_imaging_is_radiopaque(text: str) -> None:
    assert "radiopaque_deposits" in _imaged(OPEN + text)


@pytest.mark.parametrize(
    "text",
    [
        "firm nodules on the fingers; radiographs showed no calcification.",
        "firm nodules on the fingers. X-ray of the hands showed no calcified nodules.",
        "hard nodules on the fingers that did not look calcified on X-ray.",
    ],
)
def test_control_a_denied_calcification_is_not_radiopaque(text: str) -> None:
    assert "radiopaque_deposits" not in _imaged(OPEN + text)


def test_calcified_nodules_confirmed_by_radiography_confirm_dystrophic() -> None:
    text = (
        "A 58-year-old woman with a 15-year history of limited systemic sclerosis presented with painful calcified "
        "nodules on the fingertips and elbows confirmed by radiography. Serum calcium and phosphate were normal."
    )
    subtype = assess(text).cases[0].assessment.subtype
    assert (subtype.code, subtype.certainty) == ("dystrophic", "confirmed")
