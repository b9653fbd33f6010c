"""A note's biopsy result in shorthand ("Bx c/w CUA", "biopsy-proven CUA"), and a negated one.

Written in the project's own words. "58F ESRD on HD, painful indurated plaques on both thighs. Bx c/w
CUA." was calciphylaxis (possible): neither "c/w" (consistent with) nor "CUA" (calcific uremic
arteriolopathy) was read, so the biopsy counted for nothing. And "The biopsy was not consistent with
calciphylaxis" was read as the stated diagnosis calciphylaxis: the negation before the cue was lost.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

NOTE = "58F ESRD on HD, painful indurated plaques on both thighs. "


@pytest.mark.parametrize("biopsy", ["Bx c/w CUA.", "Bx c/w calciphylaxis.", "Biopsy-proven CUA."])
def test_the_biopsy_in_shorthand_confirms_calciphylaxis(biopsy: str) -> None:
    case = assess(extract(NOTE + biopsy, mode="note")).cases[0]
    assert case.stated is not None and case.stated.subtype == "calciphylaxis"
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("calciphylaxis", "confirmed")


@pytest.mark.parametrize("biopsy", ["The biopsy was not consistent with calciphylaxis.", "Bx not c/w calciphylaxis."])
def test_a_negated_biopsy_states_no_diagnosis(biopsy: str) -> None:
    case = assess(extract(NOTE + biopsy, mode="note")).cases[0]
    assert case.stated is None or case.stated.subtype != "calciphylaxis"
    assert case.assessment.subtype.certainty != "confirmed"
