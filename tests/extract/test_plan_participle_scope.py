"""A plan told as a participle phrase ("a woman planning a pregnancy next year has dermatomyositis
...") plans only up to the sentence's own verb (lexicon plan_participle_cues and _scope_ends): the
disease and the calcinosis after it are the patient's. With no comma the whole sentence had been a
plan, and the woman's dermatomyositis and calcinosis were lost (undetermined).
"""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of, withheld_reasons
from tests.extract.reading import assertions, first_case

TEXTS = [
    "A 27-year-old woman planning a pregnancy next year has dermatomyositis with calcinosis at the elbows on X-ray.",
    "A 31-year-old woman intending to conceive soon presented with dermatomyositis and calcinosis of the knees "
    "on X-ray.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_what_the_sentence_states_after_the_plan_is_the_patients(text: str) -> None:
    assert assertions(first_case(text)).get("dermatomyositis") == "present"
    a = assessment_of(text)
    assert a.subtype.code == "dystrophic"


def test_the_planned_pregnancy_still_withholds_what_it_must() -> None:
    a = assessment_of(TEXTS[0])
    assert withheld_reasons(a, "bisphosphonates")


def test_what_the_plan_itself_names_stays_planned() -> None:
    case = first_case("A 45-year-old woman with calcinosis is planning to start warfarin next month.")
    assert "warfarin" not in {e.concept for e in case.exposures if e.assertion == "present"}
