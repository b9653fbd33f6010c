"""Kinds of phrasing and clinical rules from a twentieth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calcidx.extract.rules import load_rules
from calcidx.extract.sections import analyse_layout
from calcidx.extract.vocabulary import TABLES
from calcidx.knowledge.loader import load_bundle
from calcidx.public import assess, extract
from tests.extract.reading import assertions, exposure_assertions, first_assessed, first_case, histology_concepts

# ------------------------------------------ "not on dialysis" negates the therapy, not the next disease
# "stage 5 CKD not on dialysis (eGFR 11) and limited systemic sclerosis" negated the sclerosis, so
# fingertip calcinosis with normal calcium and phosphate became metastatic (possible) from the CKD.
NOT_ON_THEN_A_DISEASE = [
    "A 70-year-old woman with stage 5 CKD not on dialysis (eGFR 11 mL/min/1.73 m2) and limited systemic "
    "sclerosis had hard white nodules on the fingertips. Calcium 9.1 mg/dL, phosphate 4.3 mg/dL.",
    "A 66-year-old woman with CKD stage 4, not receiving dialysis, and dermatomyositis had hard nodules on "
    "the elbows. Calcium and phosphate were normal.",
    "70F, CKD 5 not on dialysis and limited SSc, hard white nodules on the fingertips, Ca and PO4 normal.",
]


@pytest.mark.parametrize("text", NOT_ON_THEN_A_DISEASE)
def test_not_on_dialysis_leaves_the_next_disease_present(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    found = assertions(case)
    assert found.get("dialysis") == "absent"
    assert "present" in {found.get("systemic_sclerosis"), found.get("dermatomyositis")}
    assert subtype == "dystrophic"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("A 60-year-old man, not on warfarin or steroids, had painful plaques on the thighs.", "warfarin"),
        ("A man with CKD stage 5, not receiving dialysis, developed painful plaques.", "dialysis"),
        ("CKD 4, not on dialysis.", "dialysis"),
    ],
)
def test_not_on_still_negates_what_a_patient_is_on(text: str, absent: str) -> None:
    case = first_case(f"A 60-year-old man had plaques on the thighs. {text}")
    found = {**assertions(case), **{e.concept: e.assertion for e in case.exposures}}
    assert found.get(absent) == "absent"


def test_every_allowed_type_names_a_table_or_a_concept() -> None:
    bundle = load_bundle()
    for trigger in load_rules().triggers:
        for allowed in trigger.allowed_types:
            table, _, concept = allowed.partition(":")
            assert table in TABLES, (trigger.id, allowed)
            assert not concept or bundle.concept(concept) is not None, (trigger.id, allowed)


# ------------------------------------------ a strength between "at the site where" and the calcium salt
# "at the site where 10% calcium chloride had extravasated" gave the extravasation no site (the
# strength stood between the tying words and the salt): iatrogenic stayed possible.
STRENGTH_AT_THE_SITE = [
    "A 45-year-old man had a firm plaque on the dorsum of his left hand at the site where 10% calcium chloride "
    "had extravasated from a peripheral cannula. Calcium and phosphate were normal.",
    "A preterm girl had a white plaque on the right foot at the site where a 10% calcium gluconate infusion had "
    "leaked. Calcium and phosphate were normal.",
]


@pytest.mark.parametrize("text", STRENGTH_AT_THE_SITE)
def test_a_strength_before_the_salt_keeps_the_site(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert any(e.site for e in case.exposures if e.concept in ("iv_calcium", "calcium_extravasation"))
    assert (subtype, certainty) == ("iatrogenic", "probable")


# ------------------------------------------ impalpable or absent pulses in other words
# "pulses absent at both ankles", "pedal pulses were not palpable" were not read as signs of
# peripheral arterial disease, so a dialysis patient's ischaemic leg ulcers were calciphylaxis.
PULSES = [
    "A 60-year-old man on hemodialysis for 6 years had painful ulcers over the lateral malleoli, with pulses "
    "absent at both ankles.",
    "A 60-year-old man on hemodialysis had painful ulcers of the toes; pedal pulses were not palpable.",
    "A 71-year-old woman on peritoneal dialysis had painful toe ulcers and impalpable pedal pulses.",
]


@pytest.mark.parametrize("text", PULSES)
def test_absent_pulses_hold_calciphylaxis_back(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert assertions(case).get("peripheral_arterial_signs") == "present"
    assert subtype != "calciphylaxis"


def test_palpable_pulses_are_no_arterial_sign() -> None:
    text = "A 60-year-old man on hemodialysis had painful ulcers of the thighs. Pedal pulses were palpable."
    case, subtype, _ = first_assessed(text)
    assert "peripheral_arterial_signs" not in assertions(case)
    assert subtype == "calciphylaxis"


# ------------------------------------------ a pathology or radiology report is one patient's note
# A pathology report whose patient comes only in its last line ("Clinical history: 58F, limited
# scleroderma.") was read as an article: the microscopic findings before that line were no one's.
REPORTS = [
    "Pathology report. Specimen: skin, left index finger, excision. Microscopic: dermis contains large "
    "aggregates of amorphous basophilic material, von Kossa positive. Diagnosis: calcinosis cutis. Clinical "
    "history: 58F, limited scleroderma.",
    "SURGICAL PATHOLOGY REPORT\nSpecimen: skin, left thigh, incisional biopsy.\nMicroscopic description: "
    "aggregates of basophilic material in the dermis, von Kossa positive.\nClinical information: 62-year-old "
    "woman with dermatomyositis.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_pathology_report_is_read_whole(text: str) -> None:
    document = extract(text)
    assert len(document.cases) == 1
    case = document.cases[0]
    assert "basophilic_deposits_histology" in histology_concepts(case)
    assert case.patient.age_years in (58, 62)


def test_a_case_report_with_a_specimen_sentence_stays_an_article() -> None:
    text = (
        "Calcinosis cutis in two sisters. Case 1. A 34-year-old woman had hard nodules on the elbows. "
        "Case 2. Her 30-year-old sister had hard nodules on the knees. The specimen showed calcium deposits."
    )
    assert len(extract(text).cases) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Subcutaneous small arteries showed medial calcification with luminal thrombi.",
        "Biopsy: calcified arterioles in the subcutis and intraluminal thrombi.",
    ],
)
def test_luminal_thrombi_are_vascular_thrombi(sentence: str) -> None:
    case = first_case(f"A 71-year-old man on hemodialysis had painful necrotic thigh ulcers. {sentence}")
    assert assertions(case).get("vascular_thrombi_histology") == "present"


# ------------------------------------------ siblings with no number in the title; a sibling's age "now 8"
# "Calcinosis cutis in siblings with juvenile dermatomyositis" gave its disease to the first brother
# only, so the second (whose age "now 8" was not read) was idiopathic (probable).
SIBLINGS = (
    "Calcinosis cutis in siblings with juvenile dermatomyositis\n\nWe describe two brothers. The elder, aged 11, "
    "developed hard nodules over the elbows two years after the onset of the disease. His younger brother, now "
    "8, had similar nodules on the knees. In both, calcium and phosphate were normal."
)


def test_a_title_about_siblings_is_each_siblings() -> None:
    cases = assess(SIBLINGS).cases
    assert [c.patient.age_years for c in cases] == [11, 8]
    assert [c.assessment.subtype.code for c in cases] == ["dystrophic", "dystrophic"]
    assert all("juvenile_dermatomyositis" in assertions(c) for c in cases)


def test_a_title_about_one_patient_is_not_shared() -> None:
    text = SIBLINGS.replace("in siblings with juvenile dermatomyositis", "in a boy with juvenile dermatomyositis")
    cases = assess(text).cases
    assert "juvenile_dermatomyositis" not in assertions(cases[-1])


# ------------------------------------------ a relative's bare age does not end the family clause
# "Her mother, 40, has lupus." gave the 9-year-old girl lupus as the cause of her nodules: the bare
# age between the relative and the disease ended the family trigger's scope.
@pytest.mark.parametrize("apposition", [", 40,", ", now 40,", ", then 38 years old,", ", aged 40,", ""])
def test_a_relatives_age_keeps_her_disease_hers(apposition: str) -> None:
    text = f"A 9-year-old girl had hard nodules on the elbows. Her mother{apposition} has lupus."
    assert assertions(first_case(text)).get("systemic_lupus_erythematosus") == "family"


# ------------------------------------------ a title run into the text when the line breaks are lost
# With all whitespace collapsed, "Calciphylaxis in a patient with ... hyperparathyroidism Abstract A woman
# in her late fifties ..." was one sentence: the title's diagnosis and the patient's introduction were
# lost, and a title about siblings ran into the first sentence and reached only the first sibling.
ABSTRACT_AFTER_TITLE = (
    "Calciphylaxis in a patient with normal renal function and primary hyperparathyroidism\n\nAbstract\nA woman "
    "in her late fifties with primary hyperparathyroidism presented with painful necrotic ulcers on the "
    "thighs. Her creatinine was normal. Parathyroidectomy led to healing."
)


@pytest.mark.parametrize("text", [ABSTRACT_AFTER_TITLE, SIBLINGS])
def test_collapsed_whitespace_keeps_the_title(text: str) -> None:
    def answers(document: str) -> list[tuple[float | None, str | None, str]]:
        return [(c.patient.age_years, c.patient.sex, c.assessment.subtype.code) for c in assess(document).cases]

    assert answers(" ".join(text.split())) == answers(text)


def test_a_heading_word_inside_a_sentence_is_no_title_break() -> None:
    text = "A 60-year-old man on hemodialysis, his Summary Table shows, had painful purpura on the thighs."
    assert [s.text for s in analyse_layout(text, load_rules()).sentences] == [text]
    title = "Calciphylaxis in a man on dialysis ABSTRACT A 60-year-old man had painful purpura."
    assert analyse_layout(title, load_rules()).sentences[0].text == "Calciphylaxis in a man on dialysis"


# ------------------------------------------ "CaCl" in an ICU note; "not on" reaches a short list only
def test_cacl_through_a_line_that_infiltrated_is_iatrogenic() -> None:
    text = (
        "ICU note: 59 yo M post cardiac arrest, received multiple doses of CaCl via R antecubital PIV which "
        "infiltrated. Now day 5, firm erythematous indurated area R forearm. Ca 8.7."
    )
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case).get("iv_calcium") == "present"
    assert subtype == "iatrogenic"


def test_not_on_negates_a_short_list_only() -> None:
    text = (
        "Telederm: 80F nursing home resident, ESKD not on dialysis (conservative care), painful black eschars on "
        "both lower legs and a sacral pressure ulcer. Ca normal, phos 6.5."
    )
    found = exposure_assertions(first_case(text))
    assert found.get("pressure_injury") == "present"
    listed = first_case("A 60-year-old man, not on warfarin, heparin or steroids, had painful plaques on the thighs.")
    assert exposure_assertions(listed).get("corticosteroids") == "absent"


# ------------------------------------------ "cellulitis-like", "milia-like": a likeness is not the thing
# "painful cellulitis-like indurated plaques" in a dialysis patient read cellulitis as present, so the
# infection mimic held calciphylaxis back; "milia-like papules" read milia, a look-alike of the very
# sub-form the papules are.
@pytest.mark.parametrize(
    ("text", "likeness"),
    [
        (
            "A 60-year-old man on hemodialysis had painful cellulitis-like indurated plaques on the thighs with "
            "livedo.",
            "cellulitis",
        ),
        (
            "A 12-year-old girl with Down syndrome had multiple milia-like white papules on the hands and feet.",
            "milia",
        ),
        (
            "A 45-year-old woman had scleroderma-like thickening of the skin of the legs and hard nodules.",
            "systemic_sclerosis",
        ),
    ],
)
def test_a_likeness_is_not_the_thing(text: str, likeness: str) -> None:
    assert likeness not in assertions(first_case(text))


def test_the_thing_itself_is_still_read() -> None:
    text = "A 60-year-old man on hemodialysis had painful plaques on the thighs; cellulitis was diagnosed."
    assert assertions(first_case(text)).get("cellulitis") == "present"
    calciphylaxis = "A 60-year-old man on hemodialysis had painful cellulitis-like indurated plaques with livedo."
    assert first_assessed(calciphylaxis)[1] == "calciphylaxis"


# ------------------------------------------ a pressure ulcer elsewhere is no mimic of these lesions
# "painful black eschars on both lower legs, and a pressure ulcer on the sacrum" held calciphylaxis of
# the legs back as the pressure-ulcer mimic, though the ulcer was at another site.
def test_a_pressure_ulcer_elsewhere_holds_nothing_back() -> None:
    text = (
        "80F, ESKD on conservative care, painful black eschars on both lower legs, and a pressure ulcer on the "
        "sacrum. Ca normal, phos 6.5."
    )
    assert first_assessed(text)[1] == "calciphylaxis"


def test_a_pressure_ulcer_at_the_eschar_is_its_mimic() -> None:
    text = "80F, ESKD on conservative care, a painful black eschar on the sacrum at a pressure ulcer. Phos 6.5."
    assert first_assessed(text)[1] != "calciphylaxis"


# ------------------------------------------ warfarin started days before the necrosis
# "started warfarin for a DVT; on day 4 of treatment she developed painful haemorrhagic bullae and
# necrosis" with normal renal function was calciphylaxis (probable): the timing that makes it the
# warfarin-necrosis mimic was told in two clauses, and no phrase of the vocabulary holds it.
@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old woman started warfarin for a deep vein thrombosis; on day 4 of treatment she developed "
        "painful hemorrhagic bullae and necrosis on the breasts and thighs. Renal function was normal.",
        "A 52-year-old man was started on warfarin for atrial fibrillation. Three days later painful necrotic "
        "plaques appeared on the thighs. Creatinine was normal.",
    ],
)
def test_warfarin_started_days_before_is_the_necrosis_mimic(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert assertions(case).get("warfarin_recently_started") == "present"
    assert subtype != "calciphylaxis"


def test_long_term_warfarin_stays_a_calciphylaxis_risk() -> None:
    text = (
        "A 60-year-old man had taken warfarin for ten years and developed painful retiform purpura on the thighs. "
        "Renal function was normal."
    )
    assert first_assessed(text)[1] == "calciphylaxis"


# ------------------------------------------ a problem list's "Calciphylaxis - biopsy-proven"
# "Problem list: 1. Calciphylaxis - biopsy-proven, bilateral thighs / 2. ESRD on HD" stated no
# diagnosis and no biopsy, and the dialysis alone made metastatic (possible).
@pytest.mark.parametrize(
    "text",
    [
        "Problem list:\n1. Calciphylaxis - biopsy-proven, bilateral thighs\n2. ESRD on HD since 2015 (DM nephropathy)",
        "Dx: Calciphylaxis – bx-confirmed, abdomen\nESRD on PD.",
    ],
)
def test_a_dashed_proof_states_a_biopsy_proven_diagnosis(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert "calciphylaxis_histology_reported" in histology_concepts(case)
    assert subtype == "calciphylaxis"
    assert case.assessment.stated is not None and case.assessment.stated.subtype == "calciphylaxis"


def test_a_dashed_query_proves_nothing() -> None:
    case = first_case("Problem list:\n1. Calciphylaxis? - biopsy pending\n2. ESRD on HD since 2015")
    assert "calciphylaxis_histology_reported" not in histology_concepts(case)


# ------------------------------------------ a heading alone on its line, in a text of one case
# In lower (or upper) case, "discussion" on its own line ran into the next ("in a review of 12
# neonates ..."), so the discussion's "a 54-year-old woman with renal failure described by Smith et
# al." became a second patient of the case section.
DISCUSSION_AFTER_CASE = (
    "Iatrogenic calcinosis cutis after calcium gluconate extravasation in an adult: a case report\n\n"
    "Abstract\nExtravasation "
    "of calcium salts is a known cause of calcinosis cutis in neonates but is rarely reported in adults. "
    "We present a 67-year-old man who developed calcinosis cutis of the forearm after extravasation of calcium "
    "gluconate.\n\nIntroduction\nCalcinosis cutis is classified into five subtypes. Iatrogenic calcinosis is "
    "most often described in infants after intravenous calcium. Metastatic calcinosis occurs in chronic renal "
    "failure.\n\nCase report\nA 67-year-old man was admitted with hypocalcemia (calcium 6.9 mg/dL) after total "
    "thyroidectomy. Calcium gluconate 10% was infused through a cannula in the left forearm, which infiltrated "
    "on the second day. Two weeks later, firm whitish plaques appeared on the left forearm at the site of "
    "the infiltration. Serum phosphate was 4.1 mg/dL and renal function was normal. A biopsy showed dermal "
    "calcium deposits positive on von Kossa staining. The lesions resolved over four months with conservative "
    "care.\n\nDiscussion\nIn a review of 12 neonates, lesions appeared 1 to 3 weeks after extravasation. A 54-year-old "
    "woman with renal failure described by Smith et al. developed metastatic calcinosis. Our patient had "
    "no renal disease."
)


@pytest.mark.parametrize("case", [str, str.lower, str.upper], ids=["as-given", "lower", "upper"])
def test_a_heading_line_is_not_joined_to_the_next(case: Callable[[str], str]) -> None:
    assert [c.patient.age_years for c in extract(case(DISCUSSION_AFTER_CASE)).cases] == [67]


@pytest.mark.parametrize("phrase", ["daily dressings", "dressing changes", "moist dressings"])
def test_dressings_are_wound_care(phrase: str) -> None:
    text = f"A 60-year-old man on dialysis had calciphylaxis. Management consisted of {phrase} and analgesia."
    assert "wound_care" in {t.concept for t in first_case(text).treatments}


# ------------------------------------------ a tattoo, acupuncture needling, the vaccinations' site
@pytest.mark.parametrize(
    "text",
    [
        "A 33-year-old woman developed firm white papules within a tattoo on her left forearm. Calcium and "
        "phosphate normal.",
        "A 59-year-old man had hard nodules at sites of previous acupuncture needling on his lower back. Calcium "
        "normal.",
        "A 6-month-old boy had hard nodules on the left thigh at the site of his vaccinations. Calcium normal.",
    ],
)
def test_needle_injured_skin_is_local_damage(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case).get("local_trauma") == "present"
    assert subtype == "dystrophic"


@pytest.mark.parametrize(
    "sentence", ["She has a tattoo on her back.", "Her vaccinations were up to date.", "She had tried acupuncture."]
)
def test_a_tattoo_or_vaccination_named_elsewhere_is_no_cause(sentence: str) -> None:
    text = f"A 33-year-old woman had hard nodules on the fingertips. {sentence} Calcium and phosphate normal."
    assert "local_trauma" not in exposure_assertions(first_case(text))


# ------------------------------------------ a central line in the neck; "via a peripheral IV in ..."
# "calcium chloride through a central venous catheter in the right internal jugular vein", then plaques
# on the left foot, was iatrogenic (possible): the vein was no site, so the exposure could be anywhere.
def test_calcium_through_a_jugular_line_is_not_at_the_foot() -> None:
    text = (
        "A 2-month-old boy who had undergone cardiac surgery received calcium chloride through a central venous "
        "catheter in the right internal jugular vein. At 3 weeks he developed hard white plaques on the left foot."
    )
    case, subtype, _ = first_assessed(text)
    assert next(e.site for e in case.exposures if e.concept == "iv_calcium") == "right internal jugular vein"
    assert subtype != "iatrogenic"


def test_calcium_via_a_peripheral_iv_has_its_site() -> None:
    text = (
        "A term neonate had calcium gluconate infused via a peripheral IV in the dorsum of the right hand; a hard "
        "white plaque formed on the right hand a week later."
    )
    case, subtype, certainty = first_assessed(text)
    assert next(e.site for e in case.exposures if e.concept == "iv_calcium") == "right hand"
    assert (subtype, certainty) == ("iatrogenic", "probable")


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "A preterm infant received calcium gluconate through an umbilical venous catheter. On day 12, hard "
            "plaques appeared on the right hand.",
            "umbilical venous catheter",
        ),
        (
            "A 50-year-old man received calcium chloride through a right femoral line during resuscitation. Ten "
            "days later firm plaques appeared on the left forearm.",
            "right femoral line",
        ),
    ],
)
def test_calcium_through_a_central_line_is_not_at_a_limb(text: str, site: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert next(e.site for e in case.exposures if e.concept == "iv_calcium") == site
    assert subtype != "iatrogenic"


# ------------------------------------------ "Neither had gout": the pronoun's verb ends no negation
@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("Neither had gout.", "gout"),
        ("None of them had renal disease.", "chronic_kidney_disease"),
        ("Neither of them had lupus.", "systemic_lupus_erythematosus"),
    ],
)
def test_neither_or_none_as_subject_negates(sentence: str, concept: str) -> None:
    text = f"A mother (42 years) and her son (15 years) both had firm whitish papules on the ears. {sentence}"
    assert all(assertions(c).get(concept) == "absent" for c in extract(text).cases)
