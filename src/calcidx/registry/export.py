"""Export a case series: CSV (standard library) or Parquet (pyarrow), one row per case; or one
GA4GH Phenopacket v2 per case, written by ``calcidx.interop`` from the stored assessed case.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlalchemy import select

from calcidx.registry import models as m
from calcidx.registry.database import Registry
from calcidx.registry.series import CaseRow

__all__ = [
    "COLUMNS",
    "PhenopacketExport",
    "PhenopacketOutcome",
    "iter_phenopackets",
    "to_csv",
    "write_parquet",
    "write_phenopackets",
]

COLUMNS = [f.name for f in fields(CaseRow)]


def to_csv(cases: list[CaseRow]) -> str:
    """The cases as CSV text (lists joined with '; ')."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for case in cases:
        writer.writerow(case.as_record())
    return out.getvalue()


def write_parquet(cases: list[CaseRow], path: Path) -> Path:
    """Write the cases as a Parquet file (lists kept as list columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("case_id", pa.int64()),
            ("document_id", pa.string()),
            ("patient_index", pa.int32()),
            ("pmid", pa.string()),
            ("doi", pa.string()),
            ("title", pa.string()),
            ("source", pa.string()),
            ("year", pa.int32()),
            ("age_years", pa.float64()),
            ("sex", pa.string()),
            ("subtype", pa.string()),
            ("certainty", pa.string()),
            ("subform", pa.string()),
            ("stated_subtype", pa.string()),
            ("stated_subform", pa.string()),
            ("stated_text", pa.string()),
            ("concordance", pa.string()),
            ("associated_conditions", pa.list_(pa.string())),
            ("sites", pa.list_(pa.string())),
            ("treatments", pa.list_(pa.string())),
            ("treatment_outcomes", pa.list_(pa.string())),
            ("outcome", pa.string()),
            ("duplicate_of", pa.int64()),
            ("duplicate_reason", pa.string()),
        ]
    )
    columns = {name: [getattr(case, name) for case in cases] for name in schema.names}
    table = pa.table(columns, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


@dataclass(frozen=True)
class PhenopacketOutcome:
    """One case's Phenopacket (``packet``), or why it could not be written (``error``)."""

    case_id: int
    packet: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class PhenopacketExport:
    """What ``write_phenopackets`` wrote: the files, how many packets, and the cases left out with why."""

    paths: list[Path] = field(default_factory=list)
    written: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)


def iter_phenopackets(
    registry: Registry, cases: Sequence[CaseRow], *, chunk: int = 500
) -> Iterator[PhenopacketOutcome]:
    """One GA4GH Phenopacket v2 per case, in the order of ``cases``, each parsed by ``phenopackets``.

    The packet is written by ``calcidx.interop.to_phenopackets`` from the assessed case the registry
    stored, with the document's PMID, DOI and title as its source. A case that cannot be written
    (stored by an older pipeline whose JSON no longer validates, or a packet the schema rejects)
    yields an ``error`` and the others go on.
    """
    from calcidx.assess.model import AssessedCase, AssessedDocument
    from calcidx.case.model import DocumentInfo
    from calcidx.interop import to_phenopackets

    ids = [case.case_id for case in cases]
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with registry.session() as session:
            query = (
                select(m.Case.id, m.Case.data, m.Document)
                .join(m.Document, m.Document.id == m.Case.document_id)
                .where(m.Case.id.in_(part))
            )
            stored = {case_id: (data, document) for case_id, data, document in session.execute(query)}
            for case_id in part:
                if case_id not in stored:
                    yield PhenopacketOutcome(case_id, error="no longer in the registry")
                    continue
                data, document = stored[case_id]
                try:
                    case = AssessedCase.model_validate(data)
                    assessed = AssessedDocument(
                        document=DocumentInfo(
                            title=document.title,
                            source=document.source,
                            doi=document.doi,
                            pmid=document.pmid,
                            characters=document.characters or 0,
                            format=document.format,
                        ),
                        cases=[case],
                        knowledge=case.assessment.knowledge,
                        doc_id=document.id,
                    )
                    packet = to_phenopackets(assessed)[0]
                except Exception as exc:  # one case that cannot be written never stops the export
                    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                    yield PhenopacketOutcome(case_id, error=f"{type(exc).__name__}: {first}"[:300])
                    continue
                yield PhenopacketOutcome(case_id, packet=packet)


def _file_name(packet: dict[str, Any], case_id: int) -> str:
    subject = str((packet.get("subject") or {}).get("id") or f"case-{case_id}")
    return re.sub(r"[^A-Za-z0-9._-]+", "_", subject) + ".json"


def write_phenopackets(registry: Registry, cases: Sequence[CaseRow], output: Path | None) -> PhenopacketExport:
    """Write the cases as Phenopackets: JSONL to ``output`` (a ``.jsonl`` file) or stdout (None),
    else one ``<subject id>.json`` per case in the folder ``output``.

    Raises:
        InputError: ``output`` is an existing file that is not ``.jsonl``.
    """
    import sys

    from calcidx.errors import InputError

    export = PhenopacketExport()
    jsonl = output is None or output.suffix.lower() == ".jsonl"
    if output is not None and not jsonl and output.exists() and not output.is_dir():
        raise InputError(f"--output {output}: for Phenopackets give a folder (one JSON per case) or a .jsonl file")
    handle: Any = sys.stdout
    if output is not None:
        (output.parent if jsonl else output).mkdir(parents=True, exist_ok=True)
        if jsonl:
            handle = output.open("w", encoding="utf-8")
            export.paths.append(output)
    try:
        for outcome in iter_phenopackets(registry, cases):
            if outcome.packet is None:
                export.failures.append((outcome.case_id, outcome.error or "unknown"))
                continue
            if jsonl:
                handle.write(json.dumps(outcome.packet, ensure_ascii=False) + "\n")
            else:
                assert output is not None
                path = output / _file_name(outcome.packet, outcome.case_id)
                path.write_text(json.dumps(outcome.packet, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                export.paths.append(path)
            export.written += 1
    finally:
        if handle is not sys.stdout:
            handle.close()
    return export
