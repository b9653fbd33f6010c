"""A left ventricular ejection fraction Observation in a FHIR Bundle is read as "LVEF 30%" in a note is.

At or below the safety condition's limit (HFrEF, 40 % or less) it withholds diltiazem; above it, or
in another unit, or without a value, it changes nothing (with a warning for the unit and the value).
"""

from __future__ import annotations

from typing import Any

from calcidx.assess.api import assess_case
from calcidx.case.model import Case
from calcidx.interop.fhir_in import case_from_fhir_bundle, document_from_fhir_bundle
from calcidx.interop.fhir_out import to_fhir_bundle
from calcidx.knowledge.loader import load_bundle
from tests.assess.vignettes import offered_ids, withheld_reasons

LOINC = "http://loinc.org"


def _bundle(observation: dict[str, Any]) -> dict[str, Any]:
    """A woman with dermatomyositis and calcinosis on X-ray, and ``observation`` about her."""
    case = Case.model_validate(
        {
            "patient": {"age_years": 58, "sex": "female"},
            "lesions": [{"site": "left thigh", "morphology": ["hard"]}],
            "findings": [{"concept": "dermatomyositis"}],
            "imaging": [{"modality": "radiograph", "text": "calcinosis", "concepts": ["radiopaque_deposits"]}],
        }
    )
    bundle = to_fhir_bundle(case)
    patient = next(e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    observation = {"resourceType": "Observation", "status": "final", "subject": {"reference": patient}, **observation}
    bundle["entry"].append({"fullUrl": "urn:uuid:7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "resource": observation})
    return bundle


def _lvef(value: float | None, unit: str = "%") -> dict[str, Any]:
    found: dict[str, Any] = {"code": {"coding": [{"system": LOINC, "code": "10230-1"}], "text": "LVEF"}}
    if value is not None:
        found["valueQuantity"] = {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}
    return found


def test_a_reduced_ejection_fraction_withholds_diltiazem() -> None:
    low = assess_case(case_from_fhir_bundle(_bundle(_lvef(30))), load_bundle())
    assert "diltiazem" not in offered_ids(low)
    assert withheld_reasons(low, "diltiazem")
    assert "heart_failure_reduced_ef" in {f.concept for f in case_from_fhir_bundle(_bundle(_lvef(40))).findings}


def test_control_a_normal_ejection_fraction_changes_nothing() -> None:
    normal = assess_case(case_from_fhir_bundle(_bundle(_lvef(60))), load_bundle())
    assert "diltiazem" in offered_ids(normal)


def test_an_ejection_fraction_in_another_unit_or_without_a_value_is_not_used_and_says_so() -> None:
    for observation, words in ((_lvef(0.3, unit="1"), "only %"), (_lvef(None), "no value")):
        document = document_from_fhir_bundle(_bundle(observation))
        assert "heart_failure_reduced_ef" not in {f.concept for f in document.cases[0].findings}
        assert any(words in w for w in document.warnings), document.warnings
