"""Ninth round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: intensified
immunosuppression offered for dermatomyositis the record says is in remission; calciphylaxis the
biopsy proved, told with no lesion words, left possible or not read; probenecid beside methotrexate
with no word of the interaction; hyperbaric oxygen with a pneumothorax; diltiazem in heart failure
with pulmonary congestion; healing told in a relative clause; breastfeeding told as one item of the
woman's description; an infected deposit told as purulent discharge. Each kind has a control where
the same words must still give the old answer. The assertions are on the call and on what is
offered or withheld, not on wording.
"""

from __future__ import annotations

from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons

# --- immunosuppression for a disease in remission ----------------------------------------------------

_INTENSIFY = "intensify_immunosuppression_dm"


def test_intensified_immunosuppression_is_withheld_when_dermatomyositis_is_in_remission() -> None:
    a = assessment_of(
        "Clinic letter. Mrs K, 31, dermatomyositis in remission for five years off treatment. X-rays "
        "show calcinosis nodules at both elbows; calcium and phosphate normal."
    )
    assert a.subtype.code == "dystrophic"
    assert _INTENSIFY not in offered_ids(a)
    assert withheld_reasons(a, _INTENSIFY)
    assert "diltiazem" in offered_ids(a)


def test_intensified_immunosuppression_is_withheld_for_inactive_juvenile_disease() -> None:
    a = assessment_of("Juvenile dermatomyositis, inactive since 2015. Now 17F with calcinosis of the thighs on X-ray.")
    assert _INTENSIFY not in offered_ids(a)


def test_active_dermatomyositis_still_gets_intensified_immunosuppression() -> None:
    a = assessment_of(
        "A 31-year-old woman with active dermatomyositis (heliotrope rash, proximal weakness, raised CK) "
        "has calcinosis nodules at both elbows on X-ray."
    )
    assert _INTENSIFY in offered_ids(a)


# --- calciphylaxis the biopsy proved, told with no lesion words ----------------------------------------


def test_biopsy_proven_calciphylaxis_on_dialysis_is_at_least_probable() -> None:
    a = assessment_of("A 63-year-old man on haemodialysis with biopsy-proven calciphylaxis.")
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty in ("probable", "confirmed")


def test_calciphylaxis_confirmed_on_skin_biopsy_told_noun_first_is_read() -> None:
    a = assessment_of(
        "Referral: 71F, ESRD on dialysis, calciphylaxis confirmed on skin biopsy; advice on treatment please."
    )
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty in ("probable", "confirmed")
    assert "iv_sts_calciphylaxis" in offered_ids(a)


def test_calciphylaxis_still_to_be_confirmed_on_biopsy_is_not_proven() -> None:
    a = assessment_of(
        "A 63-year-old man on haemodialysis with painful plaques of both thighs. Calciphylaxis is to be "
        "confirmed on biopsy."
    )
    assert a.subtype.certainty != "confirmed"
    assert not any(f.id == "calciphylaxis_histology_reported" for s in a.rationale for f in s.facts)


# --- probenecid beside methotrexate -------------------------------------------------------------------


def _probenecid_cautions(text: str) -> str:
    a = assessment_of(text)
    return " ".join(c for t in [*a.treatments, *a.withheld_treatments] if t.id == "probenecid" for c in t.cautions)


def test_probenecid_offered_beside_weekly_methotrexate_carries_the_interaction() -> None:
    cautions = _probenecid_cautions(
        "A 48-year-old woman with dermatomyositis on weekly methotrexate has calcinosis nodules at both "
        "elbows on X-ray; calcium and phosphate normal."
    )
    assert "methotrexate" in cautions.lower()


def test_a_medication_list_with_methotrexate_carries_it_too() -> None:
    cautions = _probenecid_cautions(
        "Meds: methotrexate 15 mg weekly, folic acid 5 mg. 52F with dermatomyositis; X-ray shows calcinosis "
        "at both elbows; calcium normal."
    )
    assert "methotrexate" in cautions.lower()


def test_probenecid_beside_hydroxychloroquine_has_no_methotrexate_caution() -> None:
    cautions = _probenecid_cautions(
        "A 48-year-old woman with dermatomyositis on hydroxychloroquine has calcinosis nodules at both "
        "elbows on X-ray; calcium and phosphate normal."
    )
    assert "methotrexate" not in cautions.lower()


def test_methotrexate_that_was_never_taken_gives_no_caution() -> None:
    cautions = _probenecid_cautions(
        "A 48-year-old woman with dermatomyositis, never on methotrexate, has calcinosis nodules at both "
        "elbows on X-ray; calcium and phosphate normal."
    )
    assert "methotrexate" not in cautions.lower()


# --- hyperbaric oxygen with a pneumothorax -------------------------------------------------------------

_CALCIPHYLAXIS = "A 64-year-old man on haemodialysis has painful retiform purpura with black eschar on both thighs. "


def test_hyperbaric_oxygen_is_withheld_with_a_pneumothorax_on_todays_film() -> None:
    a = assessment_of(_CALCIPHYLAXIS + "Chest X-ray this morning shows a right pneumothorax.")
    assert a.subtype.code == "calciphylaxis"
    assert "hyperbaric_oxygen_calciphylaxis" not in offered_ids(a)
    assert withheld_reasons(a, "hyperbaric_oxygen_calciphylaxis")
    assert "iv_sts_calciphylaxis" in offered_ids(a)


def test_hyperbaric_oxygen_is_still_offered_when_the_film_shows_no_pneumothorax() -> None:
    a = assessment_of(_CALCIPHYLAXIS + "Chest X-ray: no pneumothorax.")
    assert "hyperbaric_oxygen_calciphylaxis" in offered_ids(a)


def test_a_pneumothorax_told_as_resolved_does_not_withhold_it() -> None:
    a = assessment_of(_CALCIPHYLAXIS + "A previous pneumothorax resolved in 2015.")
    assert "hyperbaric_oxygen_calciphylaxis" in offered_ids(a)


# --- heart failure told with its pulmonary congestion ------------------------------------------------

_SCLERODERMA = " She has hard calcinosis nodules at both elbows on X-ray; calcium and phosphate are normal."


def test_heart_failure_with_pulmonary_congestion_withholds_diltiazem() -> None:
    a = assessment_of(
        "A 71-year-old woman with systemic sclerosis and heart failure with pulmonary congestion." + _SCLERODERMA
    )
    assert "diltiazem" not in offered_ids(a)
    assert withheld_reasons(a, "diltiazem")


def test_pulmonary_venous_congestion_on_the_film_withholds_diltiazem() -> None:
    a = assessment_of(
        "A 71-year-old woman with systemic sclerosis; chest film: pulmonary venous congestion." + _SCLERODERMA
    )
    assert "diltiazem" not in offered_ids(a)


def test_heart_failure_without_congestion_keeps_diltiazem_with_its_caution() -> None:
    a = assessment_of("A 71-year-old woman with systemic sclerosis and heart failure." + _SCLERODERMA)
    assert "diltiazem" in offered_ids(a)


# --- healing told in a relative clause ----------------------------------------------------------------


def _healed_caution(text: str) -> bool:
    a = assessment_of(text)
    return any("healed or resolved" in c for t in a.treatments for c in t.cautions)


def test_calcinosis_which_has_fully_resolved_gives_the_healed_caution() -> None:
    assert _healed_caution(
        "A 46-year-old woman with systemic sclerosis had calcinosis at the fingertips, which has fully "
        "resolved. Calcium normal."
    )


def test_active_calcinosis_beside_a_resolved_rash_gives_no_healed_caution() -> None:
    assert not _healed_caution(
        "A 46-year-old woman with dermatomyositis has calcinosis at both elbows on X-ray. Her rash has fully "
        "resolved. Calcium normal."
    )


# --- breastfeeding told as an item of the woman's description ------------------------------------------


def test_breastfeeding_listed_after_the_woman_withholds_minocycline() -> None:
    a = assessment_of(
        "A 32-year-old woman with limited systemic sclerosis, exclusively breastfeeding, has hard calcinosis "
        "nodules at both elbows on X-ray; calcium and phosphate are normal."
    )
    assert "minocycline" not in offered_ids(a)


def test_a_woman_listed_as_not_breastfeeding_still_gets_minocycline() -> None:
    a = assessment_of(
        "A 32-year-old woman with limited systemic sclerosis, not breastfeeding, has hard calcinosis nodules "
        "at both elbows on X-ray; calcium and phosphate are normal."
    )
    assert "minocycline" in offered_ids(a)


# --- an infected deposit told in other words ---------------------------------------------------------


def test_purulent_discharge_from_a_nodule_withholds_the_steroid_injection() -> None:
    a = assessment_of(
        "A 51-year-old woman with systemic sclerosis has a calcinosis nodule on the right index finger with "
        "purulent discharge; X-ray shows calcinosis; calcium normal."
    )
    assert "intralesional_corticosteroids" not in offered_ids(a)
    assert withheld_reasons(a, "intralesional_corticosteroids")


def test_an_infected_ulcerated_nodule_withholds_the_steroid_injection() -> None:
    a = assessment_of(
        "A 51-year-old woman with systemic sclerosis has an infected ulcerated nodule on the right index "
        "finger; X-ray shows calcinosis; calcium normal."
    )
    assert "intralesional_corticosteroids" not in offered_ids(a)


def test_chalky_material_from_a_nodule_is_not_an_infection() -> None:
    a = assessment_of(
        "A 51-year-old woman with systemic sclerosis has a calcinosis nodule on the right index finger "
        "extruding chalky white material; X-ray shows calcinosis; calcium normal."
    )
    assert "intralesional_corticosteroids" in offered_ids(a)
