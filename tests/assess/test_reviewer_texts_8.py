"""Eighth round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: a calcified lump where
injections meant for the muscle were given (a gluteal injection-site granuloma) taken for idiopathic
calcinosis, an active treatment offered for calcinosis told as
fully resolved, a bisphosphonate offered to a child with no word of the missing paediatric data, and
probenecid offered to a patient whose record names an allergy to it. The assertions
are on the call and on what is offered or withheld, not on wording.
"""

from __future__ import annotations

from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons

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


# --- an allergy to the option itself ----------------------------------------------------------------


def test_a_recorded_probenecid_allergy_withholds_probenecid() -> None:
    a = assessment_of(
        "Dermatomyositis, 52F, with calcinosis nodules at both elbows on X-ray. Allergy: probenecid (rash)."
    )
    assert "probenecid" not in offered_ids(a)
    assert withheld_reasons(a, "probenecid")


def test_anaphylaxis_to_probenecid_told_in_a_sentence_withholds_it() -> None:
    a = assessment_of(
        "A 52-year-old woman with dermatomyositis has calcinosis at both elbows on X-ray. She had "
        "anaphylaxis to probenecid some years ago."
    )
    assert "probenecid" not in offered_ids(a)


def test_an_allergy_to_another_drug_still_offers_probenecid() -> None:
    a = assessment_of(
        "Dermatomyositis, 52F, with calcinosis nodules at both elbows on X-ray. Allergy: penicillin (rash)."
    )
    assert "probenecid" in offered_ids(a)


# --- a child offered an option whose sources have no paediatric safety data ----------------------------


def _bisphosphonate_cautions(text: str) -> list[str]:
    a = assessment_of(text)
    return [c for t in a.treatments if t.id == "bisphosphonates" for c in t.cautions]


def test_a_bisphosphonate_offered_to_a_child_carries_the_paediatric_caution() -> None:
    cautions = _bisphosphonate_cautions(
        "A 7-year-old girl with juvenile dermatomyositis has calcinosis of both thighs on X-ray; kidney "
        "function is normal."
    )
    assert cautions
    assert any(c.startswith("Child:") for c in cautions)


def test_a_bisphosphonate_offered_to_an_adult_carries_no_paediatric_caution() -> None:
    cautions = _bisphosphonate_cautions(
        "A 47-year-old man with dermatomyositis has calcinosis of both thighs on X-ray; kidney function is normal."
    )
    assert cautions
    assert not any(c.startswith("Child:") for c in cautions)


# --- lesions told as fully resolved -------------------------------------------------------------------


def _healed_cautions(text: str, option: str) -> list[str]:
    a = assessment_of(text)
    return [c for t in a.treatments if t.id == option for c in t.cautions if "healed" in c]


def test_calcinosis_told_as_fully_resolved_cautions_against_excision() -> None:
    text = (
        "Dermatomyositis, 45F, followed for calcinosis of both elbows; the nodules have fully resolved on "
        "this year's X-ray."
    )
    assert _healed_cautions(text, "surgical_excision")


def test_a_rash_told_as_fully_resolved_is_no_healed_calcinosis() -> None:
    text = (
        "Dermatomyositis, 45F, with calcinosis nodules at both elbows on X-ray; her heliotrope rash has "
        "fully resolved on treatment."
    )
    assert not _healed_cautions(text, "surgical_excision")
