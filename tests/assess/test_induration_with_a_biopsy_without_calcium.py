"""Thickened, indurated skin whose biopsy found no calcium is not made a calcinosis subtype.

Induration is not calcification, and without a biopsy the pathway already made no subtype but
calciphylaxis. A biopsy that found no calcium lifted that rule: nephrogenic systemic fibrosis in a
dialysis patient (gadolinium, indurated legs, fibrosis and no vascular calcification on biopsy) read as
"Metastatic calcinosis cutis (possible)", and the calcification the biopsy did not find was written
as if present ("Calcification of small subcutaneous vessels ... present").
"""

from __future__ import annotations

from calcidx.public import assess

NSF = (
    "A 55-year-old woman with end-stage renal disease on hemodialysis developed symmetrical thickening and "
    "induration of the skin of both legs and forearms with flexion contractures, three months after a "
    "gadolinium-enhanced MRI. There was no ulceration, purpura or necrosis. {biopsy}"
)


def test_induration_with_a_biopsy_that_found_no_calcium_makes_no_subtype() -> None:
    text = NSF.format(
        biopsy="Biopsy showed thickened collagen bundles with spindle cells and no vascular calcification."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "undetermined"
    words = " ".join(s.conclusion for s in assessment.rationale)
    assert "no calcification of small subcutaneous vessels" in words
    assert "), Calcification of small subcutaneous vessels" not in words


def test_control_a_biopsy_showing_vessel_calcium_is_calciphylaxis() -> None:
    text = NSF.format(biopsy="Biopsy showed calcification of small subcutaneous vessels with intimal hyperplasia.")
    assert assess(text).cases[0].assessment.subtype.code == "calciphylaxis"
