"""A negation inside the subject's noun phrase ends where the predicate starts.

Written in the project's own words. "A 34-year-old man with no significant past medical history
developed multiple firm white papules on the scrotum" read the papules as absent: "no" reached past
"developed" (that verb ended a scope only after a comma), so the case had no lesion and was
undetermined. A verb such as "developed" or "presented" after the negated noun phrase now ends the
scope (``context.yaml`` scope rule ``predicate_after_noun_phrase``); "had not developed ulcers"
stays negated.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


def _assertions(text: str) -> dict[str, str]:
    return {f.concept: f.assertion for f in extract(text).cases[0].findings}


@pytest.mark.parametrize(
    "text",
    [
        "A 34-year-old man with no significant past medical history developed multiple firm white papules on the "
        "scrotum over ten years.",
        "A 41-year-old woman without any known illness presented with painful purpura of the thighs.",
        "A boy of 12 with no relevant family history noticed a firm white papule on the ear.",
    ],
)
def test_the_lesion_after_the_predicate_is_present(text: str) -> None:
    present = {c for c, a in _assertions(text).items() if a == "present"}
    assert present & {"firm_white_yellow_papules", "painful_purpura"}


def test_the_scrotal_case_is_no_longer_undetermined() -> None:
    text = (
        "A 34-year-old man with no significant past medical history developed multiple firm white papules on the "
        "scrotum over ten years. Histopathology showed calcified deposits in the dermis without a cyst wall."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "idiopathic"
    assert assessment.subform is not None and assessment.subform.code == "scrotal_calcinosis"


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old woman on haemodialysis had not developed any ulcers on the legs.",
        "A 60-year-old woman on haemodialysis has never developed ulcers on the legs.",
    ],
)
def test_control_a_negated_verb_still_negates_what_it_governs(text: str) -> None:
    assert _assertions(text).get("ulceration") == "absent"
