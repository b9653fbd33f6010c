"""Read a ``Case`` (or a ``Document``) from JSON, with errors a person can act on."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from calcidx.case.model import Case, Document
from calcidx.case.units import UnitProblem, canonical_factor
from calcidx.errors import InputError
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["check_case", "describe_validation_error", "load_json_input"]


def describe_validation_error(exc: ValidationError, where: str) -> str:
    """One line: the first bad field, what was wrong, and the bad value."""
    errors = exc.errors()
    first = errors[0]
    loc = ".".join(str(part) for part in first["loc"]) or "(top level)"
    got = first.get("input")
    shown = "" if isinstance(got, dict | list) else f" (got {got!r})"
    more = f"; {len(errors) - 1} more problem(s)" if len(errors) > 1 else ""
    return f"{where}: {loc}: {first['msg']}{shown}{more}"


def load_json_input(text: str, where: str) -> Case | Document:
    """Parse a Case JSON (or a Document JSON with ``cases``).

    Raises:
        InputError: not JSON, not an object, or not a valid Case/Document.
    """
    try:
        raw: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a JSON object (a Case), got {type(raw).__name__}")
    if raw.get("resourceType") is not None:
        raise InputError(
            f"{where}: FHIR resources ({raw['resourceType']}) are not read yet; give a Case JSON "
            "(see `calcidx schema case`) or a text/PDF/HTML report"
        )
    model: type[Case] | type[Document] = Document if "cases" in raw else Case
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, where)) from exc


def check_case(case: Case, bundle: KnowledgeBundle, where: str = "case") -> None:
    """Reject what a typed-in case must not contain: unknown analytes, and units that are
    unknown or cannot express the analyte at all. A convertible but unusual unit (calcium in
    ng/mL) is accepted here and flagged by the assessment, which does not interpret it.

    Raises:
        InputError: naming the lab, the bad value and what is allowed.
    """
    for index, lab in enumerate(case.labs):
        analyte = bundle.analytes.get(lab.analyte)
        if analyte is None:
            known = ", ".join(sorted(bundle.analytes)[:12])
            raise InputError(
                f"{where}: labs[{index}].analyte: unknown analyte {lab.analyte!r} (known ids include {known}, ...)"
            )
        if lab.unit and analyte.units:
            try:
                canonical_factor(analyte, lab.unit)
            except UnitProblem as exc:
                allowed = ", ".join(u.symbol for u in analyte.units) or "none (qualitative result)"
                raise InputError(
                    f"{where}: labs[{index}].unit: unknown unit {lab.unit!r} for {analyte.id} (allowed: {allowed})"
                ) from exc
