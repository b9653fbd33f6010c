from __future__ import annotations

import pytest

from calcidx.case.model import Case


@pytest.fixture
def rich_case() -> Case:
    """A case that exercises every part of the exports (written for these tests)."""
    return Case.model_validate(
        {
            "case_id": "interop-rich",
            "patient": {"age_years": 47.5, "sex": "female"},
            "findings": [
                {"concept": "systemic_sclerosis", "assertion": "present"},
                {"concept": "firm_white_yellow_papules", "assertion": "present"},
                {"concept": "pain", "assertion": "absent"},
                {"concept": "pruritus", "assertion": "possible"},
                {"concept": "ulceration", "assertion": "historical"},
                {"concept": "chronic_kidney_disease", "assertion": "absent"},
                {"concept": "dermatomyositis", "assertion": "family"},
            ],
            "labs": [
                {
                    "analyte": "calcium",
                    "value": 2.35,
                    "unit": "mmol/L",
                    "reference_low": 2.15,
                    "reference_high": 2.55,
                    "interpretation": "normal",
                },
                {"analyte": "phosphate", "value": 5.6, "unit": "mg/dL", "interpretation": "high"},
                {"analyte": "albumin", "value": 3.1, "unit": "g/dL", "interpretation": "low"},
            ],
            "medications": [{"name": "nifedipine", "assertion": "present", "dose": "10 mg"}],
            "treatments": [
                {"name": "Diltiazem", "concept": "diltiazem", "status": "given", "response": "lesions softened"},
                {"name": "Surgical excision", "concept": "surgical_excision", "status": "stopped"},
            ],
            "provenance": {"title": "A test report", "doi": "10.1000/calcidx.test", "pmid": "10000001"},
        }
    )
