from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from calcidx import assess
from calcidx.case.model import Case
from calcidx.interop import to_fhir_bundle
from calcidx.interop.cds_hooks import ORDER_SELECT, PATIENT_VIEW, router

GOLDEN = Path(__file__).parent.parent / "golden"


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(router)
    return TestClient(app)


def _searchset(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}


def prefetch_for(case: Case, patient_id: str = "pat-1") -> dict[str, Any]:
    """What an EHR would prefetch for this patient: its record as FHIR resources (CalciDx's own
    conclusions are dropped, as an EHR would not hold them)."""
    bundle = to_fhir_bundle(case)
    resources = [e["resource"] for e in bundle["entry"]]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    patient["id"] = patient_id
    facts = []
    for r in resources:
        lists = {e.get("valueCode") for e in r.get("extension", [])}
        if r["resourceType"] in {"Patient", "Provenance", "ClinicalImpression"} or lists & {"assessment", "derived"}:
            continue
        for key in ("subject", "patient"):
            if key in r:
                r[key] = {"reference": f"Patient/{patient_id}"}
        facts.append(r)
    return {
        "patient": patient,
        "conditions": _searchset(
            [r for r in facts if r["resourceType"] in {"Condition", "FamilyMemberHistory", "Procedure"}]
        ),
        "observations": _searchset([r for r in facts if r["resourceType"] == "Observation"]),
        "medications": _searchset([r for r in facts if r["resourceType"] == "MedicationStatement"]),
    }


def call(client: TestClient, service: str, hook: str, prefetch: dict[str, Any], **context: Any) -> Any:
    body = {
        "hook": hook,
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": {"userId": "Practitioner/1", "patientId": "pat-1", **context},
        "prefetch": prefetch,
    }
    return client.post(f"/cds-services/{service}", json=body)


def golden(name: str) -> tuple[Case, dict[str, Any]]:
    data = json.loads((GOLDEN / f"{name}.json").read_text())
    return Case.model_validate(data["case"]), data["expect"]


def assert_card_fields(card: dict[str, Any]) -> None:
    assert isinstance(card["summary"], str) and 0 < len(card["summary"]) < 140
    assert card["indicator"] in {"info", "warning", "critical"}
    assert card["source"]["label"]
    assert isinstance(card.get("detail", ""), str)
    for suggestion in card.get("suggestions", []):
        assert suggestion["label"] and suggestion["uuid"] and suggestion["actions"]
        assert card["selectionBehavior"] in {"at-most-one", "any"}


def test_discovery_lists_both_services_with_prefetch_templates(client: TestClient) -> None:
    answer = client.get("/cds-services")
    assert answer.status_code == 200
    services = {s["id"]: s for s in answer.json()["services"]}
    assert services[PATIENT_VIEW]["hook"] == "patient-view"
    assert services[ORDER_SELECT]["hook"] == "order-select"
    for service in services.values():
        assert service["title"] and service["description"]
        prefetch = service["prefetch"]
        assert prefetch["patient"] == "Patient/{{context.patientId}}"
        assert prefetch["conditions"].startswith("Condition?patient={{context.patientId}}")
        assert prefetch["medications"].startswith("MedicationStatement?patient=")
        # calcium, phosphate and albumin LOINC codes come from analytes.yaml
        for code in ("17861-6", "2777-1", "1751-7"):
            assert f"http://loinc.org|{code}" in prefetch["observations"]
        # and the pregnancy status (US Core), which decides whether treatments are safe
        assert "http://loinc.org|82810-3" in prefetch["observations"]
        # and the breastfeeding status, for the same reason
        assert "http://loinc.org|63895-7" in prefetch["observations"]


@pytest.mark.parametrize(
    ("name", "indicator"),
    [
        ("dystrophic-ssc-confirmed", None),
        ("metastatic-ckd-high-product", "warning"),
        ("idiopathic-scrotal", None),
        ("iatrogenic-electrode-paste", None),
        ("calciphylaxis-uremic-clinical", "critical"),
    ],
)
def test_patient_view_gives_a_card_for_each_subtype(client: TestClient, name: str, indicator: str | None) -> None:
    case, expect = golden(name)
    answer = call(client, PATIENT_VIEW, "patient-view", prefetch_for(case))
    assert answer.status_code == 200, answer.text
    cards = answer.json()["cards"]
    for card in cards:
        assert_card_fields(card)
    main = cards[0]
    label = {
        "dystrophic": "Dystrophic",
        "metastatic": "Metastatic",
        "idiopathic": "Idiopathic",
        "iatrogenic": "Iatrogenic",
    }
    if expect["subtype"] == "calciphylaxis":
        assert "Calciphylaxis" in main["summary"]
    else:
        assert label[expect["subtype"]] in main["summary"]
    direct = assess(case).cases[0].assessment.subtype  # the prefetch path loses nothing the pathway uses
    assert direct.code == expect["subtype"]
    assert f"({direct.certainty})" in main["summary"]
    if indicator:
        assert main["indicator"] == indicator
    assert any(link["url"].endswith(f"/monograph/{expect['subtype']}") for link in main["links"])
    assert "Sources:" in main["detail"] and "@" in main["detail"]  # rule id@version and its sources


def test_calciphylaxis_card_is_critical(client: TestClient) -> None:
    case, _ = golden("calciphylaxis-uremic-clinical")
    cards = call(client, PATIENT_VIEW, "patient-view", prefetch_for(case)).json()["cards"]
    assert cards[0]["indicator"] == "critical"
    assert cards[0]["summary"].startswith("Calciphylaxis suspected")


def test_idiopathic_without_withheld_treatment_is_info(client: TestClient) -> None:
    case = Case.model_validate(
        {"patient": {"age_years": 30, "sex": "male"}, "findings": [{"concept": "pain", "assertion": "absent"}]}
    )
    cards = call(client, PATIENT_VIEW, "patient-view", prefetch_for(case)).json()["cards"]
    assert cards[0]["indicator"] == "info"


def test_missing_workup_becomes_orderable_service_requests(client: TestClient) -> None:
    case, _ = golden("calciphylaxis-uremic-clinical")
    cards = call(client, PATIENT_VIEW, "patient-view", prefetch_for(case)).json()["cards"]
    workup = next(c for c in cards if c["summary"].startswith("Missing work-up"))
    resources = [a["resource"] for s in workup["suggestions"] for a in s["actions"]]
    assert resources and all(r["resourceType"] == "ServiceRequest" and r["status"] == "draft" for r in resources)
    assert all(c["system"] == "http://loinc.org" for r in resources for c in r["code"]["coding"])
    assert all(r["subject"]["reference"] == "Patient/pat-1" for r in resources)


def _order(text: str, order_id: str = "mr-1") -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "MedicationRequest",
                    "id": order_id,
                    "status": "draft",
                    "intent": "order",
                    "medicationCodeableConcept": {"text": text},
                    "subject": {"reference": "Patient/pat-1"},
                }
            }
        ],
    }


def test_order_select_warns_when_a_withheld_treatment_is_ordered(client: TestClient) -> None:
    child = Case.model_validate(
        {
            "patient": {"age_years": 8, "sex": "female"},
            "findings": [{"concept": "systemic_sclerosis"}, {"concept": "firm_white_yellow_papules"}],
        }
    )
    answer = call(
        client,
        ORDER_SELECT,
        "order-select",
        prefetch_for(child),
        selections=["MedicationRequest/mr-1"],
        draftOrders=_order("Minocycline 50 mg tablet"),
    )
    assert answer.status_code == 200, answer.text
    cards = answer.json()["cards"]
    assert len(cards) == 1
    card = cards[0]
    assert_card_fields(card)
    assert card["indicator"] == "warning" and "Minocycline" in card["summary"]
    assert "teeth" in card["detail"]
    assert card["suggestions"][0]["actions"][0] == {
        "type": "delete",
        "description": "Remove the draft Minocycline 50 mg tablet order",
        "resourceId": "MedicationRequest/mr-1",
    }


def test_order_select_aluminium_binder_in_kidney_disease(client: TestClient) -> None:
    case, _ = golden("metastatic-ckd-high-product")
    answer = call(
        client,
        ORDER_SELECT,
        "order-select",
        prefetch_for(case),
        selections=["MedicationRequest/mr-9"],
        draftOrders=_order("aluminium hydroxide 600 mg", "mr-9"),
    )
    cards = answer.json()["cards"]
    assert [c["indicator"] for c in cards] == ["warning"]
    assert "renal" in cards[0]["detail"].lower()


def test_order_select_is_silent_for_an_unrelated_order(client: TestClient) -> None:
    case, _ = golden("metastatic-ckd-high-product")
    answer = call(
        client,
        ORDER_SELECT,
        "order-select",
        prefetch_for(case),
        selections=["MedicationRequest/mr-1"],
        draftOrders=_order("Paracetamol 500 mg"),
    )
    assert answer.status_code == 200 and answer.json() == {"cards": []}


def test_missing_required_prefetch_is_412(client: TestClient) -> None:
    case, _ = golden("metastatic-ckd-high-product")
    prefetch = prefetch_for(case)
    del prefetch["observations"]
    answer = call(client, PATIENT_VIEW, "patient-view", prefetch)
    assert answer.status_code == 412
    assert "observations" in answer.json()["detail"]
    assert call(client, PATIENT_VIEW, "patient-view", {}).status_code == 412


def test_wrong_hook_unknown_service_and_bad_body_are_4xx(client: TestClient) -> None:
    case, _ = golden("metastatic-ckd-high-product")
    assert call(client, PATIENT_VIEW, "order-select", prefetch_for(case)).status_code == 400
    assert call(client, "nope", "patient-view", prefetch_for(case)).status_code == 404
    assert client.post(f"/cds-services/{PATIENT_VIEW}", json={"hook": "patient-view"}).status_code == 422


def test_a_drug_to_review_is_a_card_with_its_patient_caution(client: TestClient) -> None:
    case = assess(
        "A 64-year-old woman on haemodialysis took warfarin for a mechanical mitral valve. Painful violaceous "
        "plaques with a net-like purpura on both thighs became necrotic. A biopsy showed calcification of "
        "small subcutaneous vessels."
    ).cases[0]
    record = Case.model_validate(case.model_dump(exclude={"assessment"}))
    cards = call(client, PATIENT_VIEW, "patient-view", prefetch_for(record)).json()["cards"]
    review = [c for c in cards if c["summary"].startswith("Review current medication")]
    assert review, [c["summary"] for c in cards]
    assert_card_fields(review[0])
    assert "Warfarin" in review[0]["summary"] and "mechanical heart valve" in review[0]["detail"]


def test_a_withheld_treatment_the_record_already_holds_is_named_on_the_card(client: TestClient) -> None:
    case = assess(
        "A 31-year-old woman with systemic sclerosis, pregnant at 20 weeks, had hard calcified nodules of the "
        "fingertips on radiographs. She was treated with minocycline."
    ).cases[0]
    assert any(t.id == "minocycline" and t.reported for t in case.assessment.withheld_treatments)
    record = Case.model_validate(case.model_dump(exclude={"assessment"}))
    cards = call(client, PATIENT_VIEW, "patient-view", prefetch_for(record)).json()["cards"]
    withheld = [c for c in cards if c["summary"].startswith("Withheld for this patient")]
    assert withheld, [c["summary"] for c in cards]
    assert "The record reports it already: Minocycline given." in withheld[0]["detail"]
