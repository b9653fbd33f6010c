"""A note's negations in a comma list: "not on warfarin" negates the drug, not the finding after the
comma; a nearer negation takes over from an earlier one; "on <drug>" after a comma opens a new
clause; "Bx:" heads a biopsy result."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


def _statuses(text: str) -> dict[str, str]:
    case = extract(text, mode="note").cases[0]
    return {f.concept: f.assertion for f in [*case.findings, *case.exposures]}


@pytest.mark.parametrize(
    "text",
    [
        "70M, not on warfarin, painful purpura on the thighs.",
        "70M, no CKD, not on warfarin, painful purpura on the thighs.",
        "Not taking warfarin, painful purpura on both thighs.",
    ],
)
def test_a_drug_not_taken_does_not_negate_the_finding_after_it(text: str) -> None:
    statuses = _statuses(text)
    assert statuses["warfarin"] == "absent"
    assert statuses["painful_purpura"] == "present"


def test_not_on_reaches_a_concept_that_starts_with_on() -> None:
    statuses = _statuses("CKD 4, not on dialysis, tender nodules on the fingers.")
    assert statuses["dialysis"] == "absent"
    assert statuses["painful_papules"] == "present"


@pytest.mark.parametrize(
    "text",
    [
        "81F, no kidney disease (eGFR 78), on warfarin for a mechanical valve; painful purpura on both calves.",
        "No CKD, taking warfarin; painful purpura on both calves.",
    ],
)
def test_on_a_drug_after_a_comma_is_taken(text: str) -> None:
    statuses = _statuses(text)
    assert statuses["chronic_kidney_disease"] == "absent"
    assert statuses["warfarin"] == "present"


def test_control_a_plain_negated_list_stays_negated() -> None:
    statuses = _statuses("65F with hard nodules on the elbows. No lupus, dermatomyositis or scleroderma.")
    assert statuses["systemic_lupus_erythematosus"] == "absent"
    assert statuses["dermatomyositis"] == "absent"


def test_control_not_on_several_drugs_negates_each() -> None:
    statuses = _statuses("70M, not on warfarin or heparin; hard nodules on the elbows.")
    assert statuses["warfarin"] == "absent"


def test_a_bx_line_is_the_biopsy_result() -> None:
    text = (
        "81 yo F, no kidney dz (eGFR 78), on warfarin for mech valve x 8 mo; painful necrotic ulcers both "
        "calves w/ retiform purpura. Bx: calcification of dermal arterioles, fat necrosis."
    )
    case = assess(text).cases[0]
    assert [c for o in case.histology for c in o.concepts] == ["vascular_calcification_histology"]
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("calciphylaxis", "confirmed")
