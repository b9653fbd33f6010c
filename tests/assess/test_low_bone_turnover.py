"""Bisphosphonates and adynamic (low-turnover) bone disease: a caution of its own when the record names
it, for the calcinosis and the calciphylaxis options alike. Vignettes written for this project."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

_TURNOVER = "low-turnover bone disease is recorded"


def _cautions(text: str, option: str) -> list[str]:
    a = assessment_of(text)
    return [c for t in [*a.treatments, *a.withheld_treatments] if t.id == option for c in t.cautions]


@pytest.mark.parametrize(
    ("text", "option"),
    [
        (
            "A 66-year-old woman on hemodialysis with biopsy-proven calciphylaxis of the thighs had adynamic bone "
            "disease.",
            "bisphosphonates_calciphylaxis",
        ),
        (
            "A 62-year-old man with CKD stage 3 and low-turnover bone disease had dermatomyositis with calcinosis "
            "of the thighs on X-ray; calcium and phosphate normal.",
            "bisphosphonates",
        ),
    ],
)
def test_a_recorded_low_turnover_gives_its_caution(text: str, option: str) -> None:
    assert any(_TURNOVER in c for c in _cautions(text, option))


def test_no_caution_without_it() -> None:
    text = "A 66-year-old woman on hemodialysis with biopsy-proven calciphylaxis of the thighs had PTH 900 pg/mL."
    cautions = _cautions(text, "bisphosphonates_calciphylaxis")
    assert cautions and not any(_TURNOVER in c for c in cautions)
