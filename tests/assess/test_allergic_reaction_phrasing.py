"""An allergic reaction told with its kind in brackets or with two adjectives still names the drug.

Written in the project's own words. "A history of severe allergic reaction (anaphylaxis) to
intravenous immunoglobulin" started no allergy list (the cue took one adjective after "a" and no
bracket), so IVIG was offered. The cue now takes up to two adjectives, no article and a short bracket
(lexicon.yaml allergy_list_cue); "no reaction to" still starts no list.
"""

from __future__ import annotations

from calcidx.public import assess

DM = (
    "A 40-year-old woman with dermatomyositis developed calcinosis on the elbows (X-ray). Calcium and phosphate "
    "normal. "
)


def test_a_bracketed_anaphylaxis_to_ivig_withholds_ivig() -> None:
    text = DM + "She has a history of severe allergic reaction (anaphylaxis) to intravenous immunoglobulin."
    assessment = assess(text).cases[0].assessment
    assert "ivig" in {t.id for t in assessment.withheld_treatments}
    assert "ivig" not in {t.id for t in assessment.treatments}


def test_control_no_reaction_to_ivig_keeps_it() -> None:
    text = DM + "She had no reaction to intravenous immunoglobulin in the past."
    assert "ivig" in {t.id for t in assess(text).cases[0].assessment.treatments}
