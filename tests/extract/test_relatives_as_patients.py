"""Reports of relatives: two brothers, twin sisters, a girl and her sister, each a patient.

Written in the project's own words. A title or an opening sentence about the whole group ("in two
brothers with Werner syndrome") is each patient's; a later case that opens on a relative ("Case 2.
Her 9-year-old sister ...") is that relative, even after a sentence shared by the group; birth order
("the younger brother, aged 25") moves to the next patient once the first has an age; a group of one
sex ("two brothers") gives each patient that sex. Each kind has a control that keeps the old answer.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.public import extract


def _cases(text: str) -> list[Case]:
    return extract(text).cases


def _present(case: Case) -> set[str]:
    return {f.concept for f in case.findings if f.assertion == "present"}


# ------------------------------------------------ a later case opening on a relative, after a shared sentence
SHARED_THEN_RELATIVE = [
    "Two sisters with juvenile dermatomyositis developed calcinosis cutis. Case 1. A 12-year-old girl had "
    "hard nodules on her elbows. Case 2. Her 9-year-old sister had firm white papules on the knees.",
    "We describe two sisters with juvenile dermatomyositis. Case 1: A girl aged 12 had hard nodules on both "
    "elbows.\n\nCase 2: Her sister, aged 9, had firm white papules on the knees.",
    "Twin sisters with juvenile dermatomyositis are reported.\nCase 1\nA 12-year-old girl had hard nodules "
    "over the elbows.\nCase 2\nHer twin sister, 12 years old as well, had firm white papules on the knees.",
]


@pytest.mark.parametrize("text", SHARED_THEN_RELATIVE)
def test_a_later_case_opening_on_a_relative_is_that_relative(text: str) -> None:
    cases = _cases(text)
    assert len(cases) == 2
    second = cases[1]
    assert second.patient.age_years in (9.0, 12.0)
    assert second.patient.sex == "female"
    assert "firm_white_yellow_papules" in _present(second)
    assert "juvenile_dermatomyositis" in _present(second)


def test_control_a_relative_in_a_one_patient_report_stays_family() -> None:
    cases = _cases(
        "A 12-year-old girl with juvenile dermatomyositis had hard nodules on her elbows. Her mother has "
        "systemic lupus erythematosus."
    )
    assert len(cases) == 1
    assert "systemic_lupus_erythematosus" not in _present(cases[0])


# ------------------------------------------------------------------- a title naming the group and what it shares
GROUP_TITLES = [
    "Calcinosis cutis in two brothers with Werner syndrome\n\nCase 1\nA 40-year-old man had hard nodules on his "
    "heels.\n\nCase 2\nHis 37-year-old brother had painful calcified ulcers over the ankles.",
    "Painful calcified ulcers of the legs in two siblings with Werner syndrome\n\nCase 1. A man aged 40 had hard "
    "nodules on his heels.\n\nCase 2. A woman aged 37 had painful calcified ulcers over the ankles.",
]


@pytest.mark.parametrize("text", GROUP_TITLES)
def test_a_title_about_the_whole_group_is_each_patients(text: str) -> None:
    cases = _cases(text)
    assert len(cases) == 2
    assert all("werner_syndrome" in _present(case) for case in cases)


def test_control_a_title_without_what_they_share_leaves_the_condition_with_its_patient() -> None:
    cases = _cases(
        "Calcinosis cutis in two brothers\n\nCase 1\nA 40-year-old man with Werner syndrome had hard nodules on "
        "his heels.\n\nCase 2\nHis 37-year-old brother had painful calcified ulcers over the ankles."
    )
    assert len(cases) == 2
    assert "werner_syndrome" in _present(cases[0])
    assert "werner_syndrome" not in _present(cases[1])


def test_control_a_title_counting_other_patients_is_not_shared() -> None:
    cases = _cases(
        "Calcinosis cutis in three patients with Werner syndrome\n\nCase 1\nA 40-year-old man had hard nodules "
        "on his heels.\n\nCase 2\nA 37-year-old woman had painful calcified ulcers over the ankles."
    )
    assert len(cases) == 2
    assert not any("werner_syndrome" in _present(case) for case in cases)


# --------------------------------------------------------------------------------------- birth order
BIRTH_ORDER = [
    "We report two brothers with pseudoxanthoma elasticum. The older brother, aged 30, had calcified papules on "
    "the neck. The younger brother, aged 25, had similar papules in the axillae.",
    "Two brothers with pseudoxanthoma elasticum are described. The elder, aged 30, had calcified papules on the "
    "neck. The younger, aged 25, had yellow papules in the axillae.",
    "We present two sisters with pseudoxanthoma elasticum. The eldest sister was 30 years old and had calcified "
    "papules on the neck. The younger sister, 25 years old, had yellow papules in the axillae.",
]


@pytest.mark.parametrize("text", BIRTH_ORDER)
def test_birth_order_moves_to_the_next_relative(text: str) -> None:
    cases = _cases(text)
    assert [c.patient.age_years for c in cases] == [30.0, 25.0]
    sexes = {c.patient.sex for c in cases}
    assert sexes == ({"female"} if "sisters" in text else {"male"})


def test_control_birth_order_in_a_one_patient_report_is_a_relative() -> None:
    cases = _cases(
        "A 12-year-old girl with juvenile dermatomyositis had hard nodules on her elbows. The younger brother, "
        "aged 8, is healthy."
    )
    assert len(cases) == 1
    assert cases[0].patient.age_years == 12.0


# ------------------------------------------------------------------------------- sex of a one-sex group
def test_each_patient_of_a_one_sex_group_takes_its_sex() -> None:
    cases = _cases(
        "Two sisters with juvenile dermatomyositis developed calcinosis cutis. Case 1. A 12-year-old presented "
        "with hard nodules on her elbows. Case 2. The 9-year-old had firm white papules on the knees."
    )
    assert [c.patient.sex for c in cases] == ["female", "female"]


def test_control_a_mixed_group_gives_no_sex() -> None:
    cases = _cases(
        "We report a woman and her brother with calcinosis cutis. Case 1. A 40-year-old had hard nodules on the "
        "heels. Case 2. A 37-year-old had hard nodules on the ankles."
    )
    assert len(cases) == 2
    assert cases[1].patient.sex is None


ROLES = [
    "Familial tumoral calcinosis in a mother and her daughter. The mother, aged 44, had hard masses over both "
    "hips. The daughter, aged 19, had similar masses at the elbows.",
    "We describe a father and his son with hard subcutaneous masses. The father was 50 years old and had masses "
    "over the hips. The son, aged 21, had masses at both elbows.",
]


@pytest.mark.parametrize("text", ROLES)
def test_a_parent_and_child_are_two_patients(text: str) -> None:
    cases = _cases(text)
    assert len(cases) == 2
    assert cases[0].patient.age_years in (44.0, 50.0)
    assert cases[1].patient.age_years in (19.0, 21.0)


def test_control_a_parent_named_in_a_one_patient_report_is_not_a_patient() -> None:
    cases = _cases(
        "A 12-year-old girl with juvenile dermatomyositis had hard nodules on her elbows. The mother, aged 40, "
        "is healthy."
    )
    assert len(cases) == 1
    assert cases[0].patient.age_years == 12.0


# ------------------------------------------------------------- a later patient's lesions told as "similar"
SIMILAR = [
    "We report two brothers with pseudoxanthoma elasticum. The older brother, aged 30, had firm yellow papules on "
    "the neck. The younger brother, aged 25, had similar papules in the axillae.",
    "Case 1. A 12-year-old girl with juvenile dermatomyositis had hard nodules on her elbows.\n\nCase 2. A "
    "9-year-old girl with juvenile dermatomyositis presented with identical lesions over the knees.",
    "Two patients on haemodialysis are described. Case 1: A 60-year-old man had calcified nodules on the fingers. "
    "Case 2: A 55-year-old woman had the same nodules on her toes.",
]


@pytest.mark.parametrize("text", SIMILAR)
def test_lesions_told_as_similar_carry_the_previous_patients_features(text: str) -> None:
    cases = _cases(text)
    assert len(cases) == 2
    carried = [f for f in cases[1].findings if f.concept == "firm_white_yellow_papules"]
    assert carried and carried[0].assertion == "present"
    evidence = carried[0].evidence[0]
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.start > text.index("Case 2" if "Case 2" in text else "younger")


def test_control_no_similar_lesions_carries_nothing() -> None:
    cases = _cases(
        "Two sisters with juvenile dermatomyositis. Case 1. A 12-year-old girl had hard nodules on her elbows. "
        "Case 2. Her 9-year-old sister had no similar lesions but had a heliotrope rash."
    )
    assert len(cases) == 2
    assert "firm_white_yellow_papules" not in _present(cases[1])


def test_control_similar_cases_in_the_literature_carry_nothing() -> None:
    cases = _cases(
        "Case 1. A 12-year-old girl with juvenile dermatomyositis had hard nodules on her elbows.\n\nCase 2. A "
        "9-year-old girl with juvenile dermatomyositis had a heliotrope rash. Similar cases have been reported."
    )
    assert len(cases) == 2
    assert "firm_white_yellow_papules" not in _present(cases[1])


# ----------------------------------------------------------------------- twins and siblings by letter or number
TWINS = [
    "Calcinosis cutis in preterm twins after calcium gluconate infusion.\nTwin A, a boy born at 30 weeks, "
    "received intravenous calcium gluconate in the right foot and developed a hard white plaque there.\nTwin B, "
    "a girl, received calcium gluconate in the left hand and developed a firm nodule at that site.",
    "Two siblings with calcified nodules.\nSibling 1 was a 9-year-old boy with hard nodules on the elbows.\n"
    "Sibling 2 was a 6-year-old girl with firm white papules on the knees.",
]


@pytest.mark.parametrize("text", TWINS)
def test_twins_and_siblings_by_letter_or_number_are_two_patients(text: str) -> None:
    cases = _cases(text)
    assert len(cases) == 2
    assert [c.patient.sex for c in cases] == ["male", "female"]


def test_control_a_twin_pregnancy_is_not_a_patient_label() -> None:
    cases = _cases(
        "Twin pregnancy. A 3-day-old girl received calcium gluconate and developed a hard plaque on the foot."
    )
    assert len(cases) == 1


# ------------------------------------------------------------- what a group title says all the patients had
GROUP_EXPOSURES = [
    "Calcinosis cutis in preterm twins after calcium gluconate infusion.\nTwin A, a boy, received intravenous "
    "calcium gluconate through a line in the right foot and developed a hard white plaque there.\nTwin B, a girl, "
    "received the infusion in the left hand and developed a firm nodule at that site.",
    "Extravasation injuries in two neonates receiving calcium gluconate\n\nCase 1. A boy born at 31 weeks had the "
    "infusion through the right foot; a hard plaque formed there.\n\nCase 2. A girl born at 29 weeks received the "
    "infusion in the left hand, where a firm nodule formed.",
]


@pytest.mark.parametrize("text", GROUP_EXPOSURES)
def test_an_exposure_in_a_group_title_is_each_patients(text: str) -> None:
    cases = _cases(text)
    assert len(cases) == 2
    second = [e for e in cases[1].exposures if e.concept == "iv_calcium"]
    assert second and second[0].site == "left hand"


def test_control_an_exposure_named_for_one_patient_stays_with_that_patient() -> None:
    cases = _cases(
        "Calcinosis cutis in preterm twins\nTwin A, a boy, received intravenous calcium gluconate through a line in "
        "the right foot and developed a hard white plaque there.\nTwin B, a girl, developed a firm nodule on the "
        "left hand."
    )
    assert len(cases) == 2
    assert not cases[1].exposures


def test_a_similar_mass_carries_the_siblings_periarticular_masses() -> None:
    """Written in the project's own words: "a similar mass" (singular) carried nothing, so the sister
    of a boy with tumoral calcinosis had no lesion feature and no sub-form."""
    cases = _cases(
        "Two siblings with calcinosis cutis.\n\nCase 1\nA 12-year-old boy presented with multiple hard periarticular "
        "masses over the hips and elbows. Phosphate was 7.8 mg/dL.\n\nCase 2\nHis 9-year-old sister had a similar "
        "mass on the right shoulder. Her phosphate was 7.2 mg/dL."
    )
    assert len(cases) == 2
    assert "periarticular_masses" in _present(cases[1])
