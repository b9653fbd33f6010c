"""`calcidx assess CASE.json` loads only what a Case needs: no spaCy, no readers, no pint for listed
units, no web stack, and the same answer as a warm process (the speed itself is in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "case-idiopathic-fingertips.json"

_RUN = textwrap.dedent(
    """
    import json, sys
    sys.argv = ["calcidx", "assess", sys.argv[1], "--format", "json"]
    from calcidx.cli.main import main
    try:
        main()
    except SystemExit as exit:
        code = exit.code
    sys.stdout.flush()
    print("\\nMODULES " + json.dumps({"code": code, "modules": sorted(sys.modules)}))
    """
)

#: Modules a Case JSON must not load: the extractor and its readers, the unit parser (listed units
#: come from the shipped factors), the array and web stacks, the exchange formats.
_NOT_LOADED = (
    "spacy",
    "numpy",
    "pint",
    "dask",
    "pandas",
    "fastapi",
    "starlette",
    "jinja2",
    "fhir",
    "google.protobuf",
    "calcidx.extract.readers",
    "calcidx.extract.pipeline",
    "calcidx.extract.rules",
    "calcidx.interop.fhir_in",
    "calcidx.registry",
    "calcidx.api",
)


def _run(path: Path) -> tuple[str, dict[str, object]]:
    proc = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, timeout=300)
    output, _, tail = proc.stdout.rpartition("\nMODULES ")
    return output, json.loads(tail)


def test_a_case_json_loads_neither_the_extractor_nor_pint_nor_the_web_stack() -> None:
    output, info = _run(EXAMPLE)
    assert info["code"] == 0, output
    modules = info["modules"]
    assert isinstance(modules, list)
    loaded = [name for name in _NOT_LOADED if any(m == name or m.startswith(name + ".") for m in modules)]
    assert loaded == []
    assert "calcidx.assess.api" in modules  # it did assess


def test_the_cold_answer_is_the_warm_answer() -> None:
    from calcidx.service import assess_input

    output, info = _run(EXAMPLE)
    assert info["code"] == 0
    warm = assess_input(EXAMPLE.read_bytes(), filename=str(EXAMPLE)).model_dump(mode="json")
    cold = json.loads(output)
    assert cold == warm
    labs = cold["cases"][0]["labs"]
    assert {lab["analyte"]: lab["interpretation"] for lab in labs}["calcium"] == "normal"


def test_a_lab_in_an_unlisted_unit_still_converts_through_pint(tmp_path: Path) -> None:
    case = json.loads(EXAMPLE.read_text())
    case["labs"] = [{"analyte": "calcium", "value": 2.4, "unit": "mmol/dL"}]  # parseable, not listed
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    output, info = _run(path)
    assert info["code"] == 0, output
    assert "pint" in info["modules"]
