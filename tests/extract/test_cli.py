from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from calcidx.cli import eval_cmd, extract_cmd
from calcidx.errors import InputError


def _app() -> typer.Typer:
    app = typer.Typer()
    extract_cmd.register(app)
    eval_cmd.register(app)
    return app


def test_extract_json_and_text(fixtures: Path) -> None:
    runner = CliRunner()
    path = fixtures / "two_infants.txt"
    result = runner.invoke(_app(), ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["document"]["kind"] == "case_report"
    assert [c["patient"]["sex"] for c in payload["cases"]] == ["male", "female"]
    text = path.read_text()
    for case in payload["cases"]:
        for finding in case["exposures"]:
            for ev in finding["evidence"]:
                assert text[ev["start"] : ev["end"]] == ev["text"]
    result = runner.invoke(_app(), ["extract", str(path), "--format", "text"])
    assert result.exit_code == 0
    assert "patient 2" in result.output


def test_extract_stdin(fixtures: Path) -> None:
    text = (fixtures / "single_dystrophic.txt").read_text()
    result = CliRunner().invoke(_app(), ["extract", "-"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.output)["cases"][0]["patient"]["age_years"] == 62


def test_extract_bad_input_raises_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(_app(), ["extract", str(empty)])
    assert isinstance(result.exception, InputError)
    result = CliRunner().invoke(_app(), ["extract", str(empty), "--format", "yaml"])
    assert isinstance(result.exception, InputError)


def test_eval_scores_a_gold_folder(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "one.txt").write_text((fixtures / "two_infants.txt").read_text())
    gold = {
        "kind": "case_report",
        "cases": [
            {"patient_index": 1, "age_years": 0.06, "sex": "male", "subtype": "iatrogenic", "labs": []},
            {
                "patient_index": 2,
                "age_years": 0.17,
                "sex": "female",
                "subtype": "iatrogenic",
                "labs": [{"name": "serum calcium", "interpretation": "low"}],
            },
        ],
    }
    (tmp_path / "one.gold.json").write_text(json.dumps(gold))
    (tmp_path / "page.txt").write_text((fixtures / "summary_page.txt").read_text())
    (tmp_path / "page.gold.json").write_text(json.dumps({"kind": "disease_summary", "cases": []}))
    result = CliRunner().invoke(_app(), ["eval", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    fields = json.loads(result.output)["fields"]
    assert fields["kind"] == {"correct": 2, "total": 2}
    assert fields["cases"] == {"correct": 2, "total": 2}
    assert fields["age"] == {"correct": 2, "total": 2}
    assert fields["sex"] == {"correct": 2, "total": 2}
    result = CliRunner().invoke(_app(), ["eval", str(tmp_path)])
    assert result.exit_code == 0
    assert "accuracy" in result.output


def test_eval_empty_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["eval", str(tmp_path)])
    assert isinstance(result.exception, InputError)


def test_extract_mode_note_reads_one_patient(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A 40-year-old woman with nodules.\n\nA 70-year-old man with ulcers.\n")
    runner = CliRunner()
    article = runner.invoke(_app(), ["extract", str(path), "--mode", "article"])
    note = runner.invoke(_app(), ["extract", str(path), "--mode", "note"])
    assert article.exit_code == 0 and note.exit_code == 0, article.output + note.output
    assert len(json.loads(article.output)["cases"]) == 2
    assert len(json.loads(note.output)["cases"]) == 1


def test_extract_bad_mode_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A 40-year-old woman with nodules.")
    result = CliRunner().invoke(_app(), ["extract", str(path), "--mode", "paper"])
    assert isinstance(result.exception, InputError)
    assert "--mode 'paper' is not allowed" in str(result.exception)
