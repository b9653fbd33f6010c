"""The one writer: store workers' results in batches, each batch in one transaction.

A document is stored whole or not at all: its ``Document``, ``Provenance``, ``Extraction`` and
every case row are written in the batch's transaction, so a crash (even ``kill -9``) leaves only
complete documents, and the next run skips exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from calcidx.registry import models as m
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


def _stated(case: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    stated = (case.get("assessment") or {}).get("stated")
    if isinstance(stated, dict):
        return stated.get("subtype"), stated.get("subform"), stated.get("text")
    return case.get("stated_subtype"), case.get("stated_subform"), case.get("diagnosis_as_written")


def _case_rows(document_id: str, case: dict[str, Any]) -> m.Case:
    patient = case.get("patient") or {}
    row = m.Case(
        document_id=document_id,
        patient_index=case.get("patient_index") or 1,
        age_years=patient.get("age_years"),
        sex=patient.get("sex"),
        outcome=case.get("outcome"),
        data=case,
    )
    row.lesions = [
        m.Lesion(site=lesion.get("site"), laterality=lesion.get("laterality")) for lesion in case.get("lesions") or []
    ]
    row.findings = [
        m.Finding(kind=kind, concept=f["concept"], assertion=f.get("assertion") or "present", site=f.get("site"))
        for kind, key in (("finding", "findings"), ("exposure", "exposures"))
        for f in case.get(key) or []
    ]
    row.labs = [
        m.Lab(
            analyte=lab["analyte"],
            value=lab.get("value"),
            unit=lab.get("unit"),
            interpretation=lab.get("interpretation"),
        )
        for lab in case.get("labs") or []
    ]
    row.treatments = [
        m.Treatment(
            name=t["name"], concept=t.get("concept"), status=t.get("status") or "given", response=t.get("response")
        )
        for t in case.get("treatments") or []
    ]
    assessment = case.get("assessment")
    if isinstance(assessment, dict):
        subtype = assessment.get("subtype") or {}
        subform = assessment.get("subform") or {}
        row.assessment = m.Assessment(
            subtype=subtype.get("code") or "undetermined",
            certainty=subtype.get("certainty"),
            subform=subform.get("code"),
            associated_conditions=list(assessment.get("associated_conditions") or []),
            data=assessment,
        )
    stated_subtype, stated_subform, stated_text = _stated(case)
    if stated_subtype or stated_subform or stated_text:
        row.stated = m.StatedDiagnosis(subtype=stated_subtype, subform=stated_subform, text=stated_text)
    return row


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
    one stays as history.
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
    for result in results:
        if isinstance(result, Result) and result.status == "skipped":
            skips = [*skips, Skip(result.id, result.location, result.pmid, result.title, result.error or "")]
            continue
        unchanged = current.get(result.id) == stamp
        if not unchanged and result.id not in existing:
            session.add(_document(result, run_id))
            existing.add(result.id)
        if result.id in existing and (result.id, result.location) not in located:
            session.add(
                m.Provenance(
                    document_id=result.id,
                    run_id=run_id,
                    location=result.location,
                    pmid=getattr(result, "pmid", None),
                    doi=getattr(result, "doi", None),
                )
            )
            located.add((result.id, result.location))
        if unchanged:
            counts["unchanged"] += 1
            continue
        if result.id in current:
            session.execute(
                update(m.Extraction)
                .where(m.Extraction.document_id == result.id, m.Extraction.current)
                .values(current=False)
            )
        session.add(_extraction(result, run_id, stamp))
        current[result.id] = stamp
        counts["stored" if isinstance(result, Result) and result.status == "ok" else "failed"] += 1
    skip_list = list(skips)
    if skip_list:
        known = set(
            session.scalars(
                select(m.SkippedArticle.document_id).where(m.SkippedArticle.document_id.in_([s.id for s in skip_list]))
            )
        )
        for skip in skip_list:
            counts["skipped"] += 1
            if skip.id in known:
                continue
            known.add(skip.id)
            session.add(
                m.SkippedArticle(
                    document_id=skip.id,
                    run_id=run_id,
                    location=skip.location,
                    pmid=skip.pmid,
                    title=skip.title,
                    reason=skip.reason,
                )
            )
    session.flush()
    return counts


def _document(result: Result | Broken, run_id: int) -> m.Document:
    if isinstance(result, Broken):
        return m.Document(id=result.id, first_run_id=run_id, source=result.location)
    info = (result.document or {}).get("document") or {}
    return m.Document(
        id=result.id,
        first_run_id=run_id,
        source=result.location,
        format=result.format,
        title=result.title or info.get("title"),
        doi=_norm_doi(result.doi or info.get("doi")),
        pmid=result.pmid or info.get("pmid"),
        year=result.year,
        characters=result.characters,
        minhash=result.minhash,
    )


def _norm_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    doi = doi.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi:"):
        if doi.startswith(prefix):
            doi = doi[len(prefix) :]
    return doi or None


def _extraction(result: Result | Broken, run_id: int, stamp: str) -> m.Extraction:
    if isinstance(result, Broken):
        return m.Extraction(
            document_id=result.id, run_id=run_id, stamp=stamp, status="failed", error=result.reason, current=True
        )
    document = result.document or {}
    knowledge = document.get("knowledge") or {}
    extraction = m.Extraction(
        document_id=result.id,
        run_id=run_id,
        stamp=stamp,
        status=result.status,
        error=result.error,
        current=True,
        kind=(document.get("document") or {}).get("kind"),
        knowledge=f"{knowledge['bundle']}@{knowledge['bundle_version']}" if knowledge else None,
        warnings=result.warnings,
    )
    extraction.cases = [_case_rows(result.id, case) for case in document.get("cases") or []]
    return extraction
