"""A note names the diagnosis as an item of its list: "calciphylaxis confirmed by bx (calf)", "bx-proven
calciphylaxis", "calciphylaxis on thighs". Each is the clinician's stated diagnosis, and a biopsy
that proves it counts as the pathologist's reading; a query, a denial or a hedge is not."""

from __future__ import annotations

import pytest

from calcidx.public import assess


def _call(text: str) -> tuple[str | None, str, str | None]:
    case = assess(text).cases[0]
    subtype = case.assessment.subtype
    return case.stated.subtype if case.stated else None, subtype.code, subtype.certainty


@pytest.mark.parametrize(
    "text",
    [
        "44M, ESRD on HD, calciphylaxis confirmed by bx (calf); hx of pneumothorax 2019.",
        "52F, on HD, calciphylaxis confirmed by punch bx of the thigh.",
        "67M on HD, bx-proven calciphylaxis of the abdomen.",
        "71F, ESRD on haemodialysis, biopsy-confirmed calciphylaxis of both thighs.",
    ],
)
def test_a_biopsy_proven_item_is_stated_and_probable_in_renal_failure(text: str) -> None:
    assert _call(text) == ("calciphylaxis", "calciphylaxis", "probable")


@pytest.mark.parametrize(
    "text",
    [
        "60F, dialysis x 8 y, calciphylaxis on thighs; on warfarin for PE.",
        "58M, HD, calciphylaxis of the lower legs, on warfarin.",
        "62M on HD, calciphylaxis thighs (bx), PTH 80 pg/mL, Ca 8.0.",
    ],
)
def test_a_problem_list_item_is_the_stated_diagnosis(text: str) -> None:
    stated, code, _ = _call(text)
    assert (stated, code) == ("calciphylaxis", "calciphylaxis")


@pytest.mark.parametrize(
    "text",
    [
        "60F, dialysis x 8 y, ?calciphylaxis on thighs; on warfarin for PE.",
        "60F, dialysis, calciphylaxis on thighs suspected.",
        "60F, dialysis x 8 y, no calciphylaxis on thighs, on warfarin.",
        "44M, ESRD on HD, calciphylaxis not confirmed by bx.",
        "62M on HD, calciphylaxis unlikely, painful ulcer on the heel.",
        "62M on HD, calciphylaxis risk factors, painful ulcer on the heel.",
    ],
)
def test_control_a_query_a_denial_or_a_hedge_is_not_stated(text: str) -> None:
    stated, _, certainty = _call(text)
    assert stated is None
    assert certainty != "probable" and certainty != "confirmed"
