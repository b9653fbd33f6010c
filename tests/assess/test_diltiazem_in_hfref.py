"""Diltiazem for calcinosis in a patient with heart failure with reduced ejection fraction is withheld:
the 2022 AHA/ACC/HFSA guideline counts non-dihydropyridine calcium channel blockers as harmful in
HFrEF. It had been offered with only a caution to check for pulmonary congestion."""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = "62F with limited SSc and hard calcinosis nodules of the fingers; calcium and phosphate normal. "


def _diltiazem(text: str) -> tuple[str, list[str]]:
    assessment = assess(CASE + text).cases[0].assessment
    for option in assessment.treatments:
        if option.id == "diltiazem":
            return "offered", option.cautions
    for option in assessment.withheld_treatments:
        if option.id == "diltiazem":
            return "withheld", option.cautions
    return "absent", []


@pytest.mark.parametrize(
    "text",
    [
        "She has HFrEF (EF 25%).",
        "She has systolic heart failure.",
        "PMH: heart failure with reduced ejection fraction.",
    ],
)
def test_diltiazem_is_withheld_in_hfref(text: str) -> None:
    status, cautions = _diltiazem(text)
    assert status == "withheld"
    assert any("reduced ejection fraction" in c for c in cautions)


def test_control_heart_failure_with_preserved_fraction_keeps_the_congestion_caution() -> None:
    status, cautions = _diltiazem("She has heart failure with preserved ejection fraction.")
    assert status == "offered"
    assert any(c.startswith("Heart failure is recorded") for c in cautions)


def test_control_no_heart_failure_offers_diltiazem_without_it() -> None:
    status, cautions = _diltiazem("No heart disease.")
    assert status == "offered"
    assert not any("ejection fraction" in c or c.startswith("Heart failure") for c in cautions)


@pytest.mark.parametrize("text", ["Echo: LVEF 30%.", "EF 35-40% on echocardiography.", "Ejection fraction was 25%."])
def test_an_ejection_fraction_of_40_or_less_is_hfref(text: str) -> None:
    status, cautions = _diltiazem(text)
    assert status == "withheld"
    assert any("reduced ejection fraction" in c for c in cautions)


@pytest.mark.parametrize("text", ["Echo: LVEF 55%.", "EF 40-45%.", "EF will be measured; target above 50%."])
def test_control_a_higher_or_unmeasured_fraction_is_not(text: str) -> None:
    status, _ = _diltiazem(text)
    assert status == "offered"
