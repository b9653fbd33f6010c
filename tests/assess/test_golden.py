"""Golden structured cases and the per-rule examples kept beside each rule in ``rules.yaml``."""

from __future__ import annotations

from typing import Any

import pytest

from calcidx.assess.api import assess_case
from calcidx.case.model import Case
from calcidx.knowledge.loader import load_bundle
from calcidx.knowledge.schema import KnowledgeBundle
from tests.assess.expectations import check
from tests.conftest import golden_cases

GOLDEN = golden_cases()
EXAMPLES = [
    (f"{rule.id}: {example.name}", example.case, example.expect)
    for rule in load_bundle().rules.values()
    for example in rule.examples
]
#: rules that are not pathway steps (a list, a ranking) or are emitted only when they apply
NOT_STEPS = {"workup.missing", "differential.inherited", "treatment.pregnancy_unknown"}
ONLY_WHEN_APPLIED = {
    "subtype.stated_by_source",
    "subtype.undetermined",
    "subtype.resolution",
    "labs.calcium_status",
    "labs.egfr_from_creatinine",
    "subform.extent",
    "subform.calciphylaxis_setting",
    "subform.heel_stick",
    "subform.subepidermal_calcified_nodule",
    "subform.scrotal_calcinosis",
    "subform.milia_like_calcinosis",
    "subform.tumoral_calcinosis",
}


@pytest.mark.parametrize(("name", "data"), GOLDEN, ids=[name for name, _ in GOLDEN])
def test_golden_case(name: str, data: dict[str, Any], bundle: KnowledgeBundle) -> None:
    a = assess_case(Case.model_validate(data["case"]), bundle, guidance=False)
    assert a.rationale
    check(a, data["expect"], bundle)


@pytest.mark.parametrize(("name", "case", "expect"), EXAMPLES, ids=[name for name, _, _ in EXAMPLES])
def test_rule_example(name: str, case: dict[str, Any], expect: dict[str, Any], bundle: KnowledgeBundle) -> None:
    check(assess_case(Case.model_validate(case), bundle, guidance=False), expect, bundle)


def test_every_pathway_rule_has_examples(bundle: KnowledgeBundle) -> None:
    steps = {r for r in bundle.rules if r.startswith(("lesion.", "subtype.", "labs.")) and r not in NOT_STEPS}
    without = steps - ONLY_WHEN_APPLIED - {"subtype.stated_by_source", "subtype.undetermined"}
    assert {r for r in without if not bundle.rules[r].examples} == set()


def test_golden_cover_every_subtype_and_subform() -> None:
    subtypes = {data["expect"].get("subtype") for _, data in GOLDEN}
    assert subtypes >= {
        "dystrophic",
        "metastatic",
        "idiopathic",
        "iatrogenic",
        "calciphylaxis",
        "undetermined",
        "not_calcinosis",
    }
    subforms = {data["expect"].get("subform") for _, data in GOLDEN}
    assert subforms >= {
        "subepidermal_calcified_nodule",
        "scrotal_calcinosis",
        "milia_like_calcinosis",
        "tumoral_calcinosis",
        "hftc",
        "calciphylaxis_uremic",
        "calciphylaxis_nonuremic",
        "heel_stick_calcinosis",
    }


def test_golden_cover_colliding_subtype_pairs(bundle: KnowledgeBundle) -> None:
    """At least one golden case per pair of subtypes that can collide (winner, alternative)."""
    pairs: set[frozenset[str]] = set()
    for _, data in GOLDEN:
        a = assess_case(Case.model_validate(data["case"]), bundle, guidance=False)
        pairs |= {frozenset({a.subtype.code, alt.code}) for alt in a.alternatives}
    colliding = [
        {"calciphylaxis", "metastatic"},
        {"calciphylaxis", "dystrophic"},
        {"iatrogenic", "dystrophic"},
        {"iatrogenic", "metastatic"},
        {"metastatic", "dystrophic"},
        {"not_calcinosis", "calciphylaxis"},
        {"undetermined", "calciphylaxis"},
    ]
    assert [p for p in colliding if frozenset(p) not in pairs] == []


def test_every_rule_fires_somewhere_and_is_rejected_somewhere(bundle: KnowledgeBundle) -> None:
    """Every pathway rule fires in some golden case or example, and is evaluated and rejected in another.

    A rule that never ran in a case is not "rejected" there: only a step shown with fired=False counts.
    """
    fired: set[str] = set()
    rejected: set[str] = set()
    cases = [data["case"] for _, data in GOLDEN] + [case for _, case, _ in EXAMPLES]
    for case in cases:
        a = assess_case(Case.model_validate(case), bundle, guidance=False)
        for step in a.rationale:
            (fired if step.fired else rejected).add(step.rule.split("@")[0])
    rules = set(bundle.rules) - NOT_STEPS
    assert rules - fired == set(), "rules never fired"
    assert rules - ONLY_WHEN_APPLIED - rejected == set(), "rules never evaluated and rejected"
