"""Kinds of phrasing and clinical rules from a sixteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.extract.pipeline import extract
from tests.extract.reading import assertions, exposure_assertions, first_assessed, first_case

# ------------------------------------------ a state word does not reach over a full stop to the next test
# "Ca/Phos nl. eGFR 24." read the eGFR of 24 as normal: the note's splitter keeps "nl. eGFR" in one
# sentence (no capital after the stop), and the state word right before a test was taken as its state.
OVER_A_STOP = [
    ("58F, limited SSc, hard chalky nodules of the thumb pad. Ca/Phos nl. eGFR 24. On omeprazole.", "egfr", "normal"),
    ("71M, calcinosis of both shins. PTH high. eGFR 19 at the last visit.", "egfr", "high"),
    ("Dermatomyositis, calcified nodules on the elbows. Vit D low. iPTH 40 pg/mL.", "pth", "low"),
]


@pytest.mark.parametrize(("text", "analyte", "not_its_state"), OVER_A_STOP)
def test_a_state_word_before_a_full_stop_is_not_the_next_tests(text: str, analyte: str, not_its_state: str) -> None:
    labs = [lab for lab in first_case(text, mode="note").labs if lab.analyte == analyte]
    assert labs
    assert all(lab.interpretation != not_its_state for lab in labs)


def test_control_a_state_word_right_before_its_test_stays() -> None:
    case = first_case("58F, limited SSc, hard chalky nodules of the thumb. Raised PTH 95 pg/mL.", mode="note")
    assert {(lab.analyte, lab.interpretation) for lab in case.labs} >= {("pth", "high")}


# ------------------------------------------ lesions in the scars a herpes zoster left
# "firm white papules confined to the sites of old herpes zoster scars" was idiopathic: a scar was
# healed injury only when told as old, pre-existing or a vaccination's; and "papules within the scars
# of a previous herpes zoster" read "within the scars" (an operation's scar) because the first of two
# overlapping terms won, not the longer one.
ZOSTER_SCARS = [
    (
        "A 70-year-old man had firm white papules confined to the sites of old herpes zoster scars on the left "
        "chest wall. Calcium, phosphate and PTH were normal. Biopsy showed calcium deposits in the dermis.",
        "left chest wall",
    ),
    (
        "A 64-year-old woman developed hard yellowish papules within the scars of a previous herpes zoster on the "
        "right flank. Laboratory tests were normal. Histology showed dermal calcification.",
        "right flank",
    ),
    (
        "Hard papules arose in postherpetic scars on the forehead of a 58-year-old man; calcium and phosphate "
        "normal; biopsy: calcium deposits in the dermis.",
        "forehead",
    ),
]


@pytest.mark.parametrize(("text", "site"), ZOSTER_SCARS)
def test_lesions_in_herpes_zoster_scars_are_at_damaged_tissue(text: str, site: str) -> None:
    assessed, subtype, _ = first_assessed(text)
    assert {(e.concept, e.site) for e in assessed.exposures} >= {("local_trauma", site)}
    assert subtype == "dystrophic"


def test_control_a_zoster_elsewhere_is_no_injury_at_the_lesions() -> None:
    case = first_case(
        "A 66-year-old woman with a history of herpes zoster of the left arm 10 years earlier had hard papules on "
        "both shins; the arm was not involved. Calcium, phosphate and PTH were normal. Biopsy showed dermal calcium."
    )
    assert "local_trauma" not in {e.concept for e in case.exposures}


def test_control_a_lesion_in_an_operation_scar_stays_surgery() -> None:
    case = first_case(
        "A 50-year-old woman had hard papules within the scar of a knee replacement. Calcium was normal.", mode="note"
    )
    assert "surgery_at_site" in {e.concept for e in case.exposures}


# ------------------------------------------ a history denied as a whole closes its item of the list
# "45 yo man, no PMH, single hard nodule on R knee" read the nodule as absent: "no" reaches over commas
# (a list of what is denied: "no fever, rash or pain"), and "no PMH" denies the history as a whole.
HISTORY_DENIED = [
    "45 yo man, no PMH, single hard nodule on R knee; labs normal.",
    "45 yo man, no past history, hard nodule on the right knee.",
    "45M, no PMH of note, hard nodule on R knee.",
    "A 50-year-old woman with no significant medical history, hard white papules on the fingertips.",
]


@pytest.mark.parametrize("text", HISTORY_DENIED)
def test_a_finding_after_a_denied_history_is_present(text: str) -> None:
    case = first_case(text, mode="note")
    assert assertions(case).get("firm_white_yellow_papules") == "present"


def test_control_a_history_of_named_diseases_is_denied_as_a_list() -> None:
    case = first_case(
        "A 50-year-old woman with no past medical history of diabetes, gout or chronic kidney disease had hard "
        "nodules on the elbows."
    )
    found = assertions(case)
    assert found.get("diabetes") == "absent"
    assert found.get("chronic_kidney_disease") == "absent"
    assert found.get("firm_white_yellow_papules") == "present"


# ------------------------------------------ a doubt told forward: "cannot exclude X", "could not rule out X"
# "XR suggestive of calcinosis but cannot exclude gouty tophi" read the tophi as present: only the
# backward "cannot be excluded" was a trigger.
CANNOT_EXCLUDE = [
    "55F, limited SSc. Firm nodules of the left index pulp, XR suggestive of calcinosis but cannot exclude gouty "
    "tophi; urate pending.",
    "55F, limited SSc, firm nodules of the index pulp. We could not rule out gouty tophi before the urate came back.",
    "Firm nodules of the fingers in a 55-year-old woman with limited SSc; unable to exclude gouty tophi.",
]


@pytest.mark.parametrize("text", CANNOT_EXCLUDE)
def test_a_look_alike_that_cannot_be_excluded_is_possible(text: str) -> None:
    found = assertions(first_case(text, mode="note"))
    assert found.get("gouty_tophi") == "possible"


def test_control_named_tophi_stay_present() -> None:
    found = assertions(first_case("66M, gout, firm nodules of the ears: gouty tophi.", mode="note"))
    assert found.get("gouty_tophi") == "present"


# ------------------------------------------ a note's shorthand for a negative: nil, neg, -ve
# "Nil trauma", "Trauma: nil", "Trauma -ve" read trauma as present, and "Hx neg for SLE, SSc, DM"
# read all three diseases as present (a dystrophic setting the note denies).
SHORTHAND_NEGATIVES = [
    ("45F, hard nodules R elbow. Nil trauma. Ca normal.", "local_trauma"),
    ("45F, hard nodules R elbow. Trauma: nil. Ca normal.", "local_trauma"),
    ("45F, hard nodules R elbow. Trauma -ve. Ca normal.", "local_trauma"),
    ("45F, hard nodules R elbow. Trauma neg. Ca normal.", "local_trauma"),
    ("45F, hard nodules R elbow. Hx neg for SLE, SSc, DM. Ca normal.", "systemic_lupus_erythematosus"),
    ("45F, hard nodules R elbow. Hx neg for SLE, SSc, DM. Ca normal.", "dermatomyositis"),
]


@pytest.mark.parametrize(("text", "concept"), SHORTHAND_NEGATIVES)
def test_a_notes_shorthand_negative_is_absent(text: str, concept: str) -> None:
    case = first_case(text, mode="note")
    found = {**assertions(case), **exposure_assertions(case)}
    assert found.get(concept) == "absent"


@pytest.mark.parametrize(
    "text", ["45F, SLE; drugs: nil. Hard nodules R elbow.", "45F, SLE, drugs nil, hard nodules R elbow."]
)
def test_control_nil_said_of_the_next_field_leaves_the_disease(text: str) -> None:
    found = assertions(first_case(text, mode="note"))
    assert found.get("systemic_lupus_erythematosus") == "present"


# ------------------------------------------ a note's family items and "w/o"
# "FHx: SSc (mother)", "Mum has SLE" and "FH of SLE in sister" made the patient's own connective tissue
# disease (a relative noun was family only after a possessive, "her mother"); "w/o trauma" was trauma.
FAMILY_ITEMS = [
    ("45F, hard nodules R elbow. FHx: SSc (mother). Ca normal.", "systemic_sclerosis"),
    ("45F, hard nodules R elbow. Mum has SLE. Ca normal.", "systemic_lupus_erythematosus"),
    ("45F, hard nodules R elbow. Sister: SLE. Ca normal.", "systemic_lupus_erythematosus"),
    ("45F, hard nodules R elbow; FH of SLE in sister.", "systemic_lupus_erythematosus"),
]


@pytest.mark.parametrize(("text", "concept"), FAMILY_ITEMS)
def test_a_notes_family_item_is_the_relatives(text: str, concept: str) -> None:
    found = assertions(first_case(text, mode="note"))
    assert found.get(concept) == "family"


@pytest.mark.parametrize(
    "text",
    [
        "Breastfeeding mother, 33, with SLE and hard nodules on the elbows.",
        "A mother of two with SLE had hard nodules on the elbows.",
        "45F, SLE, hard nodules R elbow. Mother: healthy.",
    ],
)
def test_control_the_patients_own_disease_stays_hers(text: str) -> None:
    found = assertions(first_case(text, mode="note"))
    assert found.get("systemic_lupus_erythematosus") == "present"


def test_without_written_w_slash_o_is_absent() -> None:
    found = exposure_assertions(first_case("45F, hard nodules R elbow w/o trauma. Ca normal.", mode="note"))
    assert found.get("local_trauma") == "absent"


# ------------------------------------------ thousands grouped by a space; PTH in ng/L
# "PTH 1 234 pg/mL" (the SI style of grouping) was a PTH of 1, low: parathyroidectomy was withheld
# for a PTH the text gives as over a thousand. "PTH 210 ng/L" had no unit (ng/L was no unit word).
SPACED = [
    ("55M ESRD on HD, painful plaques. PTH 1 234 pg/mL.", 1234.0, "pg/mL"),
    ("55M ESRD on HD, painful plaques. PTH 2 100 ng/L, calcium 2.6 mmol/L.", 2100.0, "ng/L"),
    ("55M ESRD on HD, painful plaques. PTH 210 ng/L.", 210.0, "ng/L"),
]


@pytest.mark.parametrize(("text", "value", "unit"), SPACED)
def test_a_pth_in_si_style_is_read_whole(text: str, value: float, unit: str) -> None:
    pth = [lab for lab in first_case(text, mode="note").labs if lab.analyte == "pth"]
    assert [(lab.value, lab.unit, lab.interpretation) for lab in pth] == [(value, unit, "high")]


def test_control_a_number_after_a_value_without_unit_is_no_thousands() -> None:
    calcium = [
        lab
        for lab in first_case("55M, painful plaques. Calcium 9 120 days later.", mode="note").labs
        if lab.analyte == "calcium"
    ]
    assert [lab.value for lab in calcium] == [9.0]


# ------------------------------------------ a decimal comma
# "Calcium 2,65 mmol/L, phosphate 1,9 mmol/L" (the decimal comma of much of Europe) read a calcium of
# 2, low, and a phosphate of 1: hypocalcaemia where the text gives hypercalcaemia.
DECIMAL_COMMA = [
    ("55F, painful plaques. Calcium 2,65 mmol/L, phosphate 1,9 mmol/L.", "calcium", 2.65, "high"),
    ("55F, painful plaques. Calcium 2,65 mmol/L, phosphate 1,9 mmol/L.", "phosphate", 1.9, "high"),
    ("55F, painful plaques. Ca 2,65 mmol/l (2,10-2,60).", "calcium", 2.65, "high"),
]


@pytest.mark.parametrize(("text", "analyte", "value", "interpretation"), DECIMAL_COMMA)
def test_a_decimal_comma_is_a_decimal(text: str, analyte: str, value: float, interpretation: str) -> None:
    labs = [lab for lab in first_case(text, mode="note").labs if lab.analyte == analyte]
    assert [(lab.value, lab.interpretation) for lab in labs] == [(value, interpretation)]


def test_a_decimal_comma_without_unit_that_ends_its_clause_is_a_decimal() -> None:
    # (two digits after a comma are never thousands; a separator or the end after them closes the value)
    assert [
        lab.value
        for lab in first_case("55F, painful plaques. Calcium 2,65.", mode="note").labs
        if lab.analyte == "calcium"
    ] == [2.65]


def test_a_comma_before_more_digits_is_no_decimal() -> None:
    assert [
        lab.value
        for lab in first_case("55F, painful plaques. Calcium 2,65 8 weeks later.", mode="note").labs
        if lab.analyte == "calcium"
    ] in ([], [None])


def test_control_thousands_stay_thousands() -> None:
    pth = [
        lab for lab in first_case("55F, painful plaques. PTH 1,234 pg/mL.", mode="note").labs if lab.analyte == "pth"
    ]
    assert [lab.value for lab in pth] == [1234.0]


# ------------------------------------------ a second patient's label after a semicolon
# "Twin A developed a plaque on the right wrist at a former infusion site; twin B had a similar lesion
# on the left ankle at the site of an extravasation" gave twin A both sites and twin B none: patients
# are told apart by sentences, and the label came after a semicolon. The wrist's infusion site was
# also lost alone ("at a former infusion site": no article was allowed before it).
TWINS = (
    "Twin girls aged 3 months, born at 31 weeks, both received calcium gluconate infusions in the neonatal "
    "unit. Twin A developed a firm white plaque on the right wrist at a former infusion site; twin B had a "
    "similar lesion on the left ankle at the site of an extravasation. Both resolved without treatment."
)


def test_a_label_after_a_semicolon_starts_the_next_patient() -> None:
    cases = extract(TWINS).cases
    assert len(cases) == 2
    sites = [{e.site for e in case.exposures} - {None} for case in cases]
    assert sites == [{"right wrist"}, {"left ankle"}]


def test_control_a_semicolon_without_a_label_stays_one_patient() -> None:
    text = (
        "A 40-year-old woman had hard nodules on the right wrist; a second nodule appeared on the left ankle. "
        "Calcium was normal; phosphate was normal."
    )
    assert len(extract(text).cases) == 1


# ------------------------------------------ a vaccination's site
# "a hard plaque at the site of a 1990 BCG vaccination on the left deltoid" was undetermined: a BCG
# vaccination (given into the skin, which it scars) was local trauma only as a "vaccination scar" or
# "site", the lesions-at-the-sites rule took no article or year before the exposure, and the deltoid
# was no body site.
VACCINATION_SITES = [
    ("A 64-year-old man had a hard plaque at the site of a 1990 BCG vaccination on the left deltoid.", "left deltoid"),
    ("A 64-year-old man had a hard plaque at the BCG vaccination site on the left arm.", "left arm"),
]


@pytest.mark.parametrize(("text", "site"), VACCINATION_SITES)
def test_a_lesion_at_a_vaccination_site_is_at_injured_skin(text: str, site: str) -> None:
    case = extract(text).cases[0]
    assert {(e.concept, e.site) for e in case.exposures} >= {("local_trauma", site)}


def test_control_a_vaccination_long_ago_places_nothing_elsewhere() -> None:
    case = extract("A 30-year-old woman had BCG vaccination as a child. She now has hard nodules on both shins.").cases[
        0
    ]
    assert {e.site for e in case.exposures if e.concept == "local_trauma"} == {None}


# ------------------------------------------ a test glued to its result by an equals sign
# "Calcium=2.8mmol/l" read no calcium at all: the tokenizer kept "Calcium=2.8mmol/l" as one token, so
# the test's name was never matched.
GLUED = [
    ("60F, plaques. Calcium=2.8mmol/l.", "calcium", 2.8),
    ("60F, plaques. Ca=2.8, PO4=2.1, PTH=45 pmol/L.", "phosphate", 2.1),
    ("60F, plaques. Ca=2.8, PO4=2.1, PTH=45 pmol/L.", "pth", 45.0),
]


@pytest.mark.parametrize(("text", "analyte", "value"), GLUED)
def test_a_result_glued_by_an_equals_sign_is_read(text: str, analyte: str, value: float) -> None:
    assert [lab.value for lab in first_case(text, mode="note").labs if lab.analyte == analyte] == [value]


# ------------------------------------------ a note's age with its unit and the sex, either order
# "54 yrs, F, hard nodules" and "Female, 54 years. Hard nodules" gave no age and no sex.
AGE_AND_SEX = [
    ("54 yrs, F, hard nodules on both elbows; calcium normal.", 54.0, "female"),
    ("Female, 54 years. Hard nodules on both elbows.", 54.0, "female"),
    ("Pt: 62 years, male. ESRD on HD, painful plaques on the thighs.", 62.0, "male"),
]


@pytest.mark.parametrize(("text", "years", "sex"), AGE_AND_SEX)
def test_a_notes_age_with_unit_and_sex_is_read(text: str, years: float, sex: str) -> None:
    patient = first_case(text, mode="note").patient
    assert (patient.age_years, patient.sex) == (years, sex)


# ------------------------------------------ "DM": dermatomyositis or diabetes, by the words around it
# "70F, DM, HTN, ESRD on HD, painful necrotic plaques" read dermatomyositis (a dystrophic setting)
# where the note means diabetes (a calciphylaxis risk factor).
DM_IS_DIABETES = [
    "70F, DM, HTN, ESRD on HD, painful necrotic plaques on the thighs.",
    "62M with DM on insulin and CKD 4, painful purpura on the abdomen.",
]


@pytest.mark.parametrize("text", DM_IS_DIABETES)
def test_dm_beside_diabetes_words_is_diabetes(text: str) -> None:
    concepts = {f.concept for f in first_case(text, mode="note").findings}
    assert "diabetes" in concepts
    assert "dermatomyositis" not in concepts


@pytest.mark.parametrize(
    "text",
    [
        "45F, DM (anti-MDA5), calcified nodules on the elbows.",
        "45F, DM with Gottron papules, calcified nodules on the elbows; on HD.",
        "A 50-year-old woman with DM and calcinosis of the elbows.",
    ],
)
def test_control_dm_in_a_myositis_setting_or_alone_stays_dermatomyositis(text: str) -> None:
    assert "dermatomyositis" in {f.concept for f in first_case(text, mode="note").findings}
