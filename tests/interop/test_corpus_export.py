"""Every dev-corpus report, extracted and assessed, exports to FHIR and Phenopackets that the real
libraries accept, and reads back with the same patients."""

from __future__ import annotations

from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from google.protobuf.json_format import ParseDict
from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

import calcidx.interop as interop
from calcidx.service import assess_input

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"dev corpus not present at {CORPUS}")
def test_every_dev_corpus_report_exports_to_valid_fhir_and_phenopackets() -> None:
    reports = sorted(CORPUS.glob("*.txt"))
    assert reports
    problems: list[str] = []
    patients = 0
    for path in reports:
        document = assess_input(path.read_bytes(), filename=path.name)
        bundle = interop.to_fhir_bundle(document)
        Bundle.model_validate(bundle)
        kinds = [e["resource"]["resourceType"] for e in bundle.get("entry", [])]
        if kinds.count("Patient") != len(document.cases):
            problems.append(f"{path.name}: {kinds.count('Patient')} Patients for {len(document.cases)} cases")
        packets = interop.to_phenopackets(document)
        for packet in packets:
            ParseDict(packet, Phenopacket())
        if len(packets) != len(document.cases):
            problems.append(f"{path.name}: {len(packets)} phenopackets for {len(document.cases)} cases")
        if document.cases:
            back = interop.document_from_fhir_bundle(bundle)
            if [c.patient.age_years for c in back.cases] != [c.patient.age_years for c in document.cases]:
                problems.append(f"{path.name}: ages changed in the FHIR round trip")
            for packet, case in zip(packets, document.cases, strict=True):
                again = interop.case_from_phenopacket(packet).patient
                age, before = again.age_years, case.patient.age_years
                # Phenopacket ages are ISO 8601 durations in whole months
                same_age = age == before or (age is not None and before is not None and abs(age - before) <= 1 / 24)
                if again.sex != case.patient.sex or not same_age:
                    problems.append(f"{path.name}: sex or age changed in the Phenopacket round trip")
        patients += len(document.cases)
    assert not problems, "\n".join(problems)
    assert patients > len(reports) // 2
