from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from calcidx.api import Settings, create_app

#: Example reports written for these tests (never taken from the corpus).
CALCIPHYLAXIS_NOTE = (
    "A 61-year-old man on haemodialysis for end-stage renal disease developed painful violaceous plaques "
    "with ulceration on both thighs. There was no history of warfarin use. His father had diabetes mellitus. "
    "He had a history of hyperparathyroidism treated with parathyroidectomy. Serum calcium 2.6 mmol/L, "
    "phosphate 2.4 mmol/L, PTH 650 pg/mL."
)
DYSTROPHIC_NOTE = (
    "A 46-year-old woman with a 10-year history of dermatomyositis presented with firm, white, chalky nodules "
    "over both elbows. Serum calcium 2.35 mmol/L and phosphate 1.1 mmol/L were normal."
)


def make_client(**settings: object) -> TestClient:
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with make_client(environment="development") as c:
        yield c


def form_token(client: TestClient, path: str = "/") -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', client.get(path).text)
    assert match, "the page carries an anti-forgery token"
    return match.group(1)
