"""FHIR Bundles and Phenopackets as input formats of the service's one dispatcher.

``register_formats()`` (run when ``calcidx.interop`` is imported) adds them to
``calcidx.service.JSON_FORMATS``, so ``calcidx assess bundle.json`` / ``phenopacket.json`` and the
web API read them. Detection is cheap; the readers are imported on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from calcidx.case.model import Document
from calcidx.errors import InputError

if TYPE_CHECKING:
    from calcidx.runtime import Runtime

__all__ = ["read_fhir_bundle", "read_phenopacket", "register_formats"]


def _is_bundle(raw: Mapping[str, Any]) -> bool:
    return raw.get("resourceType") == "Bundle"


def _is_other_fhir(raw: Mapping[str, Any]) -> bool:
    return "resourceType" in raw and raw.get("resourceType") != "Bundle"


def _is_phenopacket(raw: Mapping[str, Any]) -> bool:
    return "metaData" in raw and ("subject" in raw or "phenotypicFeatures" in raw) and "resourceType" not in raw


def read_fhir_bundle(raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Document:
    """Service reader: a FHIR Bundle -> ``Document`` (warnings name the codes not used)."""
    from calcidx.interop.fhir_in import document_from_fhir_bundle

    return document_from_fhir_bundle(dict(raw), where, knowledge=runtime.bundle)


def read_phenopacket(raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Document:
    """Service reader: a GA4GH Phenopacket v2 -> ``Document``."""
    from calcidx.interop.phenopacket import document_from_phenopacket

    return document_from_phenopacket(dict(raw), where, knowledge=runtime.bundle)


def _other_fhir(raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Document:
    raise InputError(
        f"{where}: a single FHIR {raw.get('resourceType')!r} resource is not read; give a Bundle holding the "
        "Patient with its Conditions, Observations and MedicationStatements"
    )


def register_formats() -> None:
    """Add the FHIR Bundle and Phenopacket readers to the service's JSON format table."""
    from calcidx.service import JsonFormat, register_json_format

    register_json_format(JsonFormat("fhir_resource", _is_other_fhir, _other_fhir))
    register_json_format(JsonFormat("phenopacket", _is_phenopacket, read_phenopacket))
    register_json_format(JsonFormat("fhir_bundle", _is_bundle, read_fhir_bundle))
