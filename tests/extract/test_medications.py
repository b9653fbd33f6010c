"""Current, stopped and never-taken medications read from free text, and the action they lead to."""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.extract.rules import load_medication_status_rules
from calcidx.public import assess, extract

EXAMPLES = [(rule.id, *example) for rule in load_medication_status_rules() for example in rule.examples]


def _case(text: str) -> Case:
    document = extract(text, mode="note")
    assert document.cases, text
    return document.cases[0]


def _status(case: Case, concept: str) -> str | None:
    return next((m.assertion for m in case.medications if m.concept == concept), None)


@pytest.mark.parametrize(("rule_id", "text", "concept", "status"), EXAMPLES)
def test_rule_examples(rule_id: str, text: str, concept: str, status: str) -> None:
    case = _case(text)
    assert _status(case, concept) == status, (rule_id, text, [(m.concept, m.assertion) for m in case.medications])


@pytest.mark.parametrize(
    ("text", "concept", "status"),
    [
        ("Her usual drugs are calcium carbonate and omeprazole.", "calcium_based_binders", "present"),
        ("He has been taking prednisolone for two years.", "corticosteroids", "present"),
        ("Alfacalcidol had been withdrawn a year before the ulcers appeared.", "active_vitamin_d", "historical"),
        (
            "Her anticoagulation was changed: warfarin was replaced by a direct oral anticoagulant.",
            "warfarin",
            "historical",
        ),
        ("She was taken off calcitriol when her calcium rose.", "active_vitamin_d", "historical"),
        ("He is still on warfarin for a mechanical mitral valve.", "warfarin", "present"),
        ("She had never received warfarin or any other anticoagulant.", "warfarin", "absent"),
        ("He took warfarin for a clot. Warfarin was stopped three months ago.", "warfarin", "historical"),
    ],
)
def test_paraphrases_of_a_medication_status(text: str, concept: str, status: str) -> None:
    assert _status(_case(text), concept) == status, text


def test_a_stopped_drug_is_one_past_exposure() -> None:
    case = _case("She was on warfarin for atrial fibrillation. Warfarin was stopped when the ulcers appeared.")
    warfarin = [f for f in case.exposures if f.concept == "warfarin"]
    assert [f.assertion for f in warfarin] == ["historical"]
    assert warfarin[0].trigger and "stopped" in warfarin[0].trigger


def test_a_planned_stop_is_not_a_stop() -> None:
    # "should be stopped" is advice, not something done: the drug is still taken
    case = _case("She takes warfarin. Warfarin should be stopped if possible.")
    assert _status(case, "warfarin") == "present"


_DIALYSIS_CALCIPHYLAXIS = (
    "A 58-year-old man on haemodialysis for end-stage renal disease presented with painful "
    "retiform purpura and necrotic ulcers with black eschar on both thighs. {drug} "
    "A skin biopsy showed calcification of the media of small arterioles in the subcutis with "
    "intimal hyperplasia and thrombi. Calciphylaxis was diagnosed."
)


def _actions(drug_sentence: str) -> list[str]:
    document = assess(_DIALYSIS_CALCIPHYLAXIS.format(drug=drug_sentence))
    assessment = document.cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis", assessment.subtype
    return [action.medication for action in assessment.actions]


def test_calciphylaxis_on_warfarin_gets_the_review_action() -> None:
    assert "warfarin" in _actions("He takes warfarin for atrial fibrillation and calcium carbonate with meals.")


def test_calciphylaxis_gets_the_action_for_each_current_drug() -> None:
    actions = _actions("His medications included warfarin, calcium acetate and calcitriol.")
    assert {"warfarin", "calcium_based_binders", "active_vitamin_d"} <= set(actions)


def test_no_review_action_for_a_drug_already_stopped() -> None:
    actions = _actions("Warfarin had been stopped two years earlier; he now takes apixaban.")
    assert "warfarin" not in actions


def test_a_stopped_drug_the_assessment_does_not_advise_on_stays_an_exposure_that_happened() -> None:
    # the medication list says it was stopped; the exposure (a cause at the injection sites) happened
    case = _case("Nodules formed where she injected nadroparin calcium. The nadroparin injections were stopped.")
    assert _status(case, "calcium_heparin") == "historical"
    assert [f.assertion for f in case.exposures if f.concept == "calcium_heparin"] == ["present"]


def test_a_drug_never_taken_is_no_exposure() -> None:
    case = _case("He had never taken warfarin.")
    assert [f.assertion for f in case.exposures if f.concept == "warfarin"] == ["absent"]
