"""Kinds of phrasing from a fourth set of published reports the reader had never seen (issue 8).

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the fact. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract
from tests.extract.reading import assertions, first_case

# ----------------------------------------- the age of a group is no one's age ("those 2 years of age")
# A veterinary background line, "it is seen mostly in young dogs, especially those 2 years of age",
# became a human patient aged two beside the report's dog; in a human report such a line can open a
# second patient.
GROUP_AGES = [
    "It is seen mostly in young animals, especially those 2 years of age.",
    "The lesion favours small children, in particular those three years of age or younger.",
    "It is rare in patients over 60 years of age.",
    "Few cases concern children younger than 5 years.",
]


@pytest.mark.parametrize("line", GROUP_AGES)
def test_the_age_of_a_group_does_not_open_a_patient(line: str) -> None:
    text = f"{line} We saw a 34-year-old man with a hard nodule on the right ear. His calcium was normal."
    document = extract(text)
    assert [c.patient.age_years for c in document.cases] == [34], [c.patient for c in document.cases]


@pytest.mark.parametrize("line", GROUP_AGES[:2])
def test_a_group_age_beside_an_animal_leaves_no_human_case(line: str) -> None:
    text = f"A 20-month-old female Border collie dog had a gritty mass on a footpad. {line}"
    assert extract(text).cases == []


def test_two_patients_with_their_ages_are_still_two_patients() -> None:
    document = extract("Two patients aged 41 and 58 years were seen with hard nodules of the fingers.")
    assert sorted(c.patient.age_years for c in document.cases) == [41, 58]


# -------------------------------------- a tumour named once per lesion ("multiple pilomatricomas")
PLURAL_TUMOURS = [
    "A 12-year-old girl had two pilomatricomas on the left forearm.",
    "Several pilomatrixomas were excised from the neck of a 9-year-old boy.",
]


@pytest.mark.parametrize("text", PLURAL_TUMOURS)
def test_a_plural_tumour_name_is_the_tumour(text: str) -> None:
    assert assertions(first_case(text)).get("pilomatricoma") == "present", assertions(first_case(text))


def test_a_singular_tumour_name_still_reads() -> None:
    assert (
        assertions(first_case("A 12-year-old girl had a pilomatricoma on the arm.")).get("pilomatricoma") == "present"
    )


# ------------------------------ what a test was done to look for is not found ("to look for cancer")
# "A CT was done to look for occult malignancy" gave the patient a malignancy (a metastatic cause).
LOOKED_FOR = [
    "A CT of the chest and abdomen was performed to look for an occult malignancy.",
    "He underwent a bone scan in a search for malignancy.",
    "She was evaluated for malignancy, and all tests were normal.",
]


@pytest.mark.parametrize("line", LOOKED_FOR)
def test_a_disease_looked_for_is_not_present(line: str) -> None:
    case = first_case(f"A 70-year-old man had a raised calcium. {line}")
    assert assertions(case).get("malignancy") != "present", assertions(case)


def test_a_malignancy_the_patient_has_still_reads() -> None:
    case = first_case("A 70-year-old man with a malignancy of the lung had a raised calcium.")
    assert assertions(case).get("malignancy") == "present", assertions(case)


# ----------------------------------------- plain words for a necrotic wound ("a black area", "sore")
# "a painful sore on her breast ... a black area with a red rim" on dialysis read as no wound at all,
# and the call went to metastatic calcinosis instead of calciphylaxis.
PLAIN_NECROSIS = [
    "A 66-year-old woman on haemodialysis had a black area with a red rim on her thigh, very tender to touch.",
    "A 66-year-old woman on haemodialysis noticed black discolouration of the skin of her calf, which was painful.",
]


@pytest.mark.parametrize("text", PLAIN_NECROSIS)
def test_a_black_area_of_skin_is_necrosis(text: str) -> None:
    assert assertions(first_case(text)).get("skin_necrosis") == "present", assertions(first_case(text))


def test_a_painful_sore_is_an_ulcer() -> None:
    case = first_case("A 66-year-old man on dialysis complained of a painful sore on the shin.")
    assert assertions(case).get("ulceration") == "present", assertions(case)


def test_no_black_area_is_no_necrosis() -> None:
    case = first_case("A 66-year-old woman on haemodialysis had a tender red plaque on her thigh with no black areas.")
    assert assertions(case).get("skin_necrosis") != "present", assertions(case)


# ------------------------------------------- "two patients ... are presented" (a count, no pronoun)
# "Two chronic haemodialysis patients with tumoral calcinosis of the hand are presented" gave no
# case: the sentence named no single person and no "we".
COUNTED = [
    "Two chronic dialysis patients with calcified masses of the fingers are presented.",
    "Three children with hard nodules after calcium infusions are described.",
]


@pytest.mark.parametrize("text", COUNTED)
def test_a_counted_group_presented_is_a_case_report(text: str) -> None:
    assert extract(text).cases, text


def test_patients_reported_by_others_are_not_this_reports() -> None:
    assert extract("Two patients with a similar picture were reported by Smith and colleagues.").cases == []


# ------------------------- "vitamin D." ends a sentence (a letter-named noun is not an initial)
# "... due to increased levels of 1,25-dihydroxy vitamin D. Clinical case: 71-year-old man ..." was
# one sentence: "D." read as a name's initial, so the background statement joined the patient's and
# gave him its raised calcium and vitamin D.
RUN_IN = [
    "Introduction: Hypercalcaemia in this disease follows increased gut absorption of calcium driven by "
    "increased levels of 1,25-dihydroxy vitamin D. Clinical case: 71-year-old Caucasian man presenting to his "
    "doctor with tiredness was found to have a normal serum calcium.",
    "Background: Hypercalcaemia in this disease follows increased gut absorption of calcium driven by increased "
    "levels of 1,25-dihydroxy vitamin D. Case presentation: 71-year-old man presenting with tiredness had a "
    "normal serum calcium.",
]


@pytest.mark.parametrize("text", RUN_IN)
def test_a_letter_named_noun_ends_the_background_sentence(text: str) -> None:
    case = first_case(text)
    assert case.patient.age_years == 71
    assert {lab.interpretation for lab in case.labs if lab.analyte == "calcium"} == {"normal"}, case.labs


def test_protein_s_at_a_sentence_end_ends_it() -> None:
    case = first_case(
        "Thrombosis in this setting is linked to low levels of protein S. A 58-year-old woman on dialysis had "
        "painful necrotic plaques on the thighs."
    )
    assert case.patient.age_years == 58
    assert assertions(case).get("protein_s_deficiency") != "present", assertions(case)


# ------------------ the lesion as it looked, then the disease it arose in ("... in the setting of X")
# "We report a case of a large necrotic breast lesion in the clinical setting of calciphylaxis" gave
# no stated diagnosis: the words after "in the" were cut off as a place.
SETTING_OF = [
    "We report a case of a painful breast ulcer in the setting of calciphylaxis.",
    "Herein we describe a patient with a black plaque of the abdomen in the clinical context of calciphylaxis.",
]


@pytest.mark.parametrize("text", SETTING_OF)
def test_a_case_in_the_setting_of_calciphylaxis_states_it(text: str) -> None:
    assert first_case(text).stated_subtype == "calciphylaxis"


def test_a_cause_in_the_setting_of_is_not_a_calciphylaxis_statement() -> None:
    case = first_case("We report a case of hard nodules of the fingers in the setting of end-stage renal disease.")
    assert case.stated_subtype != "calciphylaxis"


# --------------------------- an adverb before "diagnosed" ("was ultimately diagnosed with ...")
# "The patient was ultimately diagnosed with HFTC" stated nothing: the rule knew "finally" and
# "eventually" but not "ultimately" or two adverbs in a row.
DIAGNOSED_ADVERB = [
    "A 9-year-old boy had a hard mass on the hip. The patient was ultimately diagnosed with idiopathic "
    "calcinosis cutis.",
    "A 9-year-old boy had a hard mass on the hip. The mass was then histopathologically diagnosed as "
    "idiopathic calcinosis cutis.",
    "A 9-year-old boy had a hard mass on the hip. The boy was definitively diagnosed with idiopathic calcinosis cutis.",
]


@pytest.mark.parametrize("text", DIAGNOSED_ADVERB)
def test_an_adverb_before_diagnosed_keeps_the_statement(text: str) -> None:
    assert first_case(text).stated_subtype == "idiopathic"


def test_an_initial_diagnosis_is_still_not_the_stated_one() -> None:
    case = first_case("A 9-year-old boy had a hard mass on the hip. He was initially diagnosed with a lipoma.")
    assert case.stated_subtype is None
