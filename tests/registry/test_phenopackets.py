"""Phenopacket export of a case series: one GA4GH Phenopacket v2 per stored case, parsed by the
``phenopackets`` library itself (its protobuf classes), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from google.protobuf.json_format import ParseDict
from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket
from sqlalchemy import update

from calcidx.registry import models as m
from calcidx.registry.database import Registry
from calcidx.registry.export import iter_phenopackets, write_phenopackets
from calcidx.registry.ingest import ingest
from calcidx.registry.series import Filters, load_cases
from tests.registry.synthetic import medline_xml


def _parsed(packet: dict[str, Any]) -> Phenopacket:
    message = Phenopacket()
    ParseDict(packet, message)  # raises on any field the v2 schema does not have
    return message


def _filled(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "pubmed.xml"
    assert medline_xml(path, 8, relevant_every=2) == 4
    summary = ingest([str(path)], registry, workers=0)
    assert summary.stored == 4


def test_one_phenopacket_per_case_with_its_source(registry: Registry, tmp_path: Path) -> None:
    _filled(registry, tmp_path)
    cases, _ = load_cases(registry)
    assert len(cases) >= 4
    export = write_phenopackets(registry, cases, tmp_path / "packets")
    assert export.written == len(cases) and not export.failures
    files = sorted((tmp_path / "packets").glob("*.json"))
    assert len(files) == len(cases) == len(export.paths)
    by_subject = {}
    for file in files:
        packet = json.loads(file.read_text(encoding="utf-8"))
        message = _parsed(packet)
        assert message.meta_data.phenopacket_schema_version == "2.0"
        by_subject[message.subject.id] = (packet, message)
    for case in cases:
        matching = [
            (p, msg) for subject, (p, msg) in by_subject.items() if subject.startswith(case.document_id[:16] + "-")
        ]
        assert matching, case.case_id
        packet, message = matching[0]
        refs = {ref.id for ref in message.meta_data.external_references}
        assert f"PMID:{case.pmid}" in refs and f"DOI:{case.doi}" in refs
        if case.sex is not None:
            assert message.subject.sex == {"female": 1, "male": 2}[case.sex]


def test_jsonl_follows_the_filters(registry: Registry, tmp_path: Path) -> None:
    _filled(registry, tmp_path)
    everyone, _ = load_cases(registry)
    women, _ = load_cases(registry, Filters(sex="female"))
    assert 0 < len(women) < len(everyone)
    out = tmp_path / "women.jsonl"
    export = write_phenopackets(registry, women, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert export.written == len(lines) == len(women)
    assert all(_parsed(json.loads(line)).subject.sex == 1 for line in lines)


def test_a_case_that_cannot_be_written_does_not_stop_the_others(registry: Registry, tmp_path: Path) -> None:
    _filled(registry, tmp_path)
    cases, _ = load_cases(registry)
    broken = cases[1].case_id
    with registry.session() as session:  # as if stored by an older pipeline with another JSON shape
        session.execute(update(m.Case).where(m.Case.id == broken).values(data={"no": "such shape"}))
    outcomes = list(iter_phenopackets(registry, cases, chunk=2))
    assert [o.case_id for o in outcomes] == [c.case_id for c in cases]
    failed = [o for o in outcomes if o.packet is None]
    assert [o.case_id for o in failed] == [broken] and "ValidationError" in (failed[0].error or "")
    assert all(_parsed(o.packet) for o in outcomes if o.packet is not None)
