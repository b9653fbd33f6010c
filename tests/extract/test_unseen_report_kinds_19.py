"""Kinds of phrasing and clinical rules from a nineteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract
from tests.extract.reading import assertions, first_assessed, first_case

# ------------------------------------------ a negated parenthesis before the predicate "was referred"
# "a man, not yet on dialysis, was referred for painful violaceous plaques" negated the plaques: the
# negation ran over the comma into the main clause, and calciphylaxis lost its lesions.
NEGATED_PARENTHESIS = [
    "A 71-year-old man with stage 4 CKD, not yet on dialysis, was referred for painful violaceous plaques on "
    "both legs.",
    "A 64-year-old woman, not on warfarin, was admitted with painful violaceous plaques on the thighs.",
    "A 70-year-old man with CKD, never dialysed, was seen for painful violaceous plaques of the calves.",
]


@pytest.mark.parametrize("text", NEGATED_PARENTHESIS)
def test_a_negated_parenthesis_ends_before_the_predicate(text: str) -> None:
    assert assertions(first_case(text)).get("violaceous_plaques") == "present"


def test_a_negation_inside_its_own_clause_still_holds() -> None:
    text = "A 71-year-old man with stage 4 CKD was not referred for dialysis and had no violaceous plaques."
    found = assertions(first_case(text))
    assert found.get("dialysis") == "absent"
    assert found.get("violaceous_plaques") != "present"


# ------------------------------------------ calcium given by intramuscular injection
# "intramuscular injections of calcium into the buttocks" was read as injections in general (dystrophic,
# possible) rather than as a calcium salt given at the site of the nodules.
CALCIUM_INJECTIONS = [
    "A 52-year-old man received intramuscular injections of calcium into the buttocks. Six months later he "
    "presented with hard nodules over both buttocks.",
    "A 52-year-old man had intramuscular injections of calcium-containing preparation into the buttocks at a "
    "rural clinic. He later presented with hard nodules over both buttocks.",
    "A 47-year-old woman was given calcium injections into the left deltoid for cramps; a hard nodule formed in "
    "the left deltoid.",
]


@pytest.mark.parametrize("text", CALCIUM_INJECTIONS)
def test_calcium_injected_where_the_nodules_are_is_iatrogenic(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype == "iatrogenic"
    assert next(e.site for e in case.exposures if e.concept == "iv_calcium")


def test_calcium_injected_elsewhere_is_not_the_cause() -> None:
    text = (
        "A 52-year-old man received intramuscular injections of calcium into the buttocks. Months later hard "
        "nodules appeared on both elbows. Calcium and phosphate were normal."
    )
    assert first_assessed(text)[1] != "iatrogenic"


# ------------------------------------------ the body part a relative clause says was hurt
# "a hard nodule on her left knee, which she had injured in a fall" lost the trauma (and its site).
INJURED_IN_A_RELATIVE_CLAUSE = [
    "A 39-year-old woman noticed a hard nodule on her left knee, which she had injured in a fall. X-ray showed "
    "calcification in the prepatellar soft tissue. Calcium and phosphate were normal.",
    "A 30-year-old man had a firm nodule over the right shin, which he had injured in a motorcycle accident a "
    "year before. Calcium and phosphate were normal.",
]


@pytest.mark.parametrize("text", INJURED_IN_A_RELATIVE_CLAUSE)
def test_an_injury_told_in_a_relative_clause_is_trauma_at_that_site(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert next(e.site for e in case.exposures if e.concept == "local_trauma")
    assert subtype == "dystrophic"


def test_an_infusion_elsewhere_does_not_outweigh_the_injury_at_the_nodule() -> None:
    text = (
        "A 39-year-old woman had an intravenous calcium gluconate infusion through the right forearm after "
        "thyroidectomy. Three months later she noticed a hard nodule on her left knee, which she had injured in "
        "a fall."
    )
    case, subtype, _ = first_assessed(text)
    assert subtype != "iatrogenic"
    sites = {e.concept: e.site for e in case.exposures}
    assert sites.get("iv_calcium") == "right forearm"
    assert sites.get("local_trauma") == "left knee"


# ------------------------------------------ a neonatal note's heading: the baby, then the day of life
# "Baby girl, DOL 12: ..." and "Female neonate, day 12 of life, ..." gave no age and no sex (and the
# warning that nothing introduces the patient).
NEONATAL_HEADINGS = [
    "Baby girl, DOL 12: hard erythematous swelling over the right dorsal foot at the site of a tissued IV that "
    "had been running calcium gluconate.",
    "Baby girl, born at 31 weeks' gestation, DOL 12: hard swelling over the right dorsal foot where calcium "
    "gluconate had infiltrated.",
    "Female neonate, day 12 of life, hard swelling over the right dorsal foot where calcium gluconate had infiltrated.",
]


@pytest.mark.parametrize("text", NEONATAL_HEADINGS)
def test_a_neonatal_heading_gives_the_age_and_sex(text: str) -> None:
    document = extract(text)
    patient = document.cases[0].patient
    assert patient.age_years == pytest.approx(12 / 365.25, abs=1e-3)
    assert patient.sex == "female"
    assert not any("introduces the patient" in w for w in document.warnings)


def test_a_day_of_life_in_a_treatment_is_no_age() -> None:
    text = "Baby boy, 10 days old. DOL 2: calcium gluconate started for seizures; DOL 9 hard nodule on the scalp."
    patient = first_case(text).patient
    assert patient.age_years == pytest.approx(10 / 365.25, abs=1e-3)
    assert patient.sex == "male"


# ------------------------------------------ results told as "no changes in" and a misspelt eGFR
# "no changes in calcium metabolism or renal function" gave no result, nor did "a preserved estimated
# glomerular filtrate rate" (a common misspelling of filtration).
NO_CHANGES_IN = [
    ("Laboratory tests revealed no changes in calcium metabolism or renal function.", {"calcium", "renal_function"}),
    ("Blood tests showed no change in calcium or phosphate.", {"calcium", "phosphate"}),
    ("He had a preserved estimated glomerular filtrate rate.", {"egfr"}),
]


@pytest.mark.parametrize(("sentence", "analytes"), NO_CHANGES_IN)
def test_no_changes_in_a_result_is_normal(sentence: str, analytes: set[str]) -> None:
    case = first_case(f"A 41-year-old woman had hard papules on the cheek. {sentence}")
    found = {lab.analyte: lab.interpretation for lab in case.labs}
    assert {name: found.get(name) for name in analytes} == dict.fromkeys(analytes, "normal")


def test_no_change_in_something_else_is_no_result() -> None:
    text = (
        "A 41-year-old woman had hard papules on the cheek; there were no changes in her medication. Her calcium "
        "was high at 11.2 mg/dL."
    )
    assert {lab.analyte: lab.interpretation for lab in first_case(text).labs} == {"calcium": "high"}


# ------------------------------------------ the sites a sentence says were involved
# "She had firm yellow papules. The axillae and inguinal areas were involved." gave the papules no site.
INVOLVED_SITES = [
    ("The axillae and inguinal areas were involved.", {"axillae", "inguinal areas"}),
    ("There was involvement of both axillae.", {"both axillae"}),
    ("Both axillae were affected.", {"Both axillae"}),
    ("They were located on the knees and elbows.", {"knees", "elbows"}),
    ("The lesions involved the axillae and groins.", {"axillae", "groins"}),
]


@pytest.mark.parametrize(("sentence", "sites"), INVOLVED_SITES)
def test_the_sites_said_to_be_involved_are_the_lesions(sentence: str, sites: set[str]) -> None:
    case = first_case(f"A 50-year-old woman with hypercalcaemia had firm yellow papules. {sentence}")
    assert {lesion.site for lesion in case.lesions} == sites


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman had polyarthritis. The knees and wrists were involved. Calcium was high.",
        "A 50-year-old woman had firm papules on the elbows. Later, the knees were involved by arthritis.",
    ],
)
def test_sites_involved_by_something_else_are_no_lesions(text: str) -> None:
    assert {lesion.site for lesion in first_case(text).lesions} <= {"elbows"}


# ------------------------------------------ a procedure told as "subsequent" (done, its finding given)
# "Subsequent parathyroidectomy identified a mediastinal adenoma" gave no treatment.
def test_a_subsequent_procedure_was_done() -> None:
    text = (
        "A 56-year-old woman with primary hyperparathyroidism had painful necrotic ulcers on the thighs; biopsy "
        "showed calcified subcutaneous vessels. Subsequent parathyroidectomy identified a mediastinal adenoma."
    )
    assert [(t.concept, t.status) for t in first_case(text).treatments] == [("parathyroidectomy", "given")]


def test_a_subsequent_plan_stays_a_plan() -> None:
    text = "A 56-year-old woman had calcinosis of the elbows. Subsequent bisphosphonate therapy was considered."
    assert [t.status for t in first_case(text).treatments] == ["planned"]


# ------------------------------------------ an infusion through a named vein
# "calcium gluconate through a long line in the left saphenous vein" gave the infusion no site, so a
# plaque on the right forearm was called iatrogenic (possible) from an infusion in the other limb.
def test_an_infusion_in_a_named_vein_elsewhere_is_not_the_cause() -> None:
    text = (
        "A 3-week-old preterm boy received calcium gluconate through a long line in the left saphenous vein. He "
        "developed a firm plaque on the right forearm."
    )
    case, subtype, _ = first_assessed(text)
    assert subtype != "iatrogenic"
    assert [e.site for e in case.exposures if e.concept == "iv_calcium"] == ["left saphenous vein"]


@pytest.mark.parametrize(
    "text",
    [
        "A 3-week-old preterm boy received calcium gluconate through a long line in the left saphenous vein. He "
        "developed a firm plaque on the left ankle.",
        "A term male infant was treated with calcium gluconate via a scalp vein. On day 9 a firm white plaque "
        "appeared on the scalp.",
        "A 2-week-old girl received calcium gluconate through a cannula in the right cephalic vein; a week later "
        "hard papules formed along the right forearm.",
    ],
)
def test_an_infusion_in_the_vein_of_the_lesions_region_is_iatrogenic(text: str) -> None:
    assert first_assessed(text)[1] == "iatrogenic"


# ------------------------------------------ gangrene and skin infarcts are necrosis of the skin
# "penile gangrene" and "skin infarcts" on dialysis were no lesion at all (calciphylaxis missed).
@pytest.mark.parametrize(
    "lesion",
    ["skin infarcts on the thighs", "penile gangrene with severe pain", "cutaneous infarction of the calves"],
)
def test_gangrene_and_skin_infarcts_are_necrosis(lesion: str) -> None:
    case, subtype, _ = first_assessed(f"A 60-year-old man on haemodialysis for 6 years developed {lesion}.")
    assert assertions(case).get("skin_necrosis") == "present"
    assert subtype == "calciphylaxis"


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man on haemodialysis with diabetes developed Fournier's gangrene of the scrotum with crepitus.",
        "A 60-year-old man on haemodialysis developed gas gangrene of the thigh.",
    ],
)
def test_an_infection_named_gangrene_stays_the_look_alike(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype != "calciphylaxis"
    assert "skin_necrosis" not in assertions(case)


# ------------------------------------------ a series told only in a table of patients
# A series whose patients are rows of a table ("Patient | Age/Sex | Dialysis | ...") gave no case and
# the reason that the text "reads as a disease summary"; each row is now read as one patient
# (tests/extract/test_table_rows.py), and the warning says so.
TABLE_SERIES = (
    "Calciphylaxis in peritoneal dialysis: a case series\n\n"
    "Table 1. Patient characteristics\n"
    "Patient | Age/Sex | Dialysis | Warfarin | Site | Biopsy | Outcome\n"
    "1 | 62/F | PD 4 y | Yes | Thighs | Arteriolar calcification | Died\n"
    "2 | 55/M | PD 2 y | No | Abdomen | Arteriolar calcification | Healed\n\n"
    "All were treated with intravenous sodium thiosulfate.\n"
)


def test_a_series_in_a_table_says_where_its_patients_are() -> None:
    document = extract(TABLE_SERIES)
    assert [(c.patient.age_years, c.patient.sex) for c in document.cases] == [(62.0, "female"), (55.0, "male")]
    assert [{e.concept: e.assertion for e in c.exposures}.get("warfarin") for c in document.cases] == [
        "present",
        "absent",
    ]
    assert any("rows of a table" in w for w in document.warnings)


def test_a_disease_summary_keeps_its_reason() -> None:
    text = (
        "Calciphylaxis is a rare disease of small-vessel calcification. It occurs mostly in patients on dialysis. "
        "Age and sex are risk factors in some series. Sodium thiosulfate is often used."
    )
    document = extract(text)
    assert document.cases == []
    assert not any("in a table" in w for w in document.warnings)


# ------------------------------------------ a look-alike of early life in an adult's biopsy
# "Subcutaneous fat necrosis with small vessel calcification" in a 64-year-old's biopsy gave her
# "subcutaneous fat necrosis of the newborn" (a finding and a histology concept of the case).
def test_an_early_life_look_alike_is_no_finding_of_an_adult() -> None:
    text = (
        "A 64-year-old woman on haemodialysis had a painful violaceous plaque of the thigh. Deep biopsy: "
        "subcutaneous fat necrosis with small vessel calcification and fibrin thrombi."
    )
    case = first_case(text)
    concepts = {f.concept for f in case.findings} | {c for h in case.histology for c in h.concepts}
    assert "subcutaneous_fat_necrosis_newborn" not in concepts
    assert "vascular_calcification_histology" in concepts


def test_it_stays_a_finding_of_a_newborn() -> None:
    text = (
        "A 10-day-old boy born after perinatal asphyxia and cooling had firm red nodules on the back; biopsy "
        "showed subcutaneous fat necrosis."
    )
    assert "subcutaneous_fat_necrosis_newborn" in {f.concept for f in first_case(text).findings}


# ------------------------------------------ a clinician's question: the age after "is", the title that asks
# "Could this be calciphylaxis? My patient is 70, female, ..." gave no age or sex, and once the patient
# was found, its first line (a question) was read as the authors' diagnosis.
QUESTION = (
    "Could this be calciphylaxis? My patient is 70, female, kidney function normal, on warfarin for 5 years for "
    "AF, and has a very painful necrotic ulcer on the right calf. No biopsy yet."
)


def test_a_clinicians_question_gives_age_and_sex_and_states_nothing() -> None:
    case = first_case(QUESTION)
    assert (case.patient.age_years, case.patient.sex) == (70, "female")
    assert case.stated_subtype is None


def test_a_title_that_states_still_states() -> None:
    text = (
        "Calciphylaxis in a woman on warfarin\n\nA 70-year-old woman with normal kidney function, on warfarin, "
        "had a very painful necrotic ulcer on the right calf."
    )
    assert first_case(text).stated_subtype == "calciphylaxis"


# ------------------------------------------ a list of diagnoses
def test_a_list_of_final_diagnoses_states_its_first() -> None:
    text = (
        "The patient, a 59-year-old man on hemodialysis, was admitted with necrotic ulcers of both thighs. Final "
        "diagnoses: calciphylaxis; ESRD."
    )
    assert first_case(text).stated_subtype == "calciphylaxis"


def test_the_diagnoses_considered_are_no_statement() -> None:
    text = (
        "A 9-year-old boy with leukaemia had yellowish papules on the trunk. Considered clinical diagnoses were "
        "xanthomas, histiocytosis and molluscum contagiosum. Biopsy showed dermal calcium deposits; calcium was "
        "14 mg/dL. A diagnosis of metastatic calcinosis cutis was made."
    )
    assert first_case(text).stated_subtype == "metastatic"


# ------------------------------------------ the rheumatoid nodule's histology
# "Biopsy showed fibrinoid necrosis surrounded by palisading histiocytes" over the olecranon in
# rheumatoid arthritis was called dystrophic calcinosis (probable): the look-alike's histology was not read.
@pytest.mark.parametrize(
    "biopsy",
    [
        "Biopsy showed fibrinoid necrosis surrounded by palisading histiocytes.",
        "Histology: a palisading granuloma around central fibrinoid necrosis.",
    ],
)
def test_palisading_necrobiosis_is_a_rheumatoid_nodule(biopsy: str) -> None:
    text = f"A 66-year-old woman with rheumatoid arthritis had a hard nodule over the olecranon. {biopsy}"
    assert first_assessed(text)[1] == "not_calcinosis"


def test_calcium_in_the_biopsy_of_a_rheumatoid_patient_stays_calcinosis() -> None:
    text = (
        "A 66-year-old woman with rheumatoid arthritis had hard nodules over the elbows. Biopsy showed dermal "
        "calcium deposits; von Kossa positive."
    )
    assert first_assessed(text)[1] == "dystrophic"


def test_palisading_histiocytes_around_urate_are_no_rheumatoid_nodule() -> None:
    text = (
        "A 78-year-old woman had a hard nodule on the finger. Histopathology revealed amorphous material "
        "surrounded by palisaded histiocytes; urate crystals were seen."
    )
    case = first_case(text)
    assert "palisading_necrobiosis_histology" not in {f.concept for f in case.findings}


# ------------------------------------------ an eschar over a pressure point
# "A bedbound man on haemodialysis had a necrotic ulcer with black eschar over the sacrum, at a
# pressure point" was calciphylaxis (probable): the pressure ulcer the knowledge lists as a mimic was
# not read from "pressure point".
def test_an_eschar_over_a_pressure_point_holds_calciphylaxis_back() -> None:
    text = (
        "A 72-year-old bedbound man on hemodialysis had a necrotic ulcer with black eschar over the sacrum, at a "
        "pressure point."
    )
    case, subtype, _ = first_assessed(text)
    assert subtype != "calciphylaxis"
    assert assertions(case).get("pressure_or_cold_injury") == "present"


@pytest.mark.parametrize(
    "where",
    ["; pressure areas were intact.", ", away from pressure points."],
)
def test_plaques_away_from_pressure_points_stay_calciphylaxis(where: str) -> None:
    text = (
        "A 72-year-old man on hemodialysis had exquisitely painful retiform purpura with a black eschar on both "
        f"thighs{where}"
    )
    assert first_assessed(text)[1] == "calciphylaxis"


def test_deposits_in_pressure_areas_name_no_pressure_ulcer() -> None:
    text = (
        "A 54-year-old woman with systemic sclerosis had diffuse calcinosis presenting as subcutaneous nodules in "
        "pressure areas such as the elbows and knees."
    )
    assert "pressure_or_cold_injury" not in assertions(first_case(text))


# ------------------------------------------ a title that tells the case's treatment
# "Linear scleroderma with calcinosis and its successful treatment with surgical excision" gave the
# one patient no treatment (a title was read for treatments only when it named the patient).
def test_a_title_telling_the_successful_treatment_gives_it() -> None:
    text = (
        "Linear scleroderma with calcinosis and its successful treatment with surgical excision\n\n"
        "A 25-year-old woman with linear scleroderma of the left leg had hard nodules on the shin. X-ray showed "
        "calcification."
    )
    assert [(t.concept, t.status) for t in first_case(text).treatments] == [("surgical_excision", "given")]


def test_a_review_title_about_treatment_gives_none() -> None:
    text = (
        "Calcinosis cutis and its treatment with sodium thiosulfate\n\n"
        "A 25-year-old woman with systemic sclerosis had hard nodules on the fingers. X-ray showed calcification."
    )
    assert first_case(text).treatments == []


# ------------------------------------------ a report's "Clinical history:" or "Indication:" label on one line
# A pathology or radiology report copied as one line ("... deep incisional biopsy. Clinical history: 64F
# on HD, ...") lost the compact age and sex its own lines gave.
@pytest.mark.parametrize(
    "text",
    [
        "DERMATOPATHOLOGY REPORT Specimen: skin, left thigh, deep incisional biopsy. Clinical history: 64F on HD, "
        "painful violaceous plaque.",
        "RADIOLOGY REPORT - XR BOTH HANDS Indication: 64F with scleroderma, fingertip nodules.",
    ],
)
def test_a_labelled_compact_age_on_one_line(text: str) -> None:
    patient = first_case(text).patient
    assert (patient.age_years, patient.sex) == (64, "female")


def test_a_low_normal_result_is_normal() -> None:
    text = (
        "A 60-year-old woman had calcinosis. Her serum calcium was elevated at 12.2 mg/dL, while the phosphorus "
        "was in the low-normal range."
    )
    found = {lab.analyte: lab.interpretation for lab in first_case(text).labs}
    assert found == {"calcium": "high", "phosphate": "normal"}


@pytest.mark.parametrize("abbreviation", ["DM2", "DMII", "NIDDM", "IDDM", "type 2 DM"])
def test_a_notes_diabetes_abbreviation_is_diabetes(abbreviation: str) -> None:
    text = f"58F. PMH: 1. ESRD on HD. 2. {abbreviation}. 3. AF on warfarin. Now painful retiform purpura on the thighs."
    assert assertions(first_case(text)).get("diabetes") == "present"


@pytest.mark.parametrize(
    ("words", "concept"),
    [
        ("on RRT", "dialysis"),
        ("on KRT", "dialysis"),
        ("s/p DDKT", "kidney_transplant"),
        ("ESRF", "end_stage_renal_disease"),
    ],
)
def test_a_notes_kidney_abbreviations(words: str, concept: str) -> None:
    text = f"58F with {words}, painful nodules on the thighs."
    assert assertions(first_case(text)).get(concept) == "present"


# ------------------------------------------ a neonatal note's shorthand for the infusion and its leak
@pytest.mark.parametrize(
    "text",
    [
        "2 wk old, Ca gluc infiltration L dorsal hand, now hard white plaque L dorsal hand.",
        "2 wk old, calcium gluconate 10% tissued L dorsal hand, now a hard white plaque there.",
    ],
)
def test_a_neonatal_notes_infusion_shorthand_keeps_its_site(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert [e.site for e in case.exposures if e.concept == "iv_calcium"] == ["L dorsal hand"]
    assert subtype == "iatrogenic"


def test_injections_of_calcium_heparin_elsewhere_are_not_calcium_injections() -> None:
    text = (
        "A 36-year-old woman who had received multiple subcutaneous injections of calcium heparin into the "
        "abdominal wall developed firm nodules on the thighs six months later. Renal function and calcium were "
        "normal."
    )
    case, subtype, _ = first_assessed(text)
    assert subtype != "iatrogenic"
    assert "iv_calcium" not in {e.concept for e in case.exposures}


# ------------------------------------------ "In case 2, a man ..." moves to the next patient
# "Case 1 involved a 63-year-old woman on warfarin ... In case 2, a 71-year-old man with alcoholic
# cirrhosis developed ..." was one patient (the woman was given his cirrhosis).
def test_in_case_two_opens_the_second_patient() -> None:
    text = (
        "Two cases of calciphylaxis in patients without kidney disease are reported. Case 1 involved a 63-year-old "
        "woman on warfarin with painful ulcers of the calves. In case 2, a 71-year-old man with alcoholic "
        "cirrhosis developed retiform purpura of the thighs."
    )
    cases = extract(text).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == [(63, "female"), (71, "male")]
    assert "cirrhosis" not in assertions(cases[0])
