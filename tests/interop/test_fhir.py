from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from calcidx import assess
from calcidx.case.model import AgeRange, Case
from calcidx.errors import InputError
from calcidx.interop import case_from_fhir_bundle, document_from_fhir_bundle, to_fhir_bundle


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codes(resource: dict, key: str = "code") -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in resource[key].get("coding", [])}


def test_round_trip_keeps_patient_labs_findings_and_treatments(rich_case: Case) -> None:
    bundle = to_fhir_bundle(rich_case)
    Bundle.model_validate(bundle)  # the real R4B models accept it
    back = case_from_fhir_bundle(json.loads(json.dumps(bundle)))
    assert back.patient.age_years == rich_case.patient.age_years
    assert back.patient.sex == rich_case.patient.sex
    assert back.case_id == rich_case.case_id
    got = [(lab.analyte, lab.value, lab.unit, lab.interpretation) for lab in back.labs]
    assert got == [(lab.analyte, lab.value, lab.unit, lab.interpretation) for lab in rich_case.labs]
    assert (back.labs[0].reference_low, back.labs[0].reference_high) == (2.15, 2.55)
    assert sorted((f.concept, f.assertion) for f in back.findings) == sorted(
        (f.concept, f.assertion) for f in rich_case.findings
    )
    assert [(t.name, t.concept, t.status, t.response) for t in back.treatments] == [
        (t.name, t.concept, t.status, t.response) for t in rich_case.treatments
    ]
    assert [(m.name, m.dose, m.assertion) for m in back.medications] == [("nifedipine", "10 mg", "present")]
    assert (back.provenance.doi, back.provenance.pmid) == ("10.1000/calcidx.test", "10000001")


def test_bundle_content_follows_the_standard(rich_case: Case) -> None:
    bundle = to_fhir_bundle(rich_case)
    calcinosis = next(
        c for c in _resources(bundle, "Condition") if ("http://hl7.org/fhir/sid/icd-10-cm", "L94.2") in _codes(c)
    )
    assert any(system == "http://human-phenotype-ontology.org" for system, _ in _codes(calcinosis))
    assert calcinosis["verificationStatus"]["coding"][0]["code"] in {"confirmed", "provisional", "unconfirmed"}
    differential = [
        c
        for c in _resources(bundle, "Condition")
        if c.get("verificationStatus", {}).get("coding", [{}])[0].get("code") == "differential"
    ]
    assert differential, "differential candidates are Conditions with status differential"
    refuted = [c for c in _resources(bundle, "Condition") if c["code"]["text"] == "Chronic kidney disease"]
    assert refuted[0]["verificationStatus"]["coding"][0]["code"] == "refuted"
    labs = [o for o in _resources(bundle, "Observation") if o["category"][0]["coding"][0]["code"] == "laboratory"]
    calcium = next(o for o in labs if ("http://loinc.org", "17861-6") in _codes(o))
    assert calcium["valueQuantity"]["system"] == "http://unitsofmeasure.org"
    assert calcium["valueQuantity"]["code"] == "mmol/L"
    assert calcium["referenceRange"][0]["low"]["value"] == 2.15
    assert calcium["interpretation"][0]["coding"][0]["code"] == "N"
    derived = [o for o in labs if "method" in o]
    assert any("albumin" in o["method"]["text"] for o in derived), "corrected calcium carries its method"
    pain = next(o for o in _resources(bundle, "Observation") if o["code"]["text"] == "Pain or tenderness")
    assert pain["valueBoolean"] is False
    assert _resources(bundle, "FamilyMemberHistory")
    assert any(
        m["status"] == "completed" and m.get("reasonReference") for m in _resources(bundle, "MedicationStatement")
    )
    assert _resources(bundle, "Procedure")[0]["status"] == "stopped"
    impression = _resources(bundle, "ClinicalImpression")[0]
    rules = [f["itemCodeableConcept"]["coding"][0]["code"] for f in impression["finding"] if "itemCodeableConcept" in f]
    assert rules and all("@" in r for r in rules)
    provenance = _resources(bundle, "Provenance")[0]
    assert provenance["entity"][0]["what"]["identifier"]["value"] == "https://doi.org/10.1000/calcidx.test"
    assert "HPO" in provenance["agent"][0]["who"]["display"]


def test_absent_finding_without_any_code_is_text_only_never_a_made_up_code() -> None:
    case = Case.model_validate({"findings": [{"concept": "chalky_discharge", "assertion": "present"}]})
    bundle = to_fhir_bundle(case)
    obs = next(o for o in _resources(bundle, "Observation") if "chalky" in o["code"]["text"].lower())
    systems = {c["system"] for c in obs["code"]["coding"]}
    assert systems == {"urn:calcidx:knowledge"}  # its knowledge id only: the knowledge has no HPO term for it


EHR_BUNDLE = {
    "resourceType": "Bundle",
    "type": "searchset",
    "entry": [
        {"resource": {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1960-05-01"}},
        {
            "resource": {
                "resourceType": "Observation",
                "id": "o1",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2777-1"}], "text": "Phosphate"},
                "subject": {"reference": "Patient/p1"},
                "valueQuantity": {
                    "value": 2.1,
                    "unit": "mmol/L",
                    "system": "http://unitsofmeasure.org",
                    "code": "mmol/L",
                },
                "interpretation": [
                    {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                                "code": "H",
                            }
                        ]
                    }
                ],
            }
        },
        {
            "resource": {
                "resourceType": "Observation",
                "id": "o2",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "0000-0"}], "text": "Something else"},
                "subject": {"reference": "Patient/p1"},
                "valueQuantity": {"value": 1.0},
            }
        },
        {
            "resource": {
                "resourceType": "Condition",
                "id": "c1",
                "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M34.0"}]},
                "subject": {"reference": "Patient/p1"},
            }
        },
        {
            "resource": {
                "resourceType": "Condition",
                "id": "c2",
                "code": {
                    "coding": [{"system": "http://snomed.info/sct", "code": "999999999"}],
                    "text": "Unknown thing",
                },
                "subject": {"reference": "Patient/p1"},
            }
        },
    ],
}


def test_ehr_bundle_is_read_and_unknown_codes_are_reported_not_guessed() -> None:
    document = document_from_fhir_bundle(EHR_BUNDLE)
    case = document.cases[0]
    assert case.patient.sex == "male" and case.patient.age_years and case.patient.age_years > 60
    assert [(lab.analyte, lab.value, lab.unit, lab.interpretation) for lab in case.labs] == [
        ("phosphate", 2.1, "mmol/L", "high")
    ]
    assert [(f.concept, f.assertion) for f in case.findings] == [("systemic_sclerosis", "present")]
    joined = " ".join(document.warnings)
    assert "http://loinc.org|0000-0" in joined and "http://snomed.info/sct|999999999" in joined
    assert "birthDate" in joined


def test_bad_bundle_is_one_clear_input_error() -> None:
    with pytest.raises(InputError, match="FHIR Bundle"):
        document_from_fhir_bundle({"resourceType": "Bundle", "type": "not-a-type"})
    with pytest.raises(InputError, match="no Patient"):
        document_from_fhir_bundle({"resourceType": "Bundle", "type": "collection"})


GOLDEN = sorted((Path(__file__).parent.parent / "golden").glob("*.json"))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_every_golden_case_assesses_the_same_after_a_fhir_round_trip(path: Path) -> None:
    case = Case.model_validate(json.loads(path.read_text())["case"])
    back = case_from_fhir_bundle(to_fhir_bundle(case))
    before, after = assess(case).cases[0].assessment, assess(back).cases[0].assessment
    assert (after.subtype.code, after.subtype.certainty) == (before.subtype.code, before.subtype.certainty)
    assert after.subform == before.subform
    assert after.associated_conditions == before.associated_conditions
    assert [(lesion.site, lesion.laterality) for lesion in back.lesions] == [
        (x.site, x.laterality) for x in case.lesions
    ]
    assert [(o.text, o.concepts) for o in back.imaging + back.histology] == [
        (o.text, o.concepts) for o in case.imaging + case.histology
    ]
    assert (back.stated_subtype, back.diagnosis_as_written) == (case.stated_subtype, case.diagnosis_as_written)

    def facts(c: Case) -> list[tuple[str, str, str | None]]:
        return sorted((f.concept, f.assertion, f.site) for f in [*c.findings, *c.exposures])

    assert facts(back) == facts(case)


def _pregnancy_bundle(value: dict[str, object]) -> dict[str, object]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {"resource": {"resourceType": "Patient", "id": "p2", "gender": "female"}},
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "preg",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "82810-3"}]},
                    "subject": {"reference": "Patient/p2"},
                    "valueCodeableConcept": value,
                }
            },
        ],
    }


@pytest.mark.parametrize(("code", "pregnant"), [("77386006", True), ("60001007", False)])
def test_an_ehr_pregnancy_status_is_read(code: str, pregnant: bool) -> None:
    value = {"coding": [{"system": "http://snomed.info/sct", "code": code}]}
    (case,) = document_from_fhir_bundle(_pregnancy_bundle(value)).cases
    assert case.patient.pregnant is pregnant


def test_an_unsure_pregnancy_status_stays_unknown_and_says_so() -> None:
    value = {"coding": [{"system": "http://snomed.info/sct", "code": "146799005"}], "text": "Possible pregnancy"}
    document = document_from_fhir_bundle(_pregnancy_bundle(value))
    assert document.cases[0].patient.pregnant is None
    assert any("pregnancy left unknown" in w for w in document.warnings), document.warnings


@pytest.mark.parametrize("pregnant", [True, False])
def test_pregnancy_survives_a_round_trip_and_keeps_withholding(pregnant: bool) -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 30, "sex": "female", "pregnant": pregnant},
            "findings": [{"concept": "systemic_sclerosis", "assertion": "present"}],
            "lesions": [{"site": "fingertips"}],
        }
    )
    bundle = to_fhir_bundle(case)
    Bundle.model_validate(bundle)
    back = case_from_fhir_bundle(json.loads(json.dumps(bundle)))
    assert back.patient.pregnant is pregnant
    withheld = {t.id for t in assess(back).cases[0].assessment.withheld_treatments}
    assert ("diltiazem" in withheld) is pregnant


def test_the_words_naming_a_lesion_survive_a_round_trip_so_a_rash_stays_unlike_calcification() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 70, "sex": "female"},
            "findings": [{"concept": "sarcoidosis", "assertion": "present"}],
            "lesions": [{"site": "trunk", "morphology": ["itchy"], "kinds": ["rash"]}],
            "labs": [{"analyte": "calcium", "value": 12.8, "unit": "mg/dL"}],
        }
    )
    back = case_from_fhir_bundle(json.loads(json.dumps(to_fhir_bundle(case))))
    assert back.lesions[0].kinds == ["rash"]
    assert assess(back).cases[0].assessment.subtype.certainty == "possible"


def _status_bundle(code: str, value: dict[str, object]) -> dict[str, object]:
    """A patient and one status Observation (LOINC ``code``) with a coded value."""
    bundle = _pregnancy_bundle(value)
    observation = bundle["entry"][1]["resource"]  # type: ignore[index]
    observation["code"] = {"coding": [{"system": "http://loinc.org", "code": code}]}
    return bundle


@pytest.mark.parametrize(("answer", "lactating"), [("LA29252-6", True), ("LA29253-4", False)])
def test_an_ehr_breastfeeding_status_is_read(answer: str, lactating: bool) -> None:
    value = {"coding": [{"system": "http://loinc.org", "code": answer}]}
    (case,) = document_from_fhir_bundle(_status_bundle("63895-7", value)).cases
    assert case.patient.lactating is lactating
    assert case.patient.pregnant is None  # one status never sets the other


def test_an_unknown_breastfeeding_answer_stays_unknown_and_says_so() -> None:
    value = {"coding": [{"system": "http://loinc.org", "code": "LA4489-6"}], "text": "Unknown"}
    document = document_from_fhir_bundle(_status_bundle("63895-7", value))
    assert document.cases[0].patient.lactating is None
    assert any("lactation left unknown" in w for w in document.warnings), document.warnings


@pytest.mark.parametrize("lactating", [True, False])
def test_breastfeeding_survives_a_round_trip_and_keeps_withholding(lactating: bool) -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 30, "sex": "female", "lactating": lactating},
            "findings": [{"concept": "systemic_sclerosis", "assertion": "present"}],
            "lesions": [{"site": "fingertips"}],
        }
    )
    bundle = to_fhir_bundle(case)
    Bundle.model_validate(bundle)
    back = case_from_fhir_bundle(json.loads(json.dumps(bundle)))
    assert back.patient.lactating is lactating
    withheld = {t.id for t in assess(back).cases[0].assessment.withheld_treatments}
    # options the knowledge withholds during lactation (treatments.yaml safety rules)
    assert ("intralesional_corticosteroids" in withheld) is lactating
    assert ("minocycline" in withheld) is lactating


def _ehr(*resources: dict[str, object]) -> dict[str, object]:
    patient = {"resourceType": "Patient", "id": "p3", "gender": "female"}
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in (patient, *resources)]}


def test_an_ehr_code_the_knowledge_lacks_is_read_by_its_name_and_said_so() -> None:
    warfarin = {
        "resourceType": "MedicationStatement",
        "status": "active",
        "subject": {"reference": "Patient/p3"},
        "medicationCodeableConcept": {
            "coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "855332"}],
            "text": "Warfarin Sodium 5 MG Oral Tablet",
        },
    }
    kidney = {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/p3"},
        "code": {
            "coding": [{"system": "http://snomed.info/sct", "code": "46177005", "display": "End stage renal disease"}]
        },
    }
    unknown = {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/p3"},
        "code": {"text": "Seasonal hay fever"},
    }
    document = document_from_fhir_bundle(_ehr(warfarin, kidney, unknown))
    case = document.cases[0]
    assert [m.concept for m in case.medications] == ["warfarin"]
    assert [f.concept for f in case.findings] == ["end_stage_renal_disease"]
    joined = " ".join(document.warnings)
    assert "read by its name 'Warfarin Sodium 5 MG Oral Tablet'" in joined
    assert "read by its name 'End stage renal disease' as End-stage renal disease" in joined
    assert "'Seasonal hay fever'" in joined and "not used" in joined


def test_a_short_name_alone_is_not_read() -> None:
    condition = {"resourceType": "Condition", "subject": {"reference": "Patient/p3"}, "code": {"text": "CKD"}}
    case = document_from_fhir_bundle(_ehr(condition)).cases[0]
    assert case.findings == []


def test_an_ehr_egfr_is_read_by_its_equation_code_and_a_text_egfr_is_not_given_one() -> None:
    egfr = {
        "resourceType": "Observation",
        "status": "final",
        "subject": {"reference": "Patient/p3"},
        "code": {"coding": [{"system": "http://loinc.org", "code": "98979-8"}]},
        "valueQuantity": {
            "value": 22,
            "unit": "mL/min/1.73m2",
            "system": "http://unitsofmeasure.org",
            "code": "mL/min/{1.73_m2}",
        },
    }
    (lab,) = document_from_fhir_bundle(_ehr(egfr)).cases[0].labs
    assert (lab.analyte, lab.value, lab.loinc) == ("egfr", 22, "98979-8")
    # an eGFR read from a text names no equation: it is written without any LOINC code
    case = Case.model_validate({"labs": [{"analyte": "egfr", "value": 25, "unit": "mL/min/1.73 m2"}]})
    bundle = to_fhir_bundle(case)
    (obs,) = [o for o in _resources(bundle, "Observation") if "glomerular" in o["code"].get("text", "").lower()]
    assert all(c["system"] != "http://loinc.org" for c in obs["code"]["coding"])
    assert [lab.analyte for lab in case_from_fhir_bundle(json.loads(json.dumps(bundle))).labs] == ["egfr"]


def _allergy(substance: str, **status: str) -> dict[str, object]:
    resource: dict[str, object] = {
        "resourceType": "AllergyIntolerance",
        "patient": {"reference": "Patient/p3"},
        "code": {"text": substance},
    }
    for key, code in status.items():
        resource[key] = {"coding": [{"code": code}]}
    return resource


def test_an_allergy_the_knowledge_does_not_guard_against_is_said_and_not_used() -> None:
    document = document_from_fhir_bundle(_ehr(_allergy("Latex")))
    assert document.cases[0].findings == []
    assert any("an allergy to 'Latex'" in w for w in document.warnings), document.warnings


def test_an_ehr_penicillin_allergy_is_the_penicillin_allergy_that_guards_ceftriaxone() -> None:
    document = document_from_fhir_bundle(_ehr(_allergy("Penicillin")))
    assert [f.concept for f in document.cases[0].findings] == ["penicillin_allergy"]


def test_an_ehr_drug_allergy_withholds_the_drug_unless_refuted_or_resolved() -> None:
    lesions = {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/p3"},
        "code": {"text": "Systemic sclerosis"},
    }

    def withheld(*allergies: dict[str, object]) -> set[str]:
        case = document_from_fhir_bundle(_ehr(lesions, *allergies)).cases[0]
        case = case.model_copy(update={"lesions": [{"site": "fingertips"}]})
        case = Case.model_validate(case.model_dump())
        return {t.id for t in assess(case).cases[0].assessment.withheld_treatments}

    assert "minocycline" in withheld(_allergy("Minocycline"))
    assert "minocycline" not in withheld(_allergy("Minocycline", verificationStatus="refuted"))
    assert "minocycline" not in withheld(_allergy("Minocycline", clinicalStatus="resolved"))


def test_an_age_told_as_a_span_survives_a_round_trip(rich_case: Case) -> None:
    """ "In her sixties" (60 up to 70) is the Patient's age-range extension, a Range of 60 to 69
    years (completed years, both ends included), and comes back as the same span."""
    patient = rich_case.patient.model_copy(update={"age_years": None, "age_range": AgeRange(low=60, high=70)})
    bundle = to_fhir_bundle(rich_case.model_copy(update={"patient": patient}))
    Bundle.model_validate(bundle)
    resource = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    (extension,) = resource["extension"]
    assert extension["url"].endswith(":extension:age-range")
    assert (extension["valueRange"]["low"]["value"], extension["valueRange"]["high"]["value"]) == (60, 69)
    back = case_from_fhir_bundle(json.loads(json.dumps(bundle)))
    assert back.patient.age_years is None and back.patient.age_range == AgeRange(low=60, high=70)
