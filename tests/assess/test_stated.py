"""The stated diagnosis beside the pathway's call, and the role of every condition."""

from __future__ import annotations

from calcidx.assess.api import assess_case
from calcidx.case.model import Case, Evidence, Finding, Lab, StatedDiagnosis
from calcidx.knowledge.schema import KnowledgeBundle
from calcidx.public import assess
from calcidx.render.report import markdown_report, text_report


def _finding(concept: str, assertion: str = "present") -> Finding:
    return Finding(concept=concept, assertion=assertion)


def test_agreeing_statement(bundle: KnowledgeBundle) -> None:
    case = Case(
        findings=[_finding("systemic_sclerosis"), _finding("firm_white_yellow_papules")],
        labs=[Lab(analyte="calcium", interpretation="normal"), Lab(analyte="phosphate", interpretation="normal")],
        stated=StatedDiagnosis(
            subtype="dystrophic",
            text="dystrophic calcinosis cutis",
            where="abstract",
            evidence=[Evidence(start=10, end=37, text="dystrophic calcinosis cutis")],
        ),
    )
    assessment = assess_case(case, bundle)
    assert assessment.subtype.code == "dystrophic"
    assert assessment.stated is not None
    assert assessment.stated.concordance == "agrees" and assessment.stated.pathway_subtype == "dystrophic"
    assert assessment.stated.evidence[0].text == "dystrophic calcinosis cutis"
    assert not [w for w in assessment.warnings if w.code == "stated_diagnosis_differs"]


def test_disagreement_is_a_warning_naming_the_facts(bundle: KnowledgeBundle) -> None:
    case = Case(
        findings=[_finding("end_stage_renal_disease"), _finding("firm_white_yellow_papules")],
        labs=[Lab(analyte="phosphate", value=8.1, unit="mg/dL", interpretation="high")],
        stated=StatedDiagnosis(subtype="idiopathic", text="idiopathic calcinosis cutis"),
    )
    assessment = assess_case(case, bundle)
    stated = assessment.stated
    assert stated is not None and stated.concordance == "differs"
    assert stated.pathway_subtype == assessment.subtype.code == "metastatic"
    assert stated.conflicts, "the facts behind the pathway's call are named"
    warning = next(w for w in assessment.warnings if w.code == "stated_diagnosis_differs")
    assert "idiopathic" in warning.message and "metastatic" in warning.message
    assert "In conflict: " in warning.message
    assert any(conflict.split(":")[0] in warning.message for conflict in stated.conflicts)
    # one disagreement warning, not two
    assert len([w for w in assessment.warnings if w.code == "stated_diagnosis_differs"]) == 1


def test_findings_that_do_not_decide(bundle: KnowledgeBundle) -> None:
    case = Case(diagnosis_as_written="idiopathic calcinosis cutis", stated_subtype="idiopathic")
    stated = assess_case(case, bundle).stated
    assert stated is not None
    assert stated.where == "form" and stated.concordance == "findings_undecided" and stated.pathway_subtype is None


def test_no_statement_no_stated(bundle: KnowledgeBundle) -> None:
    assert assess_case(Case(findings=[_finding("firm_white_yellow_papules")]), bundle).stated is None


def test_every_condition_has_a_role(bundle: KnowledgeBundle) -> None:
    case = Case(
        findings=[
            _finding("systemic_sclerosis"),
            _finding("diabetes"),
            _finding("end_stage_renal_disease", "absent"),
            _finding("firm_white_yellow_papules"),
        ],
        labs=[Lab(analyte="calcium", interpretation="normal"), Lab(analyte="phosphate", interpretation="normal")],
    )
    assessment = assess_case(case, bundle)
    roles = {r.id: r.role for r in assessment.condition_roles}
    assert roles["systemic_sclerosis"] == "cause"
    assert roles["diabetes"] in ("comorbidity", "possible_cause")
    assert "end_stage_renal_disease" not in roles  # reported absent: not part of the history
    assert set(assessment.associated_conditions) <= set(roles)


def test_report_shows_stated_and_pathway_side_by_side() -> None:
    text = (
        "Calcinosis cutis on the fingers\n\nCase report\n\nA 55-year-old woman with limited systemic sclerosis "
        "had chalky nodules on the fingertips. Calcium and phosphate were normal. The final diagnosis of "
        "dystrophic calcinosis cutis was established.\n"
    )
    document = assess(text)
    plain = text_report(document, width=200)
    assert "Stated by the source: dystrophic" in plain and "Pathway: dystrophic (agree)" in plain
    assert "Systemic sclerosis (cause)" in plain
    assert "Stated by the source: dystrophic" in markdown_report(document)


def test_a_causal_exposure_of_the_history_has_a_role(bundle: KnowledgeBundle) -> None:
    case = Case(
        findings=[_finding("firm_white_yellow_papules"), _finding("diabetes")],
        exposures=[_finding("burn"), _finding("corticosteroids")],
        labs=[Lab(analyte="calcium", interpretation="normal"), Lab(analyte="phosphate", interpretation="normal")],
    )
    roles = {r.id: (r.kind, r.role) for r in assess_case(case, bundle).condition_roles}
    assert roles["burn"] == ("exposure", "cause")
    assert roles["diabetes"][0] == "condition"
    # a drug whose only link is a calciphylaxis risk has no role where calciphylaxis is not considered
    assert "corticosteroids" not in roles
