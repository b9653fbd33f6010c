"""Flags a results table or a note prints after a value: "Ca 2.71 ↑", "PO4 0.62 (L)", "PTH 24.1 H".

A note's "Bloods: Ca 2.71 ↑, PO4 2.4 ↑" had left both values uninterpreted (no unit, no range).
"""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case


def _interpretations(text: str) -> dict[str, str | None]:
    case = first_case("58F on haemodialysis, painful plaques on the thighs. " + text)
    return {lab.analyte: lab.interpretation for lab in case.labs}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bloods: Ca 2.69 ↑, PO4 2.2 ↑, Alb 30.", {"calcium": "high", "phosphate": "high"}),
        ("Calcium 2.05 ↓ phosphate 1.0", {"calcium": "low"}),
        ("Calcium 2.99 mmol/L (H), phosphate 0.58 mmol/L L; PTH 25 pmol/L H", {"calcium": "high", "phosphate": "low"}),
    ],
)
def test_a_flag_after_the_value_interprets_it(text: str, expected: dict[str, str]) -> None:
    found = _interpretations(text)
    for analyte, interpretation in expected.items():
        assert found.get(analyte) == interpretation, (text, found)


def test_a_letter_that_runs_on_into_words_is_no_flag() -> None:
    assert _interpretations("Ca 2.3 L in the morning sample.").get("calcium") is None
