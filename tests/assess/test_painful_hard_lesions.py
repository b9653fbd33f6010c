"""A lesion told as painful and hard in separate words is the early change of calciphylaxis.

"Lesions on the legs, dark, hard, very tender" in a patient on dialysis is the painful indurated
plaque or nodule that makes calciphylaxis suspected (features.yaml painful_firm_lesion, CN-CUA),
though no phrase of the vocabulary names it whole. It had been metastatic, possible, with no word of
calciphylaxis or of the biopsy that decides.
"""

from __future__ import annotations

import pytest

from calcidx.assess.facts import build_facts
from calcidx.case.model import Case, Lesion
from calcidx.knowledge.loader import load_bundle
from tests.assess.vignettes import assessment_of

AT_RISK = [
    "ED note: 79 yo F, ESRD on HD, missed two sessions. C/o painful lesions on both legs for 2 weeks, "
    "dark, hard, very tender.",
    "A 64-year-old man on peritoneal dialysis. On examination the plaques on the thighs were firm and "
    "exquisitely tender.",
    "58M, end-stage renal disease on haemodialysis. Lower abdomen: sore, indurated areas of skin.",
]


@pytest.mark.parametrize("text", AT_RISK)
def test_painful_hard_lesions_on_dialysis_make_calciphylaxis_suspected(text: str) -> None:
    a = assessment_of(text)
    assert a.subtype.code == "calciphylaxis", (a.subtype.code, a.subtype.certainty)
    assert a.subtype.certainty == "possible"
    assert "calciphylaxis_biopsy" in {m.id for m in a.missing_workup}


def test_the_same_lesions_without_a_risk_factor_are_not_calciphylaxis() -> None:
    a = assessment_of("A 40-year-old woman with no kidney disease has painful lesions on both legs, dark and hard.")
    assert a.subtype.code != "calciphylaxis"


def test_white_stony_tender_nodules_look_like_deposits_not_the_early_change() -> None:
    bundle = load_bundle()
    chalky = Case(lesions=[Lesion(site="forearm", kinds=["nodules"], morphology=["tender", "hard", "white", "stony"])])
    plain = Case(lesions=[Lesion(site="thigh", kinds=["plaques"], morphology=["tender", "hard"])])
    assert "painful_firm_lesion" not in build_facts(chalky, bundle).present
    assert "painful_firm_lesion" in build_facts(plain, bundle).present


def test_a_painful_lesion_that_is_not_hard_is_not_the_early_change() -> None:
    case = Case(lesions=[Lesion(site="thigh", kinds=["lesions"], morphology=["painful", "dark"])])
    assert "painful_firm_lesion" not in build_facts(case, load_bundle()).present
