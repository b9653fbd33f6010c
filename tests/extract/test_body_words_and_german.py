"""A lab cue word that names a part of the body is no result; a German report gets the language
warning.

Written in the project's own words. "Normal renal function (eGFR 78) developed ... ulcers on the
lower legs" read "lower" as the eGFR's interpretation: the eGFR was low, the kidneys impaired, and
non-uremic calciphylaxis on warfarin was called uremic. A cue followed by a body word ("lower legs",
"lower abdomen") is now no cue (lab_cues.yaml lab_cue.body_part). A short German report said "no
patient is described" instead of "not English": common German function words (die, sich, im ...)
were missing from lexicon.yaml function_words.
"""

from __future__ import annotations

from calcidx.public import assess, extract

WARFARIN = (
    "An 80-year-old woman with atrial fibrillation on long-term warfarin and normal renal function (eGFR 78) "
    "developed extremely painful necrotic ulcers with retiform purpura on the lower legs. Calcium 9.4 mg/dL, "
    "phosphate 3.5 mg/dL. A deep biopsy revealed calcification of small vessels in the subcutis with thrombi."
)


def _labs(text: str) -> dict[str, str | None]:
    return {lab.analyte: lab.interpretation for lab in extract(text).cases[0].labs}


def test_lower_legs_is_no_interpretation_of_the_egfr() -> None:
    assert _labs(WARFARIN).get("egfr") != "low"
    subform = assess(WARFARIN).cases[0].assessment.subform
    assert subform is not None and subform.code == "calciphylaxis_nonuremic"


def test_lower_abdomen_is_no_interpretation_of_a_value() -> None:
    assert _labs("A 58-year-old woman had a creatinine of 1.0 mg/dL and painful plaques on the lower abdomen.").get(
        "creatinine"
    ) in (None, "normal")


def test_control_a_low_result_stays_low() -> None:
    assert _labs("A 62-year-old man had a phosphate level that was low, and firm nodules on the legs.") == {
        "phosphate": "low"
    }


def test_a_german_report_is_warned_as_not_english() -> None:
    text = (
        "Ein 54-jähriger Patient mit Dialyse stellte sich mit schmerzhaften Ulzerationen an beiden Oberschenkeln vor. "
        "Die Biopsie zeigte Kalzifikationen der kleinen Gefäße."
    )
    warnings = extract(text).warnings
    assert any("does not read as English" in w for w in warnings), warnings


def test_control_an_english_note_is_not_warned() -> None:
    text = (
        "ESKD on HD x 6 yrs, T2DM. Painful eschar on the left thigh. Ca 2.71, PO4 2.4, PTH 89. "
        "Bx: calcified arterioles."
    )
    assert not any("does not read as English" in w for w in extract(text).warnings)
