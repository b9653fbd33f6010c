"""A pregnancy told in a note as a list item ("2nd trimester") or as an intrauterine pregnancy ("IUP").

Written in the project's own words. "32F, 2nd trimester, SSc with calcinosis" and "32F with IUP at
18 weeks" were not read as pregnant (the trimester rule wanted "in her second trimester", and "IUP"
was no cue), so bisphosphonates, diltiazem and lithotripsy were offered. A screening test named by
its trimester, or "no IUP", is no pregnancy.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

FINDINGS = " SSc with calcinosis of the fingertips on X-ray; calcium and phosphate normal."


@pytest.mark.parametrize(
    "opening", ["32F, 2nd trimester,", "32F with IUP at 18 weeks,", "Mrs K, 31 (third trimester),"]
)
def test_a_note_pregnancy_withholds_what_pregnancy_forbids(opening: str) -> None:
    case = assess(extract(opening + FINDINGS, mode="note")).cases[0]
    assert case.patient.pregnant is True
    offered = {t.id for t in case.assessment.treatments}
    assert not offered & {"bisphosphonates", "diltiazem", "eswl"}


@pytest.mark.parametrize(
    "text",
    [
        "Second trimester screening was normal in 2010; 45F with" + FINDINGS,
        "32F with" + FINDINGS + " No IUP seen on ultrasound.",
    ],
)
def test_control_no_pregnancy_where_none_is_told(text: str) -> None:
    assert extract(text, mode="note").cases[0].patient.pregnant is not True
