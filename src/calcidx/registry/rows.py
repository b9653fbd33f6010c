"""An assessed document flattened into the registry's table rows, in the worker that assessed it.

The worker builds the rows and encodes the one large JSON column (the assessed case, its assessment
included: stored once, in ``cases.data``) itself, straight from the model (pydantic-core writes the
JSON; no intermediate dump), so the one writer only adds ids and inserts: its cost per document
stays small whatever the number of workers feeding it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedCase

__all__ = ["CaseRows", "RawJSON", "case_rows"]

#: The child tables of a case, in insert order.
CHILD_TABLES = ("lesions", "findings", "labs", "treatments", "assessments", "stated")


class RawJSON(str):
    """JSON text already encoded; the registry's JSON columns store it as it is (``database``)."""

    __slots__ = ()


@dataclass(slots=True)
class CaseRows:
    """One case's ``cases`` row (without ``extraction_id``) and its child rows by table (without ``case_id``)."""

    case: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def case_rows(document_id: str, case: AssessedCase) -> CaseRows:
    """The rows of one assessed case, read from the model (the values of its JSON dump)."""
    patient = case.patient
    row = {
        "document_id": document_id,
        "patient_index": case.patient_index or 1,
        "age_years": patient.age_years,
        "sex": patient.sex,
        "outcome": case.outcome,
        "duplicate_of": None,
        "duplicate_reason": None,
        "data": RawJSON(case.model_dump_json()),
    }
    children: dict[str, list[dict[str, Any]]] = {
        "lesions": [{"site": lesion.site, "laterality": lesion.laterality} for lesion in case.lesions],
        "findings": [
            {"kind": kind, "concept": f.concept, "assertion": f.assertion or "present", "site": f.site}
            for kind, found in (("finding", case.findings), ("exposure", case.exposures))
            for f in found
        ],
        "labs": [
            {"analyte": lab.analyte, "value": lab.value, "unit": lab.unit, "interpretation": lab.interpretation}
            for lab in case.labs
        ],
        "treatments": [
            {"name": t.name, "concept": t.concept, "status": t.status or "given", "response": t.response}
            for t in case.treatments
        ],
        "assessments": [],
        "stated": [],
    }
    assessment = case.assessment
    children["assessments"].append(
        {
            "subtype": assessment.subtype.code or "undetermined",
            "certainty": assessment.subtype.certainty,
            "subform": assessment.subform.code if assessment.subform is not None else None,
            "associated_conditions": list(assessment.associated_conditions),
        }
    )
    stated = assessment.stated
    subtype: str | None
    subform: str | None
    text: str | None
    concordance: str | None
    if stated is not None:
        # the authors' diagnosis as the service judged it (with its concordance)
        subtype, subform, text, concordance = stated.subtype, stated.subform, stated.text, stated.concordance
    else:
        subtype, subform, text, concordance = case.stated_subtype, case.stated_subform, case.diagnosis_as_written, None
    if subtype or subform or text:
        children["stated"].append({"subtype": subtype, "subform": subform, "text": text, "concordance": concordance})
    return CaseRows(row, children)
