"""What the text already says about an option: "sodium thiosulfate was stopped" marks the options
it is given as (``therapies.yaml`` ``options``), so a clinician sees it was tried before reading
it as a new suggestion."""

from __future__ import annotations

from calcidx.assess.model import TreatmentOption
from calcidx.case.model import Case
from calcidx.knowledge.names import name_index
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["mark_reported"]


def _options_of(concept: str, bundle: KnowledgeBundle) -> tuple[list[str], str] | None:
    """The options a therapy or treatment id is given as, and its label."""
    therapy = bundle.therapies.get(concept)
    if therapy is not None:
        return therapy.options, therapy.label
    if concept in bundle.treatments:
        return [concept], bundle.treatments[concept].label
    return None


def _reported_by_option(case: Case, bundle: KnowledgeBundle) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def add(option_ids: list[str], words: str) -> None:
        for option_id in option_ids:
            if words not in found.setdefault(option_id, []):
                found[option_id].append(words)

    for given in case.treatments:
        options = _options_of(given.concept or "", bundle)
        if options is not None:
            add(options[0], f"{options[1]} {given.status}" + (f" ({given.response})" if given.response else ""))
    # a drug on the medication list ("Alendronate 70 mg weekly") is an option already taken; a drug
    # with no concept id is looked up by name (``name_concepts`` names only drugs and exposures)
    for med in case.medications:
        if med.assertion not in ("present", "historical"):
            continue
        concept = med.concept
        if concept is None:
            named = name_index(bundle).find(med.name, drug=True)
            concept = named.id if named is not None and named.kind == "treatment" else None
        options = _options_of(concept or "", bundle)
        if options is not None:
            add(options[0], f"{options[1]} " + ("already taken" if med.assertion == "present" else "taken before"))
    return found


def mark_reported(options: list[TreatmentOption], case: Case, bundle: KnowledgeBundle) -> list[TreatmentOption]:
    """``options`` with ``reported`` set where the case's treatments (given, planned or stopped) or
    its medication list (already taken) name them."""
    found = _reported_by_option(case, bundle)
    if not found:
        return options
    return [
        option.model_copy(update={"reported": "; ".join(found[option.id])}) if option.id in found else option
        for option in options
    ]
