"""Kinds of phrasing from a fifth set of published reports the reader had never seen (issue 8).

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the fact. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract
from tests.extract.reading import assertions, first_case

# ------------------------------- a lesion of an internal organ is no skin lesion ("pulmonary nodules")
# "CT of the chest showed small pulmonary nodules" gave the patient nodules on the chest: a skin
# lesion for a text about hypercalcaemia alone, which then passed for calcinosis cutis.
INTERNAL_LESIONS = [
    "A CT scan of the chest revealed a few small pulmonary nodules and hilar lymph nodes.",
    "Chest imaging showed two lung nodules in the right upper lobe.",
    "A skeletal survey of the arm found lytic lesions in the humerus.",
    "Ultrasound of the neck showed a thyroid nodule on the left.",
]


@pytest.mark.parametrize("line", INTERNAL_LESIONS)
def test_a_lesion_of_an_internal_organ_is_no_skin_lesion(line: str) -> None:
    case = first_case(f"A 66-year-old woman had a raised calcium. {line}")
    assert case.lesions == [], case.lesions


def test_nodules_on_the_chest_wall_are_still_a_skin_lesion() -> None:
    case = first_case("A 66-year-old woman had hard nodules on the chest wall and small pulmonary nodules on CT.")
    assert [lesion.site for lesion in case.lesions] == ["chest wall"], case.lesions


# ----------------------------- a disease a study suggests is no finding of the skin ("suggestive of X")
# "CT of the chest showed hilar nodes suggestive of sarcoidosis" made the CT record carry sarcoidosis,
# and a study that reports something counted as a study of the skin.
STUDIES_OF_OTHER_ORGANS = [
    "A CT of the chest showed enlarged hilar lymph nodes suggestive of sarcoidosis.",
    "Chest radiography was consistent with sarcoidosis.",
]


@pytest.mark.parametrize("line", STUDIES_OF_OTHER_ORGANS)
def test_a_study_that_suggests_a_disease_shows_nothing_of_the_skin(line: str) -> None:
    case = first_case(f"A 66-year-old woman had a calcium of 14.1 mg/dL and a low PTH. {line}")
    assert case.imaging and all(obs.concepts == [] for obs in case.imaging), case.imaging
    assert assertions(case).get("sarcoidosis") == "present"


def test_hypercalcaemia_with_a_chest_study_alone_is_no_calcinosis_subtype() -> None:
    text = (
        "A 66-year-old woman had a calcium of 14.1 mg/dL, a low PTH and acute kidney injury. "
        "A CT of the chest showed small pulmonary nodules and hilar lymph nodes suggestive of sarcoidosis."
    )
    report = assess(text)
    assert report.cases[0].assessment.subtype.code in ("undetermined", "not_calcinosis"), report.cases[0].assessment


def test_a_radiograph_showing_calcified_nodules_is_still_a_study_of_the_skin() -> None:
    case = first_case("A 66-year-old woman had hard lumps. An X-ray showed soft tissue calcification of the fingers.")
    assert any(obs.concepts for obs in case.imaging), case.imaging


# -------------------------------- a test named after what it looks for ("myeloma screen was normal")
# "Myeloma screen, vasculitis screen and ACE were normal" gave the patient myeloma and vasculitis.
SCREENS = [
    "A myeloma screen, a vasculitis screen and the serum ACE were all normal.",
    "The myeloma screen was negative.",
    "A vasculitis work-up was sent and came back unremarkable.",
]


@pytest.mark.parametrize("line", SCREENS)
def test_a_screen_named_after_a_disease_does_not_give_it(line: str) -> None:
    concepts = assertions(first_case(f"A 72-year-old woman had confusion and a high calcium. {line}"))
    assert concepts.get("multiple_myeloma") != "present" and concepts.get("vasculitis") != "present", concepts


def test_a_myeloma_the_patient_has_still_reads() -> None:
    concepts = assertions(first_case("A 72-year-old woman with multiple myeloma had a high calcium."))
    assert concepts.get("multiple_myeloma") == "present", concepts


# ------------------------------------------- a digit glued to a name is no value ("vitamin D3", "D3")
# "calcium carbonate with vitamin D3 (a D3 tablet)" gave a 25-OH vitamin D of 3 (low).
GLUED = [
    "A 72-year-old woman took calcium carbonate with vitamin D3 (Calcichew D3) every day.",
    "A 72-year-old woman was on vitamin D3 supplements for years.",
]


@pytest.mark.parametrize("text", GLUED)
def test_a_digit_in_a_name_is_no_lab_value(text: str) -> None:
    assert [lab.value for lab in first_case(text).labs if lab.value is not None] == [], first_case(text).labs


def test_a_vitamin_d_value_after_the_name_still_reads() -> None:
    case = first_case("A 72-year-old woman had a 25-hydroxy vitamin D of 12 ng/mL.")
    assert [(lab.analyte, lab.value) for lab in case.labs] == [("vitamin_d_25oh", 12.0)], case.labs


# -------------------------------- a locant joined by a hyphen ("1,25-vitamin D" is not 25-OH vitamin D)
LOCANTS = [
    "A 70-year-old woman had hypercalcaemia; 1,25-Vitamin D was 166 pg/mL.",
    "A 70-year-old woman had hypercalcaemia and a 1,25-vitamin D of 166 pg/mL.",
]


@pytest.mark.parametrize("text", LOCANTS)
def test_a_hyphenated_locant_names_the_same_test(text: str) -> None:
    assert [lab.analyte for lab in first_case(text).labs if lab.value is not None] == ["vitamin_d_125oh"]


# ------------------------------------------------ an age given as a bound is a group's ("or younger")
# A systematic review's "89% of patients were 21 years of age or younger" became a patient aged 21.
BOUNDS = [
    "Most of the reported patients (80%) were 21 years of age or younger.",
    "Nine in ten cases concerned people aged 65 and over.",
    "Three quarters of the patients were 18 years or younger at onset.",
]


@pytest.mark.parametrize("line", BOUNDS)
def test_an_age_bound_opens_no_patient(line: str) -> None:
    assert extract(f"We reviewed 40 published cases of this nodule. {line}").cases == []


def test_an_age_bound_beside_a_patient_is_not_the_patients_age() -> None:
    document = extract(f"{BOUNDS[0]} We saw a 34-year-old man with a hard nodule on the eyelid.")
    assert [c.patient.age_years for c in document.cases] == [34]


# ------------------------ what lies around the negated thing is not negated ("no lining around the X")
AROUND = [
    "A 41-year-old man had scrotal nodules. Histology found no epithelial lining around the calcified nodules.",
    "A 41-year-old man had scrotal nodules. There was no inflammation surrounding the calcified nodules.",
]


@pytest.mark.parametrize("text", AROUND)
def test_the_thing_around_a_negated_one_is_present(text: str) -> None:
    # "calcified nodules" is the vocabulary's firm white or yellow papules and nodules
    assert assertions(first_case(text)).get("firm_white_yellow_papules") == "present", assertions(first_case(text))


def test_a_negated_thing_before_around_stays_negated() -> None:
    case = first_case("A 41-year-old man had no calcified nodules around the ulcer.")
    assert assertions(case).get("firm_white_yellow_papules") == "absent", assertions(case)


# -------------------------------- what was looked for and not found, named first ("were not observed")
# "Epidermal cyst remnants were not observed within the lesions" gave the patient a calcified cyst
# (a dystrophic cause) in a report of idiopathic scrotal calcinosis.
NOT_FOUND = [
    "A 46-year-old man had hard scrotal nodules. Epidermal cyst remnants were not observed in the specimen.",
    "A 46-year-old man had hard scrotal nodules. An epidermoid cyst wall was not seen on any section.",
    "A 46-year-old man had hard scrotal nodules. Remnants of an epidermal cyst were not identified.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_a_finding_not_observed_is_absent(text: str) -> None:
    assert assertions(first_case(text)).get("epidermoid_cyst") == "absent", assertions(first_case(text))


def test_a_finding_observed_is_still_present() -> None:
    case = first_case(
        "A 46-year-old man had hard scrotal nodules. Epidermal cyst remnants were observed in the specimen."
    )
    assert assertions(case).get("epidermoid_cyst") == "present", assertions(case)


# ------------------------------------------------------ a plural lesion noun ("scrotal tumours")
PLURAL_LESIONS = [
    "A 41-year-old man had a ten-year history of scrotal tumours growing in number.",
    "A 41-year-old man had slowly growing tumors of the scrotum.",
]


@pytest.mark.parametrize("text", PLURAL_LESIONS)
def test_a_plural_lesion_noun_names_a_lesion(text: str) -> None:
    assert [lesion.site.lower() for lesion in first_case(text).lesions] in (["scrotal"], ["scrotum"]), first_case(
        text
    ).lesions


# ------------------------------------ a coumarin by its older names ("dicumarolic agents", "dicoumarol")
# "anticoagulant (with dicumarolic agents) therapy was started" after a valve graft gave no vitamin K
# antagonist, a major calciphylaxis risk factor, to a patient on peritoneal dialysis with penile necrosis.
COUMARINS = [
    "A 50-year-old man on peritoneal dialysis had a mitral valve graft; anticoagulant (with dicumarolic agents) "
    "therapy was started.",
    "A 50-year-old man on peritoneal dialysis had taken dicoumarol since his valve surgery.",
    "A 50-year-old man on peritoneal dialysis was on coumarin derivatives for a mechanical valve.",
]


@pytest.mark.parametrize("text", COUMARINS)
def test_an_older_coumarin_name_is_a_vitamin_k_antagonist(text: str) -> None:
    exposures = {e.concept: e.assertion for e in first_case(text).exposures}
    assert exposures.get("warfarin") == "present", exposures


def test_no_anticoagulant_is_still_no_vitamin_k_antagonist() -> None:
    case = first_case("A 50-year-old man on peritoneal dialysis took no anticoagulant and no dicoumarol.")
    assert {e.concept: e.assertion for e in case.exposures}.get("warfarin") != "present"
