"""An assessed document flattened into the registry's table rows, in the worker that assessed it.

The worker builds the rows and encodes the large JSON columns (the case and its assessment) itself,
so the one writer only adds ids and inserts: its cost per document stays small whatever the number
of workers feeding it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic_core import to_json

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


def _raw(value: Any) -> RawJSON:
    return RawJSON(to_json(value).decode("utf-8"))


def _stated(case: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
    """(subtype, sub-form, text, concordance) of the authors' diagnosis: ``assessment.stated`` when
    the service gives it, else the case's own stated fields."""
    stated = (case.get("assessment") or {}).get("stated")
    if isinstance(stated, dict):
        return stated.get("subtype"), stated.get("subform"), stated.get("text"), stated.get("concordance")
    return case.get("stated_subtype"), case.get("stated_subform"), case.get("diagnosis_as_written"), None


def case_rows(document_id: str, case: dict[str, Any]) -> CaseRows:
    """The rows of one assessed case (its JSON, as ``AssessedCase.model_dump(mode="json")`` gives it)."""
    patient = case.get("patient") or {}
    row = {
        "document_id": document_id,
        "patient_index": case.get("patient_index") or 1,
        "age_years": patient.get("age_years"),
        "sex": patient.get("sex"),
        "outcome": case.get("outcome"),
        "duplicate_of": None,
        "duplicate_reason": None,
        "data": _raw(case),
    }
    children: dict[str, list[dict[str, Any]]] = {
        "lesions": [
            {"site": lesion.get("site"), "laterality": lesion.get("laterality")} for lesion in case.get("lesions") or []
        ],
        "findings": [
            {"kind": kind, "concept": f["concept"], "assertion": f.get("assertion") or "present", "site": f.get("site")}
            for kind, key in (("finding", "findings"), ("exposure", "exposures"))
            for f in case.get(key) or []
        ],
        "labs": [
            {
                "analyte": lab["analyte"],
                "value": lab.get("value"),
                "unit": lab.get("unit"),
                "interpretation": lab.get("interpretation"),
            }
            for lab in case.get("labs") or []
        ],
        "treatments": [
            {
                "name": t["name"],
                "concept": t.get("concept"),
                "status": t.get("status") or "given",
                "response": t.get("response"),
            }
            for t in case.get("treatments") or []
        ],
        "assessments": [],
        "stated": [],
    }
    assessment = case.get("assessment")
    if isinstance(assessment, dict):
        subtype = assessment.get("subtype") or {}
        subform = assessment.get("subform") or {}
        children["assessments"].append(
            {
                "subtype": subtype.get("code") or "undetermined",
                "certainty": subtype.get("certainty"),
                "subform": subform.get("code"),
                "associated_conditions": list(assessment.get("associated_conditions") or []),
                "data": _raw(assessment),
            }
        )
    stated_subtype, stated_subform, stated_text, concordance = _stated(case)
    if stated_subtype or stated_subform or stated_text:
        children["stated"].append(
            {"subtype": stated_subtype, "subform": stated_subform, "text": stated_text, "concordance": concordance}
        )
    return CaseRows(row, children)
