"""A lesion told only as red or erythematous is no clinical sign of calcification.

Written in the project's own words. A woman with rheumatoid arthritis on warfarin and prednisone had
"a tender erythematous plaque on the left thigh" that became a necrotic ulcer: the plaque was counted
as a sign of calcinosis, so the arthritis made dystrophic calcinosis probable and calciphylaxis (the
title's diagnosis) only an alternative. On examination calcinosis cutis is firm white or yellow
papules, nodules or plaques (PA); rules.yaml lesion.calcinosis_evidence now counts red and erythematous
with the violaceous and purple colours that are no sign unless a firm, white or chalky word says so.
"""

from __future__ import annotations

from calcidx.public import assess

RA = "A 66-year-old woman with rheumatoid arthritis on prednisone and warfarin presented with "


def test_erythematous_plaque_does_not_make_dystrophic_probable() -> None:
    text = (
        RA
        + "a tender erythematous plaque on the left thigh that was treated as cellulitis. It became a necrotic ulcer."
    )
    assessment = assess(text).cases[0].assessment
    assert not (assessment.subtype.code == "dystrophic" and assessment.subtype.certainty == "probable")
    assert "calciphylaxis" in {assessment.subtype.code, *(a.code for a in assessment.alternatives)}


def test_control_hard_erythematous_nodules_stay_a_sign() -> None:
    text = RA + "hard erythematous nodules on the fingers that discharged chalky material."
    assessment = assess(text).cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("dystrophic", "probable")
