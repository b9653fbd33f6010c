"""A calcium stain reported negative in any wording is a negative result, never a positive stain.

"no calcification on von Kossa stain" had given both a negative stain and a positive von Kossa
(the stain's bare name was a positive finding and the "no" belonged to "no calcification"), so a
dialysis patient whose biopsy showed vasculitis was metastatic calcinosis, possible.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

OPENING = "A 52-year-old man on haemodialysis had painful ulcers with livedo on both shins. "


def _histology(sentence: str) -> set[str]:
    case = extract(OPENING + sentence, mode="note").cases[0]
    return {c for obs in case.histology for c in obs.concepts}


@pytest.mark.parametrize(
    "sentence",
    [
        "Skin biopsy: small-vessel vasculitis, no calcification on von Kossa stain.",
        "A biopsy showed vasculitis. The von Kossa stain showed no calcium deposits.",
        "A biopsy showed vasculitis; von Kossa staining was negative.",
        "A biopsy showed vasculitis without calcium on von Kossa or alizarin red staining.",
        "A biopsy showed vasculitis. No calcium could be seen with von Kossa staining.",
        "A biopsy showed vasculitis; the calcium stains (von Kossa and alizarin red) were negative.",
        "A biopsy showed vasculitis, and an alizarin red stain failed to show calcium.",
    ],
)
def test_a_negative_stain_is_negative(sentence: str) -> None:
    found = _histology(sentence)
    assert "calcium_stain_negative" in found
    assert not found & {"von_kossa_positive", "alizarin_red_positive"}


@pytest.mark.parametrize(
    "sentence",
    [
        "A biopsy showed calcified small vessels, which stained black with von Kossa.",
        "A biopsy showed dermal deposits; von Kossa staining highlighted calcium in them.",
        "A biopsy showed basophilic deposits. Alizarin red staining confirmed calcium.",
    ],
)
def test_a_stain_that_showed_calcium_is_positive(sentence: str) -> None:
    found = _histology(sentence)
    assert found & {"von_kossa_positive", "alizarin_red_positive"}
    assert "calcium_stain_negative" not in found


def test_vasculitis_with_a_negative_stain_is_not_called_calcinosis() -> None:
    text = OPENING + "Skin biopsy: leukocytoclastic vasculitis, no calcification on von Kossa stain. ANCA positive."
    subtype = assess(text).cases[0].assessment.subtype
    assert subtype.code not in ("metastatic", "calciphylaxis", "dystrophic", "idiopathic", "iatrogenic")


def test_control_calcified_vessels_on_von_kossa_stay_calciphylaxis() -> None:
    text = OPENING + "Skin biopsy: calcified subcutaneous arterioles with thrombi, shown with von Kossa stain."
    subtype = assess(text).cases[0].assessment.subtype
    assert subtype.code == "calciphylaxis"
