"""CDS Hooks 2.0 cards from an assessed case (no web framework here; ``cds_hooks`` serves them).

Cards for ``patient-view``:

* the assessment: summary under 140 characters; indicator ``critical`` when calciphylaxis is
  suspected (the call or a competing subtype), ``warning`` when a treatment is withheld for this
  patient or a lab value has a unit or plausibility problem, ``info`` otherwise; the rationale in
  Markdown; a link to the monograph.
* the missing work-up, one suggestion per test with LOINC codes, each creating a draft
  ``ServiceRequest``.
* the cautions: withheld treatments with their reasons, and cautions on offered treatments.

For ``order-select``: a ``warning`` card for each selected draft order whose medication is a
treatment withheld for this patient, with a suggestion to remove the draft.
"""

from __future__ import annotations

import uuid
from typing import Any

from calcidx.assess.model import AssessedCase, Assessment, TreatmentOption
from calcidx.interop._contract import alternatives, withheld_reason
from calcidx.interop.codes import Terminology

__all__ = ["SUMMARY_LIMIT", "assessment_indicator", "order_select_cards", "patient_view_cards"]

#: CDS Hooks: "summary ... SHOULD be under 140 characters".
SUMMARY_LIMIT = 140
_CALCIPHYLAXIS = "calciphylaxis"


def _summary(text: str) -> str:
    return text if len(text) < SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 2].rstrip() + "…"


def _alternative_codes(a: Assessment) -> list[str]:
    return [code for code, _ in alternatives(a)]


def assessment_indicator(a: Assessment) -> str:
    """``critical`` (calciphylaxis suspected), ``warning`` (treatment withheld or lab problem) or ``info``."""
    if a.subtype.code == _CALCIPHYLAXIS or _CALCIPHYLAXIS in _alternative_codes(a):
        return "critical"
    if a.withheld_treatments or any(w.code.startswith("lab_") for w in a.warnings):
        return "warning"
    return "info"


def _source(a: Assessment, monograph_url: str | None) -> dict[str, Any]:
    k = a.knowledge
    source: dict[str, Any] = {
        "label": f"CalciDx {k.calcidx_version} (knowledge {k.bundle_version}, HPO {k.hpo_release})"
    }
    if monograph_url:
        source["url"] = monograph_url
    return source


def _links(a: Assessment, monograph_url: str | None) -> list[dict[str, str]]:
    if not monograph_url:
        return []
    base = monograph_url.rstrip("/")
    code = a.subtype.code
    links = [{"label": "Calcinosis cutis monograph", "url": base, "type": "absolute"}]
    if code in {"dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis"}:
        links.append({"label": f"Monograph: {a.subtype.label}", "url": f"{base}/{code}", "type": "absolute"})
    return links


def _detail(case: AssessedCase) -> str:
    a = case.assessment
    lines = [f"**{a.subtype.label}**" + (f" ({a.subtype.certainty})" if a.subtype.certainty else "")]
    if a.subform:
        lines.append(f"Sub-form: {a.subform.label}")
    alternatives = _alternative_codes(a)
    if alternatives:
        lines.append("Competing subtypes: " + ", ".join(alternatives))
    if a.associated_conditions:
        lines.append("Associated conditions: " + ", ".join(a.associated_conditions))
    lines.append("")
    lines.append("**Reasoning**")
    for step in a.rationale:
        if not step.fired:
            continue
        facts = "; ".join(f"{f.label}" + (f" = {f.value}" if f.value else "") for f in step.facts)
        lines.append(f"- `{step.rule}` {step.title}: {step.conclusion}" + (f" Facts: {facts}." if facts else ""))
        lines.append(f"  Sources: {', '.join(step.refs)}")
    if a.derived_labs:
        lines.append("")
        lines.append("**Derived values**")
        for d in a.derived_labs:
            lines.append(f"- {d.summary}")
    if a.differential:
        lines.append("")
        lines.append("**Differential**")
        for item in a.differential[:5]:
            lines.append(f"- {item.label} ({item.kind})" + (f": test {item.test}" if item.test else ""))
    lines.append("")
    lines.append(f"_{a.disclaimer}_")
    return "\n".join(lines)


def _assessment_card(case: AssessedCase, monograph_url: str | None) -> dict[str, Any]:
    a = case.assessment
    certainty = f" ({a.subtype.certainty})" if a.subtype.certainty else ""
    if a.subtype.code == _CALCIPHYLAXIS:
        summary = f"Calciphylaxis suspected{certainty}: urgent assessment"
    elif _CALCIPHYLAXIS in _alternative_codes(a):
        summary = f"Calcinosis cutis: {a.subtype.label}{certainty}; calciphylaxis not excluded"
    else:
        summary = f"Calcinosis cutis: {a.subtype.label}{certainty}"
    return {
        "uuid": str(uuid.uuid4()),
        "summary": _summary(summary),
        "indicator": assessment_indicator(a),
        "detail": _detail(case),
        "source": _source(a, monograph_url),
        "links": _links(a, monograph_url),
    }


def _workup_card(
    case: AssessedCase, codes: Terminology, patient_ref: str, monograph_url: str | None
) -> dict[str, Any] | None:
    a = case.assessment
    orderable = [m for m in a.missing_workup if m.loinc]
    if not a.missing_workup:
        return None
    suggestions = []
    for test in orderable:
        resource = {
            "resourceType": "ServiceRequest",
            "status": "draft",
            "intent": "proposal",
            "code": {
                "coding": [{"system": codes.uri("loinc"), "code": code} for code in test.loinc],
                "text": test.label,
            },
            "subject": {"reference": patient_ref},
            "reasonCode": [{"text": test.question}],
        }
        suggestions.append(
            {
                "label": _summary(f"Order {test.label}"),
                "uuid": str(uuid.uuid4()),
                "actions": [
                    {"type": "create", "description": f"Order {test.label}: {test.reason}", "resource": resource}
                ],
            }
        )
    lines = [f"- **{m.label}**: {m.question} ({m.reason}; sources {', '.join(m.refs)})" for m in a.missing_workup]
    card: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "summary": _summary(f"Missing work-up for calcinosis cutis: {len(a.missing_workup)} test(s)"),
        "indicator": "info",
        "detail": "\n".join(lines),
        "source": _source(a, monograph_url),
    }
    if suggestions:
        card["suggestions"] = suggestions
        card["selectionBehavior"] = "any"
    return card


def _cautions_card(case: AssessedCase, monograph_url: str | None) -> dict[str, Any] | None:
    a = case.assessment
    withheld = a.withheld_treatments
    cautioned = [t for t in a.treatments if t.cautions]
    if not withheld and not cautioned:
        return None
    lines = [
        f"- **Withheld: {t.label}**: {withheld_reason(t)}"
        + (f" The record reports it already: {t.reported}." if t.reported else "")
        for t in withheld
    ]
    lines += [f"- Caution with {t.label}: {'; '.join(t.cautions)}" for t in cautioned]
    if withheld:
        summary = "Withheld for this patient: " + ", ".join(t.label for t in withheld)
    else:
        summary = "Cautions for " + ", ".join(t.label for t in cautioned)
    return {
        "uuid": str(uuid.uuid4()),
        "summary": _summary(summary),
        "indicator": "warning" if withheld else "info",
        "detail": "\n".join(lines),
        "source": _source(a, monograph_url),
    }


def _medication_card(case: AssessedCase, monograph_url: str | None) -> dict[str, Any] | None:
    """What to do about drugs the patient takes now (warfarin in calciphylaxis), with the cautions."""
    a = case.assessment
    if not a.actions:
        return None
    lines: list[str] = []
    for action in a.actions:
        lines.append(f"- **{action.label}**: {action.action} (sources {', '.join(action.refs)})")
        lines += [f"  - Caution: {caution}" for caution in action.cautions]
    return {
        "uuid": str(uuid.uuid4()),
        "summary": _summary("Review current medication: " + ", ".join(x.label for x in a.actions)),
        "indicator": "warning",
        "detail": "\n".join(lines),
        "source": _source(a, monograph_url),
    }


def patient_view_cards(
    case: AssessedCase, codes: Terminology, *, patient_ref: str, monograph_url: str | None = None
) -> list[dict[str, Any]]:
    """The cards of the ``patient-view`` hook for one assessed case."""
    cards = [_assessment_card(case, monograph_url)]
    for card in (
        _workup_card(case, codes, patient_ref, monograph_url),
        _medication_card(case, monograph_url),
        _cautions_card(case, monograph_url),
    ):
        if card is not None:
            cards.append(card)
    return cards


def _treatment_of(
    concept: dict[str, Any], codes: Terminology, options: list[TreatmentOption]
) -> TreatmentOption | None:
    """The withheld option an ordered medication names: by a code the knowledge holds, else by the
    option's label (the part before any parenthesis) appearing in the order's text."""
    for coding in concept.get("coding") or []:
        known = codes.lookup(coding.get("system"), coding.get("code"))
        if known is not None and known.kind == "treatment":
            for option in options:
                if option.id == known.id:
                    return option
    texts = [str(concept.get("text") or "")] + [str(c.get("display") or "") for c in concept.get("coding") or []]
    words = " ".join(texts).lower()
    for option in options:
        head = option.label.split("(")[0].strip().lower()
        if head and head in words:
            return option
    return None


def order_select_cards(
    case: AssessedCase,
    codes: Terminology,
    *,
    draft_orders: dict[str, Any],
    selections: list[str],
    monograph_url: str | None = None,
) -> list[dict[str, Any]]:
    """``warning`` cards for the selected draft orders that name a treatment withheld for this patient."""
    a = case.assessment
    cards: list[dict[str, Any]] = []
    for entry in draft_orders.get("entry") or []:
        resource = entry.get("resource") or {}
        ref = f"{resource.get('resourceType')}/{resource.get('id')}"
        if selections and ref not in selections:
            continue
        concept = resource.get("medicationCodeableConcept")
        if not isinstance(concept, dict):
            continue
        option = _treatment_of(concept, codes, list(a.withheld_treatments))
        if option is None:
            continue
        ordered = concept.get("text") or option.label
        cards.append(
            {
                "uuid": str(uuid.uuid4()),
                "summary": _summary(f"{ordered}: withheld for this patient"),
                "indicator": "warning",
                "detail": f"**{option.label}** is withheld by CalciDx for this patient: {withheld_reason(option)}\n\n"
                f"Sources: {', '.join(option.refs) or 'see the monograph'}",
                "source": _source(a, monograph_url),
                "selectionBehavior": "at-most-one",
                "suggestions": [
                    {
                        "label": f"Remove the draft order for {ordered}",
                        "uuid": str(uuid.uuid4()),
                        "actions": [
                            {"type": "delete", "description": f"Remove the draft {ordered} order", "resourceId": ref}
                        ],
                    }
                ],
            }
        )
    return cards
