"""``calcidx export`` and ``calcidx assess`` of FHIR Bundles and Phenopackets, as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle
from google.protobuf.json_format import ParseDict
from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

CASE = {
    "case_id": "cli-export",
    "patient": {"age_years": 64, "sex": "male"},
    "findings": [{"concept": "chronic_kidney_disease"}, {"concept": "pain", "assertion": "absent"}],
    "labs": [
        {"analyte": "phosphate", "value": 7.9, "unit": "mg/dL"},
        {"analyte": "calcium", "value": 10.2, "unit": "mg/dL"},
    ],
}
REPORT = (
    "A 52-year-old woman with limited cutaneous systemic sclerosis presented with firm white nodules on both "
    "index fingers. She denied pain. Serum calcium was 9.4 mg/dL and phosphate 3.5 mg/dL. Radiographs showed "
    "radiopaque soft-tissue deposits. She was treated with diltiazem with partial improvement."
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calcidx", *args], capture_output=True, text=True, input=stdin, timeout=300
    )


def test_export_both_formats_and_assess_them_back(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE))
    bundle_file = tmp_path / "bundle.json"
    proc = run("export", "--to", "fhir", str(case), "--out", str(bundle_file))
    assert proc.returncode == 0, proc.stderr
    Bundle.model_validate(json.loads(bundle_file.read_text()))
    proc = run("export", "--to", "phenopacket", str(case))
    assert proc.returncode == 0, proc.stderr
    packet_file = tmp_path / "packet.json"
    packet_file.write_text(proc.stdout)
    ParseDict(json.loads(proc.stdout), Phenopacket())
    original = json.loads(run("assess", "-f", "json", str(case)).stdout)["cases"][0]["assessment"]["subtype"]
    for path, fmt in ((bundle_file, "fhir_bundle"), (packet_file, "phenopacket")):
        proc = run("assess", "-f", "json", str(path))
        assert proc.returncode == 0, proc.stderr
        doc = json.loads(proc.stdout)
        assert doc["document"]["format"] == fmt.split("_")[0]
        assert doc["cases"][0]["assessment"]["subtype"] == original
        assert doc["cases"][0]["patient"]["age_years"] == 64


def test_export_a_text_report_from_stdin() -> None:
    proc = run("export", "--to", "fhir", "-", stdin=REPORT)
    assert proc.returncode == 0, proc.stderr
    bundle = json.loads(proc.stdout)
    Bundle.model_validate(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Condition", "Observation", "ClinicalImpression", "Provenance"} <= kinds


def test_bad_inputs_are_one_line_and_exit_1(tmp_path: Path) -> None:
    single = tmp_path / "patient.json"
    single.write_text(json.dumps({"resourceType": "Patient", "gender": "female"}))
    proc = run("assess", str(single))
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1
    assert "Bundle" in proc.stderr
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps(
            {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Observation"}}]}
        )
    )
    proc = run("assess", str(broken))
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    proc = run("export", "--to", "xml", str(broken))
    assert proc.returncode == 1 and "xml" in proc.stderr
