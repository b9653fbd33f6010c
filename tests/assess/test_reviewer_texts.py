"""Short clinical vignettes written for this project, read and assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe answer: a calciphylaxis mimic with a
negative stain, an exposure at another site, an injury told in lay words, a suppressed PTH, a
hyphenated exposure, a calciphylaxis picture told with coordinated adjectives, a low calcium that
rules out a drug. The assertions are on the call and on what is offered, not on wording.
"""

from __future__ import annotations

import pytest

from calcidx import assess
from tests.assess.vignettes import assessment_of


def test_necrosis_on_warfarin_with_a_negative_stain_is_not_called_calciphylaxis() -> None:
    a = assessment_of(
        "A 69-year-old man started warfarin for a pulmonary embolism. On the fifth day painful purpuric "
        "plaques on the buttock turned necrotic. A biopsy found occlusive thrombi in dermal vessels; there "
        "was no calcification and a von Kossa stain was negative. Renal function was normal."
    )
    assert a.subtype.code != "calciphylaxis"
    assert a.subtype.certainty != "confirmed"
    # the biopsy was done: asked again only as a repeat, saying why a negative one does not settle it
    biopsy = [t for t in a.missing_workup if t.id == "calciphylaxis_biopsy"]
    assert biopsy and "does not exclude" in biopsy[0].reason


def test_calcium_given_in_the_elbow_crease_does_not_explain_nodules_on_the_other_foot() -> None:
    a = assessment_of(
        "A 13-month-old girl, born at 29 weeks, had received calcium gluconate through a cannula in the "
        "left antecubital fossa as a neonate. At one year firm white papules appeared on the sole of the "
        "right foot. Radiographs showed punctate calcification. Calcium and phosphate were normal."
    )
    assert a.subtype.code != "iatrogenic"
    iatrogenic = [alt for alt in a.alternatives if alt.code == "iatrogenic"]
    assert iatrogenic and "not at a lesion" in iatrogenic[0].why


def test_calcium_given_in_the_elbow_crease_drains_to_the_arm() -> None:
    a = assessment_of(
        "A 2-week-old boy born at 31 weeks received calcium gluconate through a cannula in the right "
        "antecubital fossa. A week later firm white papules appeared in a line along the right upper arm. "
        "Serum calcium and phosphate were normal."
    )
    assert a.subtype.code == "iatrogenic"


def test_papules_in_the_scar_of_grazes_are_dystrophic_not_idiopathic() -> None:
    a = assessment_of(
        "A 38-year-old woman came off her scooter and had deep abrasions on the left shin. Months later "
        "hard yellow papules grew in the healed area. She had no systemic illness; calcium, phosphate and "
        "PTH were normal. Biopsy showed dermal calcium deposits."
    )
    assert a.subtype.code == "dystrophic"


def test_a_hyphenated_heel_prick_is_the_cause_of_heel_papules() -> None:
    a = assessment_of(
        "A 3-week-old boy had had heel-prick sampling on the right heel many times for jaundice. Small "
        "white papules then appeared on the right heel at the puncture marks. A radiograph showed tiny "
        "calcified deposits. Calcium and phosphate were normal."
    )
    assert a.subtype.code == "iatrogenic"


def test_suppressed_pth_with_antacids_is_milk_alkali_not_secondary_hyperparathyroidism() -> None:
    a = assessment_of(
        "A 61-year-old man had taken calcium carbonate antacid tablets with plenty of milk for months. He "
        "had whitish papules on the fingers. Serum calcium was 13.9 mg/dL, phosphate 5.0 mg/dL and "
        "creatinine 2.2 mg/dL; PTH was suppressed."
    )
    assert a.subtype.code == "metastatic"
    assert a.suggested_causes == ["milk-alkali syndrome"]


def test_painful_net_like_plaques_on_dialysis_are_calciphylaxis() -> None:
    a = assessment_of(
        "A 72-year-old woman on peritoneal dialysis had exquisitely painful, violaceous, net-like plaques on "
        "the thighs that ulcerated within weeks. No biopsy was taken."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "probable"


def test_low_calcium_withholds_bisphosphonates() -> None:
    a = assessment_of(
        "A 52-year-old woman with limited systemic sclerosis had calcinosis of the fingertips on radiographs. "
        "Serum calcium was 7.5 mg/dL with albumin 4.1 g/dL; phosphate and creatinine were normal."
    )
    assert a.subtype.code == "dystrophic"
    assert not [t for t in a.treatments if t.id == "bisphosphonates"]
    assert [t for t in a.withheld_treatments if t.id == "bisphosphonates"]


def test_a_conduction_block_told_in_the_text_withholds_diltiazem() -> None:
    text = (
        "A 61-year-old woman with limited systemic sclerosis had calcinosis of the fingers on radiographs. "
        "Her ECG showed second-degree atrioventricular block{pacer}. Calcium, phosphate and creatinine were normal."
    )
    a = assessment_of(text.format(pacer=""))
    assert not [t for t in a.treatments if t.id == "diltiazem"]
    assert [t for t in a.withheld_treatments if t.id == "diltiazem"]
    paced = assessment_of(text.format(pacer=", and a permanent pacemaker had been implanted"))
    assert [t for t in paced.treatments if t.id == "diltiazem"]


def test_a_first_degree_block_does_not_withhold_diltiazem() -> None:
    a = assessment_of(
        "A 57-year-old woman with limited systemic sclerosis had calcinosis of the fingers on radiographs. "
        "Her ECG showed first-degree AV block. Calcium, phosphate and creatinine were normal."
    )
    assert [t for t in a.treatments if t.id == "diltiazem"]
    assert not [t for t in a.withheld_treatments if t.id == "diltiazem"]


def test_papules_in_irradiated_skin_are_dystrophic_not_idiopathic() -> None:
    a = assessment_of(
        "A 58-year-old woman treated for breast carcinoma had radiotherapy to the right chest wall. Six "
        "years later hard white papules appeared in the irradiated skin. Calcium, phosphate and PTH were "
        "normal, and a biopsy showed dermal calcium deposits."
    )
    assert a.subtype.code == "dystrophic"
    assert "radiotherapy_at_site" in [r.id for r in a.condition_roles]


def test_warfarin_review_with_a_mechanical_valve_warns_against_a_simple_switch() -> None:
    text = (
        "A 64-year-old woman on haemodialysis took warfarin{valve}. Painful violaceous plaques with a "
        "net-like purpura on both thighs became necrotic. A biopsy showed calcification of small "
        "subcutaneous vessels."
    )
    a = assessment_of(text.format(valve=" for a mechanical mitral valve"))
    assert a.subtype.code == "calciphylaxis"
    warfarin = [x for x in a.actions if x.medication == "warfarin"]
    assert warfarin and any("mechanical heart valve" in c for c in warfarin[0].cautions)
    plain = assessment_of(text.format(valve=" for atrial fibrillation"))
    assert [x for x in plain.actions if x.medication == "warfarin"]
    assert not [c for x in plain.actions for c in x.cautions]


def test_shock_wave_lithotripsy_is_withheld_in_pregnancy() -> None:
    a = assessment_of(
        "A 31-year-old woman, pregnant at 22 weeks, with dermatomyositis had calcified nodules on the elbows "
        "on radiographs. Serum calcium and phosphate were normal."
    )
    assert a.subtype.code == "dystrophic"
    assert not [t for t in a.treatments if t.id == "eswl"]
    assert [t for t in a.withheld_treatments if t.id == "eswl"]


def test_nodules_of_the_scrotal_skin_are_the_scrotal_subform() -> None:
    a = assessment_of(
        "A 33-year-old man had many hard painless nodules in the scrotal skin for years. Calcium, phosphate "
        "and PTH were normal, and excision showed calcium deposits in the dermis."
    )
    assert a.subtype.code == "idiopathic"
    assert a.subform is not None and a.subform.code == "scrotal_calcinosis"


def test_warfarin_stopped_years_ago_gets_no_review_action() -> None:
    a = assessment_of(
        "A 63-year-old man on haemodialysis had taken warfarin after a pulmonary embolism, but it was "
        "discontinued three years ago. He now had painful indurated plaques with retiform purpura on the "
        "thighs, and a biopsy showed calcified subcutaneous arterioles."
    )
    assert a.subtype.code == "calciphylaxis"
    assert not [x for x in a.actions if x.medication == "warfarin"]


def test_calcification_inside_a_carcinoma_named_dystrophic_by_the_pathologist() -> None:
    a = assessment_of(
        "A 77-year-old woman had a growing ulcerated nodule on the forearm, with no kidney disease. The "
        "excision specimen showed a well-differentiated squamous cell carcinoma with scattered foci of "
        "dystrophic calcification."
    )
    assert a.stated is not None and a.stated.subtype == "dystrophic"
    assert a.subtype.code != "metastatic"


def test_diltiazem_is_withheld_with_pulmonary_oedema_and_cautioned_with_heart_failure() -> None:
    text = (
        "A 70-year-old woman with limited systemic sclerosis had calcinosis of the fingertips on radiographs. "
        "She had {heart}. Calcium, phosphate and creatinine were normal."
    )
    congested = assessment_of(
        text.format(heart="left ventricular failure and was admitted last month with pulmonary oedema")
    )
    assert not [t for t in congested.treatments if t.id == "diltiazem"]
    assert [t for t in congested.withheld_treatments if t.id == "diltiazem"]
    failing = assessment_of(text.format(heart="chronic heart failure"))
    offered = [t for t in failing.treatments if t.id == "diltiazem"]
    assert offered and any("congestion" in c for c in offered[0].cautions)
    # with a reduced ejection fraction it is withheld (AHA-ACC-HFSA-2022-HF; test_diltiazem_in_hfref.py)
    reduced = assessment_of(text.format(heart="chronic heart failure with reduced ejection fraction"))
    assert [t for t in reduced.withheld_treatments if t.id == "diltiazem"]


def test_calcium_through_a_line_in_one_foot_does_not_explain_nodules_on_a_hand() -> None:
    a = assessment_of(
        "A 10-week-old girl had been given intravenous calcium gluconate on the neonatal ward through a line "
        "in the left foot. Now hard white papules were found on the right hand. Calcium and phosphate were normal."
    )
    assert a.subtype.code != "iatrogenic"


def test_hepatic_impairment_is_a_caution_on_colchicine_and_diltiazem() -> None:
    a = assessment_of(
        "A 66-year-old woman with limited scleroderma and severe hepatic impairment (Child-Pugh C) had tender "
        "nodules over the fingertips. Radiographs showed calcinosis. Calcium and phosphate were normal."
    )
    cautions = {t.id: " ".join(t.cautions) for t in [*a.treatments, *a.withheld_treatments]}
    assert "hepatic" in cautions["colchicine"].lower()
    assert "hepatic" in cautions["diltiazem"].lower()


def test_painful_plaques_with_central_necrosis_on_dialysis_are_probable_calciphylaxis() -> None:
    a = assessment_of(
        "68F ESKD on HD, on warfarin. Painful indurated plaques on both thighs with central necrosis. "
        "Ca 9.6, phos 7.4, PTH 760. Biopsy not done."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "probable"


def test_siblings_who_both_have_a_raised_phosphate_are_both_metabolic() -> None:
    document = assess(
        "We describe two siblings. Case 1: a 13-year-old boy with a painless hard mass over the right hip. "
        "Case 2: his 8-year-old sister with a similar mass on the left elbow. Both had serum phosphate above "
        "the reference range, with normal calcium, PTH and kidney function."
    )
    assert [c.assessment.subtype.code for c in document.cases] == ["metastatic", "metastatic"]


def test_painful_wounds_in_mottled_skin_on_dialysis_raise_calciphylaxis() -> None:
    a = assessment_of(
        "A 57-year-old man with diabetes on haemodialysis had non-healing, very painful leg wounds for "
        "six weeks; the skin around them was mottled and violaceous. He took warfarin."
    )
    assert a.subtype.code == "calciphylaxis"
    assert "calciphylaxis_biopsy" in [t.id for t in a.missing_workup]


def test_calciphylaxis_lesions_in_a_kidney_transplant_recipient_are_not_left_undetermined() -> None:
    # the uremic setting includes transplant recipients, even with good graft function
    for text in (
        "A 58-year-old man with a kidney transplant for ten years developed painful retiform purpura on "
        "both thighs that turned into a black eschar. His creatinine was 1.1 mg/dL.",
        "A 47-year-old woman, a renal transplant recipient, had necrotic ulcers with black eschar on the "
        "calves; graft function was normal.",
        "Eight years after a renal transplant a 61-year-old man had exquisitely painful violaceous plaques "
        "on his abdomen.",
    ):
        a = assessment_of(text)
        assert a.subtype.code == "calciphylaxis", text
        assert a.subtype.certainty != "confirmed", text
        assert any(t.id == "calciphylaxis_biopsy" for t in a.missing_workup), text


def test_firm_painless_periarticular_nodules_after_a_kidney_transplant_stay_metastatic() -> None:
    a = assessment_of(
        "A 39-year-old woman with a kidney transplant had firm white painless nodules around both elbows; "
        "phosphate was 7.2 mg/dL."
    )
    assert a.subtype.code == "metastatic"


def test_an_ischaemic_painful_lesion_of_the_glans_on_dialysis_raises_calciphylaxis() -> None:
    a = assessment_of(
        "A 58-year-old man on haemodialysis who often missed sessions had a purple, very tender, ischaemic "
        "lesion on the glans penis. Phosphate was 9.8 mg/dL and PTH 1100 pg/mL. No biopsy was taken."
    )
    assert a.subtype.code == "calciphylaxis"


def test_painful_net_like_patches_on_peritoneal_dialysis_with_warfarin_are_calciphylaxis() -> None:
    a = assessment_of(
        "A 73-year-old man on peritoneal dialysis took warfarin and calcium carbonate. Very painful purple "
        "net-like patches appeared on the thighs and ulcerated. Phosphate was 6.5 mg/dL."
    )
    assert a.subtype.code == "calciphylaxis"
    assert [x for x in a.actions if x.medication == "warfarin"]


def test_not_on_dialysis_does_not_negate_the_lesions_told_after_the_comma() -> None:
    # "not on dialysis, developed ..." : the negation ends where the new clause's verb starts
    a = assessment_of(
        "A 71-year-old woman with chronic kidney disease stage 4 (eGFR 19 mL/min/1.73 m2), not on "
        "dialysis, developed exquisitely painful retiform purpura on both calves that ulcerated. Phosphate "
        "was 6.1 mg/dL."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty != "confirmed"
    assert "calciphylaxis_biopsy" in [t.id for t in a.missing_workup]


def test_a_painful_indurated_area_on_haemodialysis_raises_early_calciphylaxis() -> None:
    a = assessment_of(
        "A 62-year-old man on haemodialysis for seven years had severe burning pain in a firm, indurated "
        "area of the lower abdomen; the skin over it showed only faint redness. No biopsy had been taken."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "possible"
    assert "calciphylaxis_biopsy" in [t.id for t in a.missing_workup]


def test_calcified_dermal_and_subcutaneous_vessels_confirm_non_uremic_calciphylaxis() -> None:
    a = assessment_of(
        "A 50-year-old woman with lupus on prednisolone had very painful necrotic ulcers with black eschar "
        "on the thighs; kidney function was normal. Biopsy showed calcification of dermal and subcutaneous "
        "small vessels with fibrin thrombi."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "confirmed"


def test_calcium_run_through_the_elbow_crease_does_not_explain_nodules_on_the_thigh() -> None:
    a = assessment_of(
        "A 64-year-old man was given intravenous calcium gluconate through the right antecubital fossa "
        "after a parathyroidectomy. Weeks later he found hard white nodules on the left thigh. Calcium and "
        "phosphate were normal."
    )
    assert a.subtype.code != "iatrogenic"
    iatrogenic = [alt for alt in a.alternatives if alt.code == "iatrogenic"]
    assert iatrogenic and "not at a lesion" in iatrogenic[0].why


def test_purple_toes_after_coronary_angiography_on_dialysis_are_not_called_calciphylaxis() -> None:
    # atheroembolism starts after a vascular procedure: the mimic is not excluded
    a = assessment_of(
        "A 76-year-old man on haemodialysis had coronary angiography. Three days later painful purple toes "
        "and a net-like livedo appeared on both feet, and his eosinophils rose."
    )
    assert a.subtype.code != "calciphylaxis"
    assert "calciphylaxis" in [alt.code for alt in a.alternatives]
    assert a.differential and a.differential[0].id == "cholesterol_emboli"
    assert "calciphylaxis_biopsy" in [t.id for t in a.missing_workup]


def test_hardened_plaques_after_gadolinium_on_dialysis_keep_nephrogenic_fibrosis_in_view() -> None:
    a = assessment_of(
        "A 54-year-old woman on peritoneal dialysis had an MRI with gadolinium contrast. Some weeks later "
        "painful indurated plaques with thickened skin appeared on both thighs."
    )
    assert a.subtype.code != "calciphylaxis"
    assert "nephrogenic_systemic_fibrosis" in [d.id for d in a.differential]


def test_necrotic_purpura_in_septic_shock_on_dialysis_is_not_called_calciphylaxis() -> None:
    a = assessment_of(
        "A 63-year-old man on haemodialysis in septic shock developed rapidly spreading retiform purpura "
        "with necrosis over the limbs and trunk."
    )
    assert a.subtype.code != "calciphylaxis"
    assert "purpura_fulminans" in [d.id for d in a.differential]


def test_a_recorded_allergy_withholds_minocycline_and_diltiazem() -> None:
    text = (
        "A 48-year-old woman with limited systemic sclerosis had calcinosis of the fingertips on radiographs. "
        "She {allergy}. Calcium, phosphate and creatinine were normal."
    )
    mino = assessment_of(text.format(allergy="is allergic to minocycline, which gave her a widespread rash"))
    assert "minocycline" not in [t.id for t in mino.treatments]
    held = [t for t in mino.withheld_treatments if t.id == "minocycline"]
    assert held and any("hypersensitivity" in r for r in held[0].withheld_reasons)
    assert "diltiazem" in [t.id for t in mino.treatments]
    dilt = assessment_of(text.format(allergy="has a known allergy to diltiazem"))
    assert "diltiazem" not in [t.id for t in dilt.treatments]
    assert "diltiazem" in [t.id for t in dilt.withheld_treatments]
    # denied, it withholds nothing
    denied = assessment_of(text.format(allergy="has no known allergy to diltiazem"))
    assert "diltiazem" in [t.id for t in denied.treatments]


def test_an_allergy_line_of_a_clinic_note_withholds_the_drug() -> None:
    a = assessment_of(
        "58F, limited SSc, calcinosis of the fingertips on XR. Allergies: minocycline (rash). Ca and phos normal."
    )
    assert "minocycline" not in [t.id for t in a.treatments]
    assert "minocycline" in [t.id for t in a.withheld_treatments]


def test_a_raised_creatinine_without_a_named_kidney_disease_guards_the_renal_options() -> None:
    # aluminium hydroxide was offered to a man with creatinine 2.7 because no kidney disease was named
    a = assessment_of(
        "A 58-year-old man had hard nodules around the right shoulder on radiographs. Calcium was 11.6 mg/dL, "
        "phosphate 6.4 mg/dL and creatinine 2.7 mg/dL."
    )
    assert a.subtype.code == "metastatic"
    assert "aluminium_hydroxide" not in [t.id for t in a.treatments]
    assert "aluminium_hydroxide" in [t.id for t in a.withheld_treatments]
    binders = [t for t in a.treatments if t.id == "phosphate_binders"]
    assert binders and any("without aluminium" in c for c in binders[0].cautions)
    ssc = assessment_of(
        "A 61-year-old woman with limited systemic sclerosis had calcinosis of the fingertips on radiographs. "
        "Creatinine was 2.9 mg/dL; calcium and phosphate were normal."
    )
    # creatinine 2.9 mg/dL at 61 (woman): the CKD-EPI 2021 estimate (about 18) is below the 35 limit
    assert "bisphosphonates" not in [t.id for t in ssc.treatments]
    reasons = [r for t in ssc.withheld_treatments if t.id == "bisphosphonates" for r in t.withheld_reasons]
    assert any("Renal function" in r for r in reasons)


def test_a_lesion_first_treated_as_cellulitis_on_dialysis_is_still_calciphylaxis() -> None:
    # the commonest misdiagnosis: the working label 'cellulitis' does not make the mimic present
    a = assessment_of(
        "A 59-year-old man on haemodialysis had a hot, red, very painful area on the right thigh that was "
        "treated as cellulitis with antibiotics for two weeks without any improvement. It then became a "
        "violaceous plaque with a black eschar. No biopsy had been done."
    )
    assert a.subtype.code == "calciphylaxis"
    assert "calciphylaxis_biopsy" in [t.id for t in a.missing_workup]


def test_a_biopsy_of_vasculitis_without_calcification_is_not_called_dystrophic_calcinosis() -> None:
    # lupus points to dystrophic calcinosis only when there is calcinosis: the biopsy found none
    a = assessment_of(
        "A 46-year-old woman with systemic lupus erythematosus had painful purpura and small ulcers on both "
        "shins. A skin biopsy showed leukocytoclastic vasculitis without calcification."
    )
    assert a.subtype.code not in ("dystrophic", "calciphylaxis")
    assert a.subtype.certainty != "confirmed"
    assert "vasculitis" in [d.id for d in a.differential]


def test_birefringent_crystals_are_told_apart_oxalate_urate_and_pyrophosphate() -> None:
    oxalate = assessment_of(
        "A 31-year-old woman with primary hyperoxaluria on haemodialysis had livedo and painful necrotic "
        "ulcers on the calves. The biopsy showed yellow-brown crystals in the arteriolar walls that were "
        "birefringent under polarised light."
    )
    assert oxalate.subtype.code != "calciphylaxis"
    assert oxalate.differential[0].id == "cutaneous_oxalosis"
    urate = assessment_of(
        "A 70-year-old man had chalky nodules over the fingers; the aspirated crystals were needle-shaped and "
        "negatively birefringent under polarized light."
    )
    assert urate.differential[0].id == "gouty_tophi"
    pyrophosphate = assessment_of(
        "A 77-year-old woman had a hard mass beside the knee; the material held rhomboid positively "
        "birefringent crystals."
    )
    assert pyrophosphate.differential[0].id == "tophaceous_pseudogout"


def test_a_mother_who_breastfeeds_her_baby_is_not_offered_diltiazem_or_bisphosphonates() -> None:
    a = assessment_of(
        "A 33-year-old woman with dermatomyositis had hard calcified nodules on both elbows on radiographs. "
        "She gave birth two months ago and has a baby whom she breastfeeds. Calcium and phosphate were normal."
    )
    assert a.subtype.code == "dystrophic"
    offered = [t.id for t in a.treatments]
    assert "diltiazem" not in offered and "bisphosphonates" not in offered
    assert {"diltiazem", "bisphosphonates"} <= {t.id for t in a.withheld_treatments}


def test_ckd_stage_4_told_without_an_egfr_withholds_bisphosphonates() -> None:
    # stage 4 means a GFR of 15-29 by definition: the renal limit applies without a measured eGFR
    a = assessment_of(
        "A 66-year-old woman with limited systemic sclerosis and CKD stage 4 had calcinosis of the fingertips "
        "on radiographs. Calcium and phosphate were normal."
    )
    assert "bisphosphonates" not in [t.id for t in a.treatments]
    held = [t for t in a.withheld_treatments if t.id == "bisphosphonates"]
    assert held and any("35" in r for r in held[0].withheld_reasons)
    colchicine = [t for t in a.treatments if t.id == "colchicine"]
    assert colchicine and any(c.startswith("Renal impairment") for c in colchicine[0].cautions)
    assert "chronic_kidney_disease" in [r.id for r in a.condition_roles]


def test_a_nodule_where_glass_cut_the_knee_is_dystrophic() -> None:
    a = assessment_of(
        "A 27-year-old man had a hard white nodule on the left knee, where he had been cut by glass five "
        "years earlier. Calcium, phosphate and kidney function were normal."
    )
    assert a.subtype.code == "dystrophic"
    assert "local_trauma" in [r.id for r in a.condition_roles]


def test_a_low_calcium_bath_is_cautioned_when_calcium_is_already_low() -> None:
    a = assessment_of(
        "A 60-year-old woman on haemodialysis had painful retiform purpura with necrotic ulcers on the thighs; "
        "a biopsy showed calcified subcutaneous arterioles. After a parathyroidectomy her ionized calcium was "
        "0.95 mmol/L."
    )
    assert a.subtype.code == "calciphylaxis"
    bath = [t for t in a.treatments if t.id == "dialysis_intensification_calciphylaxis"]
    assert bath and any(c.startswith("Calcium is already low") for c in bath[0].cautions)
    assert "bisphosphonates_calciphylaxis" in [t.id for t in a.withheld_treatments]


def test_infected_nodules_are_not_injected_with_a_corticosteroid() -> None:
    text = (
        "A 45-year-old woman with dermatomyositis had calcified nodules on both elbows on radiographs. "
        "{infection} Calcium and phosphate were normal."
    )
    infected = assessment_of(text.format(infection="Two nodules were secondarily infected and discharging pus."))
    assert infected.subtype.code == "dystrophic"
    assert "intralesional_corticosteroids" not in [t.id for t in infected.treatments]
    assert "intralesional_corticosteroids" in [t.id for t in infected.withheld_treatments]
    clean = assessment_of(text.format(infection="There was no secondary infection."))
    assert "intralesional_corticosteroids" in [t.id for t in clean.treatments]


@pytest.mark.parametrize(
    ("line", "withheld"),
    [
        ("Allergies: penicillin, minocycline (rash).", "minocycline"),
        ("Allergies: penicillin and doxycycline.", "minocycline"),
        ("She is allergic to sulfa and to diltiazem.", "diltiazem"),
    ],
)
def test_a_later_item_of_an_allergy_list_withholds_its_drug(line: str, withheld: str) -> None:
    text = f"54F with limited SSc and hard calcified nodules of the fingertips on radiographs. {line}"
    (case,) = assess(text).cases
    assert withheld in {t.id for t in case.assessment.withheld_treatments}


def test_no_known_allergies_withholds_nothing_for_allergy() -> None:
    text = "54F with limited SSc and hard calcified nodules of the fingertips on radiographs. No known allergies."
    (case,) = assess(text).cases
    assert not [f for f in case.findings if f.concept.endswith("_allergy")]
