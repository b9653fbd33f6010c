"""The command line, run as a real process: reports, JSON, schema, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "case-idiopathic-fingertips.json"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calcidx", *args], capture_output=True, text=True, input=stdin, timeout=120
    )


def test_assess_text_report() -> None:
    proc = run("assess", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert "Idiopathic" in proc.stdout
    assert "Missing work-up" in proc.stdout
    assert "HPO" in proc.stdout and "judgement" in proc.stdout


def test_assess_json_contract() -> None:
    proc = run("assess", str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assessment = doc["cases"][0]["assessment"]
    assert assessment["subtype"]["code"] == "idiopathic"
    assert all(step["refs"] for step in assessment["rationale"])
    assert doc["knowledge"]["hpo_release"]


def test_assess_markdown_and_stdin() -> None:
    proc = run("assess", "-", "--format", "markdown", stdin=EXAMPLE.read_text())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# CalciDx assessment")
    assert "## References" in proc.stdout


def test_schema_case() -> None:
    proc = run("schema", "case")
    schema = json.loads(proc.stdout)
    assert "patient" in schema["properties"] and "labs" in schema["properties"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "not valid JSON"),
        ('{"patient": {"age_years": "forty"}}', "patient.age_years"),
        ('{"patient": {"age_years": -3}}', "greater than or equal to 0"),
        ('{"labs": [{"analyte": "calcium", "value": 9, "unit": "furlongs"}]}', "unknown unit 'furlongs'"),
        ('{"labs": [{"analyte": "calcium_level", "value": 9, "unit": "mg/dL"}]}', "unknown analyte"),
        ('{"patient": {"sex": "unknown"}}', "patient.sex"),
        ('{"colour": "blue"}', "colour"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_case_gives_one_line_and_exit_1(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(content)
    proc = run("assess", str(path))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_file_and_bad_option() -> None:
    proc = run("assess", "/no/such/case.json")
    assert proc.returncode == 1 and "no such file" in proc.stderr
    proc = run("assess", str(EXAMPLE), "--format", "pdf")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_knowledge_validate() -> None:
    proc = run("knowledge", "validate")
    assert proc.returncode == 0, proc.stderr
    assert "valid against HPO" in proc.stdout
