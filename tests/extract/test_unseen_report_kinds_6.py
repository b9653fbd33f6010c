"""Kinds of phrasing from a sixth set of published reports the reader had never seen (issue 8).

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the fact. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract
from calcidx.service import load_input
from tests.extract.reading import assertions, first_case

# ------------------------------------------- a page that opens on a bracketed banner is text, not JSON
# A page copied from a journal site opened on "[Skip to Navigation]": the reader took it for JSON
# and stopped with "not valid JSON" instead of reading the report.
BANNERS = ["[Skip to Navigation]", "[HTML Abstract] [PDF Full Text]", "[Back to top]"]


@pytest.mark.parametrize("banner", BANNERS)
def test_a_text_opening_on_a_bracketed_banner_is_read_as_text(banner: str) -> None:
    loaded = load_input(f"{banner}\nA 7-year-old girl had a hard white papule on the eyelid.", filename="page.txt")
    assert loaded.document is not None and len(loaded.document.cases) == 1


@pytest.mark.parametrize("data", ['[{"patient": {}}]', "[ ]", '["a"]'])
def test_a_json_array_is_still_json(data: str) -> None:
    with pytest.raises(Exception, match="expected a JSON object"):
        load_input(data, filename="case.txt")


# ------------------------------------------------------ a MEDLINE record or a quiz answer is no note
# "PT - JOURNAL ARTICLE" (a MEDLINE tag) read as the note shorthand "pt", and a page opening on
# "Dx: ..." followed by textbook statements read as a clinical note: every sentence became the
# patient's, and a page about a disease got a subtype.
def test_a_medline_record_is_not_a_clinical_note() -> None:
    text = (
        "PT - JOURNAL ARTICLE AU - Doe, J TI - Minocycline for calcinosis in scleroderma AB - Methods: "
        "Patients with scleroderma and painful calcinosis were given minocycline. Results: Eleven patients were "
        "treated. Ten patients improved."
    )
    document = extract(text)
    assert document.cases == [], document.cases


DISEASE_PAGES = [
    (
        "Dx: Iatrogenic calcinosis cutis\nCalcinosis cutis is characterized by calcium in the skin. "
        "It usually occurs in patients who have received calcium infusions. Patients with cellulitis have "
        "warm red skin. The differential diagnosis is defined by the history."
    ),
    (
        "Diagnosis: calciphylaxis.\nCalciphylaxis is a rare disorder of small vessels. It is thought to follow "
        "kidney failure. In patients on dialysis it is more common. Most cases have been reported in women."
    ),
]


@pytest.mark.parametrize("text", DISEASE_PAGES)
def test_a_diagnosis_line_above_textbook_statements_is_no_patient(text: str) -> None:
    assert extract(text).cases == []


def test_a_note_with_a_diagnosis_line_is_still_one_patient() -> None:
    text = "Dx: calciphylaxis.\n58F on HD, painful thigh eschar. She is on warfarin. Pt started on STS."
    assert len(extract(text).cases) == 1


# ----------------------------------------- a series told only as a group has no (invented) patient
# "We report 6 cases ...", "Nine patients have been treated ...", "in 16 of 20 infants": no patient
# is described on their own, yet one pooled patient was made (with a subtype, a sex, a condition).
SERIES = [
    "We report 6 cases of idiopathic calcinosis cutis. Their ages ranged from 25 to 71 years. Serum calcium was "
    "normal in all of them. The nodules were excised.",
    "Nine patients with scleroderma and calcinosis were given minocycline. Eight patients improved. The deposits "
    "became smaller.",
    "Hard heel nodules were found in 16 of 20 infants who had been in intensive care. The nodules came out over "
    "months.",
    "Clinical notes of twelve children with calciphylaxis were reviewed. Most had kidney failure.",
]


@pytest.mark.parametrize("text", SERIES)
def test_a_series_told_as_a_group_gives_no_patient_and_a_series_kind(text: str) -> None:
    document = extract(text)
    assert document.cases == [], document.cases
    assert document.document.kind == "case_series"
    assert any("series of patients" in w for w in document.warnings), document.warnings


SMALL_GROUPS_AND_SINGLES = [
    "Two patients on dialysis developed hard plaques after calcium-heparin injections. Both had a high phosphate.",
    "We report 6 cases of calcinosis. Case 1: a 45-year-old woman had nodules on the fingers.",
    "Fourteen eyelid nodules were excised. One of these patients, a 70-year-old man, also had gout.",
    "She had 6 nodules on the elbow and had been treated for 12 years.",
]


@pytest.mark.parametrize("text", SMALL_GROUPS_AND_SINGLES)
def test_a_few_patients_or_one_described_alone_is_still_a_case(text: str) -> None:
    assert extract(text).cases, text


# ------------------------------------------------------- an age range on a disease page is nobody's
# "Lesions typically appear between 4 and 12 months of age" opened a patient aged one year on a
# disease page; a gestational age ("gestational age of 29 weeks") is no patient's age either.
def test_an_age_range_on_a_disease_page_opens_no_patient() -> None:
    text = (
        "Calcified nodules of the heel follow needle sticks in the newborn period. Lesions typically appear "
        "between 4 and 12 months of age and often go away between 18 and 30 months."
    )
    assert extract(text).cases == []


def test_a_cohort_gestational_age_opens_no_patient() -> None:
    text = (
        "Nodules were seen in 16 of 20 infants. They had a mean birth weight of 1,190 g and a gestational age of "
        "29 weeks."
    )
    assert extract(text).cases == []


# --------------------------------------------- one sentence with the patient as its subject is a case
# "She has multiple hard nodules on her fingers." alone gave no case: one patient needed two
# sentences that refer to her.
PATIENT_SUBJECT_LINES = [
    "She has multiple hard nodules on her fingers.",
    "He has had a hard white lump on the heel since infancy.",
    "The patient has chalky papules on both elbows.",
    "Calcinosis cutis is rare. Examination of the legs showed that she has hard nodules under the skin.",
]


@pytest.mark.parametrize("text", PATIENT_SUBJECT_LINES)
def test_one_sentence_about_the_patient_is_a_case(text: str) -> None:
    document = extract(text)
    assert len(document.cases) == 1, document.warnings
    assert any("introduces the patient" in w for w in document.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Virchow described calcinosis cutis in 1855; he named the calcium deposits.",
        "Patients with kidney failure may develop calciphylaxis. Treatment is difficult.",
    ],
)
def test_a_pronoun_in_a_textbook_sentence_is_no_patient(text: str) -> None:
    assert extract(text).cases == []


# ----------------------------------------------- a title that names the patient is a case on its own
# A page holding little more than its title ("Extensive calciphylaxis in a patient on peritoneal
# dialysis") gave no case: the title was the only text about the patient.
TITLE_PAGES = [
    "Journal of Kidney Care | Home | Archives\nCase Report\nWidespread calciphylaxis in a patient on peritoneal "
    "dialysis\nCalciphylaxis is an uncommon condition of small vessels.",
    "Menu | Login\nHard calcified nodules of the fingers in a woman with scleroderma\nRelated articles\n"
    "Citation manager",
]


@pytest.mark.parametrize("text", TITLE_PAGES)
def test_a_title_naming_the_patient_is_a_case_with_a_warning(text: str) -> None:
    document = extract(text)
    assert len(document.cases) == 1, document.warnings
    assert any("only a title describes the patient" in w for w in document.warnings)


def test_the_title_of_a_title_only_page_is_still_read_as_the_authors_diagnosis() -> None:
    case = extract(TITLE_PAGES[0]).cases[0]
    assert case.stated_subtype == "calciphylaxis", case.stated


@pytest.mark.parametrize(
    "text",
    [
        "Calcinosis cutis in patients with lupus: a review\nCalcinosis is rare in lupus.",
        "Menu | Login\nCalcinosis in a patient with lupus is a rare finding.\nRelated articles",
    ],
)
def test_a_review_title_or_a_sentence_is_no_title_patient(text: str) -> None:
    assert extract(text).cases == []


# ---------------------------------------- a lesion shown to be due to calciphylaxis states calciphylaxis
# "skin lesions bioptically shown to be due to calciphylaxis-induced cutaneous vasculitis": the
# authors' diagnosis read as the look-alike vasculitis, and the report was called not calcinosis.
DUE_TO = [
    "A 45-year-old woman with POEMS syndrome developed skin lesions shown on biopsy to be due to "
    "calciphylaxis-induced cutaneous vasculitis. This is the first case of POEMS syndrome with this type of "
    "vasculitis.",
    "A 60-year-old man had painful thigh plaques that were proven to be caused by calciphylaxis.",
]


@pytest.mark.parametrize("text", DUE_TO)
def test_lesions_shown_to_be_due_to_calciphylaxis_state_calciphylaxis(text: str) -> None:
    case = extract(text).cases[0]
    assert case.stated_subtype == "calciphylaxis", case.stated


def test_vasculitis_shown_to_be_due_to_an_infection_states_no_calcinosis_subtype() -> None:
    case = extract("A 45-year-old woman had skin lesions shown on biopsy to be due to a bacterial vasculitis.").cases[0]
    assert case.stated_subtype != "calciphylaxis"


# ------------------------------------------------------ necrosis of a skin site is skin necrosis
# "painful necrosis of the left breast" in a woman on dialysis was a painful breast lesion only: no
# skin necrosis, so calciphylaxis had no typical lesion (the knowledge's skin necrosis is named
# "tissue necrosis", "area of necrosis": necrosis where the skin is).
SITE_NECROSIS = [
    "A 60-year-old woman on haemodialysis had painful necrosis of the left breast.",
    "A 70-year-old man on dialysis developed necrosis of both thighs over two weeks.",
    "A 58-year-old woman had painful thigh necrosis.",
]


@pytest.mark.parametrize("text", SITE_NECROSIS)
def test_necrosis_of_a_skin_site_is_skin_necrosis(text: str) -> None:
    assert assertions(first_case(text)).get("skin_necrosis") == "present"


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old woman on haemodialysis had no necrosis of the left breast.",
        "A 60-year-old woman had avascular necrosis of the femoral head.",
        "A 60-year-old woman had acute tubular necrosis of the kidney.",
    ],
)
def test_necrosis_denied_or_of_an_organ_is_no_skin_necrosis(text: str) -> None:
    assert assertions(first_case(text)).get("skin_necrosis") != "present"


# ------------------------- a denied lesion or a swelling from a bone injury is no skin lesion (gap i)
# "CT of the abdomen ...; no suspicious lesion was found" gave a lesion on the abdomen, and
# "swelling of the left knee caused by a fracture of the femur" a lesion on the knee: with a high
# calcium and a cancer, a text with no skin finding was called metastatic calcinosis.
NOT_SKIN_LESIONS = [
    "A CT of the abdomen and chest was done; however, no suspicious lesion was found.",
    "He had pain and swelling of the left knee caused by a fracture of the distal femur.",
    "There was swelling of the right ankle due to a dislocation.",
    "Ultrasound of the abdomen showed no focal lesions.",
]


@pytest.mark.parametrize("line", NOT_SKIN_LESIONS)
def test_a_denied_lesion_or_a_fracture_swelling_is_no_skin_lesion(line: str) -> None:
    case = first_case(f"A 74-year-old man had a calcium of 13.9 mg/dL and a lymphoma. {line}")
    assert case.lesions == [], case.lesions


def test_hypercalcaemia_with_a_fracture_swelling_gets_no_calcinosis_subtype() -> None:
    text = (
        "A 74-year-old man with lymphoma had a calcium of 13.9 mg/dL and a low PTH. He had swelling of the left knee "
        "caused by a fracture of the femur. CT of the abdomen showed no suspicious lesion."
    )
    from calcidx.public import assess

    assert assess(text).cases[0].assessment.subtype.code in ("undetermined", "not_calcinosis")


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman had hard nodules on the elbow and no ulceration.",
        "A 30-year-old man had a hard swelling of the forearm after a calcium infusion.",
        "A 60-year-old woman had a calcified swelling on the shin years after a fracture.",
        "She developed hard nodules on the shin after a fracture of the tibia.",
    ],
)
def test_a_skin_lesion_beside_a_denial_or_a_fracture_is_still_a_lesion(text: str) -> None:
    assert first_case(text).lesions, text


# ------------------------------------------- "no alteration in calcium metabolism" is a normal calcium
# "There was no alteration in phosphorus/calcium metabolism" (a translated abstract) read no calcium
# or phosphate at all, where "no alteration of" already read them as normal.
NORMAL_METABOLISM = [
    "There was no alteration in phosphorus/calcium metabolism.",
    "Tests showed no disturbance in calcium and phosphate metabolism.",
    "Work-up found no abnormality in calcium metabolism.",
]


@pytest.mark.parametrize("line", NORMAL_METABOLISM)
def test_no_alteration_in_calcium_metabolism_is_a_normal_calcium(line: str) -> None:
    case = first_case(f"A 15-year-old boy with Down syndrome had white papules on the hands. {line}")
    calcium = [lab for lab in case.labs if lab.analyte == "calcium"]
    assert calcium and all(lab.interpretation == "normal" for lab in calcium), case.labs


def test_an_alteration_in_calcium_metabolism_is_not_normal() -> None:
    case = first_case("A 50-year-old woman had hard nodules. There was an alteration in calcium metabolism.")
    assert not any(lab.analyte == "calcium" and lab.interpretation == "normal" for lab in case.labs), case.labs
