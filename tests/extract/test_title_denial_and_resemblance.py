"""A title that denies a diagnosis states nothing, and what a lesion resembled implies no subtype.

Written in the project's own words. "Not calciphylaxis: cholesterol embolization syndrome ..." was read
as the authors stating calciphylaxis; "Calcinosis cutis mimicking a basal cell carcinoma" was read as
dystrophic calcinosis (the carcinoma, a cause of dystrophic calcinosis, was only what the lesion looked
like).
"""

from __future__ import annotations

import pytest

from calcidx.extract.pipeline import extract

BODY = "\n\nA 72-year-old man on haemodialysis developed painful livedo on the feet after angiography."


@pytest.mark.parametrize(
    ("title", "subtype"),
    [
        ("Not calciphylaxis: cholesterol embolization syndrome after cardiac catheterization", "not_calcinosis"),
        ("No calciphylaxis after all: cholesterol emboli", "not_calcinosis"),
    ],
)
def test_a_denied_title_part_states_nothing(title: str, subtype: str) -> None:
    stated = extract(title + BODY).cases[0].stated
    assert stated is not None and stated.subtype == subtype


def test_what_the_lesion_resembled_implies_no_subtype() -> None:
    text = (
        "Calcinosis cutis mimicking a basal cell carcinoma\n\nA 58-year-old man had a pearly firm papule on the nose."
    )
    stated = extract(text).cases[0].stated
    assert stated is None or stated.subtype is None


@pytest.mark.parametrize(
    ("title", "subtype"),
    [
        ("Calciphylaxis: a case report", "calciphylaxis"),
        ("Calcinosis cutis in dermatomyositis", "dystrophic"),
        ("Nodules mimicking xanthoma: dystrophic calcinosis in lupus", "dystrophic"),
    ],
)
def test_control_titles_that_state_a_subtype(title: str, subtype: str) -> None:
    stated = extract(title + "\n\nA 58-year-old man had hard nodules.").cases[0].stated
    assert stated is not None and stated.subtype == subtype
