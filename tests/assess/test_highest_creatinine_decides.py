"""Several creatinine results ("baseline 0.8, now 3.1"): the eGFR estimate that decides which options
the kidneys allow is made from the highest, so a baseline does not offer what the current value forbids."""

from __future__ import annotations

import pytest

from calcidx.public import assess


def _offered_and_method(text: str) -> tuple[set[str], str]:
    case = assess(text).cases[0]
    estimate = next(d for d in case.assessment.derived_labs if d.id == "egfr_estimated")
    return {t.id for t in case.assessment.treatments}, estimate.method


@pytest.mark.parametrize(
    "text",
    [
        "68F with SSc and calcinosis of the fingers. Baseline creatinine 0.8 mg/dL; current creatinine 3.1 mg/dL.",
        "68F with SSc and calcinosis of the fingers. Creatinine 3.1 mg/dL; last year creatinine 0.8 mg/dL.",
    ],
)
def test_the_highest_creatinine_withholds_bisphosphonates(text: str) -> None:
    offered, method = _offered_and_method(text)
    assert "bisphosphonates" not in offered
    assert "probenecid" not in offered
    assert "creatinine 3.1 mg/dL (the highest recorded)" in method


def test_one_normal_creatinine_keeps_them() -> None:
    offered, method = _offered_and_method("68F with SSc and calcinosis of the fingers. Creatinine 0.8 mg/dL.")
    assert "bisphosphonates" in offered
    assert "highest" not in method
