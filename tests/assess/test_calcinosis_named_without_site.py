"""The patient has calcinosis, named without a site ("was referred with calcinosis cutis", "had
calcinosis", "with limited SSc and calcinosis"): the source states the skin finding, so the pathway
decides the subtype from the rest. A denial ("has never had calcinosis") states nothing.

A girl with juvenile dermatomyositis "referred with calcinosis cutis" had been undetermined, as if no
lesion were recorded.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "An 11-year-old boy with juvenile dermatomyositis was referred with calcinosis cutis. Calcium and "
        "phosphate were normal.",
        "A 58-year-old woman with systemic sclerosis had calcinosis. Her calcium and phosphate were normal.",
        "50F with limited SSc and calcinosis. Ca and PO4 normal.",
        "Three years after her dermatomyositis was diagnosed, a 40-year-old woman developed calcinosis cutis. "
        "Calcium and phosphate were within normal limits.",
    ],
)
def test_named_calcinosis_with_a_connective_tissue_disease_is_dystrophic(text: str) -> None:
    case = assess(text).cases[0]
    assert case.assessment.subtype.code == "dystrophic"
    assert case.diagnosis_as_written is not None and "calcinosis" in case.diagnosis_as_written


def test_a_denied_calcinosis_states_nothing() -> None:
    text = (
        "A 58-year-old woman with systemic sclerosis has never had calcinosis. She has digital ulcers. Calcium "
        "and phosphate were normal."
    )
    case = assess(text).cases[0]
    assert case.diagnosis_as_written is None
    assert case.assessment.subtype.code == "undetermined"
