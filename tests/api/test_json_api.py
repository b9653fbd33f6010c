"""The JSON API through the real app: every media type, every kind of bad input, the limits."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

import calcidx
from tests.api.conftest import CALCIPHYLAXIS_NOTE, DYSTROPHIC_NOTE, make_client

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CASE = ROOT / "examples" / "case-idiopathic-fingertips.json"


def _one_line(detail: object) -> str:
    assert isinstance(detail, str)
    assert "\n" not in detail and "Traceback" not in detail
    return detail


def test_health_and_version_with_pipeline_stamp(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    version = client.get("/api/v1/version").json()
    assert version["calcidx"] == calcidx.__version__
    assert version["hpo"] in version["pipeline"] and version["knowledge"] in version["pipeline"]
    assert version["extractor_rules"] in version["pipeline"]


def test_assess_text_plain_matches_the_library(client: TestClient) -> None:
    response = client.post("/api/v1/assess", content=CALCIPHYLAXIS_NOTE, headers={"content-type": "text/plain"})
    assert response.status_code == 200
    expected = calcidx.assess(CALCIPHYLAXIS_NOTE).cases[0].assessment.subtype
    assert response.json()["cases"][0]["assessment"]["subtype"] == expected.model_dump(mode="json")


def test_assess_text_json_and_evidence_offsets_point_into_the_text(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"text": DYSTROPHIC_NOTE})
    assert response.status_code == 200
    case = response.json()["cases"][0]
    assert case["assessment"]["subtype"]["code"] == calcidx.assess(DYSTROPHIC_NOTE).cases[0].assessment.subtype.code
    spans = [ev for f in case["findings"] for ev in f["evidence"]]
    assert spans
    for ev in spans:
        assert DYSTROPHIC_NOTE[ev["start"] : ev["end"]] == ev["text"]


def test_assess_case_json_matches_the_library(client: TestClient) -> None:
    raw = EXAMPLE_CASE.read_text()
    response = client.post("/api/v1/assess", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 200
    expected = calcidx.assess(calcidx.case.model.Case.model_validate_json(raw)).cases[0].assessment.subtype.code
    assert response.json()["cases"][0]["assessment"]["subtype"]["code"] == expected


def test_bad_inputs_are_4xx_with_one_line(client: TestClient) -> None:
    cases = [
        ({"content": "{not json", "headers": {"content-type": "application/json"}}, 422, "not valid JSON"),
        ({"json": [1, 2]}, 422, "expected a JSON object"),
        ({"json": {"labs": [{"analyte": "unobtainium", "value": 1}]}}, 422, "unknown analyte"),
        ({"json": {"labs": [{"analyte": "calcium", "value": 2.3, "unit": "furlongs"}]}}, 422, "unknown unit"),
        ({"json": {"patient": {"age_years": -3}}}, 422, "patient.age_years"),
        ({"json": {"text": "   "}}, 422, "empty"),
        ({"json": {"text": 5}}, 422, "expected a string"),
        ({"content": b"\xff\xfe\xfa", "headers": {"content-type": "text/plain"}}, 422, "UTF-8"),
        ({"content": "x", "headers": {"content-type": "image/png"}}, 415, "allowed"),
        ({"content": '{"resourceType": "Bundle"}', "headers": {"content-type": "application/fhir+json"}}, 422, "FHIR"),
    ]
    for kwargs, status, words in cases:
        response = client.post("/api/v1/assess", **kwargs)  # type: ignore[arg-type]
        assert response.status_code == status, (kwargs, response.text)
        assert words in _one_line(response.json()["detail"]), response.json()


def test_extract_text_and_uploads(client: TestClient) -> None:
    response = client.post("/api/v1/extract", content=DYSTROPHIC_NOTE, headers={"content-type": "text/plain"})
    assert response.status_code == 200
    assert "assessment" not in response.json()["cases"][0]
    html = f"<html><body><h1>Case</h1><p>{DYSTROPHIC_NOTE}</p></body></html>".encode()
    response = client.post("/api/v1/extract", files={"file": ("report.html", html, "text/html")})
    assert response.status_code == 200
    assert response.json()["document"]["format"] == "html"
    assert response.json()["cases"][0]["patient"]["age_years"] == 46
    binary = client.post("/api/v1/extract", files={"file": ("x.txt", bytes(range(256)) * 10, "text/plain")})
    assert binary.status_code == 422 and "binary" in _one_line(binary.json()["detail"])
    missing = client.post("/api/v1/extract", files={"other": ("x.txt", b"text", "text/plain")})
    assert missing.status_code == 422 and "'file'" in missing.json()["detail"]
    case_json = client.post("/api/v1/extract", json={"patient": {"age_years": 3}})
    assert case_json.status_code == 200 and case_json.json()["cases"][0]["patient"]["age_years"] == 3
    bad_mode = client.post(
        "/api/v1/extract", params={"mode": "poem"}, content="x", headers={"content-type": "text/plain"}
    )
    assert bad_mode.status_code == 422 and "mode" in bad_mode.json()["detail"]


def test_size_limits_answer_413() -> None:
    with make_client(max_text_chars=500, max_body_bytes=2_000) as small:
        long_text = client_text = "calcified nodule on the elbow. " * 30
        assert 500 < len(client_text) < 2_000
        response = small.post("/api/v1/assess", content=long_text, headers={"content-type": "text/plain"})
        assert response.status_code == 413 and "limit of 500" in response.json()["detail"]
        huge = small.post("/api/v1/assess", content="x" * 5_000, headers={"content-type": "text/plain"})
        assert huge.status_code == 413 and "2,000 bytes" in huge.json()["detail"]


def test_cpu_budget_answers_503_with_a_clear_message() -> None:
    with make_client(assess_timeout_s=0.001) as tight:
        response = tight.post("/api/v1/assess", content=CALCIPHYLAXIS_NOTE, headers={"content-type": "text/plain"})
        assert response.status_code == 503
        assert "budget" in _one_line(response.json()["detail"])
        assert response.headers["retry-after"]


def test_write_endpoints_need_the_token() -> None:
    token = "t" * 24
    with make_client(api_token=token) as guarded:
        assert guarded.get("/api/v1/health").status_code == 200
        denied = guarded.post("/api/v1/assess", json={"text": DYSTROPHIC_NOTE})
        assert denied.status_code == 401 and "Bearer" in denied.json()["detail"]
        wrong = guarded.post("/api/v1/extract", json={"text": "x"}, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = guarded.post(
            "/api/v1/assess", json={"text": DYSTROPHIC_NOTE}, headers={"authorization": f"Bearer {token}"}
        )
        assert ok.status_code == 200
        # a cached answer is no way around the token
        again = guarded.post("/api/v1/assess", json={"text": DYSTROPHIC_NOTE})
        assert again.status_code == 401


def test_knowledge_and_monograph_endpoints(client: TestClient) -> None:
    info = client.get("/api/v1/knowledge").json()
    assert info["counts"]["subtypes"] == 5 and info["counts"]["references"] > 10
    labels = {s["id"]: s["label"] for s in client.get("/api/v1/knowledge/subtypes").json()}
    assert "calciphylaxis" in labels and labels["calciphylaxis"] != "calciphylaxis"
    ref_id = next(iter(client.get("/api/v1/knowledge/subtypes").json()))["refs"][0]
    assert client.get(f"/api/v1/knowledge/references/{ref_id}").json()["citation"]
    assert client.get("/api/v1/knowledge/references/NOPE").status_code == 404
    mono = client.get("/api/v1/monograph", params={"subtype": "dystrophic"})
    assert mono.status_code == 200 and mono.headers["content-type"].startswith("text/markdown")
    assert "## References" in mono.text
    bad = client.get("/api/v1/monograph", params={"subtype": "volcanic"})
    assert bad.status_code == 422 and "dystrophic" in bad.json()["detail"]


def test_unknown_paths_and_methods_are_clear(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404 and "/api/v1" in missing.json()["detail"]
    assert client.get("/api/v1/assess").status_code == 405


def test_openapi_lists_every_media_type(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assess_body = spec["paths"]["/api/v1/assess"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain", "application/fhir+json"} <= set(assess_body)
    assert "Case" in spec["components"]["schemas"]
    extract_body = spec["paths"]["/api/v1/extract"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in extract_body
    json.dumps(spec)  # serialisable


def test_cds_hooks_are_mounted(client: TestClient) -> None:
    response = client.get("/cds-services")
    assert response.status_code == 200
    assert {service["hook"] for service in response.json()["services"]} >= {"patient-view", "order-select"}


def test_fhir_bundle_is_assessed_through_the_api(client: TestClient) -> None:
    from calcidx.interop import to_fhir_bundle
    from calcidx.service import assess_input

    example = (Path(__file__).parents[2] / "examples" / "case-idiopathic-fingertips.json").read_bytes()
    bundle = to_fhir_bundle(assess_input(example))
    response = client.post(
        "/api/v1/assess", content=json.dumps(bundle), headers={"content-type": "application/fhir+json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["cases"][0]["patient"]["age_years"] == 46


def test_same_input_is_answered_from_the_result_cache() -> None:
    with make_client(result_cache_size=2) as cached:
        engine = cached.app.state.engine  # type: ignore[attr-defined]
        first = cached.post("/api/v1/assess", content=DYSTROPHIC_NOTE, headers={"content-type": "text/plain"})
        second = cached.post("/api/v1/assess", content=DYSTROPHIC_NOTE, headers={"content-type": "text/plain"})
        assert first.json() == second.json()
        assert len(engine._cache) == 1
        (entry,) = engine._cache.values()
        assert entry.json == second.content and entry.doc is None, "the API caches the bytes it sends"
        for suffix in ("a", "b", "c"):
            cached.post("/api/v1/assess", content=f"{DYSTROPHIC_NOTE} {suffix}", headers={"content-type": "text/plain"})
        assert len(engine._cache) == 2, "the cache is bounded"
    with make_client(result_cache_size=0) as uncached:
        uncached.post("/api/v1/assess", content=DYSTROPHIC_NOTE, headers={"content-type": "text/plain"})
        assert len(uncached.app.state.engine._cache) == 0  # type: ignore[attr-defined]
