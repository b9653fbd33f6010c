"""Property-based requests generated from /openapi.json: the server never answers 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from calcidx.api import Settings, create_app

app = create_app(Settings(environment="development"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
