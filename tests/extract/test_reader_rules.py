"""The examples kept beside the age, lab-cue and ConText rules hold through the reader."""

from __future__ import annotations

import pytest

from calcidx.extract.rules import (
    ContextTrigger,
    ZoneRule,
    load_age_rules,
    load_carer_rules,
    load_current_value_rules,
    load_lab_cue_pseudo_before_rules,
    load_lab_cue_pseudo_rules,
    load_rules,
)
from calcidx.public import extract

AGE_EXAMPLES = [(rule.id, text, years) for rule in load_age_rules() for text, years in rule.examples]
AGE_COUNTER = [(rule.id, text) for rule in load_age_rules() for text in rule.counter_examples]
CARER_EXAMPLES = [(rule.id, text) for rule in load_carer_rules().rules for text in rule.examples]
CARER_COUNTER = [(rule.id, text) for rule in load_carer_rules().rules for text in rule.counter_examples]
PSEUDO = load_lab_cue_pseudo_rules()
# rules searched in a window of text (the lab cues' "before" rules end where the cue begins)
SCOPE = [
    *load_rules().scope_rules.values(),
    *load_rules().site_anaphora,
    *load_rules().site_involvement,
    *load_lab_cue_pseudo_before_rules(),
    *load_current_value_rules(),
]


@pytest.mark.parametrize(("rule_id", "text", "years"), AGE_EXAMPLES)
def test_age_rule_examples(rule_id: str, text: str, years: float) -> None:
    cases = extract(text).cases
    assert cases, (rule_id, text)
    assert cases[0].patient.age_years == pytest.approx(years), (rule_id, text)


@pytest.mark.parametrize(("rule_id", "text"), AGE_COUNTER)
def test_age_rule_counter_examples(rule_id: str, text: str) -> None:
    assert all(case.patient.age_years is None for case in extract(text, mode="note").cases), (rule_id, text)


@pytest.mark.parametrize(("rule_id", "text"), CARER_EXAMPLES)
def test_carer_rule_examples_make_the_child_the_patient(rule_id: str, text: str) -> None:
    cases = extract(text).cases
    assert len(cases) == 1, (rule_id, text)
    assert cases[0].patient.age_years is not None and cases[0].patient.age_years < 18, (rule_id, text)


@pytest.mark.parametrize(("rule_id", "text"), CARER_COUNTER)
def test_carer_rule_counter_examples_keep_the_adult(rule_id: str, text: str) -> None:
    cases = extract(text).cases
    assert cases and cases[0].patient.age_years is not None and cases[0].patient.age_years >= 18, (rule_id, text)


@pytest.mark.parametrize("rule", PSEUDO, ids=[r.id for r in PSEUDO])
def test_pseudo_cue_examples(rule: ZoneRule) -> None:
    assert rule.examples, rule.id
    for example in rule.examples:
        assert rule.pattern.match(example), (rule.id, example)
    for example in rule.counter_examples:
        assert not rule.pattern.match(example), (rule.id, example)


@pytest.mark.parametrize("rule", SCOPE, ids=[r.id for r in SCOPE])
def test_scope_site_anaphora_and_pseudo_cue_before_rule_examples(rule: ZoneRule) -> None:
    assert rule.examples and rule.counter_examples, rule.id
    for example in rule.examples:
        assert rule.pattern.search(example), (rule.id, example)
    for example in rule.counter_examples:
        assert not rule.pattern.search(example), (rule.id, example)


@pytest.mark.parametrize(
    ("sentence", "analyte", "interpretation"),
    [
        ("Serum phosphate was 2.9 mmol/L (normal range 0.8-1.5).", "phosphate", "high"),
        ("Her PTH was 9 pg/mL (normal: 15-65 pg/mL).", "pth", "low"),
        ("Calcium was normal at 9.4 mg/dL.", "calcium", "normal"),
    ],
)
def test_a_printed_range_label_is_not_an_interpretation(sentence: str, analyte: str, interpretation: str) -> None:
    case = extract(f"A 50-year-old man had nodules on the elbow. {sentence}").cases[0]
    assert [lab.interpretation for lab in case.labs if lab.analyte == analyte] == [interpretation], sentence


BACKWARD_NEGATIONS = [t for t in load_rules().triggers if t.direction == "backward" and t.category == "absent"]


@pytest.mark.parametrize("trigger", [t for t in BACKWARD_NEGATIONS if t.examples], ids=lambda t: t.id)
def test_backward_negation_examples(trigger: ContextTrigger) -> None:
    for example in trigger.examples:
        case = extract(f"A 50-year-old woman had nodules on the elbow. {example}").cases[0]
        negated = [f for f in [*case.findings, *case.exposures] if f.trigger == trigger.phrase]
        assert negated and all(f.assertion == "absent" for f in negated), (
            example,
            case.findings,
            case.exposures,
        )


@pytest.mark.parametrize(
    "sentence",
    [
        "Her mother, a woman of 70 years, had lupus.",
        "A woman of great age was seen in clinic.",
    ],
)
def test_a_relative_or_no_number_gives_the_patient_no_age(sentence: str) -> None:
    case = extract(f"A 30-year-old woman had nodules on the elbow. {sentence}").cases[0]
    assert case.patient.age_years == 30
