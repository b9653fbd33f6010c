"""Kinds of phrasing from a seventh set of published reports the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the fact (or must still give none). No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract
from tests.extract.reading import first_case


def _stated(text: str) -> str | None:
    case = first_case(text)
    return case.stated.subtype if case.stated is not None else None


# ------------------------------------------- "This is a rare case of X" names the authors' own case
# The sentence holds "is a rare", the mark of a textbook statement ("Calciphylaxis is a rare
# disorder"), so the authors' own diagnosis in it was dropped as generic.
OWN_CASE = [
    "This is a rare case of penile calciphylaxis. He had been on peritoneal dialysis for years.",
    "This is a rare case of generalised calciphylaxis in a man on dialysis. He had necrotic plaques.",
    "This is the first instance of calciphylaxis of the glans. He was dialysed three times a week.",
]


@pytest.mark.parametrize("text", OWN_CASE)
def test_this_is_a_rare_case_of_names_the_authors_diagnosis(text: str) -> None:
    assert _stated(text) == "calciphylaxis"


def test_a_rare_disorder_sentence_is_still_generic() -> None:
    text = "A man on dialysis had painful plaques on the thighs. Calciphylaxis is a rare disorder of small vessels."
    assert _stated(text) is None


# ----------------------------------------------------------- a quiz's answer written as a sentence
# Teaching cases give the answer as a sentence after the question ("The most likely diagnosis is
# ...", "The answer is B: ..."); only "Diagnosis: X" lines were read, so a gout quiz was called
# calciphylaxis from its kidney failure and painful nodules.
QUIZ_ANSWERS = [
    "The most likely diagnosis is tophaceous gout.",
    "The correct diagnosis is chronic tophaceous gout.",
    "The answer is B: gouty tophi.",
    "The answer is (D) tophaceous gout.",
]


@pytest.mark.parametrize("answer", QUIZ_ANSWERS)
def test_a_quiz_answer_sentence_states_the_diagnosis(answer: str) -> None:
    text = (
        "A 61-year-old woman with chronic renal failure had painful yellow nodules on her finger pads.\n\n"
        "Question 1\n\nWhat is the most likely diagnosis?\n\nDiscussion\n\n"
        f"{answer} Urate crystals deposit in the soft tissue."
    )
    assert _stated(text) == "not_calcinosis"


def test_the_question_itself_states_nothing() -> None:
    text = (
        "A 61-year-old woman had yellow nodules on her finger pads.\n\n"
        "Which one of the following is the most likely diagnosis?\n\nA. Gout\nB. Calcinosis cutis\n"
    )
    document = extract(text)
    assert all(c.stated is None or c.stated.subtype is None for c in document.cases)


# ------------------------------------- a structured abstract's "Case characteristics:" and "Message:"
# Paediatric journals label their abstracts "Background / Case characteristics / Observation /
# Outcome / Message". The case line under "Case characteristics:" was read as background (no age,
# no sex), and the introduction after "Message:" as the case (its textbook symptoms became hers).
STRUCTURED = (
    "Background: Calcinosis is a late feature of juvenile dermatomyositis. "
    "Case characteristics: 9-year-old boy with hard nodules over both knees and a heliotrope rash. "
    "Observation: Raised creatine kinase and proximal weakness. "
    "Outcome: He improved on methotrexate. "
    "Message: Calcinosis may come before the weakness.\n\n"
    "Juvenile dermatomyositis is a rare disease of children. It usually presents with fever, "
    "muscle pain and skin ulcers. We report a child whose calcinosis came first."
)


def test_a_case_characteristics_label_gives_the_patients_age_and_sex() -> None:
    case = first_case(STRUCTURED)
    assert (case.patient.age_years, case.patient.sex) == (9, "male")


def test_the_introduction_after_a_message_label_is_not_the_patients() -> None:
    case = first_case(STRUCTURED)
    concepts = {f.concept for f in case.findings if f.assertion == "present"}
    assert "fever" not in concepts and "ulceration" not in concepts, concepts


# ---------------------------------------------------- an age glued to a drop-cap article, a day of life
# Web copies glue a drop cap to the age ("A55-year-old woman"): no age and no sex were read. A
# neonatal report gives the age as the day of life she was seen on ("presented on the 4th day of
# life"); a treatment on a day of life is no age of hers.
@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("A55-year-old woman on haemodialysis had painful ulcers on the breast.", 55, "female"),
        ("An18-year-old man had hard nodules on both elbows.", 18, "male"),
        ("A 55-year-old woman on haemodialysis had painful ulcers on the breast.", 55, "female"),
    ],
)
def test_an_age_glued_to_a_drop_cap_article_is_read(text: str, age: float, sex: str) -> None:
    case = first_case(text)
    assert (case.patient.age_years, case.patient.sex) == (age, sex)


@pytest.mark.parametrize(
    "text",
    [
        "A male baby born at 38 weeks presented on the 5th day of life with jaundice and was given calcium gluconate.",
        "A term baby boy was admitted on day 5 of life with seizures and was given calcium gluconate.",
    ],
)
def test_the_day_of_life_a_newborn_is_seen_on_is_her_age(text: str) -> None:
    assert first_case(text).patient.age_years == pytest.approx(5 / 365.25, abs=0.001)


def test_a_treatment_on_a_day_of_life_is_no_age() -> None:
    text = "A preterm newborn had a hard swelling of the forearm. She was given calcium gluconate on day 2 of life."
    assert first_case(text).patient.age_years is None


# ------------------------------------------ "a case of X in a woman" and "another case is presented"
# An abstract that names the patient only as "a case of calciphylaxis in a woman with ..." gave no
# sex (the article of "a woman" was swallowed by "a case of ..."), and one that says "Another case
# is presented of ..." gave no patient at all once a textbook sentence stood beside it.
@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("We present a case of calciphylaxis in a woman with lupus and kidney failure.", "female"),
        ("We report a case of calcinosis in a man with no other illness.", "male"),
        ("Here we describe a case of calcinosis in a girl with dermatomyositis.", "female"),
    ],
)
def test_a_case_of_x_in_a_woman_gives_her_sex(text: str, sex: str) -> None:
    assert first_case(text).patient.sex == sex


def test_another_case_is_presented_is_the_authors_patient() -> None:
    text = (
        "Calciphylaxis has been defined as calcification of small vessels, described mainly in kidney failure. "
        "Few cases are known in lupus. Another case is presented of calciphylaxis in a woman with inactive lupus."
    )
    document = extract(text)
    assert len(document.cases) == 1 and document.cases[0].patient.sex == "female"


def test_a_case_described_by_other_authors_is_no_patient() -> None:
    text = (
        "Calciphylaxis has been defined as calcification of small vessels, described mainly in kidney failure. "
        "A similar case is described by Jones in the literature. Calciphylaxis is a rare disorder."
    )
    assert extract(text).cases == []


# ------------------------------------------------------ a quiz's question line ends the patient's case
# In an image quiz the discussion follows the question ("What's your diagnosis?") with no header of
# its own; its textbook list of causes ("they can follow heel sticks, extravasated calcium ...") was
# read as the child's history, and a heel nodule with heel sticks denied was called iatrogenic.
@pytest.mark.parametrize("question", ["What's your diagnosis?", "What is your diagnosis?", "What is the diagnosis?"])
def test_the_discussion_after_a_quiz_question_is_not_the_patients(question: str) -> None:
    text = (
        "Quiz: a white papule on the heel of a baby\n\nThe papule was watched at the next visits and had gone "
        "completely three months later.\n\n"
        "The case:\n\nA well 10-month-old boy had one hard white papule on the left heel for six weeks. "
        "Heel pricks and injections were denied.\n\n"
        f"{question}\n\n"
        "Calcinosis cutis is grouped by its cause. Iatrogenic deposits follow medical care. "
        "They can follow heel sticks, extravasated intravenous calcium or calcium chloride electrode paste."
    )
    case = first_case(text)
    present = {e.concept for e in case.exposures if e.assertion == "present"}
    assert not present, present


def test_the_case_before_a_quiz_question_is_still_read() -> None:
    text = (
        "The case:\n\nA well 10-month-old boy had hard white papules on the heel after repeated heel sticks "
        "in the neonatal unit.\n\nWhat's your diagnosis?\n\nCalcinosis cutis is grouped by its cause."
    )
    case = first_case(text)
    assert "heel_sticks" in {e.concept for e in case.exposures if e.assertion == "present"}


# ------------------------------------------- what the lesion had to be told apart from is no finding
# "requiring differentiation from calcifying epithelioma or skull osteoma" made a pilomatricoma the
# patient's condition in an osteoma cutis report.
@pytest.mark.parametrize(
    "clause",
    [
        "which required differentiation from a pilomatricoma or a dermoid cyst",
        "which had to be distinguished from a pilomatricoma",
        "which was differentiated from a pilomatricoma on imaging",
    ],
)
def test_a_lesion_told_apart_from_a_disease_does_not_have_it(clause: str) -> None:
    case = first_case(f"A 24-year-old woman had a hard nodule on the forehead, {clause}.")
    assert [f.assertion for f in case.findings if f.concept == "pilomatricoma"] != ["present"]


def test_a_pilomatricoma_stated_plainly_is_still_present() -> None:
    case = first_case("A 24-year-old woman had a hard nodule on the forehead; excision showed a pilomatricoma.")
    assert [f.assertion for f in case.findings if f.concept == "pilomatricoma"] == ["present"]


# ----------------------------------------------- a small series told as a group has all its patients
# "We present 3 patients who ... All 3 patients had ... One patient was on warfarin ... In the third
# patient ...": a digit before "patients who" read as a textbook statement hid the announced count,
# and the group gave two patients, not three.
GROUP_OF_THREE = (
    "Calciphylaxis after a kidney transplant in 3 patients\n\n"
    "We present 3 patients who had their calciphylaxis healed after a second kidney transplant. "
    "All 3 patients had lost an earlier graft and were back on haemodialysis. One patient took warfarin. "
    "The ulcers healed within 6 weeks in 2 patients. In the third patient healing took four months."
)


def test_a_small_series_told_as_a_group_gives_each_announced_patient() -> None:
    document = extract(GROUP_OF_THREE)
    assert len(document.cases) == 3
    assert all(any(f.concept == "dialysis" and f.assertion == "present" for f in c.findings) for c in document.cases), (
        document.cases
    )


def test_two_patients_each_described_stay_two() -> None:
    text = (
        "We report two cases of calciphylaxis. Case 1: a 60-year-old woman on dialysis had thigh ulcers. "
        "Case 2: a 52-year-old man on dialysis had a necrotic plaque. Both patients improved on sodium thiosulfate."
    )
    assert [c.patient.age_years for c in extract(text).cases] == [60, 52]


# ------------------------------------------ a multicentre study's count is a series, not one patient
# "In a retrospective, multinational, multicenter study, data on 26 JDM (19 F, 7 M) patients were
# collected ... Four patients already had calcinosis": the count was missed (the commas, the sex
# breakdown in brackets), and the four became one pooled patient.
def test_a_multicentre_study_with_a_bracketed_sex_count_gives_no_patient() -> None:
    text = (
        "In a retrospective, multinational, multicenter study, data on 31 JDM (20 F, 11 M) children with the "
        "antibody were collected. Calcinosis occurred in 40% of them. Four patients already had calcinosis at "
        "diagnosis. Children with calcinosis were given several drugs."
    )
    document = extract(text)
    assert document.cases == [], document.cases
    assert document.document.kind == "case_series"


def test_a_case_report_mentioning_a_published_count_keeps_its_patient() -> None:
    text = (
        "To our knowledge only 12 cases have been reported. A 40-year-old woman on dialysis had hard nodules "
        "at her heparin injection sites."
    )
    assert len(extract(text).cases) == 1


# ------------------------------------------- "Patients and methods:" and a pair told as a group
# A French-style structured abstract ("Patients and methods: Two patients with renal failure ... The
# first patient ... the second ... Both had ...") gave one patient: the label was not read as the
# case, and the opening sentence about both was read only for the first.
PAIR = (
    "Background: Calcinosis after calcium-containing heparin is a rare side effect.\n"
    "Patients and methods: Two patients on haemodialysis developed skin lesions after calcium heparin "
    "injections. The first patient had nodules on the abdomen and the second a plaque on the thigh. "
    "Both had normal blood tests.\n"
    "Conclusion: We describe two cases of iatrogenic calcinosis."
)


def test_a_pair_told_as_a_group_under_patients_and_methods_gives_two_patients() -> None:
    document = extract(PAIR)
    assert len(document.cases) == 2
    for case in document.cases:
        assert any(f.concept == "dialysis" and f.assertion == "present" for f in case.findings), case.findings


@pytest.mark.parametrize(
    "clause",
    [
        "The correct diagnosis is vital as calciphylaxis carries a poor prognosis.",
        "The most likely diagnosis is calciphylaxis when a dialysis patient has necrosis.",
        "The correct diagnosis is often late in calciphylaxis.",
    ],
)
def test_a_clause_about_the_correct_diagnosis_is_no_answer(clause: str) -> None:
    text = f"A 61-year-old woman had painful plaques on both thighs.\n\nDiscussion\n\n{clause}"
    assert _stated(text) is None
