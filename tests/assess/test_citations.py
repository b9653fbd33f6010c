"""Which references an assessment cites: every ``refs`` list and every ``[KEY]`` token, first use first."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from calcidx.assess.citations import cited_keys, keys_in_text
from calcidx.knowledge.schema import KnowledgeBundle
from calcidx.service import assess_input

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "case-idiopathic-fingertips.json"


def _walk(value: Any, known: Collection[str]) -> Iterator[str]:
    """The plain recursive reading of the rule, as the oracle."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "refs" and isinstance(item, list):
                yield from (str(ref) for ref in item)
            else:
                yield from _walk(item, known)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, known)
    elif isinstance(value, str):
        yield from keys_in_text(value, known)


def test_refs_lists_and_text_tokens_in_order_of_first_use() -> None:
    known = {"a2020", "b2019", "c2001"}
    value = {
        "why": "as shown [b2019, a2020] and [unknown]",
        "steps": [{"refs": ["c2001", "b2019"]}, {"text": "again [c2001]", "refs": []}],
        "refs": ["a2020"],
    }
    assert cited_keys(value, known) == ["b2019", "a2020", "c2001"]
    assert cited_keys("no tokens here", known) == []


def test_a_real_assessment_cites_what_the_plain_walk_finds(bundle: KnowledgeBundle) -> None:
    doc = assess_input(EXAMPLE.read_bytes(), filename=EXAMPLE.name)
    dumped = [case.assessment.model_dump(mode="json") for case in doc.cases]
    expected = list(dict.fromkeys(_walk(dumped, bundle.references)))
    assert len(expected) > 3
    assert cited_keys(dumped, bundle.references) == expected
    assert [ref.id for ref in doc.references] == expected


def test_a_model_cites_what_its_json_dump_cites(bundle: KnowledgeBundle) -> None:
    doc = assess_input(EXAMPLE.read_bytes(), filename=EXAMPLE.name)
    models = [case.assessment for case in doc.cases]
    dumped = [model.model_dump(mode="json") for model in models]
    assert cited_keys(models, bundle.references) == cited_keys(dumped, bundle.references)
    # the whole output too (evidence texts, nested dicts of codes)
    assert cited_keys(doc, bundle.references) == cited_keys(doc.model_dump(mode="json"), bundle.references)


def test_reference_entries_are_the_knowledge_references_frozen(bundle: KnowledgeBundle) -> None:
    import pytest
    from pydantic import ValidationError

    from calcidx.assess.citations import reference_entries

    keys = [*list(bundle.references)[:3], "no-such-key"]
    first = reference_entries(keys, bundle)
    second = reference_entries(keys, bundle)
    assert [entry.id for entry in first] == keys[:3]
    assert [entry.model_dump() for entry in first] == [entry.model_dump() for entry in second]
    for entry in first:
        ref = bundle.references[entry.id]
        assert (entry.citation, entry.kind, entry.doi) == (ref.citation, ref.kind, ref.doi)
        assert entry.supports == ref.supports
    with pytest.raises(ValidationError):
        first[0].citation = "changed"  # shared between reports: never changed in place
