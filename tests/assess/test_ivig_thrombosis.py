"""Immune globulin and thrombosis: the boxed warning for every patient, and the risk factors a record
names (a past deep vein thrombosis or pulmonary embolism, a hypercoagulable condition) as a caution of
their own. Vignettes written for this project; assertions on the cautions, not on their wording."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

_DM = " Dermatomyositis with calcinosis of the thighs on X-ray; calcium and phosphate normal."


def _ivig_cautions(text: str) -> list[str]:
    a = assessment_of(text)
    return [c for t in [*a.treatments, *a.withheld_treatments] if t.id == "ivig" for c in t.cautions]


def test_every_patient_is_told_of_the_boxed_warning() -> None:
    cautions = _ivig_cautions("A 50-year-old woman." + _DM)
    assert any("boxed warning for thrombosis" in c for c in cautions)
    assert not any("risk factor for thrombosis is recorded" in c for c in cautions)


@pytest.mark.parametrize(
    "history",
    [
        "a history of deep vein thrombosis and pulmonary embolism",
        "a past DVT",
        "antiphospholipid syndrome",
        "a thrombophilia",
    ],
)
def test_a_recorded_risk_factor_gives_its_own_caution(history: str) -> None:
    cautions = _ivig_cautions(f"A 60-year-old man with {history}." + _DM)
    assert any("risk factor for thrombosis is recorded" in c for c in cautions)


def test_a_denied_thrombosis_is_no_risk_factor() -> None:
    cautions = _ivig_cautions("A 60-year-old man with no history of deep vein thrombosis." + _DM)
    assert not any("risk factor for thrombosis is recorded" in c for c in cautions)


@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old woman had nadroparin injections given as a preventive measure against deep vein thrombosis.",
        "A 70-year-old woman on enoxaparin for the prophylaxis of venous thromboembolism.",
    ],
)
def test_what_a_drug_prevents_is_no_history(text: str) -> None:
    cautions = _ivig_cautions(text + _DM)
    assert not any("risk factor for thrombosis is recorded" in c for c in cautions)
