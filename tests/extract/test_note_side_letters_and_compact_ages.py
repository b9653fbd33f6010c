"""Note shorthand: a capital letter for the side before a site ("R dorsal hand PIV", "(L) foot"), a
compact age and sex between commas ("Post-transplant (2 yrs), 55F, tacrolimus") and a temperature
in Fahrenheit that looks like one ("Afebrile, 98F").

A neonate's calcium gluconate given "via R dorsal hand PIV" with a plaque "over R dorsum of hand" had
been iatrogenic, possible (the exposure's site unread); "..., 55F, ..." gave no age.
"""

from __future__ import annotations

from calcidx.public import assess, extract
from tests.extract.reading import first_case


def test_a_capital_side_letter_ties_the_infusion_to_the_lesion() -> None:
    text = (
        "HPI: 2 wk old ex-30 weeker in NICU. IV calcium gluconate via L dorsal foot PIV infiltrated on day 3. "
        "Now firm erythematous plaque over L dorsum of foot with white specks. Xray: amorphous soft tissue "
        "calcification of L foot."
    )
    case = assess(text).cases[0]
    exposure = next(e for e in case.exposures if e.concept == "iv_calcium")
    assert exposure.site is not None and "foot" in exposure.site
    assert any(lesion.laterality == "left" for lesion in case.lesions)
    assert case.assessment.subtype.code == "iatrogenic"
    assert case.assessment.subtype.certainty in ("probable", "confirmed")


def test_a_lower_case_l_is_no_side() -> None:
    case = first_case("A 50-year-old woman had calcium 2.4 mmol/l and a hard nodule on the hand.")
    assert all(lesion.laterality is None for lesion in case.lesions)


def test_a_compact_age_between_commas() -> None:
    case = first_case(
        "Post-kidney transplant (3 yrs), 61F, tacrolimus and prednisolone. Painful violaceous plaques on both "
        "calves. Ca 2.7 mmol/L, PO4 1.6 mmol/L."
    )
    assert (case.patient.age_years, case.patient.sex) == (61, "female")


def test_a_fahrenheit_temperature_is_no_age() -> None:
    document = extract("Afebrile, 99F, HR 90. 66M on haemodialysis with painful plaques on the thighs.")
    assert (document.cases[0].patient.age_years, document.cases[0].patient.sex) == (66, "male")


def test_a_note_opening_on_a_mother_and_her_age_is_the_patient() -> None:
    case = first_case("Breastfeeding mother, 31, with dermatomyositis and painful calcinosis on both thighs.")
    assert (case.patient.age_years, case.patient.sex) == (31, "female")


def test_her_mother_with_an_age_stays_a_relative() -> None:
    case = first_case("A 12-year-old girl with dermatomyositis has calcinosis on the elbows. Her mother, 41, has SLE.")
    assert case.patient.age_years == 12


def test_a_sex_letter_then_the_age() -> None:
    for text, expected in (
        ("Case: M, 71. ESRD on HD. Painful indurated plaques on the abdomen.", (71, "male")),
        ("Pt: F/49. Limited SSc. Hard nodules on the right index finger.", (49, "female")),
    ):
        case = first_case(text)
        assert (case.patient.age_years, case.patient.sex) == expected, text


def test_a_compact_age_after_a_history_label_with_the_line_breaks_lost() -> None:
    case = first_case(
        "Reason for consult: skin necrosis ?calciphylaxis HPI: 71M w/ ESRD on PD, painful black eschars on "
        "both thighs. Labs: Ca 9.8 mg/dL, Phos 7.0 mg/dL."
    )
    assert (case.patient.age_years, case.patient.sex) == (71, "male")
