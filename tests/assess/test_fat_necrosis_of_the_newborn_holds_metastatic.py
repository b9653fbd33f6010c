"""An infant with firm nodules and hypercalcaemia after perinatal asphyxia or therapeutic cooling
may have subcutaneous fat necrosis of the newborn, whose necrotic fat makes the hypercalcaemia:
metastatic calcinosis is at most possible (rule subtype.metastatic.mimics). It had been
metastatic, probable."""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 3-week-old girl, cooled for 72 hours after birth asphyxia, had firm red-purple nodules on the "
        "back and shoulders. Serum calcium was 3.2 mmol/L.",
        "Day-of-life 20 neonate treated with therapeutic hypothermia for hypoxic-ischemic encephalopathy; "
        "hard subcutaneous plaques over the buttocks and thighs. Calcium 13.4 mg/dL.",
        "An 8-week-old boy with neonatal encephalopathy had indurated nodules on the cheeks and back and "
        "hypercalcaemia (ionised calcium 1.72 mmol/L).",
    ],
)
def test_asphyxia_or_cooling_holds_metastatic_at_possible(text: str) -> None:
    assessment = assess(text).cases[0].assessment
    calls = {assessment.subtype.code: assessment.subtype.certainty}
    calls.update({alt.code: alt.certainty for alt in assessment.alternatives})
    assert calls.get("metastatic") in (None, "possible"), calls
    assert "subcutaneous_fat_necrosis_newborn" in [d.id for d in assessment.differential][:3]


def test_control_an_adult_after_hypoxic_brain_injury_is_not_a_newborn() -> None:
    text = (
        "A 58-year-old man with hypoxic-ischaemic encephalopathy after a cardiac arrest, on haemodialysis, "
        "had hard white nodules on the fingertips. Calcium 2.9 mmol/L, phosphate 2.6 mmol/L."
    )
    subtype = assess(text).cases[0].assessment.subtype
    assert (subtype.code, subtype.certainty) == ("metastatic", "probable")
