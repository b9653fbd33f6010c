"""``calcidx eval``: scores a folder, and one bad file never stops or spoils the others."""

from __future__ import annotations

import json
from pathlib import Path

from calcidx.evaluation.evaluate import evaluate_dir

REPORT = (
    "Calcinosis cutis in systemic sclerosis\n\nCase report\n\nA 61-year-old woman with limited systemic "
    "sclerosis presented with chalky nodules on the fingertips. Serum calcium and phosphate were normal.\n"
)
GOLD = {
    "kind": "case_report",
    "cases": [
        {
            "patient_index": 1,
            "age_years": 61,
            "sex": "female",
            "subtype": "dystrophic",
            "associated_condition": "systemic sclerosis",
            "labs": [{"name": "serum calcium", "interpretation": "normal"}],
        }
    ],
}


def test_scores_and_survives_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "good.gold.json").write_text(json.dumps(GOLD))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "empty.gold.json").write_text(json.dumps({"kind": "case_report", "cases": []}))
    (tmp_path / "broken.txt").write_text(REPORT)
    (tmp_path / "broken.gold.json").write_text("{not json")
    report = evaluate_dir(tmp_path)
    assert report.documents == 1 and report.failed == 2
    for name in ("kind", "cases", "age", "sex", "subtype", "associated_condition", "lab_interpretation"):
        assert report.correct[name] == report.total[name] == 1, name
    assert {m.document for m in report.misses} == {"empty.txt", "broken.txt"}
