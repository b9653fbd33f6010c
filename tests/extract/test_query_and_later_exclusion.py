"""A referral's query ("referred with query dermatomyositis", "queried calciphylaxis") is a possibility,
and a condition the work-up later excludes ("... dermatomyositis was excluded") is no longer present.

A woman "referred with query dermatomyositis" whose myositis work-up was normal and "dermatomyositis
was excluded" had been called dystrophic, confirmed, with dermatomyositis as the cause.
"""

from __future__ import annotations

from calcidx.public import assess
from tests.extract.reading import assertions, first_case


def test_a_query_is_a_possibility() -> None:
    case = first_case("A 50-year-old woman was referred with query dermatomyositis and hard nodules on the elbows.")
    assert assertions(case)["dermatomyositis"] == "possible"
    assert assertions(case)["firm_white_yellow_papules"] == "present"


def test_a_condition_excluded_after_work_up_is_not_the_cause() -> None:
    text = (
        "A 49-year-old woman was referred with dermatomyositis and hard nodules on both elbows. Creatine "
        "kinase and the myositis antibody panel were normal, and dermatomyositis was excluded. Calcium and "
        "phosphate were normal. Radiographs showed calcification in the soft tissue of both elbows."
    )
    case = assess(text).cases[0]
    assert not any(f.concept == "dermatomyositis" and f.assertion == "present" for f in case.findings)
    assert "dermatomyositis" not in case.assessment.associated_conditions
    assert case.assessment.subtype.code != "dystrophic" or case.assessment.subtype.certainty == "possible"


def test_another_condition_excluded_leaves_the_cause() -> None:
    text = (
        "A 49-year-old woman with dermatomyositis had hard nodules on both elbows. Lupus was excluded. "
        "Calcium and phosphate were normal. Radiographs showed calcification in the soft tissue of both elbows."
    )
    assert assess(text).cases[0].assessment.subtype.code == "dystrophic"
