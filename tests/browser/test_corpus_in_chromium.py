"""Every dev-corpus report through the page in a real browser: the page shows what the library says."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import calcidx
from tests.browser.conftest import load, submit

pytestmark = pytest.mark.browser

CORPUS = Path(os.environ.get("CALCIDX_DEV_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"))


def test_every_dev_report_shows_the_library_subtype(driver: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    reports = sorted(CORPUS.glob("*.txt"))
    if not reports:
        pytest.skip(f"the dev corpus is absent ({CORPUS})")
    mismatches: list[str] = []
    for path in reports:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
        expected = [case.assessment.subtype.code for case in calcidx.assess(text).cases]
        load(driver, f"{live_server}/")
        area = driver.find_element(By.ID, "text")
        driver.execute_script("arguments[0].value = arguments[1];", area, text)
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.paste button[type=submit]"))
        if not driver.find_elements(By.CSS_SELECTOR, ".report-head"):
            mismatches.append(f"{path.name}: no report page ({driver.title})")
            continue
        shown = [e.get_attribute("data-subtype") for e in driver.find_elements(By.CSS_SELECTOR, ".call[data-subtype]")]
        if shown != expected:
            mismatches.append(f"{path.name}: page {shown} != library {expected}")
    assert not mismatches, f"{len(mismatches)}/{len(reports)} differ: {mismatches[:10]}"
