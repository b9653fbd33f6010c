"""Reports about relatives who are all patients: "two brothers", "twin sisters", "a mother and her
daughter". A sentence that opens on the relative with an age of their own ("His brother, aged 11
years, had ...") is the next patient; a single patient's relative stays family history.

Two brothers with familial tumoral calcinosis had been read as one 15-year-old patient.
"""

from __future__ import annotations

from calcidx.public import extract

BROTHERS = (
    "We describe two brothers with hyperphosphataemic familial tumoral calcinosis. The older, a 16-year-old "
    "boy, had a hard calcified mass over the left hip. His brother, aged 10 years, had calcified masses at "
    "both elbows. Both had serum phosphate above 2 mmol/L with normal calcium."
)


def test_two_brothers_are_two_patients() -> None:
    document = extract(BROTHERS)
    assert [(c.patient.age_years, c.patient.sex) for c in document.cases] == [(16, "male"), (10, "male")]
    # the sentence about both is read for each
    assert all(any(lab.analyte == "phosphate" for lab in c.labs) for c in document.cases)


def test_twins_of_the_same_age_are_two_patients() -> None:
    text = (
        "Calcinosis cutis in twin sisters with juvenile dermatomyositis. The first, an 8-year-old girl, had "
        "hard nodules on the elbows. Her twin sister, aged 8 years, had hard nodules on the knees."
    )
    assert [c.patient.age_years for c in extract(text).cases] == [8, 8]


def test_a_single_patients_relative_stays_family_history() -> None:
    text = (
        "A 40-year-old woman with limited systemic sclerosis had hard nodules on her fingers. She has two "
        "brothers. Her brother, aged 44, has chronic kidney disease."
    )
    document = extract(text)
    assert len(document.cases) == 1
    assert document.cases[0].patient.age_years == 40


def test_a_case_heading_then_the_relative_is_that_case() -> None:
    text = (
        "We describe two siblings. Case 1: a 13-year-old boy with a painless hard mass over the right hip. "
        "Case 2: his 8-year-old sister with a similar mass on the left elbow."
    )
    assert [c.patient.age_years for c in extract(text).cases] == [13, 8]
