"""Recognise FHIR Bundles and Phenopackets among JSON inputs and read them into a ``Document``.

The runtime service's input dispatcher (and, until it exists, the CLI) asks ``sniff_interop_json``
whether a parsed JSON object is one of these formats, then ``read_interop_json`` reads it.
"""

from __future__ import annotations

from typing import Any, Literal

from calcidx.case.model import Document
from calcidx.errors import InputError

__all__ = ["InteropFormat", "read_interop_json", "sniff_interop_json"]

InteropFormat = Literal["fhir", "phenopacket"]


def sniff_interop_json(raw: object) -> InteropFormat | None:
    """``fhir`` for a FHIR Bundle, ``phenopacket`` for a Phenopacket, None for anything else.

    Raises:
        InputError: a FHIR resource other than a Bundle (name what is accepted).
    """
    from calcidx.interop.fhir_in import is_fhir_bundle
    from calcidx.interop.phenopacket import is_phenopacket

    if is_fhir_bundle(raw):
        return "fhir"
    if isinstance(raw, dict) and raw.get("resourceType") is not None:
        raise InputError(
            f"FHIR {raw['resourceType']!r} resources are read only inside a Bundle; "
            "give a Bundle with the Patient and its Conditions, Observations and MedicationStatements"
        )
    if is_phenopacket(raw):
        return "phenopacket"
    return None


def read_interop_json(raw: dict[str, Any], where: str) -> Document | None:
    """The ``Document`` of a FHIR Bundle or a Phenopacket, or None when ``raw`` is neither.

    Raises:
        InputError: it is one of them but not valid.
    """
    kind = sniff_interop_json(raw)
    if kind == "fhir":
        from calcidx.interop.fhir_in import document_from_fhir_bundle

        return document_from_fhir_bundle(raw, where)
    if kind == "phenopacket":
        from calcidx.interop.phenopacket import document_from_phenopacket

        return document_from_phenopacket(raw, where)
    return None
