"""Calcium on fragmented elastic fibres, the histology of pseudoxanthoma elasticum, is calcification of
damaged tissue: dystrophic. A PXE picture told without its name (yellowish papules on the neck,
angioid streaks, von Kossa-positive calcified elastic fibres) read as idiopathic calcinosis, and the
inherited differential found no match because neither the fibres nor the streaks were read."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

PXE_PICTURE = (
    "A 29-year-old woman had yellowish papules merging into cobblestone plaques on the sides of the neck and "
    "in the axillae. Fundoscopy showed angioid streaks. {histology} Serum calcium and phosphate were normal."
)


@pytest.mark.parametrize(
    "histology",
    [
        "Skin biopsy showed fragmented, calcified elastic fibres in the mid dermis on von Kossa stain.",
        "The biopsy showed calcification of elastic fibers in the reticular dermis.",
        "Histology: clumped, calcified and fragmented elastic fibers, von Kossa positive.",
    ],
)
def test_calcified_elastic_fibres_are_dystrophic_and_rank_pxe(histology: str) -> None:
    assessment = assess(PXE_PICTURE.format(histology=histology)).cases[0].assessment
    assert assessment.subtype.code == "dystrophic"
    inherited = [d for d in assessment.differential if d.kind == "inherited"]
    assert inherited and inherited[0].label.startswith("Pseudoxanthoma elasticum")


def test_control_elastic_fibres_without_calcium_are_not_the_cause() -> None:
    case = assess(
        "A 40-year-old man had a hard white nodule on the elbow. Biopsy showed basophilic calcium deposits in "
        "the dermis; the elastic fibres were normal, with no calcified elastic fibres. Calcium and phosphate "
        "were normal."
    ).cases[0]
    assert "calcified_elastic_fibres" not in {f.concept for f in case.findings if f.assertion == "present"}
    assert case.assessment.subtype.code != "dystrophic"


@pytest.mark.parametrize(
    "histology",
    ["calcified, fragmented elastic fibres in the mid dermis", "fragmented and calcified elastic fibers"],
)
def test_the_fibres_told_in_another_order_are_read(histology: str) -> None:
    text = f"A 34-year-old woman had yellowish papules on the neck. Biopsy showed {histology}."
    assert "calcified_elastic_fibres" in {f.concept for f in extract(text).cases[0].findings}
