"""Colchicine for a child's calcinosis: withheld below 4 years (the labelled age), offered from 4 to 17
with a caution that its use in children outside familial Mediterranean fever is not established, and
with no such caution for an adult. Vignettes written for this project."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

_CHILD = "Child: colchicine's labelled paediatric use"


def _colchicine(age: int) -> tuple[bool, list[str]]:
    a = assessment_of(
        f"A {age}-year-old boy with juvenile dermatomyositis has hard white nodules on the elbows. Calcium and "
        "phosphate are normal."
    )
    offered = [t for t in a.treatments if t.id == "colchicine"]
    withheld = [t for t in a.withheld_treatments if t.id == "colchicine"]
    return bool(offered), [c for t in offered + withheld for c in t.cautions]


@pytest.mark.parametrize("age", [4, 12, 17])
def test_a_child_from_four_is_offered_colchicine_with_a_caution(age: int) -> None:
    offered, cautions = _colchicine(age)
    assert offered
    assert any(c.startswith(_CHILD) for c in cautions)


def test_an_adult_gets_no_childs_caution() -> None:
    offered, cautions = _colchicine(30)
    assert offered
    assert not any(c.startswith(_CHILD) for c in cautions)


def test_below_four_colchicine_stays_withheld() -> None:
    offered, _ = _colchicine(3)
    assert not offered
