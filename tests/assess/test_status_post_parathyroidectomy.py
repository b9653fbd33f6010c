"""A note's "s/p parathyroidectomy" is a parathyroidectomy already done.

Written in the project's own words. "ESRD on HD, s/p parathyroidectomy 2019" with calciphylaxis and a
raised PTH was offered parathyroidectomy with no word that one had been done: "s/p" and "status post"
were not treatment words, so the earlier operation was not read and the caution
parathyroidectomy_already_done (a repeat neck operation is decided in an expert centre) never fired.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize("words", ["s/p parathyroidectomy 2019", "status post parathyroidectomy"])
def test_status_post_parathyroidectomy_cautions_a_repeat_operation(words: str) -> None:
    text = f"58F ESRD on HD, {words}. Black eschar on the thigh with livedo. PTH 412 pg/mL."
    case = assess(text).cases[0]
    assert ("parathyroidectomy", "given") in {(t.concept, t.status) for t in case.treatments}
    option = next(t for t in case.assessment.treatments if t.id == "parathyroidectomy_calciphylaxis")
    assert any("already done" in c for c in option.cautions)


def test_control_no_operation_no_repeat_caution() -> None:
    text = "58F ESRD on HD. Black eschar on the thigh with livedo. PTH 412 pg/mL."
    case = assess(text).cases[0]
    option = next(t for t in case.assessment.treatments if t.id == "parathyroidectomy_calciphylaxis")
    assert not any("already done" in c for c in option.cautions)
