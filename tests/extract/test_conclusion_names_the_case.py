"""A conclusion that names the report's case ("This case of idiopathic calcinosis cutis highlights
...") states the authors' diagnosis (diagnosis.yaml dx.this_case_of_shows); an abstract whose only
naming sentence was its conclusion had had no stated diagnosis."""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case

TEXTS = [
    (
        "Case: A 12-year-old boy had firm papules on the ankles for a year. Calcium, phosphate and PTH were "
        "normal; a biopsy showed dermal calcium deposits. Conclusion: This case of idiopathic calcinosis cutis "
        "highlights the need to measure calcium and phosphate.",
        "idiopathic",
    ),
    (
        "A preterm girl, 3 weeks old, had a hard plaque on the left wrist after an infusion. Our case of "
        "iatrogenic calcinosis cutis illustrates a preventable complication of neonatal care.",
        "iatrogenic",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), TEXTS)
def test_a_conclusion_naming_the_case_is_the_stated_diagnosis(text: str, subtype: str) -> None:
    case = first_case(text)
    assert case.stated is not None and case.stated.subtype == subtype


def test_a_case_named_without_a_verb_of_showing_is_not_read_by_this_rule() -> None:
    # "this case of" followed by no verb of showing: the sentence is not a conclusion about the case
    case = first_case(
        "A 50-year-old man had a firm nodule on the ear. In this case of a hard ear nodule, gout was excluded."
    )
    assert case.stated is None or case.stated.subtype != "idiopathic"
