"""The name index of a bundle: built once while the bundle lives, never another bundle's."""

from __future__ import annotations

import gc

import pytest

from calcidx.knowledge.loader import load_bundle
from calcidx.knowledge.names import name_index
from calcidx.knowledge.schema import KnowledgeBundle


def test_one_index_per_bundle_found_without_hashing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = load_bundle()
    first = name_index(bundle)
    found = first.find("End stage renal disease")
    assert found is not None and found.id in bundle.conditions

    def no_hash(self: object) -> int:
        raise AssertionError("the bundle was hashed: its hash walks every table (about 10 ms)")

    # the look-up goes by identity, so it never pays for the frozen bundle's hash
    monkeypatch.setattr(KnowledgeBundle, "__hash__", no_hash)
    assert name_index(bundle) is first


def test_a_changed_copy_gets_its_own_index() -> None:
    bundle = load_bundle()
    condition = next(iter(bundle.conditions.values()))
    renamed = condition.model_copy(update={"synonyms": [*condition.synonyms, "zzqx made up disease"]})
    custom = bundle.model_copy(update={"conditions": {**bundle.conditions, condition.id: renamed}})
    assert name_index(custom) is not name_index(bundle)
    found = name_index(custom).find("zzqx made up disease")
    assert found is not None and found.id == condition.id
    assert name_index(bundle).find("zzqx made up disease") is None
    del custom
    gc.collect()
    assert name_index(bundle).find("zzqx made up disease") is None
