"""With no lesion, imaging or histology recorded (an abstract that names the diagnosis and the history
only), a call from the history alone does not outweigh the source's own diagnosis: the source's is
adopted as possible and the history's call stays an alternative.

"Calciphylaxis in a woman with rheumatoid arthritis" had been called dystrophic, probable, from the
rheumatoid arthritis alone.
"""

from __future__ import annotations

from calcidx.public import assess


def test_the_stated_calciphylaxis_is_adopted_over_a_history_only_call() -> None:
    text = (
        "Calciphylaxis in a woman with rheumatoid arthritis: a case report\n\n"
        "We present a case of calciphylaxis in a 61-year-old woman with long-standing rheumatoid arthritis "
        "and normal renal function."
    )
    assessment = assess(text).cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("calciphylaxis", "possible")
    assert any(alt.code == "dystrophic" for alt in assessment.alternatives)


def test_a_recorded_lesion_keeps_the_pathway_call() -> None:
    text = (
        "A 61-year-old woman with systemic sclerosis has hard white nodules on the fingertips; calcium and "
        "phosphate are normal. She was told she had idiopathic calcinosis."
    )
    assert assess(text).cases[0].assessment.subtype.code == "dystrophic"
