"""An ulcer with an undermined border makes pyoderma gangrenosum, a calciphylaxis mimic, suspected.

Written in the project's own words. "On haemodialysis ... necrotic ulcers with undermined edges on the
shin" was calciphylaxis, probable, with pyoderma gangrenosum nowhere near the top of the differential:
the mimic had no feature of its own. The undermined border (AUSDOC-PG) now makes it suspected, so
calciphylaxis is held at possible until the biopsy decides; inflammatory bowel disease (JEADV09-PG)
supports it in the differential without making it suspected.
"""

from __future__ import annotations

from calcidx.public import assess

DIALYSIS = "A 55-year-old man on haemodialysis developed painful necrotic ulcers"


def test_undermined_edges_hold_calciphylaxis_at_possible() -> None:
    assessment = assess(f"{DIALYSIS} with undermined edges on the shin.").cases[0].assessment
    called = {assessment.subtype.code: assessment.subtype.certainty}
    called.update({a.code: a.certainty for a in assessment.alternatives})
    assert called.get("calciphylaxis") == "possible"
    assert assessment.differential[0].id == "pyoderma_gangrenosum"


def test_bowel_disease_ranks_the_mimic_without_suspecting_it() -> None:
    assessment = assess(f"{DIALYSIS} on the shin. He has Crohn's disease.").cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("calciphylaxis", "probable")
    assert assessment.differential[0].id == "pyoderma_gangrenosum"


def test_control_no_clue_no_pyoderma_first() -> None:
    assessment = assess(f"{DIALYSIS} on the shin.").cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("calciphylaxis", "probable")
    assert assessment.differential[0].id != "pyoderma_gangrenosum"
