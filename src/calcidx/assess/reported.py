"""What the text already says about an option: "sodium thiosulfate was stopped" marks the options
it is given as (``therapies.yaml`` ``options``), so a clinician sees it was tried before reading
it as a new suggestion."""

from __future__ import annotations

from calcidx.assess.model import TreatmentOption
from calcidx.case.model import Case
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["mark_reported"]


def _reported_by_option(case: Case, bundle: KnowledgeBundle) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for given in case.treatments:
        concept = given.concept or ""
        therapy = bundle.therapies.get(concept)
        if therapy is not None:
            option_ids, label = therapy.options, therapy.label
        elif concept in bundle.treatments:
            option_ids, label = [concept], bundle.treatments[concept].label
        else:
            continue
        words = f"{label} {given.status}" + (f" ({given.response})" if given.response else "")
        for option_id in option_ids:
            if words not in found.setdefault(option_id, []):
                found[option_id].append(words)
    return found


def mark_reported(options: list[TreatmentOption], case: Case, bundle: KnowledgeBundle) -> list[TreatmentOption]:
    """``options`` with ``reported`` set where the case's treatments name them (given, planned or stopped)."""
    found = _reported_by_option(case, bundle)
    if not found:
        return options
    return [
        option.model_copy(update={"reported": "; ".join(found[option.id])}) if option.id in found else option
        for option in options
    ]
