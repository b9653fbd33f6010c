"""A look-alike of one body site (auricular ossification, of the ear's cartilage) is not listed for a
patient whose lesions all lie elsewhere; at the ear, or with no site recorded, it still is. Vignettes
written for this project."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of


def _differential(text: str) -> list[str]:
    return [item.id for item in assessment_of(text).differential]


def test_bone_in_a_leg_plaque_lists_no_ossified_ear() -> None:
    ids = _differential(
        "A 6-year-old girl had progressive plaques on the leg. Biopsy showed mature lamellar bone in the dermis."
    )
    assert "auricular_ossification" not in ids
    assert "progressive_osseous_heteroplasia" in ids


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man had a hard plaque on the left helix after frostbite. Biopsy showed mature lamellar bone.",
        "A 60-year-old man had a hard plaque. Biopsy showed mature lamellar bone.",
    ],
)
def test_at_the_ear_or_with_no_site_it_is_listed(text: str) -> None:
    assert "auricular_ossification" in _differential(text)
