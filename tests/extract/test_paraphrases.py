"""Paraphrases: each kind of fact said in many ways (the project's own words), read the same.

Every variant is a short report written for this test: one sentence carries the fact, the rest
is neutral scaffolding. The kinds: age, sex, sites, conditions, exposures, negated findings, labs
with units and ranges, the stated diagnosis, pregnancy, medications.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from tests.extract.reading import first_case

LESION = "Examination showed hard white nodules on the forearms."


def _present(case: Case) -> set[str]:
    return {f.concept for f in [*case.findings, *case.exposures] if f.assertion in ("present", "historical")}


def _absent(case: Case) -> set[str]:
    return {f.concept for f in [*case.findings, *case.exposures] if f.assertion == "absent"}


# ---------------------------------------------------------------------------------------- age
AGES = [
    ("A 47-year-old woman presented with nodules on the forearms.", 47),
    ("A 47 year old woman presented with nodules on the forearms.", 47),
    ("A woman aged 47 years presented with nodules on the forearms.", 47),
    ("A woman, aged 47, presented with nodules on the forearms.", 47),
    ("A 47-yr-old woman presented with nodules on the forearms.", 47),
    ("A forty-seven-year-old woman presented with nodules on the forearms.", 47),
    ("The patient, a woman of 47 years, presented with nodules on the forearms.", 47),
    ("A 6-month-old girl presented with nodules on the forearms.", 0.5),
    ("A 3-week-old boy presented with nodules on the forearms.", 3 * 7 / 365.25),
    ("A 2-year-old boy presented with nodules on the forearms.", 2),
    ("An 81-year-old man presented with nodules on the forearms.", 81),
]


@pytest.mark.parametrize(("sentence", "years"), AGES)
def test_age(sentence: str, years: float) -> None:
    age = first_case(f"{sentence} {LESION}").patient.age_years
    assert age is not None
    assert abs(age - years) <= (0.05 if years < 2 else 0.5), (sentence, age)


# ---------------------------------------------------------------------------------------- sex
SEXES = [
    ("A 52-year-old woman presented with nodules.", "female"),
    ("A 52-year-old lady presented with nodules.", "female"),
    ("A 52-year-old female presented with nodules.", "female"),
    ("A 52-year-old female patient presented with nodules.", "female"),
    ("A 9-year-old girl presented with nodules.", "female"),
    ("A 52-year-old patient presented with nodules. She had no fever. Her history was unremarkable.", "female"),
    ("A 52-year-old man presented with nodules.", "male"),
    ("A 52-year-old gentleman presented with nodules.", "male"),
    ("A 52-year-old male presented with nodules.", "male"),
    ("A 9-year-old boy presented with nodules.", "male"),
    ("A 52-year-old patient presented with nodules. He had no fever. His history was unremarkable.", "male"),
]


@pytest.mark.parametrize(("sentence", "sex"), SEXES)
def test_sex(sentence: str, sex: str) -> None:
    assert first_case(f"{sentence} {LESION}").patient.sex == sex


# -------------------------------------------------------------------------------------- sites
SITES = [
    ("There were firm nodules on the left elbow.", "elbow", "left"),
    ("Firm nodules were found over the right knee.", "knee", "right"),
    ("She had hard papules on both hands.", "hand", "bilateral"),
    ("Chalky deposits involved the fingertips bilaterally.", "fingertip", "bilateral"),
    ("A firm plaque developed on the scrotum.", "scrotum", None),
    ("Hard nodules studded the buttocks.", "buttock", None),
    ("A white papule was present on the right eyelid.", "eyelid", "right"),
]


@pytest.mark.parametrize(("sentence", "site", "laterality"), SITES)
def test_sites(sentence: str, site: str, laterality: str | None) -> None:
    case = first_case(f"A 40-year-old woman was seen in clinic. {sentence}")
    found = [(lesion.site.lower(), lesion.laterality) for lesion in case.lesions]
    assert any(site in name for name, _ in found), found
    if laterality is not None:
        assert any(site in name and side == laterality for name, side in found), found


# ---------------------------------------------------------------------------------- conditions
CONDITIONS = [
    ("She has had limited cutaneous systemic sclerosis for ten years.", "systemic_sclerosis"),
    ("She is known to have scleroderma.", "systemic_sclerosis"),
    ("Her past history includes CREST syndrome.", "systemic_sclerosis"),
    ("She was diagnosed with dermatomyositis in 2015.", "dermatomyositis"),
    ("She has systemic lupus erythematosus (SLE). SLE was quiet.", "systemic_lupus_erythematosus"),
    ("She has end-stage renal disease and is on haemodialysis.", "end_stage_renal_disease"),
    ("She has end-stage renal disease (ESRD). ESRD was due to diabetes.", "end_stage_renal_disease"),
    ("She has end stage kidney disease.", "end_stage_renal_disease"),
    ("She has chronic kidney disease stage 4.", "chronic_kidney_disease"),
    ("She has chronic renal failure.", "chronic_kidney_disease"),
    ("She is on maintenance hemodialysis.", "dialysis"),
    ("She receives peritoneal dialysis.", "dialysis"),
    ("She had primary hyperparathyroidism from a parathyroid adenoma.", "primary_hyperparathyroidism"),
    ("She has secondary hyperparathyroidism.", "secondary_hyperparathyroidism"),
    ("She has Down syndrome.", "down_syndrome"),
    ("She has trisomy 21.", "down_syndrome"),
    ("She had acute lymphoblastic leukaemia as a child.", "leukaemia"),
    ("She has acute lymphoblastic leukemia.", "leukaemia"),
    ("She has linear scleroderma of the leg.", "morphea"),
    ("She has localised morphoea.", "morphea"),
    ("She had a renal transplant in 2012.", "kidney_transplant"),
    ("She has alcoholic cirrhosis.", "cirrhosis"),
    ("She has multiple myeloma.", "multiple_myeloma"),
    ("She has sarcoidosis.", "sarcoidosis"),
    ("She has pseudoxanthoma elasticum.", "pseudoxanthoma_elasticum"),
]


@pytest.mark.parametrize(("sentence", "concept"), CONDITIONS)
def test_conditions(sentence: str, concept: str) -> None:
    assert concept in _present(first_case(f"A 50-year-old woman was referred. {sentence} {LESION}"))


# ----------------------------------------------------------------------------------- exposures
EXPOSURES = [
    ("The infant received intravenous calcium gluconate for hypocalcaemia.", "iv_calcium"),
    ("Calcium gluconate was infused through a hand vein.", "iv_calcium"),
    ("She was given IV calcium chloride during resuscitation.", "iv_calcium"),
    ("A calcium-containing infusion had been given in the right foot.", "iv_calcium"),
    ("Extravasation of calcium gluconate occurred at the right wrist.", "calcium_extravasation"),
    ("The line failed, and the extravasated calcium gluconate left a hard plaque.", "calcium_extravasation"),
    ("An infusion leak was noticed at the ankle.", "calcium_extravasation"),
    ("There had been intravenous infiltration at the dorsum of the hand.", "calcium_extravasation"),
    ("EEG electrode paste had been applied to the scalp.", "electrode_paste"),
    ("Nodules appeared at the EEG electrodes sites after the recording.", "electrode_paste"),
    ("She received subcutaneous nadroparin for thrombosis prophylaxis.", "calcium_heparin"),
    ("Calcium heparin was injected into the abdominal wall.", "calcium_heparin"),
    ("She was given calcium-containing heparin injections.", "calcium_heparin"),
    ("The newborn had repeated heel sticks.", "heel_sticks"),
    ("Blood had been taken by heel-prick on many occasions.", "heel_sticks"),
    ("He had grazed the knee badly, with deep abrasions, when he came off his bicycle.", "local_trauma"),
    ("For years she had chewed calcium carbonate antacid tablets for heartburn.", "calcium_alkali_intake"),
    ("She had a burn injury of the arm as a child.", "burn"),
    ("She took warfarin for atrial fibrillation.", "warfarin"),
]


@pytest.mark.parametrize(("sentence", "concept"), EXPOSURES)
def test_exposures(sentence: str, concept: str) -> None:
    assert concept in _present(first_case(f"A 30-year-old woman was seen. {sentence} {LESION}"))


# ---------------------------------------------------------------------------- negated findings
NEGATED = [
    ("She had no history of renal disease.", "chronic_kidney_disease"),
    ("There was no history of trauma.", "local_trauma"),
    ("She denied any trauma.", "local_trauma"),
    ("Trauma was denied.", "local_trauma"),
    ("She did not have Raynaud phenomenon.", "raynaud_phenomenon"),
    ("Raynaud phenomenon was absent.", "raynaud_phenomenon"),
    ("She was negative for Raynaud phenomenon.", "raynaud_phenomenon"),
    ("Without any sign of Raynaud phenomenon, the hands were warm.", "raynaud_phenomenon"),
    ("She had neither dermatomyositis nor scleroderma.", "dermatomyositis"),
    ("There was no evidence of systemic sclerosis.", "systemic_sclerosis"),
    ("Systemic sclerosis was ruled out.", "systemic_sclerosis"),
]


@pytest.mark.parametrize(("sentence", "concept"), NEGATED)
def test_negated_findings(sentence: str, concept: str) -> None:
    case = first_case(f"A 45-year-old woman presented with nodules. {sentence} {LESION}")
    assert concept in _absent(case)
    assert concept not in _present(case)


# ----------------------------------------------------------------------------------------- labs
LABS = [
    ("Serum calcium was 11.8 mg/dL.", "calcium", 11.8, "high"),
    ("Calcium was 11.8 mg/dL (normal 8.5-10.5).", "calcium", 11.8, "high"),
    ("Her serum calcium measured 2.95 mmol/L (2.10-2.60).", "calcium", 2.95, "high"),
    ("Calcium 2.3 mmol/L (reference 2.2-2.6) was normal.", "calcium", 2.3, "normal"),
    ("Phosphate was 7.9 mg/dL.", "phosphate", 7.9, "high"),
    ("Serum phosphorus was 2.1 mmol/L.", "phosphate", 2.1, "high"),
    ("The phosphate level was 1.1 mmol/L, within the normal range.", "phosphate", 1.1, "normal"),
    ("Intact PTH was 480 pg/mL.", "pth", 480, "high"),
    ("Parathyroid hormone was raised at 92 pmol/L.", "pth", 92, "high"),
    ("25-hydroxyvitamin D was 8 ng/mL.", "vitamin_d_25oh", 8, "low"),
    ("Creatinine was 6.2 mg/dL.", "creatinine", 6.2, "high"),
    ("Uric acid was 11.4 mg/dL.", "uric_acid", 11.4, "high"),
]


@pytest.mark.parametrize(("sentence", "analyte", "value", "interpretation"), LABS)
def test_labs(sentence: str, analyte: str, value: float, interpretation: str) -> None:
    case = first_case(f"A 60-year-old man presented with nodules. {sentence} {LESION}")
    labs = [lab for lab in case.labs if lab.analyte == analyte]
    assert labs, [lab.analyte for lab in case.labs]
    assert any(lab.value == value for lab in labs), [(lab.value, lab.unit) for lab in labs]
    assert any(lab.interpretation == interpretation for lab in labs if lab.value == value)


LAB_WORDS = [
    ("She had hypercalcaemia.", "calcium", "high"),
    ("She was hypercalcemic on admission.", "calcium", "high"),
    ("Marked hyperphosphataemia was present.", "phosphate", "high"),
    ("She was hypocalcemic.", "calcium", "low"),
    ("Calcium and phosphate levels were within normal limits.", "phosphate", "normal"),
    ("Serum calcium was normal.", "calcium", "normal"),
    ("The PTH was elevated.", "pth", "high"),
]


@pytest.mark.parametrize(("sentence", "analyte", "interpretation"), LAB_WORDS)
def test_lab_statements_without_values(sentence: str, analyte: str, interpretation: str) -> None:
    case = first_case(f"A 60-year-old woman presented with nodules. {sentence} {LESION}")
    assert (analyte, interpretation) in {(lab.analyte, lab.interpretation) for lab in case.labs}


# ----------------------------------------------------------------------------- stated diagnosis
STATED = [
    ("A diagnosis of idiopathic calcinosis cutis was made.", "idiopathic"),
    ("The final diagnosis was idiopathic calcinosis cutis.", "idiopathic"),
    ("Final diagnosis: idiopathic calcinosis cutis.", "idiopathic"),
    ("Histology confirmed the diagnosis of idiopathic calcinosis cutis.", "idiopathic"),
    ("She was diagnosed with idiopathic calcinosis cutis.", "idiopathic"),
    ("We diagnosed idiopathic calcinosis cutis.", "idiopathic"),
    ("The findings were consistent with dystrophic calcinosis cutis.", "dystrophic"),
    ("Biopsy was compatible with dystrophic calcification.", "dystrophic"),
    ("The picture was in keeping with calciphylaxis.", "calciphylaxis"),
    ("Histopathology was typical of calcific uraemic arteriolopathy.", "calciphylaxis"),
    ("We report a case of iatrogenic calcinosis cutis.", "iatrogenic"),
    ("We describe an unusual case of metastatic calcinosis cutis.", "metastatic"),
    ("We present a rare case of calcinosis cutis of the metastatic type.", "metastatic"),
    ("This is a case of subepidermal calcified nodule.", "idiopathic"),
    ("We report a case of scrotal calcinosis.", None),
    ("We report a case of calcinosis cutis in juvenile dermatomyositis.", "dystrophic"),
    ("We report a case of calcinosis cutis following calcium gluconate extravasation.", "iatrogenic"),
    ("Histology showed gouty tophi.", "not_calcinosis"),
    ("The diagnosis of osteoma cutis was made.", "not_calcinosis"),
]


@pytest.mark.parametrize(("sentence", "subtype"), STATED)
def test_stated_diagnosis(sentence: str, subtype: str | None) -> None:
    text = f"A 33-year-old woman presented with nodules on the forearms. {sentence}"
    stated = first_case(text).stated
    if subtype is None:
        assert stated is None or stated.subtype is None
        return
    assert stated is not None and stated.subtype == subtype, stated


NOT_STATED = [
    "Metastatic calcinosis cutis has been described in patients with breast carcinoma.",
    "Most cases of idiopathic calcinosis cutis occur in children [3].",
    "Smith et al reported dystrophic calcinosis cutis in a cohort of 20 patients.",
    "The differential diagnosis included calciphylaxis.",
    "She had metastatic breast carcinoma treated in 2019.",
    "Calciphylaxis was initially suspected.",
]


@pytest.mark.parametrize("sentence", NOT_STATED)
def test_not_a_stated_diagnosis(sentence: str) -> None:
    text = f"A 58-year-old woman presented with nodules on the forearms. {sentence}"
    stated = first_case(text).stated
    assert stated is None or stated.subtype is None, stated


# -------------------------------------------------------------------------------------- pregnancy
PREGNANCY = [
    ("She was at 28 weeks of gestation.", True, 28, None),
    ("She was 24 weeks pregnant.", True, 24, None),
    ("She was in her third trimester.", True, None, None),
    ("She was pregnant with her second child.", True, None, None),
    ("During her pregnancy the nodules enlarged.", True, None, None),
    ("She was not pregnant.", False, None, None),
    ("A urine pregnancy test was negative.", False, None, None),
    ("She was breastfeeding her 4-month-old son.", None, None, True),
    ("She was not breastfeeding.", None, None, False),
    ("She had nodules on the forearms for two years.", None, None, None),
]


@pytest.mark.parametrize(("sentence", "pregnant", "weeks", "lactating"), PREGNANCY)
def test_pregnancy(sentence: str, pregnant: bool | None, weeks: float | None, lactating: bool | None) -> None:
    patient = first_case(f"A 31-year-old woman presented with nodules. {sentence} {LESION}").patient
    assert (patient.pregnant, patient.gestation_weeks, patient.lactating) == (pregnant, weeks, lactating)


@pytest.mark.parametrize(
    "text",
    [
        "A 10-day-old girl born at 31 weeks of gestation had a hard plaque on the right foot.",
        "A 3-week-old preterm boy, born at 29 weeks of gestation, had hard nodules on the hand.",
        "A 6-year-old girl had nodules; her mother was pregnant at the time.",
        "A 40-year-old man had nodules on the elbows; his wife was 20 weeks pregnant.",
    ],
)
def test_a_birth_or_a_relative_is_not_the_patients_pregnancy(text: str) -> None:
    patient = first_case(text).patient
    assert patient.pregnant is None and patient.gestation_weeks is None


# ------------------------------------------------------------------------------------ medications
MEDICATIONS = [
    ("She takes warfarin 5 mg daily.", "warfarin"),
    ("She had been on warfarin for atrial fibrillation.", "warfarin"),
    ("She was treated with prednisone.", "corticosteroids"),
    ("She takes prednisolone 10 mg a day.", "corticosteroids"),
    ("Her medications include calcitriol.", "active_vitamin_d"),
    ("She was on calcium acetate as a phosphate binder.", "calcium_based_binders"),
    ("She received tacrolimus after her transplant.", "immunosuppressants"),
    ("She was on mycophenolate mofetil.", "immunosuppressants"),
]


@pytest.mark.parametrize(("sentence", "concept"), MEDICATIONS)
def test_medications(sentence: str, concept: str) -> None:
    case = first_case(f"A 64-year-old woman presented with nodules. {sentence} {LESION}")
    assert concept in {m.concept for m in case.medications}
