"""Lab interpretation: printed ranges, knowledge ranges by age/sex, plausibility, derived values."""

from __future__ import annotations

from calcidx.case.labs import LabReport, check_lab, interpret_labs
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


def _report(bundle: KnowledgeBundle, labs: list[dict[str, object]], **case: object) -> LabReport:
    return interpret_labs(Case.model_validate({"labs": labs, **case}), bundle)


def test_calcium_status_prefers_ionized_then_corrected_then_total(bundle: KnowledgeBundle) -> None:
    total = {"analyte": "calcium", "value": 9.9, "unit": "mg/dL"}
    albumin = {"analyte": "albumin", "value": 2.0, "unit": "g/dL"}
    ionized_normal = {"analyte": "calcium_ionized", "value": 1.2, "unit": "mmol/L"}
    adult = {"patient": {"age_years": 50, "sex": "male"}}
    only_total = _report(bundle, [total], **adult)
    assert (only_total.calcium_status, only_total.calcium_basis) == ("normal", "total")
    corrected = _report(bundle, [total, albumin], **adult)
    assert (corrected.calcium_status, corrected.calcium_basis) == ("high", "albumin-corrected")
    ionized = _report(bundle, [total, albumin, ionized_normal], **adult)
    assert (ionized.calcium_status, ionized.calcium_basis) == ("normal", "ionized")


def test_vitamin_d_intoxication_values_are_real_and_flagged(bundle: KnowledgeBundle) -> None:
    report = _report(bundle, [{"analyte": "vitamin_d_25oh", "value": 1250, "unit": "nmol/L"}])
    codes = [w.code for w in report.warnings]
    assert report.interpretations["vitamin_d_25oh"] == "high"
    assert "lab_alert" in codes and "lab_implausible" not in codes
    beyond = _report(bundle, [{"analyte": "vitamin_d_25oh", "value": 5000, "unit": "ng/mL"}])
    assert "lab_implausible" in [w.code for w in beyond.warnings]


def test_product_threshold_follows_the_patient(bundle: KnowledgeBundle) -> None:
    labs = [
        {"analyte": "calcium", "value": 9.0, "unit": "mg/dL"},
        {"analyte": "phosphate", "value": 6.8, "unit": "mg/dL"},
    ]
    ckd = [{"concept": "chronic_kidney_disease"}]
    cases = {
        "general": ({"patient": {"age_years": 50}}, 70, "below threshold"),
        "ckd adult": ({"patient": {"age_years": 50}, "findings": ckd}, 55, "high"),
        "ckd adolescent": ({"patient": {"age_years": 15}, "findings": ckd}, 55, "high"),
        "ckd child": ({"patient": {"age_years": 6}, "findings": ckd}, 65, "s"),
    }
    for name, (case, applied, interpretation) in cases.items():
        product = next(d for d in _report(bundle, labs, **case).derived if d.id == "calcium_phosphate_product")
        assert f"threshold applied: {applied:g}" in product.method, name
        assert product.caveat and f"the {applied:g} mg2/dL2 threshold applied" in product.caveat, name
        if interpretation != "s":
            assert product.interpretation == interpretation, name


def test_a_value_without_unit_that_reads_differently_by_unit_is_not_interpreted(bundle: KnowledgeBundle) -> None:
    # 2.4 is low as mg/dL but normal as mmol/L: a guess would be wrong half the time
    check = check_lab(Lab(analyte="calcium", value=2.4), ADULT_F, bundle)
    assert check.interpretation is None
    (warning,) = [w for w in check.warnings if w.code == "lab_unit_missing"]
    assert "mg/dL" in warning.message and "mmol/L" in warning.message and "give the unit" in warning.message
    assert check_lab(Lab(analyte="phosphate", value=1.1), ADULT_F, bundle).interpretation is None


def test_a_value_without_unit_plausible_in_one_unit_only_is_read_in_it(bundle: KnowledgeBundle) -> None:
    check = check_lab(Lab(analyte="calcium", value=11.6), ADULT_F, bundle)  # 11.6 mmol/L is not plausible
    assert check.interpretation == "high"
    assert any("only plausible unit" in w.message for w in check.warnings)
    assert check_lab(Lab(analyte="calcium", value=9.6), ADULT_F, bundle).interpretation == "normal"


def test_a_printed_range_still_reads_a_value_without_unit(bundle: KnowledgeBundle) -> None:
    lab = Lab(analyte="calcium", value=2.4, reference_low=2.15, reference_high=2.55)
    assert check_lab(lab, ADULT_F, bundle).interpretation == "normal"


def test_another_spelling_of_a_listed_unit_is_not_unusual(bundle: KnowledgeBundle) -> None:
    # "mm/hour" is "mm/h", "mmol/litre" is "mmol/L": no warning to check the unit
    for lab in (
        Lab(analyte="esr", value=25, unit="mm/hour"),
        Lab(analyte="calcium", value=2.4, unit="mmol/litre"),
    ):
        check = check_lab(lab, ADULT_F, bundle)
        assert "lab_unit_unusual" not in {w.code for w in check.warnings}, lab
        assert check.canonical_value is not None


def test_a_unit_of_another_size_is_still_unusual(bundle: KnowledgeBundle) -> None:
    check = check_lab(Lab(analyte="esr", value=25, unit="cm/h"), ADULT_F, bundle)
    assert "lab_unit_unusual" in {w.code for w in check.warnings}
