from __future__ import annotations

import pytest

from calcidx.extract.demographics import find_ages
from calcidx.extract.rules import load_rules


@pytest.mark.parametrize(
    ("text", "years", "noun"),
    [
        ("A 7-year-old girl presented", 7.0, "girl"),
        ("This is a case of 55 years old lady", 55.0, "lady"),
        ("a 2-week-old boy", round(14 / 365.25, 4), "boy"),
        ("He was 12 days old", round(12 / 365.25, 4), None),
        ("a 19-month-old toddler", round(19 / 12, 4), "toddler"),
        ("a 9-month-old boy", 0.75, "boy"),
        ("a 1-month-old female infant", round(1 / 12, 4), "female"),
        ("a seven-year-old boy", 7.0, "boy"),
        ("a 54-year old woman", 54.0, "woman"),
        ("a man aged 63 years", 63.0, None),
        ("at 71 years of age", 71.0, None),
        ("a 6-year-and-5-month-old boy", round(6 + 5 / 12, 4), "boy"),
        ("a 6 years and 5 months old girl", round(6 + 5 / 12, 4), "girl"),
        ("A 55 yo F with scleroderma", 55.0, "female"),
        ("a 62 y/o man", 62.0, "man"),
        # a clinical note's compact age and sex, and a form's "Age:" line
        ("45F with limited SSc, nodules on the fingertips", 45.0, "female"),
        ("Pt is a 62M w/ ESRD on HD", 62.0, "male"),
        ("71 M, on dialysis for 9 years", 71.0, "male"),
        ("Age: 8\nSex: male", 8.0, None),
    ],
)
def test_age_forms(text: str, years: float, noun: str | None) -> None:
    ages = find_ages(text, load_rules())
    assert ages, text
    assert ages[0].years == years
    assert ages[0].noun == noun


def test_decade_is_kept_without_number() -> None:
    ages = find_ages("a woman in her forties", load_rules())
    assert ages[0].years is None and ages[0].text == "in her forties"


def test_onset_age_is_marked() -> None:
    ages = find_ages("lesions since the age of 5 years", load_rules())
    assert ages[0].onset


@pytest.mark.parametrize(
    "text",
    [
        "A 14F catheter was placed in the bladder.",
        "14F catheter placed.",
        "She received 5 M saline and 20 F sheath was used.",
        "Lesions measured 3 M in the report of 1999 F.",
    ],
)
def test_a_compact_age_needs_a_notes_opening_and_is_not_a_device_size(text: str) -> None:
    assert [a for a in find_ages(text, load_rules()) if a.years is not None] == []


def test_an_age_at_diagnosis_in_a_form_is_an_onset_age() -> None:
    ages = find_ages("Age: 8\nHistory: JDM dx age 5", load_rules())
    assert [(a.years, a.onset) for a in ages] == [(8.0, False), (5.0, True)]


def test_durations_are_not_ages() -> None:
    assert find_ages("diagnosed 5-6 years back, for 10 years", load_rules()) == []


def test_honorific_is_not_mistaken_for_a_citation() -> None:
    from calcidx import extract

    case = extract("Case report\n\nMr X, aged 48 years, presented with nodules on his elbows.").cases[0]
    assert (case.patient.age_years, case.patient.sex) == (48.0, "male")


@pytest.mark.parametrize(
    ("text", "years", "noun"),
    [
        ("Teaching file\n3 weeks, female\nHistory", round(21 / 365.25, 4), "female"),
        ("Imaging case\n61 years; male\n", 61.0, "male"),
    ],
)
def test_case_database_line_gives_age_and_sex(text: str, years: float, noun: str) -> None:
    ages = find_ages(text, load_rules())
    assert [(a.years, a.noun) for a in ages] == [(years, noun)]


@pytest.mark.parametrize(
    "text",
    [
        "Over 3 years, male relatives were screened.",
        "The nodules grew for 2 months, female carriers were unaffected.",
    ],
)
def test_age_and_sex_inside_prose_is_not_a_database_line(text: str) -> None:
    assert find_ages(text, load_rules()) == []


def test_running_header_glued_to_the_age_is_skipped() -> None:
    ages = find_ages("We saw a 41-year-oldDERMATOLOGY ONLINE woman with plaques.", load_rules())
    assert [(a.years, a.noun, a.intro) for a in ages] == [(41.0, "woman", True)]


def test_lower_case_word_glued_to_old_is_not_an_age() -> None:
    assert find_ages("the 3-year-oldish scar", load_rules()) == []


def test_typographic_hyphens_read_as_hyphens() -> None:
    from calcidx import extract

    case = extract("Case report\n\nWe describe a 9\u2010year\u2010old boy with firm nodules on the knee.").cases[0]
    assert (case.patient.age_years, case.patient.sex) == (9.0, "male")


@pytest.mark.parametrize(
    ("sentence", "sex"),
    [
        ("A 35-year-old had dozens of firm scrotal papules.", "male"),
        ("A 35-year-old had a hard plaque on the left labium of the vulva.", "female"),
        ("A 35-year-old had hard nodules on the lower lip.", None),
        ("A 35-year-old had a hard nodule on the breast.", None),
    ],
)
def test_sex_from_body_parts_only_one_sex_has(sentence: str, sex: str | None) -> None:
    from calcidx import extract

    assert extract(f"Case report\n\n{sentence}").cases[0].patient.sex == sex


def test_a_person_noun_outweighs_body_words() -> None:
    from calcidx import extract

    case = extract("Case report\n\nA 35-year-old woman had nodules; her husband had penile nodules.").cases[0]
    assert case.patient.sex == "female"


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("Her 41-year-old father had similar nodules.", True),
        ("The patient's 70-year-old mother had kidney disease.", True),
        ("Her father, a 41-year-old farmer, had gout.", True),
        ("A 41-year-old farmer had gout.", False),
        ("Mother of two, a 41-year-old woman, had nodules.", False),
    ],
)
def test_an_age_that_belongs_to_a_relative_is_marked(text: str, relative: bool) -> None:
    (age,) = find_ages(text, load_rules())
    assert age.relative is relative
    assert not (relative and age.intro)
