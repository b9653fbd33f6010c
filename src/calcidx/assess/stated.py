"""The source's stated diagnosis beside the pathway's call, and each condition's role.

The pathway decides from the findings; the authors' (or clinician's) own diagnosis is reported
next to it, never instead of it. When the two differ, the warning names the facts behind the
pathway's call and what the stated subtype would need that the case does not show.
"""

from __future__ import annotations

from calcidx.assess.model import ConditionRole, MissingTest, RuleStep, StatedDiagnosis, Warning
from calcidx.case.model import Case, Evidence
from calcidx.case.model import StatedDiagnosis as CaseStated
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["condition_roles", "stated_diagnosis", "stated_warning"]

_ADOPTED = "subtype.stated_by_source"
_PRESENT = ("present", "historical")


def _case_statement(case: Case) -> CaseStated | None:
    """The case's statement; a form or JSON case may give only ``stated_subtype`` / the text."""
    if case.stated is not None:
        return case.stated
    if case.stated_subtype is None and case.stated_subform is None and not case.diagnosis_as_written:
        return None
    return CaseStated(
        subtype=case.stated_subtype,
        subform=case.stated_subform,
        text=case.diagnosis_as_written or case.stated_subtype or case.stated_subform or "",
        where="form",
    )


def _adopted(steps: list[RuleStep], subtype: str) -> bool:
    """Whether the pathway took its subtype from the statement because the findings did not decide
    (the same rule adopting only the stated sub-form leaves the subtype to the findings)."""
    return any(
        s.fired and s.rule.split("@")[0] == _ADOPTED and any(f.kind == "stated" and f.id == subtype for f in s.facts)
        for s in steps
    )


def _facts_behind(subtype: str, steps: list[RuleStep]) -> list[str]:
    """The facts of the fired steps that argue for ``subtype`` (or identify a look-alike)."""
    prefixes = ("lesion.lookalike",) if subtype == "not_calcinosis" else (f"subtype.{subtype}.",)
    out: list[str] = []
    for step in steps:
        if not step.fired or not step.rule.startswith(prefixes):
            continue
        for fact in step.facts:
            out.append(f"{fact.label}: {fact.value}" if fact.value else fact.label)
        if not step.facts:
            out.append(step.title)
    return list(dict.fromkeys(out))


def _needed_for(subtype: str, steps: list[RuleStep], kb: KnowledgeBundle, missing: list[MissingTest]) -> list[str]:
    """What the stated subtype would rest on that the case does not show: its rules that did not
    fire, then the tests not done."""
    fired = {s.rule.split("@")[0] for s in steps if s.fired}
    out = [rule.title for rid, rule in kb.rules.items() if rid.startswith(f"subtype.{subtype}.") and rid not in fired]
    out += [f"test not done: {test.label}" for test in missing]
    return list(dict.fromkeys(out))


def stated_diagnosis(
    case: Case,
    pathway_subtype: str,
    steps: list[RuleStep],
    kb: KnowledgeBundle,
    missing: list[MissingTest],
) -> StatedDiagnosis | None:
    """The case's stated diagnosis with its concordance to the pathway's call (None when none is stated)."""
    statement = _case_statement(case)
    if statement is None:
        return None
    data = statement.model_dump()
    if statement.subtype is None:
        concordance = "no_subtype"
    elif pathway_subtype == "undetermined" or _adopted(steps, statement.subtype):
        concordance = "findings_undecided"
    elif pathway_subtype == statement.subtype:
        concordance = "agrees"
    else:
        concordance = "differs"
    conflicts: list[str] = []
    needed: list[str] = []
    if concordance == "differs" and statement.subtype is not None:
        conflicts = _facts_behind(pathway_subtype, steps)
        needed = _needed_for(statement.subtype, steps, kb, missing)
    findings_call = None if concordance == "findings_undecided" else pathway_subtype
    data.update(concordance=concordance, pathway_subtype=findings_call, conflicts=conflicts, missing=needed)
    return StatedDiagnosis.model_validate(data)


def stated_warning(stated: StatedDiagnosis) -> Warning | None:
    """The warning for a stated diagnosis the findings do not reach (None when they agree)."""
    if stated.concordance != "differs":
        return None
    parts = [f"The source states {stated.subtype} ({stated.text!r}); the findings point to {stated.pathway_subtype}"]
    if stated.conflicts:
        parts.append("In conflict: " + "; ".join(stated.conflicts[:6]))
    if stated.missing:
        parts.append(f"Missing for {stated.subtype}: " + "; ".join(stated.missing[:6]))
    return Warning(code="stated_diagnosis_differs", message=". ".join(parts) + ".", field="stated")


def condition_roles(
    case: Case,
    subtype: str,
    associated: list[str],
    kb: KnowledgeBundle,
    considered: frozenset[str] = frozenset(),
) -> list[ConditionRole]:
    """Every condition of the history (present or past), and every exposure that can cause a
    subtype (burn, trauma, infusion), each with its role for this case.

    ``cause``: the pathway used it for the subtype, or the knowledge links it to that subtype;
    ``possible_cause``: the knowledge links it to another subtype, or lists it as a calciphylaxis
    risk while calciphylaxis is considered (the subtype or one of the ``considered`` alternatives);
    ``possible_cause_of`` names that subtype. ``comorbidity``: anything else. A drug or exposure
    whose only link is a calciphylaxis risk, in a case where calciphylaxis is not considered, has no
    role (prednisolone for juvenile dermatomyositis is a treatment there, not a cause).
    """
    evidence: dict[str, list[Evidence]] = {}
    for finding in case.findings:
        if finding.assertion in _PRESENT and finding.concept in kb.conditions:
            evidence.setdefault(finding.concept, []).extend(finding.evidence)
    for exposure in case.exposures:
        # exposures that can cause a subtype (burn, trauma, infusion, transplant) are part of the history
        known = kb.exposures.get(exposure.concept)
        if exposure.assertion in _PRESENT and known is not None and (known.points_to or known.calciphylaxis_risk):
            evidence.setdefault(exposure.concept, []).extend(exposure.evidence)
    for concept in associated:
        evidence.setdefault(concept, [])
    roles: list[ConditionRole] = []
    for concept, spans in evidence.items():
        item = kb.concept(concept)
        if item is None:
            continue
        condition = kb.conditions.get(concept) or kb.exposures.get(concept)
        points_to = condition.points_to if condition is not None else None
        risk = condition.calciphylaxis_risk if condition is not None else None
        linked = points_to is not None and points_to == subtype
        cause_of: str | None = None
        if concept in associated or linked or (risk and subtype == "calciphylaxis"):
            role = "cause"
        elif points_to is not None:
            role, cause_of = "possible_cause", points_to
        elif risk and "calciphylaxis" in considered:
            role, cause_of = "possible_cause", "calciphylaxis"
        elif concept in kb.conditions:
            role = "comorbidity"
        else:
            continue  # an exposure whose only link is a calciphylaxis risk, calciphylaxis not considered
        roles.append(
            ConditionRole.model_validate(
                {
                    "id": concept,
                    "kind": "condition" if concept in kb.conditions else "exposure",
                    "label": item.label,
                    "role": role,
                    "points_to": points_to,
                    "possible_cause_of": cause_of,
                    "evidence": spans[:3],
                }
            )
        )
    order = {"cause": 0, "possible_cause": 1, "comorbidity": 2}
    return sorted(roles, key=lambda r: order[r.role])
