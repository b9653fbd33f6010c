"""The unit system a line of lab results is written in, for the results in it given without a unit.

A note that writes "Ca 9.1, Phos 3.4, Cr 0.7" gives calcium in mg/dL (the only unit in which 9.1 is
plausible), so the phosphate and creatinine beside it are in the same conventional units; "Ca 2.55,
PO4 2.4, iPTH 95 pmol/L" is written in SI units. Results are neighbours when their evidence spans
follow one another closely (one line or sentence of results); a case built from a form or a FHIR
record has no spans, so no neighbours, and nothing is inferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from calcidx.case.model import Lab

__all__ = ["System", "neighbour_systems", "unit_system"]

System = Literal["SI", "conventional"]

#: most characters between two results of one line ("Ca 9.1, Phos 3.4": two)
_NEIGHBOUR_GAP = 40


def unit_system(symbol: str) -> System | None:
    """SI for a molar unit (mmol/L, µmol/L, pmol/L), conventional for a mass per decilitre or per
    millilitre or a percentage (mg/dL, g/dL, mg%, pg/mL, ng/mL); None for the rest (ng/L, U/L)."""
    compact = symbol.replace(" ", "").lower()
    if "mol/" in compact:
        return "SI"
    if "/dl" in compact or "g/ml" in compact or compact.endswith("%"):
        return "conventional"
    return None


def neighbour_systems(labs: Sequence[Lab], anchors: Sequence[System | None]) -> list[System | None]:
    """For each lab, the one system its neighbours' anchors (``anchors[i]``: the system lab ``i`` is
    known to be written in, or None) agree on; None where they name none or disagree."""
    located = sorted((lab.evidence[0].start, lab.evidence[-1].end, i) for i, lab in enumerate(labs) if lab.evidence)
    groups: list[list[int]] = []
    last_end = -(_NEIGHBOUR_GAP + 1)
    for start, end, index in located:
        if not groups or start - last_end > _NEIGHBOUR_GAP:
            groups.append([])
        groups[-1].append(index)
        last_end = max(last_end, end)
    systems: list[System | None] = [None] * len(labs)
    for group in groups:
        found = {anchors[i] for i in group if anchors[i] is not None}
        if len(found) == 1:
            agreed = found.pop()
            for i in group:
                systems[i] = agreed
    return systems
