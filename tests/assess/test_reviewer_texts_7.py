"""Seventh round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: calciphylaxis missed
in a note whose examination follows a pasted lab list, a look-alike picture after a vascular
procedure, diltiazem offered with ivabradine, dantrolene, severe bradycardia or a low blood pressure
told in another way, a bisphosphonate offered with a low corrected calcium, ceftriaxone under its
brand name, a spouse's disease read as the patient's, and an old injury at another site taken for
the nidus. The assertions are on the call and on what is offered or withheld, not on wording.
"""

from __future__ import annotations

from calcidx import assess
from calcidx.case.model import Case
from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons

# --- reader: what a short note tells ---------------------------------------------------------------


def test_the_examination_after_a_pasted_lab_list_is_read_and_calciphylaxis_not_missed() -> None:
    a = assessment_of(
        "58-year-old woman, ESRD on hemodialysis three times a week.\nLabs:\nCa 10.7 mg/dL\nPhos 7.4 mg/dL\n"
        "Exam: very painful livedo racemosa of the thighs with ulcers and black eschar."
    )
    assert a.subtype.code == "calciphylaxis"
    assert "iv_sts_calciphylaxis" in offered_ids(a)


def test_an_examination_line_after_a_blank_line_still_belongs_to_the_note() -> None:
    a = assessment_of(
        "66-year-old man, end-stage renal disease on haemodialysis.\n\n"
        "Exam: painful indurated plaques of the abdomen with a black eschar."
    )
    assert a.subtype.code == "calciphylaxis"


def test_a_count_in_ten_to_the_ninth_per_litre_is_no_citation_mark() -> None:
    # "x10^9/L" had read as a superscript citation: the text gave no patient at all
    document = assess(
        "A 69-year-old man with CKD stage 4 has hard white nodules at the elbows on X-ray; platelets 250 x10^9/L."
    )
    assert document.cases


def test_a_blood_pressure_with_a_word_before_the_reading_withholds_diltiazem() -> None:
    a = assessment_of(
        "A 76-year-old woman with limited systemic sclerosis has calcinosis of the fingertips on X-ray; "
        "BP today 82/48 mmHg, light-headed on standing."
    )
    assert "diltiazem" not in offered_ids(a)
    assert withheld_reasons(a, "diltiazem")


def test_a_systolic_pressure_told_alone_withholds_diltiazem() -> None:
    a = assessment_of(
        "Dermatomyositis with calcinosis nodules at both elbows on X-ray, 68F; systolic blood pressure "
        "85 mmHg on the ward."
    )
    assert "diltiazem" not in offered_ids(a)


def test_a_normal_systolic_pressure_withholds_nothing() -> None:
    a = assessment_of(
        "Dermatomyositis with calcinosis nodules at both elbows on X-ray, 68F; systolic blood pressure 132 mmHg."
    )
    assert "diltiazem" in offered_ids(a)


def test_a_husbands_lupus_is_not_the_patients() -> None:
    a = assessment_of(
        "A 52-year-old woman, whose husband has systemic lupus erythematosus, has chalky nodules over both "
        "knees on X-ray. No injury; calcium and phosphate are normal."
    )
    assert not (a.subtype.code == "dystrophic" and a.subtype.certainty == "probable")


def test_diltiazem_on_a_current_medication_line_is_not_offered_as_new() -> None:
    a = assessment_of(
        "Limited SSc with calcinosis of the finger pulps on X-ray, 61F. Current medication: diltiazem 180 mg daily."
    )
    assert "diltiazem" not in {t.id for t in a.treatments if not t.reported}


# --- knowledge: calciphylaxis lesions and its mimics ------------------------------------------------


def test_net_like_purple_patches_that_turn_black_on_dialysis_raise_calciphylaxis() -> None:
    a = assessment_of(
        "A 64-year-old woman with acute kidney injury on temporary haemodialysis, on warfarin for years, "
        "has exquisitely painful net-like purple patches on both thighs that turned black within days."
    )
    assert a.subtype.code == "calciphylaxis"


def test_livedo_and_blue_toes_after_endovascular_aneurysm_repair_are_not_probable_calciphylaxis() -> None:
    a = assessment_of(
        "Two weeks after endovascular repair of an abdominal aortic aneurysm, a 77-year-old man with CKD "
        "stage 3b has livedo of both feet and blue toes with good pulses."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert "iv_sts_calciphylaxis" not in offered_ids(a)
    assert "cholesterol_emboli" in {d.id for d in a.differential}


# --- knowledge: diltiazem, bisphosphonates, ceftriaxone ---------------------------------------------


def test_ivabradine_withholds_diltiazem() -> None:
    a = assessment_of(
        "A 63-year-old man with limited systemic sclerosis has calcinosis of the fingertips on X-ray. He "
        "takes ivabradine for stable angina."
    )
    assert "diltiazem" not in offered_ids(a)
    assert any("ivabradine" in r.lower() for r in withheld_reasons(a, "diltiazem"))


def test_ivabradine_on_a_case_medication_list_withholds_diltiazem() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 58, "sex": "female"},
            "lesions": [{"site": "fingertips", "kinds": ["calcinosis"]}],
            "findings": [{"concept": "systemic_sclerosis"}, {"concept": "radiopaque_deposits"}],
            "medications": [{"name": "Procoralan 5 mg twice daily"}],
        }
    )
    a = assess(case).cases[0].assessment
    assert "diltiazem" not in offered_ids(a)


def test_dantrolene_withholds_diltiazem() -> None:
    a = assessment_of(
        "Limited cutaneous SSc, 49F, with fingertip calcinosis on X-ray; she takes dantrolene for muscle "
        "spasticity after a spinal injury."
    )
    assert "diltiazem" not in offered_ids(a)


def test_severe_bradycardia_withholds_diltiazem() -> None:
    a = assessment_of(
        "A 74-year-old man with dermatomyositis has calcinosis at both elbows on X-ray. ECG: severe sinus bradycardia."
    )
    assert "diltiazem" not in offered_ids(a)
    assert withheld_reasons(a, "diltiazem")


def test_a_low_corrected_calcium_withholds_the_bisphosphonates() -> None:
    a = assessment_of(
        "Limited SSc, 62F, with calcinosis of the thumbs on X-ray. Corrected calcium 1.98 mmol/L; eGFR 84."
    )
    assert "bisphosphonates" not in offered_ids(a)
    assert any("hypocalcaemia" in r.lower() for r in withheld_reasons(a, "bisphosphonates"))


def test_a_normal_corrected_calcium_withholds_no_bisphosphonate() -> None:
    a = assessment_of(
        "Limited SSc, 62F, with calcinosis of the thumbs on X-ray. Corrected calcium 2.31 mmol/L; eGFR 84."
    )
    assert "bisphosphonates" in offered_ids(a)


def test_an_allergy_to_ceftriaxone_under_its_brand_name_withholds_it() -> None:
    a = assessment_of(
        "Adult dermatomyositis, 53F, with calcinosis nodules over the elbows on X-ray. Allergic to Rocephin "
        "(urticaria)."
    )
    assert "ceftriaxone" not in offered_ids(a)


# --- pathway: the site of an injury -----------------------------------------------------------------


def test_an_old_burn_on_another_limb_is_no_nidus_of_the_nodules() -> None:
    a = assessment_of(
        "Hard white nodules on the left calf of a 41-year-old woman, radiopaque on X-ray. She has an old "
        "burn scar on the right hand. Calcium, phosphate and PTH are normal; no connective tissue disease."
    )
    assert not (a.subtype.code == "dystrophic" and a.subtype.certainty == "probable")
    assert "dystrophic" in {x.code for x in a.alternatives}


def test_a_burn_at_the_site_of_the_nodules_stays_dystrophic() -> None:
    a = assessment_of(
        "Hard white nodules in an old burn scar on the left forearm of a 41-year-old woman, radiopaque on "
        "X-ray. Calcium, phosphate and PTH are normal."
    )
    assert a.subtype.code == "dystrophic"


def test_a_full_reading_after_sbp_is_not_cut_to_a_low_systolic() -> None:
    a = assessment_of("Dermatomyositis with calcinosis nodules at both elbows on X-ray, 68F; SBP 120/80 in clinic.")
    assert "diltiazem" in offered_ids(a)


# --- second set: a negative biopsy, a pregnancy test, an exposure's own site, brand names -----------


def test_a_biopsy_without_calcium_leaves_a_suspected_calcinosis_at_most_possible() -> None:
    a = assessment_of(
        "Suspected calcinosis over the knee of a 44-year-old woman with lupus; the biopsy showed a "
        "granuloma with no calcium deposits, von Kossa negative."
    )
    assert a.subtype.certainty in (None, "possible")


def test_a_positive_pregnancy_test_withholds_the_drugs_kept_from_pregnancy() -> None:
    a = assessment_of(
        "Adult dermatomyositis, 29F, with calcinosis of both elbows on X-ray. Her urine pregnancy test is positive."
    )
    assert not offered_ids(a) & {"diltiazem", "bisphosphonates", "minocycline"}


def test_a_negative_pregnancy_test_withholds_nothing_for_pregnancy() -> None:
    a = assessment_of(
        "Adult dermatomyositis, 29F, with calcinosis of both elbows on X-ray; eGFR 105. Her urine pregnancy "
        "test is negative."
    )
    assert "bisphosphonates" in offered_ids(a)


def test_electrode_paste_on_the_scalp_does_not_explain_papules_on_the_soles() -> None:
    a = assessment_of(
        "A 7-year-old girl had a long EEG with electrode paste on the scalp in May; since June, firm white "
        "papules on both soles."
    )
    assert not (a.subtype.code == "iatrogenic" and a.subtype.certainty in ("probable", "confirmed"))


def test_pamidronate_infusions_that_brought_no_change_are_not_offered_as_new() -> None:
    a = assessment_of(
        "Juvenile dermatomyositis in a 16-year-old boy with calcinosis of the thighs on X-ray. Pamidronate "
        "infusions over eight months brought no change."
    )
    assert "bisphosphonates" not in {t.id for t in a.treatments if not t.reported}


def test_an_allergy_to_minocin_withholds_minocycline() -> None:
    a = assessment_of(
        "Limited SSc, 57F, with calcinosis of the finger pulps on X-ray. Allergic to Minocin (widespread rash)."
    )
    assert "minocycline" not in offered_ids(a)


def test_an_allergy_to_aclasta_withholds_the_bisphosphonates() -> None:
    a = assessment_of(
        "Limited SSc, 57F, with calcinosis of the finger pulps on X-ray; eGFR 88. Allergy: Aclasta (fever, rash)."
    )
    assert "bisphosphonates" not in offered_ids(a)


# --- third set: a discharge note's changes, an indurated patch, beta-blockers by name, EHR records --


def test_warfarin_stopped_on_a_discharge_note_gets_no_review_action() -> None:
    a = assessment_of(
        "DISCHARGE SUMMARY\nDiagnoses: 1. ESRD on haemodialysis. 2. Calciphylaxis of both thighs (painful "
        "retiform purpura with a black eschar).\nMedication changes: warfarin stopped; apixaban started."
    )
    assert a.subtype.code == "calciphylaxis"
    assert "warfarin" not in {x.medication for x in a.actions}


def test_a_tender_indurated_patch_on_haemodialysis_raises_calciphylaxis() -> None:
    a = assessment_of("HD pt 61M, tender indurated patch on the left thigh, r/o calciphylaxis, biopsy booked.")
    assert "calciphylaxis" in {a.subtype.code, *(x.code for x in a.alternatives)}


def test_bisoprolol_is_a_beta_blocker_for_the_diltiazem_caution() -> None:
    a = assessment_of(
        "Limited SSc, 70F, with calcinosis of the fingertips on X-ray; she takes bisoprolol 2.5 mg for "
        "atrial fibrillation."
    )
    diltiazem = [t for t in [*a.treatments, *a.withheld_treatments] if t.id == "diltiazem"]
    assert diltiazem and any("beta-blocker" in c for c in diltiazem[0].cautions)


def test_an_ehr_ivabradine_statement_and_rocephin_allergy_withhold_their_drugs() -> None:
    from calcidx.interop.fhir_in import case_from_fhir_bundle

    subject = {"reference": "Patient/p7"}
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": {"resourceType": "Patient", "id": "p7", "gender": "female", "birthDate": "1960-04-01"}},
            {"resource": {"resourceType": "Condition", "subject": subject, "code": {"text": "Systemic sclerosis"}}},
            {
                "resource": {
                    "resourceType": "MedicationStatement",
                    "status": "active",
                    "subject": subject,
                    "medicationCodeableConcept": {"text": "Ivabradine 5 mg tablets"},
                }
            },
            {"resource": {"resourceType": "AllergyIntolerance", "patient": subject, "code": {"text": "Rocephin"}}},
        ],
    }
    case = case_from_fhir_bundle(bundle)
    case = Case.model_validate({**case.model_dump(), "lesions": [{"site": "fingertips", "kinds": ["calcinosis"]}]})
    a = assess(case).cases[0].assessment
    assert not offered_ids(a) & {"diltiazem", "ceftriaxone"}


def test_a_reaction_to_a_bisphosphonate_told_as_a_reaction_withholds_them() -> None:
    a = assessment_of(
        "Limited SSc, 66F, with calcinosis of the fingertips on X-ray; eGFR 75. She reacted to alendronate "
        "with hives and lip swelling in 2021."
    )
    assert "bisphosphonates" not in offered_ids(a)
    assert withheld_reasons(a, "bisphosphonates")


def test_lesions_that_reacted_to_a_drug_are_no_allergy() -> None:
    a = assessment_of(
        "Limited SSc, 66F, with calcinosis of the fingertips on X-ray; eGFR 75. The nodules reacted to "
        "minocycline within months."
    )
    assert not withheld_reasons(a, "minocycline")


# --- fourth set: ulcers from pressure or cold on dialysis, a metallic valve -------------------------


def test_a_sacral_pressure_ulcer_with_eschar_on_haemodialysis_is_not_probable_calciphylaxis() -> None:
    a = assessment_of(
        "Bed-bound 84-year-old man on haemodialysis with a grade 4 sacral pressure sore under a black eschar; "
        "no other skin lesions."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert "iv_sts_calciphylaxis" not in offered_ids(a)
    assert "calciphylaxis" in {x.code for x in a.alternatives}


def test_frostbitten_black_toes_on_haemodialysis_are_not_probable_calciphylaxis() -> None:
    a = assessment_of(
        "A 47-year-old man on haemodialysis slept outdoors in the snow; his toes are frostbitten, black and dry."
    )
    assert not (a.subtype.code == "calciphylaxis" and a.subtype.certainty in ("probable", "confirmed"))
    assert "iv_sts_calciphylaxis" not in offered_ids(a)


def test_a_metallic_valve_is_the_mechanical_valve_of_the_warfarin_caution() -> None:
    a = assessment_of(
        "A 63-year-old woman on haemodialysis with a metallic aortic valve, on warfarin, has skin "
        "biopsy-proven calciphylaxis of the abdomen."
    )
    warfarin = [x for x in a.actions if x.medication == "warfarin"]
    assert warfarin and any("valve" in c.lower() for c in warfarin[0].cautions)


# --- fifth set: treatments told as failed, not tolerated or as a course ----------------------------


def test_a_drug_the_patient_failed_is_not_offered_as_new() -> None:
    a = assessment_of("Limited SSc, 57F, with calcinosis of the fingertips on X-ray. Failed diltiazem.")
    assert "diltiazem" not in {t.id for t in a.treatments if not t.reported}


def test_a_drug_the_patient_could_not_tolerate_is_not_offered_as_new() -> None:
    a = assessment_of(
        "Dermatomyositis, 46F, with calcinosis of the elbows on X-ray; intolerant of diltiazem (flushing)."
    )
    assert "diltiazem" not in {t.id for t in a.treatments if not t.reported}


def test_a_past_course_of_sodium_thiosulfate_is_not_offered_as_new() -> None:
    a = assessment_of(
        "Haemodialysis patient, 61M, with biopsy-proven calciphylaxis of the thighs; he had 10 weeks of IV "
        "sodium thiosulfate last year."
    )
    assert "iv_sts_calciphylaxis" not in {t.id for t in a.treatments if not t.reported}


def test_the_age_now_after_the_age_at_onset_is_the_patients_age() -> None:
    # the age at onset alone left the age unknown, and diltiazem was offered to a 15-year-old
    a = assessment_of("JDM since age 8; now 15, with sheet-like calcinosis of both thighs on X-ray.")
    assert "diltiazem" not in offered_ids(a)
    assert withheld_reasons(a, "diltiazem")


def test_calcified_phleboliths_in_the_veins_are_no_skin_calcinosis() -> None:
    a = assessment_of(
        "X-ray of the right calf of a 69-year-old woman with varicose veins shows round calcified phleboliths "
        "in the veins. The skin over them is normal; calcium and phosphate are normal."
    )
    assert a.subtype.code in ("undetermined", "not_calcinosis")
    assert not offered_ids(a) & {"diltiazem", "ceftriaxone", "colchicine", "probenecid", "intralesional_sts"}


# --- sixth set: a peritoneal dialysis patient in shorthand; a suspected mimic before treatment -----


def test_a_pd_patient_with_retiform_purpura_and_a_suspected_vasculitis_is_possible_calciphylaxis() -> None:
    a = assessment_of(
        "PD pt, 63M, painful retiform purpura of the calves. Query vasculitis vs calciphylaxis - skin biopsy today."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "possible"


def test_calciphylaxis_treatment_with_a_suspected_mimic_says_the_biopsy_decides_first() -> None:
    a = assessment_of(
        "Day 5 after starting warfarin for atrial fibrillation, with no heparin cover, a 58-year-old woman "
        "with CKD 3a has painful purple patches on the thighs turning black. ?warfarin necrosis "
        "?calciphylaxis."
    )
    assert a.subtype.certainty in (None, "possible")
    sts = [t for t in [*a.treatments, *a.withheld_treatments] if t.id == "iv_sts_calciphylaxis"]
    assert not sts or any("mimics calciphylaxis" in c for c in sts[0].cautions)


def test_no_suspected_mimic_adds_no_such_caution() -> None:
    a = assessment_of("A 60-year-old woman on haemodialysis has skin biopsy-proven calciphylaxis of the thighs.")
    sts = [t for t in a.treatments if t.id == "iv_sts_calciphylaxis"]
    assert sts and not any("mimics calciphylaxis" in c for c in sts[0].cautions)


def test_sodium_thiosulfate_offered_while_vasculitis_is_suspected_carries_the_biopsy_caution() -> None:
    a = assessment_of(
        "Renal MDT: a 66-year-old woman on haemodialysis has painful purpuric necrotic plaques on both thighs. "
        "Calciphylaxis vs vasculitis; skin biopsy awaited."
    )
    assert a.subtype.certainty == "possible"
    sts = [t for t in [*a.treatments, *a.withheld_treatments] if t.id == "iv_sts_calciphylaxis"]
    assert sts and any("mimics calciphylaxis" in c for c in sts[0].cautions)
