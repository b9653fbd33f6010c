"""Features read from a histology sentence's words (``histology_findings.yaml``), through the reader."""

from __future__ import annotations

import pytest

from calcidx.extract.rules import load_histology_finding_rules
from calcidx.public import extract

RULES = load_histology_finding_rules()
EXAMPLES = [(rule.id, rule.concept, text) for rule in RULES.rules for text in rule.examples]
COUNTER = [(rule.id, rule.concept, text) for rule in RULES.rules for text in rule.counter_examples]
OPENING = "A 61-year-old woman had painful plaques on both thighs. "


def _histology_concepts(sentence: str) -> set[str]:
    case = extract(OPENING + sentence, mode="note").cases[0]
    return {c for obs in case.histology for c in obs.concepts}


def test_every_rule_has_examples_and_counter_examples() -> None:
    assert RULES.rules
    for rule in RULES.rules:
        assert rule.examples and rule.counter_examples, rule.id


@pytest.mark.parametrize(("rule_id", "concept", "text"), EXAMPLES)
def test_rule_examples_give_the_concept(rule_id: str, concept: str, text: str) -> None:
    assert concept in _histology_concepts(text), (rule_id, text)


@pytest.mark.parametrize(("rule_id", "concept", "text"), COUNTER)
def test_rule_counter_examples_do_not(rule_id: str, concept: str, text: str) -> None:
    assert concept not in _histology_concepts(text), (rule_id, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The punch biopsy showed arterioles in the subcutaneous fat with calcified walls.",
        "On histology, tiny dermal vessels were calcified and partly occluded.",
        "Microscopy found calcification along the walls of small vessels of the subcutis.",
    ],
)
def test_vessel_and_calcification_apart_are_vascular_calcification(sentence: str) -> None:
    assert "vascular_calcification_histology" in _histology_concepts(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The biopsy from the edge of the wound proved calciphylaxis.",
        "Histopathological examination was in keeping with calciphylaxis.",
        "A second skin biopsy confirmed calcific uraemic arteriolopathy.",
    ],
)
def test_a_biopsy_read_as_calciphylaxis_is_reported(sentence: str) -> None:
    assert "calciphylaxis_histology_reported" in _histology_concepts(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Because calciphylaxis was feared, a biopsy was done to confirm calciphylaxis.",
        "The biopsy could confirm neither vasculitis nor calciphylaxis.",
        "A skin biopsy raised the possibility of calciphylaxis.",
        "Histology of the lesion showed necrosis and was not consistent with calciphylaxis.",
    ],
)
def test_plans_hedges_and_negations_give_nothing(sentence: str) -> None:
    assert "calciphylaxis_histology_reported" not in _histology_concepts(sentence)


def test_a_sentence_without_histology_words_is_not_read() -> None:
    # the same words outside a histology sentence are not a biopsy result
    case = extract(OPENING + "Her doctors thought the vessels had calcified.", mode="note").cases[0]
    assert not any("vascular_calcification_histology" in obs.concepts for obs in case.histology)
