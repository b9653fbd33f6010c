"""Treatment options for one case, with cautions evaluated against this patient.

Which treatments apply (``treatments.yaml``):

* scope: the case's subtype is in ``subtypes`` *or* its sub-form is in ``subforms`` (a treatment
  naming neither applies to every calcinosis subtype);
* ``conditions`` narrows the scope: one of them must be an associated condition or a present
  finding of the case.

When the subtype is ``undetermined`` only cause-finding and supportive options (kind ``cause``
or ``supportive``) that are not tied to one subtype, a sub-form or a condition are offered: the
rest depends on the subtype. When the lesion is ``not_calcinosis`` nothing is offered.

Safety (``cautions.yaml``): a caution applies when every field of its ``when`` holds (no field:
always). ``contraindicated`` moves the treatment to the withheld list with the reason; so do
``recommended: false`` and a patient younger than ``age_min``. When the age is unknown an
age-bound caution is shown as a caution (never silently dropped) and the treatment is not
withheld on age alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import TreatmentOption
from calcidx.knowledge.schema import Caution, KnowledgeBundle, Treatment

__all__ = [
    "NOT_CALCINOSIS",
    "UNDETERMINED",
    "UNDETERMINED_KINDS",
    "caution_applies",
    "select_treatments",
]

UNDETERMINED = "undetermined"
NOT_CALCINOSIS = "not_calcinosis"
#: Treatment kinds offered before the subtype is known: finding and treating the cause, support.
UNDETERMINED_KINDS = frozenset({"cause", "supportive"})


@dataclass
class _Verdict:
    cautions: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)


def caution_applies(caution: Caution, facts: CaseFacts, conditions: set[str]) -> bool | None:
    """Whether a caution's ``when`` holds for this patient.

    Returns:
        True or False; None when it could apply but the patient's age is unknown (every other
        field holds).
    """
    when = caution.when
    if when.conditions_any and not set(when.conditions_any) & conditions:
        return False
    if when.labs_any and not any(_lab_holds(item, facts) for item in when.labs_any):
        return False
    if when.age_below is None:
        return True
    if facts.age is None:
        return None
    return facts.age < when.age_below


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
        )
    scoped = bool(treatment.subtypes or treatment.subforms)
    in_scope = subtype in treatment.subtypes or (subform is not None and subform in treatment.subforms)
    if scoped and not in_scope:
        return False
    return not treatment.conditions or bool(set(treatment.conditions) & conditions)


def _judge(treatment: Treatment, bundle: KnowledgeBundle, facts: CaseFacts, conditions: set[str]) -> _Verdict:
    verdict = _Verdict()
    if not treatment.recommended:
        reason = "not recommended by its sources"
        verdict.withheld.append(f"{reason}: {treatment.response}" if treatment.response else reason)
    if treatment.age_min is not None:
        if facts.age is not None and facts.age < treatment.age_min:
            verdict.withheld.append(f"patient is {facts.age:g} years old; minimum age {treatment.age_min:g} years")
        elif facts.age is None:
            verdict.cautions.append(f"Minimum age {treatment.age_min:g} years; the patient's age is not recorded.")
    for caution_id in treatment.cautions:
        caution = bundle.cautions[caution_id]
        applies = caution_applies(caution, facts, conditions)
        if applies is False:
            continue
        text = caution.text
        if applies is None:
            text = f"{text} (applies below age {caution.when.age_below:g} years; the patient's age is not recorded)"
            verdict.cautions.append(text)
        elif caution.effect == "contraindicated":
            verdict.withheld.append(f"contraindicated: {text}")
        else:
            verdict.cautions.append(text)
        verdict.refs.extend(caution.refs)
    return verdict


def _option(treatment: Treatment, verdict: _Verdict, *, withheld: bool) -> TreatmentOption:
    refs = list(dict.fromkeys([*treatment.refs, *treatment.dose_refs, *verdict.refs]))
    cautions = [f"Withheld: {reason}" for reason in verdict.withheld] if withheld else []
    return TreatmentOption(
        id=treatment.id,
        label=treatment.label,
        evidence_level=treatment.evidence_level,
        dose=treatment.dose,
        response=treatment.response,
        recommended=not withheld,
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
        facts: the case's facts (age, present concepts, interpreted labs).
        bundle: the knowledge bundle (treatments and cautions).
        subtype: the pathway's subtype code (``undetermined`` and ``not_calcinosis`` included).
        subform: the sub-form id, if one was called.
        conditions: the associated condition ids the pathway found.

    Returns:
        ``(offered, withheld)``, each ordered by evidence (``Treatment.rank``, then label).
        Offered options carry the cautions that apply to this patient; withheld ones carry the
        reason (``Withheld: ...``) first. A treatment the knowledge base contraindicates for
        this patient, one marked ``recommended: false`` and one below its minimum age are never
        offered.
    """
    context = set(conditions) | facts.present
    offered: list[TreatmentOption] = []
    withheld: list[TreatmentOption] = []
    for treatment in sorted(bundle.treatments.values(), key=lambda t: (t.rank, t.label)):
        if not _applies(treatment, subtype, subform, context):
            continue
        verdict = _judge(treatment, bundle, facts, context)
        if verdict.withheld:
            withheld.append(_option(treatment, verdict, withheld=True))
        else:
            offered.append(_option(treatment, verdict, withheld=False))
    return offered, withheld
