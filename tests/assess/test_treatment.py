"""Treatment selection: subtype matching, evidence order, patient-specific cautions, withholding."""

from __future__ import annotations

from typing import Any

import pytest
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


@pytest.mark.parametrize(("subtype", "analyte"), [("dystrophic", "calcium"), ("calciphylaxis", "calcium_ionized")])
def test_low_calcium_withholds_bisphosphonates_until_corrected(
    bundle: KnowledgeBundle, subtype: str, analyte: str
) -> None:
    bisphosphonates = _matching(bundle, "bisphosphonate")
    offered, withheld = _select(bundle, _case(50, ["systemic_sclerosis"], {analyte: "low"}), subtype)
    assert not _ids(offered) & bisphosphonates
    held = [o for o in withheld if o.id in bisphosphonates]
    assert held and all(any("hypocalcaemia" in r for r in o.withheld_reasons) for o in held)
    offered, _ = _select(bundle, _case(50, ["systemic_sclerosis"], {analyte: "normal"}), subtype)
    assert _ids(offered) & bisphosphonates


def test_unknown_age_keeps_the_age_caution_visible(bundle: KnowledgeBundle) -> None:
    tetracyclines = _matching(bundle, "minocycline")
    offered, withheld = _select(bundle, _case(None, ["systemic_sclerosis"]), "dystrophic", ["systemic_sclerosis"])
    options = [o for o in [*offered, *withheld] if o.id in tetracyclines]
    assert options and any("age is not recorded" in c for o in options for c in o.cautions)


@settings(max_examples=80, deadline=None)
@given(
    age=st.one_of(st.none(), st.floats(min_value=0, max_value=100)),
    subtype=st.sampled_from(SUBTYPES),
    picks=st.lists(
        st.sampled_from(
            [
                "dialysis",
                "chronic_kidney_disease",
                "systemic_sclerosis",
                "dermatomyositis",
                "juvenile_dermatomyositis",
                "cardiac_conduction_disease",
                "skin_infection",
                "ulceration",
            ]
        ),
        max_size=4,
    ),
    meds=st.lists(st.sampled_from(["warfarin", "iv_calcium", "calcium_based_binders"]), max_size=2),
    phosphate=st.sampled_from(["low", "normal", "high", None]),
    pregnant=st.sampled_from([True, False, None]),
    lactating=st.sampled_from([True, False, None]),
    egfr=st.one_of(st.none(), st.floats(min_value=5, max_value=120)),
)
def test_nothing_excluded_is_ever_offered(
    bundle: KnowledgeBundle,
    age: float | None,
    subtype: str,
    picks: list[str],
    meds: list[str],
    phosphate: str | None,
    pregnant: bool | None,
    lactating: bool | None,
    egfr: float | None,
) -> None:
    case = _patient_case(
        age,
        sex="female",
        pregnant=pregnant,
        lactating=lactating,
        findings=picks,
        medications=[(m, m) for m in meds],
        labs={"phosphate": phosphate} if phosphate else {},
        egfr=egfr,
    )
    facts = build_facts(case, bundle)
    offered, withheld = select_treatments(facts, bundle, subtype=subtype, subform=None, conditions=picks)
    context = set(picks) | facts.present
    for option in offered:
        treatment = bundle.treatments[option.id]
        assert treatment.recommended
        assert treatment.age_min is None or age is None or age >= treatment.age_min
        for item in treatment.requires.labs_any:
            analyte, _, wanted = item.partition(":")
            assert facts.labs.get(analyte) == wanted, (option.id, item)
        for caution_id in treatment.cautions:
            caution = bundle.cautions[caution_id]
            if caution.effect in ("contraindicated", "withhold"):
                assert caution_applies(caution, facts, context) is not True, (option.id, caution_id)
        if treatment.dose and treatment.dose_age_min and age is not None and age < treatment.dose_age_min:
            assert option.dose is None
    for option in withheld:
        assert option.withheld_reasons and option.dose is None


# --- Issue 7: treatments that fit this patient ------------------------------------------------


def _patient_case(
    age: float | None,
    *,
    sex: str | None = None,
    pregnant: bool | None = None,
    lactating: bool | None = None,
    findings: list[str] = (),  # type: ignore[assignment]
    medications: list[tuple[str, str]] = (),  # type: ignore[assignment]
    labs: dict[str, str] | None = None,
    egfr: float | None = None,
) -> Case:
    lab_rows: list[dict[str, Any]] = [{"analyte": a, "interpretation": i} for a, i in (labs or {}).items()]
    if egfr is not None:
        lab_rows.append({"analyte": "egfr", "value": egfr, "unit": "mL/min/1.73 m2"})
    data: dict[str, Any] = {
        "patient": {"age_years": age, "sex": sex, "pregnant": pregnant, "lactating": lactating},
        "findings": [{"concept": c} for c in findings],
        "medications": [{"name": name, "concept": concept} for name, concept in medications],
        "labs": lab_rows,
    }
    return Case.model_validate(data)


def _all_options(
    bundle: KnowledgeBundle, case: Case, subtype: str, conditions: list[str]
) -> dict[str, TreatmentOption]:
    offered, withheld = _select(bundle, case, subtype, conditions)
    return {o.id: o for o in [*offered, *withheld]}


CTD = ["systemic_sclerosis", "dermatomyositis", "systemic_lupus_erythematosus"]

#: Patients the issue names, as (name, case, conditions).
SAFETY_PATIENTS: list[tuple[str, Case, list[str]]] = [
    (
        "neonate",
        _patient_case(0.02, sex="female", findings=CTD, medications=[("calcium gluconate", "iv_calcium")]),
        CTD,
    ),
    ("six-year-old", _patient_case(6, sex="male", findings=CTD), CTD),
    ("pregnant 24 weeks", _patient_case(31, sex="female", pregnant=True, lactating=False, findings=CTD), CTD),
    ("lactating", _patient_case(33, sex="female", pregnant=False, lactating=True, findings=CTD), CTD),
    ("ckd stage 4", _patient_case(64, sex="male", findings=[*CTD, "chronic_kidney_disease"], egfr=20), CTD),
    ("dialysis", _patient_case(58, sex="female", pregnant=False, findings=[*CTD, "dialysis"]), CTD),
    ("conduction disease", _patient_case(70, sex="male", findings=[*CTD, "cardiac_conduction_disease"]), CTD),
    ("warfarin", _patient_case(66, sex="male", findings=CTD, medications=[("warfarin", "warfarin")]), CTD),
]


@pytest.mark.parametrize("subtype", SUBTYPES)
@pytest.mark.parametrize(("name", "case", "conditions"), SAFETY_PATIENTS, ids=[p[0] for p in SAFETY_PATIENTS])
def test_no_excluded_option_is_offered_unguarded(
    bundle: KnowledgeBundle, name: str, case: Case, conditions: list[str], subtype: str
) -> None:
    facts = build_facts(case, bundle)
    offered, withheld = select_treatments(facts, bundle, subtype=subtype, subform=None, conditions=conditions)
    context = set(conditions) | facts.present
    for option in offered:
        treatment = bundle.treatments[option.id]
        assert treatment.recommended, (name, option.id)
        for caution_id in treatment.cautions:
            caution = bundle.cautions[caution_id]
            applies = caution_applies(caution, facts, context)
            if caution.effect in ("contraindicated", "withhold"):
                assert applies is not True, (name, option.id, caution_id)
            if applies is True:
                assert caution.text in option.cautions, (name, option.id, caution_id)
        too_young = facts.age is not None and facts.age < (treatment.dose_age_min or 0)
        if treatment.dose and too_young:
            assert option.dose is None, (name, option.id)
    for option in withheld:
        assert not option.recommended
        assert option.withheld_reasons, (name, option.id)
        assert option.dose is None, "a withheld option never shows a dose"


@pytest.mark.parametrize("age", [0.02, 0.5, 2, 6, 11, 17])
def test_no_adult_dose_is_shown_to_a_child(bundle: KnowledgeBundle, age: float) -> None:
    adult_dosed = {t.id for t in bundle.treatments.values() if t.dose and t.dose_age_min}
    assert {"diltiazem", "iv_sts_calciphylaxis", "rituximab"} <= adult_dosed
    for subtype in SUBTYPES:
        case = _patient_case(age, findings=[*CTD, "juvenile_dermatomyositis", "dialysis"])
        offered, withheld = _select(bundle, case, subtype, [*CTD, "juvenile_dermatomyositis", "dialysis"])
        for option in [*offered, *withheld]:
            if option.id in adult_dosed:
                assert option.dose is None, (age, subtype, option.id)
            assert "adult" not in (option.dose or "").lower(), (age, option.id)


def test_six_year_old_sees_no_adult_diltiazem_dose(bundle: KnowledgeBundle) -> None:
    options = _all_options(
        bundle, _patient_case(6, findings=["juvenile_dermatomyositis"]), "dystrophic", ["juvenile_dermatomyositis"]
    )
    diltiazem = options["diltiazem"]
    assert not diltiazem.recommended and diltiazem.dose is None
    assert any("children" in reason for reason in diltiazem.withheld_reasons)
    adult = _all_options(
        bundle, _patient_case(45, findings=["systemic_sclerosis"]), "dystrophic", ["systemic_sclerosis"]
    )
    assert adult["diltiazem"].recommended and adult["diltiazem"].dose


def test_binders_need_a_measured_high_phosphate(bundle: KnowledgeBundle) -> None:
    for labs, offered_expected, reason_word in (
        ({}, False, "not measured"),
        ({"phosphate": "low"}, False, "is low"),
        ({"phosphate": "normal"}, False, "is normal"),
        ({"phosphate": "high"}, True, None),
    ):
        options = _all_options(bundle, _patient_case(50, labs=labs), "metastatic", [])
        binders = options["phosphate_binders"]
        assert binders.recommended is offered_expected, labs
        if reason_word:
            assert any(reason_word in r for r in binders.withheld_reasons), binders.withheld_reasons
        else:
            assert any("high" in b for b in binders.applies_because)


def test_parathyroidectomy_only_with_raised_pth(bundle: KnowledgeBundle) -> None:
    for labs, expected in (({}, False), ({"pth": "normal"}, False), ({"pth": "low"}, False), ({"pth": "high"}, True)):
        options = _all_options(
            bundle, _patient_case(60, findings=["dialysis"], labs=labs), "calciphylaxis", ["dialysis"]
        )
        assert options["parathyroidectomy_calciphylaxis"].recommended is expected, labs


def test_pregnant_woman_at_24_weeks(bundle: KnowledgeBundle) -> None:
    case = _patient_case(31, sex="female", pregnant=True, findings=CTD)
    options = _all_options(bundle, case, "dystrophic", CTD)
    assert not options["bisphosphonates"].recommended
    assert any("fetal" in r for r in options["bisphosphonates"].withheld_reasons)
    assert not options["diltiazem"].recommended
    assert not options["minocycline"].recommended  # tooth discolouration from the last half of pregnancy
    for treatment_id, word in (
        ("rituximab", "pregnancy"),
        ("colchicine", "pregnan"),
        ("iv_sts_dystrophic", "pregnan"),
    ):
        option = options[treatment_id]
        assert option.recommended, treatment_id  # its sources caution, they do not exclude
        assert any(word in c.lower() for c in option.cautions), (treatment_id, option.cautions)
    calciphylaxis = _all_options(bundle, case, "calciphylaxis", CTD)
    assert any("pregnan" in c.lower() for c in calciphylaxis["iv_sts_calciphylaxis"].cautions)
    assert not calciphylaxis["bisphosphonates_calciphylaxis"].recommended
    # the same woman, not pregnant: no pregnancy caution
    not_pregnant = _all_options(
        bundle, _patient_case(31, sex="female", pregnant=False, findings=CTD), "dystrophic", CTD
    )
    assert not_pregnant["bisphosphonates"].recommended
    assert not any("pregnan" in c.lower() for c in not_pregnant["rituximab"].cautions)


def test_unknown_pregnancy_status_is_said_not_assumed(bundle: KnowledgeBundle) -> None:
    woman = _all_options(bundle, _patient_case(31, sex="female", findings=CTD), "dystrophic", CTD)
    assert woman["bisphosphonates"].recommended  # not withheld on a guess
    assert any("pregnancy status not recorded" in c for c in woman["bisphosphonates"].cautions)
    man = _all_options(bundle, _patient_case(31, sex="male", findings=CTD), "dystrophic", CTD)
    assert not any("pregnancy" in c for c in man["bisphosphonates"].cautions)


def test_neonate_gets_no_probenecid_colchicine_or_lithotripsy(bundle: KnowledgeBundle) -> None:
    case = _patient_case(0.02, findings=CTD, medications=[("calcium gluconate", "iv_calcium")])
    offered, withheld = _select(bundle, case, "dystrophic", CTD)
    held = {o.id: o for o in withheld}
    assert not {"probenecid", "colchicine", "eswl", "ceftriaxone", "diltiazem"} & _ids(offered)
    assert {"probenecid", "colchicine", "eswl", "ceftriaxone"} <= set(held)
    assert any("calcium" in r for r in held["ceftriaxone"].withheld_reasons)
    assert any("under 2 years" in r for r in held["probenecid"].withheld_reasons)


def test_ckd_stage_4_gets_renal_cautions_or_withholding(bundle: KnowledgeBundle) -> None:
    case = _patient_case(64, findings=[*CTD, "chronic_kidney_disease"], egfr=20)
    options = _all_options(bundle, case, "dystrophic", CTD)
    assert not options["bisphosphonates"].recommended
    assert any("creatinine clearance" in r for r in options["bisphosphonates"].withheld_reasons)
    for treatment_id in ("colchicine", "probenecid"):
        assert any("renal" in c.lower() for c in options[treatment_id].cautions), treatment_id
    # the same disease with normal renal function: no renal caution
    healthy = _all_options(bundle, _patient_case(64, findings=CTD, egfr=95), "dystrophic", CTD)
    assert healthy["bisphosphonates"].recommended
    assert not any("renal impairment" in c.lower() for c in healthy["colchicine"].cautions)
    # kidney disease of unstated severity: the renal caution is conditional, not silent
    unknown = _all_options(bundle, _patient_case(64, findings=[*CTD, "chronic_kidney_disease"]), "dystrophic", CTD)
    assert any("eGFR not recorded" in c for c in unknown["colchicine"].cautions)


def test_conduction_disease_withholds_diltiazem_unless_paced(bundle: KnowledgeBundle) -> None:
    block = _all_options(
        bundle,
        _patient_case(70, findings=["systemic_sclerosis", "cardiac_conduction_disease"]),
        "dystrophic",
        ["systemic_sclerosis"],
    )
    assert not block["diltiazem"].recommended
    paced = _all_options(
        bundle,
        _patient_case(70, findings=["systemic_sclerosis", "cardiac_conduction_disease", "cardiac_pacemaker"]),
        "dystrophic",
        ["systemic_sclerosis"],
    )
    assert paced["diltiazem"].recommended
    assert any("CYP3A4" in c for c in paced["diltiazem"].cautions)


def test_sodium_thiosulfate_caution_always_plus_the_dialysis_one(bundle: KnowledgeBundle) -> None:
    general = bundle.cautions["sts_general"].text
    renal = bundle.cautions["sts_acidosis_renal"].text
    plain = _all_options(bundle, _patient_case(55), "calciphylaxis", [])
    assert general in plain["iv_sts_calciphylaxis"].cautions
    assert renal not in plain["iv_sts_calciphylaxis"].cautions
    dialysis = _all_options(bundle, _patient_case(55, findings=["dialysis"]), "calciphylaxis", ["dialysis"])
    assert {general, renal} <= set(dialysis["iv_sts_calciphylaxis"].cautions)


def test_infection_and_teratogen_cautions(bundle: KnowledgeBundle) -> None:
    options = _all_options(bundle, _patient_case(40, findings=CTD), "dystrophic", CTD)
    assert any("hepatitis B" in c for c in options["rituximab"].cautions)
    jdm = _all_options(
        bundle, _patient_case(12, findings=["juvenile_dermatomyositis"]), "dystrophic", ["juvenile_dermatomyositis"]
    )
    assert any("tuberculosis" in c for c in jdm["tnf_inhibitors"].cautions)
    assert any("teratogenic" in c for c in jdm["other_jdm_agents"].cautions)
    ulcer = _all_options(bundle, _patient_case(40, findings=["ulceration"]), "idiopathic", [])
    assert any("atrophy" in c for c in ulcer["intralesional_corticosteroids"].cautions)
    assert any("ulcerated" in c for c in ulcer["intralesional_corticosteroids"].cautions)
    infected = _all_options(bundle, _patient_case(40, findings=["skin_infection"]), "idiopathic", [])
    assert not infected["intralesional_corticosteroids"].recommended


def test_calciphylaxis_on_warfarin_and_calcium_binder_gets_both_review_actions(bundle: KnowledgeBundle) -> None:
    from calcidx.assess.treatment import medication_actions

    case = _patient_case(
        62,
        findings=["dialysis"],
        medications=[("Coumadin", "warfarin"), ("calcium acetate", "calcium_based_binders")],
    )
    facts = build_facts(case, bundle)
    actions = {a.medication: a for a in medication_actions(facts, bundle, subtype="calciphylaxis")}
    assert set(actions) == {"warfarin", "calcium_based_binders"}
    for action in actions.values():
        assert "stop" in action.action and action.refs
        assert set(action.refs) <= set(bundle.references)
    assert actions["warfarin"].label == "Coumadin"
    # not calciphylaxis: no review action; a past drug: nothing to stop
    assert medication_actions(facts, bundle, subtype="metastatic") == []
    data = _patient_case(62, findings=["dialysis"]).model_dump()
    data["medications"] = [{"name": "warfarin", "concept": "warfarin", "assertion": "historical"}]
    past = Case.model_validate(data)
    assert medication_actions(build_facts(past, bundle), bundle, subtype="calciphylaxis") == []


def test_assessment_carries_the_actions(bundle: KnowledgeBundle) -> None:
    from calcidx.assess.api import assess_case

    case = _patient_case(
        62,
        findings=["dialysis", "retiform_purpura", "necrotic_ulcer", "black_eschar", "vascular_calcification_histology"],
        medications=[("warfarin", "warfarin"), ("calcium carbonate", "calcium_based_binders")],
    )
    assessment = assess_case(case, bundle)
    assert assessment.subtype.code == "calciphylaxis"  # typical lesions + arteriolar calcification on biopsy
    assert {a.medication for a in assessment.actions} == {"warfarin", "calcium_based_binders"}


@pytest.mark.parametrize("status", ["pregnant", "lactating"])
def test_intralesional_steroid_is_withheld_where_its_source_does_not_give_it(
    bundle: KnowledgeBundle, status: str
) -> None:
    case = Case.model_validate(
        {"patient": {"age_years": 30, "sex": "female", status: True}, "findings": [{"concept": "systemic_sclerosis"}]}
    )
    offered, withheld = _select(bundle, case, "dystrophic")
    assert "intralesional_corticosteroids" not in _ids(offered)
    assert "intralesional_corticosteroids" in _ids(withheld)
