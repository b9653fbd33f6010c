"""A quiz's question above the case is its title; below the case it opens the answer and discussion.

Written in the project's own words. "What is your diagnosis? A 7-month-old infant was referred for a
firm white plaque on the hand ..." put the case in the discussion (the question was taken for the
header that ends a quiz's case), so the patient was read only through the short-note fallback, with
a warning that no sentence introduces the patient.
"""

from __future__ import annotations

import pytest

from calcidx.extract.pipeline import extract


@pytest.mark.parametrize(
    "text",
    [
        "What is your diagnosis? A 7-month-old infant was referred for a firm white plaque on the dorsum of the "
        "left hand, two weeks after a long stay in neonatal intensive care.",
        "Dermatology quiz\nWhat is your diagnosis?\nA 7-month-old boy was referred for a firm white plaque on the "
        "left hand.\nDiagnosis: iatrogenic calcinosis cutis.",
    ],
)
def test_question_above_the_case_keeps_the_patient(text: str) -> None:
    document = extract(text)
    assert len(document.cases) == 1
    assert document.warnings == []
    assert document.cases[0].patient.age_years == pytest.approx(7 / 12, abs=0.01)


def test_control_question_after_the_case_opens_the_discussion() -> None:
    text = (
        "A 7-month-old boy was referred for a firm white plaque on the left hand that had appeared after a long stay "
        "in neonatal intensive care.\nWhat is your diagnosis?\nCalcinosis cutis in systemic sclerosis is "
        "dystrophic and favours the fingertips."
    )
    case = extract(text).cases[0]
    assert "systemic_sclerosis" not in {f.concept for f in case.findings}
