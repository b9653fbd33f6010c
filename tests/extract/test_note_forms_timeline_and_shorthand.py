"""Clinical notes in forms the reader had missed: a dated timeline, an ICU note with a baby's
shorthand age, "never on dialysis", and lay words for the lesions ("hard lumps", "white paste").

A timeline ("2019 - first hard lumps in the finger pulps") had kept only the line with the
patient's age, so every finding before it was dropped and the call was undetermined; "never on
dialysis" had made a patient with normal kidneys a dialysis patient (uraemic calciphylaxis, with
dialysis intensification offered).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract
from tests.extract.reading import assertions, first_case

TIMELINE = """Disease course
2011 - cold, white fingers in winter
2014 - limited cutaneous systemic sclerosis diagnosed in rheumatology clinic
2018 - hard lumps in three fingertips; hand X-ray: calcinosis
2022 - the lumps ulcerate now and then and discharge white paste; reviewed today, 58-year-old woman
Current meds: nifedipine, lansoprazole"""


def test_a_dated_timeline_is_one_patient_with_every_line_read() -> None:
    document = extract(TIMELINE)
    assert len(document.cases) == 1
    case = document.cases[0]
    assert (case.patient.age_years, case.patient.sex) == (58, "female")
    found = assertions(case)
    assert found.get("systemic_sclerosis") == "present"
    assert found.get("firm_white_yellow_papules") == "present"
    assert found.get("chalky_discharge") == "present"
    assessment = assess(case).cases[0].assessment
    assert assessment.subtype.code == "dystrophic"


def test_a_sentence_starting_with_a_year_in_an_article_is_no_note() -> None:
    text = (
        "Calcinosis cutis is uncommon. In 2019, a 58-year-old woman with limited systemic sclerosis presented "
        "with hard nodules on her fingertips."
    )
    assert len(extract(text).cases) == 1
    assert extract(text).cases[0].patient.age_years == 58


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("PICU day 3. 4 mo infant after cardiac surgery; firm swelling at the old cannula site on the hand.", 4 / 12),
        ("8 wk old boy, ex-preterm, hard white papules on both heels after repeated heel pricks.", 8 * 7 / 365.25),
    ],
)
def test_an_icu_note_with_a_babys_shorthand_age_is_one_patient(text: str, years: float) -> None:
    case = first_case(text)
    assert case.patient.age_years == pytest.approx(years, abs=0.001)


def test_after_months_of_formula_is_no_age() -> None:
    text = "A baby girl was seen. After 3 months infant formula was changed; hard papules on the heel."
    assert all(case.patient.age_years is None for case in extract(text).cases)


@pytest.mark.parametrize(
    "text",
    [
        "61 yo M, alcohol-related cirrhosis, normal creatinine, never on dialysis. Tender violaceous thigh plaques.",
        "A 61-year-old man with cirrhosis who had never been dialysed had tender violaceous plaques on the thighs.",
    ],
)
def test_never_on_dialysis_is_no_dialysis(text: str) -> None:
    case = first_case(text)
    assert assertions(case).get("dialysis") != "present"
    assessment = assess(case).cases[0].assessment
    assert "dialysis_intensification_calciphylaxis" not in {t.id for t in assessment.treatments}


def test_the_literature_never_reporting_a_thing_negates_nothing() -> None:
    case = first_case(
        "A 50-year-old woman on haemodialysis had a painful necrotic ulcer of the thigh. Such an ulcer has never "
        "been reported after this drug."
    )
    assert assertions(case).get("dialysis") == "present"


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("She has several hard lumps over the elbows.", "firm_white_yellow_papules"),
        ("A firm lump sits on the tip of the left thumb.", "firm_white_yellow_papules"),
        ("One of them discharges a chalky paste.", "chalky_discharge"),
    ],
)
def test_lay_words_for_the_lesions(sentence: str, concept: str) -> None:
    case = first_case("A 47-year-old woman with dermatomyositis was seen in clinic. " + sentence)
    assert assertions(case).get(concept) == "present"


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("On examination there was a hard nodule on the right elbow.", "firm_white_yellow_papules"),
        ("A single firm, white papule sat on the helix.", "firm_white_yellow_papules"),
        ("She had a necrotic ulcer on the left calf.", "necrotic_ulcer"),
    ],
)
def test_a_single_lesion_told_in_the_singular(sentence: str, concept: str) -> None:
    case = first_case("A 52-year-old woman was referred. " + sentence)
    assert assertions(case).get(concept) == "present"


TERSE_NOTE = """Background: ESKD on HD via L AVF, T2DM, HTN. Apixaban for AF.
Issue: 10/7 hx of very painful indurated plaques L thigh, now ulcerated w/ black eschar.
Bloods: Ca 2.62, PO4 2.3, PTH 98 pmol/L, Alb 27.
Imp: calciphylaxis likely. Plan: bx, STS, wound care, renal r/v."""


def test_a_terse_note_with_labels_is_one_english_patient() -> None:
    document = extract(TERSE_NOTE)
    assert len(document.cases) == 1, document.warnings
    assert not any("English" in w for w in document.warnings)
    assessment = assess(document).cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis"


def test_a_short_text_in_another_language_gets_the_language_warning() -> None:
    text = (
        "Mujer de 52 años con dermatomiositis que presenta nódulos duros en los codos con salida de material "
        "blanco. La radiografía mostró calcificaciones de partes blandas."
    )
    document = extract(text)
    assert any("does not read as English" in w for w in document.warnings)


@pytest.mark.parametrize("text", ["Imp: ?primary hyperparathyroidism.", "Impression: ? primary hyperparathyroidism"])
def test_a_query_mark_before_a_diagnosis_makes_it_possible(text: str) -> None:
    case = first_case("63M, firm white nodules on both buttocks. " + text)
    assert assertions(case).get("primary_hyperparathyroidism") == "possible"


def test_a_question_mark_after_a_word_queries_nothing() -> None:
    case = first_case("63M with primary hyperparathyroidism? Firm white nodules sit on both buttocks.")
    found = assertions(case)
    assert found.get("firm_white_yellow_papules") == "present"
    assert found.get("primary_hyperparathyroidism") == "present"


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("29 yo woman, 22/40 pregnant, limited SSc with hard nodules on the fingertips.", 22),
        ("29F, G2P1 at 26 weeks, limited SSc with hard nodules on the fingertips.", 26),
        ("29F, pregnant, limited SSc with hard nodules on the fingertips.", None),
    ],
)
def test_a_notes_shorthand_for_pregnancy_withholds_what_pregnancy_excludes(text: str, weeks: int | None) -> None:
    case = first_case(text)
    assert case.patient.pregnant is True
    assert case.patient.gestation_weeks == weeks
    assessment = assess(case).cases[0].assessment
    assert "eswl" not in {t.id for t in assessment.treatments}
    assert "bisphosphonates" not in {t.id for t in assessment.treatments}


@pytest.mark.parametrize(
    "text",
    [
        "45F, MMSE 18/40, limited SSc with hard nodules on the fingertips.",
        "45F with limited SSc. In pregnant women calcinosis is rarely reported. Hard nodules on her fingertips.",
    ],
)
def test_no_pregnancy_from_a_score_or_the_literature(text: str) -> None:
    assert first_case(text).patient.pregnant is not True


def test_a_compact_age_that_ends_a_clause_after_a_comma() -> None:
    case = first_case("Post-op day 3 after parathyroidectomy, 47F. Firm white plaque at the old cannula site.")
    assert (case.patient.age_years, case.patient.sex) == (47, "female")


def test_a_french_catheter_size_mid_sentence_is_no_age() -> None:
    text = "A 60-year-old man on dialysis had a line inserted, 14F; firm white plaques formed on the thigh."
    assert first_case(text).patient.age_years == 60


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Haemodialysis patient, 61, with biopsy-proven calciphylaxis of the thighs. She is on warfarin.", 61),
        ("Peritoneal dialysis man, 58, painful necrotic ulcers of both calves; biopsy pending.", 58),
    ],
)
def test_a_person_noun_then_the_age_after_a_comma(text: str, age: int) -> None:
    assert first_case(text).patient.age_years == age
