"""Eighth round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: a calcified lump where
injections meant for the muscle were given (a gluteal injection-site granuloma) taken for idiopathic
calcinosis. The assertions are on the call, not on wording.
"""

from __future__ import annotations

from tests.assess.vignettes import assessment_of

# --- injections at the lesion's site ---------------------------------------------------------------


def test_a_buttock_nodule_where_intramuscular_injections_were_given_is_dystrophic() -> None:
    a = assessment_of(
        "A 34-year-old man has a hard calcified lump in the right buttock, at the site of repeated "
        "intramuscular injections; calcium and phosphate are normal."
    )
    assert a.subtype.code == "dystrophic"


def test_an_injection_granuloma_seen_on_ct_is_dystrophic() -> None:
    a = assessment_of(
        "CT pelvis in a 70-year-old woman: several calcified gluteal injection granulomas in the "
        "subcutaneous fat of both buttocks. Calcium, phosphate and PTH normal."
    )
    assert a.subtype.code != "idiopathic"


def test_a_buttock_nodule_with_no_injection_stays_idiopathic() -> None:
    a = assessment_of(
        "A 34-year-old man has a hard calcified lump in the right buttock; no injections, no injury. "
        "Calcium and phosphate are normal."
    )
    assert a.subtype.code != "dystrophic"
