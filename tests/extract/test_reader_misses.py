"""Kinds of phrasing the reader used to miss, each in several paraphrases of the project's own words.

Every kind has negative controls: the same words where they must not give the fact (a literature
sentence is not the stated diagnosis, a denied extravasation is not an exposure, a look-alike named
in a differential is not the diagnosis).
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.public import assess, extract
from tests.extract.reading import first_case


def _subtype(text: str) -> str:
    assessed = assess(text)
    assert assessed.cases, text
    return str(assessed.cases[0].assessment.subtype.code)


def _stated(text: str) -> str | None:
    stated = first_case(text).stated
    return stated.subtype if stated is not None else None


def _exposures(case: Case) -> dict[str, str]:
    return {e.concept: e.assertion for e in case.exposures}


# ------------------------------------------------------------ "this <adjective> <person>" refers to the patient
THIS_PERSON = [
    "This premature neonate had received intravenous calcium gluconate for hypocalcaemia in the unit.",
    "This small preterm baby was given an infusion of calcium gluconate on the second day of life.",
    "This low-birth-weight infant needed intravenous calcium gluconate during the first week.",
]


@pytest.mark.parametrize("sentence", THIS_PERSON)
def test_a_sentence_about_this_neonate_is_read_for_the_patient(sentence: str) -> None:
    text = (
        "A boy was seen in the clinic at three weeks of age.\n"
        f"{sentence}\nOn day twelve a firm swelling appeared on the right foot.\n\n"
        "Imaging findings\nRadiographs showed soft-tissue calcification of the foot."
    )
    case = first_case(text)
    assert _exposures(case).get("iv_calcium") == "present", case.exposures


NO_EXPOSURE = [
    "A 3-week-old boy had a firm swelling of the left calf. There was no history of extravasation.",
    "A newborn girl developed a hard plaque on the right ankle. No extravasation had been noted.",
    "A 2-week-old infant had a hard lump on the thigh; the parents denied any infusion leak.",
]


@pytest.mark.parametrize("text", NO_EXPOSURE)
def test_a_denied_extravasation_alone_is_not_iatrogenic(text: str) -> None:
    case = first_case(text)
    assert "iv_calcium" not in _exposures(case)
    assert _exposures(case).get("calcium_extravasation") in (None, "absent")
    assert _subtype(text) != "iatrogenic"


# ------------------------------------------------ the authors naming their own case outside the abstract
OWN_CASE_INTRO = [
    ("This is the first case report of idiopathic calcinosis cutis arising on the eyelid.", "idiopathic"),
    (
        "To our knowledge, this is the only reported case of iatrogenic calcinosis cutis after a dental block.",
        "iatrogenic",
    ),
    ("This represents a rare instance of dystrophic calcinosis cutis in an old surgical scar.", "dystrophic"),
    ("Here we report a case of metastatic calcinosis cutis in a man with a parathyroid adenoma.", "metastatic"),
]


@pytest.mark.parametrize(("sentence", "subtype"), OWN_CASE_INTRO)
def test_the_authors_naming_their_case_in_the_introduction(sentence: str, subtype: str) -> None:
    text = (
        "Introduction\n"
        f"Calcinosis cutis comprises several kinds of deposits. {sentence}\n"
        "Case report\n"
        "A 45-year-old woman came with a firm nodule on the left forearm. It was excised."
    )
    assert _stated(text) == subtype


LITERATURE_INTRO = [
    "Jones and colleagues reported a case of metastatic calcinosis cutis in a dialysis patient [4].",
    "A case of iatrogenic calcinosis cutis has been described after electroencephalography [2].",
    "Several cases of idiopathic calcinosis cutis involving the scrotum have been reported.",
    "Metastatic calcinosis cutis is classically seen in chronic kidney disease.",
]


@pytest.mark.parametrize("sentence", LITERATURE_INTRO)
def test_a_literature_sentence_about_other_patients_is_not_the_stated_diagnosis(sentence: str) -> None:
    text = (
        "Introduction\n"
        f"Calcinosis cutis comprises several kinds of deposits. {sentence}\n"
        "Case report\n"
        "A 45-year-old woman came with a firm nodule on the left forearm. It was excised."
    )
    assert _stated(text) is None


# ----------------------------------------------------------------- other kinds of diagnosis sentence
STATED = [
    ("Excision and histology of the nodule diagnosed it as idiopathic calcinosis cutis.", "idiopathic"),
    ("The pathologist diagnosed the lesions as dystrophic calcification.", "dystrophic"),
    ("We present the iatrogenic calcinosis cutis case of a woman who had an infusion.", "iatrogenic"),
    ("We describe a unique dystrophic calcinosis case in a 40-year-old man with old burns.", "dystrophic"),
    ("This report describes a 30-year-old man with idiopathic scrotal calcinosis.", "idiopathic"),
    ("We recently treated a woman who developed metastatic calcinosis cutis.", "metastatic"),
    ("Plain films of the forearm showed scattered dystrophic calcifications in the subcutis.", "dystrophic"),
    ("Ultrasound revealed several dystrophic calcifications within the scar.", "dystrophic"),
]


@pytest.mark.parametrize(("sentence", "subtype"), STATED)
def test_kinds_of_diagnosis_sentence(sentence: str, subtype: str) -> None:
    text = f"A 33-year-old woman presented with nodules on the forearms. {sentence}"
    assert _stated(text) == subtype


NOT_STATED = [
    "There was no evidence of metastatic calcification on the radiographs.",
    "The differential diagnosis included dystrophic calcification and gout.",
    "Dystrophic calcification was initially suspected but the biopsy showed gout.",
]


@pytest.mark.parametrize("sentence", NOT_STATED)
def test_a_denied_or_differential_subtype_is_not_stated(sentence: str) -> None:
    text = f"A 58-year-old woman presented with nodules on the forearms. {sentence}"
    stated = _stated(text)
    assert stated in (None, "not_calcinosis"), stated


# --------------------------------------------------------------- true bone on histology is a look-alike
BONE = [
    "Histology showed mature bone trabeculae with osteocytes in the dermis.",
    "The biopsy contained trabecular bone with Haversian canals in the subcutis.",
    "Sections showed bony trabeculae rimmed by osteoblasts beneath the epidermis.",
]


@pytest.mark.parametrize("sentence", BONE)
def test_true_bone_on_histology_is_not_calcinosis(sentence: str) -> None:
    text = (
        "A 31-year-old woman had a hard plate-like lesion of the scalp for five years. "
        f"Serum calcium and phosphate were normal. The lesion was excised. {sentence}"
    )
    assert _subtype(text) == "not_calcinosis"


def test_calcified_material_without_bone_stays_calcinosis() -> None:
    text = (
        "A 31-year-old woman had a hard nodule of the scalp for five years with no history of trauma. "
        "Serum calcium and phosphate were normal. The nodule was excised. Histology showed basophilic "
        "calcified deposits in the dermis, with no bone."
    )
    assert _subtype(text) != "not_calcinosis"


# -------------------------------------------------------------------------- phosphate written otherwise
PHOSPHATE = [
    ("Serum calcium and phosphorous levels were within normal limits.", None, "normal"),
    ("The serum levels of calcium and phosphorous were normal.", None, "normal"),
    ("Serum P was 7.4 mg/dL.", 7.4, "high"),
    ("Her serum P was 3.1 mg/dL and serum Ca 9.2 mg/dL.", 3.1, "normal"),
]


@pytest.mark.parametrize(("sentence", "value", "interpretation"), PHOSPHATE)
def test_phosphate_written_as_phosphorous_or_p(sentence: str, value: float | None, interpretation: str) -> None:
    case = first_case(f"A 50-year-old man had hard nodules on the elbows. {sentence}")
    found = [lab for lab in case.labs if lab.analyte == "phosphate"]
    assert found, case.labs
    assert found[0].interpretation == interpretation
    if value is not None:
        assert found[0].value == value


def test_a_capital_p_in_prose_is_not_a_phosphate() -> None:
    case = first_case("A 50-year-old man had hard nodules on the elbows (P. 4 of the atlas shows similar nodules).")
    assert not [lab for lab in case.labs if lab.analyte == "phosphate"]


# ------------------------------------------------------- a vocabulary word inside another name or specimen
def _present_findings(case: Case) -> set[str]:
    return {f.concept for f in case.findings if f.assertion == "present"}


VASCULITIS_NAMES = [
    "A 9-year-old boy with a history of Henoch-Schönlein purpura had hard nodules on the elbows.",
    "A 9-year-old boy, treated for Henoch-Schonlein purpura last year, had hard nodules on the elbows.",
    "A 40-year-old woman with immune thrombocytopenic purpura had hard nodules on the elbows.",
    "A 40-year-old woman had thrombotic thrombocytopenic purpura in 2015 and now hard nodules on the elbows.",
]


@pytest.mark.parametrize("text", VASCULITIS_NAMES)
def test_purpura_inside_a_disease_name_is_not_purpura(text: str) -> None:
    assert not {"painful_purpura", "retiform_purpura"} & _present_findings(first_case(text))


def test_purpura_on_its_own_is_still_read() -> None:
    text = "A 60-year-old man on hemodialysis had painful purpura on both thighs."
    assert "painful_purpura" in _present_findings(first_case(text))


OTHER_SPECIMEN = [
    "A 58-year-old man on dialysis had painful nodules on the thighs. Urinalysis showed calcium oxalate crystals.",
    "A 58-year-old man on dialysis had painful nodules on the thighs. He had passed calcium oxalate kidney stones.",
    "A 58-year-old man on dialysis had painful nodules on the thighs. Urine microscopy found oxalate crystals.",
    "A 58-year-old man on dialysis had painful nodules on the thighs. Biopsy excluded calcium oxalate crystals.",
]


@pytest.mark.parametrize("text", OTHER_SPECIMEN)
def test_oxalate_that_is_not_the_lesion_does_not_make_a_lookalike(text: str) -> None:
    assert "oxalate_crystals" not in _present_findings(first_case(text))
    assert _subtype(text) != "not_calcinosis"


OXALATE_IN_SKIN = [
    "A 58-year-old man on dialysis had painful nodules on the thighs. Skin biopsy showed calcium oxalate crystals.",
    "A 58-year-old man on dialysis had painful nodules on the thighs. The dermis held birefringent oxalate crystals.",
]


@pytest.mark.parametrize("text", OXALATE_IN_SKIN)
def test_oxalate_in_the_skin_is_still_a_lookalike(text: str) -> None:
    assert "oxalate_crystals" in _present_findings(first_case(text))


# ------------------------------------------------------------------------------- labs written otherwise
def _labs(sentence: str) -> dict[str, str | None]:
    case = first_case(f"A 52-year-old woman had hard nodules on the knees. {sentence}")
    return {lab.analyte: lab.interpretation for lab in case.labs}


LAB_KINDS = [
    # a test named last in a sentence, its single letter before the full stop
    ("Calcium, phosphate and vitamin D were within normal limits.", "vitamin_d_25oh", "normal"),
    ("She had normal levels of PTH and vitamin D.", "vitamin_d_25oh", "normal"),
    # a list with no disturbance or alteration
    ("The work-up showed no alteration of calcium, PTH or vitamin D levels.", "pth", "normal"),
    ("Nodules appeared without any disturbance of serum calcium or PTH.", "calcium", "normal"),
    ("Her renal function was preserved.", "renal_function", "normal"),
    # a one-sided printed range
    ("C-reactive protein was 2.4 mg/dL (< 0.5 mg/dL).", "crp", "high"),
    ("CRP was 0.2 mg/dL (<0.5).", "crp", "normal"),
    ("Intact PTH measured 140 pg/mL (reference: <= 65 pg/mL).", "pth", "high"),
    # a printed value of a named complement fraction
    ("C3 was 31 mg/dL (90-180 mg/dL).", "complement_c3", "low"),
    ("An elevated parathyroid level of 210 pg/mL was found.", "pth", "high"),
    # a positive antibody is a high result
    ("Serology was positive for anti-Smith and anti-double-stranded DNA antibodies.", "anti_sm", "high"),
    ("Antinuclear antibodies were strongly positive.", "ana", "high"),
]


@pytest.mark.parametrize(("sentence", "analyte", "interpretation"), LAB_KINDS)
def test_kinds_of_lab_statement(sentence: str, analyte: str, interpretation: str) -> None:
    labs = _labs(sentence)
    assert labs.get(analyte) == interpretation, labs


POSITIVE_NOT_A_LEVEL = [
    "Alizarin red staining for calcium was positive.",
    "The von Kossa stain for calcium was positive in the dermis.",
    "Wound cultures were positive; calcium was not measured.",
]


@pytest.mark.parametrize("sentence", POSITIVE_NOT_A_LEVEL)
def test_positive_never_makes_a_measured_analyte_high(sentence: str) -> None:
    assert _labs(sentence).get("calcium") != "high"


# ------------------------------------------------ literature sentences in the abstract, a denied association
LITERATURE_CONDITION = [
    "Some cases have been associated with Down syndrome, and the mean age of reported patients was 8.5 years.",
    "In several cases the papules were linked to Down syndrome.",
    "Down syndrome has been associated with this entity in earlier reports, with a median age of 7 years.",
]


@pytest.mark.parametrize("sentence", LITERATURE_CONDITION)
def test_a_condition_of_other_patients_is_not_the_patients(sentence: str) -> None:
    text = (
        "Abstract\n"
        f"Milia-like calcinosis is a rare form of calcinosis. {sentence} "
        "We report a 3-year-old boy with multiple white papules on the cheeks."
    )
    assert "down_syndrome" not in _present_findings(first_case(text))


DENIED_ASSOCIATION = [
    ("We report a case of milia-like calcinosis that was not associated with Down syndrome.", "absent"),
    ("A 3-year-old boy had white papules of the face; they were not associated with Down syndrome.", "absent"),
    ("A 40-year-old woman had hard nodules that were not associated with her lupus.", "present"),
]


@pytest.mark.parametrize(("sentence", "assertion"), DENIED_ASSOCIATION)
def test_not_associated_with_denies_the_condition_unless_it_is_the_patients_own(sentence: str, assertion: str) -> None:
    case = first_case(sentence if sentence.startswith("A ") else f"A 3-year-old boy was seen. {sentence}")
    statuses = {f.assertion for f in case.findings if f.concept in ("down_syndrome", "systemic_lupus_erythematosus")}
    assert statuses == {assertion}, case.findings


# ----------------------------------------------------------------------------- titles and framing
TITLES = [
    ("Systemic sclerosis in a woman with calcinosis of the fingers", "dystrophic"),
    ("Juvenile dermatomyositis in a boy with widespread calcinosis and contractures", "dystrophic"),
    ("Calcinosis cutis of the forearm after intravenous administration of a calcium preparation", "iatrogenic"),
    ("Nodular calcinosis caused by injections of nadroparin calcium in a kidney injury patient", "iatrogenic"),
]


@pytest.mark.parametrize(("title", "subtype"), TITLES)
def test_a_title_names_the_calcinosis_and_its_setting(title: str, subtype: str) -> None:
    text = f"{title}\n\nA 50-year-old patient came with hard nodules of the skin.\n"
    assert _stated(text) == subtype


def test_a_kidney_injury_is_not_local_trauma() -> None:
    case = first_case("A 61-year-old man with a kidney injury after surgery had hard nodules on the abdomen.")
    assert "local_trauma" not in _exposures(case)


ABSTRACT_FRAMING = [
    ("Methods: we analysed the diagnosis and treatment of one case of idiopathic scrotal calcinosis.", "idiopathic"),
    ("We recently saw a woman with sarcoidosis who developed metastatic calcinosis cutis.", "metastatic"),
    ("We have treated a boy who developed iatrogenic calcinosis cutis after an infusion.", "iatrogenic"),
]


@pytest.mark.parametrize(("sentence", "subtype"), ABSTRACT_FRAMING)
def test_the_abstract_frames_the_case(sentence: str, subtype: str) -> None:
    text = f"Abstract\n{sentence}\nCase report\nA 40-year-old patient came with hard nodules of the skin."
    assert _stated(text) == subtype


def test_a_stated_sub_form_leaves_the_subtype_to_the_findings() -> None:
    text = (
        "Scrotal calcinosis: a case report\n\n"
        "Abstract\nMethods: we analysed one case of idiopathic scrotal calcinosis.\n"
        "Case report\nA 45-year-old man had multiple hard scrotal nodules for ten years. He had no history of "
        "trauma, infection or surgery. Serum calcium and phosphate were normal."
    )
    stated = assess(text).cases[0].assessment.stated
    assert stated is not None and stated.subtype == "idiopathic"
    assert stated.concordance == "agrees"


@pytest.mark.parametrize(
    "opening",
    [
        "His younger sister, aged 9, had a painful hard mass on the right elbow.",
        "Case 2: his 9-year-old sister with a painful hard mass on the right elbow.",
        "Her 9-year-old brother had a painful hard mass on the right elbow.",
    ],
)
def test_a_later_case_that_opens_on_a_relative_is_about_that_relative(opening: str) -> None:
    text = (
        "Two siblings with the same disease.\n\nCase 1\nA 14-year-old girl had a hard mass over the left hip.\n\n"
        f"Case 2\n{opening} Phosphate was 6.9 mg/dL.\n"
    )
    cases = extract(text).cases
    assert len(cases) == 2
    assert [lesion.site for lesion in cases[1].lesions] == ["right elbow"]
    assert ("pain", "present") in {(f.concept, f.assertion) for f in cases[1].findings}


def test_a_relative_later_in_the_text_stays_family_history() -> None:
    case = first_case("A 30-year-old woman had calcified nodules on the fingers. Her sister had dermatomyositis.")
    assert ("dermatomyositis", "family") in {(f.concept, f.assertion) for f in case.findings}


def test_a_clinic_note_gives_its_impression_and_its_x_ray() -> None:
    text = (
        "HPI: 59 y/o F c/o tender hard lumps R thumb x 4 mo.\nPMHx: limited SSc, Raynaud's. No h/o CKD.\n"
        "Labs: Ca 9.0 mg/dL, Phos 3.1 mg/dL.\nImaging: XR hand - calcific deposits in the soft tissue of the thumb.\n"
        "A/P: calcinosis cutis, probably dystrophic given the SSc.\n"
    )
    case = first_case(text)
    assert case.stated_subtype == "dystrophic"
    assert [o.modality for o in case.imaging] == ["radiograph"]


@pytest.mark.parametrize(("line", "sex"), [("Sex: F", "female"), ("Gender - M", "male"), ("sex: male", "male")])
def test_a_form_sex_field_gives_the_sex(line: str, sex: str) -> None:
    case = first_case(f"Age: 61\n{line}\nFindings: hard white nodules over both elbows; calcium 9.9 mg/dL\n")
    assert case.patient.sex == sex
