"""Third round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe answer: hypercalcaemia with a skin rash
and no calcified lesion, a pacemaker the patient is still waiting for, a drug allergy to an option
on offer. The assertions are on the call and on what is offered or withheld, not on wording.
"""

from __future__ import annotations

from calcidx import assess
from calcidx.assess.model import Assessment


def _assessment(text: str) -> Assessment:
    document = assess(text)
    assert document.cases, text
    return document.cases[0].assessment


def _offered(a: Assessment) -> set[str]:
    return {t.id for t in a.treatments}


def _withheld(a: Assessment, option: str) -> list[str]:
    return [reason for t in a.withheld_treatments if t.id == option for reason in t.withheld_reasons]


def test_hypercalcaemia_with_a_rash_and_no_calcified_lesion_is_not_a_confident_call() -> None:
    a = _assessment(
        "A 38-year-old woman with sarcoidosis has hypercalcaemia (calcium 12.4 mg/dL) and a rash on the shins."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")
    step = next(s for s in a.rationale if s.rule.startswith("lesion.calcinosis_evidence"))
    assert "not like calcification" in step.conclusion
    assert {"plain_radiograph", "skin_biopsy"} & {t.id for t in a.missing_workup}


def test_an_itchy_eruption_in_myeloma_with_a_high_calcium_is_at_most_possible() -> None:
    a = _assessment(
        "An 81-year-old man with multiple myeloma had a serum calcium of 3.1 mmol/L and an itchy eruption "
        "over the chest and back a week after a course of antibiotics."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")


def test_hard_nodules_with_a_high_calcium_stay_a_clinical_sign() -> None:
    a = _assessment(
        "An 81-year-old man with multiple myeloma had a serum calcium of 3.1 mmol/L and hard white nodules "
        "over the elbows."
    )
    assert a.subtype.code == "metastatic"
    assert a.subtype.certainty == "probable"


def test_a_pacemaker_the_patient_is_awaiting_does_not_lift_the_heart_block_contraindication() -> None:
    a = _assessment(
        "A 66-year-old man with limited scleroderma has calcinosis of the fingertips on radiographs. He has "
        "complete heart block and is awaiting a permanent pacemaker."
    )
    assert "diltiazem" not in _offered(a)
    assert _withheld(a, "diltiazem")


def test_a_pacemaker_in_place_lifts_it() -> None:
    a = _assessment(
        "A 66-year-old man with limited scleroderma has calcinosis of the fingertips on radiographs. He has "
        "complete heart block treated with a permanent pacemaker."
    )
    assert "diltiazem" in _offered(a)


def test_an_allergy_to_ceftriaxone_withholds_ceftriaxone() -> None:
    a = _assessment(
        "A 47-year-old woman with lupus has calcinosis of the buttocks on radiographs. She is allergic to "
        "ceftriaxone and to sulfa drugs."
    )
    assert "ceftriaxone" not in _offered(a)
    assert any("cephalosporin" in reason for reason in _withheld(a, "ceftriaxone"))


def test_a_penicillin_allergy_on_an_allergy_line_withholds_ceftriaxone() -> None:
    a = _assessment(
        "A 52-year-old woman with systemic lupus erythematosus has hard nodules on the buttocks; radiographs "
        "show calcinosis. Allergies: penicillin (anaphylaxis), codeine."
    )
    assert "ceftriaxone" not in _offered(a)
    assert _withheld(a, "ceftriaxone")


def test_no_known_drug_allergies_withholds_no_ceftriaxone() -> None:
    a = _assessment(
        "A 47-year-old woman with lupus has calcinosis of the buttocks on radiographs. No known drug allergies."
    )
    assert "ceftriaxone" in _offered(a)
