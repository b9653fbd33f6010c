"""Twelfth round of short clinical vignettes written for this project, assessed end to end from free text.

First set: a strong inhibitor of one of colchicine's two pathways (itraconazole), a pneumonia as an
active serious infection beside the interstitial pneumonias of connective tissue disease that are
no infection, and an end-stage kidney stage written with a letter before the full stop ("CKD 5D.").
The assertions are on what is read and what is offered or withheld, not on wording.
"""

from __future__ import annotations

import pytest

from calcidx import assess, extract
from calcidx.extract.fields.order import load_order_rules
from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons

SSC = "A 45-year-old woman with limited SSc has calcinosis of the fingers. "
DM = "A 50-year-old woman with dermatomyositis has calcinosis on the thighs. "


def _colchicine_cautions(text: str) -> list[str]:
    a = assessment_of(text)
    return [caution for t in a.treatments if t.id == "colchicine" for caution in t.cautions]


def test_itraconazole_is_a_caution_for_colchicine() -> None:
    cautions = _colchicine_cautions(SSC + "She is on itraconazole for onychomycosis.")
    assert any("itraconazole" in caution and "strong" in caution for caution in cautions)


def test_itraconazole_with_dialysis_withholds_colchicine() -> None:
    a = assessment_of(DM + "She is on haemodialysis. Current medications: itraconazole 200 mg daily.")
    assert "colchicine" not in offered_ids(a)
    assert any("strong inhibitor" in reason for reason in withheld_reasons(a, "colchicine"))


def test_itraconazole_taken_last_year_is_no_caution() -> None:
    cautions = _colchicine_cautions(DM + "She completed a course of itraconazole last year.")
    assert not any("strong inhibitor" in caution for caution in cautions)


@pytest.mark.parametrize(
    "text",
    [
        "She was admitted with pneumonia and is on IV antibiotics.",
        "Current problems: community-acquired pneumonia, on ceftriaxone.",
    ],
)
def test_a_pneumonia_withholds_rituximab(text: str) -> None:
    a = assessment_of(DM + text)
    assert "rituximab" not in offered_ids(a)
    assert withheld_reasons(a, "rituximab")


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman with dermatomyositis and interstitial pneumonia has calcinosis on the thighs.",
        "A 50-year-old woman with dermatomyositis complicated by organizing pneumonia has calcinosis.",
        DM + "She takes co-trimoxazole as prophylaxis against Pneumocystis pneumonia.",
        DM + "She recently recovered from a pneumonia.",
        DM + "She had pneumonia last year.",
    ],
)
def test_no_active_pneumonia_keeps_rituximab(text: str) -> None:
    a = assessment_of(text)
    assert not withheld_reasons(a, "rituximab")


@pytest.mark.parametrize("stage", ["CKD 5D.", "CKD5D.", "CKD-5D."])
def test_a_dialysis_stage_before_a_full_stop_is_end_stage(stage: str) -> None:
    case = extract(f"72M, {stage} Firm chalky nodules on the fingertips.").cases[0]
    assert "end_stage_renal_disease" in {f.concept for f in case.findings if f.assertion == "present"}


# --- the eGFR's unit printed before its value, and values headed by years ----------------------------
def _egfr(text: str) -> list[float]:
    case = extract("A 52-year-old woman with systemic sclerosis has calcinosis of the fingers. " + text).cases[0]
    return [lab.value for lab in case.labs if lab.analyte == "egfr" and lab.value is not None]


@pytest.mark.parametrize(
    "text",
    [
        "eGFR (mL/min/1.73m2): 18.",
        "eGFR, mL/min/1.73 m2: 18.",
        "\nTest | 03/2024 | 11/2024\neGFR (mL/min/1.73 m2) | 18 | 17\n",
    ],
)
def test_the_per_1_73_m2_of_a_unit_before_the_value_is_no_value(text: str) -> None:
    assert _egfr(text) == [18.0]


@pytest.mark.parametrize("text", ["eGFR: 2019: 80; 2022: 55; 2025: 24.", "eGFR 2025: 24, 2019: 80."])
def test_in_values_headed_by_years_the_latest_year_is_current(text: str) -> None:
    assert _egfr(text) == [24.0]


def test_a_falling_egfr_headed_by_years_withholds_bisphosphonates() -> None:
    a = assessment_of(
        "A 52-year-old woman with dermatomyositis has calcinosis of the thighs. eGFR: 2019: 80; 2022: 55; 2025: 24."
    )
    assert "bisphosphonates" not in offered_ids(a)


# --- a calcium infusion declined, refused, cancelled or never taken; a transplant listed for ----------
FOREARM = "A 52-year-old woman has hard nodules on the left forearm. Calcium normal. "


@pytest.mark.parametrize(
    "text",
    [
        "She declined calcium gluconate infusion.",
        "She refused intravenous calcium.",
        "The calcium gluconate infusion was cancelled.",
        "She was prescribed calcium gluconate but never took it.",
    ],
)
def test_calcium_never_given_makes_nothing_iatrogenic(text: str) -> None:
    case = extract(FOREARM + text).cases[0]
    assert [f.assertion for f in case.exposures if f.concept == "iv_calcium"] == ["absent"]
    assert assessment_of(FOREARM + text).subtype.code != "iatrogenic"


def test_a_transplant_the_patient_is_listed_for_is_not_had() -> None:
    case = extract("A 60-year-old man listed for liver transplantation has hard nodules on the hands.").cases[0]
    assert "present" not in {f.assertion for f in case.exposures if f.concept == "liver_transplant"}


def test_a_gel_free_of_calcium_is_no_electrode_paste() -> None:
    text = "A 30-year-old man has papules on the thigh after an EMG with a conductive gel free of calcium."
    case = extract(text).cases[0]
    assert "present" not in {f.assertion for f in case.exposures if f.concept == "electrode_paste"}


def test_a_kidney_function_that_declined_keeps_the_drug() -> None:
    text = "A 70-year-old woman with nodules on the thighs. Her eGFR declined after warfarin was started."
    case = extract(text).cases[0]
    assert [f.assertion for f in case.exposures if f.concept == "warfarin"] == ["present"]


# --- an exposure told after the lesions appeared cannot have caused them -----------------------------
@pytest.mark.parametrize(("text", "after"), load_order_rules().examples)
def test_order_examples(text: str, after: bool) -> None:
    exposures = extract(text).cases[0].exposures
    assert exposures
    assert any(f.after_lesions for f in exposures) is after


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old man has had hard nodules on the left forearm for 6 months. Last week he received "
        "intravenous calcium gluconate via a left forearm cannula. Calcium normal.",
        "A 40-year-old woman has firm papules on the left forearm, present for 6 months. Two months after they "
        "appeared, she received calcium gluconate through a left forearm cannula.",
        "A 7-month-old girl has hard nodules on the right heel that were there before the heel sticks.",
    ],
)
def test_an_exposure_after_the_lesions_is_an_alternative_only(text: str) -> None:
    a = assessment_of(text)
    assert a.subtype.code != "iatrogenic"
    assert "iatrogenic" in {alt.code for alt in a.alternatives}


def test_an_exposure_before_the_lesions_stays_iatrogenic() -> None:
    a = assessment_of(
        "A 3-day-old girl received calcium gluconate via a right hand cannula for hypocalcaemia. It extravasated. "
        "Two weeks later hard nodules appeared on the right hand."
    )
    assert a.subtype.code == "iatrogenic"


def test_a_time_told_for_another_event_does_not_date_the_lesions() -> None:
    a = assessment_of(
        "A 60-year-old man on hemodialysis for 6 years has hard nodules on the left forearm. Last week he received "
        "calcium gluconate via the left forearm. Phosphate normal."
    )
    assert a.subtype.code == "iatrogenic"


def test_a_transplant_years_before_the_lesions_is_no_more_than_possible() -> None:
    a = assessment_of(
        "A 52-year-old man had an orthotopic liver transplant 3 years ago. He now has a single hard nodule on the "
        "right ear. Calcium normal."
    )
    assert a.subtype.code != "iatrogenic" or a.subtype.certainty == "possible"


def test_lesions_since_childhood_precede_last_months_infusion() -> None:
    a = assessment_of(
        "A 30-year-old woman presented with hard nodules on the right forearm that had been present since "
        "childhood. Last month she was given intravenous calcium gluconate through a right forearm cannula."
    )
    assert a.subtype.code != "iatrogenic"


# --- calciphylaxis: a vasculitis mimic, its settings in note shorthand, a past episode -----------------
@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man on peritoneal dialysis has painful purpura on the legs. Biopsy: IgA vasculitis.",
        "A 60-year-old man on hemodialysis has painful purpura on the legs. He was diagnosed with "
        "Henoch-Schonlein purpura.",
    ],
)
def test_an_iga_vasculitis_on_dialysis_is_not_called_calciphylaxis(text: str) -> None:
    assert assessment_of(text).subtype.code != "calciphylaxis"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("61F, PD x 6 yrs, painful retiform purpura with necrosis on both thighs.", "dialysis"),
        ("62F s/p DDRT 2019 with painful retiform purpura and eschar on the thigh.", "kidney_transplant"),
        ("A 55-year-old woman with cholangiocarcinoma has painful retiform purpura on the thighs.", "malignancy"),
        ("A 70-year-old woman with pancreatic adenocarcinoma has painful retiform purpura.", "malignancy"),
    ],
)
def test_calciphylaxis_settings_in_shorthand_and_named_cancers(text: str, concept: str) -> None:
    case = extract(text).cases[0]
    assert concept in {f.concept for f in case.findings if f.assertion == "present"}
    a = assessment_of(text)
    assert "calciphylaxis" in {a.subtype.code, *(alt.code for alt in a.alternatives)}


@pytest.mark.parametrize(
    "text", ["A 52-year-old woman had vulvar calcinosis.", "A 52-year-old man had scrotal calcinosis."]
)
def test_a_named_genital_calcinosis_is_the_stated_sub_form(text: str) -> None:
    a = assessment_of(text)
    assert a.stated is not None and a.stated.subform == "scrotal_calcinosis"


# --- a baby's age and sex in a neonatal or clinic note --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "sex", "days"),
    [
        ("DOL 9 female. Hard white nodules R hand. Ca 2.4 mmol/L.", "female", 9),
        ("Pt 2 mo F. Hard white nodules on the right foot after IV calcium.", "female", 61),
        ("Baby girl, 6 days. Hard nodules on the right hand at the IV site.", "female", 6),
        ("Patient is newborn male of 12 days. Hard nodules on the foot.", "male", 12),
    ],
)
def test_a_babys_age_and_sex_in_a_note(text: str, sex: str, days: int) -> None:
    patient = extract(text).cases[0].patient
    assert patient.sex == sex
    assert patient.age_years is not None and abs(patient.age_years * 365.25 - days) < 1.5


def test_an_age_after_he_is() -> None:
    assert extract("He is 57, on dialysis, with painful plaques on the thighs.").cases[0].patient.age_years == 57


def test_we_diagnosed_with_the_diagnosis_as_its_object() -> None:
    a = assessment_of("A 6-year-old girl had a white papule on the ear. We diagnosed subepidermal calcified nodule.")
    assert a.stated is not None and a.stated.subform == "subepidermal_calcified_nodule"


# --- a title run into the text --------------------------------------------------------------------------
def test_a_title_run_into_the_first_sentence_states_the_diagnosis() -> None:
    a = assessment_of(
        "Non-uremic calciphylaxis associated with primary hyperparathyroidism. A 64-year-old woman presented "
        "with painful skin ulcers on the thighs. Calcium 11.8 mg/dL, PTH 210 pg/mL."
    )
    assert a.stated is not None and a.stated.subtype == "calciphylaxis"


def test_a_first_sentence_with_a_verb_and_its_object_is_no_title() -> None:
    a = assessment_of(
        "The calcified nodule on the right hand predated the calcium gluconate infusion at the same site by two "
        "years. A 40-year-old woman, calcium 2.3 mmol/L, phosphate 1.0 mmol/L."
    )
    assert a.subtype.code != "iatrogenic"


def test_painful_white_nodules_discharging_chalk_on_dialysis_are_metastatic() -> None:
    a = assessment_of(
        "A 55-year-old woman on hemodialysis has painful hard white nodules on the fingertips discharging chalky "
        "material. Phosphate 8.8 mg/dL. No necrosis."
    )
    assert a.subtype.code == "metastatic"
    assert "iv_sts_calciphylaxis" not in offered_ids(a)


def test_an_emg_paste_written_as_cacl2_is_electrode_paste() -> None:
    text = "A 12-year-old girl had an EMG with CaCl2 paste on the right thigh. Papules on the right thigh."
    case = extract(text).cases[0]
    assert {f.concept for f in case.exposures} == {"electrode_paste"}


def test_a_transplant_surgeon_is_no_transplant_recipient() -> None:
    case = extract("A 60-year-old man who is a liver transplant surgeon has hard nodules on the hands.").cases[0]
    assert "liver_transplant" not in {f.concept for f in case.exposures}


@pytest.mark.parametrize(
    "text",
    [
        "A 57-year-old woman on hemodialysis has painless livedo reticularis of the thighs, unchanged for years.",
        "A 57-year-old woman on hemodialysis has livedo reticularis of the thighs. No pain.",
    ],
)
def test_painless_livedo_alone_on_dialysis_is_no_clinical_calciphylaxis(text: str) -> None:
    a = assessment_of(text)
    assert a.subtype.certainty != "probable"


def test_painful_livedo_on_dialysis_stays_a_clinical_diagnosis() -> None:
    a = assessment_of("A 57-year-old woman on hemodialysis has painful livedo reticularis of the thighs.")
    assert (a.subtype.code, a.subtype.certainty) == ("calciphylaxis", "probable")


# --- a look-alike named as what the patient has -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "A 75-year-old man had gouty tophi on the elbows mistaken for calcinosis.",
        "A 70-year-old man had hard nodules on the fingers. His skin lesions were gouty tophi.",
        "A 73-year-old woman with osteoma cutis of the face was seen.",
    ],
)
def test_a_lookalike_named_as_the_patients_is_not_calcinosis(text: str) -> None:
    assert assessment_of(text).subtype.code == "not_calcinosis"


def test_gout_as_a_condition_names_no_lesion() -> None:
    a = assessment_of(
        "A 68-year-old man with tophaceous gout and CKD stage 3 has a chalky nodule on the finger. DECT shows "
        "hydroxyapatite, not urate. Calcium 9.6, phosphate 4.2."
    )
    assert a.subtype.code != "not_calcinosis"


# --- a later case that opens on the first patient's relative ----------------------------------------------
@pytest.mark.parametrize(
    ("second", "sex"),
    [
        ("His mother, aged 42, had systemic sclerosis with calcinosis of the fingertips.", "female"),
        ("Her son, 15 years old, had juvenile dermatomyositis with calcinosis of the knees.", "male"),
    ],
)
def test_a_relative_who_is_the_next_case_has_the_relatives_sex(second: str, sex: str) -> None:
    text = f"Case 1\nA 13-year-old patient had calcinosis of the knees with juvenile dermatomyositis.\nCase 2\n{second}"
    cases = extract(text).cases
    assert len(cases) == 2
    assert cases[1].patient.sex == sex


def test_siblings_told_by_birth_order_with_their_ages_are_two_patients() -> None:
    cases = extract(
        "The elder sister, aged 21, had tumoural calcinosis of both hips. The younger brother, aged 15, had a "
        "calcified mass over the elbow."
    ).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == [(21.0, "female"), (15.0, "male")]


def test_patients_parted_by_a_semicolon_keep_their_own_conditions() -> None:
    cases = extract(
        "Two cases of calcinosis cutis are reported. The first was a 45-year-old woman with dermatomyositis; "
        "the second was a 62-year-old man with end-stage renal disease."
    ).cases
    assert [{f.concept for f in c.findings if f.assertion == "present"} for c in cases] == [
        {"dermatomyositis"},
        {"end_stage_renal_disease"},
    ]


def test_patients_parted_by_semicolons_share_what_follows() -> None:
    cases = assess(
        "Over the past 2 years we have treated 3 patients with calcinosis cutis due to dermatomyositis. The first, "
        "a 16-year-old boy, had calcinosis of the knees; the second, a 48-year-old woman, had calcinosis of the "
        "buttocks; the third, a 63-year-old man, had calcinosis of the hands. All had normal calcium and phosphate."
    ).cases
    assert [c.patient.age_years for c in cases] == [16.0, 48.0, 63.0]
    assert len({c.assessment.subtype.code for c in cases}) == 1


# --- patients of earlier reports -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        (
            "A 49-year-old woman with lupus had calcinosis of the buttocks. In a previously reported case, a "
            "30-year-old man with chronic renal failure developed similar deposits.",
            "chronic_kidney_disease",
        ),
        (
            "A 55-year-old woman on haemodialysis has calcinosis of the fingers. Three similar patients were "
            "reported previously: a 70-year-old woman with breast cancer and a 50-year-old man with milk-alkali "
            "syndrome.",
            "milk_alkali_syndrome",
        ),
    ],
)
def test_an_earlier_reports_patient_gives_ours_nothing(text: str, foreign: str) -> None:
    cases = extract(text).cases
    assert len(cases) == 1
    assert foreign not in {f.concept for f in cases[0].findings}


def test_a_note_that_names_the_patient_last_keeps_what_it_told_first() -> None:
    a = assessment_of(
        "Extravasation of calcium gluconate was documented at the right foot. One month later, hard nodules on "
        "the right foot. The patient is an 18-day-old boy."
    )
    assert a.subtype.code == "iatrogenic"


def test_a_diagnosis_made_elsewhere_that_the_authors_overturn_is_not_stated() -> None:
    a = assessment_of(
        "A 66-year-old woman with painful leg ulcers was diagnosed with calciphylaxis at another hospital, but our "
        "biopsy showed necrotizing vasculitis without calcification. Final diagnosis: cutaneous polyarteritis nodosa."
    )
    assert a.subtype.code != "calciphylaxis"
    assert a.stated is not None and a.stated.subtype != "calciphylaxis"


def test_plain_words_for_the_biopsy_and_the_eschar() -> None:
    a = assessment_of(
        "A 55-year-old man on dialysis has very painful black wounds on the legs. Biopsy found calcium in the small "
        "artery wall."
    )
    assert (a.subtype.code, a.subtype.certainty) == ("calciphylaxis", "confirmed")


@pytest.mark.parametrize(
    "text",
    [
        "A 26-year-old man has calcified nodules within a black tattoo on the left forearm. Calcium and phosphate "
        "normal.",
        "A 40-year-old woman has a calcified nodule at the site of a tetanus vaccination in the left deltoid.",
    ],
)
def test_a_tattoo_or_a_vaccination_site_is_damaged_skin(text: str) -> None:
    assert assessment_of(text).subtype.code == "dystrophic"


def test_a_case_reports_title_tells_the_patients_exposure() -> None:
    case = extract(
        "Calcinosis cutis after calcium gluconate extravasation: a case report\n\nA 3-week-old girl had a hard "
        "plaque on the right hand."
    ).cases[0]
    assert "calcium_extravasation" in {f.concept for f in case.exposures if f.assertion == "present"}


def test_beside_a_look_alikes_defining_finding_calciphylaxis_is_no_more_than_possible() -> None:
    a = assessment_of(
        "A 40-year-old man on hemodialysis has painful livedo and necrotic leg ulcers. Biopsy: calcium oxalate "
        "crystals in vessel walls. Diagnosis: cutaneous oxalosis."
    )
    assert a.subtype.code == "not_calcinosis"
    assert {alt.code: alt.certainty for alt in a.alternatives}.get("calciphylaxis") == "possible"


@pytest.mark.parametrize(
    "text",
    [
        "A 66-year-old man on hemodialysis had calciphylaxis in 2019, now healed. He now has a venous ulcer at the "
        "ankle.",
        "A 70-year-old man with a previous episode of calciphylaxis (2019, healed) now presents with a venous leg "
        "ulcer.",
    ],
)
def test_a_healed_past_episode_is_not_the_stated_diagnosis(text: str) -> None:
    a = assessment_of(text)
    assert a.stated is None or a.stated.subtype != "calciphylaxis"
    assert a.subtype.code != "calciphylaxis"
    assert "iv_sts_calciphylaxis" not in offered_ids(a)
