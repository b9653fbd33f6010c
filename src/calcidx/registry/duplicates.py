"""Flag the same patient reported twice: documents with the same DOI, or near-identical text.

The earlier document (first stored) is kept; each case of a later duplicate points at the case of
the earlier document with the same patient number (or its first case), with the reason. Flags are
recomputed from scratch, so they follow what the registry holds now.
"""

from __future__ import annotations

from sqlalchemy import or_, select, update

from calcidx.registry import models as m
from calcidx.registry.database import Registry
from calcidx.registry.minhash import candidate_pairs

__all__ = ["NEAR_DUPLICATE", "mark_duplicates"]

#: Least estimated Jaccard similarity of five-word shingles for two texts to count as one report.
NEAR_DUPLICATE = 0.8


def mark_duplicates(registry: Registry, threshold: float = NEAR_DUPLICATE) -> int:
    """Recompute the duplicate flags of current cases; returns how many cases are flagged."""
    with registry.session() as session:
        rows = session.execute(
            select(m.Document.id, m.Document.doi, m.Document.minhash, m.Document.minhash_scheme)
            .join(m.Extraction, m.Extraction.document_id == m.Document.id)
            .where(m.Extraction.current, m.Extraction.status == "ok")
            .order_by(m.Document.created_at, m.Document.id)
        ).all()
        order = {doc_id: index for index, (doc_id, *_rest) in enumerate(rows)}
        original: dict[str, tuple[str, str]] = {}
        by_doi: dict[str, str] = {}
        for doc_id, doi, _sig, _scheme in rows:
            if doi:
                if doi in by_doi:
                    original[doc_id] = (by_doi[doi], f"same DOI {doi}")
                else:
                    by_doi[doi] = doc_id
        by_scheme: dict[int | None, list[tuple[str, list[int]]]] = {}
        for doc_id, _doi, sig, scheme in rows:
            if sig:
                by_scheme.setdefault(scheme, []).append((doc_id, sig))
        # signatures compare only within one scheme (older registries hold scheme-1 signatures)
        schemes = sorted(by_scheme.items(), key=lambda item: item[0] or 0)
        pairs = (pair for _scheme, signed in schemes for pair in candidate_pairs(signed, threshold))
        for first, second, score in pairs:
            early, late = (first, second) if order[first] < order[second] else (second, first)
            if late not in original:
                original[late] = (early, f"near-identical text (J~{score:.2f})")
        # Point at the earliest document of each chain.
        for doc_id in list(original):
            target, reason = original[doc_id]
            hops = 0
            while target in original and hops < 100:
                target = original[target][0]
                hops += 1
            original[doc_id] = (target, reason)
        # only flagged cases are cleared: rewriting every case (and its JSON) each run grew with the registry
        session.execute(
            update(m.Case)
            .where(or_(m.Case.duplicate_of.is_not(None), m.Case.duplicate_reason.is_not(None)))
            .values(duplicate_of=None, duplicate_reason=None)
        )
        if not original:
            return 0
        wanted = set(original) | {target for target, _ in original.values()}
        cases: dict[str, list[tuple[int, int]]] = {}
        for case_id, document_id, index in session.execute(
            select(m.Case.id, m.Case.document_id, m.Case.patient_index)
            .join(m.Extraction, m.Extraction.id == m.Case.extraction_id)
            .where(m.Extraction.current, m.Case.document_id.in_(wanted))
            .order_by(m.Case.id)
        ):
            cases.setdefault(document_id, []).append((case_id, index))
        flagged = 0
        for doc_id, (target, reason) in original.items():
            targets = cases.get(target) or []
            if not targets:
                continue
            for case_id, index in cases.get(doc_id, []):
                match = next((c for c, i in targets if i == index), targets[0][0])
                session.execute(
                    update(m.Case).where(m.Case.id == case_id).values(duplicate_of=match, duplicate_reason=reason[:64])
                )
                flagged += 1
        return flagged
