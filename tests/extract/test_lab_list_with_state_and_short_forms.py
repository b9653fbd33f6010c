"""A list of tests, then their values in the same order, told with a state word or with short forms.

Written in the project's own words. "Calcium, phosphate and parathyroid hormone (PTH) were raised at
2.56 mmol/L, 3.32 mmol/L and 19.5 pmol/L" gave the PTH the calcium's value in mmol/L (a warning to
check the unit, and no PTH result) and left calcium and phosphate without values: the state word
("raised at") and the short form in brackets ("(PTH)") kept the list from being paired. The state
said of the list is each test's.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract

OPENING = "A 58-year-old man on haemodialysis had painful ulcers on both thighs. "

LISTS = [
    "Serum calcium, phosphate and parathyroid hormone (PTH) were raised at 2.61 mmol/L, 3.32 mmol/L and 19.5 pmol/L.",
    "Serum calcium (Ca), phosphate (P) and parathyroid hormone (PTH) were elevated at 2.61 mmol/L, 3.32 mmol/L and "
    "19.5 pmol/L.",
    "Calcium, phosphate and PTH were all high at 2.61 mmol/L, 3.32 mmol/L and 19.5 pmol/L.",
]


@pytest.mark.parametrize("sentence", LISTS)
def test_each_test_of_the_list_takes_its_own_value_and_the_lists_state(sentence: str) -> None:
    labs = {lab.analyte: lab for lab in extract(OPENING + sentence).cases[0].labs}
    assert (labs["calcium"].value, labs["calcium"].unit) == (2.61, "mmol/L")
    assert (labs["phosphate"].value, labs["phosphate"].unit) == (3.32, "mmol/L")
    assert (labs["pth"].value, labs["pth"].unit) == (19.5, "pmol/L")
    assert {labs[a].interpretation for a in ("calcium", "phosphate", "pth")} == {"high"}


def test_control_a_state_of_the_next_test_stays_its_own() -> None:
    text = OPENING + "Calcium and phosphate were normal at 9.1 and 3.5 mg/dL while PTH was raised at 300 pg/mL."
    labs = {lab.analyte: lab for lab in extract(text).cases[0].labs}
    assert (labs["calcium"].value, labs["calcium"].interpretation) == (9.1, "normal")
    assert (labs["phosphate"].value, labs["phosphate"].interpretation) == (3.5, "normal")
    assert (labs["pth"].value, labs["pth"].interpretation) == (300.0, "high")


def test_control_a_list_with_fewer_values_than_tests_is_not_paired() -> None:
    text = OPENING + "Calcium, phosphate and PTH were raised at 2.61 mmol/L."
    labs = {lab.analyte: lab for lab in extract(text).cases[0].labs}
    assert labs["calcium"].value is None
    assert labs["phosphate"].value is None
