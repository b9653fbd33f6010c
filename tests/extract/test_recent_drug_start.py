"""A drug started days before the lesions ("started warfarin 4 days ago"): warfarin necrosis, not
warfarin-associated calciphylaxis, is then the first thought. The fixed phrasings ("days after
starting warfarin") were read; a start told with its number of days was not, and a day-4 warfarin
necrosis with low protein C was called calciphylaxis, probable."""

from __future__ import annotations

import pytest

from calcidx.public import assess
from tests.extract.reading import assertions, first_case


@pytest.mark.parametrize(
    "text",
    [
        "58F, normal kidneys, started warfarin 4 days ago for a DVT. Painful purple-black necrotic patches on "
        "both thighs. Protein C low.",
        "A 62-year-old woman had begun warfarin for atrial fibrillation three days earlier; painful necrotic "
        "patches formed on both breasts.",
        "A 49-year-old man. Warfarin was started 5 days ago for a pulmonary embolism. Now painful black "
        "necrotic patches on the thighs.",
        # the days told after the start as "later" (this stop: the start was not read, and the call
        # was calciphylaxis, probable)
        "A 55-year-old woman with protein C deficiency started warfarin for a pulmonary embolism; four days later "
        "she developed painful purple plaques on the breasts and thighs that became necrotic.",
        "A 60-year-old woman started warfarin and 3 days later painful necrotic patches formed on both thighs.",
    ],
)
def test_a_drug_started_days_ago_is_a_recent_start(text: str) -> None:
    case = first_case(text)
    assert assertions(case).get("warfarin_recently_started") == "present"
    assessment = assess(case).cases[0].assessment
    assert not (
        assessment.subtype.code == "calciphylaxis" and assessment.subtype.certainty in ("probable", "confirmed")
    )
    assert assessment.differential[0].id == "warfarin_necrosis"


@pytest.mark.parametrize(
    "text",
    [
        "A 66-year-old woman on haemodialysis, on warfarin for 3 years, has painful necrotic ulcers on the thighs.",
        "A 66-year-old woman will start warfarin in 4 days; painful necrotic ulcers on the thighs.",
        "A 66-year-old woman on haemodialysis started warfarin in 2015; painful necrotic ulcers formed in 2023.",
    ],
)
def test_long_term_or_planned_warfarin_is_no_recent_start(text: str) -> None:
    assert assertions(first_case(text)).get("warfarin_recently_started") is None
