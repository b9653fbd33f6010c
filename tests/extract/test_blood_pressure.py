"""A blood-pressure reading below the cited systolic limit is hypotension, and withholds diltiazem.

Named hypotension already withheld diltiazem; "BP 86/50 mmHg" had been read as nothing, and
diltiazem was offered to a patient whose systolic pressure was below the leaflet's 90 mmHg.
"""

from __future__ import annotations

import pytest

from calcidx.knowledge.loader import load_bundle
from calcidx.public import assess, extract

CASE = (
    "A 47-year-old woman with limited systemic sclerosis had chalky calcified nodules on three fingertips; "
    "radiographs confirmed calcinosis. Calcium and phosphate were normal. "
)


@pytest.mark.parametrize("sentence", ["On examination BP 86/50 mmHg, pulse 58.", "Blood pressure: 82/48."])
def test_a_low_reading_is_hypotension_and_withholds_diltiazem(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    assert ("hypotension", "present") in [(f.concept, f.assertion) for f in case.findings]
    assessment = assess(case).cases[0].assessment
    assert "diltiazem" not in {o.id for o in assessment.treatments}
    assert "diltiazem" in {o.id for o in assessment.withheld_treatments}


@pytest.mark.parametrize(
    "sentence", ["Her blood pressure was 128/76 mmHg.", "A target blood pressure below 130/80 was planned."]
)
def test_a_normal_reading_or_a_target_is_no_hypotension(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    assert all(f.concept != "hypotension" for f in case.findings)


def test_the_limit_is_cited_knowledge() -> None:
    item = load_bundle().safety_conditions["hypotension"]
    assert item.systolic_below == 90 and item.refs
