"""The registry's read-only API and series page, against a real SQLite registry filled by the real ingest."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from calcidx.api import Settings, create_app
from calcidx.registry.database import open_registry
from calcidx.registry.ingest import ingest
from calcidx.registry.series import Filters, load_cases
from tests.registry.synthetic import report, write_reports

REPORTS = 10


@pytest.fixture(scope="module")
def registry_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("registry-web")
    write_reports(folder / "reports", REPORTS, seed=5)
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    registry = open_registry(url)
    try:
        summary = ingest([str(folder / "reports")], registry, workers=0)
        assert summary.stored == REPORTS
    finally:
        registry.close()
    return url


@pytest.fixture(scope="module")
def client(registry_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(environment="development", database_url=registry_url))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _library(registry_url: str, filters: Filters) -> int:
    registry = open_registry(registry_url)
    try:
        return len(load_cases(registry, filters)[0])
    finally:
        registry.close()


def test_series_counts_are_the_registry_s(client: TestClient, registry_url: str) -> None:
    body = client.get("/api/v1/registry/series").json()
    stats = body["stats"]
    assert body["filters"] == {}
    assert stats["cases"] == _library(registry_url, Filters()) >= REPORTS
    assert stats["documents"] == REPORTS
    assert sum(stats["by_subtype"].values()) == stats["cases"]
    women = sum(1 for i in range(REPORTS) if report(i, 5).sex == "female")
    female = client.get("/api/v1/registry/series", params={"sex": "female"}).json()
    assert female["filters"] == {"sex": "female"}
    assert female["stats"]["sex"] == {"female": female["stats"]["cases"]}
    assert female["stats"]["cases"] == _library(registry_url, Filters(sex="female"))
    assert women > 0 and female["stats"]["cases"] >= women  # every woman reported is read as female


def test_empty_form_fields_are_no_filter(client: TestClient) -> None:
    everything = client.get("/api/v1/registry/series").json()["stats"]["cases"]
    blank = {"subtype": "", "sex": "", "age_min": "", "age_max": "", "year_min": "", "year_max": ""}
    assert client.get("/api/v1/registry/series", params=blank).json()["stats"]["cases"] == everything


def test_cases_are_filtered_and_paged(client: TestClient) -> None:
    whole = client.get("/api/v1/registry/cases", params={"age_min": "40"}).json()
    assert whole["total"] == len(whole["cases"]) > 0
    assert all(case["age_years"] is not None and case["age_years"] >= 40 for case in whole["cases"])
    first = client.get("/api/v1/registry/cases", params={"age_min": "40", "limit": 2}).json()
    second = client.get("/api/v1/registry/cases", params={"age_min": "40", "limit": 2, "offset": 2}).json()
    assert first["total"] == whole["total"]
    assert [c["case_id"] for c in first["cases"] + second["cases"]] == [c["case_id"] for c in whole["cases"][:4]]


def test_one_case_and_an_unknown_one(client: TestClient) -> None:
    listed = client.get("/api/v1/registry/cases").json()["cases"][0]
    one = client.get(f"/api/v1/registry/cases/{listed['case_id']}")
    assert one.status_code == 200 and one.json() == listed
    missing = client.get("/api/v1/registry/cases/999999")
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"age_min": "old"}, "age_min: 'old' is not a number"),
        ({"year_min": "2020.5"}, "not a whole number"),
        ({"sex": "other"}, "use female or male"),
        ({"age_min": "60", "age_max": "20"}, "age_min 60 is above age_max 20"),
        ({"limit": "0"}, "limit"),
    ],
)
def test_bad_filters_are_one_clear_422(client: TestClient, params: dict[str, str], words: str) -> None:
    for path in ("/api/v1/registry/series", "/api/v1/registry/cases"):
        if "limit" in params and path.endswith("series"):
            continue
        answer = client.get(path, params=params)
        assert answer.status_code == 422
        detail = answer.json()["detail"]
        assert words in detail and "\n" not in detail


def test_the_series_page_shows_counts_charts_and_a_get_form(client: TestClient) -> None:
    page = client.get("/series", params={"sex": "female"}, headers={"accept": "text/html"})
    assert page.status_code == 200
    html = page.text
    assert re.search(r'<form method="get" action="/series"', html)
    assert '<option value="female" selected>' in html
    assert re.search(r"<h2 id=\"summary-title\">\d+ cases? from \d+ documents?</h2>", html)
    assert "<caption>Subtype (pathway)</caption>" in html
    charts = re.findall(r'<img src="(/series/plots/[a-z_]+\.png\?sex=female)" alt="([^"]+)"', html)
    assert len(charts) == 4 and all(alt for _, alt in charts)
    assert 'href="/series" aria-current="page"' in html  # the nav names the page
    for src, _ in charts:
        image = client.get(src)
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        assert image.content.startswith(b"\x89PNG\r\n\x1a\n") and len(image.content) > 5_000
    assert client.get("/series/plots/pie.png").status_code == 404


def test_the_series_page_shows_a_bad_filter_as_one_message(client: TestClient) -> None:
    page = client.get("/series", params={"age_min": "sixty"}, headers={"accept": "text/html"})
    assert page.status_code == 422
    assert "age_min: &#39;sixty&#39; is not a number" in page.text
    assert 'value="sixty"' in page.text  # the form keeps what was typed


def test_nothing_is_mounted_without_a_registry() -> None:
    app = create_app(Settings(environment="development", database_url=None), warm=False)
    with TestClient(app, raise_server_exceptions=False) as bare:
        assert bare.get("/api/v1/registry/series").status_code == 404
        assert bare.get("/series").status_code == 404
        assert 'href="/series"' not in bare.get("/").text
