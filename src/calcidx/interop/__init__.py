"""Exchange standards: FHIR R4 in and out, GA4GH Phenopacket v2 in and out, CDS Hooks 2.0.

Public surface::

    from calcidx.interop import to_fhir_bundle, case_from_fhir_bundle, to_phenopacket, case_from_phenopacket

The CDS Hooks service is a FastAPI router in ``calcidx.interop.cds_hooks`` (imported on demand so
that exports do not load the web stack). Codes come from the knowledge base only.

Importing the package only registers the FHIR Bundle and Phenopacket input formats with the
service (cheap); the FHIR and Phenopacket modules (``fhir.resources``, protobuf) load when one of
the names below is first used, so a command that reads a Case JSON does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from calcidx.interop.formats import register_formats

if TYPE_CHECKING:
    from calcidx.interop.fhir_in import case_from_fhir_bundle, document_from_fhir_bundle, is_fhir_bundle
    from calcidx.interop.fhir_out import to_fhir_bundle, validate_fhir_bundle
    from calcidx.interop.phenopacket import (
        case_from_phenopacket,
        document_from_phenopacket,
        is_phenopacket,
        to_phenopacket,
        to_phenopackets,
        validate_phenopacket,
    )

__all__ = [
    "case_from_fhir_bundle",
    "case_from_phenopacket",
    "document_from_fhir_bundle",
    "document_from_phenopacket",
    "is_fhir_bundle",
    "is_phenopacket",
    "register_formats",
    "to_fhir_bundle",
    "to_phenopacket",
    "to_phenopackets",
    "validate_fhir_bundle",
    "validate_phenopacket",
]

#: public name -> the module that defines it (imported on first use)
_LAZY = {
    "case_from_fhir_bundle": "calcidx.interop.fhir_in",
    "document_from_fhir_bundle": "calcidx.interop.fhir_in",
    "is_fhir_bundle": "calcidx.interop.fhir_in",
    "to_fhir_bundle": "calcidx.interop.fhir_out",
    "validate_fhir_bundle": "calcidx.interop.fhir_out",
    "case_from_phenopacket": "calcidx.interop.phenopacket",
    "document_from_phenopacket": "calcidx.interop.phenopacket",
    "is_phenopacket": "calcidx.interop.phenopacket",
    "to_phenopacket": "calcidx.interop.phenopacket",
    "to_phenopackets": "calcidx.interop.phenopacket",
    "validate_phenopacket": "calcidx.interop.phenopacket",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'calcidx.interop' has no attribute {name!r}")


# The service reads FHIR Bundles and Phenopackets once interop is imported.
register_formats()
