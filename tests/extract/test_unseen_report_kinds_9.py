"""Kinds of phrasing from a ninth set of published reports the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract
from tests.extract.reading import first_case


def _subtype(text: str) -> tuple[str, str | None]:
    subtype = assess(text).cases[0].assessment.subtype
    return subtype.code, subtype.certainty


# ------------------------------------------------ purpuric macules, papules or patches are purpura
# "Purpura" and "purpuric lesions" were read, "purpuric macules and papules" were not: a dialysis
# patient with burning purpuric macules on the thighs was metastatic, possible, with no word of
# calciphylaxis.
PURPURIC_LESIONS = [
    "A 41-year-old man on haemodialysis for ten years had purpuric macules and papules over both thighs.",
    "A 58-year-old woman on peritoneal dialysis developed purpuric papules on the abdomen that burned.",
    "A 63-year-old man with end-stage kidney disease on dialysis was seen for purpuric patches on the calves.",
]


@pytest.mark.parametrize("text", PURPURIC_LESIONS)
def test_purpuric_macules_on_dialysis_raise_calciphylaxis(text: str) -> None:
    assert _subtype(text)[0] == "calciphylaxis"


def test_purpuric_macules_with_normal_kidneys_are_no_calciphylaxis() -> None:
    text = "A 30-year-old woman with normal kidney function had purpuric macules on the shins after a sore throat."
    assert _subtype(text)[0] != "calciphylaxis"


def test_hard_white_nodules_on_dialysis_stay_metastatic() -> None:
    text = "A 41-year-old man on haemodialysis for ten years had hard white nodules on the fingertips."
    assert _subtype(text) == ("metastatic", "possible")


# ----------------------------------------------- a bare figure label above the case's own paragraph
# A web page keeps "Figure 1" on a line of its own where the image stood; the line after it was
# read as the caption, so the whole case presentation under it was dropped and the quiz had no
# patient. A line of running prose is no caption; a caption-sized line still is.
AFTER_FIGURE_LABEL = [
    "Figure 1\nA 60-year-old man came with hard lumps on the elbow. They had grown for two years and "
    "sometimes discharged chalky material. He had no other illness and took no drugs. Examination found "
    "five firm nodules.",
    "Image 2 of 3\nFigure 2\nA 45-year-old woman on dialysis was seen for painful plaques on her thighs. "
    "They had appeared a month earlier and turned black. She took warfarin for atrial fibrillation. "
    "A biopsy was taken from the edge.",
    "Fig. 1\nA 12-year-old girl had small white papules on both ears for a year. Her parents had noticed "
    "them after a holiday. Her calcium and phosphate were normal. She was otherwise well.",
]


@pytest.mark.parametrize("text", AFTER_FIGURE_LABEL)
def test_running_prose_after_a_bare_figure_label_is_the_case(text: str) -> None:
    cases = extract(text).cases
    assert len(cases) == 1
    assert cases[0].patient.age_years in (60.0, 45.0, 12.0)


def test_a_short_line_after_a_bare_figure_label_is_still_its_caption() -> None:
    text = "Figure 1\nA 60-year-old man with hard white lumps on the elbow."
    assert extract(text).cases == []


# ------------------------------------------------------ the sex a record's index terms give
# A bibliographic record often tells the patient only as "a 5-day-old neonate" and gives the sex
# only in its index terms ("MeSH terms" ... "Female"). The terms count when the text names no sex
# and the list holds one sex only.
ABSTRACT = "Calcium deposits after an infusion in a {age} are reported. The hand swelled and turned white.\n\n"


@pytest.mark.parametrize(
    ("terms", "sex"),
    [
        ("MeSH terms\n\n  • Calcinosis / chemically induced*\n  • Female\n  • Humans\n  • Infant, Newborn\n", "female"),
        ("MeSH terms\n\n  • Aged\n  • Calcinosis / diagnostic imaging\n  • Humans\n  • Male\n", "male"),
        ("MeSH Terms\nHumans\nInfant\nMale\nSkin Diseases/chemically induced*\n", "male"),
    ],
)
def test_index_terms_give_the_sex_the_text_leaves_out(terms: str, sex: str) -> None:
    case = extract(ABSTRACT.format(age="5-day-old neonate") + terms).cases[0]
    assert case.patient.sex == sex


def test_index_terms_of_both_sexes_give_none() -> None:
    terms = "MeSH terms\n\n  • Female\n  • Humans\n  • Infant\n  • Male\n"
    assert extract(ABSTRACT.format(age="5-day-old neonate") + terms).cases[0].patient.sex is None


def test_the_text_s_own_sex_wins_over_index_terms() -> None:
    terms = "MeSH terms\n\n  • Humans\n  • Male\n"
    assert extract(ABSTRACT.format(age="5-day-old girl") + terms).cases[0].patient.sex == "female"


def test_female_outside_an_index_list_gives_no_sex() -> None:
    text = ABSTRACT.format(age="5-day-old neonate") + "Keywords\n\nFemale\n"
    assert extract(text).cases[0].patient.sex is None


# ----------------------------------------------------------- a quiz's answer line under "Diagnosis:"
# A teaching case gives its answer as a bare header and a short line ("Diagnosis:" / "Pilomatricoma",
# or both on one line). The answer line names no patient, so it was dropped and the tumour that
# explains the calcified nodule was never the patient's: the nodule was called idiopathic.
QUIZ = (
    "A 4-year-old girl had a firm white nodule on her cheek for some months.\n{middle}\n"
    "The tumour arises from the hair matrix."
)


@pytest.mark.parametrize(
    "middle",
    [
        "Diagnosis: Pilomatricoma",
        "What is your diagnosis?\nDiagnosis:\nPilomatricoma",
        "What is the most likely cause?\nDiagnosis: pilomatrixoma of the cheek",
    ],
)
def test_the_answer_under_a_diagnosis_header_is_the_patients(middle: str) -> None:
    text = QUIZ.format(middle=middle)
    case = first_case(text)
    assert [f.assertion for f in case.findings if f.concept == "pilomatricoma"] == ["present"]
    assert _subtype(text)[0] == "dystrophic"


def test_a_textbook_line_under_a_diagnosis_header_is_not_the_patients() -> None:
    text = QUIZ.format(middle="Diagnosis:\nPilomatricomas are common benign tumours of children and adolescents.")
    case = first_case(text)
    assert [f.assertion for f in case.findings if f.concept == "pilomatricoma"] != ["present"]


# ------------------------------------------- a history of a disease "with calcinosis" is the diagnosis
# "with a 3-year history of dermatomyositis with calcinosis cutis" named no diagnosis ("and
# calcinosis" and "a boy with dermatomyositis with calcinosis" did), so the calcinosis of the
# disease was left undetermined.
@pytest.mark.parametrize(
    "text",
    [
        "A case of a 15-year-old boy with a 3-year history of linear amyopathic dermatomyositis with "
        "calcinosis cutis is presented.",
        "A 52-year-old woman with a ten-year history of systemic sclerosis with calcinosis was seen.",
        "She is 38 and has a long history of limited scleroderma with extensive calcinosis of the fingers.",
    ],
)
def test_a_history_of_a_disease_with_calcinosis_names_the_dystrophic_diagnosis(text: str) -> None:
    assert _subtype(text)[0] == "dystrophic"


def test_a_family_history_of_a_disease_with_calcinosis_is_not_the_patients() -> None:
    text = (
        "A 40-year-old woman with a family history of dermatomyositis with calcinosis cutis had a nodule on her knee."
    )
    assert _subtype(text)[0] != "dystrophic"


# ------------------------------------------- a general statement turned to the authors' own case
# "In most cases ... , but in this case it followed an infusion of calcium chloride": the sentence
# opens as a textbook statement, so all of it was dropped, and with it the only word of the patient's
# calcium infusion.
CONTRAST = (
    "Abstract: A man had chalky plaques on the forearm in intensive care.\n\n{last}\n\n"
    "Case presentation\n\nA 58-year-old man was treated for low calcium. Two days later chalky plaques "
    "appeared on his right forearm."
)


@pytest.mark.parametrize(
    "last",
    [
        "Calcinosis is usually associated with a high calcium or phosphate level, but in this case it "
        "followed an infusion of calcium chloride into that forearm.",
        "Soft-tissue calcification is generally associated with a high phosphate level, whereas our patient "
        "had an infusion of calcium chloride into that forearm.",
    ],
)
def test_the_own_case_after_a_contrast_is_the_patients(last: str) -> None:
    text = CONTRAST.format(last=last)
    assert "iv_calcium" in {e.concept for e in first_case(text).exposures if e.assertion == "present"}
    assert _subtype(text)[0] == "iatrogenic"


def test_a_general_statement_without_the_own_case_stays_general() -> None:
    text = CONTRAST.format(
        last="Calcinosis is usually associated with a high calcium or phosphate level, but it can follow an "
        "infusion of calcium chloride."
    )
    assert _subtype(text)[0] != "iatrogenic"


# ------------------------------------------- a disease "complicated by calcinosis" is the diagnosis
# "by" ended a diagnosis phrase ("calcinosis diagnosed by biopsy"), so "dermatomyositis complicated
# by calcinosis cutis" was cut to "dermatomyositis complicated", named no calcinosis, and a patient
# with no lesion words beside it was undetermined.
@pytest.mark.parametrize(
    "text",
    [
        "A 25-year-old woman with dermatomyositis complicated by calcinosis cutis was seen in clinic.",
        "A 52-year-old woman with a ten-year history of limited systemic sclerosis complicated by extensive "
        "calcinosis was referred.",
        "He is 17 and has juvenile dermatomyositis complicated by calcinosis universalis.",
    ],
)
def test_a_disease_complicated_by_calcinosis_names_the_dystrophic_diagnosis(text: str) -> None:
    assert _subtype(text)[0] == "dystrophic"


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old woman with suspected dermatomyositis complicated by calcinosis cutis was seen.",
        "A 40-year-old man had a family history of dermatomyositis complicated by calcinosis cutis.",
    ],
)
def test_a_hedged_or_family_disease_complicated_by_calcinosis_is_no_diagnosis(text: str) -> None:
    assert _subtype(text)[0] != "dystrophic"


def test_by_still_ends_a_diagnosis_phrase_elsewhere() -> None:
    case = first_case("A 50-year-old woman had calcinosis cutis diagnosed by biopsy of a thigh nodule.")
    assert case.stated is None or "biopsy" not in case.stated.text
