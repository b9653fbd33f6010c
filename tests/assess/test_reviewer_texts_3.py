"""Third round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe answer: hypercalcaemia with a skin rash
and no calcified lesion, a pacemaker the patient is still waiting for, a drug allergy to an option
on offer. The assertions are on the call and on what is offered or withheld, not on wording.
"""

from __future__ import annotations

from calcidx import assess
from calcidx.case.model import Case
from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons


def test_hypercalcaemia_with_a_rash_and_no_calcified_lesion_is_not_a_confident_call() -> None:
    a = assessment_of(
        "A 38-year-old woman with sarcoidosis has hypercalcaemia (calcium 12.4 mg/dL) and a rash on the shins."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")
    step = next(s for s in a.rationale if s.rule.startswith("lesion.calcinosis_evidence"))
    assert "not like calcification" in step.conclusion
    assert {"plain_radiograph", "skin_biopsy"} & {t.id for t in a.missing_workup}


def test_an_itchy_eruption_in_myeloma_with_a_high_calcium_is_at_most_possible() -> None:
    a = assessment_of(
        "An 81-year-old man with multiple myeloma had a serum calcium of 3.1 mmol/L and an itchy eruption "
        "over the chest and back a week after a course of antibiotics."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")


def test_hard_nodules_with_a_high_calcium_stay_a_clinical_sign() -> None:
    a = assessment_of(
        "An 81-year-old man with multiple myeloma had a serum calcium of 3.1 mmol/L and hard white nodules "
        "over the elbows."
    )
    assert a.subtype.code == "metastatic"
    assert a.subtype.certainty == "probable"


def test_a_pacemaker_the_patient_is_awaiting_does_not_lift_the_heart_block_contraindication() -> None:
    a = assessment_of(
        "A 66-year-old man with limited scleroderma has calcinosis of the fingertips on radiographs. He has "
        "complete heart block and is awaiting a permanent pacemaker."
    )
    assert "diltiazem" not in offered_ids(a)
    assert withheld_reasons(a, "diltiazem")


def test_a_pacemaker_in_place_lifts_it() -> None:
    a = assessment_of(
        "A 66-year-old man with limited scleroderma has calcinosis of the fingertips on radiographs. He has "
        "complete heart block treated with a permanent pacemaker."
    )
    assert "diltiazem" in offered_ids(a)


def test_an_allergy_to_ceftriaxone_withholds_ceftriaxone() -> None:
    a = assessment_of(
        "A 47-year-old woman with lupus has calcinosis of the buttocks on radiographs. She is allergic to "
        "ceftriaxone and to sulfa drugs."
    )
    assert "ceftriaxone" not in offered_ids(a)
    assert any("cephalosporin" in reason for reason in withheld_reasons(a, "ceftriaxone"))


def test_a_penicillin_allergy_on_an_allergy_line_withholds_ceftriaxone() -> None:
    a = assessment_of(
        "A 52-year-old woman with systemic lupus erythematosus has hard nodules on the buttocks; radiographs "
        "show calcinosis. Allergies: penicillin (anaphylaxis), codeine."
    )
    assert "ceftriaxone" not in offered_ids(a)
    assert withheld_reasons(a, "ceftriaxone")


def test_no_known_drug_allergies_withholds_no_ceftriaxone() -> None:
    a = assessment_of(
        "A 47-year-old woman with lupus has calcinosis of the buttocks on radiographs. No known drug allergies."
    )
    assert "ceftriaxone" in offered_ids(a)


def test_toe_ulcers_with_weak_pulses_on_dialysis_leave_calciphylaxis_possible_beside_arterial_disease() -> None:
    a = assessment_of(
        "A 77-year-old man on haemodialysis has painful necrotic ulcers on the tips of two toes of the right "
        "foot. Pedal pulses are weak and he has had intermittent claudication for a year."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert a.differential[0].id == "atherosclerotic_or_diabetic_ulcer"


def test_necrosis_days_after_starting_warfarin_points_to_warfarin_necrosis_not_calciphylaxis() -> None:
    a = assessment_of(
        "A 63-year-old woman developed painful red patches on the right thigh four days after starting "
        "warfarin for a deep vein thrombosis; within a day they became haemorrhagic bullae and a black eschar. "
        "Renal function is normal."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert a.differential[0].id == "warfarin_necrosis"
    assert "calciphylaxis_biopsy" in {t.id for t in a.missing_workup}


def test_necrosis_after_years_of_warfarin_stays_calciphylaxis() -> None:
    a = assessment_of(
        "A 66-year-old woman who has taken warfarin for eight years for atrial fibrillation developed painful "
        "purpuric plaques on the thighs with black eschar. Renal function is normal."
    )
    assert a.subtype.code == "calciphylaxis"
    assert "warfarin" in {x.medication for x in a.actions}


def test_hard_nodules_at_insulin_injection_sites_are_dystrophic_not_idiopathic() -> None:
    a = assessment_of(
        "A 52-year-old woman with type 1 diabetes has hard subcutaneous nodules at her insulin injection sites "
        "on the thighs; a radiograph shows calcified deposits. Calcium, phosphate and kidney function are normal."
    )
    assert a.subtype.code == "dystrophic"


def test_nodules_where_calcium_heparin_was_injected_stay_iatrogenic() -> None:
    a = assessment_of(
        "A 79-year-old woman received calcium nadroparin injections into the abdominal wall. Firm nodules then "
        "appeared on the abdomen at the injection sites; biopsy showed calcium deposits in the dermis. Calcium "
        "and phosphate were normal."
    )
    assert a.subtype.code == "iatrogenic"


def test_crepitus_and_soft_tissue_gas_on_dialysis_point_to_a_necrotising_infection_first() -> None:
    a = assessment_of(
        "A 58-year-old man with diabetes on haemodialysis has fever and a rapidly spreading, exquisitely "
        "painful dusky area of the left thigh that turned necrotic overnight; there is crepitus on palpation "
        "and CT shows gas in the soft tissues."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert a.differential[0].id == "necrotising_soft_tissue_infection"


def test_a_named_necrotising_fasciitis_on_dialysis_is_not_probable_calciphylaxis() -> None:
    a = assessment_of(
        "A 62-year-old woman on peritoneal dialysis was taken to theatre for necrotising fasciitis of the "
        "abdominal wall with black eschar and skin necrosis."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))


def test_dialysis_stopped_after_a_transplant_does_not_stand_for_a_low_egfr() -> None:
    a = assessment_of(
        "A 57-year-old woman with dermatomyositis was on haemodialysis for six years; dialysis was stopped two "
        "years ago after a kidney transplant and her eGFR is now 64. Radiographs show calcinosis of the thighs. "
        "Calcium and phosphate are normal."
    )
    assert "bisphosphonates" in offered_ids(a)


def test_current_dialysis_still_withholds_bisphosphonates() -> None:
    a = assessment_of(
        "A 57-year-old woman with dermatomyositis has been on haemodialysis for six years. Radiographs show "
        "calcinosis of the thighs. Calcium and phosphate are normal."
    )
    assert "bisphosphonates" not in offered_ids(a)


def test_lupus_pernio_in_hypercalcaemic_sarcoidosis_is_neither_lupus_nor_a_confident_calcinosis() -> None:
    a = assessment_of(
        "A 47-year-old woman with pulmonary sarcoidosis has a serum calcium of 12.9 mg/dL and violaceous plaques "
        "on the nose and cheeks (lupus pernio). Creatinine is 1.5 mg/dL."
    )
    assert "systemic_lupus_erythematosus" not in {r.id for r in a.condition_roles}
    assert "sarcoidosis" in {r.id for r in a.condition_roles}
    assert a.subtype.certainty not in ("probable", "confirmed")


def test_violaceous_plaques_that_are_not_said_to_hurt_are_not_typical_calciphylaxis() -> None:
    a = assessment_of(
        "A 50-year-old man with chronic kidney disease (creatinine 2.1 mg/dL) has asymptomatic violaceous "
        "plaques on the forehead."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))


def test_drugs_on_the_medication_list_are_options_already_taken() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 63, "sex": "female"},
            "findings": [{"concept": "systemic_sclerosis"}],
            "lesions": [{"site": "fingertips", "morphology": ["hard", "white"]}],
            "medications": [{"name": "Alendronate 70 mg weekly"}, {"name": "Diltiazem 120 mg daily"}],
        }
    )
    a = assess(case).cases[0].assessment
    reported = {t.id: t.reported for t in [*a.treatments, *a.withheld_treatments]}
    assert "already taken" in (reported["bisphosphonates"] or "")
    assert "already taken" in (reported["diltiazem"] or "")


def test_sodium_thiosulfate_on_the_medication_list_marks_the_calciphylaxis_option() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 54, "sex": "female"},
            "findings": [{"concept": "dialysis"}, {"concept": "retiform_purpura"}, {"concept": "black_eschar"}],
            "lesions": [{"site": "left thigh"}],
            "medications": [{"name": "Sodium thiosulphate 25 g IV three times weekly"}],
        }
    )
    a = assess(case).cases[0].assessment
    sts = next(t for t in a.treatments if t.id == "iv_sts_calciphylaxis")
    assert sts.reported and "already taken" in sts.reported


def test_a_text_saying_the_patient_already_takes_an_option_marks_it() -> None:
    a = assessment_of(
        "A 58-year-old woman with limited scleroderma has calcinosis of the fingertips on radiographs. She is "
        "already taking diltiazem for Raynaud phenomenon."
    )
    diltiazem = next(t for t in [*a.treatments, *a.withheld_treatments] if t.id == "diltiazem")
    assert diltiazem.reported


def test_sodium_thiosulfate_the_patient_is_receiving_marks_the_option() -> None:
    a = assessment_of(
        "A 66-year-old man on haemodialysis is receiving sodium thiosulfate after dialysis for painful "
        "retiform purpura of the thighs with black eschar."
    )
    sts = next(t for t in [*a.treatments, *a.withheld_treatments] if t.id == "iv_sts_calciphylaxis")
    assert sts.reported
