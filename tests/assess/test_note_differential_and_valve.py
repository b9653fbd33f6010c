"""A clinic note's differential is not the authors' diagnosis, and its shorthand for a mechanical
valve guards the warfarin advice.

"A/P: r/o calciphylaxis vs warfarin necrosis vs vasculitis" was read as the source stating
calciphylaxis; "on warfarin for mech MVR" was not read as a mechanical valve, so the advice to stop
or replace warfarin came without the caution that a direct oral anticoagulant is no replacement.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

NOTE = (
    "S: 61F on PD x3y c/o painful purple mottled patches L thigh x2wk, now w/ central ulcer.\n"
    "O: Tender retiform purpura L medial thigh 8x6 cm w/ 2 cm necrotic ulcer.\n"
    "Labs: Ca 9.9 mg/dL, Phos 6.8 mg/dL, iPTH 612 pg/mL.\n"
    "{plan} Pt on warfarin for {valve}."
)


@pytest.mark.parametrize(
    "plan",
    [
        "A/P: r/o calciphylaxis vs warfarin necrosis vs vasculitis. Punch bx pending.",
        "Impression: calciphylaxis versus vasculitis; biopsy pending.",
        "A: DDx calciphylaxis, warfarin necrosis.",
    ],
)
def test_a_differential_in_the_plan_is_not_a_stated_diagnosis(plan: str) -> None:
    case = assess(NOTE.format(plan=plan, valve="AF")).cases[0]
    assert case.stated is None or case.stated.subtype is None


def test_control_a_plain_impression_is_stated() -> None:
    case = assess(NOTE.format(plan="A/P: calciphylaxis, biopsy pending.", valve="AF")).cases[0]
    assert case.stated is not None and case.stated.subtype == "calciphylaxis"


@pytest.mark.parametrize("valve", ["mech MVR", "a mechanical AVR", "mech valve"])
def test_note_shorthand_for_a_mechanical_valve_guards_the_warfarin_advice(valve: str) -> None:
    assessment = assess(NOTE.format(plan="A/P: calciphylaxis.", valve=valve)).cases[0].assessment
    warfarin = next(a for a in assessment.actions if a.medication == "warfarin")
    assert any("mechanical heart valve" in c for c in warfarin.cautions)


def test_control_warfarin_for_atrial_fibrillation_has_no_valve_caution() -> None:
    assessment = assess(NOTE.format(plan="A/P: calciphylaxis.", valve="AF")).cases[0].assessment
    warfarin = next(a for a in assessment.actions if a.medication == "warfarin")
    assert not any("mechanical heart valve" in c for c in warfarin.cautions)
