"""Kinds of phrasing and clinical rules from a twenty-second set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess
from tests.extract.reading import assertions, first_assessed, first_case, histology_concepts, stated_subtype

# ------------------------------------------------ a finding's clause that confirms the disease by name
# "A biopsy showed medial calcification of arterioles, confirming calciphylaxis." stated no diagnosis:
# only "confirming the diagnosis of ..." was read.
CONFIRMING = [
    (
        "A 58-year-old man on haemodialysis had painful ulcers on both calves. A skin biopsy showed medial "
        "calcification of dermal arterioles, confirming calciphylaxis.",
        "calciphylaxis",
    ),
    (
        "A 47-year-old woman with dermatomyositis had hard nodules on the elbows. Von Kossa staining of the "
        "excised nodule was positive, which confirmed dystrophic calcinosis cutis.",
        "dystrophic",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), CONFIRMING)
def test_a_clause_confirming_the_disease_states_it(text: str, subtype: str) -> None:
    assert stated_subtype(text) == subtype


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman on haemodialysis had necrotic leg ulcers. The biopsy showed no vascular "
        "calcification, confirming the absence of calciphylaxis.",
        "A 50-year-old woman on haemodialysis had necrotic leg ulcers. The biopsy was reviewed, confirming "
        "that calciphylaxis was unlikely.",
    ],
)
def test_a_clause_confirming_an_absence_states_nothing(text: str) -> None:
    assert stated_subtype(text) in (None, "not_calcinosis")


# ------------------------------------------------------------------ where a family's history ends
# "A man on haemodialysis with a family history of kidney disease presents with painful retiform
# purpura" made the purpura the family's (calciphylaxis missed); "Family history is notable for ESRD
# on dialysis in her father." and "Family history: mother with dermatomyositis." gave the patient the
# relative's disease (calciphylaxis or dystrophic calcinosis invented).
OWN_AFTER_FAMILY = [
    "A 60-year-old man on haemodialysis with a family history of kidney disease presents with painful "
    "retiform purpura and a black eschar on the thigh.",
    "A 55-year-old woman on haemodialysis with a family history of lupus in her mother presented with "
    "painful retiform purpura and a black eschar on the thigh.",
    "A 49-year-old woman on dialysis with a family history of diabetes had painful retiform purpura on the thighs.",
]


@pytest.mark.parametrize("text", OWN_AFTER_FAMILY)
def test_the_sentences_own_verb_ends_a_family_history(text: str) -> None:
    case = first_case(text)
    found = assertions(case)
    assert found["retiform_purpura"] == "present"
    assert "family" in found.values()


RELATIVES_ONLY = [
    (
        "A 42-year-old woman with normal renal function presented with painful retiform purpura on the thighs. "
        "Family history is notable for end-stage renal disease on dialysis in her father.",
        {"end_stage_renal_disease", "dialysis"},
    ),
    (
        "A 42-year-old woman with normal renal function presented with firm white papules on the fingers. "
        "Family history: mother with dermatomyositis.",
        {"dermatomyositis"},
    ),
    (
        "HPI: 52F with painful firm nodules on both elbows for 1 year.\nPMH: hypertension.\n"
        "Family history: mother with dermatomyositis; brother on haemodialysis.\nExam: chalky nodules.",
        {"dermatomyositis", "dialysis"},
    ),
    (
        "Family history\nMother with systemic sclerosis.\n\nCase report\nA 45-year-old woman had hard nodules "
        "on the fingers.",
        set(),
    ),
]


@pytest.mark.parametrize(("text", "family"), RELATIVES_ONLY)
def test_what_a_family_history_holds_is_not_the_patients(text: str, family: set[str]) -> None:
    case, subtype, _ = first_assessed(text)
    found = assertions(case)
    assert {concept for concept in family if found.get(concept) == "family"} == family
    assert not {"end_stage_renal_disease", "dialysis", "dermatomyositis", "systemic_sclerosis"} & {
        c for c, status in found.items() if status == "present"
    }
    assert subtype not in ("calciphylaxis", "dystrophic")


def test_a_family_history_heading_does_not_reach_the_patients_own_sentence() -> None:
    text = (
        "A 45-year-old woman had hard nodules on the fingers.\n"
        "Family history: noncontributory. She has limited systemic sclerosis."
    )
    assert assertions(first_case(text))["systemic_sclerosis"] == "present"


def test_a_warfarin_the_father_takes_is_not_the_patients() -> None:
    text = (
        "A 42-year-old woman with normal renal function presented with painful retiform purpura on the "
        "thighs. Family history: father on warfarin after a valve replacement."
    )
    case, subtype, _ = first_assessed(text)
    assert [m.assertion for m in case.medications if m.concept == "warfarin"] == ["family"]
    assert subtype != "calciphylaxis"


# ------------------------------------------------------------- a biopsy report under its own header
# "Histopathology: small-vessel calcification and thrombosis." gave no histology (the header, split off
# as its own sentence, was the only histology cue), nor did "von Kossa-positive deposits in the walls
# of subcutaneous arterioles" or "arterioles with mural calcium": calciphylaxis stayed possible.
BIOPSY_WORDINGS = [
    "Histopathology: small-vessel calcification and thrombosis.",
    "Pathology: small-vessel calcification and thrombosis.",
    "Histopathology\nSmall-vessel calcification and thrombosis.",
    "Biopsy showed von Kossa-positive deposits in the walls of subcutaneous arterioles.",
    "Biopsy showed subcutaneous arterioles with mural calcium and concentric intimal fibroplasia.",
]


@pytest.mark.parametrize("biopsy", BIOPSY_WORDINGS)
def test_a_biopsy_report_in_other_words_shows_vascular_calcification(biopsy: str) -> None:
    text = f"A 65-year-old woman receiving peritoneal dialysis had a painful ulcer on her calf.\n{biopsy}"
    case, subtype, certainty = first_assessed(text)
    assert "vascular_calcification_histology" in histology_concepts(case)
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")


def test_a_line_after_another_header_is_no_biopsy() -> None:
    text = (
        "A 65-year-old woman receiving peritoneal dialysis had a painful ulcer on her calf.\n"
        "Imaging: small-vessel calcification on plain films."
    )
    case, _, certainty = first_assessed(text)
    assert "vascular_calcification_histology" not in histology_concepts(case)
    assert certainty != "confirmed"


def test_a_pathologists_caveat_keeps_calciphylaxis_below_confirmed() -> None:
    text = (
        "A 59-year-old man with stage 4 CKD and type 2 diabetes presented with a painful purple plaque on the "
        "thigh. Skin biopsy showed vascular calcification in the subcutaneous fat, which can be incidental in "
        "diabetes and does not establish calciphylaxis."
    )
    _, subtype, certainty = first_assessed(text)
    assert (subtype, certainty) != ("calciphylaxis", "confirmed")


@pytest.mark.parametrize("lesion", ["a painful red patch", "a tender erythematous patch", "tender red plaques"])
def test_early_calciphylaxis_as_a_painful_red_patch_is_possible(lesion: str) -> None:
    text = (
        f"A 66-year-old man on haemodialysis with {lesion} on the inner thigh. "
        "Calciphylaxis suspected; biopsy requested."
    )
    case, subtype, _ = first_assessed(text)
    assert assertions(case)["painful_erythema"] == "present"
    assert subtype == "calciphylaxis"


# ------------------------------------------------------------------------ pregnancy in other words
# "She is gravida 2, currently 22 weeks.", "Gestation 28 weeks.", "26 weeks gravid", "currently 18/40"
# and "with child" left the pregnancy unread (diltiazem, bisphosphonates, minocycline offered);
# "not currently pregnant" and "not currently breastfeeding" read as yes; a dated past pregnancy and
# breastfeeding "until last year" read as now.
FRAME = "A 32-year-old woman with systemic sclerosis and digital calcinosis on X-ray. {} Calcium normal."


@pytest.mark.parametrize(
    "words",
    [
        "She is gravida 2, currently 22 weeks.",
        "Gestation 28 weeks.",
        "She is 26 weeks gravid.",
        "She is gravid at 20 weeks.",
        "She is currently 18/40.",
        "She is with child (14 weeks).",
    ],
)
def test_a_pregnancy_told_in_other_words_withholds_what_pregnancy_forbids(words: str) -> None:
    case = assess(FRAME.format(words)).cases[0]
    assert case.patient.pregnant is True
    assert "diltiazem" not in {t.id for t in case.assessment.treatments}


@pytest.mark.parametrize(
    ("words", "pregnant", "lactating"),
    [
        ("She is not currently pregnant. She is not currently breastfeeding.", False, False),
        ("She is 8 weeks postpartum and exclusively breast-feeding.", None, True),
        ("Calcinosis was first noted during her pregnancy in 2019.", None, None),
        ("She was breastfeeding until last year.", None, False),
    ],
)
def test_pregnancy_and_breastfeeding_now_not_then(words: str, pregnant: bool | None, lactating: bool | None) -> None:
    patient = first_case(FRAME.format(words)).patient
    assert (patient.pregnant, patient.lactating) == (pregnant, lactating)


# ------------------------------------------------------------ a test's current value after an old one
# "Previous eGFR 72, now 24" was eGFR 72 (bisphosphonates and probenecid offered), "declined from 70 to
# 25" no eGFR at all, "Calcium was low at 1.9 last year but is now 2.35" a low calcium.
@pytest.mark.parametrize(
    ("words", "analyte", "value", "interpretation"),
    [
        ("Previous eGFR 72, now 24 mL/min/1.73 m2.", "egfr", 24.0, None),
        ("eGFR was 70 last year and is now 25 mL/min/1.73m2.", "egfr", 25.0, None),
        ("Her eGFR declined from 70 to 25 mL/min/1.73 m2 over the past year.", "egfr", 25.0, None),
        ("Calcium was low at 1.9 mmol/L last year but is now 2.35 mmol/L.", "calcium", 2.35, "normal"),
        ("Phosphate was 2.4 mmol/L three months ago and is now 1.3 mmol/L.", "phosphate", 1.3, "normal"),
    ],
)
def test_the_current_value_of_a_test_is_read(
    words: str, analyte: str, value: float, interpretation: str | None
) -> None:
    text = f"A 32-year-old woman with systemic sclerosis and digital calcinosis on X-ray. {words}"
    labs = [lab for lab in first_case(text).labs if lab.analyte == analyte]
    assert [(lab.value, lab.interpretation) for lab in labs] == [(value, interpretation)]


def test_a_fall_after_treatment_keeps_the_value_at_presentation() -> None:
    case = first_case(
        "A 50-year-old man had hard nodules on the elbows. Calcium fell from 3.1 to 2.4 mmol/L after parathyroidectomy."
    )
    assert [lab.value for lab in case.labs if lab.analyte == "calcium"] == []


def test_a_low_egfr_now_withholds_bisphosphonates() -> None:
    case = assess(FRAME.format("Previous eGFR 72, now 24 mL/min/1.73 m2.")).cases[0]
    assert "bisphosphonates" not in {t.id for t in case.assessment.treatments}


# ------------------------------------------------------------------- a form's field answered no
# "History of CKD: none. Diabetes: no. Warfarin: no." gave CKD, diabetes and warfarin present, and
# calciphylaxis (possible) from them; so did "Warfarin: N", "CKD (-)", "ESRD - denies" and "[ ] Warfarin".
@pytest.mark.parametrize(
    "fields",
    [
        "History of CKD: none. Diabetes: no. Warfarin: no.",
        "CKD: denies. Diabetes: N. Warfarin: N.",
        "CKD (-), DM (-), warfarin (-).",
        "CKD - denies. Diabetes - no. Warfarin - none.",
        "[ ] CKD [ ] Diabetes [ ] Warfarin [x] Hypertension",
    ],
)
def test_a_field_answered_no_denies_its_item(fields: str) -> None:
    case, subtype, _ = first_assessed(f"55F with painful leg ulcers. {fields}")
    found = assertions(case)
    assert (found["chronic_kidney_disease"], found["diabetes"]) == ("absent", "absent")
    assert [m.assertion for m in case.medications if m.concept == "warfarin"] == ["absent"]
    assert subtype != "calciphylaxis"


@pytest.mark.parametrize("fields", ["Calcinosis: no ulceration.", "Dialysis: no complications.", "Warfarin: yes."])
def test_control_a_field_with_another_answer_keeps_its_item(fields: str) -> None:
    case = first_case(f"55F with hard nodules on the elbows. {fields}")
    found = {**assertions(case), **{m.concept: m.assertion for m in case.medications}}
    assert "absent" not in {found.get("dialysis"), found.get("warfarin")}


# -------------------------------------------------------------- a drug listed, held or taken long ago
# "Allergies: coumadin (hives)" made warfarin a current drug (a cause of calciphylaxis, with advice to
# stop it); "Allergic to Cardizem", "hypersensitive to colchicine", "Allergies include penicillin and
# diltiazem" were no allergy (the drug offered); "on hold", "Holding warfarin", "[DISCONTINUED]", a
# course completed and warfarin taken "once ... in 2010" read as taken now.
@pytest.mark.parametrize(
    ("words", "status"),
    [
        ("Allergies: coumadin (hives), sulfa.", "absent"),
        ("Meds: warfarin 5 mg PO daily - on hold.", "historical"),
        ("Holding warfarin.", "historical"),
        ("Warfarin 2 mg PO qHS [DISCONTINUED].", "historical"),
        ("She was once on warfarin for a DVT in 2010.", "historical"),
        ("Warfarin x 6 mo for DVT, completed.", "historical"),
        ("STOPPED medications: calcium carbonate, warfarin.", "historical"),
        ("She started warfarin in 2019 for atrial fibrillation.", "present"),
    ],
)
def test_warfarin_not_taken_now_is_no_cause_to_review(words: str, status: str) -> None:
    case, _, _ = first_assessed(f"60F on haemodialysis with painful retiform purpura on the thighs. {words}")
    assert [m.assertion for m in case.medications if m.concept == "warfarin"] == [status]
    review = [a for a in case.assessment.actions if a.medication == "warfarin"]
    assert bool(review) == (status == "present")


@pytest.mark.parametrize(
    ("words", "drug"),
    [
        ("Allergic to Cardizem.", "diltiazem"),
        ("She developed angioedema after Cardizem.", "diltiazem"),
        ("She is hypersensitive to colchicine.", "colchicine"),
        ("Allergies include penicillin and diltiazem.", "diltiazem"),
    ],
)
def test_an_allergy_told_in_other_words_withholds_the_drug(words: str, drug: str) -> None:
    case, _, _ = first_assessed(f"32F with systemic sclerosis and digital calcinosis on X-ray. {words}")
    assert drug not in {t.id for t in case.assessment.treatments}
    assert f"{drug}_allergy" in {f.concept for f in case.findings}


# --------------------------------------------------------------- an infection now, or one long over
# "is septic from an infected ulcer" was no active infection (rituximab offered); "History of sepsis 3
# years ago", "She previously had sepsis", "Active TB was treated in 2015" were (rituximab withheld).
DM = "A 45-year-old woman with active dermatomyositis and calcinosis cutis on radiographs"


@pytest.mark.parametrize(
    ("words", "status"),
    [
        (f"{DM} is septic from an infected ulcer over a calcinotic nodule.", "present"),
        (f"{DM}. She previously had sepsis in 2018, fully treated.", "historical"),
        (f"{DM}. History of sepsis 3 years ago.", "historical"),
        (f"{DM}. Active TB was treated in 2015.", "historical"),
    ],
)
def test_an_infection_now_withholds_rituximab_and_one_long_over_does_not(words: str, status: str) -> None:
    case, _, _ = first_assessed(words)
    assert assertions(case)["active_serious_infection"] == status
    withheld = {t.id for t in case.assessment.withheld_treatments}
    assert ("rituximab" in withheld) == (status == "present")


def test_control_a_lasting_disease_with_a_date_is_still_present() -> None:
    case = first_case(f"{DM}. She was diagnosed with systemic sclerosis 3 years ago.")
    assert assertions(case)["systemic_sclerosis"] == "present"


# ----------------------------------------------------------- a note's family and social history
# "FHx: mother with SSc, sister with dermatomyositis." gave the patient dermatomyositis (the family's
# scope ended at the comma), and so did "FH: Mom w/ scleroderma", "Fam hx significant for ...",
# "Mother DM2.", "SHx: lives with husband who is on hemodialysis" (dialysis) and "Wife on warfarin."
@pytest.mark.parametrize(
    ("words", "concept"),
    [
        ("FHx: mother with SSc, sister with dermatomyositis.", "dermatomyositis"),
        ("FHx: father had ESRD on HD. Mother DM2.", "diabetes"),
        ("FH: Mom w/ scleroderma.", "systemic_sclerosis"),
        ("Family history: Mother - SLE.", "systemic_lupus_erythematosus"),
        ("Fam hx significant for dermatomyositis in maternal aunt.", "dermatomyositis"),
        ("SHx: lives with husband who is on hemodialysis.", "dialysis"),
    ],
)
def test_a_notes_relatives_keep_their_diseases(words: str, concept: str) -> None:
    case = first_case(f"52F, painful hard nodules on both elbows. {words}", mode="note")
    assert assertions(case)[concept] == "family"


def test_a_spouses_warfarin_is_not_the_patients() -> None:
    case, subtype, _ = first_assessed("60F with painful purpura on the thighs. Wife on warfarin.")
    assert [m.assertion for m in case.medications if m.concept == "warfarin"] == ["family"]
    assert subtype != "calciphylaxis"


def test_control_the_patients_own_disease_after_her_family_history() -> None:
    case = first_case("52F, hard nodules on both elbows. FHx: mother with SSc. She has dermatomyositis.", mode="note")
    assert assertions(case)["dermatomyositis"] == "present"


# ------------------------------------------------------------------------- a nursing note, a note's +
# "IV infiltrated L antecubital, calcium gluconate running." was no extravasation; "Denies fever. +
# painful ulcer L thigh." denied the ulcer (no sentence break before "+"); "was evaluated for painful
# necrotic ulcers" made the ulcers hypothetical; "A diagnosis of ... was made." on its own line was dropped.
@pytest.mark.parametrize(
    "note",
    [
        "3-week-old M in NICU. IV infiltrated L antecubital, calcium gluconate running. Now firm white plaque "
        "L antecubital fossa.",
        "3-week-old M in NICU. PIV R hand infiltrated w/ 10% calcium gluconate. Now hard nodule on the R hand.",
    ],
)
def test_an_infiltrated_line_is_an_extravasation(note: str) -> None:
    case, subtype, _ = first_assessed(note)
    assert "calcium_extravasation" in {e.concept for e in case.exposures if e.assertion == "present"}
    assert subtype == "iatrogenic"


def test_a_plus_sign_opens_a_finding_after_a_denial() -> None:
    found = assertions(first_case("55F with ESRD. Denies fever. + painful ulcer L thigh.", mode="note"))
    assert found["painful_ulcer"] == "present"


def test_the_complaint_evaluated_is_the_patients() -> None:
    text = "A 61-year-old woman on hemodialysis was evaluated for painful necrotic ulcers on the thighs."
    assert assertions(first_case(text))["necrotic_ulcer"] == "present"


def test_control_a_disease_evaluated_for_stays_hypothetical() -> None:
    text = "A 61-year-old woman had hard nodules. She was evaluated for sarcoidosis and the work-up was unremarkable."
    assert assertions(first_case(text)).get("sarcoidosis") in (None, "hypothetical", "absent")


@pytest.mark.parametrize(
    "line",
    [
        "A diagnosis of idiopathic calcinosis cutis was made.",
        "The final diagnosis was idiopathic calcinosis cutis.",
        "These findings established the diagnosis of idiopathic calcinosis cutis.",
    ],
)
def test_a_diagnosis_on_a_line_of_its_own_is_the_cases(line: str) -> None:
    text = (
        "Case report\nA 58-year-old woman presented with hard plaques on both calves. Biopsy showed calcium "
        f"deposits in the dermis.\n{line}"
    )
    assert stated_subtype(text) == "idiopathic"


# ------------------------------------------------------- another report's patient in a letter
# "In another report, a 52-year-old woman with primary hyperparathyroidism developed calciphylaxis"
# made a second case of a letter; "Unlike our patient, the 45-year-old man reported by Chen had
# hypercalcemia and primary hyperparathyroidism" gave our patient both (metastatic, probable).
@pytest.mark.parametrize(
    "cited",
    [
        "In another report, a 52-year-old woman with primary hyperparathyroidism developed calciphylaxis.",
        "Another report described a 52-year-old woman with primary hyperparathyroidism and calciphylaxis.",
        "Chen and colleagues reported a 45-year-old man with primary hyperparathyroidism and calciphylaxis.",
    ],
)
def test_another_reports_patient_is_no_case_of_the_letter(cited: str) -> None:
    text = (
        "To the Editor:\nA 63-year-old woman taking warfarin developed calciphylaxis of the thighs with normal "
        f"renal function.\n{cited}"
    )
    cases = assess(text).cases
    assert [c.patient.age_years for c in cases] == [63.0]
    assert "primary_hyperparathyroidism" not in {f.concept for f in cases[0].findings if f.assertion == "present"}


def test_a_patient_compared_with_ours_is_not_ours() -> None:
    text = (
        "A 33-year-old woman had hard nodules on the ear. Calcium and phosphate were normal.\nDiscussion\n"
        "Unlike our patient, the 45-year-old man reported by Chen had hypercalcemia and primary hyperparathyroidism."
    )
    case, subtype, _ = first_assessed(text)
    assert "primary_hyperparathyroidism" not in {f.concept for f in case.findings if f.assertion == "present"}
    assert subtype != "metastatic"


# ------------------------------------------------------------- a multiple of the limit, a trend
# "PTH was 15 times the upper limit of normal" read PTH 15 (normal): the multiple was taken for the
# value and "normal" for its state; "Ca 9.1 -> 10.2" kept the older 9.1 (normal).
@pytest.mark.parametrize(
    ("words", "analyte"),
    [
        ("PTH was 15 times the upper limit of normal.", "pth"),
        ("Serum phosphate was twice the upper limit of normal.", "phosphate"),
        ("PTH was 3-fold above the upper limit of normal.", "pth"),
    ],
)
def test_a_multiple_of_the_upper_limit_is_high_with_no_value(words: str, analyte: str) -> None:
    labs = [lab for lab in first_case(f"A 50-year-old woman with hard nodules. {words}").labs if lab.analyte == analyte]
    assert [(lab.value, lab.interpretation) for lab in labs] == [(None, "high")]


def test_a_notes_trend_arrow_gives_the_latest_value() -> None:
    labs = [lab for lab in first_case("50F with hard nodules. Ca 9.1 -> 10.2 mg/dL.").labs if lab.analyte == "calcium"]
    assert [(lab.value, lab.interpretation) for lab in labs] == [(10.2, "high")]


# ------------------------------------------------------------------------ PTH-related peptide
# "a PTH-related peptide of 8.4 pmol/L and a suppressed intact PTH of 6 pg/mL" gave two PTH results,
# one high: the raised PTHrP of a malignancy read as a raised PTH.
@pytest.mark.parametrize(
    "words",
    [
        "Calcium was 3.2 mmol/L, with a PTH-related peptide of 8.4 pmol/L and a suppressed intact PTH of 6 pg/mL.",
        "Parathyroid hormone-related protein was 8.4 pmol/L; intact PTH was 6 pg/mL.",
    ],
)
def test_pth_related_peptide_is_not_pth(words: str) -> None:
    labs = [lab for lab in first_case(f"A 60-year-old man had hard nodules. {words}").labs if lab.analyte == "pth"]
    assert [(lab.value, lab.interpretation) for lab in labs] == [(6.0, "low")]


# ----------------------------------------------------------------------- a sex letter after "old"
# "3-week-old M", "61 year old F", "18 mo old F" gave no sex (only "61 yo F" and "61F" did).
@pytest.mark.parametrize(
    ("opening", "sex"),
    [
        ("3-week-old M in NICU with a firm white plaque on the heel.", "male"),
        ("61 year old F with limited SSc and hard nodules on the fingers.", "female"),
        ("61 yr old M on HD with painful purpura of the thighs.", "male"),
        ("18 mo old F with a hard papule on the heel.", "female"),
    ],
)
def test_a_sex_letter_after_old_is_the_sex(opening: str, sex: str) -> None:
    assert first_case(opening, mode="note").patient.sex == sex


@pytest.mark.parametrize("opening", ["A 61-year-old M. Dakin had nodules.", "The 45-year-old F. Smith had nodules."])
def test_control_an_initial_after_old_is_no_sex(opening: str) -> None:
    assert first_case(opening).patient.sex is None
