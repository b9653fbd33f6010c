"""A child named by a word for its stage of life, a gestation that is no age, and more ways of saying
that the patient is pregnant or breastfeeding: each decides which options the patient may have.

"A neonate ... receiving parenteral nutrition" was offered ceftriaxone (no age was read); "A 26-week
premature boy" was half a year old; "she is gravid", "24 weeks' pregnant", "beta-hCG positive", "a
nursing mother" and "still breast feeding" left diltiazem and bisphosphonates offered.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


def _ids(text: str) -> tuple[set[str], set[str]]:
    a = assess(text).cases[0].assessment
    return {t.id for t in a.treatments}, {t.id for t in a.withheld_treatments}


def test_a_neonate_on_parenteral_nutrition_is_not_offered_ceftriaxone() -> None:
    offered, withheld = _ids(
        "A neonate developed dystrophic calcinosis cutis within areas of skin necrosis after a skin infection. "
        "The baby is receiving parenteral nutrition. Calcium and phosphate normal."
    )
    assert "ceftriaxone" not in offered and "ceftriaxone" in withheld
    assert "probenecid" in withheld


@pytest.mark.parametrize(
    ("opening", "low", "high"),
    [
        ("A neonate", 0.0, 0.0767),
        ("An infant boy", 0.0, 1.0),
        ("A toddler", 1.0, 3.0),
        ("A 27-week preterm infant", 0.0, 1.0),
        ("A child", 0.0, 18.0),
    ],
)
def test_a_word_for_a_childs_stage_of_life_bounds_the_age(opening: str, low: float, high: float) -> None:
    patient = extract(f"{opening} has juvenile dermatomyositis with calcinosis cutis of the elbows.").cases[0].patient
    assert patient.age_years is None
    assert patient.age_range is not None
    assert (patient.age_range.low, patient.age_range.high) == (low, high)


def test_a_toddler_is_not_offered_diltiazem() -> None:
    offered, withheld = _ids(
        "A toddler has juvenile dermatomyositis with calcinosis cutis of the elbows. Calcium and phosphate normal."
    )
    assert "diltiazem" not in offered and "diltiazem" in withheld


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old woman delivered a healthy newborn. She has calcinosis cutis of the fingers with SSc.",
        "Her infant had nodules. She is a woman with SSc and calcinosis cutis of the fingers.",
        "Newborn screening was normal. The woman has SSc with calcinosis cutis of the fingers.",
        "Child-Pugh class B cirrhosis. She has calcinosis cutis of the fingers.",
    ],
)
def test_a_childs_word_that_introduces_no_patient_gives_no_age(text: str) -> None:
    patient = extract(text).cases[0].patient
    assert patient.age_range is None or patient.age_range.low >= 18


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("A 26-week premature boy, now on day 12 of life, developed a hard plaque on the foot.", 12),
        ("A 27-week preterm infant was seen on day 6 of life with a firm swelling of the foot.", 6),
    ],
)
def test_the_weeks_of_gestation_are_no_age(text: str, days: int) -> None:
    patient = extract(text).cases[0].patient
    assert patient.age_years == pytest.approx(days / 365.25, abs=0.001)


FRAME = "A 30-year-old woman with systemic sclerosis and calcinosis cutis of the fingers; {}. Calcium normal."


@pytest.mark.parametrize(
    "text",
    [
        FRAME.format("she is gravid"),
        FRAME.format("she is 24 weeks' pregnant"),
        FRAME.format("beta-hCG positive"),
        FRAME.format("she is in early pregnancy"),
        FRAME.format("she is an expectant mother"),
        FRAME.format("antenatal care at 20 weeks"),
        "A pregnant 30-year-old woman with systemic sclerosis and calcinosis cutis of the fingers.",
        "A woman of 32 years in her second pregnancy with dermatomyositis and calcinosis cutis of the elbows.",
        "A 22-year-old woman with systemic sclerosis presented with calcinosis cutis of the fingers during "
        "pregnancy at 28 weeks.",
    ],
)
def test_more_ways_of_saying_pregnant_withhold_bisphosphonates(text: str) -> None:
    case = assess(text).cases[0]
    assert case.patient.pregnant is True
    assert "bisphosphonates" not in {t.id for t in case.assessment.treatments}


@pytest.mark.parametrize(
    "text",
    [
        FRAME.format("she is still breast feeding"),
        FRAME.format("she is feeding her infant with breast milk"),
        "A 30-year-old nursing mother with systemic sclerosis and calcinosis cutis of the fingers.",
        "A 17-year-old adolescent breastfeeding her 2-month-old son has dermatomyositis with calcinosis cutis.",
    ],
)
def test_more_ways_of_saying_breastfeeding(text: str) -> None:
    patient = extract(text).cases[0].patient
    assert patient.lactating is True
    assert patient.sex == "female"


def test_neither_pregnant_nor_breastfeeding_denies_both() -> None:
    patient = extract(FRAME.format("she is neither pregnant nor breastfeeding")).cases[0].patient
    assert (patient.pregnant, patient.lactating) == (False, False)


def test_a_pregnant_mother_beside_the_patient_is_not_the_patient() -> None:
    patient = (
        extract(
            "A 16-year-old girl with juvenile dermatomyositis and calcinosis cutis, accompanied by her pregnant mother."
        )
        .cases[0]
        .patient
    )
    assert patient.pregnant is None


NOTE = " SSc with calcinosis of fingertips. Ca 9.4 mg/dL, phos 3.1 mg/dL."


@pytest.mark.parametrize(
    "text",
    [
        "38 yo F G2P1 @ 28w with systemic sclerosis and calcinosis of fingers.",
        "30 yo F, EGA 24w2d." + NOTE,
        "Pt: 27 yo female. Pregnancy test (urine hCG): POSITIVE." + NOTE,
        "30 yo F, currently expecting her first child (due in March)." + NOTE,
        "30 yo F\nPreg: Y\n" + NOTE,
        "A 30-year-old woman with dermatomyositis and calcinosis cutis, with a current pregnancy of 3 months.",
    ],
)
def test_a_notes_ways_of_saying_pregnant(text: str) -> None:
    case = assess(text).cases[0]
    assert case.patient.pregnant is True
    assert "bisphosphonates" not in {t.id for t in case.assessment.treatments}


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old woman with dermatomyositis and calcinosis, in the lactation period.",
        "A 30-year-old woman with dermatomyositis and calcinosis; she is in post-partum (2 weeks after delivery) "
        "and nursing.",
    ],
)
def test_lactation_told_as_a_period_or_after_a_delivery(text: str) -> None:
    assert extract(text).cases[0].patient.lactating is True


def test_a_negative_pregnancy_field_is_not_pregnant() -> None:
    assert extract("30 yo F. Pregnancy test: negative." + NOTE).cases[0].patient.pregnant is False
