"""Settings refused at start-up, security headers, CORS off by default, no patient text in logs."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from calcidx.api import Settings
from calcidx.api.settings import DEFAULT_SECRET
from tests.api.conftest import make_client


def test_default_secret_refused_outside_development() -> None:
    with pytest.raises(ValidationError, match="CALCIDX_SECRET_KEY"):
        Settings(environment="production")
    with pytest.raises(ValidationError, match="CALCIDX_SECRET_KEY"):
        Settings(environment="production", secret_key=DEFAULT_SECRET, api_token="a" * 20)
    with pytest.raises(ValidationError, match="CALCIDX_API_TOKEN"):
        Settings(environment="production", secret_key="s" * 32)
    ok = Settings(environment="production", secret_key="s" * 32, api_token="a" * 20)
    assert ok.cors_origins == []
    with pytest.raises(ValidationError, match="'\\*'"):
        Settings(cors_origins=["*"])


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCIDX_ENVIRONMENT", "production")
    with pytest.raises(ValidationError):
        Settings()
    monkeypatch.setenv("CALCIDX_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("CALCIDX_API_TOKEN", "t" * 40)
    monkeypatch.setenv("CALCIDX_MAX_TEXT_CHARS", "1234")
    assert Settings().max_text_chars == 1234


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for path in ("/", "/api/v1/health", "/form", "/api/v1/nothing"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == "no-store"
        assert "server" not in headers


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/form", "/monograph", "/references"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert "<style" not in html and " style=" not in html, path
        head = html.split("<main", 1)[0]
        assert not re.search(r"(src|href)=\"(https?:)?//", head), f"{path}: an asset from another origin"


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.options(
        "/api/v1/assess", headers={"origin": "https://evil.example", "access-control-request-method": "POST"}
    )
    assert "access-control-allow-origin" not in response.headers
    with make_client(cors_origins=["https://ehr.example"]) as open_client:
        allowed = open_client.options(
            "/api/v1/assess", headers={"origin": "https://ehr.example", "access-control-request-method": "POST"}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://ehr.example"


def test_no_patient_text_in_logs(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    marker = "Zorblatt"
    text = f"Mrs {marker}, a 70-year-old woman with systemic sclerosis, had calcified nodules on the fingers."
    with caplog.at_level(logging.DEBUG):
        assert client.post("/api/v1/assess", content=text, headers={"content-type": "text/plain"}).status_code == 200
        client.post(
            "/api/v1/assess", content=f'{{"text": 3, "{marker}": 1}}', headers={"content-type": "application/json"}
        )
    messages = [record.getMessage() for record in caplog.records]
    assert any("chars=" in m for m in messages), "the work is logged with its size"
    assert not any(marker in m for m in messages)


def test_one_log_line_per_request_with_its_id_and_work(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    note = "A 66-year-old man had calcified nodules on both elbows; serum calcium 2.4 mmol/L."
    with caplog.at_level(logging.INFO, logger="calcidx.api"):
        first = client.post("/api/v1/assess", content=note, headers={"content-type": "text/plain"})
        second = client.post("/api/v1/assess", content=note, headers={"content-type": "text/plain"})
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert ids[0] != ids[1] and all(len(i) == 12 for i in ids)
    lines = [r.getMessage() for r in caplog.records if r.name == "calcidx.api"]
    for request_id in ids:
        (line,) = [m for m in lines if f"id={request_id}" in m]
        assert "path=/api/v1/assess status=200" in line and f"chars={len(note)}" in line and "work_ms=" in line
