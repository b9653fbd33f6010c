"""Exchange standards: FHIR R4 in and out, GA4GH Phenopacket v2 in and out, CDS Hooks 2.0.

Public surface::

    from calcidx.interop import to_fhir_bundle, case_from_fhir_bundle, to_phenopacket, case_from_phenopacket

The CDS Hooks service is a FastAPI router in ``calcidx.interop.cds_hooks`` (imported on demand so
that exports do not load the web stack). Codes come from the knowledge base only.
"""

from __future__ import annotations

from calcidx.interop.fhir_in import case_from_fhir_bundle, document_from_fhir_bundle, is_fhir_bundle
from calcidx.interop.fhir_out import to_fhir_bundle, validate_fhir_bundle
from calcidx.interop.formats import register_formats
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

# The service reads FHIR Bundles and Phenopackets once interop is imported.
register_formats()
