"""Every rule of concept_patterns.yaml reads its examples and none of its counter-examples."""

from __future__ import annotations

import pytest

from calcidx.extract.rules import ConceptPattern, load_concept_patterns
from calcidx.extract.vocabulary import TABLES
from calcidx.knowledge.loader import load_bundle
from tests.extract.reading import first_case

PATTERNS = load_concept_patterns()


def _concepts(text: str) -> dict[str, str]:
    case = first_case(f"A 50-year-old woman had painful plaques. {text}")
    return {f.concept: f.assertion for f in [*case.findings, *case.exposures]}


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.rule.id)
def test_each_example_gives_the_concept(pattern: ConceptPattern) -> None:
    assert pattern.rule.examples
    for example in pattern.rule.examples:
        assert _concepts(example).get(pattern.concept) == "present", example


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.rule.id)
def test_no_counter_example_gives_it(pattern: ConceptPattern) -> None:
    for example in pattern.rule.counter_examples:
        assert pattern.concept not in _concepts(example), example


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.rule.id)
def test_each_rule_names_a_concept_of_the_vocabulary(pattern: ConceptPattern) -> None:
    assert pattern.table in TABLES
    assert load_bundle().concept(pattern.concept) is not None


def test_a_negated_pattern_mention_is_absent() -> None:
    text = "She was started on warfarin. No lesions appeared five days later; they came a year on."
    assert _concepts(text).get("warfarin_recently_started") != "present"
