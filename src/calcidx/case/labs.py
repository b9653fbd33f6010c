"""Lab interpretation: units, plausibility, reference ranges, and derived values.

Interpretation prefers the range printed with the result; otherwise it uses the knowledge-base
range for the patient's age and sex. Values in a unit the analyte is never reported in, or
outside physiological plausibility, become warnings and are not interpreted: "serum calcium
< 8.0 ng/ml" is a unit error, not hypocalcaemia.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from calcidx.case.model import Case, Evidence, Lab, Patient
from calcidx.case.units import UnitProblem, to_canonical
from calcidx.knowledge.schema import Analyte, KnowledgeBundle, ReferenceRange

__all__ = [
    "DerivedValue",
    "LabCheck",
    "LabReport",
    "LabWarning",
    "check_lab",
    "interpret_lab",
    "interpret_labs",
]

Interp = Literal["low", "normal", "high"]
_SEVERITY: dict[str, int] = {"normal": 0, "low": 1, "high": 2}
_QUALITATIVE: dict[str, Interp] = {
    "negative": "normal",
    "normal": "normal",
    "positive": "high",
    "raised": "high",
    "elevated": "high",
    "high": "high",
    "low": "low",
    "decreased": "low",
}


@dataclass(frozen=True)
class LabWarning:
    """A data-quality problem found in a lab result."""

    code: str
    message: str
    field: str | None = None


@dataclass(frozen=True)
class DerivedValue:
    """A value computed from other results (canonical units)."""

    id: str
    label: str
    value: float
    unit: str
    method: str
    interpretation: str | None
    caveat: str | None
    refs: list[str]


@dataclass(frozen=True)
class LabCheck:
    """What ``check_lab`` concluded about one result."""

    analyte: Analyte | None
    canonical_value: float | None
    interpretation: Interp | None
    basis: str
    warnings: list[LabWarning]


@dataclass
class LabReport:
    """All labs of one case, interpreted: analyte id -> low | normal | high."""

    interpretations: dict[str, str] = field(default_factory=dict)
    per_lab: list[Interp | None] = field(default_factory=list)
    canonical: dict[str, float] = field(default_factory=dict)
    basis: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    derived: list[DerivedValue] = field(default_factory=list)
    warnings: list[LabWarning] = field(default_factory=list)


def _bands(analyte: Analyte, patient: Patient) -> list[ReferenceRange]:
    age, sex = patient.age_years, patient.sex
    out = []
    for band in analyte.ranges:
        if age is not None and band.age_min is not None and age < band.age_min:
            continue
        if age is not None and band.age_max is not None and age >= band.age_max:
            continue
        if sex is not None and band.sex is not None and band.sex != sex:
            continue
        out.append(band)
    return out


def _against(value: float, comparator: str | None, low: float | None, high: float | None) -> Interp | None:
    """Compare a value (possibly censored by a comparator) with an interval."""
    if comparator in ("<", "<="):
        if low is not None and value <= low:
            return "low"
        return None  # below some value that is not below the range: cannot say
    if comparator in (">", ">="):
        if high is not None and value >= high:
            return "high"
        return None
    if low is not None and value < low:
        return "low"
    if high is not None and value > high:
        return "high"
    if low is None and high is None:
        return None
    return "normal"


def _from_bands(value: float, comparator: str | None, bands: list[ReferenceRange]) -> Interp | None:
    """Interpret against every band that may apply; an answer only when they all agree."""
    answers = {_against(value, comparator, band.low, band.high) for band in bands}
    if len(answers) == 1:
        return answers.pop()
    return None


def check_lab(lab: Lab, patient: Patient, bundle: KnowledgeBundle, *, where: str | None = None) -> LabCheck:
    """Check one result: unit, plausibility, and interpretation with its basis."""
    analyte = bundle.analytes.get(lab.analyte)
    warnings: list[LabWarning] = []
    stated: Interp | None = lab.interpretation
    if stated is None and lab.qualitative:
        stated = _QUALITATIVE.get(lab.qualitative.strip().lower())
    if analyte is None:
        warnings.append(
            LabWarning("lab_unknown_analyte", f"{lab.analyte!r} is not an analyte in the knowledge base", where)
        )
        return LabCheck(None, None, stated, "stated" if stated else "none", warnings)
    if lab.value is None:
        return LabCheck(analyte, None, stated, "stated" if stated else "none", warnings)

    canonical: float | None = None
    if lab.unit and analyte.units:
        try:
            canonical, accepted = to_canonical(analyte, lab.value, lab.unit)
        except UnitProblem:
            allowed = ", ".join(u.symbol for u in analyte.units)
            warnings.append(
                LabWarning(
                    "lab_unit_invalid",
                    f"{analyte.label}: unit {lab.unit!r} cannot express this analyte (allowed: {allowed}); "
                    "value not interpreted",
                    where,
                )
            )
            return LabCheck(analyte, None, None, "none", warnings)
        if not accepted:
            allowed = ", ".join(u.symbol for u in analyte.units)
            warnings.append(
                LabWarning(
                    "lab_unit_unusual",
                    f"{analyte.label}: {lab.value:g} {lab.unit} is in a unit this analyte is not reported in "
                    f"(allowed: {allowed}); check the unit",
                    where,
                )
            )
    elif not lab.unit and analyte.units:
        warnings.append(
            LabWarning(
                "lab_unit_missing",
                f"{analyte.label}: value {lab.value:g} has no unit; assumed {analyte.canonical_unit}",
                where,
            )
        )
        canonical = lab.value

    plaus = analyte.plausible
    if canonical is not None and plaus is not None and not (plaus.low <= canonical <= plaus.high):
        warnings.append(
            LabWarning(
                "lab_implausible",
                f"{analyte.label}: {lab.value:g} {lab.unit or ''} = {canonical:.4g} {analyte.canonical_unit} is "
                f"outside the plausible range {plaus.low:g}-{plaus.high:g} {analyte.canonical_unit}: "
                "probably a unit or transcription error; not interpreted",
                where,
            )
        )
        return LabCheck(analyte, canonical, None, "none", warnings)

    if stated is not None:
        return LabCheck(analyte, canonical, stated, "stated", warnings)
    if lab.reference_low is not None or lab.reference_high is not None:
        return LabCheck(
            analyte,
            canonical,
            _against(lab.value, lab.comparator, lab.reference_low, lab.reference_high),
            "printed range",
            warnings,
        )
    if canonical is None:
        return LabCheck(analyte, None, None, "none", warnings)
    bands = _bands(analyte, patient)
    if not bands:
        return LabCheck(analyte, canonical, None, "none", warnings)
    return LabCheck(analyte, canonical, _from_bands(canonical, lab.comparator, bands), "knowledge range", warnings)


def interpret_lab(lab: Lab, patient: Patient, bundle: KnowledgeBundle) -> Interp | None:
    """The interpretation of one result (None when it cannot be read safely)."""
    return check_lab(lab, patient, bundle).interpretation


def _derive(report: LabReport, case: Case, bundle: KnowledgeBundle) -> None:
    canon = report.canonical
    renal = any(
        f.concept in bundle.conditions and bundle.conditions[f.concept].category == "renal" and f.assertion == "present"
        for f in case.findings
    )
    rule = bundle.rules.get("labs.corrected_calcium")
    if rule is not None and "calcium" in canon and "albumin" in canon:
        ref_alb = rule.number("albumin_reference_g_dl")
        factor = rule.number("factor_mg_dl_per_g_dl")
        value = canon["calcium"] + factor * (ref_alb - canon["albumin"])
        calcium = bundle.analytes["calcium"]
        bands = _bands(calcium, case.patient)
        report.derived.append(
            DerivedValue(
                id="calcium_corrected",
                label="Calcium corrected for albumin",
                value=round(value, 2),
                unit=calcium.canonical_unit,
                method=f"measured Ca + {factor:g} x ({ref_alb:g} - albumin g/dL)",
                interpretation=_from_bands(value, None, bands) if bands else None,
                caveat=rule.text("ckd_caveat") if renal else None,
                refs=list(rule.refs),
            )
        )
    rule = bundle.rules.get("labs.calcium_phosphate_product")
    if rule is not None and "calcium" in canon and "phosphate" in canon:
        threshold = rule.number("threshold")
        value = canon["calcium"] * canon["phosphate"]
        report.derived.append(
            DerivedValue(
                id="calcium_phosphate_product",
                label="Calcium x phosphate product",
                value=round(value, 1),
                unit="mg2/dL2",
                method="total calcium (mg/dL) x phosphate (mg/dL)",
                interpretation="high" if value >= threshold else "below threshold",
                caveat=rule.text("other_thresholds"),
                refs=list(rule.refs),
            )
        )


def interpret_labs(case: Case, bundle: KnowledgeBundle) -> LabReport:
    """Interpret every lab of a case. Several results for one analyte: the most abnormal wins."""
    report = LabReport()
    for index, lab in enumerate(case.labs):
        check = check_lab(lab, case.patient, bundle, where=f"labs[{index}]")
        report.warnings.extend(check.warnings)
        report.per_lab.append(check.interpretation)
        if lab.evidence:
            report.evidence.setdefault(lab.analyte, []).extend(lab.evidence)
        if check.interpretation is None:
            continue
        current = report.interpretations.get(lab.analyte)
        if current is None or _SEVERITY[check.interpretation] > _SEVERITY[current]:
            report.interpretations[lab.analyte] = check.interpretation
            report.basis[lab.analyte] = check.basis
        if check.canonical_value is not None and lab.comparator in (None, "="):
            report.canonical.setdefault(lab.analyte, check.canonical_value)
    _derive(report, case, bundle)
    return report
