"""``calcidx ingest`` and ``calcidx series`` through the real command (exit codes, outputs, files)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from calcidx.registry.database import open_registry
from calcidx.registry.ingest import ingest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess (exit codes and stderr exactly as a user sees them)."""
    return subprocess.run([sys.executable, "-m", "calcidx", *args], capture_output=True, text=True, timeout=300)


class Invoke:
    """The command's entry point in this process (fast): returns (exit code, stdout, stderr)."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str) -> tuple[int, str, str]:
        from calcidx.cli.main import main

        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["calcidx", *args])
        with pytest.raises(SystemExit) as exit_info:
            main()
        out, err = self.capsys.readouterr()
        return int(exit_info.value.code or 0), out, err


@pytest.fixture
def invoke(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Invoke:
    return Invoke(capsys, monkeypatch)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'registry.sqlite'}"
    registry = open_registry(url)
    ingest([str(small_corpus)], registry, workers=0)
    registry.close()
    return url


def test_ingest_command_summary_and_rerun(tmp_path: Path, small_corpus: Path, invoke: Invoke) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    code, out, _err = invoke(
        "ingest", str(small_corpus / "reports"), "--workers", "0", "--database", url, "--format", "json"
    )
    assert code == 0
    summary = json.loads(out)
    assert summary["stored"] == 6 and summary["failed"] == 0
    code, out, _err = invoke("ingest", str(small_corpus / "reports"), "--workers", "0", "--database", url)
    assert code == 0
    assert "stored 0" in out and "unchanged 6" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "/no/such/folder", "--workers", "0"], "no such file or folder"),
        (["ingest", "x", "--workers", "-2"], "--workers -2"),
        (["series", "--format", "xml"], "--format 'xml' is not allowed"),
        (["series", "--format", "parquet"], "needs --output"),
        (["series", "--sex", "other"], "--sex 'other'"),
        (["series", "--list", "everything"], "--list 'everything'"),
        (["series", "--database", "mysql://u@h/db"], "not supported"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(args: list[str], message: str, tmp_path: Path, invoke: Invoke) -> None:
    if args[1] == "x":
        args = ["ingest", str(tmp_path), *args[2:]]
        (tmp_path / "a.txt").write_text("calcinosis cutis", encoding="utf-8")
    if "--database" not in args:
        args = [*args, "--database", f"sqlite:///{tmp_path / 'r.sqlite'}"]
    code, _out, err = invoke(*args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_input_from_the_real_process(tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "missing"), "--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "no such file or folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_series_json_filters_and_lists(filled: str, invoke: Invoke) -> None:
    code, out, _err = invoke("series", "--format", "json", "--database", filled)
    assert code == 0
    stats = json.loads(out)
    assert stats["cases"] >= 6 and stats["documents"] == 6
    assert sum(stats["by_subtype"].values()) == stats["cases"]
    assert stats["concordance"]["with_stated_diagnosis"] >= 1
    female = json.loads(invoke("series", "--format", "json", "--sex", "female", "--database", filled)[1])
    male = json.loads(invoke("series", "--format", "json", "--sex", "male", "--database", filled)[1])
    assert female["cases"] + male["cases"] + stats["sex"].get("not stated", 0) == stats["cases"]
    assert set(female["sex"]) <= {"female"}
    assert "broken.pdf" in invoke("series", "--list", "failed", "--database", filled)[1]
    assert "other.txt" in invoke("series", "--list", "skipped", "--database", filled)[1]
    assert "completed" in invoke("series", "--list", "runs", "--database", filled)[1]
    code, table, _err = invoke("series", "--database", filled)
    assert code == 0 and "Subtype (pathway)" in table and "Authors' diagnosis vs pathway" in table


def test_series_exports_csv_parquet_and_plots(filled: str, tmp_path: Path) -> None:
    csv_out = run("series", "--format", "csv", "--database", filled)
    lines = csv_out.stdout.strip().splitlines()
    assert lines[0].startswith("case_id,document_id") and len(lines) >= 7
    parquet = tmp_path / "cases.parquet"
    result = run(
        "series",
        "--format",
        "parquet",
        "--output",
        str(parquet),
        "--plot",
        str(tmp_path / "plots"),
        "--database",
        filled,
    )
    assert result.returncode == 0, result.stderr
    table = pq.read_table(parquet)
    assert table.num_rows == len(lines) - 1
    assert table.schema.field("sites").type.value_type == "string"
    for name in ("subtypes", "age_by_subtype", "body_sites", "treatment_outcomes"):
        png = (tmp_path / "plots" / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_series_phenopackets_to_stdout_and_to_a_folder(filled: str, tmp_path: Path, invoke: Invoke) -> None:
    from google.protobuf.json_format import ParseDict
    from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

    stats = json.loads(invoke("series", "--format", "json", "--database", filled)[1])
    code, out, err = invoke("series", "--format", "phenopackets", "--database", filled)
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == stats["cases"] and f"wrote {stats['cases']} Phenopackets to stdout" in err
    subjects = {ParseDict(json.loads(line), Phenopacket()).subject.id for line in lines}
    assert len(subjects) == len(lines)
    folder = tmp_path / "packets"
    code, _out, err = invoke("series", "-f", "phenopackets", "-o", str(folder), "--sex", "female", "--database", filled)
    female = json.loads(invoke("series", "--format", "json", "--sex", "female", "--database", filled)[1])
    assert code == 0 and len(list(folder.glob("*.json"))) == female["cases"]
    taken = tmp_path / "taken.txt"
    taken.write_text("x", encoding="utf-8")
    code, _out, err = invoke("series", "-f", "phenopackets", "-o", str(taken), "--database", filled)
    assert code == 1 and "a folder (one JSON per case) or a .jsonl file" in err and len(err.strip().splitlines()) == 1
