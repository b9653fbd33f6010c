"""A plan's clause ends at a contrast word: "X was considered but the biopsy showed Y" reports Y.

Written in the project's own words. "Calciphylaxis was considered but the biopsy showed leukocytoclastic
vasculitis" made the vasculitis hypothetical (the plan cue "considered" reached to the sentence's end),
so a dialysis patient's purpura stayed calciphylaxis, probable, with the mimic the biopsy found unread.
"""

from __future__ import annotations

from calcidx.public import assess
from tests.extract.reading import assertions, first_case

CASE = "A 62-year-old man on dialysis had painful purpura on the legs. "


def test_what_follows_but_is_reported() -> None:
    case = first_case(CASE + "Calciphylaxis was considered but the biopsy showed leukocytoclastic vasculitis.")
    assert assertions(case)["vasculitis"] == "present"
    assessment = assess(case).cases[0].assessment
    assert not (assessment.subtype.code == "calciphylaxis" and assessment.subtype.certainty == "probable")


def test_control_a_treatment_considered_stays_planned() -> None:
    case = first_case(CASE + "Sodium thiosulfate was considered but the biopsy result was awaited.")
    assert all(t.status == "planned" for t in case.treatments)
