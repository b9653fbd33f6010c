"""Every condition the knowledge files as a cause of dystrophic calcinosis is read by a step of the
pathway: with normal calcium and phosphate and a lesion, it makes the call dystrophic. Porphyria
cutanea tarda was filed under 'other', which no step reads, and a patient with it was called
idiopathic ("no tissue damage or cause") beside it.
"""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.knowledge.loader import load_bundle
from calcidx.public import assess

DYSTROPHIC_CONDITIONS = sorted(c.id for c in load_bundle().conditions.values() if c.points_to == "dystrophic")


def _case(condition: str) -> Case:
    return Case.model_validate(
        {
            "patient": {"age_years": 50, "sex": "female"},
            "lesions": [{"site": "forearm", "morphology": ["firm"]}],
            "findings": [{"concept": condition}, {"concept": "firm_white_yellow_papules"}],
            "labs": [
                {"analyte": "calcium", "value": 9.4, "unit": "mg/dL"},
                {"analyte": "phosphate", "value": 3.6, "unit": "mg/dL"},
            ],
        }
    )


def test_there_are_dystrophic_conditions() -> None:
    assert "porphyria_cutanea_tarda" in DYSTROPHIC_CONDITIONS
    assert len(DYSTROPHIC_CONDITIONS) >= 10


@pytest.mark.parametrize("condition", DYSTROPHIC_CONDITIONS)
def test_a_dystrophic_condition_makes_the_call_dystrophic(condition: str) -> None:
    assessment = assess(_case(condition)).cases[0].assessment
    assert assessment.subtype.code == "dystrophic", (condition, assessment.subtype)
