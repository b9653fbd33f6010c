"""The ankle-brachial index: a ratio read without a unit, interpreted against the guideline's cut-off,
and a low value recorded as signs of peripheral arterial disease (the ischaemic-ulcer mimic of
calciphylaxis). Vignettes written for this project."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calcidx.knowledge.loader import data_dir
from calcidx.knowledge.validate import validate_bundle
from calcidx.public import assess

_ULCERS = "A 64-year-old man on hemodialysis had painful ulcers of the toes and heels."


@pytest.mark.parametrize(
    "sentence",
    [
        "The ankle-brachial index was 0.5.",
        "The ankle-brachial index (ABI) was measured: ABI 0.45 on the right.",
        "An ankle brachial index of 0.62.",
    ],
)
def test_a_low_index_is_the_arterial_mimic(sentence: str) -> None:
    case = assess(f"{_ULCERS} {sentence}").cases[0]
    abi = next(lab for lab in case.labs if lab.analyte == "ankle_brachial_index")
    assert abi.unit is None and abi.interpretation == "low"
    assert not any("ankle" in w.lower() and "unit" in w.lower() for w in case.assessment.warnings)
    assert case.assessment.subtype.code != "calciphylaxis"
    assert case.assessment.differential[0].id == "atherosclerotic_or_diabetic_ulcer"


@pytest.mark.parametrize(("value", "interpretation"), [("1.1", "normal"), ("0.95", "normal"), ("1.6", "high")])
def test_a_normal_borderline_or_stiff_index_is_no_arterial_sign(value: str, interpretation: str) -> None:
    case = assess(f"{_ULCERS} The ankle-brachial index was {value}.").cases[0]
    abi = next(lab for lab in case.labs if lab.analyte == "ankle_brachial_index")
    assert abi.interpretation == interpretation
    assert case.assessment.subtype.code == "calciphylaxis"


def test_implies_when_low_must_name_a_concept(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for source in data_dir().iterdir():
        if source.is_file():
            (folder / source.name).write_bytes(source.read_bytes())
    raw = yaml.safe_load((folder / "analytes.yaml").read_text(encoding="utf-8"))
    next(a for a in raw["analytes"] if a["id"] == "ankle_brachial_index")["implies_when_low"] = "no_such_concept"
    (folder / "analytes.yaml").write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    problems = validate_bundle(folder, check_hpo=False).problems
    assert any("no_such_concept" in p for p in problems), problems


@pytest.mark.parametrize(
    "sentence",
    ["GALNT3 was sequenced on an ABI 3130 Genetic Analyzer.", "He had an acquired brain injury (ABI) 3 years ago."],
)
def test_abi_undefined_by_the_text_is_no_index(sentence: str) -> None:
    case = assess(f"{_ULCERS} {sentence}").cases[0]
    assert not any(lab.analyte == "ankle_brachial_index" for lab in case.labs)
