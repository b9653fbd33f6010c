"""What the report page shows: highlighted evidence and an assessment a clinician reads in 30 seconds.

Pure functions from library models to small view objects the templates print; no HTML here (the
templates escape every value). Labels come from the knowledge bundle, never internal ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from calcidx.assess.model import AssessedCase, AssessedDocument, Assessment, DifferentialItem, TreatmentOption
from calcidx.case.model import Evidence
from calcidx.knowledge.schema import KnowledgeBundle
from calcidx.render.age import age_label
from calcidx.render.sections import (
    FIT_TEXT,
    WorkupGroup,
    patient_label,
    reported_treatments,
    split_treatments,
    workup_groups,
)

__all__ = [
    "CaseView",
    "Highlight",
    "Segment",
    "case_views",
    "highlight_segments",
    "label_of",
]

#: Words for the kinds of fact a highlight can be (also the CSS class suffix).
KIND_TEXT: dict[str, str] = {
    "condition": "associated condition",
    "exposure": "exposure or medication",
    "feature": "sign, symptom or finding",
    "lookalike": "look-alike",
    "lab": "laboratory result",
    "lesion": "lesion and site",
    "patient": "age and sex",
    "stated": "stated diagnosis",
    "treatment": "treatment given",
}
#: how a treatment's status shows on its highlight (planned: not yet; stopped: in the past)
_TREATMENT_ASSERTION = {"given": "present", "planned": "hypothetical", "stopped": "historical"}
ASSERTION_TEXT: dict[str, str] = {
    "present": "present",
    "absent": "reported absent",
    "possible": "possible",
    "historical": "in the past",
    "family": "in the family",
    "hypothetical": "hypothetical",
}
_OUTCOME_LABELS = {"undetermined": "Subtype undetermined", "not_calcinosis": "Not calcinosis cutis"}


def label_of(bundle: KnowledgeBundle, key: str) -> str:
    """A person's label for a knowledge id (condition, exposure, feature, subtype, look-alike...)."""
    if key in _OUTCOME_LABELS and key not in bundle.subtypes:
        return _OUTCOME_LABELS[key]
    return bundle.label_of(key)


# ------------------------------------------------------------------------------------- highlights
@dataclass(frozen=True)
class Highlight:
    """One highlighted stretch of the text and what it was read as."""

    kind: str
    assertion: str
    label: str
    trigger: str | None
    case: int
    ident: str

    @property
    def description(self) -> str:
        """The words shown on hover or focus."""
        parts = [self.label, KIND_TEXT.get(self.kind, self.kind)]
        if self.assertion != "present":
            parts.append(ASSERTION_TEXT.get(self.assertion, self.assertion))
        if self.trigger:
            parts.append(f"cue: \u201c{self.trigger}\u201d")
        parts.append(f"patient {self.case}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Segment:
    """A piece of the text: plain (``mark`` None) or highlighted."""

    text: str
    mark: Highlight | None = None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mark: Highlight


def _finding_kind(bundle: KnowledgeBundle, concept: str, default: str) -> str:
    kind = bundle.kind_of(concept)
    return kind if kind in ("condition", "exposure", "lookalike", "feature") else default


def _spans_of_case(case: AssessedCase, bundle: KnowledgeBundle) -> Iterable[tuple[Evidence, Highlight]]:
    n = case.patient_index

    def mark(kind: str, label: str, key: str, assertion: str = "present", trigger: str | None = None) -> Highlight:
        return Highlight(kind=kind, assertion=assertion, label=label, trigger=trigger, case=n, ident=key)

    patient = case.patient
    who = ", ".join(
        part for part in (age_label(patient.age_years) if patient.age_years is not None else None, patient.sex) if part
    )
    for ev in patient.evidence:
        yield ev, mark("patient", who or "patient", "patient")
    for lesion in case.lesions:
        site = lesion.site.replace("_", " ") if lesion.site else "lesion"
        for ev in lesion.evidence:
            yield ev, mark("lesion", site, lesion.site or "lesion")
    for group, default in ((case.findings, "feature"), (case.exposures, "exposure")):
        for finding in group:
            label = finding.label or label_of(bundle, finding.concept)
            kind = _finding_kind(bundle, finding.concept, default)
            for ev in finding.evidence:
                yield ev, mark(kind, label, finding.concept, finding.assertion, finding.trigger)
    for med in case.medications:
        label = label_of(bundle, med.concept) if med.concept else med.name
        for ev in med.evidence:
            yield ev, mark("exposure", label, med.concept or med.name, med.assertion)
    for treatment in case.treatments:
        label = label_of(bundle, treatment.concept) if treatment.concept else treatment.name
        for ev in treatment.evidence:
            yield (
                ev,
                mark("treatment", label, treatment.concept or treatment.name, _TREATMENT_ASSERTION[treatment.status]),
            )
    for lab in case.labs:
        label = label_of(bundle, lab.analyte)
        value = f"{lab.comparator or ''}{lab.value:g} {lab.unit or ''}".strip() if lab.value is not None else None
        shown = ", ".join(part for part in (label, value, lab.interpretation) if part)
        for ev in lab.evidence:
            yield ev, mark("lab", shown, lab.analyte)
    stated = getattr(case.assessment, "stated", None)
    for ev in getattr(stated, "evidence", None) or []:
        yield ev, mark("stated", "diagnosis as written by the authors", "stated")


def highlight_segments(text: str, doc: AssessedDocument, bundle: KnowledgeBundle) -> list[Segment]:
    """Cut ``text`` into plain and highlighted segments from every case's evidence offsets.

    Evidence whose offsets do not point at its own text is skipped (never a misplaced mark);
    overlapping evidence keeps the earlier, longer span.
    """
    spans: list[_Span] = []
    for case in doc.cases:
        for ev, mark in _spans_of_case(case, bundle):
            if 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text:
                spans.append(_Span(ev.start, ev.end, mark))
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    segments: list[Segment] = []
    cursor = 0
    for span in spans:
        if span.start < cursor:
            continue
        if span.start > cursor:
            segments.append(Segment(text[cursor : span.start]))
        segments.append(Segment(text[span.start : span.end], span.mark))
        cursor = span.end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


# ------------------------------------------------------------------------------------- assessment
@dataclass(frozen=True)
class Fact:
    label: str
    value: str | None


@dataclass(frozen=True)
class Step:
    title: str
    conclusion: str
    rule: str
    refs: list[str]


@dataclass(frozen=True)
class Stated:
    text: str | None
    subtype: str | None
    concordance: str  # "agrees", "differs", "findings undecided", "no subtype stated"
    conflicts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class CaseView:
    """Everything the report page shows for one patient, in reading order."""

    number: int
    who: str
    headline: str
    certainty: str | None
    code: str
    subform_note: str | None
    deciding: list[Fact]
    associated: list[str]
    alternatives: list[str]
    suggested: list[str]
    stated: Stated | None
    warnings: list[str]
    steps: list[Step]
    checked: list[Step]
    workup: list[WorkupGroup]
    lookalikes: list[DifferentialItem]
    inherited: list[DifferentialItem]
    fit: str | None
    first_line: list[TreatmentOption]
    other_treatments: list[TreatmentOption]
    withheld: list[TreatmentOption]
    actions: list[Any] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    #: treatments the report says were given, planned or stopped ("Sodium thiosulfate (stopped)")
    reported_treatments: list[str] = field(default_factory=list)


def _who(case: AssessedCase) -> str:
    return patient_label(case.patient, unknown_age="age not stated", unknown_sex="sex not stated")


def _deciding(a: Assessment, limit: int = 3) -> list[Fact]:
    fired = [s for s in a.rationale if s.fired]
    deciding = [s for s in fired if s.rule.startswith("subtype.")] or fired
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for step in deciding:
        for fact in step.facts:
            key = (fact.kind, fact.id)
            if key in seen:
                continue
            seen.add(key)
            value = None if fact.value in (None, "present") else fact.value
            facts.append(Fact(fact.label, value))
    return facts[:limit]


def _alternative(bundle: KnowledgeBundle, alt: Any) -> str:
    """``Metastatic calcinosis cutis (possible): why it lost`` from an alternative (or a bare code)."""
    if isinstance(alt, str):
        return label_of(bundle, alt)
    text = label_of(bundle, str(alt.code))
    if getattr(alt, "certainty", None):
        text += f" ({alt.certainty})"
    why = getattr(alt, "why", None)
    return f"{text}: {why}" if why else text


def _stated(case: AssessedCase, bundle: KnowledgeBundle) -> Stated | None:
    a = case.assessment
    stated = getattr(a, "stated", None)
    text: str | None
    subtype: str | None
    if stated is not None:
        text = getattr(stated, "text", None)
        subtype = getattr(stated, "subtype", None)
        concordance = getattr(stated, "concordance", None)
        words = {"no_subtype": "no subtype stated", "findings_undecided": "findings undecided"}
        if concordance:
            return Stated(
                text=text,
                subtype=label_of(bundle, subtype) if subtype else None,
                concordance=words.get(concordance, concordance),
                conflicts=list(getattr(stated, "conflicts", [])),
                missing=list(getattr(stated, "missing", [])),
            )
    else:
        text, subtype = case.diagnosis_as_written, case.stated_subtype
    if text is None and subtype is None:
        return None
    if subtype is None:
        concordance = "no subtype stated"
    elif subtype == a.subtype.code:
        concordance = "agrees"
    else:
        concordance = "differs"
    return Stated(text=text, subtype=label_of(bundle, subtype) if subtype else None, concordance=concordance)


def case_views(doc: AssessedDocument, bundle: KnowledgeBundle) -> list[CaseView]:
    """One view per patient of the document, in the document's order."""
    views: list[CaseView] = []
    for case in doc.cases:
        a = case.assessment
        fired = [s for s in a.rationale if s.fired]
        first, others = split_treatments(a)
        looks = sorted((d for d in a.differential if d.kind == "lookalike"), key=lambda d: d.rank)
        inherited = sorted((d for d in a.differential if d.kind != "lookalike"), key=lambda d: d.rank)
        headline = a.subtype.label
        if a.subform:
            headline += f": {a.subform.label}"
        refs: list[str] = []
        for step in fired:
            refs.extend(step.refs)
        for test in a.missing_workup:
            refs.extend(test.refs)
        for item in a.differential[:8]:
            refs.extend(item.refs)
        for option in (*a.treatments, *a.withheld_treatments, *getattr(a, "actions", [])):
            refs.extend(option.refs)
        views.append(
            CaseView(
                number=case.patient_index,
                who=_who(case),
                headline=headline,
                certainty=a.subtype.certainty,
                code=a.subtype.code,
                subform_note=a.subform.note if a.subform else None,
                deciding=_deciding(a),
                associated=[label_of(bundle, c) for c in a.associated_conditions],
                alternatives=[_alternative(bundle, c) for c in a.alternatives],
                suggested=[label_of(bundle, c) for c in a.suggested_causes],
                stated=_stated(case, bundle),
                warnings=[w.message for w in a.warnings],
                steps=[Step(s.title, s.conclusion, s.rule, s.refs) for s in fired],
                checked=[Step(s.title, s.conclusion, s.rule, s.refs) for s in a.rationale if not s.fired],
                workup=workup_groups(a),
                lookalikes=looks[:5],
                inherited=inherited[:3],
                fit=FIT_TEXT.get(a.differential_fit) if a.differential_fit else None,
                first_line=first,
                other_treatments=others,
                withheld=list(a.withheld_treatments),
                actions=list(getattr(a, "actions", [])),
                refs=list(dict.fromkeys(refs)),
                reported_treatments=reported_treatments(case),
            )
        )
    return views
