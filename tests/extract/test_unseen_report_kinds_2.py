"""More kinds of phrasing from published reports the reader had never seen (issue 8, second set).

Each kind is written in the project's own words, several ways, with a control where the same words
must not give the fact. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.public import extract
from tests.extract.reading import assertions, first_case


def _labs(case: Case) -> dict[str, tuple[float | None, str | None]]:
    return {lab.analyte: (lab.value, lab.unit) for lab in case.labs}


# ------------------------------------- tests listed first, their values after in the same order
# "Serum calcium and phosphate levels were 8.5 and 3.5 mg/dL" gave the first value to the last
# test (phosphate 8.5, high) and lost calcium: a normal patient read as hyperphosphataemic.
PAIRED_LISTS = [
    ("Her calcium and phosphate levels were 9.0 and 3.1 mg/dL.", {"calcium": 9.0, "phosphate": 3.1}),
    ("Serum calcium and phosphorus were 2.2 and 1.1 mmol/L respectively.", {"calcium": 2.2, "phosphate": 1.1}),
    (
        "Calcium, phosphate and PTH were 2.4 mmol/L, 2.6 mmol/L and 510 pg/mL.",
        {"calcium": 2.4, "phosphate": 2.6, "pth": 510.0},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), PAIRED_LISTS)
def test_values_after_a_list_of_tests_go_to_the_tests_in_order(sentence: str, expected: dict[str, float]) -> None:
    labs = _labs(first_case(f"A 61-year-old man had a painful ulcer on the shin. {sentence}"))
    for analyte, value in expected.items():
        assert analyte in labs, (analyte, labs)
        assert labs[analyte][0] == value, labs
        assert labs[analyte][1] is not None, labs


def test_a_list_with_fewer_values_than_tests_is_not_paired() -> None:
    labs = _labs(first_case("A 61-year-old man had a painful ulcer. Calcium and phosphate were normal, PTH 700 pg/mL."))
    assert labs.get("calcium", (None, None))[0] is None, labs
    assert labs["pth"][0] == 700.0, labs


# ------------------------- "a retrospective analysis of her records" is one patient, not a study
# One report said it would look back through the child's own notes; "retrospective analysis" made
# the whole text a study of many patients and the girl was lost.
OWN_RECORDS = [
    "A 9-year-old girl had a hard bluish lump on the arm. We made a retrospective analysis of her hospital notes.",
    "Through a retrospective analysis of his charts we traced when the nodules began in this 12-year-old boy.",
]


@pytest.mark.parametrize("text", OWN_RECORDS)
def test_looking_back_at_one_patients_records_is_not_a_study(text: str) -> None:
    assert extract(text).cases, text


def test_a_retrospective_study_is_still_no_case() -> None:
    text = "Calcinosis in dermatomyositis: a retrospective study of 120 patients seen over 20 years."
    assert not extract(text).cases


# ------------------------------------ the report points at its case without "we" ("Authors describe")
AUTHORS_POINT = [
    "Calcinosis cutis in a neonate. Calcinosis is rare in newborns. "
    "Authors describe a case presented with hard nodules after an infusion.",
    "Calciphylaxis after dialysis. This case highlights a young diabetic patient with ulcers of both legs.",
    "Nodules of the ear. The authors report a case seen in their clinic with a chalky ear papule.",
]


@pytest.mark.parametrize("text", AUTHORS_POINT)
def test_the_authors_pointing_at_their_case_give_a_case(text: str) -> None:
    assert extract(text).cases, text


# -------------------------------------- a group of patients introduced with another verb of suffering
def test_patients_introduced_as_a_number_that_experienced_something_are_not_lost() -> None:
    text = (
        "Four infants with low calcium experienced skin slough after calcium infusions. "
        "Radiographs later showed soft tissue calcification."
    )
    assert extract(text).cases


# ------------------------------- the biopsy report goes on in the next sentence about the tissue
# "A biopsy showed an ulcerated epidermis. Subcutaneous vessels showed stippled calcium deposits
# ... consistent with calciphylaxis": the second sentence names no biopsy word and was not read as
# histology, so the vessel calcification and the pathologist's reading were lost.
CONTINUED_BIOPSY = [
    "A skin biopsy showed an ulcerated epidermis. Small subcutaneous vessels showed stippled calcium "
    "deposition and thrombi, consistent with calciphylaxis.",
    "Histology showed fat necrosis. The deep dermal arterioles contained calcium deposits, in keeping "
    "with calciphylaxis.",
]


@pytest.mark.parametrize("sentences", CONTINUED_BIOPSY)
def test_the_next_sentence_of_a_biopsy_report_is_histology(sentences: str) -> None:
    case = first_case(f"A 48-year-old man on haemodialysis had a painful thigh ulcer. {sentences}")
    read = {c for h in case.histology for c in h.concepts}
    assert "vascular_calcification_histology" in read, case.histology
    assert "calciphylaxis_histology_reported" in read, case.histology


def test_a_sentence_after_a_biopsy_that_is_about_treatment_is_not_histology() -> None:
    case = first_case(
        "A 48-year-old man on haemodialysis had a painful thigh ulcer. A biopsy showed fat necrosis. "
        "He was started on sodium thiosulfate for presumed calciphylaxis."
    )
    assert len(case.histology) == 1, case.histology


# --------------------------------------- a title printed with a full stop, as bibliographic records do
TITLES_WITH_A_STOP = [
    ("Dystrophic calcinosis cutis in an old burn scar: a case report and review of the literature.", "dystrophic"),
    ("Iatrogenic calcinosis cutis in a preterm infant after a calcium infusion.", "iatrogenic"),
]


@pytest.mark.parametrize(("title", "subtype"), TITLES_WITH_A_STOP)
def test_a_title_line_ending_with_a_full_stop_states_the_diagnosis(title: str, subtype: str) -> None:
    case = first_case(f"{title}\nA 50-year-old man had a hard nodule on the shin.")
    assert case.stated is not None and case.stated.subtype == subtype, case.stated


def test_a_line_with_a_verb_ending_with_a_full_stop_is_a_sentence_not_a_title() -> None:
    case = first_case(
        "Metastatic calcinosis cutis is caused by a high calcium phosphate product.\n"
        "A 50-year-old man had a hard nodule."
    )
    assert case.stated is None or case.stated.subtype != "metastatic", case.stated


# ------------------------------------------- the sex of a patient introduced without an age
SEX_WITHOUT_AGE = [
    ("We describe a school-aged boy with a chalky papule of the ear.", "male"),
    ("An elderly woman presented with painful ulcers of the thighs.", "female"),
    ("The authors report a middle-aged man on dialysis with a painful plaque.", "male"),
]


@pytest.mark.parametrize(("text", "sex"), SEX_WITHOUT_AGE)
def test_the_person_noun_gives_the_sex_when_no_age_is_printed(text: str, sex: str) -> None:
    assert first_case(text).patient.sex == sex


def test_a_relative_noun_in_the_opener_is_not_the_patients_sex() -> None:
    case = first_case("We describe a child whose father had gout, with hard nodules on the knees.")
    assert case.patient.sex is None


def test_the_continuation_rule_examples_hold() -> None:
    from calcidx.extract.rules import load_histology_finding_rules

    rules = load_histology_finding_rules()
    assert rules.continuation is not None
    assert rules.continuation_examples and rules.continuation_counter_examples
    for text in rules.continuation_examples:
        assert rules.continuation.match(text), text
    for text in rules.continuation_counter_examples:
        assert not rules.continuation.match(text), text


def test_a_line_with_a_plural_verb_is_a_sentence_not_a_title() -> None:
    case = first_case(
        "Earlier papers describe metastatic calcinosis cutis in dialysis.\nA 50-year-old man had a hard nodule."
    )
    assert case.stated is None or case.stated.subtype != "metastatic", case.stated


# ------------------------------------------------------ a working impression is not the disease
HEDGED_IMPRESSIONS = [
    ("A 3-year-old girl had a fast-growing facial mass, suggestive for a malignant tumour.", "malignancy"),
    ("A 50-year-old man had a nodule on the nose suspicious for basal cell carcinoma.", "basal_cell_carcinoma"),
    ("A 50-year-old woman had a lump on the arm concerning for malignancy.", "malignancy"),
]


@pytest.mark.parametrize(("text", "condition"), HEDGED_IMPRESSIONS)
def test_a_mass_suggestive_for_a_disease_does_not_give_the_disease(text: str, condition: str) -> None:
    findings = assertions(first_case(text))
    assert findings.get(condition) != "present", findings


def test_a_disease_the_patient_has_is_still_present() -> None:
    findings = assertions(first_case("A 50-year-old man with metastatic breast cancer had nodules."))
    assert findings.get("malignancy") == "present", findings


# ------------------------- the title describes the one patient ("painful ulcers in a patient with ...")
# The lesions were named only in the title; the case sentences gave the labs and the treatment.
TITLE_DESCRIBES_THE_PATIENT = [
    "Painful non-healing ulcers in a patient on haemodialysis: a case report\n"
    "We report a 58-year-old woman with end-stage renal disease and a raised PTH.",
    "Painful leg ulcers in a 58-year-old woman with kidney failure\n"
    "She had been on dialysis for six years; her phosphate was high.",
]


@pytest.mark.parametrize("text", TITLE_DESCRIBES_THE_PATIENT)
def test_findings_named_by_a_title_about_the_one_patient_are_hers(text: str) -> None:
    findings = assertions(first_case(text))
    assert "present" in (findings.get("ulceration"), findings.get("necrotic_ulcer")), findings


# ------------------------------------ a title whose first part is the authors or a procedure
TITLES_WITH_PARTS = [
    ("Lee and Park: Marginal excision: a case report of dystrophic calcification in a scar", "dystrophic"),
    ("Wound clinic series: A new dressing for iatrogenic calcinosis cutis in an infant", "iatrogenic"),
]


@pytest.mark.parametrize(("title", "subtype"), TITLES_WITH_PARTS)
def test_a_later_part_of_the_title_may_state_the_diagnosis(title: str, subtype: str) -> None:
    case = first_case(f"{title}\nA 45-year-old woman had a hard lump.")
    assert case.stated is not None and case.stated.subtype == subtype, case.stated


# --------------------------------------- what is true "in most cases" is not the patient's
def test_what_happens_in_most_cases_is_not_the_patients_lab() -> None:
    text = (
        "A 30-year-old man on a calcium drip developed a hard plaque on the arm.\n"
        "In most cases, hypercalcaemia comes first, but in this case the calcium level was normal."
    )
    labs = {(lab.analyte, lab.interpretation) for lab in first_case(text).labs}
    assert ("calcium", "high") not in labs, labs


# --------------------------------------------- necrosis named by the skin layer ("dermal necrosis")
@pytest.mark.parametrize(
    "sentence",
    [
        "She had very painful hard plaques of both thighs with central dermal necrosis.",
        "The plaques on his abdomen showed dermal necrosis at their centre.",
    ],
)
def test_necrosis_named_by_the_skin_layer_is_skin_necrosis(sentence: str) -> None:
    findings = assertions(first_case(f"A 66-year-old woman with a kidney graft. {sentence}"))
    assert findings.get("skin_necrosis") == "present", findings


# ---------------------------------------- a group of the report's own patients ("All 3 patients had ...")
def test_a_sentence_about_all_the_patients_of_a_small_series_is_kept() -> None:
    text = (
        "We present 3 patients whose leg ulcers healed after a new graft.\n"
        "All 3 patients were back on haemodialysis after losing an earlier kidney transplant."
    )
    findings = {f.concept for case in extract(text).cases for f in case.findings}
    assert "dialysis" in findings, findings


# ----------------------------------------------- bone in the dermis said as "dermal ossification"
def test_dermal_ossification_on_biopsy_is_true_bone() -> None:
    case = first_case(
        "A 10-month-old boy had two stony plates on the chest since birth. "
        "Their biopsy showed dermal ossification with many osteocytes."
    )
    read = {c for h in case.histology for c in h.concepts} | {f.concept for f in case.findings}
    assert "lamellar_bone_histology" in read, read


# ------------------------- the biopsy paragraph after the patient's ("An excisional biopsy showed ...")
@pytest.mark.parametrize("opener", ["An excisional biopsy", "A punch biopsy", "A deep skin biopsy"])
def test_a_paragraph_opening_with_a_kind_of_biopsy_continues_the_case(opener: str) -> None:
    case = first_case(
        f"A 52-year-old man on dialysis had painful violaceous plaques of the thighs.\n{opener} showed "
        "calcification of small subcutaneous vessels."
    )
    read = {c for h in case.histology for c in h.concepts}
    assert "vascular_calcification_histology" in read, case.histology
