"""Kinds of phrasing and clinical rules from a sixteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.extract.pipeline import extract


def _note(text: str) -> Case:
    document = extract(text, mode="note")
    assert document.cases, text
    return document.cases[0]


# ------------------------------------------ a state word does not reach over a full stop to the next test
# "Ca/Phos nl. eGFR 24." read the eGFR of 24 as normal: the note's splitter keeps "nl. eGFR" in one
# sentence (no capital after the stop), and the state word right before a test was taken as its state.
OVER_A_STOP = [
    ("58F, limited SSc, hard chalky nodules of the thumb pad. Ca/Phos nl. eGFR 24. On omeprazole.", "egfr", "normal"),
    ("71M, calcinosis of both shins. PTH high. eGFR 19 at the last visit.", "egfr", "high"),
    ("Dermatomyositis, calcified nodules on the elbows. Vit D low. iPTH 40 pg/mL.", "pth", "low"),
]


@pytest.mark.parametrize(("text", "analyte", "not_its_state"), OVER_A_STOP)
def test_a_state_word_before_a_full_stop_is_not_the_next_tests(text: str, analyte: str, not_its_state: str) -> None:
    labs = [lab for lab in _note(text).labs if lab.analyte == analyte]
    assert labs
    assert all(lab.interpretation != not_its_state for lab in labs)


def test_control_a_state_word_right_before_its_test_stays() -> None:
    case = _note("58F, limited SSc, hard chalky nodules of the thumb. Raised PTH 95 pg/mL.")
    assert {(lab.analyte, lab.interpretation) for lab in case.labs} >= {("pth", "high")}
