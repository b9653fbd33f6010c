"""Kinds of phrasing and clinical rules from a thirteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.extract.pipeline import extract
from calcidx.public import assess
from tests.extract.reading import exposure_assertions, first_assessed, histology_concepts

# ------------------------------------------ an answer "No." ends its sentence
# "Any drug allergies? No. She takes warfarin and calcium carbonate." was one sentence "No. She takes
# ...": "No." was read as the abbreviation of "number", so its negation reached the drugs she takes
# (warfarin absent: no advice to review it). "No." (and "Ca.", "vol.", "ref.") is an abbreviation
# only before a number.
ANSWERED_NO = [
    "A 64-year-old woman on peritoneal dialysis has painful necrotic ulcers over both calves. Any drug allergies? "
    "No. She takes warfarin and calcium carbonate.",
    "A 70-year-old man on haemodialysis has tender indurated plaques on the abdomen. Smoker? No. He takes "
    "warfarin and calcium carbonate.",
]


@pytest.mark.parametrize("text", ANSWERED_NO)
def test_an_answer_no_does_not_negate_the_next_sentence(text: str) -> None:
    case, _, _ = first_assessed(text)
    exposures = exposure_assertions(case)
    assert exposures.get("warfarin") == "present", exposures
    assert exposures.get("calcium_based_binders") == "present", exposures
    assert any("warfarin" in action.action.lower() for action in case.assessment.actions)


def test_control_a_numbered_no_stays_one_sentence() -> None:
    document = extract(
        "Patient No. 3 was a 12-year-old girl with juvenile dermatomyositis and hard nodules on the elbows."
    )
    assert [c.patient.age_years for c in document.cases] == [12.0]


# ------------------------------------------ a question asserts no pregnancy
# "She was pregnant? No." made her pregnant ("was pregnant"), withholding what a pregnancy withholds.
def test_a_question_then_no_is_not_a_pregnancy() -> None:
    case, _, _ = first_assessed(
        "A 34-year-old woman with dermatomyositis has calcified nodules on the thighs shown on radiographs. She "
        "was pregnant? No. Calcium and phosphate were normal."
    )
    assert case.patient.pregnant is not True


def test_control_she_was_pregnant_is_a_pregnancy() -> None:
    case, _, _ = first_assessed(
        "A 34-year-old woman with dermatomyositis has calcified nodules on the thighs shown on radiographs. She "
        "was pregnant at the time. Calcium and phosphate were normal."
    )
    assert case.patient.pregnant is True


# ------------------------------------------ a lesion at the site of the line the calcium ran through
# "a firm white plaque on the dorsum of the left hand at the site of a previous intravenous line
# through which calcium gluconate had been infused": the infusion had no site, so the lesion and the
# exposure were not tied (iatrogenic, possible). exposure_site.before reads "a line through which".
LINE_THROUGH_WHICH = [
    "A 3-week-old girl born at 30 weeks had a firm white plaque on the dorsum of the left hand at the site of a "
    "previous intravenous line through which calcium gluconate had been infused. Radiographs showed soft-tissue "
    "calcification.",
    "A 2-month-old boy has hard nodules on the right foot at the site of a cannula used to give calcium chloride. "
    "An X-ray showed calcification in the soft tissue.",
]


@pytest.mark.parametrize("text", LINE_THROUGH_WHICH)
def test_a_lesion_at_the_line_the_calcium_ran_through_is_iatrogenic_at_the_site(text: str) -> None:
    case, code, certainty = first_assessed(text)
    assert code == "iatrogenic"
    assert certainty in ("probable", "confirmed")
    assert any(e.site for e in case.exposures if e.concept == "iv_calcium")


def test_control_a_line_elsewhere_is_not_the_lesions_site() -> None:
    case, code, _ = first_assessed(
        "A 3-week-old girl had a firm white plaque on the left thigh. Calcium gluconate had been infused through a "
        "line in the right hand. Radiographs showed soft-tissue calcification."
    )
    assert code != "iatrogenic" or case.assessment.subtype.certainty == "possible"


# ------------------------------------------ rheumatoid nodules: a look-alike a biopsy tells apart
# "hard nodules over the extensor surfaces ... Biopsy showed a rheumatoid nodule" in rheumatoid
# arthritis was dystrophic calcinosis, probable, with gouty tophi leading the differential: rheumatoid
# nodules were no look-alike. Named (found or suspected), they now lead it and hold every subtype at
# possible until a test shows calcium (lesion.named_lookalike v2).
RHEUMATOID_NODULES = [
    "A 53-year-old woman with rheumatoid arthritis had hard nodules over the extensor surfaces of the forearms. "
    "Biopsy showed a rheumatoid nodule.",
    "A 53-year-old woman with rheumatoid arthritis had hard nodules over the elbows, clinically thought to be "
    "rheumatoid nodules.",
    "A 66-year-old man with seropositive RA on methotrexate has firm nodules on the fingers; accelerated "
    "rheumatoid nodulosis is suspected.",
]


@pytest.mark.parametrize("text", RHEUMATOID_NODULES)
def test_named_rheumatoid_nodules_hold_the_subtype_at_possible(text: str) -> None:
    case, code, certainty = first_assessed(text)
    assert certainty != "probable" and certainty != "confirmed", (code, certainty)
    assert case.assessment.differential[0].id == "rheumatoid_nodule"


def test_rheumatoid_arthritis_lists_rheumatoid_nodules_in_the_differential() -> None:
    case, _, _ = first_assessed(
        "A 53-year-old woman with rheumatoid arthritis on methotrexate had hard nodules over the extensor surfaces "
        "of the forearms."
    )
    assert "rheumatoid_nodule" in [d.id for d in case.assessment.differential[:3]]


def test_control_calcium_shown_lifts_the_rheumatoid_nodule_hold() -> None:
    _, code, certainty = first_assessed(
        "A 60-year-old woman with seropositive rheumatoid arthritis and rheumatoid nodules on the elbows developed "
        "hard white papules on the fingertips. X-ray showed calcified deposits in the finger pulps. Calcium and "
        "phosphate were normal."
    )
    assert code == "dystrophic" and certainty in ("probable", "confirmed")


# ------------------------------------------ necrotic and painful wounds are calciphylaxis's lesions
# "Admitted with painful necrotic wounds to both lower legs ... Punch biopsy: calcification of small
# vessels in the subcutis" on peritoneal dialysis was calciphylaxis, probable, "no typical or early
# lesion is recorded": a wound was not read as the ulcer it is.
WOUNDS = [
    "Discharge summary. 74M, ESRD on PD. Admitted with painful necrotic wounds to both lower legs. Punch biopsy: "
    "calcification of small vessels in the subcutis.",
    "A 69-year-old woman on haemodialysis had a necrotic wound on the right thigh. Biopsy showed calcification of "
    "small subcutaneous arterioles.",
]


@pytest.mark.parametrize("text", WOUNDS)
def test_a_necrotic_wound_with_arteriolar_calcification_is_calciphylaxis_confirmed(text: str) -> None:
    case, code, certainty = first_assessed(text)
    assert (code, certainty) == ("calciphylaxis", "confirmed")
    assert {f.concept for f in case.findings} & {"necrotic_ulcer", "painful_ulcer"}


def test_control_a_wound_told_healed_is_no_typical_lesion() -> None:
    case, _, _ = first_assessed(
        "A 69-year-old woman on haemodialysis had a surgical wound on the right thigh that healed well. Biopsy "
        "showed calcification of small subcutaneous arterioles."
    )
    assert "necrotic_ulcer" not in {f.concept for f in case.findings}


# ------------------------------------------ a plaque in an old or vaccination scar
# "a hard plaque in a vaccination scar on the left upper arm ... calcium deposits ... labs normal" was
# idiopathic, probable: a scar is healed injury, and calcium in it is dystrophic.
SCARS = [
    "A 42-year-old woman developed a hard plaque in a vaccination scar on the left upper arm. Biopsy: calcium "
    "deposits. Calcium and phosphate normal.",
    "A 35-year-old man has a firm white nodule within an old scar on the right knee. Histology showed dermal "
    "calcium deposits. Serum calcium and phosphate were normal.",
]


@pytest.mark.parametrize("text", SCARS)
def test_calcium_in_an_old_scar_is_dystrophic(text: str) -> None:
    case, code, _ = first_assessed(text)
    assert code == "dystrophic"
    assert exposure_assertions(case).get("local_trauma") == "present"


# ------------------------------------------ diltiazem beside nifedipine
# Many patients with systemic sclerosis take nifedipine for Raynaud's phenomenon: diltiazem was offered
# beside it with no word of the interaction (diltiazem raises nifedipine's exposure, and blood pressure
# falls further). A current nifedipine now shows a caution; a stopped one does not.
def _diltiazem_cautions(text: str) -> list[str]:
    case, _, _ = first_assessed(text)
    offered = {t.id: t for t in case.assessment.treatments}
    assert "diltiazem" in offered, sorted(offered)
    return offered["diltiazem"].cautions


def test_diltiazem_beside_current_nifedipine_carries_a_caution() -> None:
    cautions = _diltiazem_cautions(
        "A 57-year-old woman with limited scleroderma has painful calcinosis on the right index finger that drains "
        "chalky material. Current meds: nifedipine 30 mg daily, omeprazole and mycophenolate."
    )
    assert any("nifedipine" in c.lower() for c in cautions)


def test_control_nifedipine_stopped_last_year_carries_none() -> None:
    cautions = _diltiazem_cautions(
        "A 57-year-old woman with limited scleroderma has calcinosis on the fingers that drains chalky material. "
        "Nifedipine was stopped last year because of ankle swelling."
    )
    assert not any("nifedipine" in c.lower() for c in cautions)


# ------------------------------------------ the inherited disorder recorded makes the sub-form
# Two siblings with "a homozygous FGF23 mutation", raised phosphate and normal renal function, their
# masses told as "lobulated calcified masses around both hips" and "a calcified mass over the right
# shoulder": metastatic with no sub-form (the masses were not read as periarticular), and "renal function
# normal" did not count as normal renal function shown (subform.hftc v2).
SIBLINGS = """Calcinosis cutis in two siblings: report of two cases

Case 1
A 12-year-old girl presented with multiple hard, painless nodules over the elbows and knees for three years.
Serum calcium was 2.41 mmol/L, phosphate 1.95 mmol/L (reference 0.9-1.5), alkaline phosphatase normal, and
renal function normal. Radiographs showed lobulated calcified masses around both hips.

Case 2
Her 9-year-old brother had a single calcified mass over the right shoulder. Phosphate was 2.1 mmol/L with normal
calcium and creatinine. Genetic testing identified a homozygous FGF23 mutation in both siblings.
"""


def test_siblings_with_the_hftc_gene_variant_are_hftc() -> None:
    cases = assess(SIBLINGS).cases
    assert [c.patient.age_years for c in cases] == [12.0, 9.0]
    assert [(c.assessment.subtype.code, c.assessment.subform and c.assessment.subform.code) for c in cases] == [
        ("metastatic", "hftc"),
        ("metastatic", "hftc"),
    ]


def test_the_variant_without_normal_renal_function_shown_is_tumoral_calcinosis() -> None:
    case, code, _ = first_assessed(
        "A 9-year-old boy had a single calcified mass over the right shoulder. Phosphate was 2.1 mmol/L. Genetic "
        "testing identified a homozygous GALNT3 mutation."
    )
    assert case.assessment.subform is not None
    assert (code, case.assessment.subform.code) == ("metastatic", "tumoral_calcinosis")


# ------------------------------------------ a drug not given
# "He was not given warfarin." and "Warfarin was never prescribed." read warfarin as taken, and the
# assessment asked to stop it (medication.not_given, medication.not_given_after).
NOT_GIVEN = [
    "A 66-year-old man on haemodialysis has painful indurated plaques with retiform purpura on the thighs. He was "
    "not given warfarin. Calcium 9.4 mg/dL, phosphate 6.9 mg/dL.",
    "A 66-year-old man on haemodialysis has painful indurated plaques with retiform purpura on the thighs. Warfarin "
    "was never prescribed. Calcium 9.4 mg/dL, phosphate 6.9 mg/dL.",
]


@pytest.mark.parametrize("text", NOT_GIVEN)
def test_a_drug_not_given_is_not_taken(text: str) -> None:
    case, _, _ = first_assessed(text)
    assert exposure_assertions(case).get("warfarin") == "absent"
    assert not any("warfarin" in action.action.lower() for action in case.assessment.actions)


def test_control_a_drug_not_taken_regularly_was_taken() -> None:
    case, _, _ = first_assessed(
        "A 66-year-old man on haemodialysis has painful indurated plaques with retiform purpura on the thighs. "
        "Warfarin was not taken regularly. Calcium 9.4 mg/dL, phosphate 6.9 mg/dL."
    )
    assert exposure_assertions(case).get("warfarin") == "present"


# ------------------------------------------ a biopsy finding denied in a list
# "Calciphylaxis was ruled out by the absence of pain, necrosis and vascular calcification on biopsy,
# which showed dermal calcium deposits" on dialysis with a high Ca x P: the findings reader read the
# vascular calcification as absent, but the histology record kept it (its own negation check stopped at
# the list's commas), so arteriolar calcification held metastatic at possible.
def test_a_histology_finding_denied_in_a_list_is_not_in_the_histology_record() -> None:
    case, code, certainty = first_assessed(
        "A 59-year-old woman on hemodialysis presented with firm, painless, white papules on the fingertips. "
        "Calciphylaxis was ruled out by the absence of pain, necrosis and vascular calcification on biopsy, which "
        "showed dermal calcium deposits. Calcium 10.2 mg/dL, phosphate 7.8 mg/dL, PTH 780 pg/mL."
    )
    assert "vascular_calcification_histology" not in histology_concepts(case)
    assert (code, certainty) == ("metastatic", "confirmed")


def test_control_vascular_calcification_on_biopsy_stays_in_the_record() -> None:
    case, code, _ = first_assessed(
        "A 59-year-old woman on hemodialysis has painful indurated plaques on the thighs. Biopsy showed vascular "
        "calcification of small subcutaneous vessels. Calcium 10.2 mg/dL, phosphate 7.8 mg/dL."
    )
    assert "vascular_calcification_histology" in histology_concepts(case)
    assert code == "calciphylaxis"


# ------------------------------------------ a radiograph that found no calcification, told in a list
# "X-ray showed no fracture, erosion or soft-tissue calcification" left hard nodules in systemic sclerosis
# dystrophic, probable: "no calcification" on a radiograph held them at possible, the same finding denied
# in a list did not (lesion.calcinosis_evidence: a test that found no calcium outweighs firm nodules).
def test_a_radiograph_denying_calcification_in_a_list_holds_firm_nodules_at_possible() -> None:
    _, code, certainty = first_assessed(
        "A 58-year-old woman with SSc has hard nodules on the fingers. X-ray showed no fracture, erosion or "
        "soft-tissue calcification."
    )
    assert (code, certainty) == ("dystrophic", "possible")


def test_control_a_radiograph_showing_calcification_keeps_them_probable() -> None:
    _, code, certainty = first_assessed(
        "A 58-year-old woman with SSc has hard nodules on the fingers. X-ray showed no fracture or erosion, but "
        "soft-tissue calcification of the finger pulps."
    )
    assert code == "dystrophic" and certainty in ("probable", "confirmed")


# ------------------------------------------ clefts in arterioles are cholesterol emboli
# "Skin biopsy showed biconvex needle-shaped clefts in small arterioles" after coronary angiography on
# dialysis was read as the newborn's fat-cell clefts: metastatic, possible. Clefts told in arterioles or
# vessels are cholesterol clefts, which identify cholesterol emboli.
def test_needle_shaped_clefts_in_arterioles_are_cholesterol_clefts() -> None:
    case, code, _ = first_assessed(
        "A 68-year-old man on haemodialysis developed painful purple toes and livedo on both feet two weeks after "
        "coronary angiography. Eosinophilia was present. Skin biopsy showed biconvex needle-shaped clefts in small "
        "arterioles."
    )
    concepts = {f.concept for f in case.findings}
    assert "cholesterol_clefts_histology" in concepts and "needle_shaped_clefts_in_fat" not in concepts
    assert code == "not_calcinosis"
    assert case.assessment.differential[0].id == "cholesterol_emboli"


def test_control_needle_shaped_clefts_in_fat_cells_stay_the_newborns() -> None:
    case, _, _ = first_assessed(
        "A 10-day-old boy born after therapeutic hypothermia has firm red plaques on the back. Biopsy showed "
        "needle-shaped clefts in fat cells."
    )
    assert "needle_shaped_clefts_in_fat" in {f.concept for f in case.findings}


# ------------------------------------------ a note's results without units, in one unit system
# "Labs: Ca 9.1, Phos 3.4, Cr 0.7, PTH 38, 25-OH D 31." left phosphate and creatinine uninterpreted
# (3.4 is normal in mg/dL, high in mmol/L), so a note with normal labs and calcinosis was undetermined;
# calcium 9.1 is plausible in mg/dL only, and the results written beside it are in the same system.
def test_a_notes_unitless_results_are_read_in_the_system_of_the_results_beside_them() -> None:
    case, code, _ = first_assessed(
        "HPI: 39F with 6 mo of firm white papules on R elbow, occasionally draining chalky material.\n"
        "Labs: Ca 9.1, Phos 3.4, Cr 0.7, PTH 38, 25-OH D 31.\n"
        "XR R elbow: punctate soft tissue calcifications.\n"
    )
    interpretations = {lab.analyte: lab.interpretation for lab in case.labs}
    assert interpretations["phosphate"] == "normal" and interpretations["creatinine"] == "normal"
    assert code == "idiopathic"


def test_control_a_line_with_no_unit_anchor_stays_uninterpreted() -> None:
    case, _, _ = first_assessed("62F, SSc, calcinosis of the fingers on X-ray. Ca 2.4, phos 1.1, PTH 6.2.")
    assert {lab.analyte: lab.interpretation for lab in case.labs}["phosphate"] is None


# ------------------------------------------ a biopsy's calcium told in other words
# "Biopsy: subepidermal calcium deposits." gave no histology finding (only the clinical sign), so a
# biopsy-shown calcinosis stayed at the level of a clinical sign; "calciphylaxis of the lower legs
# (biopsy proven)" was not read as the biopsy's reading (histology.tissue_calcium_named,
# histology.read_as_calciphylaxis).
@pytest.mark.parametrize(
    "sentence",
    [
        "Biopsy: subepidermal calcium deposits.",
        "Biopsy showed subepidermal calcification.",
        "Biopsy: calcium deposits.",
    ],
)
def test_calcium_named_in_a_biopsy_sentence_is_histology(sentence: str) -> None:
    case, _, _ = first_assessed(
        f"A 22-year-old woman had firm papules on the palms. {sentence} Calcium and phosphate normal."
    )
    assert "basophilic_deposits_histology" in histology_concepts(case)


def test_control_a_biopsy_looking_for_calcium_shows_none() -> None:
    case, _, _ = first_assessed(
        "A 22-year-old woman had firm papules on the palms. A biopsy was taken to look for calcium deposits. "
        "Calcium and phosphate normal."
    )
    assert "basophilic_deposits_histology" not in histology_concepts(case)


def test_calciphylaxis_of_a_site_biopsy_proven_is_the_biopsys_reading() -> None:
    case, code, _ = first_assessed(
        "A 76-year-old man has calciphylaxis of the lower legs (biopsy proven) with normal kidney function. He has "
        "alcoholic liver cirrhosis and takes warfarin."
    )
    assert "calciphylaxis_histology_reported" in histology_concepts(case)
    assert code == "calciphylaxis"


# ------------------------------------------ a drug switched for another, and a clause that stops another drug
# "He had been on warfarin for atrial fibrillation, switched to apixaban 6 months before ..." kept
# warfarin current, with advice to stop it; "She takes warfarin, and her statin was stopped" read
# warfarin as stopped (medication.switched_to_after; medication.stopped_after stops at ", and").
def test_a_drug_switched_for_another_is_past() -> None:
    case, _, _ = first_assessed(
        "A 64-year-old man had been on warfarin for atrial fibrillation, switched to apixaban 6 months before the "
        "onset of painful necrotic ulcers on the thighs. He is on haemodialysis. Biopsy confirmed calciphylaxis."
    )
    assert exposure_assertions(case).get("warfarin") == "historical"
    assert not any("warfarin" in action.action.lower() for action in case.assessment.actions)


def test_another_drug_stopped_in_a_new_clause_leaves_warfarin_current() -> None:
    case, _, _ = first_assessed(
        "A 70-year-old man on haemodialysis has painful necrotic ulcers on the thighs. He takes warfarin, and his "
        "statin was stopped last month. Biopsy confirmed calciphylaxis."
    )
    assert exposure_assertions(case).get("warfarin") == "present"
    assert any("warfarin" in action.action.lower() for action in case.assessment.actions)


# ------------------------------------------ a biopsy that shows bone
# "pseudohypoparathyroidism ... hard plaques on the legs; biopsy shows bone" was metastatic, probable:
# "shows bone" was not read as true bone in the skin, the finding that makes it a look-alike
# (histology.bone_named).
def test_a_biopsy_showing_bone_is_the_look_alike() -> None:
    case, code, _ = first_assessed(
        "A 15-year-old boy with pseudohypoparathyroidism (elevated PTH, low calcium, high phosphate) has hard "
        "plaques on the legs; biopsy shows bone."
    )
    assert code == "not_calcinosis"
    assert case.assessment.differential[0].id in ("albright_hereditary_osteodystrophy", "osteoma_cutis")


def test_control_calcium_beside_bone_is_no_bone_finding() -> None:
    case, _, _ = first_assessed(
        "A 55-year-old woman with systemic sclerosis has hard nodules on the fingers. Biopsy showed calcium "
        "deposits next to bone. Calcium and phosphate normal."
    )
    assert "lamellar_bone_histology" not in histology_concepts(case)


# ------------------------------------------ IVF planned is a pregnancy sought
# "is planning IVF next year" offered bisphosphonates and diltiazem, whose labels advise against a
# pregnancy that may follow; a past IVF says nothing of a pregnancy now.
def test_ivf_planned_withholds_what_a_planned_pregnancy_withholds() -> None:
    case, _, _ = first_assessed(
        "A 41-year-old woman with dermatomyositis and calcinosis on the arms (X-ray) is planning IVF next year."
    )
    assert {"bisphosphonates", "diltiazem"} <= {t.id for t in case.assessment.withheld_treatments}


def test_control_a_past_ivf_withholds_nothing() -> None:
    case, _, _ = first_assessed(
        "A 41-year-old woman with dermatomyositis and calcinosis on the arms (X-ray) had IVF treatment ten years ago; "
        "her son is 9."
    )
    assert "pregnancy_planned" not in {f.concept for f in case.findings}


# ------------------------------------------ "has calciphylaxis on biopsy"
# The note's shorthand was not read as the biopsy's reading: calciphylaxis, possible
# (histology.calciphylaxis_on_biopsy).
def test_calciphylaxis_on_biopsy_is_the_biopsys_reading() -> None:
    case, code, certainty = first_assessed(
        "A 69-year-old woman on haemodialysis has calciphylaxis on biopsy. She has severe aortic stenosis and heart "
        "failure with an ejection fraction of 30%."
    )
    assert "calciphylaxis_histology_reported" in histology_concepts(case)
    assert (code, certainty) == ("calciphylaxis", "probable")


def test_control_calciphylaxis_to_be_looked_for_on_biopsy_is_no_reading() -> None:
    case, _, _ = first_assessed(
        "A 69-year-old woman on haemodialysis has painful plaques on the thighs. A deep biopsy is planned to look "
        "for calciphylaxis on biopsy."
    )
    assert "calciphylaxis_histology_reported" not in histology_concepts(case)


# ------------------------------------------ a calcium hydroxylapatite filler at the site
# "calcified nodules on the face after a filler injection (calcium hydroxylapatite, Radiesse)" was
# idiopathic, probable: the filler is calcium-containing material injected where the nodules are.
def test_a_calcium_hydroxylapatite_filler_is_an_iatrogenic_exposure() -> None:
    case, code, certainty = first_assessed(
        "A 42-year-old woman presented with calcified nodules on the face after a filler injection (calcium "
        "hydroxylapatite, Radiesse) 2 years ago. Calcium and phosphate normal."
    )
    assert "calcium_hydroxylapatite_filler" in exposure_assertions(case)
    assert (code, certainty) != ("idiopathic", "probable")


def test_control_hydroxyapatite_as_the_deposits_mineral_is_no_exposure() -> None:
    case, _, _ = first_assessed(
        "A 50-year-old woman with SSc has calcinosis of the fingers. The deposits consist of calcium hydroxyapatite "
        "crystals. Calcium and phosphate normal."
    )
    assert "calcium_hydroxylapatite_filler" not in exposure_assertions(case)


# ------------------------------------------ an eGFR told only as a number
# "has an eGFR of 12 mL/min/1.73 m2 and is not on dialysis", phosphate high: eGFR has no reference
# range, so renal function was not impaired, the lab pattern suggested HFTC (which needs normal renal
# function) and the kidneys were no cause (subtype.metastatic.renal v3: eGFR below 30 is impaired).
def test_an_egfr_of_12_is_impaired_renal_function() -> None:
    case, code, _ = first_assessed(
        "A 67-year-old woman with dermatomyositis and calcinosis of the thighs (X-ray) has an eGFR of 12 mL/min/1.73 "
        "m2 and is not on dialysis. Calcium 2.3 mmol/L, phosphate 1.9 mmol/L."
    )
    conclusions = " ".join(step.conclusion for step in case.assessment.rationale)
    assert "tumoral calcinosis (HFTC)" not in conclusions
    assert "Impaired renal function" in conclusions
    assert code == "metastatic"


def test_control_an_egfr_of_95_is_no_impairment() -> None:
    case, _, _ = first_assessed(
        "A 67-year-old woman with dermatomyositis and calcinosis of the thighs (X-ray) has an eGFR of 95 mL/min/1.73 "
        "m2. Calcium 2.3 mmol/L, phosphate 1.0 mmol/L."
    )
    conclusions = " ".join(step.conclusion for step in case.assessment.rationale)
    assert "Impaired renal function" not in conclusions


# ------------------------------------------ a case heading after the case has begun is no banner
# A report with its line breaks lost, "Case report. A 60-year-old woman ... Investigations: calcium 2.31
# mmol/L, ...": "Investigations" was taken for an article-type banner above the title (front matter),
# so the labs and the radiograph after it were dropped. A case heading is a banner only before any
# section has opened.
def test_a_case_heading_inside_a_one_line_report_keeps_what_follows() -> None:
    case, _, _ = first_assessed(
        "Case report. A 60-year-old woman with limited systemic sclerosis. Presentation: hard white nodules on the "
        "fingertips discharging chalky material. Investigations: calcium 2.31 mmol/L, phosphate 1.02 mmol/L, "
        "creatinine 70 umol/L. Radiograph: soft-tissue calcification of the finger pulps."
    )
    assert {lab.analyte for lab in case.labs} >= {"calcium", "phosphate", "creatinine"}


def test_control_a_banner_above_the_title_is_still_front_matter() -> None:
    document = extract(
        "CASE REPORT\nCalcinosis cutis in limited systemic sclerosis\nA 60-year-old woman has hard white nodules on "
        "the fingertips discharging chalky material. Calcium 2.31 mmol/L."
    )
    assert [c.patient.age_years for c in document.cases] == [60.0]
