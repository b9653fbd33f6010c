"""A pregnancy told in months ("3 months pregnant", "five months pregnant") is a pregnancy: it was not
read, so a pregnant woman with dermatomyositis was offered options her pregnancy withholds."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


@pytest.mark.parametrize(
    "text",
    [
        "29F, 3 months pregnant, JDM with calcinosis of the elbows.",
        "A 29-year-old woman who is five months pregnant has dermatomyositis and calcinosis nodules.",
        "A 31-year-old woman, 6 months into her pregnancy, has dermatomyositis with calcinosis.",
    ],
)
def test_months_pregnant_is_pregnant(text: str) -> None:
    patient = extract(text, mode="note").cases[0].patient
    assert patient.pregnant is True
    assert patient.gestation_weeks is None  # months are not turned into weeks


def test_pregnancy_in_months_withholds_what_pregnancy_withholds() -> None:
    withheld = {
        t.id
        for t in assess("29F, 3 months pregnant, dermatomyositis with calcinosis of the elbows.")
        .cases[0]
        .assessment.withheld_treatments
    }
    assert {"bisphosphonates", "diltiazem", "eswl"} <= withheld


def test_control_months_after_a_pregnancy_is_not_a_pregnancy() -> None:
    patient = (
        extract(
            "A 34-year-old woman with dermatomyositis had calcinosis nodules 3 months after her pregnancy ended.",
            mode="note",
        )
        .cases[0]
        .patient
    )
    assert patient.pregnant is not True
