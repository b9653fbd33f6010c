"""Reading the assessment fields that other parts of the pipeline own and may reshape:
``alternatives`` (competing subtypes, each with ``code`` and ``certainty``) and the reasons a
treatment is withheld. The one place to adapt when those contracts change."""

from __future__ import annotations

from calcidx.assess.model import Assessment, TreatmentOption

__all__ = ["alternatives", "withheld_reason"]


def alternatives(a: Assessment) -> list[tuple[str, str | None]]:
    """(code, certainty) of each competing subtype."""
    return [(alt.code, alt.certainty) for alt in a.alternatives]


def withheld_reason(option: TreatmentOption) -> str:
    """Why a treatment is withheld for this patient."""
    reasons = option.withheld_reasons or option.cautions
    return "; ".join(reasons) if reasons else "not recommended for this patient"
