"""An allergy told as anaphylaxis to a drug class: "a history of anaphylaxis to cephalosporins".

Written in the project's own words. Only "anaphylaxis to ceftriaxone" was a name of the allergy; "a
history of anaphylaxis to cephalosporins" and "Anaphylaxis after ceftriaxone in 2019" were not read,
and ceftriaxone was offered with no word of the allergy. "Anaphylaxis to/after" now opens a
drug-allergy list (lexicon.yaml allergy_list_cue), whose items are looked up as allergies.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = "A 38-year-old woman with SSc and calcinosis of the fingers on X-ray. {allergy} Calcium and phosphate normal."


@pytest.mark.parametrize(
    "allergy", ["She has a history of anaphylaxis to cephalosporins.", "Anaphylaxis after ceftriaxone in 2019."]
)
def test_anaphylaxis_to_a_cephalosporin_withholds_ceftriaxone(allergy: str) -> None:
    assessment = assess(CASE.format(allergy=allergy)).cases[0].assessment
    assert "ceftriaxone" not in {t.id for t in assessment.treatments}
    assert "ceftriaxone" in {t.id for t in assessment.withheld_treatments}


def test_control_no_anaphylaxis_keeps_ceftriaxone() -> None:
    assessment = assess(CASE.format(allergy="No anaphylaxis to cephalosporins.")).cases[0].assessment
    assert "ceftriaxone" in {t.id for t in assessment.treatments}
