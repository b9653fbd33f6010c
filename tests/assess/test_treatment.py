"""Treatment selection: subtype matching, evidence order, patient-specific cautions, withholding."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calcidx.assess.facts import build_facts
from calcidx.assess.model import TreatmentOption
from calcidx.assess.treatment import caution_applies, select_treatments
from calcidx.case.model import Case
from calcidx.knowledge.schema import KnowledgeBundle

SUBTYPES = ["dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis"]


def _case(age: float | None, conditions: list[str] = (), labs: dict[str, str] | None = None) -> Case:  # type: ignore[assignment]
    data: dict[str, Any] = {
        "patient": {"age_years": age},
        "findings": [{"concept": c} for c in conditions],
        "labs": [{"analyte": a, "interpretation": i} for a, i in (labs or {}).items()],
    }
    return Case.model_validate(data)


def _ids(options: list[TreatmentOption]) -> set[str]:
    return {option.id for option in options}


def _matching(bundle: KnowledgeBundle, *words: str) -> set[str]:
    return {t.id for t in bundle.treatments.values() if any(w in t.label.lower() for w in words)}


def _select(
    bundle: KnowledgeBundle, case: Case, subtype: str, conditions: list[str] | None = None, subform: str | None = None
) -> tuple[list[TreatmentOption], list[TreatmentOption]]:
    facts = build_facts(case, bundle)
    return select_treatments(facts, bundle, subtype=subtype, subform=subform, conditions=conditions or [])


def test_child_is_never_offered_a_tetracycline(bundle: KnowledgeBundle) -> None:
    tetracyclines = _matching(bundle, "minocycline", "tetracycline", "doxycycline")
    assert tetracyclines, "the knowledge base lists a tetracycline"
    for age in (0.5, 3, 7, 11):
        for subtype in SUBTYPES:
            offered, withheld = _select(bundle, _case(age, ["systemic_sclerosis"]), subtype, ["systemic_sclerosis"])
            assert not tetracyclines & _ids(offered), (age, subtype)
    offered, withheld = _select(bundle, _case(6, ["systemic_sclerosis"]), "dystrophic", ["systemic_sclerosis"])
    held = [o for o in withheld if o.id in tetracyclines]
    assert held and all(any(c.startswith("Withheld: contraindicated") for c in o.cautions) for o in held)
    assert all(not o.recommended for o in held)


def test_adult_may_be_offered_minocycline(bundle: KnowledgeBundle) -> None:
    tetracyclines = _matching(bundle, "minocycline")
    offered, _ = _select(bundle, _case(45, ["systemic_sclerosis"]), "dystrophic", ["systemic_sclerosis"])
    assert tetracyclines & _ids(offered)


def test_dialysis_patient_is_never_offered_aluminium_or_magnesium_binders(bundle: KnowledgeBundle) -> None:
    binders = _matching(bundle, "aluminium", "aluminum", "magnesium")
    assert binders, "the knowledge base lists an aluminium/magnesium binder"
    for subtype in SUBTYPES:
        for renal in (["dialysis"], ["end_stage_renal_disease"], ["chronic_kidney_disease"]):
            case = _case(60, renal, {"phosphate": "high"})
            offered, _ = _select(bundle, case, subtype, renal)
            assert not binders & _ids(offered), (subtype, renal)
    _, withheld = _select(bundle, _case(60, ["dialysis"], {"phosphate": "high"}), "metastatic", ["dialysis"])
    assert binders & _ids(withheld)


def test_not_recommended_items_are_only_withheld(bundle: KnowledgeBundle) -> None:
    not_recommended = {t.id for t in bundle.treatments.values() if not t.recommended}
    for subtype in SUBTYPES:
        offered, withheld = _select(bundle, _case(50, ["systemic_sclerosis"]), subtype, ["systemic_sclerosis"])
        assert not not_recommended & _ids(offered)
        for option in withheld:
            assert option.cautions and option.cautions[0].startswith("Withheld:")


def test_offered_in_evidence_order_with_refs(bundle: KnowledgeBundle) -> None:
    offered, _ = _select(bundle, _case(50, ["systemic_sclerosis"]), "dystrophic", ["systemic_sclerosis"])
    ranks = [bundle.treatments[o.id].rank for o in offered]
    assert offered and ranks == sorted(ranks)
    for option in offered:
        assert option.refs
        treatment = bundle.treatments[option.id]
        assert option.dose == treatment.dose  # dosing only as the source gives it
        if treatment.dose:
            assert set(treatment.dose_refs) <= set(option.refs)


def test_undetermined_offers_only_cause_finding_and_supportive(bundle: KnowledgeBundle) -> None:
    offered, _ = _select(bundle, _case(50), "undetermined")
    assert offered
    assert {bundle.treatments[o.id].kind for o in offered} <= {"cause", "supportive"}


def test_not_calcinosis_offers_nothing(bundle: KnowledgeBundle) -> None:
    assert _select(bundle, _case(21, ["gout"]), "not_calcinosis") == ([], [])


def test_neonate_gets_the_resolves_on_its_own_caution(bundle: KnowledgeBundle) -> None:
    offered, withheld = _select(bundle, _case(0.04), "iatrogenic")
    texts = [c for o in [*offered, *withheld] for c in o.cautions]
    assert any("resolve" in text.lower() for text in texts)


def test_high_phosphate_adds_the_etidronate_caution(bundle: KnowledgeBundle) -> None:
    bisphosphonates = _matching(bundle, "etidronate", "bisphosphonate")
    assert bisphosphonates
    offered, withheld = _select(bundle, _case(50, ["systemic_sclerosis"], {"phosphate": "high"}), "dystrophic")
    options = [o for o in [*offered, *withheld] if o.id in bisphosphonates]
    assert options and any("phosphate" in c.lower() for o in options for c in o.cautions)


def test_unknown_age_keeps_the_age_caution_visible(bundle: KnowledgeBundle) -> None:
    tetracyclines = _matching(bundle, "minocycline")
    offered, withheld = _select(bundle, _case(None, ["systemic_sclerosis"]), "dystrophic", ["systemic_sclerosis"])
    options = [o for o in [*offered, *withheld] if o.id in tetracyclines]
    assert options and any("age is not recorded" in c for o in options for c in o.cautions)


@settings(max_examples=60, deadline=None)
@given(
    age=st.one_of(st.none(), st.floats(min_value=0, max_value=100)),
    subtype=st.sampled_from(SUBTYPES),
    picks=st.lists(
        st.sampled_from(["dialysis", "chronic_kidney_disease", "systemic_sclerosis", "warfarin"]), max_size=3
    ),
    phosphate=st.sampled_from(["low", "normal", "high"]),
)
def test_nothing_contraindicated_is_ever_offered(
    bundle: KnowledgeBundle, age: float | None, subtype: str, picks: list[str], phosphate: str
) -> None:
    facts = build_facts(_case(age, picks, {"phosphate": phosphate}), bundle)
    offered, _ = select_treatments(facts, bundle, subtype=subtype, subform=None, conditions=picks)
    context = set(picks) | facts.present
    for option in offered:
        treatment = bundle.treatments[option.id]
        assert treatment.recommended
        assert treatment.age_min is None or age is None or age >= treatment.age_min
        for caution_id in treatment.cautions:
            caution = bundle.cautions[caution_id]
            if caution.effect == "contraindicated":
                assert caution_applies(caution, facts, context) is not True, (option.id, caution_id)
