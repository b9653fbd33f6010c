"""Kinds of phrasing from a third set of published reports the reader had never seen (issue 8).

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the fact. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract
from tests.extract.reading import first_case

# --------------------------------------- an age bound of a population is not a patient's age
# A background sentence on dosing for "infants under the age of 12 months" became a second patient
# aged one year, ahead of the report's own toddler.
AGE_BOUNDS = [
    "Vitamin D drops are advised for infants under the age of 12 months.",
    "Screening is offered to adults over the age of 50 years.",
    "The syrup is not licensed for children younger than 6 years.",
    "Women aged over 65 years are most at risk of the condition.",
    "Most of these tumours arise in children below the age of ten years.",
]


@pytest.mark.parametrize("bound", AGE_BOUNDS)
def test_an_age_bound_of_a_group_makes_no_patient(bound: str) -> None:
    text = (
        f"Background: Nodules of the heel are seen in small children. {bound} They are easy to miss.\n"
        "Case report and outcome: We describe a 20-month-old boy with hard nodules on both heels and a normal calcium."
    )
    document = extract(text)
    assert len(document.cases) == 1, [c.patient.age_years for c in document.cases]
    assert document.cases[0].patient.age_years == pytest.approx(20 / 12, abs=0.01)


def test_a_patients_own_age_with_over_still_reads() -> None:
    case = first_case("A woman, aged 71 years, was seen for nodules on the fingers over the last two years.")
    assert case.patient.age_years == 71


# ----------------------------------------- an animal is not a patient (veterinary reports)
# "a 1-year-old male mixed-breed dog" gave a human case of a one-year-old boy.
ANIMALS = [
    "We report calcinosis circumscripta in a 2-year-old male mixed-breed dog with a hard mass on the hip. "
    "The dog had been given an injection at that site.",
    "A 9-year-old spayed female Labrador retriever had firm white plaques on the back. "
    "She had received prednisolone for months.",
    "An 11-year-old neutered male cat was seen for gritty nodules of the footpads. Its phosphate was high.",
]


@pytest.mark.parametrize("text", ANIMALS)
def test_an_animal_subject_gives_no_human_case(text: str) -> None:
    document = extract(text)
    assert not document.cases, [c.patient.age_years for c in document.cases]
    assert any("animal" in w for w in document.warnings), document.warnings


def test_a_patient_bitten_by_a_dog_is_still_a_patient() -> None:
    case = first_case("A 45-year-old woman had a dog bite on the hand, and a hard nodule grew in the scar.")
    assert case.patient.age_years == 45
    assert case.patient.sex == "female"


# ------------------------------- what the lesion resembled is not the authors' diagnosis
# A title "... embolism presenting as plaques simulating calciphylaxis" and "we report a case of
# embolism with lesions mimicking calciphylaxis" gave calciphylaxis as the stated diagnosis of a
# patient whose authors had ruled it out.
MIMIC_PHRASES = [
    "Atheroembolic disease with necrotic thigh plaques simulating calciphylaxis\n"
    "A man in his sixties had painful thigh ulcers after a cardiac catheterisation.",
    "Thigh ulcers after angiography. We report a case of cholesterol embolism with buttock ulcers mimicking "
    "calciphylaxis in a 64-year-old man.",
    "Necrotic plaques of the abdomen. We describe a case of warfarin necrosis masquerading as calciphylaxis "
    "in a 58-year-old woman.",
    "Hard nodules of the ear. This is a case of gouty tophi resembling idiopathic calcinosis cutis in a "
    "70-year-old man.",
]


@pytest.mark.parametrize("text", MIMIC_PHRASES)
def test_the_disease_a_mimic_resembled_is_not_the_stated_diagnosis(text: str) -> None:
    case = first_case(text)
    assert case.stated_subtype not in {"calciphylaxis", "idiopathic"}, (case.stated_subtype, case.stated)


def test_a_calciphylaxis_statement_still_reads() -> None:
    case = first_case(
        "Thigh ulcers in a woman on dialysis. We report a case of calciphylaxis mimicking cellulitis in a "
        "64-year-old woman on haemodialysis."
    )
    assert case.stated_subtype == "calciphylaxis"


# --------------------- run-in headings in capitals set off by two spaces (older printed journals)
# "REPORT OF A CASE  A 57-year-old man ..." and "DIAGNOSIS  <answer>" were not read as headings:
# the whole text stayed front matter and the answer of a quiz was lost.
RUN_IN = (
    "Firm Papule of the Shin\n"
    "REPORT OF A CASE  A 63-year-old woman had a firm papule on the left shin for a year. "
    "She recalled no injury. What is your diagnosis?\n"
    "DIAGNOSIS  Pilomatricoma\n"
    "HISTOPATHOLOGIC FINDINGS  Sections showed basaloid cells, shadow cells and foci of calcification.\n"
)


def test_capital_run_in_headings_with_two_spaces_are_headings() -> None:
    case = first_case(RUN_IN)
    assert case.patient.age_years == 63
    concepts = {f.concept for f in case.findings}
    assert "pilomatricoma" in concepts, concepts


def test_a_capitalised_sentence_start_is_not_a_heading() -> None:
    case = first_case("History  of trauma was denied by a 40-year-old man with a hard nodule of the elbow.")
    assert case.patient.age_years == 40


# ------------------------------------------ bone in the skin named as "subcutaneous ossification"
# A child with subcutaneous ossifications (a GNAS disorder) and a high phosphate was called
# metastatic calcinosis: the ossification was not read as bone.
OSSIFICATION = [
    "A 5-year-old boy had subcutaneous ossifications on both thighs since infancy.",
    "A girl of 3 years had developed a subcutaneous ossification of the scalp since the age of two months.",
]


@pytest.mark.parametrize("text", OSSIFICATION)
def test_subcutaneous_ossification_is_bone(text: str) -> None:
    case = first_case(text)
    present = {f.concept for f in case.findings if f.assertion == "present"}
    assert "lamellar_bone_histology" in present, present


def test_the_diagnosis_after_the_resembled_disease_still_reads() -> None:
    case = first_case(
        "Chalky Nodules of the Knees Mimicking Xanthoma – An Unusual Presentation of Tophaceous Gout\n"
        "A 58-year-old man had firm yellow nodules over both knees for two years."
    )
    assert case.stated_subtype == "not_calcinosis", case.stated


# ------------------------- "presented at the age of N": the age at presentation, not at onset
# "A term female neonate presented at age 17 days with a red heel" gave no age: every "at (the)
# age (of)" was read as an age at onset.
PRESENTED_AT = [
    ("A term female neonate presented at age 17 days with a swollen heel.", 17 / 365.25),
    ("The girl was admitted at the age of 3 years with hard nodules on both elbows.", 3.0),
    ("A boy was referred to our clinic at 6 weeks of age for a firm lump on the thigh.", 6 * 7 / 365.25),
]


@pytest.mark.parametrize(("text", "years"), PRESENTED_AT)
def test_an_age_at_presentation_is_the_patients_age(text: str, years: float) -> None:
    case = first_case(text)
    assert case.patient.age_years == pytest.approx(years, abs=0.01), case.patient


def test_an_age_at_onset_is_still_not_the_age_at_presentation() -> None:
    case = first_case("A 30-year-old woman had nodules that began at the age of 12 years.")
    assert case.patient.age_years == 30


# ------------------------------ relatives as the reported patients ("we describe two sisters with")
# "We describe young cousins presenting with hyperphosphataemic familial tumoral calcinosis" gave
# no stated diagnosis: the statement knew patients, children and adults, not relatives.
RELATIVES = [
    "We describe two young cousins presenting with hyperphosphatemic familial tumoral calcinosis.",
    "We report a consanguineous family with two affected siblings with hyperphosphatemic familial tumoral calcinosis.",
    "Here we present twin sisters who developed hyperphosphatemic familial tumoral calcinosis in childhood.",
]


@pytest.mark.parametrize("text", RELATIVES)
def test_relatives_reported_with_a_disease_state_it(text: str) -> None:
    case = first_case(text)
    assert case.stated_subform == "hftc", (case.stated_subtype, case.stated_subform, case.stated)


# ------------------ a long test name holding another test's name ("... per glomerular filtration rate")
# "Tubular maximum phosphate reabsorption per unit glomerular filtration rate was raised" gave a low
# eGFR beside the phosphate threshold: a patient with normal kidneys read as in renal failure.
def test_a_test_name_inside_a_longer_test_name_is_not_a_second_test() -> None:
    case = first_case(
        "A 16-year-old boy had hard masses at both hips. His tubular maximum phosphate reabsorption per unit "
        "glomerular filtration rate was raised and his serum phosphate was high."
    )
    analytes = {lab.analyte for lab in case.labs}
    assert "egfr" not in analytes, [(lab.analyte, lab.interpretation) for lab in case.labs]
    assert "tmp_gfr" in analytes


# ------------------------- a cue that opens the next test of a list is not the previous test's
# "elevated tubular reabsorption of phosphate (TmP/GFR), reduced levels of intact FGF23" gave
# TmP/GFR both high and low: the short form was a second test and took the next test's "reduced".
def test_a_short_form_after_its_test_is_the_same_test_and_keeps_its_cue() -> None:
    case = first_case(
        "A 19-year-old man had calcified masses at the hips. He had elevated serum phosphate, elevated "
        "tubular maximum phosphate reabsorption (TmP/GFR), reduced levels of intact FGF23 and increased "
        "C-terminal FGF23."
    )
    tmp = {lab.interpretation for lab in case.labs if lab.analyte == "tmp_gfr"}
    assert tmp == {"high"}, [(lab.analyte, lab.interpretation) for lab in case.labs]


def test_a_cue_after_a_test_still_reads_when_no_test_follows_it() -> None:
    case = first_case("A 19-year-old man had calcified masses at the hips. His serum phosphate was elevated.")
    assert {lab.interpretation for lab in case.labs if lab.analyte == "phosphate"} == {"high"}


# -------------- a sentence that pools this case with published ones speaks of the group
# "Analysis of this case and the 13 previously reported cases identified ...: low albumin,
# warfarin, chemotherapy, cirrhosis ..." gave this patient warfarin, chemotherapy and cirrhosis.
POOLED = [
    "Taken together, our patient and the 20 previously published patients shared these features: warfarin use, "
    "liver cirrhosis and chemotherapy.",
    "Review of this case and 9 other reported cases showed warfarin use, liver cirrhosis and chemotherapy.",
]


@pytest.mark.parametrize("pooled", POOLED)
def test_features_pooled_with_published_cases_are_not_the_patients(pooled: str) -> None:
    case = first_case(f"A 61-year-old woman with ovarian cancer had painful necrotic plaques on both thighs. {pooled}")
    concepts = {f.concept for f in case.findings} | {e.concept for e in case.exposures}
    assert not concepts & {"warfarin", "cirrhosis", "chemotherapy"}, concepts


def test_the_patients_own_warfarin_still_reads() -> None:
    case = first_case("A 61-year-old woman on warfarin had painful necrotic plaques on both thighs.")
    assert "warfarin" in {e.concept for e in case.exposures} | {m.concept for m in case.medications}


# ------------------------------- "one girl ... the other girl": two patients told apart
TWO_TOLD_APART = [
    "We describe two girls with bone in the skin. One girl had plaques limited to the left arm. "
    "The other girl had widespread small nodules.",
    "Two boys were seen with hard skin nodules. One boy was 4 years old. The other boy was 9 years old.",
]


@pytest.mark.parametrize("text", TWO_TOLD_APART)
def test_one_and_the_other_are_two_patients(text: str) -> None:
    assert len(extract(text).cases) == 2, [c.patient for c in extract(text).cases]
