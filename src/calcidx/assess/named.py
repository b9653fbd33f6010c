"""Drugs and treatments a case names without a concept id ("Warfarin 5 mg daily" in a Case JSON,
a form or an EHR record) are given the knowledge item their name is, and a warning says so; a
name the knowledge does not know stays as it is."""

from __future__ import annotations

from calcidx.assess.model import Warning
from calcidx.case.model import Case, Finding, Medication, TreatmentGiven
from calcidx.knowledge.names import name_index
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["name_concepts"]


def _known(concept: str, bundle: KnowledgeBundle) -> bool:
    return bundle.concept(concept) is not None or concept in bundle.lookalikes


def name_concepts(case: Case, bundle: KnowledgeBundle) -> tuple[Case, list[Warning]]:
    """``case`` with the concept its name gives to each unnamed medication and treatment, and to each
    finding whose concept is a name rather than an id ("end-stage renal disease"), and the notes."""
    if (
        all(m.concept for m in case.medications)
        and all(t.concept for t in case.treatments)
        and all(_known(f.concept, bundle) for f in [*case.findings, *case.exposures])
    ):
        return case, []
    index = name_index(bundle)
    notes: list[Warning] = []
    groups: dict[str, list[Finding]] = {"findings": [], "exposures": []}
    for field, items in (("findings", case.findings), ("exposures", case.exposures)):
        for finding in items:
            found = None if _known(finding.concept, bundle) else index.find(finding.concept, drug=True)
            if found is not None and found.kind != "treatment":
                notes.append(_note(field, finding.concept, found.label))
                finding = finding.model_copy(update={"concept": found.id})
            groups[field].append(finding)
    medications: list[Medication] = []
    for med in case.medications:
        found = None if med.concept else index.find(med.name, drug=True)
        if found is not None and found.kind in ("exposure", "medication"):
            med = med.model_copy(update={"concept": found.id})
            notes.append(_note("medications", med.name, found.label))
        medications.append(med)
    treatments: list[TreatmentGiven] = []
    for given in case.treatments:
        found = None if given.concept else index.find(given.name, drug=True)
        if found is not None and found.kind == "treatment":
            given = given.model_copy(update={"concept": found.id})
            notes.append(_note("treatments", given.name, found.label))
        treatments.append(given)
    if not notes:
        return case, []
    update = {"medications": medications, "treatments": treatments, **groups}
    return case.model_copy(update=update), notes


def _note(field: str, name: str, label: str) -> Warning:
    message = f"{name!r} is not a concept id; read by its name as {label}"
    return Warning(code="read_by_name", message=message, field=field)
