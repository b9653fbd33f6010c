"""A biopsy of basaloid cells and shadow (ghost) cells is a pilomatricoma, whether or not the report
names the tumour: its calcification is dystrophic. The shadow cells were read, but as a histology
finding only, so a calcified pilomatricoma of a child's cheek read as idiopathic calcinosis with the
sub-form subepidermal calcified nodule (features.yaml shadow_cells ``implies``)."""

from __future__ import annotations

import pytest

from calcidx.public import assess

NODULE = "A 14-year-old girl had a hard, slowly growing nodule on the left cheek. "
LABS = " Serum calcium and phosphate were normal."


@pytest.mark.parametrize(
    "histology",
    [
        "Excision showed a dermal tumour of basaloid cells and shadow cells with foci of calcification.",
        "Histopathology: islands of basophilic cells merging into ghost cells, with calcified areas.",
        "The excised nodule was made of basaloid and ghost (shadow) cells with calcium deposits.",
    ],
)
def test_shadow_cells_make_the_calcification_dystrophic(histology: str) -> None:
    case = assess(NODULE + histology + LABS).cases[0]
    conditions = {f.concept for f in case.findings if f.assertion == "present"}
    assert "pilomatricoma" in conditions
    assert case.assessment.subtype.code == "dystrophic"
    assert "pilomatricoma" in case.assessment.associated_conditions


def test_control_no_shadow_cells_is_no_pilomatricoma() -> None:
    case = assess(
        NODULE + "Histology showed a nodule of calcium in the upper dermis; no shadow cells were seen." + LABS
    ).cases[0]
    assert "pilomatricoma" not in {f.concept for f in case.findings if f.assertion == "present"}
    assert case.assessment.subtype.code != "dystrophic"
