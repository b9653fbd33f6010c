"""Sixth round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: a drug offered to a
patient who is allergic to it, a drug tried under its brand name offered again as new, a plaque
that is only firm taken for calcinosis. The assertions are on the call and on what is offered or
withheld, not on wording.
"""

from __future__ import annotations

from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons


def test_anaphylaxis_to_a_bisphosphonate_withholds_the_bisphosphonates() -> None:
    a = assessment_of(
        "A 61-year-old woman with limited cutaneous systemic sclerosis has chalky calcinosis of two "
        "fingertips on X-ray. She had anaphylaxis to zoledronic acid three years ago. eGFR 84 mL/min."
    )
    assert a.subtype.code == "dystrophic"
    assert "bisphosphonates" not in offered_ids(a)
    assert any("hypersensitiv" in r.lower() for r in withheld_reasons(a, "bisphosphonates"))


def test_an_alendronate_item_of_an_allergy_list_withholds_the_bisphosphonates() -> None:
    a = assessment_of(
        "Adult dermatomyositis with hard calcinosis nodules at both elbows on radiographs. "
        "Allergies: penicillin, alendronate (hives). eGFR 95 mL/min."
    )
    assert "bisphosphonates" not in offered_ids(a)
    assert withheld_reasons(a, "bisphosphonates")


def test_an_allergy_to_sodium_thiosulfate_withholds_every_thiosulfate_option() -> None:
    a = assessment_of(
        "A 57-year-old man on haemodialysis has skin biopsy-proven calciphylaxis of the thighs. "
        "He is allergic to sodium thiosulfate (urticaria and wheeze with the first infusion)."
    )
    assert a.subtype.code == "calciphylaxis"
    for option in ("iv_sts_calciphylaxis", "intralesional_sts_calciphylaxis"):
        assert option not in offered_ids(a)
        assert any("thiosulfate" in r.lower() for r in withheld_reasons(a, option))


def test_a_sulfa_allergy_does_not_withhold_sodium_thiosulfate() -> None:
    # a sulfonamide allergy is not a thiosulfate allergy: no source makes it a contraindication
    a = assessment_of(
        "A 66-year-old woman on haemodialysis has biopsy-confirmed calciphylaxis of the abdomen. "
        "Allergies: sulfa drugs (rash)."
    )
    assert "iv_sts_calciphylaxis" in offered_ids(a)


def test_diltiazem_tried_under_its_brand_name_is_not_offered_as_new() -> None:
    a = assessment_of(
        "A 54-year-old woman with limited systemic sclerosis has calcinosis of the fingertips on "
        "X-ray. She took Cardizem for eight months without benefit and stopped it because of "
        "dizziness."
    )
    assert a.subtype.code == "dystrophic"
    new = {t.id for t in a.treatments if not t.reported}
    assert "diltiazem" not in new


def test_a_bisphosphonate_tried_under_its_brand_name_is_reported() -> None:
    a = assessment_of(
        "A 47-year-old woman with dermatomyositis has calcinosis at the elbows on X-ray. She was "
        "treated with Fosamax weekly for two years with no change in the deposits."
    )
    new = {t.id for t in a.treatments if not t.reported}
    assert "bisphosphonates" not in new


def test_shiny_ivory_plaques_of_morphea_are_induration_not_calcinosis() -> None:
    a = assessment_of(
        "A 52-year-old woman with systemic sclerosis has firm, shiny, ivory plaques on the abdomen with "
        "a violet border; morphea. There are no nodules and no discharge."
    )
    assert a.subtype.code == "undetermined"
    assert not offered_ids(a) & {"diltiazem", "bisphosphonates", "ceftriaxone", "iv_sts_dystrophic", "minocycline"}
    dystrophic = next(x for x in a.alternatives if x.code == "dystrophic")
    assert "radiograph" in dystrophic.why


def test_woody_induration_in_dermatomyositis_is_not_calcinosis() -> None:
    a = assessment_of(
        "A 60-year-old man with dermatomyositis has woody induration of both thighs, tender and hard to "
        "pinch. The skin is intact."
    )
    assert a.subtype.code == "undetermined"


def test_firm_tethered_skin_after_radiotherapy_makes_no_subtype() -> None:
    a = assessment_of(
        "A 71-year-old woman had radiotherapy for breast cancer ten years ago; the skin of the irradiated "
        "chest wall is firm and tethered. Calcium is normal."
    )
    assert a.subtype.code == "undetermined"


def test_hard_white_nodules_in_dermatomyositis_are_still_calcinosis() -> None:
    a = assessment_of(
        "A 44-year-old woman with dermatomyositis has hard, white, indurated nodules on the elbows that "
        "discharge chalky material."
    )
    assert a.subtype.code == "dystrophic"


def test_an_egfr_written_in_words_withholds_the_bisphosphonates() -> None:
    a = assessment_of(
        "Clinic letter. A 69-year-old woman with limited systemic sclerosis has chalky calcinosis of both "
        "thumbs on hand X-rays. Her eGFR is twenty-four."
    )
    assert "bisphosphonates" not in offered_ids(a)
    assert withheld_reasons(a, "bisphosphonates")


def test_a_clearance_of_about_a_number_in_words_is_read() -> None:
    a = assessment_of(
        "A 77-year-old man with dermatomyositis has hard calcified nodules of the forearms on radiographs; "
        "his creatinine clearance is about eighteen mL/min."
    )
    assert "bisphosphonates" not in offered_ids(a)


def test_a_number_word_followed_by_more_words_is_no_lab_value() -> None:
    # "one of several tests" names no value of the calcium: nothing withholds the bisphosphonates
    a = assessment_of(
        "A 58-year-old woman with systemic sclerosis has hard white calcinosis nodules at the elbows; "
        "calcium, one of several tests sent, is awaited."
    )
    assert "bisphosphonates" in offered_ids(a)


def test_creatinine_age_and_sex_give_an_egfr_that_withholds_the_bisphosphonates() -> None:
    # 80-year-old woman, creatinine 3.2 mg/dL: CKD-EPI 2021 about 14 mL/min/1.73 m2, below the 35 limit
    a = assessment_of(
        "An 80-year-old woman with CREST syndrome has calcinosis of the fingertips with chalky material "
        "coming out. Creatinine 3.2 mg/dL."
    )
    estimated = [d for d in a.derived_labs if d.id == "egfr_estimated"]
    assert estimated and 10 < estimated[0].value < 20
    assert "bisphosphonates" not in offered_ids(a)


def test_a_normal_creatinine_gives_no_renal_withholding() -> None:
    a = assessment_of(
        "A 45-year-old man with dermatomyositis has hard white calcinosis nodules at the elbows on "
        "X-ray. Creatinine 0.9 mg/dL."
    )
    assert "bisphosphonates" in offered_ids(a)


def test_warfarin_stays_a_current_drug_when_a_later_clause_plans_a_biopsy() -> None:
    a = assessment_of(
        "A 72-year-old man with atrial fibrillation on Coumadin and normal kidney function has "
        "exquisitely painful retiform purpura with a black eschar on the thigh; calciphylaxis is "
        "suspected and a biopsy is planned."
    )
    considered = a.subtype.code == "calciphylaxis" or "calciphylaxis" in {x.code for x in a.alternatives}
    assert considered
    assert "warfarin" in {x.medication for x in a.actions}


def test_calciphylaxis_versus_vasculitis_with_a_biopsy_pending_stays_possible() -> None:
    a = assessment_of(
        "Renal MDT: a 59-year-old woman on haemodialysis has painful purpuric, necrotic plaques on both "
        "thighs. Calciphylaxis vs vasculitis; skin biopsy awaited."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "possible"
    assert "calciphylaxis_biopsy" in {m.id for m in a.missing_workup}


def test_a_differential_told_as_a_sentence_does_not_make_the_mimic_present() -> None:
    a = assessment_of(
        "A 66-year-old man on haemodialysis has painful purpuric necrotic lesions on the calves. The "
        "differential is calciphylaxis or vasculitis; a skin biopsy is pending."
    )
    # vasculitis was taken as present, which left a dialysis patient's necrosis "metastatic, possible"
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "possible"


def test_necrotic_ulcers_in_lupus_are_not_a_confident_dystrophic_calcinosis() -> None:
    # an ulcer with retiform purpura shows no calcium: lupus makes no probable dystrophic calcinosis of it
    a = assessment_of(
        "A 41-year-old woman with systemic lupus erythematosus and lupus nephritis, eGFR 26, on "
        "prednisolone, has painful necrotic ulcers with retiform purpura on both thighs. Calciphylaxis or "
        "lupus vasculitis? Biopsy to follow."
    )
    assert a.subtype.certainty in (None, "possible")
    assert "calciphylaxis" in {a.subtype.code, *(x.code for x in a.alternatives)}
    assert "calciphylaxis_biopsy" in {m.id for m in a.missing_workup}


def test_diltiazem_offered_beside_a_beta_blocker_carries_the_monitoring_caution() -> None:
    a = assessment_of(
        "A 69-year-old woman with limited systemic sclerosis and calcinosis of the fingertips on X-ray "
        "takes metoprolol for atrial fibrillation."
    )
    diltiazem = [t for t in [*a.treatments, *a.withheld_treatments] if t.id == "diltiazem"]
    assert diltiazem
    assert any("beta-blocker" in c for c in [*diltiazem[0].cautions, *diltiazem[0].withheld_reasons])
