"""A lesion term told with other adjectives between its words ("painful, hard, red nodules") is the term."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


def _present(text: str) -> set[str]:
    (case,) = extract(text, mode="note").cases
    return {f.concept for f in case.findings if f.assertion == "present"}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("She has painful, hard, red nodules on both thighs.", "painful_papules"),
        ("There were tender and firm nodules over the abdomen.", "painful_papules"),
        ("Examination found firm, whitish papules on the fingertips.", "firm_white_yellow_papules"),
        # shape and size words stand in the chain too ("stellate", "punched-out", "large")
        ("She had exquisitely tender, stellate, dusky ulcers over both breasts.", "painful_ulcer"),
        ("Painful punched-out, deep ulcers were present on the calves.", "painful_ulcer"),
        ("He reported tender large nodules of the abdominal wall.", "painful_papules"),
    ],
)
def test_adjectives_between_the_words_of_a_term(text: str, concept: str) -> None:
    assert concept in _present(text)


def test_one_term_per_phrase_the_first_word_opens() -> None:
    # 'white papules' inside 'firm, white, painless papules' is not a second term
    assert "milia_like_papules" not in _present("Multiple firm, white, painless papules on the fingers.")


@pytest.mark.parametrize(
    "text",
    [
        "Indurated, extremely painful violaceous plaques on the thighs.",
        "Firm, white, tender nodules over both elbows.",
    ],
)
def test_a_symptom_word_inside_the_chain_makes_its_own_term(text: str) -> None:
    present = _present(text)
    assert "painful_papules" in present
    assert len(present - {"painful_papules", "pain"}) >= 1  # the first word's term is read too


def test_a_word_outside_the_phrase_does_not_start_it() -> None:
    assert "painful_papules" not in _present("The pain was severe, and hard nodules were felt on the thigh.")


def test_early_calciphylaxis_told_with_coordinated_adjectives_is_considered() -> None:
    text = "A 66-year-old woman on haemodialysis presented with painful, hard, red nodules on the inner thighs."
    (case,) = extract(text, mode="note").cases
    assessment = assess(case).cases[0].assessment
    considered = {assessment.subtype.code, *(alt.code for alt in assessment.alternatives)}
    assert "calciphylaxis" in considered
