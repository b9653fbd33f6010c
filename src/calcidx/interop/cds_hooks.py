"""CDS Hooks 2.0 services as a FastAPI ``APIRouter`` (the web app includes it).

* ``GET /cds-services``: discovery (``patient-view`` and ``order-select`` services with their
  prefetch templates: Patient, Conditions, the metabolic laboratory Observations by LOINC, and
  MedicationStatements).
* ``POST /cds-services/{id}``: the hook call. CalciDx runs offline and never queries the EHR's
  FHIR server, so a call without the required prefetch (patient, conditions, observations) is
  answered ``412 Precondition Failed`` naming what is missing.

The prefetched resources are read with the FHIR importer (unknown codes are left out and listed in
the assessment card), assessed, and turned into cards by ``cds_cards``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from calcidx.errors import InputError
from calcidx.interop import _pipeline
from calcidx.interop.cds_cards import order_select_cards, patient_view_cards
from calcidx.interop.codes import PATIENT_STATUSES, Terminology
from calcidx.interop.fhir_in import document_from_fhir_bundle

__all__ = ["ORDER_SELECT", "PATIENT_VIEW", "CdsRequest", "create_router", "discovery", "router"]

PATIENT_VIEW = "calcidx-calcinosis-assessment"
ORDER_SELECT = "calcidx-calcinosis-order-check"
_REQUIRED = ("patient", "conditions", "observations")
_HOOKS = {PATIENT_VIEW: "patient-view", ORDER_SELECT: "order-select"}


class CdsRequest(BaseModel):
    """The body of a CDS Hooks call (fields of the 2.0 specification; others are ignored)."""

    model_config = ConfigDict(extra="allow")

    hook: str = Field(min_length=1, max_length=100)
    hookInstance: str = Field(min_length=1, max_length=200)
    context: dict[str, Any]
    prefetch: dict[str, Any] | None = None
    fhirServer: str | None = Field(default=None, max_length=2000)


def _prefetch_templates(codes: Terminology) -> dict[str, str]:
    kb = codes.bundle
    analytes = codes.entry("cds_prefetch_analytes").items
    # the first-line labs, and the pregnancy and breastfeeding statuses that decide whether treatments are safe
    loinc = codes.uri("loinc")
    wanted = [f"{loinc}|{code}" for a in analytes for code in [*kb.analytes[a].loinc, *kb.analytes[a].loinc_read]]
    wanted += [f"{c['system']}|{c['code']}" for status in PATIENT_STATUSES if (c := status.code(codes)) is not None]
    return {
        "patient": "Patient/{{context.patientId}}",
        "conditions": "Condition?patient={{context.patientId}}",
        "observations": f"Observation?patient={{{{context.patientId}}}}&code={','.join(wanted)}",
        "medications": "MedicationStatement?patient={{context.patientId}}",
        "allergies": "AllergyIntolerance?patient={{context.patientId}}",
    }


def discovery() -> dict[str, Any]:
    """The discovery document (``GET /cds-services``)."""
    prefetch = _prefetch_templates(Terminology(_pipeline.knowledge_bundle()))
    return {
        "services": [
            {
                "hook": "patient-view",
                "id": PATIENT_VIEW,
                "title": "CalciDx calcinosis cutis assessment",
                "description": "Etiologic subtype of calcinosis cutis with its reasoning and sources, the missing "
                "work-up as orderable tests, and patient-specific treatment cautions.",
                "prefetch": prefetch,
            },
            {
                "hook": "order-select",
                "id": ORDER_SELECT,
                "title": "CalciDx calcinosis treatment safety check",
                "description": "Warns when a medication being ordered is a calcinosis treatment that CalciDx "
                "withholds for this patient (for example a tetracycline in a young child, an aluminium binder in "
                "kidney disease).",
                "prefetch": prefetch,
            },
        ]
    }


def _bundle_from_prefetch(prefetch: dict[str, Any]) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    for key in ("patient", "conditions", "observations", "medications", "allergies"):
        value = prefetch.get(key)
        if not isinstance(value, dict):
            continue
        if value.get("resourceType") == "Bundle":
            entries += [e for e in value.get("entry") or [] if isinstance(e, dict) and "resource" in e]
        elif value.get("resourceType"):
            entries.append({"resource": value})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def create_router(*, monograph_path: str = "/monograph") -> APIRouter:
    """The CDS Hooks router; ``monograph_path`` is where the web app serves the monograph."""
    api = APIRouter(tags=["cds-hooks"])

    @api.get("/cds-services")
    def get_discovery() -> dict[str, Any]:
        """CDS Hooks discovery."""
        return discovery()

    @api.post("/cds-services/{service_id}")
    def call_service(
        service_id: str, body: Annotated[CdsRequest, Body()], request: Request
    ) -> dict[str, list[dict[str, Any]]]:
        """Answer a hook call with cards."""
        hook = _HOOKS.get(service_id)
        if hook is None:
            raise HTTPException(404, f"no CDS service {service_id!r}; known: {', '.join(_HOOKS)}")
        if body.hook != hook:
            raise HTTPException(400, f"service {service_id!r} answers the {hook!r} hook, not {body.hook!r}")
        prefetch = body.prefetch or {}
        missing = [key for key in _REQUIRED if not isinstance(prefetch.get(key), dict)]
        if missing:
            raise HTTPException(
                412,
                f"required prefetch missing: {', '.join(missing)}; CalciDx works offline and does not query "
                "the FHIR server, so send them as prefetch (see GET /cds-services)",
            )
        try:
            document = document_from_fhir_bundle(_bundle_from_prefetch(prefetch), where="prefetch")
        except InputError as exc:
            raise HTTPException(400, str(exc)) from exc
        if not document.cases:
            raise HTTPException(412, "prefetch holds no Patient")
        assessed = _pipeline.assessed_cases(document)[0]
        codes = Terminology(_pipeline.knowledge_bundle())
        monograph = str(request.base_url).rstrip("/") + monograph_path
        patient_id = body.context.get("patientId") or "unknown"
        if hook == "patient-view":
            cards = patient_view_cards(assessed, codes, patient_ref=f"Patient/{patient_id}", monograph_url=monograph)
            if document.warnings:
                cards[0]["detail"] += "\n\n**Not used** (codes CalciDx does not know):\n" + "\n".join(
                    f"- {w}" for w in document.warnings
                )
            return {"cards": cards}
        draft = body.context.get("draftOrders")
        selections = body.context.get("selections") or []
        if not isinstance(draft, dict) or not isinstance(selections, list):
            raise HTTPException(
                400, "order-select needs context.draftOrders (a Bundle) and context.selections (a list)"
            )
        cards = order_select_cards(
            assessed, codes, draft_orders=draft, selections=[str(s) for s in selections], monograph_url=monograph
        )
        return {"cards": cards}

    return api


router = create_router()
