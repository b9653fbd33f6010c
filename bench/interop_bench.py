"""Latency of the standards layer: CDS Hooks ``patient-view`` and ``order-select`` answers through the
real FastAPI app (warm), and FHIR / Phenopacket export and import per case."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "interop"))


def _timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _show(label: str, times: list[float]) -> None:
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:<42} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})")


def main() -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from test_cds_hooks import _order, prefetch_for

    import calcidx.interop as interop
    from calcidx.case.model import Case
    from calcidx.interop.cds_hooks import ORDER_SELECT, PATIENT_VIEW, router

    app = FastAPI()
    app.include_router(router)
    client = TestClient(app)
    cases = [
        Case.model_validate(json.loads(p.read_text())["case"])
        for p in sorted((ROOT / "tests" / "golden").glob("*.json"))
    ]
    prefetches = [prefetch_for(c) for c in cases]
    state = {"i": 0}

    def view() -> None:
        prefetch = prefetches[state["i"] % len(prefetches)]
        state["i"] += 1
        body = {"hook": "patient-view", "hookInstance": "b", "context": {"patientId": "pat-1"}, "prefetch": prefetch}
        assert client.post(f"/cds-services/{PATIENT_VIEW}", json=body).status_code == 200

    def order() -> None:
        prefetch = prefetches[state["i"] % len(prefetches)]
        state["i"] += 1
        context = {"patientId": "pat-1", "selections": ["MedicationRequest/mr-1"], "draftOrders": _order("Minocycline")}
        body = {"hook": "order-select", "hookInstance": "b", "context": context, "prefetch": prefetch}
        assert client.post(f"/cds-services/{ORDER_SELECT}", json=body).status_code == 200

    _show("CDS Hooks patient-view (HTTP, warm)", _timed(view, 60))
    _show("CDS Hooks order-select (HTTP, warm)", _timed(order, 60))
    assessed = [interop.to_fhir_bundle(c) for c in cases[:1]]  # warm the runtime
    docs = [__import__("calcidx.service", fromlist=["assess_object"]).assess_object(c) for c in cases]
    _show("FHIR Bundle export of an assessed case", _timed(lambda: [interop.to_fhir_bundle(d) for d in docs[:1]], 60))
    _show("Phenopacket export of an assessed case", _timed(lambda: [interop.to_phenopackets(d) for d in docs[:1]], 60))
    bundle = interop.to_fhir_bundle(docs[0])
    _show("FHIR Bundle import (validate + read)", _timed(lambda: interop.document_from_fhir_bundle(bundle), 60))
    del assessed


if __name__ == "__main__":
    main()
