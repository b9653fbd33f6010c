"""A woman "nursing her infant" is lactating and one "expecting her second child" is pregnant.

Written in the project's own words. "... is nursing her 4-month-old infant" set no lactation (a
sentence naming an infant only took cues with "she" as their subject), and "... is expecting her second
child" no pregnancy (the cue needed "she"), so bisphosphonates and diltiazem were offered to a nursing
mother and a pregnant woman. Both cues now take the woman as the subject (pregnancy.yaml
lactation.nursing_her_baby, pregnancy.expecting); a relative named before the verb is not she.
"""

from __future__ import annotations

from calcidx.public import assess, extract

SSC = (
    "A 32-year-old woman with systemic sclerosis and radiographically confirmed calcinosis of the fingers "
    "(calcium and phosphate normal) "
)


def test_nursing_her_infant_is_lactating_and_withholds_diltiazem() -> None:
    case = assess(SSC + "is nursing her 4-month-old infant.").cases[0]
    assert case.patient.lactating is True
    assert {"bisphosphonates", "diltiazem"} <= {t.id for t in case.assessment.withheld_treatments}


def test_expecting_her_second_child_is_pregnant() -> None:
    case = assess(SSC + "is expecting her second child.").cases[0]
    assert case.patient.pregnant is True
    assert "bisphosphonates" in {t.id for t in case.assessment.withheld_treatments}


def test_control_a_relative_nursing_or_expecting_is_not_the_patient() -> None:
    for tail in ("Her sister is expecting her second child.", "Her sister is nursing her 3-month-old infant."):
        patient = extract(f"A 40-year-old woman with dermatomyositis has calcinosis. {tail}").cases[0].patient
        assert patient.pregnant is None and patient.lactating is None, tail


def test_a_confirmed_pregnancy_is_pregnant() -> None:
    """Written in the project's own words: "Pregnancy was confirmed by ultrasound at 9 weeks" set no
    pregnancy (pregnancy.yaml pregnancy.confirmed)."""
    text = "A 29-year-old woman has dermatomyositis with calcinosis on X-ray. Pregnancy was confirmed by ultrasound."
    assert extract(text).cases[0].patient.pregnant is True


def test_control_a_pregnancy_not_confirmed_is_not() -> None:
    for tail in ("No pregnancy was confirmed.", "Pregnancy was not confirmed."):
        assert extract(f"A 29-year-old woman has calcinosis. {tail}").cases[0].patient.pregnant is not True


def test_a_breastfeeding_woman_whose_baby_is_named_is_lactating() -> None:
    """Written in the project's own words: "a 35-year-old breastfeeding woman (baby 2 months)" set no
    lactation (a sentence naming a baby took only cues with the woman as subject; pregnancy.yaml
    lactation.breastfeeding_woman), so bisphosphonates and diltiazem were offered."""
    text = (
        "A 35-year-old breastfeeding woman (baby 2 months) with limited systemic sclerosis has calcinosis of the "
        "fingertips on X-ray. Calcium and phosphate normal."
    )
    case = assess(text).cases[0]
    assert case.patient.lactating is True
    assert {"bisphosphonates", "diltiazem"} <= {t.id for t in case.assessment.withheld_treatments}


def test_a_babys_breastfeeding_mother_is_not_the_patient() -> None:
    """A baby's mother named with a possessive ("her breastfeeding mother") made the 2-month-old girl
    lactating (pregnancy.yaml lactation.breastfeeding now skips a possessive before it)."""
    text = "A 2-month-old girl, exclusively fed by her breastfeeding mother, had hard nodules on the heels."
    assert extract(text).cases[0].patient.lactating is None


def test_she_breastfeeds_her_son_in_the_present_tense() -> None:
    """Written in the project's own words: "... breastfeeds her 2-month-old son" (the verb, not "is
    breastfeeding") set no lactation, so diltiazem was offered (lactation.nursing_her_baby)."""
    case = assess(SSC + "breastfeeds her 2-month-old son.").cases[0]
    assert case.patient.lactating is True
    assert "diltiazem" in {t.id for t in case.assessment.withheld_treatments}
    sister = "A 40-year-old woman with dermatomyositis has calcinosis. Her sister breastfeeds her baby."
    assert extract(sister).cases[0].patient.lactating is not True
