"""The reason an option is withheld says whether its lab was missing or could not be read.

Written in the project's own words. "Ca 9.4, Phos 3.6" (no unit: 3.6 is normal in mg/dL and very
high in mmol/L, so it is not interpreted) withheld aluminium hydroxide with "Phosphorus ... not
measured", which the note contradicts. It now says the value was measured but not interpreted.
(Since calcium 9.4 is plausible in mg/dL only, "Ca 9.4, Phos 3.6" now reads the phosphate in mg/dL
too, tests/case/test_unit_systems.py; the note here gives a calcium that anchors no unit system.)
"""

from __future__ import annotations

from calcidx.public import assess, extract

NOTE = "45M with limited scleroderma, hard lumps on the right index finger pad on X-ray. Ca 2.4"


def _reasons(text: str) -> list[str]:
    assessment = assess(extract(text, mode="note")).cases[0].assessment
    return [r for t in assessment.withheld_treatments if t.id == "aluminium_hydroxide" for r in t.withheld_reasons]


def test_a_value_without_a_unit_is_measured_but_not_interpreted() -> None:
    reasons = _reasons(NOTE + ", Phos 3.6.")
    assert any("measured but not interpreted" in r for r in reasons), reasons
    assert not any("not measured" in r and "but" not in r for r in reasons), reasons


def test_control_a_missing_value_is_not_measured() -> None:
    reasons = _reasons(NOTE + ".")
    assert any("Phosphorus" in r and r.count("not measured") == 1 and "but" not in r for r in reasons), reasons
