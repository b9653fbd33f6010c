"""An option the text says was already given, planned or stopped says so (tried before, not new)."""

from __future__ import annotations

from calcidx.case.model import Case
from calcidx.public import assess

_CALCIPHYLAXIS = (
    "A 59-year-old woman on haemodialysis had painful retiform purpura and necrotic ulcers of both thighs. "
    "Skin biopsy showed calcification of small subcutaneous arterioles."
)


def _reported(text: str) -> dict[str, str | None]:
    (case,) = assess(text).cases
    a = case.assessment
    return {o.id: o.reported for o in [*a.treatments, *a.withheld_treatments]}


def test_an_option_already_given_says_so() -> None:
    reported = _reported(_CALCIPHYLAXIS + " She had been started on intravenous sodium thiosulphate a month earlier.")
    assert reported["iv_sts_calciphylaxis"] == "Sodium thiosulfate given"
    assert reported["parathyroidectomy_calciphylaxis"] is None


def test_an_option_stopped_says_so() -> None:
    text = _CALCIPHYLAXIS + " Sodium thiosulfate was stopped after three weeks because of nausea."
    assert _reported(text)["iv_sts_calciphylaxis"] == "Sodium thiosulfate stopped"


def test_no_treatment_in_the_text_marks_nothing() -> None:
    assert set(_reported(_CALCIPHYLAXIS).values()) == {None}


def test_a_structured_case_with_a_treatment_option_id_marks_that_option() -> None:
    case = Case.model_validate(
        {
            "patient": {"age_years": 48, "sex": "female"},
            "findings": [{"concept": "systemic_sclerosis", "assertion": "present"}],
            "lesions": [{"site": "fingertips"}],
            "treatments": [{"name": "diltiazem", "concept": "diltiazem", "status": "stopped", "response": "no change"}],
        }
    )
    (assessed,) = assess(case).cases
    options = {o.id: o.reported for o in [*assessed.assessment.treatments, *assessed.assessment.withheld_treatments]}
    assert options["diltiazem"] == "Diltiazem stopped (no change)"
