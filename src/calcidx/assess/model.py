"""The ``Assessment`` of one case and the ``AssessedDocument`` the public ``assess`` returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from calcidx.case.model import Case, DocumentInfo, Evidence, PipelineStamp
from calcidx.case.model import StatedDiagnosis as CaseStatedDiagnosis

__all__ = [
    "Alternative",
    "AssessedCase",
    "AssessedDocument",
    "Assessment",
    "ConditionRole",
    "DerivedLab",
    "DifferentialItem",
    "Disagreement",
    "FactUsed",
    "KnowledgeStamp",
    "MedicationAction",
    "MissingTest",
    "ReferenceEntry",
    "RuleStep",
    "StatedDiagnosis",
    "SubformCall",
    "SubtypeCall",
    "TermContribution",
    "TreatmentOption",
    "Warning",
]

SubtypeOutcome = Literal[
    "dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis", "undetermined", "not_calcinosis"
]
Certainty = Literal["confirmed", "probable", "possible"]

DISCLAIMER = (
    "CalciDx supports clinical judgement; it does not replace it. Every conclusion cites its sources: "
    "check them against the patient in front of you."
)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FactUsed(_Out):
    """A case fact a rule read, with the evidence that supports it."""

    kind: Literal["finding", "exposure", "lab", "derived_lab", "patient", "lesion", "histology", "imaging", "stated"]
    id: str
    label: str
    value: str | None = None
    evidence: list[Evidence] = []


class RuleStep(_Out):
    """One step of the reasoning: the rule (id@version), the facts it used, what it concluded."""

    rule: str
    title: str
    fired: bool
    facts: list[FactUsed] = []
    conclusion: str
    refs: list[str]
    evidence: Literal["confirmed", "secondary", "synthesized"]
    candidate: SubtypeOutcome | None = None
    candidate_certainty: Certainty | None = None
    facts_against: list[FactUsed] = []


class Alternative(_Out):
    """A competing subtype: how certain it is on its own, why it lost, and the rule behind it."""

    code: SubtypeOutcome
    certainty: Certainty | None = None
    why: str
    rule: str
    competing: bool = False


class SubtypeCall(_Out):
    code: SubtypeOutcome
    label: str
    certainty: Certainty | None = None


class SubformCall(_Out):
    code: str
    label: str
    note: str | None = None


class Disagreement(_Out):
    """Where sources classify the same entity differently: both views, each with its sources."""

    topic: str
    views: list[str]
    refs: list[str]


class MissingTest(_Out):
    """A test not done that would confirm or change the conclusion."""

    id: str
    label: str
    loinc: list[str] = []
    question: str
    reason: str
    context: str | None = None
    refs: list[str]


def derived_summary(label: str, value: str, interpretation: str | None, method: str) -> str:
    """ "label: value (interpretation); method", with no brackets when nothing interprets the value
    (an estimated eGFR is not high or low: the treatments read it against their own limits)."""
    told = f" ({interpretation})" if interpretation else ""
    return f"{label}: {value}{told}; {method}"


class DerivedLab(_Out):
    """A value computed from the case's labs (canonical units), with how it was computed."""

    id: str
    label: str
    value: float | None = None
    unit: str | None = None
    interpretation: str | None = None
    method: str
    caveat: str | None = None
    refs: list[str] = []

    @property
    def summary(self) -> str:
        """The value, its interpretation when there is one, and how it was computed, in one line."""
        value = f"{self.value:g} {self.unit or ''}".strip() if self.value is not None else "not computable"
        return derived_summary(self.label, value, self.interpretation, self.method)


class TermContribution(_Out):
    hpo: str
    label: str
    status: Literal["present", "absent"]
    contribution: float


class DifferentialItem(_Out):
    """A look-alike or an inherited/syndromic cause, with what speaks for and against it."""

    id: str
    label: str
    kind: Literal["lookalike", "inherited", "subtype"]
    score: float | None = None
    rank: int
    features_for: list[str] = []
    features_against: list[str] = []
    test: str | None = None
    codes: dict[str, list[str]] = {}
    contributions: list[TermContribution] = []
    refs: list[str] = []


class TreatmentOption(_Out):
    """A treatment option for this patient (offered) or one held back (withheld, with why).

    ``applies_because`` says which data condition made it apply (e.g. "phosphate high");
    ``withheld_reasons`` says why a withheld option is not offered; ``cautions`` are shown with
    an offered option. ``dose`` is None when the reported dose is for older patients.
    """

    id: str
    label: str
    evidence_level: str
    dose: str | None = None
    response: str | None = None
    recommended: bool = True
    applies_because: list[str] = []
    withheld_reasons: list[str] = []
    cautions: list[str] = []
    refs: list[str] = []
    #: what the text says of it already ("Sodium thiosulfate stopped"): tried before, not new
    reported: str | None = None


class MedicationAction(_Out):
    """Something to do about a drug the patient takes, given the subtype (with its sources)."""

    medication: str
    label: str
    action: str
    evidence: Literal["confirmed", "secondary", "synthesized"]
    refs: list[str]
    #: patient-specific cautions on the action (a mechanical valve when warfarin is reviewed)
    cautions: list[str] = []


class Warning(_Out):
    code: str
    message: str
    field: str | None = None


class KnowledgeStamp(_Out):
    bundle: str
    bundle_version: str
    hpo_release: str
    calcidx_version: str


class StatedDiagnosis(CaseStatedDiagnosis):
    """The source's own diagnosis beside the pathway's call.

    ``concordance``: ``agrees`` (the findings reach the same subtype), ``differs`` (they reach
    another one: ``conflicts`` names the facts behind it and ``missing`` the tests that would
    decide), ``findings_undecided`` (the findings alone do not decide), ``no_subtype`` (the
    statement names no subtype).
    """

    concordance: Literal["agrees", "differs", "findings_undecided", "no_subtype"]
    pathway_subtype: SubtypeOutcome | None = None
    conflicts: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class ConditionRole(_Out):
    """A condition (or a causal exposure: burn, trauma, infusion) of the history and its role: the
    ``cause`` the pathway used for the subtype, a ``possible_cause`` of another subtype (the
    knowledge links it to one; ``possible_cause_of`` names it), or a ``comorbidity``."""

    id: str
    kind: Literal["condition", "exposure"] = "condition"
    label: str
    role: Literal["cause", "possible_cause", "comorbidity"]
    points_to: str | None = None
    possible_cause_of: str | None = None
    evidence: list[Evidence] = []


class Assessment(_Out):
    """The conclusion for one case, with everything that led to it."""

    subtype: SubtypeCall
    subform: SubformCall | None = None
    associated_conditions: list[str] = []
    condition_roles: list[ConditionRole] = []
    stated: StatedDiagnosis | None = None
    rationale: list[RuleStep] = []
    disagreements: list[Disagreement] = []
    alternatives: list[Alternative] = []
    suggested_causes: list[str] = []
    missing_workup: list[MissingTest] = []
    derived_labs: list[DerivedLab] = []
    differential: list[DifferentialItem] = []
    differential_fit: Literal["good", "weak", "none"] | None = None
    treatments: list[TreatmentOption] = []
    withheld_treatments: list[TreatmentOption] = []
    actions: list[MedicationAction] = []
    warnings: list[Warning] = []
    knowledge: KnowledgeStamp
    disclaimer: str = DISCLAIMER


class AssessedCase(Case):
    """A ``Case`` with its ``assessment`` (``cases[i].assessment`` in the JSON contract)."""

    assessment: Assessment


class ReferenceEntry(_Out):
    """A reference as listed under a report: its key, citation and the strongest tag it supports."""

    # Frozen: the entry of a knowledge reference is built once and shared by every report citing it.
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    citation: str
    kind: str
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    supports: Literal["confirmed", "secondary"]


class AssessedDocument(_Out):
    """Every case of a document with its assessment; ``doc_id`` and ``pipeline`` as on ``Document``.

    ``references`` lists every reference the cases cite, and only those.
    """

    document: DocumentInfo = DocumentInfo()
    cases: list[AssessedCase] = []
    warnings: list[str] = []
    knowledge: KnowledgeStamp
    doc_id: str | None = None
    pipeline: PipelineStamp | None = None
    references: list[ReferenceEntry] = []
