"""Export a case series: CSV (standard library) or Parquet (pyarrow), one row per case."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from pathlib import Path

from calcidx.registry.series import CaseRow

__all__ = ["COLUMNS", "to_csv", "write_parquet"]

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
