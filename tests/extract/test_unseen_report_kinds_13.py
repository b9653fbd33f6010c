"""Kinds of phrasing and clinical rules from a thirteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.assess.model import AssessedCase
from calcidx.extract.pipeline import extract
from calcidx.public import assess


def _one(text: str) -> tuple[AssessedCase, str, str | None]:
    case = assess(text).cases[0]
    return case, case.assessment.subtype.code, case.assessment.subtype.certainty


def _exposures(case: AssessedCase) -> dict[str, str]:
    return {e.concept: e.assertion for e in case.exposures}


# ------------------------------------------ an answer "No." ends its sentence
# "Any drug allergies? No. She takes warfarin and calcium carbonate." was one sentence "No. She takes
# ...": "No." was read as the abbreviation of "number", so its negation reached the drugs she takes
# (warfarin absent: no advice to review it). "No." (and "Ca.", "vol.", "ref.") is an abbreviation
# only before a number.
ANSWERED_NO = [
    "A 64-year-old woman on peritoneal dialysis has painful necrotic ulcers over both calves. Any drug allergies? "
    "No. She takes warfarin and calcium carbonate.",
    "A 70-year-old man on haemodialysis has tender indurated plaques on the abdomen. Smoker? No. He takes "
    "warfarin and calcium carbonate.",
]


@pytest.mark.parametrize("text", ANSWERED_NO)
def test_an_answer_no_does_not_negate_the_next_sentence(text: str) -> None:
    case, _, _ = _one(text)
    exposures = _exposures(case)
    assert exposures.get("warfarin") == "present", exposures
    assert exposures.get("calcium_based_binders") == "present", exposures
    assert any("warfarin" in action.action.lower() for action in case.assessment.actions)


def test_control_a_numbered_no_stays_one_sentence() -> None:
    document = extract(
        "Patient No. 3 was a 12-year-old girl with juvenile dermatomyositis and hard nodules on the elbows."
    )
    assert [c.patient.age_years for c in document.cases] == [12.0]


# ------------------------------------------ a question asserts no pregnancy
# "She was pregnant? No." made her pregnant ("was pregnant"), withholding what a pregnancy withholds.
def test_a_question_then_no_is_not_a_pregnancy() -> None:
    case, _, _ = _one(
        "A 34-year-old woman with dermatomyositis has calcified nodules on the thighs shown on radiographs. She "
        "was pregnant? No. Calcium and phosphate were normal."
    )
    assert case.patient.pregnant is not True


def test_control_she_was_pregnant_is_a_pregnancy() -> None:
    case, _, _ = _one(
        "A 34-year-old woman with dermatomyositis has calcified nodules on the thighs shown on radiographs. She "
        "was pregnant at the time. Calcium and phosphate were normal."
    )
    assert case.patient.pregnant is True


# ------------------------------------------ a lesion at the site of the line the calcium ran through
# "a firm white plaque on the dorsum of the left hand at the site of a previous intravenous line
# through which calcium gluconate had been infused": the infusion had no site, so the lesion and the
# exposure were not tied (iatrogenic, possible). exposure_site.before reads "a line through which".
LINE_THROUGH_WHICH = [
    "A 3-week-old girl born at 30 weeks had a firm white plaque on the dorsum of the left hand at the site of a "
    "previous intravenous line through which calcium gluconate had been infused. Radiographs showed soft-tissue "
    "calcification.",
    "A 2-month-old boy has hard nodules on the right foot at the site of a cannula used to give calcium chloride. "
    "An X-ray showed calcification in the soft tissue.",
]


@pytest.mark.parametrize("text", LINE_THROUGH_WHICH)
def test_a_lesion_at_the_line_the_calcium_ran_through_is_iatrogenic_at_the_site(text: str) -> None:
    case, code, certainty = _one(text)
    assert code == "iatrogenic"
    assert certainty in ("probable", "confirmed")
    assert any(e.site for e in case.exposures if e.concept == "iv_calcium")


def test_control_a_line_elsewhere_is_not_the_lesions_site() -> None:
    case, code, _ = _one(
        "A 3-week-old girl had a firm white plaque on the left thigh. Calcium gluconate had been infused through a "
        "line in the right hand. Radiographs showed soft-tissue calcification."
    )
    assert code != "iatrogenic" or case.assessment.subtype.certainty == "possible"
