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
        ('{"stated_subtype": "foo"}', "stated_subtype"),
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


def test_assess_reads_pdf_and_html_reports(tmp_path: Path) -> None:
    from fpdf import FPDF

    body = (
        "A 58-year-old woman on haemodialysis for end-stage renal disease presented with painful "
        "retiform purpura and necrotic ulcers on both thighs."
    )
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Case presentation", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    pdf_path = tmp_path / "report.pdf"
    pdf.output(str(pdf_path))
    html_path = tmp_path / "report.html"
    html_path.write_text(
        f"<html><body><nav>Journals | Log in</nav><article><h2>Case presentation</h2><p>{body}</p>"
        "</article><footer>Cookies</footer></body></html>",
        encoding="utf-8",
    )
    for path, fmt in ((pdf_path, "pdf"), (html_path, "html")):
        proc = run("assess", str(path), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        doc = json.loads(proc.stdout)
        assert doc["document"]["format"] == fmt
        case = doc["cases"][0]
        assert (case["patient"]["age_years"], case["patient"]["sex"]) == (58, "female")
        assert case["assessment"]["subtype"]["code"] == "calciphylaxis"


def test_extract_then_assess_round_trip(tmp_path: Path) -> None:
    report = tmp_path / "note.txt"
    report.write_text("Case report\n\nA 35-year-old man had calcified nodules in a burn scar on his left forearm.\n")
    extracted = run("extract", str(report), "--format", "json")
    assert extracted.returncode == 0, extracted.stderr
    document = tmp_path / "document.json"
    document.write_text(extracted.stdout)
    assessed = run("assess", str(document), "--format", "json")
    assert assessed.returncode == 0, assessed.stderr
    assert json.loads(assessed.stdout)["cases"][0]["assessment"]["subtype"]["code"] == "dystrophic"


def test_every_output_names_the_knowledge_version_and_hpo_release(tmp_path: Path) -> None:
    report = tmp_path / "note.txt"
    report.write_text("Case report\n\nA 40-year-old woman with systemic sclerosis had calcinosis of the fingers.\n")
    outputs = [
        json.loads(run("extract", str(report), "--format", "json").stdout)["knowledge"]["hpo_release"],
        run("extract", str(report), "--format", "text").stdout,
        run("assess", str(report)).stdout,
        run("assess", str(report), "--format", "markdown").stdout,
        run("monograph").stdout,
    ]
    assert outputs[0]
    for text in outputs[1:]:
        assert outputs[0] in text
