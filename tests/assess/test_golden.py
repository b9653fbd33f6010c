"""Golden structured cases: each assessed to the expected subtype with a fully cited rationale."""

from __future__ import annotations

from typing import Any

import pytest

from calcidx.assess.api import assess_case
from calcidx.case.model import Case
from calcidx.knowledge.schema import KnowledgeBundle
from tests.conftest import golden_cases

GOLDEN = golden_cases()


@pytest.mark.parametrize(("name", "data"), GOLDEN, ids=[name for name, _ in GOLDEN])
def test_golden_case(name: str, data: dict[str, Any], bundle: KnowledgeBundle) -> None:
    case = Case.model_validate(data["case"])
    expect = data["expect"]
    a = assess_case(case, bundle, guidance=False)
    assert a.subtype.code == expect["subtype"], [s.conclusion for s in a.rationale if s.fired]
    if "certainty" in expect:
        assert a.subtype.certainty == expect["certainty"]
    if "subform" in expect:
        assert a.subform is not None and a.subform.code == expect["subform"]
    for condition in expect.get("associated", []):
        assert condition in a.associated_conditions
    missing = {m.id for m in a.missing_workup}
    for test_id in expect.get("missing", []):
        assert test_id in missing, missing
    codes = {w.code for w in a.warnings}
    for code in expect.get("warnings", []):
        assert code in codes
    if expect.get("disagreement"):
        assert a.disagreements and all(d.refs for d in a.disagreements)
    if "suggests" in expect:
        assert any(expect["suggests"] in s for s in a.suggested_causes), a.suggested_causes
    # every step of the rationale cites references that resolve, and names a versioned rule
    assert a.rationale
    for step in a.rationale:
        assert "@" in step.rule
        assert step.refs and all(ref in bundle.references for ref in step.refs)
    for test in a.missing_workup:
        assert test.reason and all(ref in bundle.references for ref in test.refs)


def test_golden_cover_every_subtype_and_subform() -> None:
    subtypes = {data["expect"]["subtype"] for _, data in GOLDEN}
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


def test_every_rule_fires_in_some_golden_case_and_is_rejected_in_another(bundle: KnowledgeBundle) -> None:
    """Every pathway rule is exercised for (fired) and against (evaluated and not fired, or absent)."""
    fired: set[str] = set()
    rejected: set[str] = set()
    for _, data in GOLDEN:
        a = assess_case(Case.model_validate(data["case"]), bundle, guidance=False)
        steps = {s.rule.split("@")[0]: s.fired for s in a.rationale}
        fired |= {rule for rule, did in steps.items() if did}
        rejected |= {rule for rule in bundle.rules if not steps.get(rule, False)}
    rules = set(bundle.rules) - {"workup.missing"}  # the work-up is a list, not a step
    assert rules - fired == set(), "rules never fired by a golden case"
    assert rules - rejected == set()
