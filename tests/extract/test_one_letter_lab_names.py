"""A one-letter test name in a list of results: "Ca 9.1, P 3.2" (P for phosphate).

Written in the project's own words. One-letter names were skipped by the vocabulary, so in a note's
"Labs: Ca 11.9 (H), P 8.1 (H), PTH 1200 (H)" the phosphate was lost: the report then said phosphate
was not measured. The letter is now a test's name when the knowledge lists it as one and it stands
in a list of results, right after another test's result or right before another test. Alone, "P"
is a probability, a patient or a page.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract

OPENING = "A 50-year-old woman with systemic sclerosis has calcinosis of the fingers on X-ray. "

LISTS = [
    ("Labs: Ca 11.9 (H), P 8.1 (H), PTH 1200 (H).", 8.1),
    ("Ca 2.31 mmol/L; P: 1.9 mmol/L; Alb 38 g/L.", 1.9),
    ("P 3.2 mg/dL, Ca 9.1 mg/dL.", 3.2),
    ("Ca 9.1, P 3.2, Cr 0.8.", 3.2),
]


@pytest.mark.parametrize(("labs", "value"), LISTS)
def test_a_letter_in_a_list_of_results_is_the_test(labs: str, value: float) -> None:
    found = {lab.analyte: lab.value for lab in extract(OPENING + labs).cases[0].labs}
    assert found.get("phosphate") == value


@pytest.mark.parametrize(
    "text",
    [
        "Ca 9.1 mg/dL (P = 0.03 versus controls).",
        "Calcium was 9.1 mg/dL. P 4 was the fourth patient of the series.",
        "Her calcium was normal. See page P 12 of the supplement.",
    ],
)
def test_control_a_letter_outside_a_list_of_results_is_no_test(text: str) -> None:
    assert "phosphate" not in {lab.analyte for lab in extract(OPENING + text).cases[0].labs}


def test_the_letters_phosphate_is_no_longer_missing() -> None:
    from calcidx.public import assess

    case = assess(OPENING + "Labs: Ca 11.9 (H), P 8.1 (H), PTH 1200 (H).").cases[0]
    reasons = [r for t in case.assessment.withheld_treatments for r in t.withheld_reasons]
    assert not any("not measured" in r and "Phosphorus" in r for r in reasons)
    assert "Phosphorus (inorganic phosphate), serum" not in {w.label for w in case.assessment.missing_workup}
