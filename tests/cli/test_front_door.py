"""One bounded front door: every input path capped, bad JSON and PDFs refused in one line,
clean pipes and output, many files with one runtime."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "case-idiopathic-fingertips.json"
SMALL_LIMIT = {"CALCIDX_MAX_INPUT_BYTES": "200000"}


def run(*args: str, stdin: object = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calcidx", *args],
        capture_output=True,
        text=True,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def one_error_line(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0] and lines[0].startswith("error: ")


def test_dev_zero_as_a_file_and_as_stdin_stops_at_the_limit() -> None:
    one_error_line(run("assess", "/dev/zero", env=SMALL_LIMIT), "input limit of 200,000 bytes")
    with open("/dev/zero", "rb") as zero:
        one_error_line(run("assess", "-", stdin=zero, env=SMALL_LIMIT), "input limit")


def test_a_fifo_is_read_through_the_same_cap(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        try:
            with fifo.open("wb") as handle:
                handle.write(b"A" * 400_000)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer)
    thread.start()
    proc = run("assess", str(fifo), env=SMALL_LIMIT)
    thread.join(timeout=60)
    one_error_line(proc, "input limit")


def test_json_files_are_capped_and_deep_nesting_is_bad_input(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"outcome": "' + "x" * 300_000 + '"}')
    one_error_line(run("assess", str(big), env=SMALL_LIMIT), "above the input limit")
    deep = tmp_path / "deep.json"
    deep.write_text('{"a": ' * 50_000 + "1" + "}" * 50_000)
    one_error_line(run("assess", str(deep)), "nested too deeply")
    nan = tmp_path / "nan.json"
    nan.write_text('{"labs": [{"analyte": "calcium", "value": NaN, "unit": "mg/dL"}]}')
    one_error_line(run("assess", str(nan)), "NaN is not a JSON number")


def test_json_output_never_holds_bare_nan() -> None:
    from calcidx.case.model import Case, Lab
    from calcidx.cli.output import to_json
    from calcidx.service import assess_object

    case = Case(labs=[Lab(analyte="calcium", value=math.nan, unit="mg/dL")])
    text = to_json(assess_object(case))
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text)["cases"][0]["labs"][0]["value"] is None


def _pdf(path: Path, *, user_password: str) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Case report. A 44-year-old woman with systemic sclerosis had calcinosis of the fingers.")
    pdf.set_encryption(owner_password="owner", user_password=user_password, encryption_method=EncryptionMethod.AES_128)
    pdf.output(str(path))


def test_aes_encrypted_pdfs_are_read_or_refused_as_encrypted(tmp_path: Path) -> None:
    opened = tmp_path / "open.pdf"
    _pdf(opened, user_password="")
    proc = run("extract", str(opened), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["cases"][0]["patient"]["age_years"] == 44
    locked = tmp_path / "locked.pdf"
    _pdf(locked, user_password="secret")
    one_error_line(run("assess", str(locked)), "encrypted")


def test_a_broken_pdf_gives_one_line_and_no_library_warning(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nxref\n0 1\ntrailer << /Root 9 0 R >>\n%%EOF")
    one_error_line(run("assess", str(broken)), "broken.pdf")


def test_a_closed_pipe_exits_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m calcidx assess {EXAMPLE} --format markdown | head -c 10; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_version_and_no_arguments() -> None:
    import calcidx

    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"calcidx {calcidx.__version__}"
    proc = run()
    assert proc.returncode == 0 and "error" not in proc.stderr and "assess" in proc.stdout


def test_bad_settings_are_one_line_at_start_up() -> None:
    one_error_line(run("assess", str(EXAMPLE), env={"CALCIDX_MAX_INPUT_BYTES": "lots"}), "CALCIDX_MAX_INPUT_BYTES")


def test_many_files_and_a_folder_in_one_command(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.json").write_bytes(EXAMPLE.read_bytes())
    (folder / "b.txt").write_text("Case report\n\nA 30-year-old man had calcinosis cutis in a burn scar on the arm.\n")
    (folder / "c.json").write_text('{"patient": {"sex": "robot"}}')
    (folder / "notes.gold.json").write_text("{}")
    proc = run("assess", str(folder), "--format", "json")
    assert proc.returncode == 1  # one input was bad ...
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2  # ... and the others were still assessed, one JSON document per line
    docs = [json.loads(line) for line in lines]
    assert {d["document"]["source"] for d in docs} == {str(folder / "a.json"), str(folder / "b.txt")}
    assert len({d["pipeline"]["extractor_rules"] for d in docs}) == 1
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and "c.json" in errors[0]


@pytest.mark.parametrize("args", [("assess", "-"), ("extract", "-")])
def test_empty_stdin_is_one_line(args: tuple[str, ...]) -> None:
    one_error_line(run(*args), "empty")


def test_extract_takes_many_files(tmp_path: Path) -> None:
    for name, age in (("a.txt", 31), ("b.txt", 72)):
        (tmp_path / name).write_text(f"Case report\n\nA {age}-year-old woman had calcinosis of the fingers.\n")
    proc = run("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert [d["cases"][0]["patient"]["age_years"] for d in docs] == [31, 72]
    assert docs[0]["doc_id"] != docs[1]["doc_id"]
