"""The rule data the pathway reads is validated like code: broken names and tables are reported."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from calcidx.knowledge.loader import data_dir
from calcidx.knowledge.validate import validate_bundle


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _edit_rules(folder: Path, mutate: Any) -> None:
    path = folder / "rules.yaml"
    data = yaml.safe_load(path.read_text())
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def _rule(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def test_broken_rule_references_are_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def breaks(data: dict[str, Any]) -> None:
        _rule(data, "subtype.idiopathic.pattern")["params"]["ctd_panel_workup"] = "no_such_panel"
        _rule(data, "subtype.calciphylaxis.red_flags")["params"]["renal_settings"].append("no_such_concept")
        _rule(data, "subtype.metastatic.branch")["patterns"][0]["labs"]["no_such_analyte"] = ["high"]
        data["resolution"]["order"].append("no_such_subtype")
        del data["resolution"]["certainty"]["table"]["probable"]["imaging"]

    _edit_rules(folder, breaks)
    problems = "\n".join(validate_bundle(folder, check_hpo=False).problems)
    for name in ("no_such_panel", "no_such_concept", "no_such_analyte", "no_such_subtype", "certainty[probable]"):
        assert name in problems, problems


def test_missing_resolution_table_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit_rules(folder, lambda data: data.pop("resolution"))
    assert any("resolution" in p for p in validate_bundle(folder, check_hpo=False).problems)


def test_workup_skip_names_are_checked(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "workup.yaml"
    data = yaml.safe_load(path.read_text())
    next(w for w in data["workup"] if w["id"] == "renal_function")["skip_if_present"] = ["no_such_concept"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert any("no_such_concept" in p for p in validate_bundle(folder, check_hpo=False).problems)
