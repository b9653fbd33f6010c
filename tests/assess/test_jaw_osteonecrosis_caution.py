"""A history of osteonecrosis of the jaw cautions bisphosphonates.

Written in the project's own words. "A history of osteonecrosis of the jaw after zoledronic acid"
was read as nothing, and bisphosphonates were offered for her calcinosis with no word of it. It is
now a safety condition whose caution (cautions.yaml bisphosphonate_onj_history: the zoledronic acid
labeling's precautions, FDA-ZOMETA-ONJ-2004; STATPEARLS-BRONJ) goes with both bisphosphonate
options; the sources list it among precautions, not contraindications, so it is a caution.
"""

from __future__ import annotations

from calcidx.public import assess

SSC = "presented with calcinosis cutis in the setting of systemic sclerosis. Calcium and phosphate were normal."


def _bisphosphonate_cautions(text: str) -> list[str]:
    options = {t.id: t for t in assess(text).cases[0].assessment.treatments}
    return options["bisphosphonates"].cautions if "bisphosphonates" in options else []


def test_jaw_osteonecrosis_cautions_bisphosphonates() -> None:
    text = f"A 52-year-old woman with a history of osteonecrosis of the jaw after zoledronic acid {SSC}"
    assert any("osteonecrosis of the jaw" in c for c in _bisphosphonate_cautions(text))


def test_control_no_jaw_history_no_such_caution() -> None:
    text = f"A 52-year-old woman {SSC}"
    assert not any("osteonecrosis of the jaw" in c for c in _bisphosphonate_cautions(text))
