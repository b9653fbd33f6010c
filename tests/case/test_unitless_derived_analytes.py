"""A result given without a unit, of an analyte read against another's ranges (a reported corrected
calcium against total calcium's), and a result whose unit is unknown but whose flag the report gives."""

from __future__ import annotations

from calcidx.case.labs import check_lab, interpret_labs
from calcidx.case.model import Case, Lab, Patient
from calcidx.knowledge.schema import KnowledgeBundle

ADULT_F = Patient(age_years=62, sex="female")


def test_a_unitless_corrected_calcium_is_not_read_in_mg_per_dl_by_default(bundle: KnowledgeBundle) -> None:
    # 2.71 is high in mmol/L and impossible-looking low in mg/dL: total calcium's limits and ranges decide,
    # so the value is left uninterpreted instead of being called hypocalcaemia
    check = check_lab(Lab(analyte="calcium_corrected", value=2.71), ADULT_F, bundle)
    assert check.interpretation is None
    assert "reads differently by unit" in check.warnings[0].message


def test_a_unitless_corrected_calcium_plausible_in_one_unit_only_is_read_in_it(bundle: KnowledgeBundle) -> None:
    check = check_lab(Lab(analyte="calcium_corrected", value=9.1), ADULT_F, bundle)
    assert check.interpretation == "normal"
    assert "the only plausible unit" in check.warnings[0].message


def test_a_flag_reads_an_ambiguous_unitless_value_and_the_warning_says_so(bundle: KnowledgeBundle) -> None:
    check = check_lab(Lab(analyte="phosphate", value=1.62, interpretation="high"), ADULT_F, bundle)
    assert check.interpretation == "high"
    assert "read as high, as the report states it" in check.warnings[0].message
    assert "not interpreted" not in check.warnings[0].message


def test_control_a_corrected_calcium_with_its_unit_is_read_as_before(bundle: KnowledgeBundle) -> None:
    report = interpret_labs(
        Case(patient=ADULT_F, labs=[Lab(analyte="calcium_corrected", value=2.71, unit="mmol/L")]), bundle
    )
    assert report.per_lab == ["high"]
