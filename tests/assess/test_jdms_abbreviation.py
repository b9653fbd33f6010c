"""Juvenile dermatomyositis told as "JDMS" (a common abbreviation beside JDM).

Written in the project's own words. "A 9-year-old boy with JDMS has calcinosis of the knees on X-ray"
read no condition and was undetermined; the knowledge now has the abbreviation.
"""

from __future__ import annotations

from calcidx.public import assess


def test_jdms_is_juvenile_dermatomyositis() -> None:
    case = assess("A 9-year-old boy with JDMS has calcinosis of the knees on X-ray.").cases[0]
    assert "juvenile_dermatomyositis" in {f.concept for f in case.findings if f.assertion == "present"}
    assert case.assessment.subtype.code == "dystrophic"


def test_control_no_disease_named_stays_undetermined() -> None:
    case = assess("A 9-year-old boy has calcinosis of the knees on X-ray.").cases[0]
    assert case.assessment.subtype.code != "dystrophic"
