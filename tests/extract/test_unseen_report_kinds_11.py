"""Kinds of phrasing and clinical rules from an eleventh set of published reports the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.assess.model import AssessedCase
from calcidx.public import assess, extract
from tests.extract.reading import first_assessed


def _present(case: AssessedCase) -> set[str]:
    return {f.concept for f in case.findings if f.assertion == "present"}


# ------------------------------------------------ a disease named by its kidney involvement names it
# "Lupus nephritis" was read as glomerular disease only: a pregnant woman with lupus nephritis, positive
# anti-dsDNA and calcified nodules with normal calcium and phosphate was called idiopathic, probable.
# Lupus nephritis is a complication of SLE, and diabetic nephropathy a kidney disease of diabetes
# (a calciphylaxis risk factor): the name tells both.
LUPUS_NEPHRITIS = [
    "A 34-year-old woman at 28 weeks' gestation with lupus nephritis developed firm calcified nodules on the "
    "buttocks. Calcium and phosphate were normal.",
    "A woman of 29 with class IV lupus nephritis had hard white papules on both elbows. Serum calcium and "
    "phosphorus were within normal limits.",
    "A 41-year-old woman, known to have lupus glomerulonephritis, presented with chalky nodules on the thighs; "
    "calcium and phosphate were normal.",
]


@pytest.mark.parametrize("text", LUPUS_NEPHRITIS)
def test_lupus_nephritis_is_lupus_and_its_calcinosis_dystrophic(text: str) -> None:
    case, code, _ = first_assessed(text)
    assert {"systemic_lupus_erythematosus", "glomerular_disease"} <= _present(case)
    assert code == "dystrophic"


@pytest.mark.parametrize(
    "text",
    [
        "A 58-year-old man on peritoneal dialysis for diabetic nephropathy had a painful black eschar on the abdomen.",
        "A 66-year-old woman with diabetic kidney disease on haemodialysis had painful retiform purpura on the thighs.",
    ],
)
def test_diabetic_nephropathy_records_diabetes(text: str) -> None:
    case, code, _ = first_assessed(text)
    assert {"diabetes", "glomerular_disease"} <= _present(case)
    assert code == "calciphylaxis"


def test_plain_nephritis_is_no_lupus() -> None:
    case, _, _ = first_assessed(
        "A 50-year-old man with IgA nephropathy had hard nodules on the knees. Calcium and phosphate were normal."
    )
    assert "systemic_lupus_erythematosus" not in _present(case)
    assert "diabetes" not in _present(case)


# ------------------------------------- a disease-specific autoantibody without a named disease
# Fingertip nodules with normal labs, a positive anti-centromere antibody and cold-induced colour
# changes of the fingers (a limited systemic sclerosis picture, told without naming it) were called
# idiopathic, probable. A disease-specific antibody of the classification criteria makes dystrophic
# possible (subtype.dystrophic.ctd) and holds back the idiopathic call; a positive ANA alone does not.
SPECIFIC_ANTIBODY = [
    "A 44-year-old woman had firm white nodules on the fingertips for a year. Serum calcium and phosphate were "
    "normal. ANA was positive at 1:640 and anti-centromere antibodies were positive.",
    "A 38-year-old woman had hard nodules on the forearms. Calcium and phosphate were normal. ANA and anti-dsDNA "
    "were positive. Biopsy showed dermal calcium deposits.",
    "A 52-year-old man had hard papules over the knuckles; calcium and phosphate were normal and anti-Scl-70 "
    "antibodies were positive.",
    "A 47-year-old woman had hard nodules on the thighs with normal calcium and phosphate; anti-NXP2 antibodies "
    "were positive.",
]


@pytest.mark.parametrize("text", SPECIFIC_ANTIBODY)
def test_a_disease_specific_antibody_is_no_idiopathic_calcinosis(text: str) -> None:
    _, code, certainty = first_assessed(text)
    assert (code, certainty) == ("dystrophic", "possible")


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old man had hard nodules on the knees. Calcium and phosphate were normal. ANA was positive at 1:80.",
        "A 44-year-old woman had firm white nodules on the thighs. Calcium and phosphate were normal; anti-centromere "
        "antibodies were negative.",
    ],
)
def test_a_positive_ana_alone_or_a_negative_antibody_leaves_idiopathic(text: str) -> None:
    _, code, _ = first_assessed(text)
    assert code == "idiopathic"


@pytest.mark.parametrize(
    "words",
    [
        "cold-induced colour changes of the fingers",
        "cold-induced color changes in her hands",
        "triphasic colour changes",
    ],
)
def test_raynaud_phenomenon_told_by_its_colour_changes(words: str) -> None:
    case, _, _ = first_assessed(f"A 46-year-old woman with firm nodules on the fingertips reported {words}.")
    assert "raynaud_phenomenon" in _present(case)


# ---------------------------------------------- "A was normal and B was high": each test its own state
# The state of the first test, said with its verb ("was normal"), was taken for the word that opens
# the next test, so "Calcium was normal and phosphate was high" read calcium high and phosphate
# normal, and "Calcium was normal and ANA was positive" read a normal ANA and lost the calcium.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Calcium was normal and phosphate was high.", {"calcium": "normal", "phosphate": "high"}),
        ("Calcium was normal and ANA was positive.", {"calcium": "normal", "ana": "high"}),
        (
            "Calcium and phosphate were normal and anti-Scl-70 antibodies were positive.",
            {"calcium": "normal", "phosphate": "normal", "anti_scl70": "high"},
        ),
        ("Calcium remained normal and PTH was elevated.", {"calcium": "normal", "pth": "high"}),
        # controls: the order reversed, and a state word that does open the next test
        ("Phosphate was high and calcium was normal.", {"phosphate": "high", "calcium": "normal"}),
        ("He had normal calcium and raised phosphate.", {"calcium": "normal", "phosphate": "high"}),
    ],
)
def test_each_test_keeps_the_state_said_with_its_verb(sentence: str, expected: dict[str, str]) -> None:
    labs = extract(f"A 50-year-old man had hard papules on the elbows. {sentence}").cases[0].labs
    assert {lab.analyte: lab.interpretation for lab in labs} == expected


# -------------------------------------------------------- a form's pregnancy field answered no
# "Pregnant: no." at the end of a 72-year-old woman's note made her pregnant (the bare word opens a
# list item), and bisphosphonates were withheld for pregnancy. A field answered no, negative or N
# says she is not; a question with no answer of its own ("Pregnant?") says nothing.
NOTE = "Patient 32F. PMH: ESRD on HD. Painful indurated plaques on the abdomen. "


@pytest.mark.parametrize(
    ("field", "pregnant", "lactating"),
    [
        ("Pregnant: no.", False, None),
        ("Pregnant - No", False, None),
        ("Pregnancy: negative.", False, None),
        ("Pregnant? No.", False, None),
        ("Pregnant: N", False, None),
        ("Breastfeeding: no.", None, False),
        ("Breastfeeding: yes (baby 2 months). Pregnant: no.", False, True),
        ("Pregnant?", None, None),
        # controls: the field answered yes, and "pregnant" as a list item
        ("Pregnant: yes (24 weeks).", True, None),
        ("Pregnant? Yes.", True, None),
        ("Currently pregnant, no other illness.", True, None),
    ],
)
def test_a_pregnancy_field_says_what_its_answer_says(field: str, pregnant: bool | None, lactating: bool | None) -> None:
    patient = extract(NOTE + field).cases[0].patient
    assert (patient.pregnant, patient.lactating) == (pregnant, lactating)


def test_a_pregnancy_field_answered_no_withholds_nothing_for_pregnancy() -> None:
    case = assess(
        "Patient 72F. PMH: ESRD on HD, DM2. Painful indurated plaques on the abdomen with a central black eschar. "
        "Pregnant: no."
    ).cases[0]
    assert case.patient.pregnant is False
    assert case.assessment.subtype.code == "calciphylaxis"
    # bisphosphonates are withheld in pregnancy (fetal harm), not for this woman
    assert "bisphosphonates_calciphylaxis" in {t.id for t in case.assessment.treatments}


# --------------------------------------------------------- lesions at the port an infusion ran through
# Calcium given through a port in the right chest, and papules "around the port" or "at the port
# site": the lesion took no site, so the iatrogenic call stayed possible ("site not recorded").
@pytest.mark.parametrize(
    "where",
    [
        "The port site became swollen and indurated, and hard white papules formed around the port.",
        "Two weeks later hard white papules appeared at the port site.",
        "Firm white plaques developed at the site of the port ten days later.",
    ],
)
def test_lesions_at_the_port_are_at_the_infusion_site(where: str) -> None:
    case, code, certainty = first_assessed(
        f"A 35-year-old woman received calcium gluconate through a port in the right chest. {where}"
    )
    assert [lesion.site for lesion in case.lesions] == ["right chest"]
    assert (code, certainty) == ("iatrogenic", "probable")


# ------------------------------------------- the person introduced with the disease, a phrase between
# "A 50-year-old man on hemodialysis with calciphylaxis ..." stated nothing (the person's "with" had to
# follow the noun), nor did "a woman with dermatomyositis-associated calcinosis was trying to conceive"
# (a "was" after the disease was read as a statement about the disease). The first was called
# metastatic from the dialysis, the second undetermined.
@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("A 50-year-old man on hemodialysis with calciphylaxis had a history of sulfite allergy.", "calciphylaxis"),
        ("A 70-year-old man on haemodialysis with calciphylaxis of the thighs was taking warfarin.", "calciphylaxis"),
        ("A 64-year-old woman receiving peritoneal dialysis with calciphylaxis was admitted.", "calciphylaxis"),
        ("A 30-year-old woman with dermatomyositis-associated calcinosis was trying to conceive.", "dystrophic"),
        ("A 41-year-old woman with calcinosis cutis was referred to our clinic.", None),
    ],
)
def test_a_person_with_the_disease_states_it(text: str, stated: str | None) -> None:
    case = assess(text).cases[0]
    got = case.assessment.stated
    assert (got.subtype if got is not None else None) == stated
    if stated is not None:
        assert case.assessment.subtype.code == stated


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man with calciphylaxis was considered, but the biopsy showed vasculitis.",
        "A 58-year-old man on haemodialysis with suspected calciphylaxis had painful plaques on the thighs.",
    ],
)
def test_a_disease_in_doubt_states_nothing(text: str) -> None:
    stated = assess(text).cases[0].assessment.stated
    assert stated is None or stated.subtype != "calciphylaxis"


@pytest.mark.parametrize(
    "dx", ["calciphylaxis of the thighs (biopsy pending)", "calciphylaxis of the calves (suspected)"]
)
def test_a_person_with_a_disease_awaiting_proof_states_nothing(dx: str) -> None:
    stated = assess(f"A 68-year-old man on haemodialysis with {dx}.").cases[0].assessment.stated
    assert stated is None or stated.subtype is None


# ---------------------------------------------------- septal panniculitis is not the lobular kind
# Tender red nodules on the shins with "septal panniculitis without calcification" on biopsy (the
# picture of erythema nodosum) were read as lobular panniculitis, a cause of dystrophic calcinosis:
# dystrophic, possible, with calcinosis treatments. Septal panniculitis names no calcifying disease.
def test_septal_panniculitis_is_no_cause_of_calcinosis() -> None:
    case, code, _ = first_assessed(
        "A 63-year-old man had tender red nodules on both shins for 2 weeks after a sore throat. Biopsy showed "
        "septal panniculitis without calcification."
    )
    assert "panniculitis" not in _present(case)
    assert code != "dystrophic"


def test_control_lobular_panniculitis_is_still_read() -> None:
    case, _, _ = first_assessed(
        "A 45-year-old woman had hard nodules on the thighs. Biopsy showed a lobular panniculitis with calcification."
    )
    assert "panniculitis" in _present(case)


# ------------------------------------------------ "small- and medium-sized vessels" on the biopsy
# A size word that leaves its hyphen for the next ("small- and medium-sized") broke the vessel phrase,
# so calcium deposits in the vessel walls were not read and calciphylaxis stayed probable.
@pytest.mark.parametrize(
    "biopsy",
    [
        "A punch biopsy demonstrated extensive calcium deposition within the walls of small- and medium-sized "
        "vessels of the subcutaneous fat.",
        "Histology showed calcification of small- and medium-sized arterioles in the subcutis.",
    ],
)
def test_vessel_calcification_with_a_suspended_hyphen(biopsy: str) -> None:
    case, code, certainty = first_assessed(
        "A 74-year-old woman on haemodialysis had exquisitely tender indurated violaceous plaques with retiform "
        f"purpura and a central eschar on the abdomen. {biopsy}"
    )
    assert any("vascular_calcification_histology" in record.concepts for record in case.histology)
    assert (code, certainty) == ("calciphylaxis", "confirmed")


# ------------------------------------------ a working diagnosis of calciphylaxis that a biopsy overturned
# "The working diagnosis was calciphylaxis; however, the biopsy revealed pyoderma gangrenosum." was the
# stated diagnosis, and the pathway adopted it over the mimic rule that held calciphylaxis back:
# calciphylaxis, possible, with sodium thiosulfate offered. A working, provisional or presumptive
# diagnosis states nothing, and a stated calciphylaxis never lifts a call that a mimic not excluded
# (or a biopsy against it) holds back: it stays an alternative, with a warning.
def test_a_working_diagnosis_overturned_by_the_biopsy_is_no_call() -> None:
    a = (
        assess(
            "A 70-year-old woman with diabetes on warfarin had a painful ulcer on the shin. The working diagnosis was "
            "calciphylaxis; however, the biopsy revealed pyoderma gangrenosum."
        )
        .cases[0]
        .assessment
    )
    assert a.subtype.code != "calciphylaxis"
    assert "iv_sts_calciphylaxis" not in {t.id for t in a.treatments}
    assert "calciphylaxis" in {alt.code for alt in a.alternatives}


@pytest.mark.parametrize("word", ["provisional", "working", "presumptive"])
def test_a_provisional_diagnosis_states_nothing(word: str) -> None:
    stated = (
        assess(
            f"A 70-year-old woman on dialysis had a painful ulcer on the shin. The {word} diagnosis was calciphylaxis."
        )
        .cases[0]
        .assessment.stated
    )
    assert stated is None or stated.subtype is None


def test_control_a_clinical_diagnosis_is_stated() -> None:
    stated = (
        assess(
            "A 70-year-old woman on dialysis had a painful ulcer on the shin. The clinical diagnosis was calciphylaxis."
        )
        .cases[0]
        .assessment.stated
    )
    assert stated is not None and stated.subtype == "calciphylaxis"


def test_a_stated_calciphylaxis_held_back_by_a_mimic_stays_an_alternative() -> None:
    a = (
        assess(
            "A 66-year-old man on haemodialysis had painful ulcers on the legs. Diagnosis: calciphylaxis. The biopsy "
            "showed leukocytoclastic vasculitis, and von Kossa staining was negative."
        )
        .cases[0]
        .assessment
    )
    assert a.subtype.code != "calciphylaxis"
    assert any(w.code == "stated_diagnosis_differs" for w in a.warnings)


# ------------------------------------------------------------- "Rather than X, Y": only X is denied
def test_rather_than_denies_only_up_to_the_comma() -> None:
    case, _, _ = first_assessed(
        "A 48-year-old man on peritoneal dialysis had necrotic ulcers on the fingertips. Rather than calciphylaxis, "
        "cholesterol embolism after coronary angiography was diagnosed; the biopsy showed cholesterol clefts."
    )
    assert "cholesterol_emboli" in _present(case)


def test_control_rather_than_still_denies_what_follows_it() -> None:
    case, _, _ = first_assessed(
        "A 60-year-old woman had hard nodules on the elbows; the picture suggested calcinosis rather than gout."
    )
    assert "gout" not in _present(case)


# --------------------------------------------------- a binder switch needs a high phosphate
# "Switch calcium-based binders to non-calcium binders" was offered to a calciphylaxis patient on no
# binder with a normal phosphate (and to a transplant recipient with a low one). A phosphate binder is
# for a high phosphate: otherwise the option is withheld with the reason.
def test_the_binder_switch_is_withheld_with_a_normal_phosphate() -> None:
    a = (
        assess(
            "A 61-year-old man on haemodialysis with painful retiform purpura on the thighs had calcium 8.9 mg/dL, "
            "phosphate 3.1 mg/dL and PTH 45 pg/mL. He took no phosphate binders."
        )
        .cases[0]
        .assessment
    )
    assert a.subtype.code == "calciphylaxis"
    assert "non_calcium_binders_calciphylaxis" not in {t.id for t in a.treatments}
    assert "non_calcium_binders_calciphylaxis" in {t.id for t in a.withheld_treatments}


def test_control_the_binder_switch_is_offered_with_a_high_phosphate() -> None:
    a = (
        assess(
            "A 59-year-old woman on hemodialysis with painful retiform purpura on the abdomen took calcium acetate "
            "667 mg with meals. Phosphate 7.4 mg/dL."
        )
        .cases[0]
        .assessment
    )
    assert "non_calcium_binders_calciphylaxis" in {t.id for t in a.treatments}


# ------------------------------------------------ a letter's own patient after "... by Smith et al."
# "We read with interest the report by Smith et al. A 70-year-old man on haemodialysis developed ..."
# made one sentence ("et al." never ended one), read as a citation line: the letter's patient was
# dropped ("no sentence describes a patient"). After "et al." the authors' or the patient's sentence
# ("We ...", "A 70-year-old ...") opens a sentence of its own; a cited title does not.
@pytest.mark.parametrize(
    "letter",
    [
        "Sir, we read with interest the report of calciphylaxis by Smith et al. A 70-year-old man on haemodialysis "
        "developed painful indurated plaques with necrosis on the abdomen. Biopsy confirmed calciphylaxis.",
        "Letter to the editor\nSir, we read with interest the report of calciphylaxis by Smith et al. We wish to "
        "describe a similar patient: a 70-year-old man on haemodialysis who developed painful indurated plaques "
        "with necrosis on the abdomen. Biopsy confirmed calciphylaxis.",
    ],
)
def test_the_patient_of_a_letter_after_a_citation_is_read(letter: str) -> None:
    document = assess(letter)
    assert len(document.cases) == 1
    assert document.cases[0].patient.age_years == 70
    assert document.cases[0].assessment.subtype.code == "calciphylaxis"


def test_control_a_cited_title_after_et_al_stays_in_its_reference() -> None:
    text = (
        "A 52-year-old woman with limited systemic sclerosis had calcinosis of the fingertips. Calcium and "
        "phosphate were normal.\n\nReferences\n1. Smith J, Jones K, et al. A case of calciphylaxis in a young man. "
        "J Am Acad Dermatol. 2010;62:1-5."
    )
    case = assess(text).cases[0]
    assert case.assessment.subtype.code == "dystrophic"
    assert case.assessment.stated is None or case.assessment.stated.subtype != "calciphylaxis"


# ----------------------------------------------------------- a calcium binder named by its brand
# "Meds: Coumadin, PhosLo 667 mg TID, Rocaltrol" read the warfarin and the calcitriol but not the
# calcium acetate: the calciphylaxis patient was not told to review her calcium-based binder.
@pytest.mark.parametrize("brand", ["PhosLo 667 mg TID", "Phoslyra 667 mg/5 mL with meals"])
def test_a_calcium_acetate_brand_is_a_calcium_based_binder(brand: str) -> None:
    case = assess(
        f"A 66-year-old man on HD with painful retiform purpura of the thighs. Meds: Coumadin 5 mg daily, {brand}. "
        "Phos 7.0."
    ).cases[0]
    assert "calcium_based_binders" in {e.concept for e in case.exposures}
    assert any("calcium-based phosphate binders" in action.action for action in case.assessment.actions)


# ------------------------------------------------- "vaginal delivery" is how the baby was born
# The body-word fallback for sex read "a newborn delivered by traumatic vaginal delivery" as a girl.
def test_a_vaginal_delivery_gives_the_newborn_no_sex() -> None:
    patient = (
        extract(
            "A 4-day-old newborn delivered by traumatic vaginal delivery developed firm, red-purple subcutaneous "
            "nodules on the back and buttocks."
        )
        .cases[0]
        .patient
    )
    assert patient.sex is None


def test_control_a_female_body_word_still_gives_the_sex() -> None:
    assert extract("A 50-year-old patient had hard nodules on the vulva.").cases[0].patient.sex == "female"


# --------------------------------------------------- "diagnosed clinically with": the adverb after
@pytest.mark.parametrize(
    ("text", "stated"),
    [
        (
            "A 68-year-old woman on haemodialysis had painful necrotic ulcers on the thighs. She was diagnosed "
            "clinically with calciphylaxis and treated with sodium thiosulfate.",
            "calciphylaxis",
        ),
        (
            "A 50-year-old man was diagnosed histologically as having dystrophic calcinosis cutis of the elbow.",
            "dystrophic",
        ),
    ],
)
def test_diagnosed_with_an_adverb_after_the_verb_is_stated(text: str, stated: str) -> None:
    got = assess(text).cases[0].assessment.stated
    assert got is not None and got.subtype == stated


# ------------------------------------------------- "at the sites of previous ... injections"
# Calcified nodules "at the sites of previous subcutaneous insulin injections" read the insulin as a
# medication only (a minor calciphylaxis risk factor), not the injection sites: undetermined.
@pytest.mark.parametrize(
    "where",
    ["the sites of previous subcutaneous insulin injections", "the sites of previous intramuscular injections"],
)
def test_nodules_at_previous_injection_sites_are_an_injury_at_the_site(where: str) -> None:
    case, code, _ = first_assessed(
        f"A 58-year-old man had calcified nodules on the thighs at {where}. Calcium and phosphate were normal."
    )
    assert "injection_site_injury" in {e.concept for e in case.exposures}
    assert code == "dystrophic"


def test_a_gunshot_wound_is_trauma_at_the_site() -> None:
    case, code, _ = first_assessed(
        "A 54-year-old man had a long-standing hard plaque within a scar from a gunshot wound on the thigh. X-ray "
        "showed calcification in the scar. Calcium and phosphate were normal."
    )
    assert "local_trauma" in {e.concept for e in case.exposures}
    assert code == "dystrophic"
