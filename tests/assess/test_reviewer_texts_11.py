"""Eleventh round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: a calciphylaxis picture
outside renal failure called idiopathic with observation offered, a pressure eschar on dialysis
called calciphylaxis, a metabolic cause long over outranking the scar at the site, and a named
subepidermal calcified nodule left undetermined. The assertions are on the call and on what is
offered, not on wording.
"""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of, offered_ids


def test_painful_livedo_and_ulcers_with_normal_labs_are_not_idiopathic() -> None:
    a = assessment_of(
        "A 63-year-old woman with obesity and type 2 diabetes, eGFR 75, has painful livedo and ulcers on the "
        "thighs. She took warfarin previously but stopped 3 years ago. Calcium 9.8, phosphate 3.5."
    )
    assert a.subtype.code != "idiopathic"
    assert "observation_idiopathic" not in offered_ids(a)
    assert "calciphylaxis" in {alt.code for alt in a.alternatives}


def test_an_eschar_from_pressure_on_dialysis_is_not_called_calciphylaxis() -> None:
    a = assessment_of(
        "A 70-year-old man on hemodialysis has a black eschar on the heel from pressure while bedbound. "
        "Pulses are absent. No livedo."
    )
    assert a.subtype.code != "calciphylaxis"
    assert a.differential[0].id == "pressure_or_cold_injury"


def test_a_metabolic_cause_long_over_does_not_outrank_the_scar_at_the_site() -> None:
    a = assessment_of(
        "A 60-year-old man had sarcoidosis that resolved 20 years ago. Calcium 9.5. He has a calcified nodule "
        "on the shin at the site of an old laceration."
    )
    assert a.subtype.code == "dystrophic"
    assert "metastatic" in {alt.code for alt in a.alternatives}


def test_an_active_metabolic_cause_with_calcium_unknown_stays_metastatic() -> None:
    a = assessment_of("A 60-year-old man with active sarcoidosis has a calcified nodule on the shin.")
    assert a.subtype.code == "metastatic"


def test_a_case_named_a_subepidermal_calcified_nodule() -> None:
    a = assessment_of(
        "A 45-year-old woman has a small firm white papule on the eyelid. Biopsy shows calcified globules in the "
        "papillary dermis. Serum calcium normal. This is an adult-onset subepidermal calcified nodule."
    )
    assert a.stated is not None and a.stated.subform == "subepidermal_calcified_nodule"


# --- second set: notes' allergy lists, answered fields, denied lesion words ---------------------------
NOTE = "57F w/ limited SSc and calcinosis of fingers. Ca 9.3 mg/dL, phos 4.0 mg/dL.\n"


def _offered(text: str) -> set[str]:
    return offered_ids(assessment_of(text))


def test_an_allergy_header_on_its_own_line_heads_its_items() -> None:
    offered = _offered(NOTE + "ALLERGIES:\n  Diltiazem - angioedema\n  Minocycline - hepatitis\nMEDS:\n  omeprazole")
    assert "diltiazem" not in offered and "minocycline" not in offered


def test_allergy_items_with_their_reactions_after_a_dash_or_colon() -> None:
    offered = _offered(NOTE + "ALLERGIES: Diltiazem - angioedema; Minocycline - hepatitis")
    assert "diltiazem" not in offered and "minocycline" not in offered
    assert "diltiazem" not in _offered(NOTE + "Adverse reactions: diltiazem - angioedema")
    assert "minocycline" not in _offered(NOTE + "Allergies/Intolerances: minocycline (drug-induced lupus)")


def test_no_known_drug_allergies_withholds_nothing() -> None:
    offered = _offered(NOTE + "Allergies: NKDA\nDiltiazem 120 mg daily for Raynaud.")
    assert "minocycline" in offered


def test_a_templated_field_not_applicable_is_no_dialysis() -> None:
    a = assessment_of(NOTE + "Dialysis: N/A\nWarfarin: N/A")
    assert "bisphosphonates" in offered_ids(a)
    assert a.subtype.code == "dystrophic"


def test_painless_nodules_with_high_calcium_and_creatinine_are_not_calciphylaxis() -> None:
    a = assessment_of(
        "52 y/o M. Noted firm nodules around both elbows and knees, not painful. Exam: firm, non-tender "
        "subcutaneous nodules. Ca 12.4 mg/dL, creatinine 1.4 mg/dL (H)."
    )
    assert a.subtype.code == "metastatic"
    assert "iv_sts_calciphylaxis" not in offered_ids(a)


# --- third set: a heart rate or systolic pressure told alone, heart failure's kinds, serious infections ---
SSC = "A 60-year-old woman with systemic sclerosis and calcinosis cutis on X-ray. "


@pytest.mark.parametrize("reading", ["HR 38.", "Pulse 39/min, sinus bradycardia.", "Systolic BP 85."])
def test_a_slow_heart_rate_or_low_systolic_pressure_withholds_diltiazem(reading: str) -> None:
    assert "diltiazem" not in _offered(SSC + reading)


@pytest.mark.parametrize("reading", ["HR 72.", "BP 120/80, HR 88.", "She takes HRT 50 mcg."])
def test_an_ordinary_heart_rate_keeps_diltiazem(reading: str) -> None:
    assert "diltiazem" in _offered(SSC + reading)


@pytest.mark.parametrize(
    "text",
    [
        "A 14-year-old boy with active JDM and calcinosis cutis on X-ray. He has HFrEF with EF 30%.",
        "A 14-year-old boy with active JDM and calcinosis cutis on X-ray. Echo: EF 35%.",
    ],
)
def test_a_reduced_ejection_fraction_is_heart_failure_for_tnf_inhibitors(text: str) -> None:
    option = next(t for t in assessment_of(text).treatments if t.id == "tnf_inhibitors")
    assert any("heart failure" in caution.lower() for caution in option.cautions)


@pytest.mark.parametrize(
    "infection",
    [
        "Blood cultures grew Staphylococcus aureus; she is on IV flucloxacillin for bacteraemia.",
        "She has osteomyelitis of the left foot under IV antibiotics.",
        "She is treated for infective endocarditis.",
    ],
)
def test_a_serious_infection_withholds_rituximab(infection: str) -> None:
    a = assessment_of("A 45-year-old woman with active dermatomyositis has calcinosis cutis on X-ray. " + infection)
    assert "rituximab" not in offered_ids(a)


def test_a_serious_infection_that_is_over_keeps_rituximab() -> None:
    a = assessment_of(
        "A 45-year-old woman with active dermatomyositis has calcinosis cutis on X-ray. She had osteomyelitis in "
        "2010, fully treated."
    )
    assert "rituximab" in offered_ids(a)


# --- fourth set: what is over -------------------------------------------------------------------
def test_dialysis_until_a_transplant_is_over_and_intensification_is_not_offered() -> None:
    a = assessment_of(
        "A 66-year-old man with calciphylaxis confirmed by biopsy; he was on haemodialysis until a kidney "
        "transplant in 2019; eGFR now 55."
    )
    assert "dialysis_intensification_calciphylaxis" not in offered_ids(a)


def test_a_retinoid_taken_as_a_teenager_does_not_withhold_minocycline() -> None:
    a = assessment_of("A 48-year-old woman with SSc and calcinosis on X-ray. She took isotretinoin as a teenager.")
    assert "minocycline" in offered_ids(a)


def test_a_kidney_function_that_improved_is_read_at_its_current_value() -> None:
    a = assessment_of(
        "A 48-year-old woman with SSc and calcinosis on X-ray. Her GFR was 25 last year but improved to 70 after "
        "stopping NSAIDs."
    )
    assert "bisphosphonates" in offered_ids(a)


# --- fifth set: an allergy told as a reaction --------------------------------------------------------
@pytest.mark.parametrize(
    ("reaction", "option"),
    [
        ("She reacted to a Kenalog (triamcinolone) injection with hives.", "intralesional_corticosteroids"),
        ("She had hives after a sodium thiosulfate injection.", "intralesional_sts"),
        ("She developed a widespread rash after taking diltiazem.", "diltiazem"),
        ("Adverse reaction to colchicine: severe urticaria.", "colchicine"),
    ],
)
def test_an_allergy_told_as_a_reaction_withholds_the_drug(reaction: str, option: str) -> None:
    assert option not in _offered(
        "A 50-year-old woman with systemic sclerosis has calcinosis cutis on X-ray. " + reaction
    )


def test_an_allergy_to_another_cephalosporin_withholds_ceftriaxone() -> None:
    assert "ceftriaxone" not in _offered(
        "A 50-year-old woman with systemic sclerosis has calcinosis cutis on X-ray. Allergy: cefalexin (rash)."
    )
