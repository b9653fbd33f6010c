"""A pregnancy or lactation caution whose status the record does not give is shown "if it applies"
for a girl or woman of reproductive age, and not for a man, a young girl or a woman past it
(treatment.pregnancy_unknown: from 10 years, when menarche usually begins, to 49 in the SDG
definition). A recorded pregnancy always counts.

A 79-year-old woman had been shown "If it applies (pregnancy status not recorded), contraindicated"
on the bisphosphonates and diltiazem, and so had a 7-year-old girl.
"""

from __future__ import annotations

from calcidx.public import assess

_FINDINGS = " has limited systemic sclerosis and hard white nodules on the fingertips. Calcium and phosphate normal."


def _caution_text(text: str, option: str) -> str:
    assessment = assess(text).cases[0].assessment
    listed = {t.id: t for t in [*assessment.treatments, *assessment.withheld_treatments]}
    return " ".join(listed[option].cautions)


def test_no_conditional_pregnancy_caution_past_reproductive_age() -> None:
    assert "pregnancy status not recorded" not in _caution_text("A 77-year-old woman" + _FINDINGS, "bisphosphonates")


def test_a_woman_of_reproductive_age_is_asked() -> None:
    assert "pregnancy status not recorded" in _caution_text("A 36-year-old woman" + _FINDINGS, "bisphosphonates")


def test_no_conditional_pregnancy_caution_for_a_young_girl() -> None:
    assert "pregnancy status not recorded" not in _caution_text("A 7-year-old girl" + _FINDINGS, "bisphosphonates")


def test_an_adolescent_girl_is_asked() -> None:
    assert "pregnancy status not recorded" in _caution_text("A 13-year-old girl" + _FINDINGS, "bisphosphonates")


def test_a_woman_of_unknown_age_is_asked() -> None:
    assert "pregnancy status not recorded" in _caution_text("The woman" + _FINDINGS, "bisphosphonates")


def test_a_recorded_pregnancy_counts_at_any_age() -> None:
    assessment = assess("A 51-year-old woman, 14 weeks pregnant," + _FINDINGS).cases[0].assessment
    assert "bisphosphonates" in {t.id for t in assessment.withheld_treatments}


def test_an_age_told_as_a_span_past_reproductive_age_is_not_asked() -> None:
    assert "pregnancy status not recorded" not in _caution_text(
        "A woman in her seventies" + _FINDINGS, "bisphosphonates"
    )
    assert "pregnancy status not recorded" not in _caution_text("An octogenarian woman" + _FINDINGS, "bisphosphonates")


def test_an_age_told_as_a_span_within_reproductive_age_is_asked() -> None:
    assert "pregnancy status not recorded" in _caution_text("A woman in her thirties" + _FINDINGS, "bisphosphonates")
    assert "pregnancy status not recorded" in _caution_text("A girl in her teens" + _FINDINGS, "bisphosphonates")


def test_a_child_caution_follows_an_age_told_as_a_span() -> None:
    """The children's caution (under 18) does not apply to a woman in her sixties, is conditional
    for a girl in her teens (10 to 20 spans the limit), and says which words gave the age."""
    assert "Child:" not in _caution_text("A woman in her sixties" + _FINDINGS, "bisphosphonates")
    teen = _caution_text("A girl in her teens" + _FINDINGS, "bisphosphonates")
    assert "age recorded only as 'in her teens' (applies below 18 years)" in teen
