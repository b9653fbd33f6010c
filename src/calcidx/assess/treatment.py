"""Treatment options for one case, checked against this patient, and actions on current drugs.

Which treatments apply (``treatments.yaml``):

* scope: the case's subtype is in ``subtypes`` *or* its sub-form is in ``subforms`` (a treatment
  naming neither applies to every calcinosis subtype);
* ``conditions`` narrows the scope: one of them must be an associated condition or a present
  finding of the case;
* ``requires.labs_any`` (e.g. ``phosphate:high``): one must hold. A lab that was not measured
  withholds the option with "<analyte> not measured", one whose value could not be read safely with
  "<analyte> measured but not interpreted": an option that depends on a value is never offered on a
  guess.

When the subtype is ``undetermined`` only cause-finding and supportive options (kind ``cause``
or ``supportive``) that are not tied to one subtype, a sub-form or a condition are offered: the
rest depends on the subtype. When the lesion is ``not_calcinosis`` nothing is offered.

Whom an option excludes (``cautions.yaml``): a caution applies when every field of its ``when``
holds (no field: always). ``contraindicated`` and ``withhold`` move the option to the withheld
list with the caution's text as the reason; so do ``recommended: false`` and a patient younger
than ``age_min``. When a fact the caution needs is not recorded (age, pregnancy or lactation of
a patient who is not male, eGFR in kidney disease of unstated severity), an excluding caution
is shown as a conditional caution ("... not recorded"), never silently dropped, and the option
is not withheld on a guess. A reported dose is never shown to a patient younger than
``dose_age_min``, and a withheld option never shows a dose.

Actions (``medications.yaml``): a drug the patient currently takes whose ``review_in`` names the
subtype gets its ``review_action`` (for calciphylaxis: warfarin, calcium-based binders, active
vitamin D).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import MedicationAction, TreatmentOption
from calcidx.knowledge.schema import Caution, CautionWhen, KnowledgeBundle, Treatment

__all__ = [
    "NOT_CALCINOSIS",
    "UNDETERMINED",
    "UNDETERMINED_KINDS",
    "caution_applies",
    "caution_unknowns",
    "current_medications",
    "measured_egfr",
    "medication_actions",
    "select_treatments",
]

UNDETERMINED = "undetermined"
NOT_CALCINOSIS = "not_calcinosis"
#: Treatment kinds offered before the subtype is known: finding and treating the cause, support.
UNDETERMINED_KINDS = frozenset({"cause", "supportive"})
#: Caution effects that keep an option from being offered.
EXCLUDING = frozenset({"contraindicated", "withhold"})
_EFFECT_WORD = {"contraindicated": "contraindicated", "withhold": "not offered"}


@dataclass
class _Verdict:
    cautions: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    dose_hidden: bool = False


def _age_text(age: float) -> str:
    if age < 1:
        days = round(age * 365.25)
        return f"{days} days" if days < 60 else f"{age * 12:.0f} months"
    return f"{age:g} years"


def _age_unknown(facts: CaseFacts, verb: str = "") -> str:
    """How the record leaves the age open ("age not recorded", or told only as a span); ``verb``
    ("is") makes it a clause."""
    span = facts.case.patient.age_range
    verb = f"{verb} " if verb else ""
    if span is None:
        return f"age {verb}not recorded"
    told = facts.case.patient.age_text or f"{span.low:g} to {span.high:g} years"
    return f"age {verb}recorded only as {told!r}"


def measured_egfr(facts: CaseFacts) -> float | None:
    """The lowest eGFR the case records (mL/min/1.73 m2), else the one estimated from creatinine, or None.

    eGFR has no reference range in the knowledge base, so the lab report does not interpret it;
    its value is read here. Every unit ``analytes.yaml`` lists for eGFR is on the mL/min scale,
    so a value with such a unit (or none) is used as printed; any other unit is ignored.
    """
    interpreted = facts.labs_report.canonical.get("egfr")
    values = [interpreted] if interpreted is not None else []
    for lab in facts.case.labs:
        if lab.analyte != "egfr" or lab.value is None:
            continue
        if lab.unit is None or "min" in lab.unit.lower():
            values.append(lab.value)
    if not values:
        # no eGFR recorded: an adult's estimate from creatinine, age and sex (labs.egfr_from_creatinine)
        values = [d.value for d in facts.labs_report.derived if d.id == "egfr_estimated"]
    return min(values) if values else None


def _dated_past(when: CautionWhen, facts: CaseFacts) -> set[str]:
    """The ``current_any`` concepts the record dates ``current_within_years`` or more before the presentation."""
    limit = when.current_within_years
    return set() if limit is None else {c for c in when.current_any if facts.told_before(c, limit)}


def caution_unknowns(
    caution: Caution, facts: CaseFacts, context: set[str], causes: frozenset[str] | None = None
) -> list[str] | None:
    """What the caution needs that this case does not record.

    Args:
        caution: the caution.
        facts: the case's facts.
        context: the concepts present and the associated conditions.
        causes: the associated conditions (the causes the pathway found), for ``causes_only_any``;
            None where no subtype's causes are at hand (the caution then does not apply).

    Returns:
        None when some recorded fact rules the caution out; otherwise the list of facts that are
        not recorded (empty: the caution applies).
    """
    when = caution.when
    patient = facts.case.patient
    if when.conditions_any and not set(when.conditions_any) & context:
        return None
    if when.medications_any and not set(when.medications_any) & context:
        return None
    if when.suspected_any and not set(when.suspected_any) & facts.possible:
        return None
    if when.causes_only_any and not (causes and causes <= set(when.causes_only_any)):
        return None
    # what lifts a caution must be there now: a pacemaker removed last year protects no one
    if when.unless_any and set(when.unless_any) & (context - facts.past):
        return None
    if when.ended_any and not set(when.ended_any) & facts.past:
        return None
    if when.current_any and not set(when.current_any) & (context - facts.past - _dated_past(when, facts)):
        return None
    if when.labs_any and not any(_lab_holds(item, facts) for item in when.labs_any):
        return None
    if when.given_any and not set(when.given_any) & {
        t.concept for t in facts.case.treatments if t.concept and t.status != "planned"
    }:
        return None
    unknown: list[str] = []
    if when.age_below is not None:
        younger = facts.younger_than(when.age_below)
        if younger is None:
            unknown.append(f"{_age_unknown(facts)} (applies below {_age_text(when.age_below)})")
        elif not younger:
            return None
    if when.age_at_least is not None:
        younger = facts.younger_than(when.age_at_least)
        if younger is None:
            unknown.append(f"{_age_unknown(facts)} (applies from {_age_text(when.age_at_least)})")
        elif younger:
            return None
    for name, wanted, status in (
        ("pregnancy", when.pregnant, patient.pregnant),
        ("lactation", when.lactating, patient.lactating),
    ):
        if wanted is None:
            continue
        if status is None:
            if not facts.pregnancy_possible:
                return None  # a man, or a woman past reproductive age
            unknown.append(f"{name} status not recorded")
        elif status != wanted:
            return None
    if when.egfr_below is not None:
        egfr = measured_egfr(facts)
        # a condition that stands for a low GFR (dialysis) but has ended gives way to a measured eGFR
        met = set(when.egfr_met_by) & context
        if met - facts.past:
            pass
        elif egfr is not None:
            if egfr >= when.egfr_below:
                return None
        elif met or set(when.egfr_unknown_with) & context:
            unknown.append(f"eGFR not recorded (applies below {when.egfr_below:g})")
        elif any(_lab_holds(item, facts) for item in when.egfr_unknown_with_labs):
            unknown.append(f"eGFR not recorded but creatinine raised; applies below {when.egfr_below:g}")
        else:
            return None
    return unknown


def caution_applies(caution: Caution, facts: CaseFacts, conditions: set[str]) -> bool | None:
    """Whether a caution's ``when`` holds for this patient.

    Returns:
        True or False; None when every recorded fact fits but one it needs is not recorded
        (age, pregnancy, lactation or eGFR).
    """
    unknown = caution_unknowns(caution, facts, conditions)
    if unknown is None:
        return False
    return None if unknown else True


def _lab_holds(item: str, facts: CaseFacts) -> bool:
    """``"phosphate:high"`` holds when the case's phosphate is interpreted high."""
    analyte, _, interpretation = item.partition(":")
    return facts.labs.get(analyte) == interpretation


def _applies(treatment: Treatment, subtype: str, subform: str | None, conditions: set[str]) -> bool:
    if subtype == NOT_CALCINOSIS:
        return False
    if subtype == UNDETERMINED:
        return (
            treatment.kind in UNDETERMINED_KINDS
            and len(treatment.subtypes) != 1
            and not treatment.subforms
            and not treatment.conditions
            and not treatment.requires.labs_any
        )
    scoped = bool(treatment.subtypes or treatment.subforms)
    in_scope = subtype in treatment.subtypes or (subform is not None and subform in treatment.subforms)
    if scoped and not in_scope:
        return False
    return not treatment.conditions or bool(set(treatment.conditions) & conditions)


def _because(treatment: Treatment, bundle: KnowledgeBundle, facts: CaseFacts, context: set[str]) -> list[str]:
    out: list[str] = []
    for cid in treatment.conditions:
        if cid in context:
            concept = bundle.concept(cid)
            out.append(concept.label if concept else cid)
    for item in treatment.requires.labs_any:
        if _lab_holds(item, facts):
            analyte, _, interp = item.partition(":")
            out.append(f"{_analyte_label(bundle, analyte)} {interp}")
    return out


def _analyte_label(bundle: KnowledgeBundle, analyte: str) -> str:
    return bundle.analytes[analyte].label if analyte in bundle.analytes else analyte


def _requirement_gap(treatment: Treatment, bundle: KnowledgeBundle, facts: CaseFacts) -> str | None:
    """Why the option's lab requirement is not met (None when it is, or there is none)."""
    items = treatment.requires.labs_any
    if not items or any(_lab_holds(item, facts) for item in items):
        return None
    parts: list[str] = []
    for item in items:
        analyte, _, wanted = item.partition(":")
        label = _analyte_label(bundle, analyte)
        found = facts.labs.get(analyte)
        if found is None and any(lab.analyte == analyte for lab in facts.case.labs):
            # a value that could not be read safely (no unit and units that disagree, say)
            parts.append(f"{label} measured but not interpreted (applies only when {wanted})")
        elif found is None:
            parts.append(f"{label} not measured (applies only when {wanted})")
        else:
            parts.append(f"{label} is {found} (applies only when {wanted})")
    return "; ".join(parts)


def _judge(
    treatment: Treatment, bundle: KnowledgeBundle, facts: CaseFacts, context: set[str], causes: frozenset[str]
) -> _Verdict:
    verdict = _Verdict()
    if not treatment.recommended:
        reason = "not recommended by its sources"
        verdict.withheld.append(f"{reason}: {treatment.response}" if treatment.response else reason)
    gap = _requirement_gap(treatment, bundle, facts)
    if gap:
        verdict.withheld.append(gap)
    if treatment.age_min is not None:
        why = f" ({treatment.age_min_reason})" if treatment.age_min_reason else ""
        younger = facts.younger_than(treatment.age_min)
        if younger:
            age = facts.case.patient.age_text if facts.age is None else f"{_age_text(facts.age)} old"
            verdict.withheld.append(f"patient is {age}; minimum age {treatment.age_min:g} years{why}")
        elif younger is None:
            verdict.cautions.append(
                f"Minimum age {treatment.age_min:g} years{why}; the patient's {_age_unknown(facts, 'is')}."
            )
    if treatment.dose and treatment.dose_age_min is not None:
        younger = facts.younger_than(treatment.dose_age_min)
        if younger:
            verdict.dose_hidden = True
            verdict.cautions.append(
                f"Dose not shown: the reported dose is for patients aged {treatment.dose_age_min:g} years "
                "and over; no dose for this age is recorded."
            )
        elif younger is None:
            verdict.cautions.append(
                f"The reported dose is for patients aged {treatment.dose_age_min:g} years and over; "
                f"the patient's {_age_unknown(facts, 'is')}."
            )
    for caution_id in treatment.cautions:
        caution = bundle.cautions[caution_id]
        unknown = caution_unknowns(caution, facts, context, causes)
        if unknown is None:
            continue
        if unknown:
            excluding = caution.effect in EXCLUDING
            needs_exam = any(u.startswith(("age", "eGFR")) for u in unknown)
            if not (excluding or needs_exam):
                continue
            word = _EFFECT_WORD.get(caution.effect, "caution")
            verdict.cautions.append(f"If it applies ({'; '.join(unknown)}), {word}: {caution.text}")
        elif caution.effect in EXCLUDING:
            verdict.withheld.append(f"{_EFFECT_WORD[caution.effect]}: {caution.text}")
        else:
            verdict.cautions.append(caution.text)
        verdict.refs.extend(caution.refs)
    return verdict


def _option(treatment: Treatment, verdict: _Verdict, because: list[str], *, withheld: bool) -> TreatmentOption:
    show_dose = bool(treatment.dose) and not withheld and not verdict.dose_hidden
    dose_refs = treatment.dose_refs if show_dose else []
    refs = list(dict.fromkeys([*treatment.refs, *dose_refs, *verdict.refs]))
    cautions = [f"Withheld: {reason}" for reason in verdict.withheld] if withheld else []
    return TreatmentOption(
        id=treatment.id,
        label=treatment.label,
        evidence_level=treatment.evidence_level,
        dose=treatment.dose if show_dose else None,
        response=treatment.response,
        recommended=not withheld,
        applies_because=because,
        withheld_reasons=list(verdict.withheld) if withheld else [],
        cautions=[*cautions, *verdict.cautions],
        refs=refs,
    )


def select_treatments(
    facts: CaseFacts,
    bundle: KnowledgeBundle,
    *,
    subtype: str,
    subform: str | None,
    conditions: list[str],
) -> tuple[list[TreatmentOption], list[TreatmentOption]]:
    """Treatment options for this case, split into offered and withheld.

    Args:
        facts: the case's facts (age, pregnancy, present concepts, interpreted labs).
        bundle: the knowledge bundle (treatments and cautions).
        subtype: the pathway's subtype code (``undetermined`` and ``not_calcinosis`` included).
        subform: the sub-form id, if one was called.
        conditions: the associated condition ids the pathway found.

    Returns:
        ``(offered, withheld)``, each ordered by evidence (``Treatment.rank``, then label).
        Offered options carry the cautions that apply to this patient; withheld ones carry
        ``withheld_reasons`` (also first in ``cautions`` as ``Withheld: ...``) and no dose. An
        option the sources exclude for this patient, one marked ``recommended: false``, one
        below its minimum age and one whose required lab is unmeasured or not as required are
        never offered.
    """
    # what the patient has now: a condition the record says has ended ("off dialysis since the
    # transplant") is a cause in the history, not a reason for "more frequent dialysis"; it still
    # scopes an option for the calcinosis it left (``conditions_current``)
    history = set(conditions) | facts.present
    context = history - facts.past
    offered: list[TreatmentOption] = []
    withheld: list[TreatmentOption] = []
    for treatment in sorted(bundle.treatments.values(), key=lambda t: (t.rank, t.label)):
        scope = context if treatment.conditions_current else history
        if not _applies(treatment, subtype, subform, scope):
            continue
        verdict = _judge(treatment, bundle, facts, context, frozenset(conditions))
        because = _because(treatment, bundle, facts, scope)
        if verdict.withheld:
            withheld.append(_option(treatment, verdict, because, withheld=True))
        else:
            offered.append(_option(treatment, verdict, because, withheld=False))
    return offered, withheld


def current_medications(facts: CaseFacts) -> set[str]:
    """Concept ids of drugs and exposures the case records as current (assertion ``present``)."""
    case = facts.case
    meds = {m.concept for m in case.medications if m.concept and m.assertion == "present"}
    meds |= {f.concept for f in case.exposures if f.assertion == "present"}
    return meds


def medication_actions(facts: CaseFacts, bundle: KnowledgeBundle, *, subtype: str) -> list[MedicationAction]:
    """What to do about the drugs this patient currently takes, given the subtype.

    A past drug (assertion ``historical``) gets no action: there is nothing left to stop.
    """
    current = current_medications(facts)
    out: list[MedicationAction] = []
    for med in bundle.medications.values():
        if subtype in med.review_in and med.review_action and med.id in current:
            cautions = [bundle.cautions[c] for c in med.cautions]
            applying = [c for c in cautions if caution_unknowns(c, facts, facts.present) == []]
            out.append(
                MedicationAction(
                    medication=med.id,
                    label=facts.labels.get(med.id, med.label),
                    action=med.review_action,
                    evidence=med.evidence,
                    refs=list(dict.fromkeys([*med.refs, *(r for c in applying for r in c.refs)])),
                    cautions=[c.text for c in applying],
                )
            )
    return out
