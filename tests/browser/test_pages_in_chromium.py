"""The pages in a real headless Chromium: paste a report, the findings form, keyboard-only use, axe."""

from __future__ import annotations

from typing import Any

import pytest

import calcidx
from tests.browser.conftest import load, resize, screenshot, submit

pytestmark = pytest.mark.browser

REPORT = (
    "A 61-year-old man on haemodialysis for end-stage renal disease developed painful violaceous plaques "
    "with ulceration on both thighs. There was no history of warfarin use. His father had diabetes mellitus. "
    "He had a history of hyperparathyroidism treated with parathyroidectomy. Serum calcium 2.6 mmol/L, "
    "phosphate 2.4 mmol/L, PTH 650 pg/mL."
)


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _paste_and_assess(driver: Any, base: str, text: str) -> None:
    load(driver, f"{base}/")
    area = driver.find_element(_by("ID"), "text")
    driver.execute_script("arguments[0].value = arguments[1];", area, text)
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.paste button[type=submit]"))


def test_paste_a_report_see_the_subtype_and_the_highlights(driver: Any, live_server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    _paste_and_assess(driver, live_server, REPORT)
    expected = calcidx.assess(REPORT).cases[0]
    call = driver.find_element(_by("CSS_SELECTOR"), ".call")
    assert call.get_attribute("data-subtype") == expected.assessment.subtype.code
    assert driver.find_element(_by("CSS_SELECTOR"), ".call .subtype").text.startswith(expected.assessment.subtype.label)
    marks = driver.find_elements(_by("CSS_SELECTOR"), "mark.ev")
    assert len(marks) >= 5
    absent = driver.find_element(_by("CSS_SELECTOR"), "mark.a-absent")
    assert "line-through" in absent.value_of_css_property("text-decoration")
    family = driver.find_element(_by("CSS_SELECTOR"), "mark.a-family")
    assert family.value_of_css_property("font-style") == "italic"
    tip = absent.find_element(_by("CSS_SELECTOR"), ".tip")
    assert not tip.is_displayed()
    ActionChains(driver).move_to_element(absent).perform()
    assert tip.is_displayed() and "reported absent" in tip.text and "no history of" in tip.text
    # Colour by kind: a lab and a condition are drawn differently.
    lab = driver.find_element(_by("CSS_SELECTOR"), "mark.k-lab")
    condition = driver.find_element(_by("CSS_SELECTOR"), "mark.k-condition")
    assert lab.value_of_css_property("background-color") != condition.value_of_css_property("background-color")
    screenshot(driver, "report-1280")
    screenshot(driver, "report-375", width=375)
    # At 375 px nothing is wider than the screen.
    resize(driver, 375, 800)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 375
    resize(driver, 1280)
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), ".actions button"))
    assert "print-view" in driver.find_element(_by("TAG_NAME"), "body").get_attribute("class")
    screenshot(driver, "report-print")


def test_findings_form_flow(driver: Any, live_server: str) -> None:
    from selenium.webdriver.support.ui import Select

    load(driver, f"{live_server}/form")
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.findings button[type=submit]"))
    summary = driver.find_element(_by("CSS_SELECTOR"), ".error-summary")
    assert "Enter at least one thing" in summary.text
    driver.find_element(_by("ID"), "age").send_keys("abc")
    Select(driver.find_element(_by("ID"), "lab0_analyte")).select_by_value("phosphate")
    driver.find_element(_by("ID"), "lab0_value").send_keys("2.4")
    driver.find_element(_by("ID"), "lab0_unit").send_keys("parsecs")
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.findings button[type=submit]"))
    summary = driver.find_element(_by("CSS_SELECTOR"), ".error-summary")
    assert "'abc' is not a number" in summary.text and "choose a unit" in summary.text
    screenshot(driver, "form-errors")
    # The summary links move to the field.
    summary.find_element(_by("CSS_SELECTOR"), "a[href='#lab0_unit']").click()
    assert driver.switch_to.active_element.get_attribute("id") == "lab0_unit"
    age = driver.find_element(_by("ID"), "age")
    age.clear()
    age.send_keys("61")
    unit = driver.find_element(_by("ID"), "lab0_unit")
    unit.clear()
    unit.send_keys("mmol/L")
    Select(driver.find_element(_by("ID"), "sex")).select_by_value("male")
    driver.find_element(_by("ID"), "sites").send_keys("thigh, abdomen")
    driver.find_element(_by("XPATH"), "//details[summary[contains(., 'Associated conditions')]]/summary").click()
    Select(driver.find_element(_by("ID"), "f-end_stage_renal_disease")).select_by_value("present")
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.findings button[type=submit]"))
    call = driver.find_element(_by("CSS_SELECTOR"), ".call")
    from calcidx.case.model import Case, Finding, Lab, Lesion, Patient

    case = Case(
        patient=Patient(age_years=61, sex="male"),
        lesions=[Lesion(site="thigh"), Lesion(site="abdomen")],
        findings=[Finding(concept="end_stage_renal_disease")],
        labs=[Lab(analyte="phosphate", name="Phosphate", value=2.4, unit="mmol/L")],
    )
    assert call.get_attribute("data-subtype") == calcidx.assess(case).cases[0].assessment.subtype.code
    screenshot(driver, "form-report")


def test_keyboard_only(driver: Any, live_server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    load(driver, f"{live_server}/")

    def tab(times: int = 1, shift: bool = False) -> Any:
        for _ in range(times):
            chain = ActionChains(driver)
            if shift:
                chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
            else:
                chain.send_keys(Keys.TAB)
            chain.perform()
        return driver.switch_to.active_element

    first = tab()
    assert first.get_attribute("class") == "skip" and first.is_displayed(), "the skip link is first and visible"
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.switch_to.active_element.get_attribute("id") == "main"
    element = tab()
    assert element.get_attribute("id") == "text", "from the main content, Tab reaches the report box"
    outline = element.value_of_css_property("outline-style")
    assert outline != "none", "focus is visible"
    ActionChains(driver).send_keys(
        "A 52-year-old woman with limited systemic sclerosis had calcified nodules on the fingertips."
    ).perform()
    assert tab().get_attribute("id") == "file"
    button = tab()
    assert button.tag_name == "button"
    submit(driver, None)
    assert driver.find_element(_by("CSS_SELECTOR"), ".call").get_attribute("data-subtype")
    # Tab forward until a highlight has focus: its explanation appears.
    for _ in range(200):
        element = tab()
        if element.tag_name == "mark":
            break
    assert element.tag_name == "mark"
    assert element.find_element(_by("CSS_SELECTOR"), ".tip").is_displayed()
    screenshot(driver, "keyboard-focus", full=False)


PAGES = ["/", "/form", "/monograph", "/monograph/calciphylaxis", "/references"]


def _axe(driver: Any, axe_source: str) -> list[dict[str, Any]]:
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done([{id: 'axe-error', "
        "impact: 'critical', description: String(e), nodes: []}]));"
    )
    return list(result)


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['description']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


def test_axe_finds_no_serious_violation(driver: Any, live_server: str, axe_source: str) -> None:
    driver.set_script_timeout(60)
    problems: dict[str, list[str]] = {}
    for path in PAGES:
        load(driver, f"{live_server}{path}")
        problems[path] = _serious(_axe(driver, axe_source))
    _paste_and_assess(driver, live_server, REPORT)
    problems["report"] = _serious(_axe(driver, axe_source))
    load(driver, f"{live_server}/form")
    driver.find_element(_by("ID"), "age").send_keys("old")
    submit(driver, driver.find_element(_by("CSS_SELECTOR"), "form.findings button[type=submit]"))
    problems["form with errors"] = _serious(_axe(driver, axe_source))
    assert not any(problems.values()), problems
