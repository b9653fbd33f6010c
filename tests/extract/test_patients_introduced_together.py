"""Patients introduced together in one sentence and never told apart: "A mother and her daughter,
aged 44 and 19 years, both ...", "Two sisters, aged 12 and 15 years, ...". Each is a patient with
their own age, the sex their noun gives, and what the paragraph goes on to say about them.

"A mother and her daughter, aged 44 and 19 years" had given no case at all ("aged 44 and 19" was
taken for an age range, a group's), and the second of two sisters had lost the labs that followed.
"""

from __future__ import annotations

from calcidx.public import assess, extract


def test_mother_and_daughter_with_listed_ages_are_two_patients() -> None:
    text = (
        "A mother and her daughter, aged 47 and 21 years, both came with hard whitish papules on the helix. "
        "Both had normal serum calcium, phosphate and parathyroid hormone. A biopsy in each showed calcium "
        "in the dermis with no underlying disease."
    )
    document = extract(text)
    assert [(c.patient.age_years, c.patient.sex) for c in document.cases] == [(47, "female"), (21, "female")]
    # "in each" is about both
    assert all(c.histology for c in document.cases)


def test_relatives_each_with_an_age_after_the_noun() -> None:
    text = (
        "We describe a father and his son with idiopathic scrotal calcinosis. The father, aged 52, and the son, "
        "aged 24, both had painless firm nodules on the scrotum. Calcium and phosphate were normal."
    )
    document = assess(text)
    assert [(c.patient.age_years, c.patient.sex) for c in document.cases] == [(52, "male"), (24, "male")]
    assert all(c.stated is not None and c.stated.subtype == "idiopathic" for c in document.cases)


def test_the_paragraph_after_a_joint_introduction_is_about_both() -> None:
    text = (
        "Two sisters, aged 9 and 13 years, were seen for firm white papules on the ears. Serum calcium and "
        "phosphate were normal."
    )
    document = assess(text)
    assert [(c.patient.age_years, c.patient.sex) for c in document.cases] == [(9, "female"), (13, "female")]
    assert [c.assessment.subtype.code for c in document.cases] == ["idiopathic", "idiopathic"]


def test_an_age_range_is_still_a_group() -> None:
    text = (
        "We reviewed 30 patients aged between 20 and 60 years with systemic sclerosis; 12 had calcinosis. "
        "Calcinosis was commoner with longer disease."
    )
    assert extract(text).cases == []


def test_patients_told_apart_keep_their_own_sentences() -> None:
    text = (
        "We report two cases. A 45-year-old woman had firm nodules on the fingers and systemic sclerosis. "
        "A 60-year-old man on haemodialysis had hard nodules on the shoulder; his phosphate was 2.8 mmol/L."
    )
    document = assess(text)
    assert [c.assessment.subtype.code for c in document.cases] == ["dystrophic", "metastatic"]
