"""Lab interpretation: units, plausibility, reference ranges, and derived values.

Interpretation prefers the range printed with the result; otherwise it uses the knowledge-base
range for the patient's age and sex. Values in a unit the analyte is never reported in, or
outside physiological plausibility, become warnings and are not interpreted: "serum calcium
< 8.0 ng/ml" is a unit error, not hypocalcaemia.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from calcidx.case.age import may_be_aged
from calcidx.case.model import Case, Evidence, Lab, Patient
from calcidx.case.unit_systems import System, neighbour_systems, unit_system
from calcidx.case.units import UnitProblem, canonical_factor
from calcidx.knowledge.schema import Analyte, KnowledgeBundle, ReferenceRange, Threshold
from calcidx.knowledge.schema import Rule as ReasoningRule

__all__ = [
    "DerivedValue",
    "LabCheck",
    "LabReport",
    "LabWarning",
    "check_lab",
    "interpret_lab",
    "interpret_labs",
    "reference_bands",
    "renal_impairment",
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
    #: every plausible result of each analyte in its canonical unit, in the case's order
    canonical_values: dict[str, list[float]] = field(default_factory=dict)
    basis: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    derived: list[DerivedValue] = field(default_factory=list)
    warnings: list[LabWarning] = field(default_factory=list)
    #: calcium status read from ionized calcium, else albumin-corrected, else total calcium
    calcium_status: str | None = None
    #: which of the three the status was read from ("ionized", "albumin-corrected", "total")
    calcium_basis: str | None = None


#: (analyte id, canonical unit, molar mass, printed unit) -> (factor, accepted) or the unit problem.
#: Lab units are multiplicative (no offsets), so one conversion of 1.0 gives the factor; parsing a
#: unit with pint costs far more than the pathway itself.
_FACTORS: dict[tuple[str, str, float | None, str], tuple[float, bool] | UnitProblem] = {}


def _to_canonical(analyte: Analyte, value: float, unit: str) -> tuple[float, bool]:
    key = (analyte.id, analyte.canonical_unit, analyte.molar_mass_g_per_mol, unit)
    known = _FACTORS.get(key)
    if known is None:
        try:
            known = canonical_factor(analyte, unit)
        except UnitProblem as problem:
            known = problem
        _FACTORS[key] = known
    if isinstance(known, UnitProblem):
        raise known
    factor, accepted = known
    return value * factor, accepted


def reference_bands(analyte: Analyte, patient: Patient) -> list[ReferenceRange]:
    """The knowledge reference ranges of ``analyte`` that apply to the patient's age and sex (all of
    them for what is not recorded)."""
    sex = patient.sex
    out = []
    for band in analyte.ranges:
        if not may_be_aged(patient, band.age_min, band.age_max):
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


def _readings(
    analyte: Analyte, ranged: Analyte, value: float, comparator: str | None, patient: Patient
) -> list[tuple[str, float, Interp | None]]:
    """(unit, canonical value, interpretation) for each unit in which a unitless value is plausible
    (``ranged``: the analyte whose plausible limits and reference ranges it is read against)."""
    plaus = analyte.plausible or ranged.plausible
    bands = reference_bands(ranged, patient)
    readings: list[tuple[str, float, Interp | None]] = []
    for unit in analyte.units:
        try:
            canonical, _ = _to_canonical(analyte, value, unit.symbol)
        except UnitProblem:
            continue
        if plaus is not None and not (plaus.low <= canonical <= plaus.high):
            continue
        readings.append((unit.symbol, canonical, _from_bands(canonical, comparator, bands) if bands else None))
    return readings


def _without_unit(
    analyte: Analyte,
    ranged: Analyte,
    value: float,
    comparator: str | None,
    patient: Patient,
    system: System | None,
    stated: Interp | None,
) -> tuple[float | None, str]:
    """The canonical value of a result given without a unit, and the warning that says how it was read.

    The value is read in each unit the analyte is reported in; the units in which it is plausible
    are kept. One such unit, or several that give the same interpretation, read it; several that
    disagree ("calcium 2.4" is low in mg/dL and normal in mmol/L) leave it uninterpreted: a guess
    would be a confident wrong answer half the time, unless the results written beside it are in
    one unit ``system`` and exactly one of those units belongs to it; an interpretation the report
    states itself (``stated``: a flag "(H)", "raised") is then the reading. With no plausible unit the
    canonical unit is assumed (the plausibility check then rejects the value).
    """
    readings = _readings(analyte, ranged, value, comparator, patient)
    if not readings:
        return value, f"{analyte.label}: value {value:g} has no unit; assumed {analyte.canonical_unit}"
    answers = {interp for _, _, interp in readings}
    if len(answers) == 1:
        symbol, canonical, _ = next((r for r in readings if r[0] == analyte.canonical_unit), readings[0])
        if len(readings) == 1:
            return canonical, f"{analyte.label}: value {value:g} has no unit; read as {symbol}, the only plausible unit"
        units = " or ".join(r[0] for r in readings)
        return canonical, f"{analyte.label}: value {value:g} has no unit; read alike as {units}"
    in_system = [r for r in readings if system is not None and unit_system(r[0]) == system]
    if len(in_system) == 1:
        symbol, canonical, _ = in_system[0]
        return canonical, (
            f"{analyte.label}: value {value:g} has no unit; read as {symbol}, the unit system ({system}) of the "
            "results written beside it"
        )
    ways = "; ".join(f"{interp or 'not interpretable'} in {symbol}" for symbol, _, interp in readings)
    reading = f"read as {stated}, as the report states it" if stated is not None else "not interpreted"
    return None, (
        f"{analyte.label}: value {value:g} has no unit and reads differently by unit ({ways}): {reading}; give the unit"
    )


def _ranged(analyte: Analyte, bundle: KnowledgeBundle) -> Analyte:
    """The analyte whose reference ranges and plausible limits ``analyte`` is read against: its
    ``ranges_from`` (a reported corrected calcium against total calcium's) when that one is in the
    same canonical unit, else itself."""
    source = bundle.analytes.get(analyte.ranges_from) if analyte.ranges_from else None
    return source if source is not None and source.canonical_unit == analyte.canonical_unit else analyte


def check_lab(
    lab: Lab, patient: Patient, bundle: KnowledgeBundle, *, where: str | None = None, system: System | None = None
) -> LabCheck:
    """Check one result: unit, plausibility, and interpretation with its basis (``system``: the unit
    system of the results written beside it, for a value given without a unit)."""
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
    ranged = _ranged(analyte, bundle)

    canonical: float | None = None
    if lab.unit and analyte.units:
        try:
            canonical, accepted = _to_canonical(analyte, lab.value, lab.unit)
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
    elif not lab.unit and analyte.unitless:
        canonical = lab.value  # a ratio (the ankle-brachial index) has no unit to give
    elif not lab.unit and analyte.units:
        canonical, note = _without_unit(analyte, ranged, lab.value, lab.comparator, patient, system, stated)
        warnings.append(LabWarning("lab_unit_missing", note, where))

    plaus = analyte.plausible or ranged.plausible
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

    for alert in analyte.alerts:
        if canonical is not None and canonical >= alert.above:
            warnings.append(
                LabWarning(
                    "lab_alert",
                    f"{analyte.label}: {lab.value:g} {lab.unit or ''} = {canonical:.4g} {analyte.canonical_unit}: "
                    f"{alert.message} (at or above {alert.above:g} {analyte.canonical_unit})",
                    where,
                )
            )
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
    bands = reference_bands(ranged, patient)
    if not bands:
        return LabCheck(analyte, canonical, None, "none", warnings)
    return LabCheck(analyte, canonical, _from_bands(canonical, lab.comparator, bands), "knowledge range", warnings)


def interpret_lab(lab: Lab, patient: Patient, bundle: KnowledgeBundle) -> Interp | None:
    """The interpretation of one result (None when it cannot be read safely)."""
    return check_lab(lab, patient, bundle).interpretation


def renal_impairment(case: Case, bundle: KnowledgeBundle, interpretations: dict[str, str]) -> bool:
    """Impaired renal function: a condition that means it (CKD, ESRD, dialysis), or the labs say so
    (a raised creatinine; an eGFR below the rule's cut-off, ``egfr_impaired_below`` of
    subtype.metastatic.renal: eGFR has no reference range to be "low" against)."""
    marked = any(
        f.concept in bundle.conditions
        and bundle.conditions[f.concept].renal_impairment
        and f.assertion in ("present", "historical")
        for f in case.findings
    )
    return (
        marked
        or interpretations.get("creatinine") == "high"
        or interpretations.get("egfr") == "low"
        or _egfr_below_cutoff(case, bundle)
    )


def _egfr_below_cutoff(case: Case, bundle: KnowledgeBundle) -> bool:
    """An eGFR result below the cut-off (every unit eGFR is reported in has the same scale)."""
    rule = bundle.rules.get("subtype.metastatic.renal")
    if rule is None or "egfr_impaired_below" not in rule.params:
        return False
    cutoff = rule.number("egfr_impaired_below")
    return any(
        lab.analyte == "egfr"
        and lab.value is not None
        and lab.comparator in (None, "=", "<", "<=")
        and lab.value < cutoff
        for lab in case.labs
    )


def _product_threshold(rule: ReasoningRule, case: Case, ckd: bool) -> Threshold | None:
    """The Ca x P threshold that applies to this patient (CKD adult, CKD child by age, or general)."""
    age = case.patient.age_years
    want = "general"
    if ckd:
        want = "ckd_adult"
        if age is not None and age < rule.number("child_age_below"):
            want = "ckd_child_over_12" if age > rule.number("adolescent_age_above") else "ckd_child_12_or_under"
    return next((t for t in rule.thresholds if t.applies == want), None)


def _product_statement(value: float, applied: Threshold, rule: ReasoningRule) -> str:
    """'66.6 mg2/dL2 is below the 70 mg2/dL2 threshold applied (...); at or above 60 [BIO] ...'."""
    side = "at or above" if value >= applied.value else "below"
    refs = ", ".join(applied.refs)
    text = f"{value:g} mg2/dL2 is {side} the {applied.value:g} mg2/dL2 threshold applied ({applied.label} [{refs}])"
    others = []
    for t in rule.thresholds:
        if t is applied or t.applies.startswith("ckd_child") or t.applies == applied.applies:
            continue
        rel = "at or above" if value >= t.value else "below"
        others.append(f"{rel} {t.value:g} ({t.label} [{', '.join(t.refs)}])")
    return text + (f"; {'; '.join(others)}" if others else "")


def _derive(report: LabReport, case: Case, bundle: KnowledgeBundle) -> None:
    canon = report.canonical
    renal = renal_impairment(case, bundle, report.interpretations)
    rule = bundle.rules.get("labs.corrected_calcium")
    corrected: str | None = None
    if rule is not None and "calcium" in canon and "albumin" in canon:
        ref_alb = rule.number("albumin_reference_g_dl")
        factor = rule.number("factor_mg_dl_per_g_dl")
        value = canon["calcium"] + factor * (ref_alb - canon["albumin"])
        calcium = bundle.analytes["calcium"]
        bands = reference_bands(calcium, case.patient)
        corrected = _from_bands(value, None, bands) if bands else None
        report.derived.append(
            DerivedValue(
                id="calcium_corrected",
                label="Calcium corrected for albumin",
                value=round(value, 2),
                unit=calcium.canonical_unit,
                method=f"measured Ca + {factor:g} x ({ref_alb:g} - albumin g/dL)",
                interpretation=corrected,
                caveat=rule.text("ckd_caveat") if renal else None,
                refs=list(rule.refs),
            )
        )
    _estimate_egfr(report, case, bundle)
    interp = report.interpretations
    if interp.get("calcium_ionized"):
        report.calcium_status, report.calcium_basis = interp["calcium_ionized"], "ionized"
    elif interp.get("calcium_corrected"):
        report.calcium_status, report.calcium_basis = interp["calcium_corrected"], "albumin-corrected"
    elif corrected is not None:
        report.calcium_status, report.calcium_basis = corrected, "albumin-corrected"
    elif interp.get("calcium"):
        report.calcium_status, report.calcium_basis = interp["calcium"], "total"
    rule = bundle.rules.get("labs.calcium_phosphate_product")
    if rule is None:
        return
    if "calcium" in canon and "phosphate" in canon:
        value = round(canon["calcium"] * canon["phosphate"], 1)
        how = "total calcium (mg/dL) x phosphate (mg/dL)"
    elif "ca_x_p_product" in canon:  # only the product is reported ("Ca x P 82 mg2/dL2")
        value, how = round(canon["ca_x_p_product"], 1), "as reported (mg2/dL2)"
    else:
        return
    applied = _product_threshold(rule, case, renal)
    if applied is not None:
        report.derived.append(
            DerivedValue(
                id="calcium_phosphate_product",
                label="Calcium x phosphate product",
                value=value,
                unit="mg2/dL2",
                method=f"{how}; threshold applied: {applied.value:g} mg2/dL2",
                interpretation="high" if value >= applied.value else "below threshold",
                caveat=_product_statement(value, applied, rule) + ".",
                refs=list(dict.fromkeys([*applied.refs, *rule.refs])),
            )
        )


def _estimate_egfr(report: LabReport, case: Case, bundle: KnowledgeBundle) -> None:
    """An adult's eGFR from creatinine, age and sex (``labs.egfr_from_creatinine``), when no eGFR is recorded.

    Of several creatinine results ("baseline 0.8, now 3.1") the highest is used: the estimate decides
    which options the kidneys allow, and the worst function recorded is the safe one to weigh."""
    rule = bundle.rules.get("labs.egfr_from_creatinine")
    age, sex = case.patient.age_years, case.patient.sex
    creatinine = max(report.canonical_values.get("creatinine") or [0.0]) or None
    if rule is None or creatinine is None or "egfr" in report.canonical or age is None or sex not in ("female", "male"):
        return
    if any(lab.analyte == "egfr" for lab in case.labs) or age < rule.number("adult_age_min") or creatinine <= 0:
        return
    kappa, alpha = rule.number(f"kappa_{sex}"), rule.number(f"alpha_{sex}")
    ratio = creatinine / kappa
    value = (
        rule.number("scale")
        * min(ratio, 1.0) ** alpha
        * max(ratio, 1.0) ** rule.number("upper_exponent")
        * rule.number("age_base") ** age
        * (rule.number("female_factor") if sex == "female" else 1.0)
    )
    report.derived.append(
        DerivedValue(
            id="egfr_estimated",
            label="eGFR estimated from creatinine (CKD-EPI 2021)",
            value=round(value, 1),
            unit="mL/min/1.73 m2",
            method=f"CKD-EPI 2021 creatinine equation: creatinine {creatinine:g} mg/dL"
            + (" (the highest recorded)" if len(report.canonical_values["creatinine"]) > 1 else "")
            + f", age {age:g}, {sex}",
            interpretation=None,
            caveat="An estimate: a measured eGFR, or creatinine with cystatin C, is better near a drug's limit.",
            refs=list(rule.refs),
        )
    )


def _anchor(lab: Lab, patient: Patient, bundle: KnowledgeBundle) -> System | None:
    """The unit system a result is known to be written in: its unit's, or, with no unit, that of the
    only unit in which its value is plausible ("Ca 9.1": mg/dL)."""
    if lab.unit:
        return unit_system(lab.unit)
    analyte = bundle.analytes.get(lab.analyte)
    if analyte is None or lab.value is None or not analyte.units:
        return None
    readings = _readings(analyte, _ranged(analyte, bundle), lab.value, lab.comparator, patient)
    return unit_system(readings[0][0]) if len(readings) == 1 else None


def interpret_labs(case: Case, bundle: KnowledgeBundle) -> LabReport:
    """Interpret every lab of a case. Several results for one analyte: the most abnormal wins."""
    report = LabReport()
    systems = neighbour_systems(case.labs, [_anchor(lab, case.patient, bundle) for lab in case.labs])
    for index, lab in enumerate(case.labs):
        check = check_lab(lab, case.patient, bundle, where=f"labs[{index}]", system=systems[index])
        report.warnings.extend(check.warnings)
        report.per_lab.append(check.interpretation)
        if lab.evidence:
            report.evidence.setdefault(lab.analyte, []).extend(lab.evidence)
        # a plausible value counts even where no range interprets it (a reported Ca x P product,
        # which the product rule's thresholds weigh)
        plausible = all(w.code != "lab_implausible" for w in check.warnings)
        if check.canonical_value is not None and plausible and lab.comparator in (None, "="):
            report.canonical.setdefault(lab.analyte, check.canonical_value)
            report.canonical_values.setdefault(lab.analyte, []).append(check.canonical_value)
        if check.interpretation is None:
            continue
        current = report.interpretations.get(lab.analyte)
        if current is None or _SEVERITY[check.interpretation] > _SEVERITY[current]:
            report.interpretations[lab.analyte] = check.interpretation
            report.basis[lab.analyte] = check.basis
    _derive(report, case, bundle)
    return report
