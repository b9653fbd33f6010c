"""Kinds of phrasing from a ninth set of published reports the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


def _subtype(text: str) -> tuple[str, str | None]:
    subtype = assess(text).cases[0].assessment.subtype
    return subtype.code, subtype.certainty


# ------------------------------------------------ purpuric macules, papules or patches are purpura
# "Purpura" and "purpuric lesions" were read, "purpuric macules and papules" were not: a dialysis
# patient with burning purpuric macules on the thighs was metastatic, possible, with no word of
# calciphylaxis.
PURPURIC_LESIONS = [
    "A 41-year-old man on haemodialysis for ten years had purpuric macules and papules over both thighs.",
    "A 58-year-old woman on peritoneal dialysis developed purpuric papules on the abdomen that burned.",
    "A 63-year-old man with end-stage kidney disease on dialysis was seen for purpuric patches on the calves.",
]


@pytest.mark.parametrize("text", PURPURIC_LESIONS)
def test_purpuric_macules_on_dialysis_raise_calciphylaxis(text: str) -> None:
    assert _subtype(text)[0] == "calciphylaxis"


def test_purpuric_macules_with_normal_kidneys_are_no_calciphylaxis() -> None:
    text = "A 30-year-old woman with normal kidney function had purpuric macules on the shins after a sore throat."
    assert _subtype(text)[0] != "calciphylaxis"


def test_hard_white_nodules_on_dialysis_stay_metastatic() -> None:
    text = "A 41-year-old man on haemodialysis for ten years had hard white nodules on the fingertips."
    assert _subtype(text) == ("metastatic", "possible")
