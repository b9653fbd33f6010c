"""A state word followed by its value ("hypercalcaemic (3.2 mmol/L)", "hyperphosphataemia of 2.8
mmol/L") gives the measured value, not only "high": the value had been lost."""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case

TEXTS = [
    ("A 60-year-old woman, hypercalcaemic (3.2 mmol/L), has firm white papules on the thighs.", "calcium", 3.2),
    ("A 50-year-old man had hyperphosphataemia of 2.8 mmol/L and hard nodules at the elbows.", "phosphate", 2.8),
    ("A 71-year-old man was hypercalcemic at 12.9 mg/dL, with chalky nodules on the fingers.", "calcium", 12.9),
]


@pytest.mark.parametrize(("text", "analyte", "value"), TEXTS)
def test_the_value_after_a_state_word_is_read(text: str, analyte: str, value: float) -> None:
    labs = [lab for lab in first_case(text).labs if lab.analyte == analyte]
    assert [(lab.value, lab.interpretation) for lab in labs] == [(value, "high")]


def test_a_count_in_brackets_is_no_value() -> None:
    labs = first_case("A 45-year-old woman had hypercalcaemia (2 episodes) and firm nodules on the shins.").labs
    assert [(lab.analyte, lab.value) for lab in labs] == [("calcium", None)]


@pytest.mark.parametrize(
    "text",
    [
        "An 11-month-old girl with hyperphosphataemia (phosphate 9.8 mg/dL) has firm white nodules on the buttocks.",
        "A 5-month-old boy was hypercalcaemic (calcium 3.4 mmol/L) with hard nodules on the back.",
    ],
)
def test_the_state_word_interprets_the_value_where_no_range_does(text: str) -> None:
    """No reference range is recorded for infants under 1 year: the author's word is the reading
    (the value told twice had kept only the copy without it, and stayed uninterpreted)."""
    labs = first_case(text).labs
    assert len(labs) == 1 and labs[0].value is not None and labs[0].interpretation == "high"
