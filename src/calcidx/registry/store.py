"""The one writer: store workers' results in batches, each batch in one transaction.

Each table gets one multi-row insert per batch (SQLAlchemy Core ``insert`` with a list of rows; ids
of extractions and cases come back in row order through ``RETURNING``), not one ORM object per row.

A document is stored whole or not at all: its ``Document``, ``Provenance``, ``Extraction`` and
every case row are written in the batch's transaction, so a crash (even ``kill -9``) leaves only
complete documents, and the next run skips exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import JSON, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from calcidx.registry import models as m
from calcidx.registry.database import json_text
from calcidx.registry.sources import Broken, Skip
from calcidx.registry.worker import Result

__all__ = ["known_state", "store_batch"]


def known_state(session: Session) -> tuple[dict[str, str], set[str]]:
    """(document id -> stamp of its current extraction, ids of skipped articles) already stored."""
    current = dict(
        session.execute(select(m.Extraction.document_id, m.Extraction.stamp).where(m.Extraction.current)).all()
    )
    skipped = set(session.scalars(select(m.SkippedArticle.document_id)))
    return current, skipped


_DOCUMENTS = cast(Table, m.Document.__table__)
_PROVENANCE = cast(Table, m.Provenance.__table__)
_EXTRACTIONS = cast(Table, m.Extraction.__table__)
_CASES = cast(Table, m.Case.__table__)
_SKIPPED = cast(Table, m.SkippedArticle.__table__)
#: The rows of a case's child tables, by table (each row gets its case id when the case is inserted).
_CHILDREN: dict[str, Table] = {
    "lesions": cast(Table, m.Lesion.__table__),
    "findings": cast(Table, m.Finding.__table__),
    "labs": cast(Table, m.Lab.__table__),
    "treatments": cast(Table, m.Treatment.__table__),
    "assessments": cast(Table, m.Assessment.__table__),
    "stated": cast(Table, m.StatedDiagnosis.__table__),
}


def _inserted_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (one executemany, batched by the driver) and return their ids in row order."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, rows).scalars())


#: The driver's placeholder for each DB-API parameter style ``_insert_rows`` writes SQL for.
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (each with the same keys) with one ``executemany`` on the driver's cursor.

    For the tables whose columns are plain values and JSON, with no default computed in Python
    (provenance, skipped articles, a case's child rows): Core's per-row parameter processing was
    most of the writer's cost. JSON values are encoded as the engine's JSON columns encode them.
    Another parameter style goes through Core's ``insert``.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    placeholder = _PLACEHOLDERS.get(dialect.paramstyle)
    if placeholder is None:  # pragma: no cover - sqlite3 and psycopg use qmark and (py)format
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([placeholder] * len(names))})"
    )
    encoded = {name for name in names if isinstance(table.c[name].type, JSON)}
    if encoded:
        params = [
            tuple(json_text(row[name]) if name in encoded and row[name] is not None else row[name] for name in names)
            for row in rows
        ]
    else:
        params = [tuple(row[name] for name in names) for row in rows]
    connection.exec_driver_sql(sql, params)


def store_batch(
    session: Session,
    results: Sequence[Result | Broken],
    skips: Iterable[Skip],
    *,
    run_id: int,
    stamp: str,
) -> dict[str, int]:
    """Store results and skips in the open transaction of ``session``; returns counts by outcome.

    A document whose current extraction already has ``stamp`` is left as it is (``unchanged``): a
    repeated input adds nothing. One with an older stamp gets a new current extraction; the old
    one stays as history. Rows go in as one multi-row insert per table (Core, no ORM objects).
    """
    counts = {"stored": 0, "failed": 0, "skipped": 0, "unchanged": 0}
    ids = [r.id for r in results]
    existing = set(session.scalars(select(m.Document.id).where(m.Document.id.in_(ids)))) if ids else set()
    current = (
        dict(
            session.execute(
                select(m.Extraction.document_id, m.Extraction.stamp).where(
                    m.Extraction.document_id.in_(ids), m.Extraction.current
                )
            ).all()
        )
        if ids
        else {}
    )
    located: set[tuple[str, str]] = set()
    if ids:
        query = select(m.Provenance.document_id, m.Provenance.location).where(m.Provenance.document_id.in_(ids))
        located = {(doc_id, location) for doc_id, location in session.execute(query)}
    documents: list[dict[str, Any]] = []
    provenance: list[dict[str, Any]] = []
    retired: list[str] = []
    signatures: list[dict[str, Any]] = []
    extractions: list[tuple[Result | Broken, dict[str, Any]]] = []
    skip_list = list(skips)
    for result in results:
        if isinstance(result, Result) and result.status == "skipped":
            skip_list.append(Skip(result.id, result.location, result.pmid, result.title, result.error or ""))
            continue
        unchanged = current.get(result.id) == stamp
        if not unchanged and result.id not in existing:
            documents.append(_document(result, run_id))
            existing.add(result.id)
        elif not unchanged and isinstance(result, Result) and result.minhash is not None:
            # a new reading of a stored document renews its signature (perhaps of an older scheme)
            signatures.append({"key": result.id, "minhash": result.minhash, "minhash_scheme": result.minhash_scheme})
        if result.id in existing and (result.id, result.location) not in located:
            provenance.append(
                {
                    "document_id": result.id,
                    "run_id": run_id,
                    "location": result.location,
                    "pmid": getattr(result, "pmid", None),
                    "doi": getattr(result, "doi", None),
                }
            )
            located.add((result.id, result.location))
        if unchanged:
            counts["unchanged"] += 1
            continue
        if result.id in current:
            retired.append(result.id)
        extractions.append((result, _extraction(result, run_id, stamp)))
        current[result.id] = stamp
        counts["stored" if isinstance(result, Result) and result.status == "ok" else "failed"] += 1
    if documents:
        session.execute(insert(_DOCUMENTS), documents)
    if provenance:
        _insert_rows(session, _PROVENANCE, provenance)
    if signatures:
        session.execute(
            update(_DOCUMENTS)
            .where(_DOCUMENTS.c.id == bindparam("key"))
            .values(minhash=bindparam("minhash"), minhash_scheme=bindparam("minhash_scheme")),
            signatures,
        )
    if retired:
        session.execute(
            update(m.Extraction)
            .where(m.Extraction.document_id.in_(retired), m.Extraction.current)
            .values(current=False)
        )
    extraction_ids = _inserted_ids(session, _EXTRACTIONS, [row for _result, row in extractions])
    cases: list[dict[str, Any]] = []
    children: list[dict[str, list[dict[str, Any]]]] = []
    for (result, _row), extraction_id in zip(extractions, extraction_ids, strict=True):
        if not isinstance(result, Result):
            continue
        for rows in result.cases:
            cases.append({**rows.case, "extraction_id": extraction_id})
            children.append(rows.children)
    case_ids = _inserted_ids(session, _CASES, cases)
    for name, table in _CHILDREN.items():
        child_rows = [
            {**row, "case_id": case_id}
            for case_id, of_case in zip(case_ids, children, strict=True)
            for row in of_case.get(name, ())
        ]
        if child_rows:
            _insert_rows(session, table, child_rows)
    if skip_list:
        known = set(
            session.scalars(
                select(m.SkippedArticle.document_id).where(m.SkippedArticle.document_id.in_([s.id for s in skip_list]))
            )
        )
        skipped: list[dict[str, Any]] = []
        for skip in skip_list:
            counts["skipped"] += 1
            if skip.id in known:
                continue
            known.add(skip.id)
            skipped.append(
                {
                    "document_id": skip.id,
                    "run_id": run_id,
                    "location": skip.location,
                    "pmid": skip.pmid,
                    "title": skip.title,
                    "reason": skip.reason,
                }
            )
        if skipped:
            _insert_rows(session, _SKIPPED, skipped)
    return counts


def _document(result: Result | Broken, run_id: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": result.id,
        "first_run_id": run_id,
        "source": result.location,
        "format": None,
        "title": None,
        "doi": None,
        "pmid": None,
        "year": None,
        "characters": 0,
        "minhash": None,
        "minhash_scheme": None,
    }
    if isinstance(result, Broken):
        return row
    row.update(
        format=result.format,
        title=result.title,
        doi=_norm_doi(result.doi),
        pmid=result.pmid,
        year=result.year,
        characters=result.characters,
        minhash=result.minhash,
        minhash_scheme=result.minhash_scheme if result.minhash is not None else None,
    )
    return row


def _norm_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    doi = doi.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi:"):
        if doi.startswith(prefix):
            doi = doi[len(prefix) :]
    return doi or None


def _extraction(result: Result | Broken, run_id: int, stamp: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "document_id": result.id,
        "run_id": run_id,
        "stamp": stamp,
        "status": "failed",
        "error": None,
        "current": True,
        "kind": None,
        "knowledge": None,
        "warnings": [],
    }
    if isinstance(result, Broken):
        row["error"] = result.reason
        return row
    row.update(
        status=result.status, error=result.error, kind=result.kind, knowledge=result.knowledge, warnings=result.warnings
    )
    return row
