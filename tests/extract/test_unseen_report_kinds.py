"""Kinds of phrasing found in published case reports the reader had never seen (issue 8).

Each kind is written here in the project's own words, several ways, with a negative control where
the same words must not give the fact. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.public import assess, extract
from tests.extract.reading import assertions, first_case


def _labs(case: Case) -> dict[str, tuple[float | None, str | None]]:
    return {lab.analyte: (lab.value, lab.unit) for lab in case.labs}


def _exposures(case: Case) -> dict[str, str]:
    return {e.concept: e.assertion for e in case.exposures}


# ------------------------------------------------ a unit written with a space: "8 pg/ ml (15-65)"
# The reference range after a spaced unit was taken for a citation "(15-65)", and the whole lab
# sentence was dropped as a literature statement; the spaced unit itself was not read.
SPACED_UNITS = [
    (
        "Blood tests showed calcium 2.3 mmol/l, phosphate 2.4 mmol/l (0.8-1.5) and PTH 8 pg/ ml (15-65).",
        {"phosphate": 2.4, "pth": 8.0},
    ),
    (
        "On admission his phosphate was 2.5 mmol /l and the intact PTH 9 pg / mL (15–65).",
        {"phosphate": 2.5, "pth": 9.0},
    ),
    (
        "Her serum calcium was 9.1 mg/ dl (8.5-10.5), phosphorus 8.2 mg/ dl (2.5-4.5) and PTH 7 pg/ml.",
        {"calcium": 9.1, "phosphate": 8.2, "pth": 7.0},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SPACED_UNITS)
def test_a_lab_sentence_with_a_spaced_unit_and_a_range_is_read(sentence: str, expected: dict[str, float]) -> None:
    text = f"A 19-year-old man had hard painless lumps around both hips and the right elbow.\n{sentence}"
    labs = _labs(first_case(text))
    for analyte, value in expected.items():
        assert analyte in labs, (analyte, labs)
        assert labs[analyte][0] == value, labs
        assert labs[analyte][1] is not None, labs  # the unit is read, not assumed


RANGE_AFTER_A_UNIT_WITH_PARTS = [
    (
        "His 24-hour urine calcium was 300 mg/24 h (100-400) and his serum phosphate 2.3 mmol/l.",
        "urine_calcium_24h",
        "normal",
    ),
    ("Her 24-hour urinary calcium was 420 mg/24 h (100–300).", "urine_calcium_24h", "high"),
]


@pytest.mark.parametrize(("sentence", "analyte", "interpretation"), RANGE_AFTER_A_UNIT_WITH_PARTS)
def test_a_range_after_a_unit_of_several_parts_is_a_range(sentence: str, analyte: str, interpretation: str) -> None:
    text = f"A 19-year-old man had hard painless lumps around both hips. {sentence}"
    labs = {lab.analyte: lab for lab in first_case(text).labs}
    assert analyte in labs, labs
    assert labs[analyte].interpretation == interpretation, labs[analyte]


def test_a_bracketed_citation_after_words_is_still_a_literature_sentence() -> None:
    text = (
        "A 19-year-old man had hard painless lumps around both hips.\n"
        "Tumoral deposits in young men often come with high phosphate (12-14).\n"
        "His calcium was normal."
    )
    case = first_case(text)
    assert "phosphate" not in _labs(case), case.labs


# ------------------------------------------------ heel pricks told as a verb or a gerund
HEEL_PRICKS = [
    "As a premature newborn she was pricked in the heels many times to check her bilirubin.",
    "The nodule appeared months after repeated heel pricking in the neonatal unit.",
    "During his weeks in the nursery, blood was taken by heel lance every day.",
]


@pytest.mark.parametrize("sentence", HEEL_PRICKS)
def test_heel_pricks_told_in_other_words_are_the_exposure(sentence: str) -> None:
    text = (
        "A 13-month-old girl was brought in for a white papule on the left heel.\n"
        f"{sentence}\nThe papule was hard, 2 mm across and painless; calcium and phosphate were normal."
    )
    assert _exposures(first_case(text)).get("heel_sticks") == "present"
    assert str(assess(text).cases[0].assessment.subtype.code) in {"iatrogenic", "dystrophic"}


def test_a_denied_heel_prick_is_not_the_exposure() -> None:
    text = (
        "A 12-month-old girl had a pearly white papule on the right heel.\n"
        "She had never been in a neonatal unit and there was no history of heel pricking."
    )
    assert _exposures(first_case(text)).get("heel_sticks") != "present"


# ------------------------------------------------ what the patient is monitored or screened for
MONITORED_FOR = [
    "She is now monitored for signs of systemic sclerosis.",
    "Because of the finger deposits she is being screened for scleroderma every year.",
    "Her rheumatologist continues monitoring for systemic sclerosis.",
]


@pytest.mark.parametrize("sentence", MONITORED_FOR)
def test_a_disease_the_patient_is_monitored_for_is_not_present(sentence: str) -> None:
    text = (
        "A 58-year-old woman with a long history of dry eyes and dry mouth had chalky nodules on two fingertips.\n"
        f"{sentence}"
    )
    assert assertions(first_case(text)).get("systemic_sclerosis") != "present"


def test_a_disease_she_has_is_still_present() -> None:
    text = (
        "A 58-year-old woman with limited systemic sclerosis had chalky nodules on two fingertips.\n"
        "She is monitored for digital ulcers."
    )
    assert assertions(first_case(text)).get("systemic_sclerosis") == "present"


# ------------------------------------------------ the authors' aim names the diagnosis
AIM_STATES = [
    (
        "The aim of this case report is to describe the management of dystrophic calcinosis cutis in an old "
        "burn scar.\nA 62-year-old woman had hard nodules in a scar on the thigh.",
        "dystrophic",
    ),
    (
        "The purpose of this report is to present idiopathic ulcerative calcinosis cutis of the shin.\n"
        "An 80-year-old woman had ulcerated chalky nodules on the shin.",
        "idiopathic",
    ),
    (
        "This case study describes iatrogenic calcinosis cutis after a calcium infusion.\n"
        "A 2-week-old boy had a firm white plaque on the back of the hand.",
        "iatrogenic",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), AIM_STATES)
def test_the_aim_of_the_report_states_the_diagnosis(text: str, subtype: str) -> None:
    stated = first_case(text).stated
    assert stated is not None and stated.subtype == subtype, stated


def test_what_other_reports_describe_is_not_the_stated_diagnosis() -> None:
    text = (
        "Previous reports describe metastatic calcinosis cutis in patients on dialysis.\n"
        "A 62-year-old woman had hard nodules in a scar on the thigh after a burn."
    )
    stated = first_case(text).stated
    assert stated is None or stated.subtype != "metastatic", stated


# ------------------------------------------------ "X-like" resembles X and is not X
LIKE_NOT = [
    (
        "A 70-year-old woman had gout-like attacks of the big toe; the excised calcified mass held rhomboid crystals.",
        "gout",
    ),
    (
        "A 35-year-old woman had a lupus-like rash on the cheeks and hard nodules on both elbows.",
        "systemic_lupus_erythematosus",
    ),
    (
        "A 12-year-old girl had a dermatomyositis-like rash on the eyelids and firm nodules on the knees.",
        "dermatomyositis",
    ),
]


@pytest.mark.parametrize(("text", "condition"), LIKE_NOT)
def test_a_condition_named_only_as_x_like_is_not_present(text: str, condition: str) -> None:
    assert assertions(first_case(text)).get(condition) != "present"


def test_the_condition_itself_is_still_read() -> None:
    case = first_case("A 70-year-old man with long-standing gout had chalky nodules on the fingers.")
    assert assertions(case).get("gout") == "present"


# ------------------------------------------------ a scan's calcification of an inner organ is not the skin's
ORGAN_CALCIFICATION = [
    "A head CT done for a seizure showed calcifications of the falx cerebri.",
    "Brain imaging showed bilateral basal ganglia calcification.",
    "Echocardiography found a calcified aortic valve and mitral annular calcification.",
]


@pytest.mark.parametrize("sentence", ORGAN_CALCIFICATION)
def test_an_inner_organ_calcification_is_not_the_skin_calcification(sentence: str) -> None:
    text = (
        "A 52-year-old man with hyperparathyroidism had a firm red nodule on the right thigh. "
        f"{sentence} His serum calcium was 11.8 mg/dL."
    )
    assert assertions(first_case(text)).get("radiopaque_deposits") != "present"
    a = assess(text).cases[0].assessment
    # the calcium points to metastatic, but nothing has shown calcium in the skin: not confirmed
    assert a.subtype.certainty != "confirmed"


def test_soft_tissue_calcification_beside_an_organ_calcification_is_still_read() -> None:
    text = (
        "A 52-year-old man had a firm nodule on the right thigh. "
        "CT showed calcifications of the falx cerebri and subcutaneous calcifications of the thigh."
    )
    assert assertions(first_case(text)).get("radiopaque_deposits") == "present"


# ------------------------------------------------ two patients told in one breath
AGE_PAIRS = [
    "We describe two cases of calcified nodules of the fingers. The patients were 41 and 63-year-old women.",
    "We describe two cases of calcified nodules of the fingers. The patients were women aged 41 and 63 years.",
    "We describe two women, aged 41 and 63 years, with calcified nodules of the fingers.",
]


@pytest.mark.parametrize("text", AGE_PAIRS)
def test_two_ages_in_one_list_are_two_patients(text: str) -> None:
    cases = extract(text).cases
    assert [c.patient.age_years for c in cases] == [41.0, 63.0], [c.patient for c in cases]
    assert all(c.patient.sex == "female" for c in cases)


def test_a_span_of_years_is_not_two_patients() -> None:
    text = (
        "Calcinosis may appear between 2 and 5 years after the rash. "
        "A 40-year-old woman had hard nodules on both elbows."
    )
    cases = extract(text).cases
    assert [c.patient.age_years for c in cases] == [40.0]


COUNTED_PATIENTS = [
    "Two patients with renal failure had hard nodules on the abdomen after calcium heparin injections.",
    "Three preterm neonates developed firm swellings of the feet after calcium gluconate infusions.",
    "Two sisters with dermatomyositis presented with chalky nodules on the elbows.",
]


@pytest.mark.parametrize("text", COUNTED_PATIENTS)
def test_patients_announced_by_a_number_are_not_lost(text: str) -> None:
    document = extract(text)
    assert document.cases, document.warnings


def test_patients_with_a_condition_in_general_are_still_no_case() -> None:
    document = extract("Patients with renal failure may develop hard nodules after calcium heparin injections.")
    assert not document.cases


# ------------------------------------------------ a paste that holds calcium chloride is not an infusion
PASTE = [
    "A 45-year-old woman had EEG electrodes applied with a calcium chloride paste; weeks later white papules "
    "appeared on the scalp.",
    "After a sleep study with electrodes fixed by a paste containing calcium chloride, a 7-year-old boy "
    "developed white crusted papules on the scalp.",
    "A 9-year-old girl had an EMG; the calcium chloride electrode gel left chalky papules on the forearm.",
]


@pytest.mark.parametrize("text", PASTE)
def test_calcium_chloride_in_an_electrode_paste_is_the_paste_not_an_infusion(text: str) -> None:
    exposures = _exposures(first_case(text))
    assert exposures.get("electrode_paste") == "present", exposures
    assert "iv_calcium" not in exposures, exposures


# ------------------------------------------------ where the infusion leaked, told with the leak's own verb
LEAK_SITES = [
    (
        "A 3-week-old boy had a hard white plaque on the right hand. The calcium gluconate drip had leaked "
        "into the tissues of the right hand.",
        "right hand",
    ),
    (
        "A 70-year-old man in intensive care had white plaques on the left forearm, where calcium chloride "
        "had extravasated into the soft tissue of the left forearm.",
        "left forearm",
    ),
    (
        "A 2-week-old girl had a firm nodule on the left foot at the site where a calcium infusion had extravasated.",
        "left foot",
    ),
]


@pytest.mark.parametrize(("text", "site"), LEAK_SITES)
def test_the_site_of_a_leak_told_with_its_verb_is_the_exposure_site(text: str, site: str) -> None:
    sites = {e.site for e in first_case(text).exposures if e.concept in ("iv_calcium", "calcium_extravasation")}
    assert site in sites, sites
    assert assess(text).cases[0].assessment.subtype.code == "iatrogenic"
