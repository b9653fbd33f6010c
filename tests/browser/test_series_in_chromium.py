"""The registry's series page in a real headless Chromium: a registry filled by the real ingest,
``calcidx serve`` pointed at it, the GET filter form, the charts, and axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from calcidx.registry.database import open_registry
from calcidx.registry.ingest import ingest
from tests.browser.conftest import load, screenshot, serving, submit
from tests.browser.test_pages_in_chromium import _axe, _by, _serious
from tests.registry.synthetic import write_reports

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``calcidx serve`` showing a SQLite registry of eight ingested synthetic reports."""
    folder = tmp_path_factory.mktemp("series-server")
    write_reports(folder / "reports", 8, seed=11)
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    registry = open_registry(url)
    try:
        ingest([str(folder / "reports")], registry, workers=0)
    finally:
        registry.close()
    with serving(folder / "serve.log", extra_env={"CALCIDX_DATABASE_URL": url}, wait_s=300) as base:
        yield base


def _charts_loaded(driver: Any) -> bool:
    return bool(
        driver.execute_script(
            "const imgs = [...document.querySelectorAll('.charts img')];"
            "return imgs.length === 4 && imgs.every(i => i.complete && i.naturalWidth > 0);"
        )
    )


def test_filter_the_series_and_see_counts_and_charts(driver: Any, registry_server: str, axe_source: str) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    load(driver, f"{registry_server}/series")
    heading = driver.find_element(_by("ID"), "summary-title").text
    assert heading.startswith(("8 cases", "9 cases", "10 cases")) or "cases from 8 documents" in heading
    Select(driver.find_element(_by("ID"), "sex")).select_by_value("female")
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.filters button[type=submit]"))
    assert "sex=female" in driver.current_url
    assert Select(driver.find_element(_by("ID"), "sex")).first_selected_option.get_attribute("value") == "female"
    table = driver.find_element(_by("XPATH"), "//table[caption='Sex']").text
    assert "female" in table and "male\n" not in table.replace("female", "")
    for img in driver.find_elements(_by("CSS_SELECTOR"), ".charts img"):
        driver.execute_script("arguments[0].loading = 'eager';", img)
    WebDriverWait(driver, 120).until(_charts_loaded)
    screenshot(driver, "series-female")
    driver.set_script_timeout(60)
    assert _serious(_axe(driver, axe_source)) == []


def test_a_bad_filter_is_shown_on_the_page(driver: Any, registry_server: str, axe_source: str) -> None:
    load(driver, f"{registry_server}/series")
    field = driver.find_element(_by("ID"), "age_min")
    field.clear()
    field.send_keys("sixty")
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.filters button[type=submit]"))
    summary = driver.find_element(_by("ID"), "error-summary").text
    assert "age_min: 'sixty' is not a number" in summary
    screenshot(driver, "series-bad-filter", width=375)
    assert _serious(_axe(driver, axe_source)) == []
