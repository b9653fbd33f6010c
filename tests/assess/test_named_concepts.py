"""A drug or treatment a case names without a concept id gets the one its name is, and says so."""

from __future__ import annotations

from calcidx.case.model import Case
from calcidx.public import assess


def _case(medications: list[dict[str, str]], treatments: list[dict[str, str]] | None = None) -> Case:
    return Case.model_validate(
        {
            "patient": {"age_years": 60, "sex": "female"},
            "findings": [{"concept": "dialysis"}, {"concept": "retiform_purpura"}, {"concept": "skin_necrosis"}],
            "lesions": [{"site": "thigh"}],
            "medications": medications,
            "treatments": treatments or [],
        }
    )


def test_a_drug_line_without_a_concept_is_the_drug_its_name_is() -> None:
    (assessed,) = assess(_case([{"name": "Warfarin 5 mg daily"}, {"name": "a herbal tea"}])).cases
    assert [m.concept for m in assessed.medications] == ["warfarin", None]
    assert [a.medication for a in assessed.assessment.actions] == ["warfarin"]
    notes = [w.message for w in assessed.assessment.warnings if w.code == "read_by_name"]
    assert notes == ["'Warfarin 5 mg daily' is not a concept id; read by its name as Warfarin / vitamin K antagonist"]


def test_a_treatment_named_without_a_concept_marks_its_option() -> None:
    (assessed,) = assess(_case([], [{"name": "Sodium thiosulphate 25 g IV", "status": "stopped"}])).cases
    assert [t.concept for t in assessed.treatments] == ["sodium_thiosulfate"]
    reported = {o.id: o.reported for o in assessed.assessment.treatments}
    assert reported["iv_sts_calciphylaxis"] == "Sodium thiosulfate stopped"


def test_a_case_with_concepts_is_left_as_it_is() -> None:
    case = _case([{"name": "coumadin", "concept": "warfarin"}])
    (assessed,) = assess(case).cases
    assert [m.concept for m in assessed.medications] == ["warfarin"]
    assert not [w for w in assessed.assessment.warnings if w.code == "read_by_name"]


def test_a_finding_given_by_name_instead_of_id_is_that_concept() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 58, "sex": "male"},
            "findings": [{"concept": "End-stage renal disease"}, {"concept": "retiform_purpura"}, {"concept": "zzz"}],
        }
    )
    (assessed,) = assess(case).cases
    assert [f.concept for f in assessed.findings] == ["end_stage_renal_disease", "retiform_purpura", "zzz"]
    codes = [w.code for w in assessed.assessment.warnings]
    assert "read_by_name" in codes and "unknown_concept" in codes  # zzz is still said to be unknown
