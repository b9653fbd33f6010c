"""What a worker hands the writer: rows read from the assessed models, JSON written once, in order."""

from __future__ import annotations

import json
from pathlib import Path

from calcidx.registry.pipeline import document_id
from calcidx.registry.rows import case_rows
from calcidx.registry.sources import Item
from calcidx.registry.worker import process, process_batch
from calcidx.service import assess_input
from tests.registry.synthetic import report, write_reports


def test_the_case_json_is_the_models_own_json_with_its_assessment() -> None:
    for index in range(4):
        text = report(index, seed=3).text
        assessed = assess_input(text, "text/plain", filename=f"report-{index}.txt")
        for case in assessed.cases:
            rows = case_rows("doc", case)
            assert rows.case["data"] == case.model_dump_json()
            # the assessment's JSON is stored once: inside the case's, not again in its own row
            assert json.loads(rows.case["data"])["assessment"] == case.assessment.model_dump(mode="json")
            assert all("data" not in row for row in rows.children["assessments"])


def test_rows_hold_the_values_of_the_case_dump() -> None:
    text = report(1, seed=5).text
    case = assess_input(text, "text/plain", filename="report.txt").cases[0]
    dumped = case.model_dump(mode="json")
    rows = case_rows("doc", case)
    assert rows.case["age_years"] == dumped["patient"]["age_years"]
    assert rows.case["sex"] == dumped["patient"]["sex"]
    assert [lab["analyte"] for lab in rows.children["labs"]] == [lab["analyte"] for lab in dumped["labs"]]
    assert len(rows.children["findings"]) == len(dumped["findings"]) + len(dumped["exposures"])
    (assessment,) = rows.children["assessments"]
    assert assessment["subtype"] == dumped["assessment"]["subtype"]["code"]
    assert assessment["certainty"] == dumped["assessment"]["subtype"]["certainty"]


def test_a_batch_keeps_its_order_and_a_bad_document_fails_alone(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "reports", 3, seed=4)
    items = [Item(document_id(p.read_bytes()), str(p), p.read_bytes(), ".txt") for p in paths]
    empty = Item(document_id(b"   "), str(tmp_path / "empty.txt"), b"   ", ".txt")
    batch = [items[0], empty, items[1], items[2]]
    results = process_batch(batch)
    assert [r.id for r in results] == [item.id for item in batch]
    assert [r.status for r in results] == ["ok", "failed", "ok", "ok"]
    assert results[1].error
    assert [r.cases[0].case["data"] for r in results if r.status == "ok"] == [
        process(item).cases[0].case["data"] for item in (items[0], items[1], items[2])
    ]
