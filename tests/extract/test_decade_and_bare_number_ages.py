"""Ages told as a decade in digits or by its ordinal, and as "a woman of 45" with no unit.

Written in the project's own words. "A man in his early 40s", "a woman in her 7th decade", "in the
sixth decade of life" and "a girl of 10" gave no age at all: the decade reader knew only the words
("forties"), and "of" with a number wanted a unit ("a woman of 47 years"). Without an age a child
gets the adult options: diltiazem was offered to "a girl of 10".
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


@pytest.mark.parametrize(
    ("opening", "low", "high"),
    [
        ("A man in his early 40s", 40, 50),
        ("A woman in her 7th decade", 60, 70),
        ("A woman in the sixth decade of life", 50, 60),
        ("A woman in her 60's", 60, 70),
    ],
)
def test_a_decade_bounds_the_age(opening: str, low: float, high: float) -> None:
    patient = extract(opening + " presented with hard nodules on both elbows.").cases[0].patient
    assert patient.age_range is not None
    assert (patient.age_range.low, patient.age_range.high) == (low, high)


@pytest.mark.parametrize(
    ("opening", "years"),
    [("A woman of 45 presented", 45), ("A man of sixty on dialysis had", 60), ("A boy of 12 with lupus noticed", 12)],
)
def test_of_and_a_number_is_the_age(opening: str, years: float) -> None:
    assert extract(opening + " hard nodules on both elbows.").cases[0].patient.age_years == years


def test_a_girl_of_ten_gets_no_diltiazem() -> None:
    text = (
        "A girl of 10 with juvenile dermatomyositis has calcinosis of the elbows on X-ray. "
        "Calcium and phosphate normal."
    )
    assessment = assess(text).cases[0].assessment
    assert "diltiazem" not in {t.id for t in assessment.treatments}
    assert "diltiazem" in {t.id for t in assessment.withheld_treatments}


@pytest.mark.parametrize(
    "text",
    [
        "A mother of two with lupus presented with hard nodules on both elbows.",
        "Calcinosis is most common in the sixth decade. A man of 80 kg presented with nodules on the elbows.",
    ],
)
def test_control_no_age_where_none_is_told(text: str) -> None:
    for case in extract(text).cases:
        assert case.patient.age_years is None
        assert case.patient.age_range is None
