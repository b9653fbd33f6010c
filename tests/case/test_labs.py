"""Lab interpretation: printed ranges, knowledge ranges by age/sex, plausibility, derived values."""

from __future__ import annotations

from calcidx.case.labs import check_lab, interpret_labs
from calcidx.case.model import Case, Finding, Lab, Patient
from calcidx.knowledge.schema import KnowledgeBundle

ADULT_F = Patient(age_years=45, sex="female")


def test_seed_style_calcium_in_ng_per_ml_is_flagged_not_hypocalcaemia(bundle: KnowledgeBundle) -> None:
    lab = Lab(analyte="calcium", value=8.0, unit="ng/ml", comparator="<")
    check = check_lab(lab, ADULT_F, bundle)
    assert check.interpretation is None
    codes = {w.code for w in check.warnings}
    assert "lab_implausible" in codes
    assert "lab_unit_unusual" in codes
    assert any("ng/ml" in w.message for w in check.warnings)


def test_printed_range_wins_over_knowledge_range(bundle: KnowledgeBundle) -> None:
    lab = Lab(analyte="calcium", value=10.3, unit="mg/dL", reference_low=8.5, reference_high=10.5)
    assert check_lab(lab, ADULT_F, bundle).interpretation == "normal"
    assert check_lab(lab, ADULT_F, bundle).basis == "printed range"
    lab = Lab(analyte="calcium", value=10.3, unit="mg/dL")
    assert check_lab(lab, ADULT_F, bundle).interpretation == "high"  # adult 8.6-10.0 [MAYO-CA]


def test_age_band_changes_the_answer(bundle: KnowledgeBundle) -> None:
    phosphate = Lab(analyte="phosphate", value=5.0, unit="mg/dL")
    assert check_lab(phosphate, Patient(age_years=40, sex="male"), bundle).interpretation == "high"
    assert check_lab(phosphate, Patient(age_years=3, sex="male"), bundle).interpretation == "normal"


def test_si_units_interpreted_after_conversion(bundle: KnowledgeBundle) -> None:
    lab = Lab(analyte="calcium", value=2.9, unit="mmol/L")  # 11.6 mg/dL
    assert check_lab(lab, ADULT_F, bundle).interpretation == "high"


def test_stated_interpretation_kept_and_qualitative_read(bundle: KnowledgeBundle) -> None:
    assert check_lab(Lab(analyte="pth", interpretation="normal"), ADULT_F, bundle).interpretation == "normal"
    assert check_lab(Lab(analyte="ana", qualitative="Negative"), ADULT_F, bundle).interpretation == "normal"


def test_censored_value_not_over_interpreted(bundle: KnowledgeBundle) -> None:
    lab = Lab(analyte="calcium", value=9.0, unit="mg/dL", comparator="<")
    assert check_lab(lab, ADULT_F, bundle).interpretation is None
    lab = Lab(analyte="calcium", value=7.0, unit="mg/dL", comparator="<")
    assert check_lab(lab, ADULT_F, bundle).interpretation == "low"


def test_unknown_analyte_and_bad_unit_are_warnings(bundle: KnowledgeBundle) -> None:
    check = check_lab(Lab(analyte="unobtainium", value=1.0, unit="mg/dL"), ADULT_F, bundle)
    assert check.interpretation is None and check.warnings[0].code == "lab_unknown_analyte"
    check = check_lab(Lab(analyte="calcium", value=9.0, unit="U/L"), ADULT_F, bundle)
    assert check.interpretation is None and check.warnings[0].code == "lab_unit_invalid"


def test_corrected_calcium_and_product(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT_F,
        labs=[
            Lab(analyte="calcium", value=8.0, unit="mg/dL"),
            Lab(analyte="albumin", value=2.0, unit="g/dL"),
            Lab(analyte="phosphate", value=9.0, unit="mg/dL"),
        ],
    )
    report = interpret_labs(case, bundle)
    derived = {d.id: d for d in report.derived}
    assert derived["calcium_corrected"].value == 9.6  # 8.0 + 0.8 x (4.0 - 2.0) [MDCALC-CA]
    assert derived["calcium_corrected"].caveat is None
    assert derived["calcium_phosphate_product"].value == 72.0
    assert derived["calcium_phosphate_product"].interpretation == "high"


def test_corrected_calcium_caveat_in_ckd(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT_F,
        findings=[Finding(concept="chronic_kidney_disease")],
        labs=[Lab(analyte="calcium", value=8.0, unit="mg/dL"), Lab(analyte="albumin", value=3.0, unit="g/dL")],
    )
    derived = {d.id: d for d in interpret_labs(case, bundle).derived}
    assert derived["calcium_corrected"].caveat and "ionized" in derived["calcium_corrected"].caveat


def test_most_abnormal_result_wins(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT_F,
        labs=[Lab(analyte="calcium", value=9.2, unit="mg/dL"), Lab(analyte="calcium", value=11.4, unit="mg/dL")],
    )
    assert interpret_labs(case, bundle).interpretations["calcium"] == "high"
