"""A note or letter that names the patient by title ("Ms. Lee, 67, ...", "Ms Patel (age 34) ...").

Written in the project's own words. The title with the age beside it gives the age and the sex, as
"Mrs"/"Mr" already did; "ms" elsewhere (a unit, multiple sclerosis) gives no sex.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract

TITLED = [
    ("Ms. Lee, 67, on hemodialysis for 8 years, presents with painful violaceous plaques on both thighs.", 67.0),
    ("Ms Patel (age 34) has firm papules on the fingers and limited systemic sclerosis.", 34.0),
    ("Referral: Ms Okoro, 52, with dermatomyositis and hard nodules on the elbows.", 52.0),
]


@pytest.mark.parametrize(("text", "age"), TITLED)
def test_a_title_with_the_age_gives_age_and_sex(text: str, age: float) -> None:
    patient = extract(text).cases[0].patient
    assert patient.age_years == age
    assert patient.sex == "female"


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man with MS has hard nodules on the elbows.",
        "A 60-year-old patient. QTc 480 ms. Hard nodules on the elbows.",
    ],
)
def test_control_ms_that_is_no_title_gives_no_female_sex(text: str) -> None:
    assert extract(text).cases[0].patient.sex != "female"
