"""The patient-zone rules: every rule's examples, and texts that must (not) yield a patient."""

from __future__ import annotations

import pytest

from calcidx.errors import InputError
from calcidx.extract.pipeline import extract
from calcidx.extract.rules import load_zone_rules

RULES = load_zone_rules().rules


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_zone_rule_matches_its_examples_and_not_its_counter_examples(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.examples, f"{rule_id} has no examples"
    for example in rule.examples:
        assert rule.pattern.search(example), f"{rule_id} misses its example {example!r}"
    for example in rule.counter_examples:
        assert not rule.pattern.search(example), f"{rule_id} matches its counter-example {example!r}"


LETTER = """Nodular calcification after warfarin
How to cite this article: Okafor BN, Lindqvist PA. Nodular calcification after warfarin. Some J Derm 2014;3:12.
Sir,
Calcific vasculopathy mostly affects people on dialysis, and only a minority of cases occur with normal kidneys.
We report such a case in a man whose kidneys worked normally throughout the illness.
A 58-year-old man with atrial fibrillation treated with warfarin for six years developed painful plaques.
He had no renal disease.
"""


def test_a_letter_below_a_citation_block_is_a_case() -> None:
    doc = extract(LETTER)
    assert doc.document.kind == "case_report"
    assert len(doc.cases) == 1
    assert (doc.cases[0].patient.age_years, doc.cases[0].patient.sex) == (58, "male")


def test_a_newborn_without_an_age_is_a_patient() -> None:
    text = (
        "Calcified plaque after a drip\n"
        "A preterm newborn on the neonatal unit developed a hard plaque on the back of the hand. "
        "The infant had received intravenous calcium through that hand. "
        "The plaque softened over six weeks without treatment."
    )
    doc = extract(text)
    assert len(doc.cases) == 1
    assert not doc.warnings


def test_only_references_to_the_patient_give_one_patient_with_a_warning() -> None:
    text = (
        "Clinic letter\n"
        "The patient came back to the clinic with the same hard lumps on her fingers. "
        "She said they discharged a white paste now and then. "
        "Her hands were otherwise normal on examination."
    )
    doc = extract(text, mode="article")
    assert len(doc.cases) == 1
    assert doc.warnings and "check the case" in doc.warnings[0]


def test_a_review_has_no_case_and_says_why() -> None:
    text = (
        "Calcinosis in connective tissue disease: a systematic review\n"
        "Abstract\n"
        "We identified 214 patients in 96 reports published between 1980 and 2020. "
        "Calcinosis was most frequent in systemic sclerosis and dermatomyositis. "
        "Patients with longer disease duration had more deposits."
    )
    doc = extract(text)
    assert doc.cases == []
    assert doc.document.kind == "review"
    assert any("review" in w for w in doc.warnings)


def test_a_disease_page_has_no_case() -> None:
    text = (
        "Calcinosis cutis\n"
        "Calcinosis cutis is the deposition of calcium salts in the skin. "
        "It is classified into dystrophic, metastatic, idiopathic and iatrogenic forms. "
        "Treatment depends on the cause."
    )
    doc = extract(text)
    assert doc.cases == []
    assert doc.warnings and "no case" in doc.warnings[0]


@pytest.mark.parametrize(
    "note",
    [
        "45F with limited SSc, hard nodules on fingertips for 2 yrs. Ca 9.4, phos 3.1. Plan: diltiazem.",
        "Pt w/ ESRD on HD x 6 yrs, new painful purpura on thighs. 63M. PTH 900.",
        "Age: 45\nSex: female\nHistory: dermatomyositis\nFindings: calcified nodules on both elbows",
    ],
)
def test_a_note_or_form_is_one_patient(note: str) -> None:
    doc = extract(note)
    assert len(doc.cases) == 1
    patient = doc.cases[0].patient
    assert patient.age_years in (45.0, 63.0) and patient.sex in ("female", "male")


def test_note_mode_reads_the_whole_text_as_one_patient() -> None:
    text = "A 40-year-old woman with nodules.\n\nA 70-year-old man with ulcers."
    assert len(extract(text, mode="note").cases) == 1


def test_an_unknown_mode_is_a_one_line_input_error() -> None:
    with pytest.raises(InputError, match="mode 'paper' is not allowed"):
        extract("A 40-year-old woman with nodules.", mode="paper")


def test_a_text_in_another_language_gets_a_clear_warning() -> None:
    text = (
        "Une femme de 45 ans présentait des nodules durs sur les doigts depuis deux ans. "
        "Elle souffrait d'une sclérodermie systémique limitée. Les radiographies montraient des calcifications "
        "dans les tissus mous des pulpes digitales. Le bilan phosphocalcique était normal. Un traitement par "
        "diltiazem a été débuté avec une amélioration partielle des douleurs au bout de six mois de suivi."
    )
    doc = extract(text)
    assert any("does not read as English" in w for w in doc.warnings)


def test_a_short_note_about_an_unintroduced_newborn_is_one_patient_with_a_warning() -> None:
    from calcidx import extract

    text = (
        "Calcified plaque after an infusion\n\n"
        "A hard band formed along the left shin of a premature baby after a drip had leaked. "
        "The small premature baby had received calcium gluconate for low calcium on day 3. "
        "The tiny newborn was otherwise thriving."
    )
    document = extract(text)
    assert len(document.cases) == 1
    assert any("no sentence introduces the patient" in w for w in document.warnings)


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        (
            "Scrotal nodules: report of 2 cases\n\nAbstract\n\nWe treated 2 cases and review the literature. "
            "Our patients were 41 and 57 years old and had many hard scrotal nodules.",
            [41.0, 57.0],
        ),
        (
            "Two cases of ulcerated tophi\n\nAbstract\n\nTwo cases were seen, an elderly woman and a young man, "
            "both with ulcers on the toes.\n\nCase 1: An 88-year-old woman had an ulcer on the big toe.",
            [88.0, None],
        ),
    ],
)
def test_announced_patients_enumerated_after_the_title(text: str, ages: list[float | None]) -> None:
    from calcidx import extract

    document = extract(text)
    assert [c.patient.age_years for c in document.cases] == ages


def test_a_group_sentence_with_a_different_count_does_not_add_patients() -> None:
    from calcidx import extract

    text = (
        "Report of 2 cases\n\nAbstract\n\nWe saw 2 cases. Our patients were 30, 45 and 60 years old in the "
        "wider cohort.\n\nCase 1: A 30-year-old man had nodules.\n\nCase 2: A 45-year-old man had nodules."
    )
    assert [c.patient.age_years for c in extract(text).cases] == [30.0, 45.0]


def test_a_record_field_paragraph_after_the_case_is_the_patients() -> None:
    """'Allergies: ...' or 'Current medications: ...' on a line of its own after the case paragraph
    continues the case (zones.yaml exam_opener): a drug allergy there withholds that drug."""
    from calcidx.public import assess, extract

    text = (
        "A 41-year-old woman with limited systemic sclerosis has hard white nodules on three fingertips; "
        "radiographs show calcified deposits.\n\nAllergies: minocycline (rash), penicillin.\n"
    )
    (case,) = extract(text).cases
    present = {f.concept for f in case.findings if f.assertion == "present"}
    assert {"tetracycline_allergy", "penicillin_allergy"} <= present
    offered = {t.id for t in assess(case).cases[0].assessment.treatments}
    assert "minocycline" not in offered
