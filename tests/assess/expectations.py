"""One checker for what a case must conclude: used by the golden cases and the per-rule examples."""

from __future__ import annotations

from typing import Any

from calcidx.assess.model import Assessment
from calcidx.knowledge.schema import KnowledgeBundle

KNOWN_KEYS = {
    "subtype",
    "not_subtype",
    "certainty",
    "not_certainty",
    "subform",
    "no_subform",
    "associated",
    "missing",
    "not_missing",
    "warnings",
    "warning",
    "no_warnings",
    "no_warning",
    "disagreement",
    "suggests",
    "not_suggests",
    "alternatives",
    "alternative",
    "not_alternatives",
    "fired",
    "not_fired",
    "derived",
    "alternative_certainty",
    "alternative_why",
}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def check(a: Assessment, expect: dict[str, Any], bundle: KnowledgeBundle) -> None:
    """Assert every expectation in ``expect`` (unknown keys are an error in the test data)."""
    assert set(expect) <= KNOWN_KEYS, set(expect) - KNOWN_KEYS
    fired_text = [f"{s.rule}: {s.conclusion}" for s in a.rationale if s.fired]
    if "subtype" in expect:
        assert a.subtype.code == expect["subtype"], fired_text
    if "not_subtype" in expect:
        assert a.subtype.code != expect["not_subtype"], fired_text
    if "certainty" in expect:
        assert a.subtype.certainty == expect["certainty"], fired_text
    if "not_certainty" in expect:
        assert a.subtype.certainty != expect["not_certainty"], fired_text
    if "subform" in expect:
        assert a.subform is not None and a.subform.code == expect["subform"], a.subform
    if expect.get("no_subform"):
        assert a.subform is None, a.subform
    for condition in expect.get("associated", []):
        assert condition in a.associated_conditions
    missing = {m.id for m in a.missing_workup}
    for test_id in _list(expect.get("missing", [])):
        assert test_id in missing, missing
    for test_id in _list(expect.get("not_missing", [])):
        assert test_id not in missing, missing
    codes = {w.code for w in a.warnings}
    for code in [*_list(expect.get("warnings", [])), *_list(expect.get("warning", []))]:
        assert code in codes, codes
    for code in [*_list(expect.get("no_warnings", [])), *_list(expect.get("no_warning", []))]:
        assert code not in codes, codes
    if expect.get("disagreement"):
        assert a.disagreements and all(d.refs for d in a.disagreements)
    if "suggests" in expect:
        assert any(expect["suggests"] in s for s in a.suggested_causes), a.suggested_causes
    if "not_suggests" in expect:
        assert not any(expect["not_suggests"] in s for s in a.suggested_causes), a.suggested_causes
    alternatives = {alt.code for alt in a.alternatives}
    for code in [*_list(expect.get("alternatives", [])), *_list(expect.get("alternative", []))]:
        assert code in alternatives, (alternatives, fired_text)
    by_code = {alt.code: alt for alt in a.alternatives}
    for code, certainty in expect.get("alternative_certainty", {}).items():
        assert code in by_code and by_code[code].certainty == certainty, (code, by_code.get(code))
    for code, words in expect.get("alternative_why", {}).items():
        assert code in by_code and words in by_code[code].why, (code, by_code.get(code))
    for code in _list(expect.get("not_alternatives", [])):
        assert code not in alternatives, alternatives
    steps = {s.rule.split("@")[0]: s.fired for s in a.rationale}
    for rule in _list(expect.get("fired", [])):
        assert steps.get(rule) is True, (rule, fired_text)
    for rule in _list(expect.get("not_fired", [])):
        assert not steps.get(rule, False), (rule, fired_text)
    for derived_id, interpretation in expect.get("derived", {}).items():
        found = {d.id: d.interpretation for d in a.derived_labs}
        assert found.get(derived_id) == interpretation, found
    # every step cites references that resolve and names a versioned rule; alternatives say why
    for step in a.rationale:
        assert "@" in step.rule
        assert step.refs and all(ref in bundle.references for ref in step.refs)
    for test in a.missing_workup:
        assert test.reason and all(ref in bundle.references for ref in test.refs)
    for alt in a.alternatives:
        assert alt.why and "@" in alt.rule
