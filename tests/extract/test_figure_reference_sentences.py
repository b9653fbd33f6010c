"""A sentence that opens on a figure ("Figure 1 shows ...") is text about the figure, not its caption.

Captions are read apart (they describe pictures, and often other patients). A paragraph of the case
that starts "Figure 1 shows the lesions ... after repeated heel pricks" had been dropped with its
facts, and a heel-stick calcinosis lost its cause.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

OPENING = (
    "Calcified nodules of the heel\n\nCase presentation\n\nA 14-month-old boy, born at 30 weeks, was seen for "
    "small white papules on the left heel noticed by his mother at 5 months of age.\n\n"
)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Figure 1 shows the papules on the back of his heel, which arose after repeated heel pricks in the "
        "neonatal unit.",
        "Figure 2 demonstrates his hard papules at the sites of repeated heel-prick sampling in the neonatal unit.",
        "Figures 1 and 2 show the same papules on his heel; they followed repeated heel sticks in the neonatal unit.",
    ],
)
def test_a_sentence_about_a_figure_is_read(paragraph: str) -> None:
    case = extract(OPENING + paragraph + "\n").cases[0]
    assert any(e.concept == "heel_sticks" and e.assertion == "present" for e in case.exposures), paragraph
    assessment = assess(case).cases[0].assessment
    assert assessment.subform is not None and assessment.subform.code == "heel_stick_calcinosis"


def test_a_caption_is_still_a_caption() -> None:
    """A caption's facts are not the patient's: a legend naming another cause changes nothing."""
    text = OPENING + "Figure 1. Nodules after repeated heel pricks in a preterm infant of another series.\n"
    case = extract(text).cases[0]
    assert not any(e.concept == "heel_sticks" and e.assertion == "present" for e in case.exposures)


def test_heel_nodules_the_authors_call_dystrophic_are_heel_stick_calcinosis() -> None:
    """Whichever parent the call takes (the sources give both), the sub-form is heel-stick calcinosis."""
    text = (
        "Heel-prick sampling leading to dystrophic calcification\n\nA 15-month-old girl born preterm had "
        "three white keratotic papules on the right heel. They were dystrophic calcification following "
        "repeated heel-prick testing in the neonatal period. Calcium and phosphate were normal.\n"
    )
    assessment = assess(extract(text).cases[0]).cases[0].assessment
    assert assessment.subtype.code in {"dystrophic", "iatrogenic"}
    assert assessment.subform is not None and assessment.subform.code == "heel_stick_calcinosis"
