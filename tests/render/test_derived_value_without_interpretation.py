"""A derived value nothing interprets prints without brackets, never as "(None)".

An eGFR estimated from creatinine is not high or low (each treatment reads it against its own limit),
so its interpretation is empty; the terminal, Markdown and CDS card reports printed it as
"37 mL/min/1.73 m2 (None)", and so did the reasoning step.
"""

from __future__ import annotations

from calcidx.interop.cds_cards import _detail
from calcidx.public import assess
from calcidx.render.report import markdown_report, text_report

NOTE = "72M, CKD 3b, creatinine 1.9 mg/dL. Multiple firm yellow-white nodules on the right ear helix."


def test_estimated_egfr_prints_without_an_empty_interpretation() -> None:
    doc = assess(NOTE)
    assessment = doc.cases[0].assessment
    egfr = next(d for d in assessment.derived_labs if d.id == "egfr_estimated")
    assert egfr.interpretation is None
    assert egfr.summary.startswith("eGFR estimated from creatinine (CKD-EPI 2021): ")
    assert "mL/min/1.73 m2; CKD-EPI 2021" in egfr.summary
    step = next(s for s in assessment.rationale if s.rule.startswith("labs.egfr_from_creatinine"))
    for text in (text_report(doc, width=400), markdown_report(doc), _detail(doc.cases[0]), step.conclusion):
        assert "(None)" not in text
        assert "(no interpretation)" not in text


def test_control_an_interpreted_derived_value_keeps_its_word() -> None:
    doc = assess(
        "A 60-year-old woman on haemodialysis has chalky papules on the fingers. Ca 10.2 mg/dL, phos 8.1 mg/dL."
    )
    product = next(d for d in doc.cases[0].assessment.derived_labs if d.id == "calcium_phosphate_product")
    assert f"({product.interpretation})" in product.summary
