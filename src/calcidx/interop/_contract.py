"""Reading the assessment fields whose shape is being redesigned (ARCHITECTURE.md contract):
``alternatives`` (codes now, objects with ``code`` and ``certainty`` next) and
``withheld_treatments`` (each with its ``reason``). The one place to adapt when they land."""

from __future__ import annotations

from calcidx.assess.model import Assessment, TreatmentOption

__all__ = ["alternatives", "withheld_reason"]


def alternatives(a: Assessment) -> list[tuple[str, str | None]]:
    """(code, certainty) of each competing subtype; certainty None when the contract gives none."""
    out: list[tuple[str, str | None]] = []
    for alt in a.alternatives:
        if isinstance(alt, str):
            out.append((alt, None))
        else:
            certainty = getattr(alt, "certainty", None)
            out.append((str(getattr(alt, "code", alt)), str(certainty) if certainty else None))
    return out


def withheld_reason(option: TreatmentOption) -> str:
    """Why a treatment is withheld for this patient."""
    reason = getattr(option, "reason", None)
    if isinstance(reason, str) and reason:
        return reason
    return "; ".join(option.cautions) if option.cautions else "not recommended for this patient"
