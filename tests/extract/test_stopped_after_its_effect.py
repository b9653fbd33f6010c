"""A drug told with what it caused, then "and was stopped", was stopped.

Written in the project's own words. "She reported that diltiazem had caused severe ankle oedema and
was stopped" read diltiazem as given (the assessment marked the option "Diltiazem given"), and
"warfarin had caused bruising and was stopped" left warfarin current. medication.stopped_it_after
takes "... and was stopped" with no subject of its own.
"""

from __future__ import annotations

from calcidx.public import extract


def test_a_treatment_that_caused_an_effect_and_was_stopped_is_stopped() -> None:
    text = (
        "A 45-year-old woman with systemic sclerosis reported that diltiazem had caused severe ankle oedema "
        "and was stopped. She has calcinosis of the fingers on X-ray."
    )
    (treatment,) = [t for t in extract(text).cases[0].treatments if t.concept == "diltiazem"]
    assert treatment.status == "stopped"


def test_control_a_treatment_given_and_continued_stays_given() -> None:
    text = (
        "A 45-year-old woman with systemic sclerosis was treated with diltiazem, which caused ankle oedema "
        "and was continued. She has calcinosis of the fingers on X-ray."
    )
    (treatment,) = [t for t in extract(text).cases[0].treatments if t.concept == "diltiazem"]
    assert treatment.status == "given"
