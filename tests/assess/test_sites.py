"""Exposure site against lesion site: at the site, drains to it, or unrelated (the other side never)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from calcidx.assess.sites import drainage, site_matches, site_relation
from calcidx.knowledge.loader import data_dir
from calcidx.knowledge.schema import KnowledgeBundle, Rule
from calcidx.knowledge.validate import validate_bundle

RULE = "subtype.iatrogenic.exposure_at_site"


@pytest.fixture
def rule(bundle: KnowledgeBundle) -> Rule:
    return bundle.rule(RULE)


@pytest.mark.parametrize(
    ("exposure", "lesion", "side", "expected"),
    [
        ("right hand", "right hand", "right", "at"),
        ("dorsum of the right hand", "right wrist", None, "at"),
        ("dorsum of the right hand", "right forearm", "right", "drains"),
        ("right antecubital fossa", "right arm", None, "drains"),
        ("left foot", "left shin", "left", "drains"),
        ("right femoral vein", "right flank", "right", "drains"),
        ("scalp vein", "scalp", None, "at"),
        ("hand", "forearm", "left", "drains"),  # no side recorded for the exposure: nothing conflicts
    ],
)
def test_at_or_drains_to(rule: Rule, exposure: str, lesion: str, side: str | None, expected: str) -> None:
    assert site_relation(exposure, lesion, side, rule) == expected
    assert site_matches(exposure, lesion, side, rule)


@pytest.mark.parametrize(
    ("exposure", "lesion", "side"),
    [
        ("right hand", "left hand", "left"),  # the other hand
        ("right hand", "left forearm", "left"),  # drains only on its own side
        ("right hand", "forearm", "left"),  # side given on the lesion only
        ("left hand", "right elbow", "right"),
        ("right hand", "right foot", "right"),  # another limb
        ("right foot", "right forearm", "right"),
        ("right forearm", "right hand", "right"),  # one way: proximal spread only
        ("right leg", "right foot", "right"),
        ("scalp", "right hand", "right"),
        ("right femoral vein", "left flank", "left"),
    ],
)
def test_other_side_or_limb_never_matches(rule: Rule, exposure: str, lesion: str, side: str | None) -> None:
    assert site_relation(exposure, lesion, side, rule) is None
    assert not site_matches(exposure, lesion, side, rule)


def test_drainage_is_data_with_sources(rule: Rule, bundle: KnowledgeBundle) -> None:
    pairs = drainage(rule)
    assert pairs and all(source and target for source, target in pairs)
    assert {"JMCR22-ICC", "NM14-VENOUS", "KAGEN-CUTIS", "APS21-DISTANT"} <= set(rule.refs)
    assert all(ref in bundle.references for ref in rule.refs)


def test_a_malformed_drains_to_entry_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    path = folder / "rules.yaml"
    data = yaml.safe_load(path.read_text())
    rule = next(r for r in data["rules"] if r["id"] == RULE)
    rule["params"]["drains_to"].append("hand forearm")
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    problems = validate_bundle(folder, check_hpo=False).problems
    assert any("drains_to entry 'hand forearm'" in p for p in problems), problems
