"""Kinds of phrasing and clinical rules from an eighteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calcidx.public import extract
from tests.extract.reading import (
    assertions,
    exposure_assertions,
    first_assessed,
    first_case,
    histology_concepts,
    stated_subtype,
)

# ------------------------------------------ the exposure's site after its vehicle or an alias in brackets
# "calcium heparin injections in the abdomen" and "injections of calcium-containing heparin (calcium
# heparin) into the abdomen" gave the injections no site, so nodules on the thighs were called
# iatrogenic from injections given elsewhere.
SITE_AFTER_VEHICLE_OR_ALIAS = [
    "A 36-year-old woman who had received calcium heparin injections in the abdomen developed firm nodules on "
    "the thighs six months later. Renal function and calcium were normal.",
    "A 36-year-old woman who had received subcutaneous injections of calcium-containing heparin (calcium "
    "heparin) into the abdomen developed firm nodules on the thighs six months later. Calcium was normal.",
]


@pytest.mark.parametrize("text", SITE_AFTER_VEHICLE_OR_ALIAS)
def test_an_exposure_elsewhere_is_not_the_cause(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype != "iatrogenic"
    assert all(e.site for e in case.exposures if e.concept in ("calcium_heparin", "iv_calcium"))


def test_injections_where_the_nodules_are_stay_iatrogenic() -> None:
    text = (
        "A 36-year-old woman who had received calcium heparin injections in the abdomen developed firm nodules "
        "on the abdomen at the injection sites. Renal function and calcium were normal."
    )
    assert first_assessed(text)[1] == "iatrogenic"


def test_an_infusion_with_its_strength_in_brackets_keeps_its_site() -> None:
    text = (
        "A 58-year-old man had calcium gluconate (10%) infused through a cannula in the left hand. Weeks later "
        "hard nodules appeared on the right foot. Calcium, phosphate and renal function were normal."
    )
    case, subtype, _ = first_assessed(text)
    assert subtype != "iatrogenic"
    assert [e.site for e in case.exposures if e.concept == "iv_calcium"] == ["left hand"]


# ------------------------------------------ calciphylaxis "diagnosed" on a biopsy, in prose and in notes
# "calciphylaxis was diagnosed on skin biopsy" after a semicolon, "..., and calciphylaxis was diagnosed
# histologically", "Calciphylaxis was diagnosed by skin biopsy" and a note's "dx'd on bx" left the biopsy
# unread (possible, or probable in a note) and, in a clause, the authors' diagnosis too: only
# "confirmed" or "proven" on a biopsy counted.
DIAGNOSED_ON_BIOPSY = [
    "A 59-year-old man on peritoneal dialysis had painful ulcers on the abdomen; calciphylaxis was diagnosed on "
    "skin biopsy.",
    "A 59-year-old man on peritoneal dialysis had painful ulcers on the abdomen, and calciphylaxis was diagnosed "
    "histologically.",
    "A 59-year-old man on peritoneal dialysis had painful ulcers on the abdomen. Calciphylaxis was diagnosed by skin "
    "biopsy three weeks ago.",
]


@pytest.mark.parametrize("text", DIAGNOSED_ON_BIOPSY)
def test_calciphylaxis_diagnosed_on_a_biopsy_is_confirmed(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")
    assert "calciphylaxis_histology_reported" in histology_concepts(case)
    assert stated_subtype(text) == "calciphylaxis"


NOTE_DIAGNOSED_ON_BIOPSY = [
    "59M ESRD on PD. Calciphylaxis dx'd on bx 3 wks ago. Now wounds worsening on abdomen.",
    "59M ESRD on PD, dx calciphylaxis by skin bx 3 weeks ago, wounds worsening.",
]


@pytest.mark.parametrize("text", NOTE_DIAGNOSED_ON_BIOPSY)
def test_a_notes_biopsy_diagnosis_is_read(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype == "calciphylaxis"
    assert "calciphylaxis_histology_reported" in histology_concepts(case)


@pytest.mark.parametrize(
    "text",
    [
        "A 59-year-old man on peritoneal dialysis had painful ulcers on the abdomen; calciphylaxis was not "
        "diagnosed on skin biopsy.",
        "A 59-year-old man on peritoneal dialysis had painful ulcers on the abdomen; calciphylaxis is to be diagnosed "
        "by a deep skin biopsy.",
    ],
)
def test_a_biopsy_that_did_not_or_will_diagnose_it_confirms_nothing(text: str) -> None:
    case, _, certainty = first_assessed(text)
    assert "calciphylaxis_histology_reported" not in histology_concepts(case)
    assert certainty != "confirmed"


# ------------------------------------------ a pregnant woman named before the relative she brings
# "The patient, a 29-year-old pregnant woman at 30 weeks, and her 5-year-old daughter both presented"
# left the pregnancy unread: a sentence naming a daughter was skipped as one about a relative, and
# every option was offered as if she were not pregnant.
PREGNANT_BEFORE_RELATIVE = [
    "The patient, a 29-year-old pregnant woman at 30 weeks, and her 5-year-old daughter both presented to our "
    "clinic. The mother had painful nodules on the fingertips from systemic sclerosis.",
    "A 33-year-old pregnant woman with dermatomyositis came with her 4-year-old daughter; she had hard nodules on "
    "both elbows.",
]


@pytest.mark.parametrize("text", PREGNANT_BEFORE_RELATIVE)
def test_the_pregnant_woman_before_her_relative_is_pregnant(text: str) -> None:
    assert first_case(text).patient.pregnant is True


def test_the_weeks_after_pregnant_woman_are_the_gestation() -> None:
    text = PREGNANT_BEFORE_RELATIVE[0]
    assert first_case(text).patient.gestation_weeks == 30


@pytest.mark.parametrize(
    "text",
    [
        "A 40-year-old woman with systemic sclerosis had calcinosis of the fingers. Her sister, a 30-year-old pregnant "
        "woman, had none.",
        "A 35-year-old woman with lupus had calcinosis of the buttocks. Her daughter, a pregnant woman of 19, was "
        "well.",
    ],
)
def test_a_relatives_pregnancy_is_not_the_patients(text: str) -> None:
    assert first_case(text).patient.pregnant is None


# ------------------------------------------ relatives who are both patients, told in one sentence
# "Two sisters, aged 14 and 17, ..." gave the second sister no age (the list's unit left out); "A
# 42-year-old mother and her 15-year-old son both had ..." was one patient; "A mother (42 years) and
# her son (15 years) ..." was no patient at all (an age after "a mother" was taken for a relative's).
RELATIVE_PAIRS = [
    (
        "Two sisters, aged 14 and 17, presented with multiple hard nodules around the hips and shoulders. Both had "
        "raised serum phosphate with normal calcium and renal function.",
        [(14.0, "female"), (17.0, "female")],
    ),
    (
        "A 42-year-old mother and her 15-year-old son both had firm whitish papules on the helices of the ears. "
        "Calcium and phosphate were normal in both.",
        [(42.0, "female"), (15.0, "male")],
    ),
    (
        "A mother (42 years) and her son (15 years) both had firm whitish papules on the helices of the ears.",
        [(42.0, "female"), (15.0, "male")],
    ),
    ("Two patients, aged 45 and 52, on haemodialysis had painful necrotic ulcers.", [(45.0, None), (52.0, None)]),
    (
        "We report a mother and her daughter with familial tumoral calcinosis. The mother, aged 45, had masses on the "
        "hips; the daughter, aged 19, had masses on the elbows.",
        [(45.0, "female"), (19.0, "female")],
    ),
]


@pytest.mark.parametrize(("text", "people"), RELATIVE_PAIRS)
def test_relatives_in_one_sentence_are_each_a_patient(text: str, people: list[tuple[float, str | None]]) -> None:
    cases = extract(text).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == people


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old woman with lupus had calcinosis of the buttocks. Her children, aged 3 and 5, were well.",
        "A 40-year-old woman with lupus had calcinosis of the buttocks. Her mother and her son are healthy.",
        "A 60-year-old man had nodules on the thighs between the ages of 2 and 5 weeks after the infusion.",
    ],
)
def test_relatives_who_are_not_patients_stay_out(text: str) -> None:
    assert len(extract(text).cases) == 1


# ------------------------------------------ a short report that lost its line breaks
# A report under 1,000 characters copied as one line kept its title, its "Case presentation" header
# and its first sentence as one: "... a case report and review of the literature Case presentation A
# 41-year-old man ..." read as a review, and the text gave no case at all. Lines come back from 400
# characters on.
SHORT_REPORT = """Idiopathic calcinosis cutis of the penis: a case report and review of the literature

Case presentation
A 41-year-old man presented with multiple painless, firm, yellowish nodules on the shaft of the penis for 5 years.
He denied trauma, infection or any systemic illness. Serum calcium, phosphorus, alkaline phosphatase and parathyroid
hormone were normal. Excision was performed; histology showed amorphous basophilic deposits in the dermis that
stained with von Kossa. No recurrence was seen at 1 year.

Discussion
Penile calcinosis is rare. Most reported patients were middle-aged men. In a 62-year-old man with chronic renal
failure, the deposits were metastatic.
"""


@pytest.mark.parametrize("variant", [SHORT_REPORT, " ".join(SHORT_REPORT.split())], ids=["as-given", "one-line"])
def test_a_short_report_on_one_line_keeps_its_patient(variant: str) -> None:
    case, subtype, _ = first_assessed(variant)
    assert (case.patient.age_years, case.patient.sex, subtype) == (41.0, "male", "idiopathic")


# ------------------------------------------ a note copied with a reference list under it
# A SOAP note with a reference list below it (a web page's clutter) was read as an article: a reference
# list is article furniture, so the note's exam and assessment lines, which name no patient, were
# dropped, and calciphylaxis on the note alone became metastatic with the list below it.
SOAP = """S: 72 yo F w/ ESRD on PD x3y presents w/ exquisitely painful lesions R thigh x 2 wk.
O: Indurated plaque 6 cm w/ violaceous livedo, central stellate necrosis. No fever.
Labs: Ca 10.4 mg/dL, PO4 6.8, iPTH 640, Alb 3.1. INR 2.6 (on warfarin for AF).
A: Suspected calciphylaxis. DDx: warfarin necrosis, vasculitis, cellulitis.
P: punch bx deferred; discuss STS w/ nephro; stop warfarin; wound care.
"""
REFERENCE_LIST = "References\n1. Smith J. Calcinosis. J Dermatol. 2001;3:1-4.\n"


@pytest.mark.parametrize("text", [SOAP, SOAP + REFERENCE_LIST], ids=["note", "note-with-references"])
def test_a_note_with_a_reference_list_is_still_a_note(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype == "calciphylaxis"
    assert {"skin_necrosis", "livedo"} <= {f.concept for f in case.findings}


def test_an_article_with_its_own_furniture_stays_an_article() -> None:
    text = (
        "Abstract\nWe report a woman with calciphylaxis.\nCase report\nA 72-year-old woman on peritoneal dialysis "
        "had painful necrotic plaques on the thigh; a skin biopsy confirmed calciphylaxis.\nDiscussion\nCalciphylaxis "
        "is rare (Smith et al).\n" + REFERENCE_LIST
    )
    case, subtype, certainty = first_assessed(text)
    assert (case.patient.age_years, subtype, certainty) == (72.0, "calciphylaxis", "confirmed")


# ------------------------------------------ a case list in lower case keeps its ages and sexes
# "case 1 — 45 y, f. ..." in a text all in lower case gave one patient with no age or sex: the age
# rules' sex letter must be a capital, which a caseless text cannot show.
CASE_LIST = (
    "Case 1 — 45 y, F. Limited SSc for 10 years; calcinosis of the thumbs. Ca/P normal.\n"
    "Case 2 — 61 y, M. ESRD on haemodialysis; painful retiform purpura of the thighs; biopsy: calciphylaxis."
)


@pytest.mark.parametrize("text", [CASE_LIST, CASE_LIST.lower(), CASE_LIST.upper()], ids=["as-given", "lower", "upper"])
def test_a_case_list_keeps_its_people_in_any_case(text: str) -> None:
    cases = extract(text).cases
    assert [(c.patient.age_years, c.patient.sex) for c in cases] == [(45.0, "female"), (61.0, "male")]


def test_a_lower_case_duration_is_no_sex() -> None:
    text = "a 50-year-old man had hard nodules on the elbows. duration 5 years, mild pain. calcium normal."
    assert [(c.patient.age_years, c.patient.sex) for c in extract(text).cases] == [(50.0, "male")]


# ------------------------------------------ results in a text written in one case
# In capitals, "CALCIUM AND PHOSPHORUS LEVELS WERE 9.2 MG/DL AND 3.6 MG/DL" gave phosphate 9.2 mg/dL
# and no calcium (the list's "and" was read in lower case only), "CREATININE 612 ΜMOL/L" gave nothing
# (an upper-cased micro sign is a capital mu), and "CA 10.8 MG/DL, P 5.1 MG/DL" or "ca 10.8 mg/dl, p 5.1
# mg/dl" lost calcium and phosphate (a case-bound "Ca" and a letter "P" need their printed case).
def _labs(text: str) -> list[tuple[str, float | None]]:
    return [(lab.analyte, lab.value) for lab in first_case(text).labs]


RESPECTIVELY = (
    "A 51-year-old woman with dermatomyositis had hard nodules on the elbows. Calcium and phosphorus levels were "
    "9.2 mg/dL and 3.6 mg/dL, respectively."
)
SHORT_NAMES = (
    "A 62-year-old woman with limited scleroderma had chalky fingertip nodules. Ca 10.8 mg/dl, P 5.1 mg/dl, Cr 0.7."
)
MICRO = "A 58-year-old woman had tender plaques on the abdomen. Creatinine 612 µmol/L, calcium 2.2 mmol/L."


@pytest.mark.parametrize("case", [str, str.lower, str.upper], ids=["as-given", "lower", "upper"])
def test_results_read_alike_in_any_case(case: Callable[[str], str]) -> None:
    assert _labs(case(RESPECTIVELY)) == [("calcium", 9.2), ("phosphate", 3.6)]
    assert _labs(case(SHORT_NAMES)) == [("calcium", 10.8), ("phosphate", 5.1), ("creatinine", 0.7)]
    assert _labs(case(MICRO)) == [("creatinine", 612.0), ("calcium", 2.2)]


@pytest.mark.parametrize(
    "text",
    [
        "a 40-year-old woman had a nodule of ca. 5 cm on the thigh. calcium 9.4 mg/dl.",
        "a 40-year-old woman had nodules on the thighs (p 0.04 in the cohort). calcium 9.4 mg/dl.",
    ],
)
def test_a_lone_letter_or_ca_in_lower_case_is_no_result(text: str) -> None:
    assert _labs(text) == [("calcium", 9.4)]


# ------------------------------------------ an overdose named by the vitamin's own name
# "very high doses of cholecalciferol (50,000 IU daily for months)" read no exposure: only "vitamin D"
# was named in the excess-intake terms.
VITAMIN_BY_NAME = [
    "A 61-year-old woman took very high doses of cholecalciferol (50,000 IU daily for months) on her own. Her "
    "calcium was 14.2 mg/dL. She developed firm white papules around the knees.",
    "A 70-year-old man was admitted with ergocalciferol intoxication and a calcium of 13.9 mg/dL; firm papules "
    "appeared on his forearms.",
]


@pytest.mark.parametrize("text", VITAMIN_BY_NAME)
def test_an_overdose_of_the_vitamin_by_name_is_excess_intake(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case).get("vitamin_d_excess_intake") == "present"
    assert subtype == "metastatic"


def test_ordinary_cholecalciferol_is_no_excess() -> None:
    text = (
        "A 66-year-old woman with limited systemic sclerosis taking cholecalciferol 800 IU daily had calcinosis of "
        "the fingers. Calcium and phosphate were normal."
    )
    assert "vitamin_d_excess_intake" not in exposure_assertions(first_case(text))


# ------------------------------------------ a newborn named after the lesion; a skiagram
# A short report that opens on the lesion and names the baby after it ("A firm swelling on the left
# foot of a term neonate developed ...") introduced no patient: only the sentences naming "the
# newborn" were read, and the infusion, the lesion and the results were lost. "Skiagram" (a
# radiograph) named no imaging.
LESION_THEN_BABY = (
    "Iatrogenic calcinosis in a neonate\n"
    "A firm swelling on the dorsum of the left foot of a term neonate developed on the fourth day after a calcium "
    "gluconate infusion. The swelling became hard and white. The baby had been given the infusion for low ionised "
    "calcium (0.8 mmol/L) and seizures. A skiagram of the left foot showed subcutaneous calcification. Calcinosis "
    "after extravasation is a known complication of neonatal calcium therapy."
)


def test_a_baby_named_after_the_lesion_is_the_patient() -> None:
    case, subtype, _ = first_assessed(LESION_THEN_BABY)
    assert "iv_calcium" in exposure_assertions(case)
    assert [lab.analyte for lab in case.labs] == ["calcium_ionized"]
    assert "radiopaque_deposits" in {c for i in case.imaging for c in i.concepts}
    assert subtype == "iatrogenic"


def test_a_general_statement_about_newborns_introduces_no_one() -> None:
    text = (
        "Extravasation of calcium gluconate is a known complication in the care of a preterm newborn. Calcinosis "
        "cutis may follow and usually resolves."
    )
    assert extract(text).cases == []


# ------------------------------------------ a treatment that failed was given
# "His phosphate could not be controlled by maintenance dialysis" read the dialysis as absent: "not"
# negated what followed it. A treatment that did not control or did not help was given.
FAILED_TREATMENT = [
    "A 6-year-old boy with end-stage renal disease had hard nodules on the buttocks. His phosphate could not be "
    "controlled by maintenance dialysis and phosphate binders.",
    "A 9-year-old girl with end-stage renal disease had hard nodules on the knees. Her phosphate was not "
    "controlled by dialysis.",
]


@pytest.mark.parametrize("text", FAILED_TREATMENT)
def test_a_treatment_that_did_not_control_it_was_given(text: str) -> None:
    assert assertions(first_case(text)).get("dialysis") == "present"


def test_a_dialysis_not_started_is_still_absent() -> None:
    text = "A 70-year-old man with stage 4 chronic kidney disease, not on dialysis, had painful ulcers on the thighs."
    assert assertions(first_case(text)).get("dialysis") == "absent"


# ------------------------------------------ a result that returned to normal after a treatment
# "Parathyroidectomy rapidly returned the serum calcium and phosphate levels to normal" was read as a
# normal calcium and phosphate at presentation: the metabolic cause the treatment corrected was
# taken away.
RETURNED_TO_NORMAL = [
    "A 40-year-old man on dialysis had hard nodules on the fingers. Parathyroidectomy rapidly returned the serum "
    "calcium and phosphate levels to normal.",
    "A 40-year-old man on dialysis had hard nodules on the fingers. After parathyroidectomy his calcium and "
    "phosphate came back to normal.",
]


@pytest.mark.parametrize("text", RETURNED_TO_NORMAL)
def test_a_result_back_to_normal_after_treatment_is_no_presentation_result(text: str) -> None:
    assert [(lab.analyte, lab.interpretation) for lab in first_case(text).labs] == []


def test_the_values_before_the_treatment_stay() -> None:
    text = (
        "A 40-year-old man on dialysis had hard nodules on the fingers. Calcium 11.2 mg/dL, phosphate 8.1 mg/dL. "
        "After parathyroidectomy, his calcium and phosphate levels returned to normal."
    )
    labs = [(lab.analyte, lab.interpretation) for lab in first_case(text).labs]
    assert labs == [("calcium", "high"), ("phosphate", "high")]


def test_normal_values_at_presentation_stay_normal() -> None:
    text = "A 40-year-old woman with lupus had hard nodules on the buttocks. Calcium and phosphate were normal."
    labs = [(lab.analyte, lab.interpretation) for lab in first_case(text).labs]
    assert labs == [("calcium", "normal"), ("phosphate", "normal")]


# ------------------------------------------ black ulcers are necrotic
# A referral letter for a woman on haemodialysis and warfarin with "painful black ulcers on both
# calves" was metastatic (possible): a black ulcer was only an ulcer, and "black" between "painful"
# and "ulcers" broke the painful ulcer, so calciphylaxis's picture was missed.
BLACK_ULCERS = [
    "Dear colleague, thank you for seeing Mrs A, 71, who has painful black ulcers on both calves. She has been on "
    "haemodialysis for 5 years and takes warfarin for a mechanical valve. I wonder about calciphylaxis.",
    "A 64-year-old man on haemodialysis has had black ulcers on the thighs for two weeks; they are extremely painful.",
]


@pytest.mark.parametrize("text", BLACK_ULCERS)
def test_black_ulcers_on_dialysis_are_calciphylaxis_picture(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert "necrotic_ulcer" in assertions(case)
    assert subtype == "calciphylaxis"


# ------------------------------------------ a nodule at the site of an earlier operation
# "a firm nodule in the breast ... at the site of a previous surgical biopsy" was idiopathic: the
# earlier operation's site named no surgery.
EARLIER_OPERATION = [
    "A 30-year-old woman presented with a firm, 2 cm nodule in the left breast containing coarse calcifications on "
    "mammography. It had developed at the site of a previous surgical biopsy. Calcium and phosphate were normal.",
    "A 52-year-old man had a hard papule on the back at the site of a prior excision of a cyst. Calcium and "
    "phosphate were normal. Histology showed dermal calcium deposits.",
]


@pytest.mark.parametrize("text", EARLIER_OPERATION)
def test_a_nodule_at_an_earlier_operation_site_is_dystrophic(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case).get("surgery_at_site") == "present"
    assert subtype == "dystrophic"


def test_the_current_biopsy_site_is_no_earlier_operation() -> None:
    text = (
        "A 40-year-old man had a hard papule on the back. A punch biopsy showed dermal calcium deposits; the biopsy "
        "site healed well. Calcium and phosphate were normal."
    )
    assert "surgery_at_site" not in exposure_assertions(first_case(text))


# ------------------------------------------ a baby's age in a note after "is a"
# "Pt is a 4 mo F, former 27-wk preemie, w/ firm erythematous nodule R heel" gave no age and no sex:
# a note's "4 mo F" was read only at a line's start or after a label.
@pytest.mark.parametrize(
    ("text", "years"),
    [
        (
            "Pt is a 4 mo F, former 27-wk preemie, w/ firm erythematous nodule R heel. NICU course c/b heel sticks.",
            0.3333,
        ),
        ("She is a 6 wk F with a white plaque on the dorsum of the right hand after an infusion.", 0.115),
    ],
)
def test_a_babys_note_age_after_is_a(text: str, years: float) -> None:
    patient = first_case(text).patient
    assert (patient.age_years, patient.sex) == (pytest.approx(years, abs=1e-3), "female")


# ------------------------------------------ an antibody printed with its sign
# "Dermatomyositis (anti-NXP2+)" read no antibody result, and in a problem list "(anti-NXP2+), 2)
# calcinosis" read the list's next number as its value: the plus sign after a qualitative test's
# name is its positive result.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Problem list: 1) Dermatomyositis (anti-NXP2+), 2) calcinosis cutis of elbows and buttocks, 3) ILD. "
            "Labs: Ca 9.4, P 3.9.",
            ("anti_nxp2", None, "high"),
        ),
        ("A 48-year-old woman with SSc: ANA (+), calcinosis of the fingers.", ("ana", None, "high")),
        (
            "A 48-year-old woman with SSc and anti-Scl-70 +ve had calcinosis of the fingers.",
            ("anti_scl70", None, "high"),
        ),
    ],
)
def test_a_plus_sign_after_an_antibody_is_positive(text: str, expected: tuple[str, None, str]) -> None:
    labs = [(lab.analyte, lab.value, lab.interpretation) for lab in first_case(text).labs]
    assert labs[0] == expected


def test_a_calcium_ion_is_no_antibody() -> None:
    text = "A 60-year-old man on dialysis had calcinosis of the fingers; Ca2+ 1.41 mmol/L."
    labs = [(lab.analyte, lab.value) for lab in first_case(text).labs]
    assert labs == [("calcium_ionized", 1.41)]


# ------------------------------------------ an image report of one patient: the captions are hers
# "Clinical images. A 70-year-old woman on warfarin with normal renal function. Figure 1: stellate
# purpuric plaques with central necrosis on both thighs. Figure 2: biopsy showing calcification of
# subcutaneous arterioles (von Kossa)." was undetermined: captions were never read, so the lesions and
# the biopsy were lost.
IMAGE_REPORT = (
    "Clinical images. A 70-year-old woman on warfarin with normal renal function.\n"
    "Figure 1: stellate purpuric plaques with central necrosis on both thighs.\n"
    "Figure 2: biopsy showing calcification of subcutaneous arterioles (von Kossa).\n"
)


def test_the_captions_of_a_one_patient_report_are_hers() -> None:
    case, subtype, _ = first_assessed(IMAGE_REPORT)
    assert "vascular_calcification_histology" in histology_concepts(case)
    assert subtype == "calciphylaxis"


@pytest.mark.parametrize(
    "caption",
    [
        "Figure 3: calcified arterioles in a 60-year-old man on dialysis from another series.",
        "Figure 3: algorithm for the work-up of suspected calciphylaxis.",
    ],
)
def test_a_caption_about_someone_else_or_a_scheme_is_not_hers(caption: str) -> None:
    text = (
        "Clinical images. A 70-year-old woman with limited systemic sclerosis had hard nodules on the fingertips. "
        "Calcium and phosphate were normal.\n" + caption + "\n"
    )
    case, subtype, _ = first_assessed(text)
    assert "vascular_calcification_histology" not in histology_concepts(case)
    assert "dialysis" not in assertions(case)
    assert subtype == "dystrophic"


def test_captions_of_a_two_patient_report_stay_out() -> None:
    text = (
        "Case 1\nA 45-year-old woman with lupus had hard nodules on the buttocks.\n"
        "Case 2\nA 62-year-old man on haemodialysis had painful plaques on the thighs.\n"
        "Figure 1: calcification of subcutaneous arterioles.\n"
    )
    cases = extract(text).cases
    assert len(cases) == 2
    assert all("vascular_calcification_histology" not in histology_concepts(c) for c in cases)


# ------------------------------------------ a note's "biopsy: calciphylaxis"
# "Patient A: 62-year-old woman, haemodialysis for 8 years, painful necrotic plaques on both thighs;
# biopsy: calciphylaxis." left the biopsy unread (probable): a note's result written after a colon
# named no histology.
@pytest.mark.parametrize(
    "text",
    [
        "• Patient A: 62-year-old woman, haemodialysis for 8 years, painful necrotic plaques on both thighs, PTH 980 "
        "pg/mL; biopsy: calciphylaxis.",
        "58F, ESRD on HD, painful retiform purpura of the thighs. Bx: c/w calciphylaxis.",
    ],
)
def test_a_notes_biopsy_result_after_a_colon_is_read(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert "calciphylaxis_histology_reported" in histology_concepts(case)
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")


@pytest.mark.parametrize(
    "text",
    [
        "58F, ESRD on HD, painful retiform purpura of the thighs. Bx: pending to exclude calciphylaxis.",
        "58F, ESRD on HD, painful retiform purpura of the thighs. Biopsy: calciphylaxis?",
    ],
)
def test_a_pending_or_questioned_biopsy_confirms_nothing(text: str) -> None:
    case, _, certainty = first_assessed(text)
    assert "calciphylaxis_histology_reported" not in histology_concepts(case)
    assert certainty != "confirmed"


# ------------------------------------------ ages written by authors whose English is a second language
# "Patient (female, 45 years) presented ..." and "a 45 years female" (or "a 45 years aged female") gave
# no age.
@pytest.mark.parametrize(
    "text",
    [
        "Patient (female, 45 years) presented with hard nodules on the elbows. Calcium was normal.",
        "Mrs. X, a 45 years female, came with hard nodules on the elbows. Calcium was normal.",
        "Our patient was a 45 years aged female with hard nodules on the elbows. Calcium was normal.",
    ],
)
def test_an_age_in_years_with_the_sex_noun(text: str) -> None:
    patient = first_case(text).patient
    assert (patient.age_years, patient.sex) == (45.0, "female")


def test_a_span_of_years_before_a_noun_is_no_age() -> None:
    text = "A 50-year-old woman had hard nodules. Over the 5 years female relatives were examined."
    assert first_case(text).patient.age_years == 50.0


# ------------------------------------------ intravenous sodium or potassium phosphate
# "received intravenous sodium phosphate for hypophosphataemia" named no phosphate infusion: only
# "sodium phosphate infusion" was a term.
def test_intravenous_sodium_phosphate_is_a_phosphate_infusion() -> None:
    text = (
        "An 8-year-old boy received intravenous sodium phosphate for hypophosphataemia; the infusion extravasated on "
        "the dorsum of the right hand, where a hard nodule formed. X-ray showed calcification."
    )
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case).get("iv_phosphate") == "present"
    assert subtype == "iatrogenic"


# ------------------------------------------ a relative who shares the patient's clause
# "A 45-year-old woman and her 48-year-old husband were both seen for hard nodules on the ears" made
# the woman's own nodules her husband's (family): the relative with a possessive was the clause's
# subject, though "both" says the clause is hers too.
def test_a_relative_sharing_the_clause_leaves_the_patients_facts_hers() -> None:
    text = (
        "A 45-year-old woman and her 48-year-old husband were both seen for hard nodules on the ears after ear "
        "piercing. Calcium and phosphate were normal in both."
    )
    case, subtype, _ = first_assessed(text)
    assert assertions(case)["firm_white_yellow_papules"] == "present"
    assert subtype == "dystrophic"


def test_a_relatives_own_disease_stays_the_relatives() -> None:
    text = "A 45-year-old woman had hard nodules on the ears. Her mother had systemic lupus erythematosus."
    assert assertions(first_case(text))["systemic_lupus_erythematosus"] == "family"


# ------------------------------------------ non-uremic calciphylaxis held back only by its setting
# Obesity, diabetes and primary hyperparathyroidism with normal kidneys, retiform purpura and indurated
# plaques with a black eschar on the thighs, and no calcium measured: the call was metastatic
# (possible), the only unblocked candidate, though the lesion weighed against it and calciphylaxis was
# held back only by its setting (minor risk factors). Now undetermined, both alternatives, the biopsy
# deciding. "Massive weight loss" is the rapid weight loss the knowledge lists as a risk factor.
NON_UREMIC = (
    "A 58-year-old woman presented with a 3-month history of painful skin lesions on her thighs. She had obesity "
    "(BMI 41), type 2 diabetes and primary hyperparathyroidism, and massive weight loss after bariatric surgery. "
    "Creatinine was normal. Examination showed retiform purpura and indurated plaques with a central black eschar."
)


def test_a_calciphylaxis_picture_held_back_by_its_setting_is_undetermined() -> None:
    case, subtype, _ = first_assessed(NON_UREMIC)
    assert subtype == "undetermined"
    assert {a.code for a in case.assessment.alternatives} >= {"calciphylaxis", "metastatic"}
    assert assertions(case).get("rapid_weight_loss") == "present"


def test_metastatic_with_deposits_shown_stays_metastatic() -> None:
    text = (
        "A 58-year-old woman with primary hyperparathyroidism (calcium 12.9 mg/dL) had firm white papules on the "
        "thighs discharging chalky material. Creatinine was normal."
    )
    assert first_assessed(text)[1] == "metastatic"


# ------------------------------------------ a case summary written as a form
# "Case summary / Age/sex: 66/F / Background: ESRD on HD (8 y), T2DM, AF on warfarin / Presentation:
# painful necrotic ulcers ..." was read as an article: "Background:" opened an introduction, and the
# dialysis, the warfarin and the ulcers were dropped (non-uremic calciphylaxis, possible).
CASE_SUMMARY = """Case summary
Age/sex: 66/F
Background: ESRD on HD (8 y), T2DM, AF on warfarin
Presentation: painful necrotic ulcers, both calves, 4 weeks
Labs: Ca 2.45 mmol/L; PO4 2.1 mmol/L; PTH 88 pmol/L
Histology: medial calcification of small arterioles, intimal hyperplasia, thrombi
"""


def test_a_case_summary_form_is_one_patients_note() -> None:
    case, subtype, certainty = first_assessed(CASE_SUMMARY)
    assert {"dialysis", "necrotic_ulcer"} <= set(assertions(case))
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")
    assert case.assessment.subform is not None and case.assessment.subform.code == "calciphylaxis_uremic"


# ------------------------------------------ a letter that opens on another report's patient
# "To the Editor: We read with interest the report by Smith et al. describing calciphylaxis in a
# 60-year-old woman on dialysis. We wish to report ... A 54-year-old man with normal renal function
# ..." gave the man dialysis and uremic calciphylaxis: the opening line was taken for a title naming
# the patient ("in a 60-year-old woman on dialysis").
LETTER = (
    "To the Editor: We read with interest the report by Smith et al. describing calciphylaxis in a 60-year-old "
    "woman on dialysis. We wish to report a similar but instructive case. A 54-year-old man with normal renal "
    "function and alcoholic liver disease presented with painful retiform purpura on both thighs. He was not "
    "taking warfarin. A deep biopsy showed calcification of subcutaneous arterioles with thrombosis. Calcium and "
    "phosphate were normal."
)


def test_a_letter_citing_another_report_gives_its_patient_nothing() -> None:
    case, subtype, _ = first_assessed(LETTER)
    assert "dialysis" not in assertions(case)
    assert subtype == "calciphylaxis"
    assert case.assessment.subform is not None and case.assessment.subform.code == "calciphylaxis_nonuremic"


def test_a_title_naming_the_patient_still_gives_its_facts() -> None:
    text = (
        "Calciphylaxis in a 60-year-old woman on dialysis\n\nA 60-year-old woman had painful retiform purpura on "
        "the thighs. Biopsy confirmed calciphylaxis."
    )
    assert "dialysis" in assertions(first_assessed(text)[0])
