"""A fall onto a body part is local trauma at that part: the nodules that form there later are
dystrophic; a fall told with no body part, or onto another part, says nothing of the lesion."""

from __future__ import annotations

import pytest

from calcidx.public import assess

LABS = " Calcium and phosphate were normal."


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "A 30-year-old man fell onto his right elbow while skiing; months later a hard nodule formed "
            "over the elbow.",
            "right elbow",
        ),
        (
            "A 25-year-old woman had a fall onto her left knee; a year later hard nodules appeared on the knee.",
            "left knee",
        ),
        (
            "A 52-year-old man who fell on his right shin at work now has a stony nodule on the right shin.",
            "right shin",
        ),
    ],
)
def test_a_fall_onto_the_lesions_site_makes_it_dystrophic(text: str, site: str) -> None:
    case = assess(text + LABS).cases[0]
    assert [(e.concept, e.site) for e in case.exposures] == [("local_trauma", site)]
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("dystrophic", "probable")


def test_control_a_fall_onto_another_part_is_not_the_nidus() -> None:
    text = (
        "A 30-year-old man fell onto his right elbow while skiing; months later a hard nodule formed on the left knee."
    )
    assert assess(text + LABS).cases[0].assessment.subtype.code == "idiopathic"


def test_control_a_fall_with_no_body_part_is_not_read() -> None:
    text = "A 77-year-old man was admitted after a fall at home. He had many hard white nodules on the scrotum."
    case = assess(text + LABS).cases[0]
    assert case.exposures == []
    assert case.assessment.subtype.code == "idiopathic"
