"""Kinds of phrasing and clinical rules from a twenty-third set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract
from tests.extract.reading import assertions, exposure_assertions, first_assessed, first_case, stated_subtype

# ------------------------------------------------ a parent who brings the child is not the patient
# "A 32-year-old mother brought her 4-month-old son" made the mother (32, female) the patient.


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("A 32-year-old mother brought her 4-month-old son with hard white papules on both heels.", 4 / 12, "male"),
        ("A 30-year-old mother brought her son, aged 3, to clinic with a firm nodule on the elbow.", 3.0, "male"),
        ("A 28-year-old woman noticed hard yellow nodules on her 6-week-old daughter's heels.", 42 / 365.25, "female"),
    ],
)
def test_a_parent_bringing_a_child_makes_the_child_the_patient(text: str, age: float, sex: str) -> None:
    case = first_case(text)
    assert case.patient.age_years == pytest.approx(age, abs=0.01)
    assert case.patient.sex == sex


def test_a_mother_seen_with_her_daughter_stays_the_patient() -> None:
    case = first_case(
        "A 35-year-old mother with systemic sclerosis and her 8-year-old daughter were seen; the mother had "
        "calcinosis of the fingertips."
    )
    assert case.patient.age_years == 35
    assert case.patient.sex == "female"


# ------------------------------------------------ a note's race letter before the sex letter
@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("72 yo WF with systemic sclerosis and calcinosis of the fingers.", "female"),
        ("58 y/o AAM on hemodialysis with painful purpura of the thighs.", "male"),
        ("61 year old BM with dermatomyositis and elbow calcinosis.", "male"),
    ],
)
def test_a_race_letter_before_the_sex_letter(text: str, sex: str) -> None:
    assert first_case(text).patient.sex == sex


# ------------------------------------------------ a note's panel of tests and values split by slashes
# "Ca/Phos/PTH: 9.9/7.4/1020" gave PTH 9.9 and nothing else.


def _values(text: str) -> dict[str, float | None]:
    return {lab.analyte: lab.value for lab in first_case(text).labs}


@pytest.mark.parametrize(
    "text",
    [
        "55M on HD with painful retiform purpura. Ca/Phos/PTH: 9.9/7.4/1020.",
        "55M on HD with painful retiform purpura. Ca/Phos/PTH 9.9/7.4/1020.",
    ],
)
def test_a_slash_panel_pairs_each_test_with_its_value(text: str) -> None:
    assert _values(text) == {"calcium": 9.9, "phosphate": 7.4, "pth": 1020}


# ------------------------------------------------ the hydroxylation written after the vitamin's name
def test_vitamin_d_25_oh_after_the_name_is_no_value() -> None:
    assert _values("60F with dermatomyositis and elbow calcinosis. Vit D 25-OH: 12 ng/mL.") == {"vitamin_d_25oh": 12}


# ------------------------------------------------ the current value after an earlier one with its date
@pytest.mark.parametrize(
    "text",
    [
        "68F with SSc and calcinosis of the fingers. Cr 0.8 in 2019, 3.1 today.",
        "68F with SSc and calcinosis of the fingers. Creatinine 0.8 mg/dL two years ago, 3.1 mg/dL now.",
    ],
)
def test_the_current_value_after_a_dated_earlier_one(text: str) -> None:
    assert _values(text) == {"creatinine": 3.1}


# ------------------------------------------------ a verb's object stopped, not the condition before it
# "A woman on hemodialysis stopped calcium carbonate last year" made the dialysis historical (and an
# aluminium binder was then offered to a dialysis patient).
@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old woman on hemodialysis stopped calcium carbonate last year. She has calcified nodules.",
        "A 70-year-old woman with ESRD on hemodialysis stopped warfarin two years ago.",
        "A 66-year-old man on peritoneal dialysis discontinued his cinacalcet in March.",
    ],
)
def test_stopping_a_drug_leaves_the_dialysis_current(text: str) -> None:
    assert assertions(first_case(text))["dialysis"] == "present"


@pytest.mark.parametrize(
    "text",
    ["Dialysis stopped after a kidney transplant three years ago.", "Her dialysis stopped three years ago."],
)
def test_dialysis_that_stopped_is_historical(text: str) -> None:
    assert assertions(first_case(text))["dialysis"] == "historical"


# ------------------------------------------------ "non-uremic" is a kind of calciphylaxis, not a denial
@pytest.mark.parametrize(
    "text",
    [
        "A 67-year-old man had painful necrotic plaques and normal renal function. The diagnosis of "
        "non-uremic calciphylaxis was made.",
        "A 59-year-old woman with normal kidneys was diagnosed with non-uraemic calciphylaxis of the thighs.",
    ],
)
def test_non_uremic_calciphylaxis_is_stated(text: str) -> None:
    assert stated_subtype(text) == "calciphylaxis"


# ------------------------------------------------ a relative's drugs are the relative's
# "Her mother was on warfarin" gave the patient warfarin (and a stop-warfarin action); "Her sister is on
# aspirin" withheld probenecid from the patient.
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 61-year-old woman on hemodialysis with calciphylaxis of the thighs. Her mother was on warfarin.",
            "warfarin",
        ),
        ("A 30-year-old man with a calcified papule on the earlobe. His mother is on warfarin.", "warfarin"),
        (
            "A 61-year-old woman with SSc and calcinosis of the fingers. Her sister takes calcitriol.",
            "active_vitamin_d",
        ),
        ("A 61-year-old woman with SSc and calcinosis of the fingers. Her sister is on aspirin.", "salicylates"),
    ],
)
def test_a_relatives_drug_is_family(text: str, concept: str) -> None:
    assert exposure_assertions(first_case(text))[concept] == "family"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 45-year-old woman had calcinosis of the fingers with systemic sclerosis. Her daughter, aged 20, "
            "has juvenile dermatomyositis.",
            "juvenile_dermatomyositis",
        ),
        ("A 50-year-old man with calcinosis of the elbows. His daughter was started on hemodialysis.", "dialysis"),
        (
            "A 60-year-old woman with calcinosis of the elbows. Her 26-year-old son developed Raynaud phenomenon.",
            "raynaud_phenomenon",
        ),
    ],
)
def test_a_son_or_daughters_disease_is_family(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "family"


# ------------------------------------------------ a relative who tells or gives the patient's facts
# "His mother noticed hard nodules on his heel" made the nodules the mother's.
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 2-year-old boy was seen. His mother noticed hard white nodules on his heel at the site of a "
            "calcium gluconate infusion.",
            "firm_white_yellow_papules",
        ),
        ("A 2-year-old boy was seen. His mother reported painful ulcers on his legs.", "painful_ulcer"),
        ("A 9-month-old girl. Her father first noticed a hard lump on the thigh.", "firm_white_yellow_papules"),
    ],
)
def test_a_relative_who_notices_tells_the_patients_findings(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "present"


def test_the_infusion_a_mother_noticed_the_lesion_at_is_the_childs() -> None:
    case = first_case(
        "A 2-year-old boy was seen. His mother noticed hard white nodules on his heel at the site of a calcium "
        "gluconate infusion."
    )
    assert exposure_assertions(case)["iv_calcium"] == "present"


# ------------------------------------------------ a doubted calcinosis is no lesion and no imaging
# "Query calcinosis of the fingertips; ultrasound pending" gave a lesion and radiopaque deposits on
# imaging, so a patient with SSc was dystrophic, probable, with every dystrophic option offered.
@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old woman with SSc. Query calcinosis of the fingertips; ultrasound pending.",
        "A 45-year-old woman with SSc. Possible calcinosis of the elbows vs panniculitis; X-ray requested.",
    ],
)
def test_a_doubted_calcinosis_decides_no_subtype(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype == "undetermined"
    assert not case.lesions
    assert not any("radiopaque_deposits" in study.concepts for study in case.imaging)


def test_an_affirmed_calcinosis_with_the_same_words_keeps_its_lesion() -> None:
    case, subtype, _ = first_assessed("A 45-year-old woman with SSc has calcinosis of the fingertips.")
    assert subtype == "dystrophic"
    assert case.lesions


# ------------------------------------------------ a note's disease "with" its calcinosis
@pytest.mark.parametrize(
    "text",
    [
        "34F, SSc with digital calcinosis. Ca and PO4 normal.",
        "Child (age 7 years) with JDM and new calcinosis. Calcium and phosphate normal.",
    ],
)
def test_a_disease_with_its_calcinosis_states_the_skin_finding(text: str) -> None:
    _, subtype, _ = first_assessed(text)
    assert subtype == "dystrophic"


# ------------------------------------------------ "never had" reaches over its own "had"
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 40-year-old woman with lupus. She says she never had calcium injections. A firm nodule on the buttock.",
            "iv_calcium",
        ),
        (
            "A 30-year-old woman has never had an EEG or electrode paste applied. Firm white papules on the scalp.",
            "electrode_paste",
        ),
        ("A 30-year-old woman never received calcium gluconate. Firm white papules on the arm.", "iv_calcium"),
    ],
)
def test_an_exposure_never_had_is_absent(text: str, concept: str) -> None:
    assert exposure_assertions(first_case(text))[concept] == "absent"


# ------------------------------------------------ a note's compact age after a one-word topic
@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("SSc 70F. Calcinosis cutis nodules of the fingertips on X-ray. Creatinine 1.6 mg/dL.", 70, "female"),
        ("(70F) SSc with calcinosis cutis of the fingers.", 70, "female"),
        ("Calciphylaxis 62M HD, biopsy-proven.", 62, "male"),
        ("Seen today: a 60F with SSc and calcinosis cutis.", 60, "female"),
    ],
)
def test_a_compact_age_after_a_notes_topic(text: str, age: float, sex: str) -> None:
    patient = first_case(text).patient
    assert (patient.age_years, patient.sex) == (age, sex)


@pytest.mark.parametrize(
    "text", ["Foley 16F placed. A woman with calcinosis.", "NG 12F inserted. A woman with calcinosis."]
)
def test_a_device_size_after_its_name_is_no_age(text: str) -> None:
    assert all(case.patient.age_years is None for case in extract(text).cases)


# ------------------------------------------------ a short note's item lines after its opening
# "A 58-year-old man with SSc ... (X-ray confirmed).\neGFR 22" dropped the eGFR line, and
# bisphosphonates were offered at an eGFR of 22.
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("eGFR 22", {"egfr": 22}),
        ("Ca 11.3 H\nPO4 6.1 H\nCr 2.8 H", {"calcium": 11.3, "phosphate": 6.1, "creatinine": 2.8}),
    ],
)
def test_a_short_notes_item_lines_are_the_patients(lines: str, expected: dict[str, float]) -> None:
    text = f"A 58-year-old man with SSc and calcinosis cutis nodules on the fingertips (X-ray confirmed).\n{lines}"
    assert {lab.analyte: lab.value for lab in first_case(text).labs} == expected


def test_a_general_statement_in_a_short_note_is_not_the_patients() -> None:
    text = "A 62-year-old man on haemodialysis had painful ulcers.\nIn most dialysis patients phosphate is over 5.5."
    assert not first_case(text).labs


# ------------------------------------------------ a trend's last value
@pytest.mark.parametrize(
    ("text", "analyte", "value"),
    [
        ("SSc, 61F, calcinosis cutis fingertips. eGFR trend: 65 (2021) -> 48 (2022) -> 27 (2024).", "egfr", 27),
        ("72F, CKD 3b, calcinosis of the elbows. Phosphate trend: 8.2 -> 5.1 -> 3.9 mg/dL.", "phosphate", 3.9),
        ("72F, CKD 3b, calcinosis of the elbows. Phos 3.9 mg/dL (2022), 6.8 mg/dL (today).", "phosphate", 6.8),
    ],
)
def test_a_trend_gives_its_last_value(text: str, analyte: str, value: float) -> None:
    assert _values(text) == {analyte: value}


# ------------------------------------------------ exclusions and doubts told after the disease
@pytest.mark.parametrize(
    ("text", "concept", "status"),
    [
        (
            "A 67-year-old woman on warfarin had necrotic thigh ulcers. Primary hyperparathyroidism had been "
            "excluded. Biopsy confirmed calciphylaxis.",
            "primary_hyperparathyroidism",
            "absent",
        ),
        (
            "A 67-year-old woman had thigh ulcers. Differential diagnoses considered included warfarin-induced skin "
            "necrosis and vasculitis, which were excluded.",
            "vasculitis",
            "absent",
        ),
        (
            "A 58-year-old man with CKD 5 has tender nodules and livedo on the buttocks. Cholesterol emboli are "
            "less likely.",
            "cholesterol_emboli",
            "possible",
        ),
        (
            "A 60-year-old woman with SSc and calcinosis of the fingers. Septic shock in 2017, recovered.",
            "septic_shock_or_dic",
            "historical",
        ),
    ],
)
def test_a_disease_excluded_doubted_or_over(text: str, concept: str, status: str) -> None:
    assert assertions(first_case(text))[concept] == status


def test_a_collections_hours_are_no_value() -> None:
    text = "A 50-year-old woman with SSc and calcinosis of the fingers. Calcium, PTH, 24h urinary calcium normal."
    assert _values(text)["pth"] is None


def test_an_ejection_fraction_in_percent_words() -> None:
    case = first_case("A 60-year-old woman with SSc and calcinosis of the fingers. Ejection fraction of 25 percent.")
    assert assertions(case)["heart_failure_reduced_ef"] == "present"


# ------------------------------------------------ another report's patient told before our own
# "A 70-year-old man with multiple myeloma ... was described previously. Case: A 31-year-old woman ..."
# gave our patient the cited man's age, sex and myeloma.
@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old man with multiple myeloma and metastatic calcinosis was described previously. Case: A "
        "31-year-old woman with systemic sclerosis presented with calcified nodules on the elbows.",
        "Jones (1990) reported a 70-year-old man with tumoral calcinosis. A 31-year-old woman with systemic "
        "sclerosis presented with calcified nodules on the elbows.",
        "In 2008, a 70-year-old man with sarcoidosis and calcinosis was reported. Our patient, a 31-year-old woman "
        "with systemic sclerosis, presented with calcified nodules on the elbows.",
    ],
)
def test_a_cited_patient_before_our_own_is_not_ours(text: str) -> None:
    case = first_case(text)
    assert (case.patient.age_years, case.patient.sex) == (31, "female")
    assert "multiple_myeloma" not in assertions(case) and "sarcoidosis" not in assertions(case)


# ------------------------------------------------ the mother a baby is born to; a father who tells
@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("An infant boy, born at 35 weeks to a 41-year-old mother, developed a hard plaque on the heel.", "male"),
        ("A term newborn delivered to a 35-year-old mother developed a hard plaque on the heel.", None),
        ("A 3-week-old baby born to a mother with lupus developed a hard plaque on the heel.", None),
    ],
)
def test_the_mother_a_baby_is_born_to_is_not_the_patient(text: str, sex: str | None) -> None:
    patient = first_case(text).patient
    assert patient.age_years is None or patient.age_years < 1
    assert patient.sex == sex


def test_a_father_aged_45_who_tells_of_his_son() -> None:
    patient = first_case(
        "The child's father, aged 45, reported that his 9-year-old son has juvenile dermatomyositis with "
        "calcinosis cutis."
    ).patient
    assert (patient.age_years, patient.sex) == (9, "male")


def test_a_notes_noun_comma_age_in_years_shorthand() -> None:
    patient = first_case("Boy, 11y, ESKD on HD, painful ulcers on the thighs.").patient
    assert (patient.age_years, patient.sex) == (11, "male")


# ------------------------------------------------ a note's biopsy line; the uraemic tumoral form
@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("A 66-year-old man on hemodialysis with painful thigh ulcers. Biopsy: calciphylaxis.", "calciphylaxis"),
        ("A 66-year-old man on hemodialysis with thigh ulcers. Bx: calcific uremic arteriolopathy.", "calciphylaxis"),
        (
            "A 61-year-old woman on hemodialysis with a shoulder mass. The diagnosis was uremic tumoral calcinosis.",
            "metastatic",
        ),
    ],
)
def test_more_ways_of_stating_the_diagnosis(text: str, subtype: str) -> None:
    assert stated_subtype(text) == subtype


def test_a_biopsy_line_that_denies_states_nothing() -> None:
    assert stated_subtype("A 66-year-old man on hemodialysis with thigh ulcers. Biopsy: no calciphylaxis.") is None


# ------------------------------------------------ "The first, aged 50 ... The second, aged 64"
def test_ordinals_with_ages_tell_two_patients_apart() -> None:
    document = extract(
        "We report two women with calcinosis cutis. The first, aged 50, had systemic sclerosis. The second, aged "
        "64, had end-stage renal disease on hemodialysis."
    )
    assert [c.patient.age_years for c in document.cases] == [50, 64]
    assert "dialysis" not in assertions(document.cases[0])
    assert assertions(document.cases[1])["dialysis"] == "present"


# ------------------------------------------------ a quiz's options after its question
def test_a_quizs_options_after_its_question_are_no_findings() -> None:
    case = first_case(
        "A 9-year-old boy presents with hard nodules on the elbows and Gottron papules. What is your diagnosis? "
        "(a) Gouty tophi (b) Calcinosis cutis in juvenile dermatomyositis (c) Pilomatricoma (d) Xanthoma."
    )
    found = assertions(case)
    assert found["gouty_tophi"] == "hypothetical" and found["xanthoma"] == "hypothetical"


# ------------------------------------------------ a note that opens on the disease
def test_a_note_opening_on_the_disease_states_it() -> None:
    assert (
        stated_subtype("Calciphylaxis, 59F on HD, biopsy proven ulcerating lesions on the abdomen.") == "calciphylaxis"
    )


# ------------------------------------------------ European reports: decimal commas, -aemia names, dialysed
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A 61-year-old woman with CREST and calcinosis. Ca 2,38, PO4 1,1 (mmol/l).",
            {"calcium": 2.38, "phosphate": 1.1},
        ),
        ("A 61-year-old woman with CREST and calcinosis. Ca 2,4; P 2,1 mmol/l.", {"calcium": 2.4, "phosphate": 2.1}),
        (
            "A 62-year-old woman on haemodialysis. Calcaemia 2,65 mmol/l, phosphataemia 2,4 mmol/l.",
            {"calcium": 2.65, "phosphate": 2.4},
        ),
    ],
)
def test_european_lab_writing(text: str, expected: dict[str, float]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A 66-year-old haemodialysed man presented necrotic ulcerations of the thighs with livedo.",
        "Woman, 62 yrs, dialysed, with livedo racemosa and necrotic ulcers of the thighs.",
    ],
)
def test_dialysed_is_on_dialysis(text: str) -> None:
    assert assertions(first_case(text))["dialysis"] == "present"


def test_calciphylaxis_after_a_comma_is_the_patients() -> None:
    assert stated_subtype("A 50-year-old man on haemodialysis, with calciphylaxis of the thighs.") == "calciphylaxis"


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("F 70y. SSc with calcinosis of the fingers.", 70, "female"),
        ("70y F, SSc with calcinosis of the fingers.", 70, "female"),
        ("57 y man with SSc and calcinosis of the fingers.", 57, "male"),
        ("Boy of 11 years, followed for juvenile dermatomyositis with calcinosis.", 11, "male"),
        ("61 yo obese F with SSc and calcinosis.", 61, "female"),
        ("DOL 21 male infant with a hard plaque of the heel.", 21 / 365.25, "male"),
    ],
)
def test_more_note_ages(text: str, age: float, sex: str) -> None:
    patient = first_case(text).patient
    assert patient.age_years == pytest.approx(age, abs=0.001)
    assert patient.sex == sex


# ------------------------------------------------ authors writing in French or Spanish
@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        (
            "A 50-year-old woman with a nodule of the ear. Histology concluded to an idiopathic calcinosis cutis.",
            "idiopathic",
        ),
        ("A 50-year-old woman with a nodule. The diagnosis retained was idiopathic calcinosis cutis.", "idiopathic"),
        (
            "A 50-year-old woman with a breast nodule. Dystrophic calcinosis on radiodermatitis was retained.",
            "dystrophic",
        ),
    ],
)
def test_a_diagnosis_retained_or_concluded_to(text: str, subtype: str) -> None:
    assert stated_subtype(text) == subtype


def test_a_diagnosis_not_retained_is_not_stated() -> None:
    assert (
        stated_subtype(
            "A 60-year-old man on HD with necrotic ulcers. The diagnosis of calciphylaxis was not retained; vasculitis "
            "was confirmed."
        )
        != "calciphylaxis"
    )


@pytest.mark.parametrize(
    "text",
    [
        "A 38-year-old woman with hard nodules of the elbows. Dermatomyositis was eliminated (normal CK).",
        "A 38-year-old woman with hard nodules of the elbows. We eliminated a dermatomyositis.",
    ],
)
def test_a_disease_eliminated_is_absent(text: str) -> None:
    assert assertions(first_case(text))["dermatomyositis"] == "absent"


def test_no_past_history_does_not_reach_what_she_consulted_for() -> None:
    case = first_case("A 47-year-old woman with no past history consulted for a painful nodule of the heel.")
    assert assertions(case)["painful_papules"] == "present"


# ------------------------------------------------ a note's numbers that are no result of the test before them
@pytest.mark.parametrize(
    ("text", "analyte"),
    [
        ("57F with SSc and calcinosis. She stopped calcium + D 6 months ago.", "calcium"),
        ("57F with SSc and calcinosis. Labs: C3 low, dsDNA 45 IU/mL (H).", "complement_c3"),
        ("57F with SSc and calcinosis. BMP 5/14: Na 138, K 5.6 (H), Cr 0.8.", "renal_function"),
    ],
)
def test_a_time_a_date_or_another_tests_value_is_no_result(text: str, analyte: str) -> None:
    assert _values(text).get(analyte) is None


# ------------------------------------------------ a note's family-history label
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("45 yo M with calcinosis of the fingers. FH: mother and aunt with scleroderma.", "systemic_sclerosis"),
        (
            "4 yo F with a firm white papule on the ear. FH: Maternal grandmother with lupus.",
            "systemic_lupus_erythematosus",
        ),
    ],
)
def test_a_family_history_label_makes_its_diseases_the_familys(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "family"


# ------------------------------------------------ observations, a companion, a birth date with its age
def test_numbered_observations_are_two_patients() -> None:
    document = extract(
        "Observation 1\nMr. A., 34 years old, presented with a calcified nodule of the scalp. Histology showed a "
        "pilomatricoma.\nObservation 2\nMrs. K., 61 years old, with CREST syndrome, presented with calcinosis of "
        "the fingers."
    )
    assert [c.patient.age_years for c in document.cases] == [34, 61]
    assert "systemic_sclerosis" not in assertions(document.cases[0])


@pytest.mark.parametrize(
    ("text", "age", "concept"),
    [
        (
            "Accompanied by: mother, 38 y/o, who has limited systemic sclerosis.\nPatient: 10 yo F with firm white "
            "papules on the fingertips.",
            10,
            "systemic_sclerosis",
        ),
        (
            "SH: Lives with husband (62 yo, on dialysis).\nPt: 60 yo F with dermatomyositis and calcinosis of the "
            "elbows.",
            60,
            "dialysis",
        ),
    ],
)
def test_a_companions_age_and_disease_are_not_the_patients(text: str, age: float, concept: str) -> None:
    case = first_case(text)
    assert case.patient.age_years == age
    assert assertions(case)[concept] == "family"


def test_a_birth_date_with_the_age_the_note_gives() -> None:
    assert first_case("DOB 02/05/1956 (68 years). SSc with calcinosis of the fingers.").patient.age_years == 68


def test_a_phosphocalcic_product_is_the_product_not_calcium_and_phosphate() -> None:
    values = {
        lab.analyte for lab in first_case("A 60-year-old woman on HD. The phosphocalcic product was elevated.").labs
    }
    assert values == {"ca_x_p_product"}


# ------------------------------------------------ a results table that prints the range before the value
def test_a_results_table_with_the_range_before_the_latest_value() -> None:
    text = (
        "62F with SSc and calcinosis of the fingers.\n"
        "Component        Latest Ref Rng    05/14/24    03/12/24\n"
        "Calcium          8.6 - 10.3 mg/dL  10.9 (H)    9.0\n"
        "Phosphorus       2.5 - 4.5 mg/dL   7.8 (H)     4.1\n"
        "PTH, Intact      15 - 65 pg/mL     1100 (H)    240 (H)"
    )
    labs = {lab.analyte: (lab.value, lab.interpretation) for lab in first_case(text).labs}
    assert labs == {"calcium": (10.9, "high"), "phosphate": (7.8, "high"), "pth": (1100, "high")}


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("A 50-year-old woman, suffering from systemic sclerosis, presented digital calcinosis.", "dystrophic"),
        ("A 50-year-old woman on haemodialysis, presenting a calciphylaxis of the thighs.", "calciphylaxis"),
    ],
)
def test_presented_without_its_preposition(text: str, subtype: str) -> None:
    assert first_assessed(text)[1] == subtype


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 66-year-old woman on haemodialysis with calciphylaxis on biopsy; vasculitis is also suspected.",
            "vasculitis",
        ),
        (
            "A 66-year-old woman on haemodialysis with calciphylaxis on biopsy. Cholesterol emboli are a possible "
            "alternative diagnosis.",
            "cholesterol_emboli",
        ),
    ],
)
def test_a_mimic_also_suspected_is_possible(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "possible"


# ------------------------------------------------ regressions the set's own fixes made, fixed again
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 41-year-old father brought his daughter, aged 8, who has juvenile dermatomyositis and calcinosis "
            "cutis of the elbows.",
            "juvenile_dermatomyositis",
        ),
        (
            "A 17-year-old adolescent breastfeeding her 2-month-old son has dermatomyositis with calcinosis cutis of "
            "the elbows.",
            "dermatomyositis",
        ),
    ],
)
def test_the_child_brought_or_nursed_leaves_the_patients_disease_hers(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "present"


def test_an_exclusion_does_not_reach_back_over_the_sentence() -> None:
    case = first_case(
        "A 60-year-old woman with painful plaques. She had obesity (BMI 41) and primary hyperparathyroidism had been "
        "excluded."
    )
    assert assertions(case)["obesity"] == "present"


def test_a_past_pregnancy_with_its_year_is_not_now() -> None:
    text = "A 30-year-old woman with SSc and calcinosis. Past history of pre-eclampsia in her first pregnancy (2018)."
    assert first_case(text).patient.pregnant is None


def test_a_birth_date_gives_the_age_before_a_childs_word() -> None:
    case = first_case("Child born on 05/06/2015, seen on 10/01/2023 for JDM with calcinosis of the knees.")
    assert case.patient.age_years is not None and 7 <= case.patient.age_years < 9


def test_a_short_notes_lines_of_two_sentences_are_the_patients() -> None:
    text = (
        "Boy, 11y, ESKD on HD 3x/wk via AVF.\nNew: exquisitely painful violaceous indurated plaques both thighs "
        "with central necrosis x 1 wk. Biopsy: medial calcification of small arterioles, c/w calciphylaxis."
    )
    assert first_assessed(text)[1] == "calciphylaxis"


def test_a_negated_prefix_names_no_subform() -> None:
    text = "A 30-year-old man had a hip mass; phosphate 3.5 mg/dL. Diagnosis: non-hyperphosphatemic tumoral calcinosis."
    assert first_assessed(text)[1] != "metastatic"


def test_the_quizs_answer_names_the_patients_disease() -> None:
    case = first_case(
        "A 9-year-old boy presents with hard nodules on the elbows and Gottron papules. What is your diagnosis? (a) "
        "Gouty tophi (b) Calcinosis cutis in juvenile dermatomyositis (c) Pilomatricoma (d) Xanthoma. Answer: (b)."
    )
    found = assertions(case)
    assert found["juvenile_dermatomyositis"] == "present" and found["pilomatricoma"] == "hypothetical"


def test_a_preterm_girl_is_an_infant() -> None:
    patient = first_case("A preterm girl of 29 weeks' gestation developed a hard plaque on the heel.").patient
    assert patient.age_range is not None and patient.age_range.high <= 1


def test_a_birth_date_with_its_age_keeps_the_letters_diagnosis_list() -> None:
    text = (
        "RENAL CLINIC LETTER\n\nRe: Mr John SMITH, DOB 02/05/1956 (68 years)\n\nDiagnoses:\n1. End-stage kidney "
        "disease secondary to diabetic nephropathy, on haemodialysis since 2016\n2. Type 2 diabetes mellitus\n\n"
        "I reviewed Mr Smith in the dialysis unit today. He describes an exquisitely painful area on his left thigh "
        "with a central black eschar."
    )
    case = first_case(text)
    assert case.patient.age_years == 68
    assert assertions(case)["dialysis"] == "present"
