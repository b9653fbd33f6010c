"""A disease the record says is in remission or inactive ("juvenile dermatomyositis, now in
remission", "her dermatomyositis has been inactive for six years") is read as past: it still
explains dystrophic calcinosis, and the option of intensifying immunosuppression of active
dermatomyositis is withheld with a reason asking for the disease's activity
(immunosuppression_dm_in_remission; CARRA18-JDM-CALCINOSIS, HOELTZEL). It had been offered with no
word of the remission. Active or
untold disease gets no such caution. A duration after the trigger ("in remission for six years")
does not turn it towards what follows.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

_OPTION = "intensify_immunosuppression_dm"
_NODULES = " Hard white nodules on both elbows; radiographs show calcinosis. Calcium and phosphate are normal."


def _caution(text: str) -> str | None:
    case = assess(text).cases[0]
    assert case.assessment.subtype.code == "dystrophic"
    listed = {t.id: t for t in [*case.assessment.treatments, *case.assessment.withheld_treatments]}
    return " ".join(listed[_OPTION].cautions)


@pytest.mark.parametrize(
    "history",
    [
        "A 12-year-old girl with juvenile dermatomyositis, now in remission off all treatment.",
        "A 40-year-old woman. Her dermatomyositis has been inactive for six years.",
        "A 35-year-old man whose dermatomyositis has been in remission for the past 4 years.",
        "JDM diagnosed at age 6, in clinical remission since age 9; she is now 14.",
    ],
)
def test_a_disease_in_remission_asks_for_its_activity(history: str) -> None:
    assert "in remission, inactive or past" in (_caution(history + _NODULES) or "")


@pytest.mark.parametrize(
    "history",
    [
        "A 12-year-old girl with active juvenile dermatomyositis and proximal weakness.",
        "A 40-year-old woman with dermatomyositis.",
        "A 40-year-old woman with dermatomyositis; her lupus nephritis is in remission.",
    ],
)
def test_active_or_untold_disease_has_no_such_caution(history: str) -> None:
    assert "in remission, inactive or past" not in (_caution(history + _NODULES) or "")


def test_calcinosis_outlasts_a_past_disease() -> None:
    """Diltiazem for the calcinosis of dermatomyositis is offered when the disease is in remission or
    past (it had disappeared with the disease); an option for the disease's own activity (IVIG)
    needs it current, and more frequent dialysis is no option once dialysis has stopped."""
    remission = assess("A 40-year-old woman whose dermatomyositis has been in remission for years." + _NODULES)
    offered = {t.id for t in remission.cases[0].assessment.treatments}
    assert "diltiazem" in offered and "ivig" not in offered
    active = assess("A 40-year-old woman with active dermatomyositis." + _NODULES)
    assert {"diltiazem", "ivig"} <= {t.id for t in active.cases[0].assessment.treatments}
    stopped = assess(
        "A 58-year-old man, off dialysis since a kidney transplant two years ago, has painful necrotic "
        "plaques with retiform purpura on both thighs; biopsy confirmed calciphylaxis."
    )
    listed = [*stopped.cases[0].assessment.treatments, *stopped.cases[0].assessment.withheld_treatments]
    assert "dialysis_intensification_calciphylaxis" not in {t.id for t in listed}


def test_a_physically_inactive_patient_keeps_her_conditions() -> None:
    case = assess("A 55-year-old obese and physically inactive woman with dermatomyositis." + _NODULES).cases[0]
    assert {f.concept: f.assertion for f in case.findings}["obesity"] == "present"
    assert "in remission, inactive or past" not in (
        _caution("A 40-year-old physically inactive woman with dermatomyositis." + _NODULES) or ""
    )
