"""Document kind: case report, case series, review, or other (e.g. a disease summary page)."""

from __future__ import annotations

import re

from calcidx.extract.sections import Layout

__all__ = ["document_kind"]

_SERIES = re.compile(r"\bcase series\b|\bseries of (?:\d+|[a-z]+) (?:patients|cases)\b", re.I)
_REVIEW = re.compile(
    r"\b(?:systematic review|literature review|narrative review|scoping review|meta-analysis|a review\b|"
    r"review article)\b",
    re.IGNORECASE,
)


def document_kind(layout: Layout, patients: int, *, cohort: bool = False, series: bool = False) -> str:
    """The kind of document, from the number of patients found and words of the title/abstract.

    Four or more patients, or "case series" in the front matter, make a case series; so does no
    patient when the text summarises its patients only as a group (``series``). No patient and
    review words (or a study of many patients, ``cohort``) make a review; no patient otherwise
    makes ``other``.
    """
    front = " ".join(s.text for s in layout.sentences if s.category in ("front", "abstract"))[:4000]
    if patients == 0:
        if cohort or _REVIEW.search(front):
            return "review"
        return "case_series" if series else "other"
    if patients >= 4 or _SERIES.search(front):
        return "case_series"
    return "case_report"
