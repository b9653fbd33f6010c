"""Pathway rules for and against, order independence, and the rationale contract."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calcidx.assess.api import assess, assess_case
from calcidx.case.model import Case, Finding, Lab, Lesion, Observation, Patient
from calcidx.knowledge.schema import KnowledgeBundle
from tests.conftest import golden_cases

ADULT = Patient(age_years=40, sex="female")
SKIN = [Lesion(site="left forearm")]
NORMAL = [
    Lab(analyte="calcium", value=9.3, unit="mg/dL"),
    Lab(analyte="phosphate", value=3.5, unit="mg/dL"),
]


def fired(case: Case, bundle: KnowledgeBundle) -> dict[str, str]:
    a = assess_case(case, bundle, guidance=False)
    return {s.rule.split("@")[0]: s.conclusion for s in a.rationale if s.fired}


def test_calciphylaxis_needs_lesions_and_a_risk_factor(bundle: KnowledgeBundle) -> None:
    lesions_only = Case(findings=[Finding(concept="retiform_purpura"), Finding(concept="necrotic_ulcer")])
    assert "subtype.calciphylaxis.red_flags" not in fired(lesions_only, bundle)
    risk_only = Case(findings=[Finding(concept="dialysis")])
    assert "subtype.calciphylaxis.red_flags" not in fired(risk_only, bundle)
    both = Case(findings=[Finding(concept="dialysis"), Finding(concept="retiform_purpura")])
    assert "subtype.calciphylaxis.red_flags" in fired(both, bundle)


def test_negated_findings_do_not_count(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT,
        lesions=SKIN,
        findings=[Finding(concept="systemic_sclerosis", assertion="absent", trigger="no history of")],
        labs=NORMAL,
    )
    a = assess_case(case, bundle, guidance=False)
    assert a.subtype.code == "idiopathic"
    hypothetical = Case(
        patient=ADULT, lesions=SKIN, findings=[Finding(concept="iv_calcium", assertion="hypothetical")], labs=NORMAL
    )
    assert assess_case(hypothetical, bundle, guidance=False).subtype.code == "idiopathic"


def test_family_history_is_not_the_patients_disease(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT,
        lesions=SKIN,
        findings=[Finding(concept="systemic_lupus_erythematosus", assertion="family")],
        labs=NORMAL,
    )
    assert assess_case(case, bundle, guidance=False).subtype.code == "idiopathic"


def test_iatrogenic_against_and_for(bundle: KnowledgeBundle) -> None:
    assert "subtype.iatrogenic.exposure_at_site" not in fired(Case(labs=NORMAL), bundle)
    case = Case(exposures=[Finding(concept="iv_calcium")])
    assert "subtype.iatrogenic.exposure_at_site" in fired(case, bundle)


def test_hypocalcaemia_alone_is_not_metastatic(bundle: KnowledgeBundle) -> None:
    case = Case(patient=Patient(age_years=0.75), labs=[Lab(analyte="calcium", value=6.5, unit="mg/dL")])
    assert assess_case(case, bundle, guidance=False).subtype.code != "metastatic"


def test_normal_labs_exclude_metastatic(bundle: KnowledgeBundle) -> None:
    conclusions = fired(
        Case(patient=ADULT, lesions=SKIN, findings=[Finding(concept="local_trauma")], labs=NORMAL), bundle
    )
    assert "subtype.metastatic.labs" not in conclusions
    assert "subtype.dystrophic.local_damage" in conclusions


def test_high_product_alone_points_to_metastatic(bundle: KnowledgeBundle) -> None:
    labs = [Lab(analyte="calcium", value=9.9, unit="mg/dL"), Lab(analyte="phosphate", value=7.5, unit="mg/dL")]
    a = assess_case(Case(lesions=SKIN, labs=labs), bundle, guidance=False)
    assert a.subtype.code == "metastatic"
    assert any(d.id == "calcium_phosphate_product" and d.interpretation == "high" for d in a.derived_labs)


def test_stated_diagnosis_does_not_override_strong_findings(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT,
        lesions=SKIN,
        findings=[Finding(concept="systemic_sclerosis")],
        labs=NORMAL,
        stated_subtype="idiopathic",
    )
    a = assess_case(case, bundle, guidance=False)
    assert a.subtype.code == "dystrophic"
    assert any(w.code == "stated_diagnosis_differs" for w in a.warnings)


def test_lookalike_beats_everything(bundle: KnowledgeBundle) -> None:
    case = Case(
        findings=[Finding(concept="dialysis"), Finding(concept="retiform_purpura")],
        histology=[Observation(text="urate crystals", concepts=["urate_crystals"])],
    )
    assert assess_case(case, bundle, guidance=False).subtype.code == "not_calcinosis"


def _shuffled(data: dict[str, Any], seed: int) -> Case:
    rng = random.Random(seed)
    case = dict(data)
    for key in ("findings", "exposures", "labs", "lesions", "histology", "imaging"):
        if key in case:
            items = list(case[key])
            rng.shuffle(items)
            case[key] = items
    return Case.model_validate(case)


GOLDEN = [data["case"] for _, data in golden_cases()]


@settings(max_examples=60, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(GOLDEN) - 1), seed=st.integers(min_value=0, max_value=10_000))
def test_order_of_findings_does_not_change_the_answer(index: int, seed: int, bundle: KnowledgeBundle) -> None:
    base = assess_case(Case.model_validate(GOLDEN[index]), bundle, guidance=False)
    other = assess_case(_shuffled(GOLDEN[index], seed), bundle, guidance=False)
    assert other.subtype == base.subtype
    assert other.subform == base.subform
    assert other.associated_conditions == base.associated_conditions
    assert [s.rule for s in other.rationale] == [s.rule for s in base.rationale]
    assert [s.conclusion for s in other.rationale] == [s.conclusion for s in base.rationale]
    assert sorted(m.id for m in other.missing_workup) == sorted(m.id for m in base.missing_workup)


def test_assessed_document_contract(bundle: KnowledgeBundle) -> None:
    doc = assess(Case(patient=Patient(age_years=40, sex="female"), lesions=SKIN, labs=NORMAL), bundle=bundle)
    data = doc.model_dump(mode="json")
    case = data["cases"][0]
    assert case["assessment"]["subtype"]["code"] == "idiopathic"
    assert case["assessment"]["subtype"]["certainty"] == "probable"
    assert case["patient"]["age_years"] == 40
    assert case["labs"][0]["loinc"]  # filled in from the knowledge base
    assert case["labs"][0]["interpretation"] == "normal"
    assert data["knowledge"]["hpo_release"] and data["knowledge"]["bundle_version"]
    assert "judgement" in case["assessment"]["disclaimer"]


def test_public_functions_survive_subpackage_imports() -> None:
    import calcidx.extract.pipeline  # noqa: F401
    from calcidx import assess as public_assess
    from calcidx import extract as public_extract
    from calcidx.assess.api import assess as api_assess

    assert callable(public_extract) and callable(public_assess)
    doc = public_assess("Case report\n\nA 40-year-old woman with systemic sclerosis had calcinosis of the fingers.")
    assert doc.cases[0].assessment.subtype.code == "dystrophic"
    assert api_assess is not public_assess


def test_the_trigger_that_negated_a_finding_is_shown(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT,
        lesions=SKIN,
        exposures=[Finding(concept="local_trauma", assertion="absent", trigger="denied")],
        labs=NORMAL,
    )
    a = assess_case(case, bundle, guidance=False)
    step = next(s for s in a.rationale if s.rule.startswith("subtype.idiopathic.pattern"))
    assert "('denied')" in step.conclusion
    assert any(f.id == "local_trauma" and f.value == "absent (denied)" for f in step.facts)
