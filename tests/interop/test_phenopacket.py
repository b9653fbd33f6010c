from __future__ import annotations

import json

import pytest
from google.protobuf.json_format import ParseDict
from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

from calcidx.case.model import AgeRange, Case, TreatmentGiven
from calcidx.errors import InputError
from calcidx.interop import case_from_phenopacket, document_from_phenopacket, to_phenopacket


def test_round_trip_keeps_patient_labs_findings_and_treatments(rich_case: Case) -> None:
    packet = to_phenopacket(rich_case)
    ParseDict(packet, Phenopacket())  # the real phenopackets classes accept it
    back = case_from_phenopacket(json.loads(json.dumps(packet)))
    assert back.patient.age_years == rich_case.patient.age_years
    assert back.patient.sex == rich_case.patient.sex
    got = [(lab.analyte, lab.value, lab.unit, lab.interpretation) for lab in back.labs]
    assert got == [(lab.analyte, lab.value, lab.unit, lab.interpretation) for lab in rich_case.labs]
    # Phenopackets record a patient's own findings, present or excluded: possible findings and
    # findings in relatives have no place there and are left out.
    kept = {(f.concept, f.assertion) for f in rich_case.findings if f.assertion in {"present", "absent", "historical"}}
    coded = {c for c in kept if c[0] != "firm_white_yellow_papules"}  # no HPO term in the knowledge
    assert {(f.concept, f.assertion) for f in back.findings} == coded
    assert [(t.concept, t.status, t.response) for t in back.treatments] == [
        ("diltiazem", "given", "lesions softened"),
        ("surgical_excision", "stopped", None),
    ]
    assert (back.provenance.doi, back.provenance.pmid) == ("10.1000/calcidx.test", "10000001")


def test_packet_content_follows_the_schema(rich_case: Case) -> None:
    packet = to_phenopacket(rich_case)
    features = {f["type"]["id"]: f for f in packet["phenotypicFeatures"]}
    pain = next(f for f in features.values() if f["type"]["label"] == "Pain or tenderness")
    assert pain["excluded"] is True
    assert all(fid.startswith("HP:") for fid in features)
    calcium = packet["measurements"][0]
    assert calcium["assay"]["id"] == "LOINC:17861-6"
    assert calcium["value"]["quantity"]["unit"]["id"] == "UCUM:mmol/L"
    assert calcium["value"]["quantity"]["referenceRange"]["high"] == 2.55
    diseases = {d["term"]["label"]: d for d in packet["diseases"]}
    assert diseases["Chronic kidney disease"]["excluded"] is True
    assert diseases["Systemic sclerosis"]["term"]["id"].startswith("DOID:")
    meta = packet["metaData"]
    hpo = next(r for r in meta["resources"] if r["namespacePrefix"] == "HP")
    assert hpo["version"] == "2025-11-24"
    assert {r["id"] for r in meta["externalReferences"]} == {"PMID:10000001", "DOI:10.1000/calcidx.test"}
    assert meta["phenopacketSchemaVersion"] == "2.0"
    assert packet["medicalActions"][0]["treatment"]["agent"]["id"].startswith("CHEBI:")


def test_foreign_packet_unknown_terms_are_reported() -> None:
    packet = {
        "id": "x",
        "subject": {"id": "p", "sex": "MALE", "timeAtLastEncounter": {"age": {"iso8601duration": "P3Y6M"}}},
        "phenotypicFeatures": [
            {"type": {"id": "HP:0000989", "label": "Pruritus"}},
            {"type": {"id": "HP:0001250", "label": "Seizure"}},
        ],
        "measurements": [
            {
                "assay": {"id": "LOINC:2777-1", "label": "Phosphate"},
                "value": {
                    "quantity": {
                        "unit": {"id": "UCUM:mg/dL", "label": "mg/dL"},
                        "value": 7.0,
                        "referenceRange": {"unit": {"id": "UCUM:mg/dL", "label": "mg/dL"}, "low": 2.5, "high": 4.5},
                    }
                },
            }
        ],
        "metaData": {"created": "2024-01-01T00:00:00Z", "phenopacketSchemaVersion": "2.0"},
    }
    document = document_from_phenopacket(packet)
    case = document.cases[0]
    assert case.patient.age_years == 3.5 and case.patient.sex == "male"
    assert [(f.concept, f.assertion) for f in case.findings] == [("pruritus", "present")]
    assert [(lab.analyte, lab.interpretation) for lab in case.labs] == [("phosphate", "high")]
    assert any("HP:0001250" in w for w in document.warnings)


def test_invalid_packet_is_one_clear_input_error() -> None:
    with pytest.raises(InputError, match="not a valid GA4GH Phenopacket v2"):
        document_from_phenopacket({"subject": {"sex": "SOMETIMES"}, "metaData": {}})


def test_a_therapy_read_from_a_report_exports_with_its_code_and_comes_back(rich_case: Case) -> None:
    case = rich_case.model_copy(
        update={"treatments": [TreatmentGiven(name="sodium thiosulphate", concept="sodium_thiosulfate")]}
    )
    packet = to_phenopacket(case)
    ParseDict(packet, Phenopacket())
    (action,) = packet["medicalActions"]
    assert action["treatment"]["agent"]["label"] == "Sodium thiosulfate"
    assert action["treatment"]["agent"]["id"].startswith("CHEBI:")
    back = case_from_phenopacket(json.loads(json.dumps(packet)))
    assert [(t.concept, t.status) for t in back.treatments] == [("sodium_thiosulfate", "given")]


def test_an_age_told_as_a_span_exports_as_an_age_range_and_comes_back(rich_case: Case) -> None:
    """ "In her sixties" (60 up to 70) is the subject's ageRange P60Y to P69Y, in completed years."""
    span = rich_case.model_copy(
        update={
            "patient": rich_case.patient.model_copy(update={"age_years": None, "age_range": AgeRange(low=60, high=70)})
        }
    )
    packet = to_phenopacket(span)
    ParseDict(packet, Phenopacket())
    assert packet["subject"]["timeAtLastEncounter"] == {
        "ageRange": {"start": {"iso8601duration": "P60Y"}, "end": {"iso8601duration": "P69Y"}}
    }
    back = case_from_phenopacket(json.loads(json.dumps(packet)))
    assert back.patient.age_years is None and back.patient.age_range == AgeRange(low=60, high=70)


def test_an_age_range_that_ends_before_it_starts_is_not_read(rich_case: Case) -> None:
    packet = to_phenopacket(rich_case)
    packet["subject"]["timeAtLastEncounter"] = {
        "ageRange": {"start": {"iso8601duration": "P70Y"}, "end": {"iso8601duration": "P60Y"}}
    }
    document = document_from_phenopacket(packet)
    assert document.cases[0].patient.age_range is None
    assert any("ageRange" in w for w in document.warnings)
