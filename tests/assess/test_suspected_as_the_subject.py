"""A condition or a diagnosis as the subject of a passive verb: "Lupus was suspected", "... was diagnosed".

Written in the project's own words. "Lupus was suspected but not confirmed" read lupus as present,
so idiopathic-looking nodules were called dystrophic (probable) from a disease the patient may not
have; "Lupus was not confirmed" did too. And "Idiopathic calcinosis cutis was diagnosed." or "...
was considered the most likely diagnosis" gave no stated diagnosis. New ConText triggers (was
suspected, was not confirmed, ...) and the statement rule dx.subject_was_diagnosed.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

NODULES = (
    "A 50-year-old woman had hard nodules on the elbows for years; biopsy showed dermal calcium deposits. "
    "Calcium and phosphate were normal."
)


@pytest.mark.parametrize("sentence", ["Lupus was suspected but not confirmed.", "Lupus was not confirmed."])
def test_a_suspected_disease_does_not_make_the_nodules_dystrophic(sentence: str) -> None:
    case = assess(f"{NODULES} {sentence}").cases[0]
    lupus = next(f for f in case.findings if f.concept == "systemic_lupus_erythematosus")
    assert lupus.assertion != "present"
    assert not (case.assessment.subtype.code == "dystrophic" and case.assessment.subtype.certainty != "possible")


def test_control_lupus_she_has_is_present() -> None:
    case = assess(f"{NODULES} She has had lupus for ten years.").cases[0]
    assert case.assessment.subtype.code == "dystrophic"


@pytest.mark.parametrize(
    "sentence",
    [
        "Idiopathic calcinosis cutis was diagnosed.",
        "Hence, idiopathic calcinosis cutis was considered the most likely diagnosis.",
    ],
)
def test_the_diagnosis_as_the_subject_is_the_stated_diagnosis(sentence: str) -> None:
    case = assess(f"{NODULES} {sentence}").cases[0]
    assert case.stated is not None and case.stated.subtype == "idiopathic"
