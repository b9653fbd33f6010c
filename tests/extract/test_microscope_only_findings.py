"""Vessels calcified on a mammogram or an X-ray are no biopsy finding.

Written in the project's own words. "A mammogram showed extensive vascular calcification" on
haemodialysis was read as the histology of calciphylaxis (calcification of small subcutaneous vessels),
so painful breast ulcers became calciphylaxis, confirmed, without a biopsy. Findings only a microscope
shows are not read from a sentence that reports imaging and no histology (lexicon.yaml
microscope_only_findings); a biopsy sentence still gives them.
"""

from __future__ import annotations

from calcidx.public import assess, extract

CASE = "A 52-year-old woman with ESRD on hemodialysis developed painful ulcers on both breasts. "


def test_vascular_calcification_on_a_mammogram_is_no_histology() -> None:
    case = assess(CASE + "A mammogram showed extensive vascular calcification.").cases[0]
    assert "vascular_calcification_histology" not in {f.concept for f in case.findings}
    assert case.assessment.subtype.certainty != "confirmed"


def test_control_a_biopsy_sentence_still_gives_it() -> None:
    case = extract(CASE + "A skin biopsy showed vascular calcification with thrombi.").cases[0]
    assert "vascular_calcification_histology" in {f.concept for f in case.findings}
