"""A drug the patient takes is a treatment given, however the text lists it; a drug "not prescribed" is none.

A bisphosphonate on the patient's medication list ("Her medications include ... alendronate") had not
been read, so bisphosphonates were suggested as if never tried; "Alendronate was not prescribed" had
been read as given.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

CASE = (
    "A 47-year-old woman with dermatomyositis had firm calcified nodules on both elbows; radiographs "
    "showed sheet-like calcinosis in the soft tissues. "
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Her medications include prednisone 7.5 mg daily, mycophenolate and alendronate.",
        "Current medications: hydroxychloroquine, alendronate 70 mg weekly, omeprazole.",
        "She takes alendronate every week with mycophenolate twice daily.",
        "She was on mycophenolate and alendronate when the nodules appeared.",
    ],
)
def test_a_listed_drug_is_a_treatment_already_given(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    assert ("bisphosphonates", "given") in [(t.concept, t.status) for t in case.treatments], sentence
    options = {o.id: o for o in assess(case).cases[0].assessment.treatments}
    assert "bisphosphonates" in options and options["bisphosphonates"].reported, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Alendronate was not prescribed.",
        "Bisphosphonates were not used because of her reflux.",
        "Diltiazem was withheld for her bradycardia.",
    ],
)
def test_a_drug_not_given_is_no_treatment(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    assert [t for t in case.treatments if t.status == "given"] == [], sentence


def test_a_general_statement_about_a_drug_is_no_treatment() -> None:
    case = extract(CASE + "Bisphosphonates may help some patients with calcinosis.").cases[0]
    assert case.treatments == []
