"""Kinds of phrasing and clinical rules from a seventeenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.extract.pipeline import Mode
from calcidx.public import assess, extract
from tests.extract.reading import (
    assertions,
    exposure_assertions,
    first_assessed,
    first_case,
    histology_concepts,
    stated_subtype,
)

# ------------------------------------------ the skin extruding the deposit is a finding, not its removal
# "Histology showed transepidermal elimination of calcified material" read the material as absent:
# "elimination of" is a negation trigger ("elimination of the drug").
EXTRUDED = [
    "A 4-year-old boy had crusted white papules on the scalp. Histology showed transepidermal elimination of "
    "calcified material.",
    "A 7-year-old girl had a warty papule on the eyelid; the biopsy showed transepidermal elimination of calcium "
    "deposits.",
    "Histology of a firm papule on the ear of a 3-year-old boy showed transepithelial elimination of calcium.",
]


@pytest.mark.parametrize("text", EXTRUDED)
def test_transepidermal_elimination_shows_the_deposit(text: str) -> None:
    case = first_case(text)
    assert assertions(case).get("basophilic_deposits_histology") != "absent"
    assert "basophilic_deposits_histology" in histology_concepts(case) | {
        f.concept for f in case.findings if f.assertion == "present"
    }


# ------------------------------------------ a fall against something injures where the lesion is
# "a firm plaque on the left shin after a fall against a bed frame" read no injury: only a fall onto
# a body part was trauma.
FALL_AGAINST = [
    "An 81-year-old woman developed a firm plaque on the left shin after a fall against a bed frame six months "
    "earlier. Calcium and phosphate were normal. X-ray showed subcutaneous calcification under the scar.",
    "A 66-year-old man fell against the edge of a table and bruised his right thigh; a year later a hard plaque "
    "formed there. Calcium, phosphate and PTH were normal. Radiographs showed calcification in the subcutis.",
]


@pytest.mark.parametrize("text", FALL_AGAINST)
def test_a_fall_against_something_is_local_injury(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case)["local_trauma"] == "present"
    assert subtype == "dystrophic"


def test_control_a_fall_with_no_impact_is_not_read() -> None:
    case = first_case("A 79-year-old woman was admitted after a fall. She had hard nodules on the fingers.")
    assert "local_trauma" not in exposure_assertions(case)


# ------------------------------------------ the authors' own reading told with "we considered this ..."
WE_CONSIDERED = [
    (
        "An 80-year-old woman had a firm plaque on the shin. We considered this dystrophic calcinosis cutis at a "
        "site of previous trauma.",
        "dystrophic",
    ),
    (
        "A 70-year-old man had hard papules on the scrotum. We regarded the nodules as idiopathic calcinosis cutis.",
        "idiopathic",
    ),
    (
        "A 52-year-old woman on haemodialysis had necrotic plaques on the thighs; the authors deemed the lesions "
        "calciphylaxis.",
        "calciphylaxis",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), WE_CONSIDERED)
def test_we_considered_this_states_the_authors_diagnosis(text: str, subtype: str) -> None:
    assert stated_subtype(text) == subtype


@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old man on dialysis had painful nodules. We considered it unlikely to be calciphylaxis.",
        "A 61-year-old woman had nodules on the elbow. We considered gouty tophi in the differential.",
    ],
)
def test_control_unlikeliness_and_a_differential_state_nothing(text: str) -> None:
    assert stated_subtype(text) is None


# ------------------------------------------ an age with a half: "3½-year-old", "3 1/2-year-old"
# "A 3½-year-old boy" gave no age, and "a 3 1/2-year-old boy" gave 2 (the digits after the slash).
HALF_AGES = [
    ("A 3½-year-old boy presented with a hard nodule on the left cheek.", 3.5),
    ("A 3 1/2-year-old boy presented with a hard nodule on the left cheek.", 3.5),
    ("A boy aged 2½ years had firm white papules on the ear.", 2.5),
    ("A 2 ½ year old girl had a firm papule on the eyelid.", 2.5),
    ("She was 6 1/2 months old when hard nodules appeared on the heels.", 6.5 / 12),
]


@pytest.mark.parametrize(("text", "years"), HALF_AGES)
def test_an_age_with_a_half(text: str, years: float) -> None:
    age = first_case(text).patient.age_years
    assert age is not None and abs(age - years) < 0.01


def test_control_a_fraction_of_something_else_is_no_age() -> None:
    assert first_case("A 45-year-old woman had 1/2 of her nodules removed.").patient.age_years == 45


# ------------------------------------------ a lesion where a venous ulcer was
# "a firm plaque on the shin at the site of a varicose ulcer that had healed" was idiopathic: only
# varicose veins, venous insufficiency and stasis were the venous setting.
VENOUS_ULCER = [
    "A female patient, 58 years, had a firm plaque on the shin at the site of a varicose ulcer that had healed "
    "3 years earlier. Calcium and phosphorus were normal. Radiograph: subcutaneous calcification.",
    "A 71-year-old man had hard white papules in the scar of an old venous leg ulcer on the left ankle; calcium, "
    "phosphate and PTH were normal; biopsy showed dermal calcium deposits.",
]


@pytest.mark.parametrize("text", VENOUS_ULCER)
def test_a_venous_ulcer_site_is_damaged_tissue(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert assertions(case)["varicose_veins"] == "present"
    assert subtype == "dystrophic"


# ------------------------------------------ a firm white plaque is the lesion
def test_a_firm_white_plaque_is_a_calcinosis_lesion() -> None:
    text = "A 22-month-old girl treated in intensive care developed a firm white plaque on the dorsum of the left foot."
    assert assertions(first_case(text))["firm_white_yellow_papules"] == "present"


def test_control_a_firm_plaque_without_white_is_not_that_lesion() -> None:
    # calciphylaxis plaques are firm too: only the white colour says a deposit shows through
    text = "A 61-year-old man on haemodialysis had firm, painful plaques with livedo on the thighs."
    assert "firm_white_yellow_papules" not in assertions(first_case(text))


# ------------------------------------------ a working diagnosis told with "managed as"
# "painful ulcers with retiform purpura, initially managed as venous ulcers" read the venous ulcers as
# known, and the mimic left a dialysis patient's calciphylaxis undetermined.
def test_a_working_diagnosis_managed_as_is_only_possible() -> None:
    text = (
        "A 66-year-old woman on haemodialysis had painful ulcers on the calves with retiform purpura, initially "
        "managed as venous ulcers. PTH 890 pg/mL, phosphate 7.1 mg/dL."
    )
    case, subtype, _ = first_assessed(text)
    assert assertions(case)["varicose_veins"] == "possible"
    assert subtype == "calciphylaxis"


# ------------------------------------------ sodium thiosulfate as a note writes it, and its response
# "Started IV STS 25 g TIW" read no treatment; "He received sodium thiosulfate (STS). After 8 weeks of
# STS the ulcers healed." kept no response (only the first mention's sentence was read); "with marked
# reduction of the nodules" and "responded well" were no outcome words.
@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("62M ESRD on HD, calciphylaxis of thighs. Started IV STS 25 g TIW, ulcers healing.", "note"),
        ("She was treated with topical STS, which led to softening of the nodules.", "auto"),
        ("58F, SSc, calcinosis of the thumb. Received ILSTS monthly x3, lesion smaller and softer.", "note"),
    ],
)
def test_sts_with_its_route_is_sodium_thiosulfate(text: str, mode: Mode) -> None:
    treatments = {t.concept: t for t in first_case(text, mode=mode).treatments}
    assert "sodium_thiosulfate" in treatments


def test_a_later_mention_gives_the_response() -> None:
    text = (
        "A 60-year-old man on dialysis had calciphylaxis. He received intravenous sodium thiosulfate (STS). "
        "After 8 weeks of STS the ulcers healed."
    )
    sts = next(t for t in first_case(text).treatments if t.concept == "sodium_thiosulfate")
    assert sts.response is not None and "healed" in sts.response
    assert [e.text for e in sts.evidence] == ["sodium thiosulfate", "STS"]


@pytest.mark.parametrize(
    "text",
    [
        "A 44-year-old woman with dermatomyositis received intravenous sodium thiosulfate 25 g three times "
        "weekly for 6 months with marked reduction of the calcified nodules.",
        "A 50-year-old woman with SSc was treated with diltiazem, which she responded to well.",
    ],
)
def test_reduction_and_responded_are_outcomes(text: str) -> None:
    assert any(t.response for t in first_case(text).treatments)


def test_control_a_first_response_is_kept() -> None:
    text = (
        "A 60-year-old man on dialysis received intravenous sodium thiosulfate with no improvement. Later, "
        "sodium thiosulfate was continued and the ulcers healed."
    )
    sts = next(t for t in first_case(text).treatments if t.concept == "sodium_thiosulfate")
    assert sts.response is not None and "no improvement" in sts.response


# ------------------------------------------ a past episode is not the authors' diagnosis
# "She had calciphylaxis of the legs five years ago while on dialysis, which healed after a kidney
# transplant" was read as the stated diagnosis of a woman now presenting with SSc calcinosis.
def test_an_episode_years_ago_is_not_the_stated_diagnosis() -> None:
    text = (
        "A 58-year-old woman with limited systemic sclerosis had new hard nodules on the fingers. She had "
        "calciphylaxis of the legs five years ago while on dialysis, which healed after a kidney transplant."
    )
    assert stated_subtype(text) != "calciphylaxis"


def test_control_a_presentation_dated_in_months_stays_stated() -> None:
    text = "A 61-year-old man on haemodialysis developed calciphylaxis of the thighs two months ago."
    assert stated_subtype(text) == "calciphylaxis"


# ------------------------------------------ very high doses of vitamin D are the excess intake
def test_very_high_doses_of_vitamin_d_are_excess_intake() -> None:
    text = (
        "A 55-year-old man who had been taking very high doses of vitamin D (50,000 IU daily for months) "
        "presented with hypercalcaemia (calcium 14.1 mg/dL) and hard papules on the elbows."
    )
    assert exposure_assertions(first_case(text))["vitamin_d_excess_intake"] == "present"


# ------------------------------------------ "IM injections" in capitals
# The English tokenizer splits "im" and "Im" (a contraction without its apostrophe) but not "IM":
# the term "IM injections" was split, the text's "IM injections" was not, and they never matched.
@pytest.mark.parametrize(
    "text",
    [
        "A 35-year-old woman had a hard nodule on the buttock at the site of previous IM injections.",
        "A 35-year-old woman had a hard nodule on the buttock after repeated IM injections of depot progesterone.",
        "A 35-year-old woman had a hard nodule on the buttock after repeated Im injections.",
    ],
)
def test_im_injections_in_any_case(text: str) -> None:
    assert exposure_assertions(first_case(text))["injection_site_injury"] == "present"


# ------------------------------------------ a hedge ends where the patient it is about begins
# "We cannot rule out calciphylaxis in this 60-year-old man on dialysis" made his dialysis possible.
def test_a_hedge_does_not_reach_the_patient_after_in_this() -> None:
    text = "We cannot rule out calciphylaxis in this 60-year-old man on dialysis with necrotic ulcers."
    assert assertions(first_case(text))["dialysis"] == "present"


def test_control_the_hedged_thing_itself_stays_possible() -> None:
    text = "A 60-year-old man on dialysis had necrotic ulcers; we cannot rule out vasculitis in this patient."
    assert assertions(first_case(text))["vasculitis"] == "possible"


# ------------------------------------------ a case line's age in "y", and an age in years and months
# "Case 1 — 45 y, F. ... Case 2 — 61 y, M. ..." gave one patient with no age or sex (the note rules
# took "years" and "yrs" only), and "aged 4 years and 3 months" gave 4.
def test_case_lines_with_an_age_in_y_are_two_patients() -> None:
    text = (
        "Case 1 — 45 y, F. Limited SSc for 10 years; calcinosis of the thumbs. Ca/P normal.\n"
        "Case 2 — 61 y, M. ESRD on haemodialysis; painful retiform purpura of the thighs; biopsy: calciphylaxis."
    )
    cases = extract(text).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == [(45, "female"), (61, "male")]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("A boy aged 4 years and 3 months had firm white papules on the ear.", 4.25),
        ("A girl aged 2 years 6 months had a hard nodule on the heel.", 2.5),
    ],
)
def test_aged_years_and_months(text: str, years: float) -> None:
    age = first_case(text).patient.age_years
    assert age is not None and abs(age - years) < 0.01


def test_control_months_later_are_not_part_of_the_age() -> None:
    assert first_case("A man aged 60 years and 3 months later developed nodules.").patient.age_years == 60


# ------------------------------------------ a printed range after "normal," is no state
# "phosphorus 9.8 mg/dL (normal, 2.5–4.5)" was a normal phosphate and "PTH 1,890 pg/mL (normal,
# 10–65)" a normal PTH: the range label took a comma nowhere else.
@pytest.mark.parametrize(
    ("text", "analyte"),
    [
        ("A 66-year-old man on dialysis had painful plaques. Phosphorus 9.8 mg/dL (normal, 2.5–4.5).", "phosphate"),
        ("A 66-year-old man on dialysis had painful plaques. Intact PTH was 1,890 pg/mL (normal, 10–65).", "pth"),
        (
            "A 66-year-old man on dialysis had painful plaques. Phosphorus was 9.8 mg/dL (normal values, 2.5 to "
            "4.5 mg/dL).",
            "phosphate",
        ),
    ],
)
def test_a_range_labelled_normal_with_a_comma(text: str, analyte: str) -> None:
    lab = next(lab for lab in first_case(text).labs if lab.analyte == analyte)
    assert lab.interpretation == "high"
    assert lab.reference_range is not None


# ------------------------------------------ a state word belongs to the result right before it
# "Calcium 9.1 mg/dL, zinc 40 ug/dL (low)" gave a low calcium (zinc is no test the reader knows), and
# "ALP 250 IU/L, 25-OH vit D 18 ng/mL (deficient)" a low ALP ("vit D" was unknown).
@pytest.mark.parametrize(
    ("text", "analyte", "not_its_state"),
    [
        ("A 40-year-old man with hard nodules. Calcium 9.1 mg/dL, zinc 40 ug/dL (low).", "calcium", "low"),
        ("A 40-year-old man with hard nodules. ALP 250 IU/L, ferritin 18 ng/mL (low).", "alkaline_phosphatase", "low"),
    ],
)
def test_a_state_after_another_result_is_not_this_ones(text: str, analyte: str, not_its_state: str) -> None:
    lab = next(lab for lab in first_case(text).labs if lab.analyte == analyte)
    assert lab.interpretation != not_its_state


def test_vit_d_is_vitamin_d() -> None:
    text = "A 12-year-old boy with JDM. Ca 9.8 mg/dL, P 5.1 mg/dL, ALP 250 IU/L, 25-OH vit D 18 ng/mL (deficient)."
    labs = {lab.analyte: lab for lab in first_case(text).labs}
    assert labs["vitamin_d_25oh"].value == 18 and labs["vitamin_d_25oh"].interpretation == "low"
    assert labs["alkaline_phosphatase"].interpretation is None  # no range recorded for a boy of 12


def test_a_state_said_of_the_result_after_its_range_stays() -> None:
    # (this one failed before too: "normal range," was read as the state)
    text = "A 40-year-old man with hard nodules. Calcium 11.2 mg/dL (normal range, 8.5-10.5), elevated."
    assert next(lab for lab in first_case(text).labs if lab.analyte == "calcium").interpretation == "high"


# ------------------------------------------ what was never required was never done
# "Dialysis had never been required" read dialysis as present (metastatic calcinosis followed).
@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman had hard nodules on the elbows. Dialysis had never been required. Calcium normal.",
        "A 50-year-old man had acute kidney injury; dialysis was not required and the creatinine normalised.",
    ],
)
def test_never_required_is_absent(text: str) -> None:
    assert assertions(first_case(text))["dialysis"] == "absent"


# ------------------------------------------ "on day 6 of life, at the site where ... had been infused"
# A day of life between the lesion's site and "at the site where" left the infusion with no site, and
# a neonate's extravasation at the very place of the swelling was only possible iatrogenic.
def test_a_day_of_life_between_the_site_and_where_the_infusion_was() -> None:
    text = (
        "A term male neonate developed a hard, erythematous swelling on the dorsum of the left foot on day 6 of "
        "life, at the site where calcium gluconate had been infused. X-ray showed soft-tissue calcification."
    )
    case, subtype, certainty = first_assessed(text)
    assert next(e.site for e in case.exposures if e.concept == "iv_calcium") == "left foot"
    assert (subtype, certainty) == ("iatrogenic", "confirmed")


# ------------------------------------------ a medication list's "(stopped 1 week ago)"
# "Medications: warfarin (stopped 1 week ago), ..." kept warfarin current and asked to review it.
def test_a_bracketed_stop_in_a_medication_list() -> None:
    text = (
        "A 68-year-old woman on haemodialysis with retiform purpura on the thighs. Medications: warfarin "
        "(stopped 1 week ago), calcium acetate 667 mg TID, alfacalcidol 0.25 mcg daily."
    )
    case = assess(text).cases[0]
    assert exposure_assertions(case)["warfarin"] == "historical"
    assert "warfarin" not in {a.medication for a in case.assessment.actions}
    assert "calcium_based_binders" in {a.medication for a in case.assessment.actions}


# ------------------------------------------ a drug that has ended: off, no longer, prior
# "Off warfarin since 2020" and "Prior warfarin use (discontinued 2018)" kept warfarin current; "She is
# no longer taking warfarin" made it never taken (a negation), so its past exposure was lost.
@pytest.mark.parametrize(
    "sentence",
    ["Off warfarin since 2020.", "Prior warfarin use (discontinued 2018).", "She is no longer taking warfarin."],
)
def test_a_drug_that_has_ended_is_historical(sentence: str) -> None:
    text = f"A 68-year-old woman on haemodialysis with retiform purpura on the thighs. {sentence}"
    assert exposure_assertions(first_case(text))["warfarin"] == "historical"


def test_no_longer_on_dialysis_is_past_dialysis() -> None:
    text = "A 61-year-old man had hard nodules on the elbows. He is no longer on dialysis after the transplant."
    assert assertions(first_case(text))["dialysis"] == "historical"


def test_control_an_off_label_use_is_no_stop() -> None:
    text = "A 68-year-old woman on warfarin had retiform purpura; off-label sodium thiosulfate was discussed."
    assert exposure_assertions(first_case(text))["warfarin"] == "present"


# ------------------------------------------ "pre-dialysis" is not on dialysis
@pytest.mark.parametrize(
    ("sentence", "concept"),
    [("She has pre-dialysis CKD stage 5.", "dialysis"), ("He has pre-diabetes.", "diabetes")],
)
def test_a_pre_condition_is_not_the_condition(sentence: str, concept: str) -> None:
    text = f"A 68-year-old woman had hard nodules on the elbows. {sentence}"
    assert assertions(first_case(text))[concept] == "absent"


def test_control_a_pre_existing_scar_is_a_scar() -> None:
    text = "A 52-year-old man had firm papules in a pre-existing scar on the knee."
    assert exposure_assertions(first_case(text))["local_trauma"] == "present"


# ------------------------------------------ a relative's disease told by "born to", "'s" or ", who has"
# "born to a 28-year-old mother with systemic lupus erythematosus" gave a 3-month-old boy lupus (and
# dystrophic calcinosis), "her 40-year-old father, who has chronic kidney disease" and "a 9-year-old
# girl's father has chronic kidney disease" gave the girl kidney disease (metastatic, possible).
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "A 3-month-old boy, born to a 28-year-old mother with systemic lupus erythematosus, presented with "
            "firm nodules on the back.",
            "systemic_lupus_erythematosus",
        ),
        (
            "A 9-year-old girl was brought by her 40-year-old father, who has chronic kidney disease; she had "
            "hard white papules on the ear since age 5.",
            "chronic_kidney_disease",
        ),
        ("A 9-year-old girl's father has chronic kidney disease; she had hard papules.", "chronic_kidney_disease"),
        ("Her father, who had chronic kidney disease, died last year; she has hard papules.", "chronic_kidney_disease"),
    ],
)
def test_a_relatives_disease_is_family(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "family"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("A 32-year-old mother of two with systemic sclerosis had hard nodules.", "systemic_sclerosis"),
        ("A 40-year-old woman, who has systemic sclerosis, had hard nodules.", "systemic_sclerosis"),
    ],
)
def test_control_the_patients_own_disease(text: str, concept: str) -> None:
    assert assertions(first_case(text))[concept] == "present"


# ------------------------------------------ twins are patients
# "Twins (a boy and a girl) born at 28 weeks both developed heel calcinosis ..." gave no case: twins
# were no person noun; and a pair of both sexes gave both patients the first one's.
def test_twins_are_two_patients() -> None:
    text = (
        "Twins (a boy and a girl) born at 28 weeks both developed heel calcinosis after repeated heel sticks; the "
        "boy's lesions resolved by 6 months, the girl's by 9 months."
    )
    cases = extract(text).cases
    assert len(cases) == 2
    assert all("heel_sticks" in exposure_assertions(c) for c in cases)
    assert [c.patient.sex for c in cases] != ["male", "male"]


def test_twin_girls_are_girls() -> None:
    text = "Twin girls born at 28 weeks both developed heel calcinosis after repeated heel sticks."
    assert [c.patient.sex for c in extract(text).cases] == ["female", "female"]


# ------------------------------------------ the authors' diagnosis: not confirmed, set against, confirmed
STATED = [
    # "could not be confirmed" is no diagnosis (it was read as calciphylaxis)
    ("A 60-year-old man on dialysis had painful nodules. The diagnosis of calciphylaxis could not be confirmed.", None),
    # the diagnosis set against another is not the other one (it was read as calciphylaxis)
    (
        "A 60-year-old man on dialysis had painful nodules. A final diagnosis of metastatic calcinosis cutis, "
        "rather than calciphylaxis, was made.",
        "metastatic",
    ),
    # "not X but Y" states Y (it stated nothing)
    (
        "A 60-year-old man on dialysis had painful nodules; this was not calciphylaxis but metastatic calcinosis.",
        "metastatic",
    ),
    # a subject suspected and then confirmed (it stated nothing)
    (
        "A 60-year-old man on dialysis had painful nodules. Calciphylaxis was suspected clinically and confirmed "
        "histologically.",
        "calciphylaxis",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), STATED)
def test_the_authors_diagnosis_as_they_weigh_it(text: str, subtype: str | None) -> None:
    assert stated_subtype(text) == subtype


def test_control_suspected_but_not_confirmed_states_nothing() -> None:
    text = "A 60-year-old man on dialysis had painful nodules. Calciphylaxis was suspected but not confirmed."
    assert stated_subtype(text) is None


# ------------------------------------------ a transplant listed for is not a transplant done
@pytest.mark.parametrize(
    "sentence",
    [
        "He is on the kidney transplant waiting list.",
        "He is listed for renal transplantation.",
        "He is on the waiting list for a kidney transplant.",
        "He is a candidate for kidney transplantation.",
    ],
)
def test_a_transplant_waited_for_is_not_done(sentence: str) -> None:
    text = f"A 58-year-old man on haemodialysis had painful plaques on the thighs. {sentence}"
    assert assertions(first_case(text))["kidney_transplant"] == "hypothetical"


def test_control_a_transplant_done_before_a_second_listing_stays() -> None:
    text = (
        "A 58-year-old man on haemodialysis had painful plaques. He had a kidney transplant in 2015 and is listed "
        "for a second one."
    )
    assert assertions(first_case(text))["kidney_transplant"] == "present"


# ------------------------------------------ Mönckeberg sclerosis on biopsy is not calciphylaxis
# "diabetic foot ulcers ... necrotic ulcer on the heel. Biopsy: medial calcification of arteries
# (Mönckeberg sclerosis)" was non-uremic calciphylaxis, probable: calciphylaxis called on a mimic.
@pytest.mark.parametrize(
    "text",
    [
        "A 62-year-old man with diabetic foot ulcers and peripheral arterial disease, not on dialysis, eGFR 45, "
        "had a necrotic ulcer on the heel. Biopsy: medial calcification of arteries (Mönckeberg sclerosis).",
        "A 70-year-old diabetic woman had a painful necrotic ulcer on the shin; the biopsy showed Monckeberg medial "
        "calcific sclerosis of medium-sized arteries without fat necrosis.",
    ],
)
def test_monckeberg_sclerosis_is_not_called_calciphylaxis(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert assertions(case)["medial_calcific_sclerosis_histology"] == "present"
    assert subtype != "calciphylaxis"


def test_control_a_differential_naming_monckeberg_leaves_calciphylaxis() -> None:
    text = (
        "A 58-year-old woman on haemodialysis had retiform purpura and eschar on the thighs. Biopsy showed "
        "calcification of small arterioles in the subcutaneous fat with thrombi; the differential diagnosis "
        "included Mönckeberg sclerosis."
    )
    _, subtype, _ = first_assessed(text)
    assert subtype == "calciphylaxis"
