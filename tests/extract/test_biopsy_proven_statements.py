"""A diagnosis the text calls proven or confirmed on biopsy is the authors' (or the clinician's) diagnosis.

"A woman with calciphylaxis proven on biopsy, on haemodialysis, ..." had been read with no stated
diagnosis and no calciphylaxis at all, and was called metastatic calcinosis from the dialysis alone.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("A 64-year-old woman with calciphylaxis proven on biopsy, on haemodialysis, takes warfarin.", "calciphylaxis"),
        ("A 58-year-old man with biopsy-proven calciphylaxis is on peritoneal dialysis.", "calciphylaxis"),
        ("A 33-year-old woman has dystrophic calcinosis cutis confirmed by skin biopsy.", "dystrophic"),
    ],
)
def test_the_proven_diagnosis_is_stated_and_decides(text: str, subtype: str) -> None:
    case = extract(text).cases[0]
    assert case.stated is not None and case.stated.subtype == subtype, text
    assert assess(case).cases[0].assessment.subtype.code == subtype


def test_a_biopsy_that_was_only_planned_proves_nothing() -> None:
    case = extract("A 64-year-old woman on haemodialysis has painful thigh plaques; a biopsy is planned.").cases[0]
    assert case.stated is None
