"""Clinic-note shorthand: "all nl" for normal results, and an exposure told with its site straight
after it ("s/p Ca gluconate infiltration L dorsal hand")."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


def _labs(text: str) -> dict[str, str | None]:
    case = extract(text, mode="note").cases[0]
    return {lab.analyte: lab.interpretation for lab in case.labs}


@pytest.mark.parametrize("line", ["Ca, PO4, PTH, Cr all nl.", "Ca/PO4/PTH nl.", "Calcium, phosphate and PTH nml."])
def test_nl_means_normal_results(line: str) -> None:
    labs = _labs("19M w/ multiple painless firm yellowish papules on scrotum x 5 yrs. No PMH. " + line)
    assert labs.get("calcium") == "normal" and labs.get("phosphate") == "normal"


def test_control_a_measured_high_value_beside_nl_stays_high() -> None:
    labs = _labs("45F, hard nodules on elbows. Ca 11.9 mg/dL (8.5-10.5), PTH nl.")
    assert labs.get("calcium") == "high"
    assert labs.get("pth") == "normal"


def test_scrotal_nodules_with_all_nl_labs_are_idiopathic_probable() -> None:
    assessment = (
        assess(
            "19M w/ multiple painless firm yellowish papules on scrotum x 5 yrs. No PMH. Ca, PO4, PTH, Cr all nl. "
            "Excision: dermal calcium deposits, no cyst wall."
        )
        .cases[0]
        .assessment
    )
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("idiopathic", "probable")


def test_an_infiltration_with_its_site_straight_after_is_iatrogenic_probable() -> None:
    case = assess(
        "3 wk old ex-24 weeker, s/p Ca gluconate infiltration L dorsal hand on DOL 5. Now hard white nodule "
        "L dorsal hand. XR: calcification."
    ).cases[0]
    assert [e.site for e in case.exposures if e.concept == "iv_calcium"] == ["L dorsal hand"]
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("iatrogenic", "probable")
