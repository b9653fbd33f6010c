"""Fourth round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe answer: a newborn's heel that may be
infected rather than calcified, a vasculitis named by its own name in a patient with kidney
disease, a warfarin start told in one sentence and the necrosis in the next. The assertions are on
the call and on what is offered or withheld, not on wording.
"""

from __future__ import annotations

from calcidx.assess.api import assess_case
from calcidx.assess.model import Assessment
from calcidx.case.model import Case
from calcidx.knowledge.loader import load_bundle
from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons


def _cautions(a: Assessment, option: str) -> str:
    return " ".join(c for t in [*a.treatments, *a.withheld_treatments] if t.id == option for c in t.cautions)


def test_a_febrile_discharging_heel_after_heel_sticks_is_infection_first() -> None:
    a = assessment_of(
        "A 10-day-old boy had repeated heel-stick sampling on the neonatal unit. His left heel is now "
        "swollen and red with purulent discharge from a puncture site, and he is febrile."
    )
    assert not (a.subtype.code == "iatrogenic" and a.subtype.certainty in ("probable", "confirmed"))
    assert a.differential[0].id == "infection_at_site"
    if "neonatal_observation" in offered_ids(a):
        assert "osteomyelitis" in _cautions(a, "neonatal_observation")


def test_a_draining_heel_nodule_with_fever_keeps_heel_stick_calcinosis_possible() -> None:
    a = assessment_of(
        "A 3-week-old girl has a firm nodule on the right heel at the heel-stick sites, with pus draining "
        "from it and a fever of 38.6 C."
    )
    assert a.subtype.code == "iatrogenic"
    assert a.subtype.certainty == "possible"
    assert a.differential[0].id == "infection_at_site"
    assert "osteomyelitis" in _cautions(a, "neonatal_observation")


def test_quiet_heel_nodules_after_heel_sticks_stay_probable_iatrogenic() -> None:
    a = assessment_of(
        "A former 28-week preterm girl, now 5 months old, has small hard white papules on both heels where "
        "heel sticks were done on the neonatal unit. She is well and afebrile."
    )
    assert a.subtype.code == "iatrogenic"
    assert a.subtype.certainty == "probable"


def test_necrosis_told_a_sentence_after_a_warfarin_start_names_warfarin_necrosis() -> None:
    a = assessment_of(
        "A 58-year-old man was started on warfarin for a deep vein thrombosis. On the fourth day of "
        "treatment painful dark patches on the thighs turned into haemorrhagic blisters and black necrosis."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert "warfarin_necrosis" in {d.id for d in a.differential}


def test_purple_plaques_with_hypercalcaemia_are_not_a_sign_of_calcification() -> None:
    a = assessment_of(
        "A 49-year-old man with primary hyperparathyroidism (calcium 12.0 mg/dL, PTH 210 pg/mL) has purple "
        "plaques on both shins."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")


def test_calcification_of_the_lungs_and_kidneys_on_ct_is_not_calcinosis_cutis() -> None:
    a = assessment_of(
        "A 52-year-old man with tumour lysis syndrome after chemotherapy had a phosphate of 9.4 mg/dL and "
        "metastatic calcification of the lungs and kidneys on CT."
    )
    assert a.subtype.code == "undetermined"


def test_observation_after_an_adult_extravasation_says_its_course_was_seen_in_neonates() -> None:
    a = assessment_of(
        "A 68-year-old woman on the intensive care unit had calcium gluconate extravasate from a cannula in "
        "the back of her right hand. Three weeks later there are hard white plaques over the right hand."
    )
    assert a.subtype.code == "iatrogenic"
    option = next(t for t in a.treatments if t.id == "neonatal_observation")
    assert "neonates" in option.label
    assert "older children or adults" in " ".join(option.cautions)
    assert "In infants" not in " ".join(option.cautions)
    assert "subcutaneous_fat_necrosis_newborn" not in {d.id for d in a.differential}


def test_microscopic_polyangiitis_in_kidney_disease_is_not_probable_calciphylaxis() -> None:
    a = assessment_of(
        "A 71-year-old woman with microscopic polyangiitis and chronic kidney disease (eGFR 24) has painful "
        "purpura and small necrotic ulcers on both legs."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert "vasculitis" in {d.id for d in a.differential}
    assert "iv_sts_calciphylaxis" not in offered_ids(a)


def test_perforating_calcific_elastosis_is_its_own_dystrophic_cause() -> None:
    a = assessment_of(
        "A 61-year-old obese woman with five pregnancies has an itchy brown plaque around the navel with "
        "keratotic papules at its edge. Biopsy: perforating calcific elastosis. Calcium and phosphate are normal."
    )
    assert a.subtype.code == "dystrophic"
    assert "perforating_calcific_elastosis" in {r.id for r in a.condition_roles if r.role == "cause"}


def test_dialysis_stopped_after_a_transplant_without_was_is_past() -> None:
    a = assessment_of(
        "A 50-year-old woman with systemic sclerosis; dialysis stopped after a kidney transplant four years "
        "ago. Radiographs show calcinosis of the fingertips."
    )
    assert a.subtype.code == "dystrophic"
    assert not any("dialysis" in reason.lower() for reason in withheld_reasons(a, "bisphosphonates"))
    assert "bisphosphonates" in offered_ids(a)


def test_a_hypotensive_patient_is_not_offered_diltiazem() -> None:
    a = assessment_of(
        "A 55-year-old woman with dermatomyositis has calcinosis of the forearms on radiographs. She is "
        "hypotensive (84/52 mmHg) on her current treatment."
    )
    assert "diltiazem" not in offered_ids(a)
    assert any("90 mmHg" in reason for reason in withheld_reasons(a, "diltiazem"))


def test_red_brown_papules_of_sarcoidosis_with_hypercalcaemia_are_at_most_possible() -> None:
    a = assessment_of(
        "A 45-year-old woman with sarcoidosis has red-brown papules on the face and a calcium of 11.8 mg/dL."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")


def test_firm_white_papules_with_hypercalcaemia_stay_a_clinical_sign() -> None:
    a = assessment_of(
        "A 45-year-old woman with sarcoidosis has firm white papules on the elbows and a calcium of 11.8 mg/dL."
    )
    assert a.subtype.code == "metastatic"
    assert a.subtype.certainty == "probable"


def test_retiform_plaques_in_poems_syndrome_raise_calciphylaxis_and_its_biopsy() -> None:
    a = assessment_of(
        "A 61-year-old man with POEMS syndrome has painful violaceous retiform plaques on the thighs that "
        "ulcerated. Creatinine 1.1 mg/dL."
    )
    assert a.subtype.code == "calciphylaxis" or "calciphylaxis" in {x.code for x in a.alternatives}
    assert "calciphylaxis_biopsy" in {t.id for t in a.missing_workup}


def test_not_yet_on_dialysis_is_no_dialysis() -> None:
    a = assessment_of(
        "A 62-year-old man with CKD stage 4 not yet on dialysis (eGFR 19 mL/min/1.73 m²) has firm whitish "
        "papules over the fingertips. Phosphate 7.1 mg/dL, calcium 9.8 mg/dL, PTH 410 pg/mL."
    )
    assert a.subtype.code == "metastatic"
    assert "dialysis" not in {r.id for r in a.condition_roles}


def test_primary_hyperparathyroidism_with_retiform_purpura_raises_non_uremic_calciphylaxis() -> None:
    a = assessment_of(
        "A 62-year-old woman with primary hyperparathyroidism (calcium 11.9 mg/dL, PTH 260 pg/mL) and normal "
        "renal function has exquisitely painful retiform purpura and eschar on the thighs."
    )
    assert a.subtype.code == "calciphylaxis" or "calciphylaxis" in {x.code for x in a.alternatives}
    assert "calciphylaxis_biopsy" in {t.id for t in a.missing_workup}


def test_a_pacemaker_removed_last_year_does_not_lift_the_heart_block_contraindication() -> None:
    a = assessment_of(
        "A 70-year-old man with limited scleroderma and fingertip calcinosis on X-ray had his pacemaker removed "
        "last year for infection; he has complete heart block."
    )
    assert "diltiazem" not in offered_ids(a)
    assert withheld_reasons(a, "diltiazem")


def test_a_past_pacemaker_in_a_case_record_does_not_lift_it_either() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 70, "sex": "male"},
            "lesions": [{"site": "fingertips", "morphology": ["hard", "white"]}],
            "findings": [
                {"concept": "systemic_sclerosis"},
                {"concept": "cardiac_conduction_disease"},
                {"concept": "cardiac_pacemaker", "assertion": "historical"},
            ],
        }
    )
    a = assess_case(case, load_bundle())
    assert "diltiazem" not in offered_ids(a)
