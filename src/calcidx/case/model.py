"""The ``Case`` model: one patient, as typed into a form, loaded from JSON or read from text.

Field names follow the JSON contract in ARCHITECTURE.md. Free-text fields keep what the source
said; coded fields hold knowledge-base ids. Every extracted fact can carry ``evidence``: character
offsets into the original text and the text itself.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "AgeRange",
    "Assertion",
    "Case",
    "Comparator",
    "Document",
    "DocumentInfo",
    "Evidence",
    "Finding",
    "Interpretation",
    "KnowledgeVersion",
    "Lab",
    "Laterality",
    "Lesion",
    "Medication",
    "Observation",
    "Patient",
    "PipelineStamp",
    "Provenance",
    "Sex",
    "StatedDiagnosis",
    "TreatmentGiven",
]

Assertion = Literal["present", "absent", "possible", "historical", "family", "hypothetical"]
Sex = Literal["female", "male"]
Laterality = Literal["left", "right", "bilateral"]
Interpretation = Literal["low", "normal", "high"]
Comparator = Literal["<", "<=", ">", ">=", "="]
DocumentKind = Literal["case_report", "case_series", "review", "other"]
StatedSubtype = Literal["dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis", "not_calcinosis"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Evidence(_Model):
    """Where a fact was read: ``text[start:end]`` of the source document."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class AgeRange(_Model):
    """An age known only as a span of years ("in her sixties": 60 to 70, ``high`` not included)."""

    low: float = Field(ge=0, le=130)
    high: float = Field(gt=0, le=131)

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.high <= self.low:
            raise ValueError(f"age_range: high ({self.high:g}) must be above low ({self.low:g})")
        return self

    @property
    def last_year(self) -> float:
        """The last completed year the span includes ("in her sixties": 69), as standards write an
        age range's end (Phenopacket ``ageRange``, a FHIR Range)."""
        return max(self.low, math.ceil(self.high) - 1)

    @classmethod
    def through(cls, low: float, last_year: float) -> AgeRange:
        """The span from ``low`` through the completed year ``last_year`` (60 through 69: 60 up to 70)."""
        return cls(low=low, high=last_year + 1)


class Patient(_Model):
    """Demographics. ``age_years`` is fractional for infants (9 months -> 0.75).

    ``age_range`` holds an age told only as a span ("in her sixties", "an octogenarian") when no
    number is given; ``age_years`` stays None then. ``pregnant`` and ``lactating`` are None when not
    recorded (unknown), never assumed False.
    """

    age_years: float | None = Field(default=None, ge=0, le=130)
    age_range: AgeRange | None = None
    age_text: str | None = None
    sex: Sex | None = None
    pregnant: bool | None = None
    gestation_weeks: float | None = Field(default=None, ge=0, le=45)
    lactating: bool | None = None
    evidence: list[Evidence] = []


class Lesion(_Model):
    """A skin or subcutaneous lesion (or a group of similar lesions at one site)."""

    site: str | None = None
    laterality: Laterality | None = None
    morphology: list[str] = []
    #: the words naming the lesion in its sentence ("nodules", "rash"); empty when not recorded
    kinds: list[str] = []
    size: str | None = None
    count: str | None = None
    symptoms: list[str] = []
    onset: str | None = None
    duration: str | None = None
    evidence: list[Evidence] = []


class Finding(_Model):
    """A coded fact with its assertion status: a condition, exposure, symptom, sign or result.

    ``concept`` is a knowledge-base id (conditions, exposures, features, look-alikes).
    ``trigger`` is the cue that set a non-``present`` assertion (e.g. "denied", "no history of").
    """

    concept: str = Field(min_length=1)
    label: str | None = None
    assertion: Assertion = "present"
    trigger: str | None = None
    site: str | None = None
    #: how long before the presentation (the lesions) it happened, or a drug was stopped, in years,
    #: when the record tells it ("an extravasation 21 years ago", "warfarin stopped ten years ago")
    years_before: float | None = Field(default=None, ge=0)
    #: an exposure the record tells as coming after the lesions appeared ("nodules for 6 months;
    #: calcium gluconate last week"): it cannot have caused them
    after_lesions: bool = False
    evidence: list[Evidence] = []


class Lab(_Model):
    """A laboratory result as printed, with its analyte id and interpretation."""

    analyte: str = Field(min_length=1)
    name: str | None = None
    loinc: str | None = None
    value: float | None = None
    unit: str | None = None
    comparator: Comparator | None = None
    reference_range: str | None = None
    reference_low: float | None = None
    reference_high: float | None = None
    interpretation: Interpretation | None = None
    qualitative: str | None = None
    evidence: list[Evidence] = []


class Observation(_Model):
    """An imaging or histology result: the text, plus concept ids it establishes."""

    modality: str | None = None
    text: str
    concepts: list[str] = []
    evidence: list[Evidence] = []


class Medication(_Model):
    """A medication the patient takes or took (``assertion`` says which)."""

    name: str = Field(min_length=1)
    concept: str | None = None
    dose: str | None = None
    assertion: Assertion = "present"
    evidence: list[Evidence] = []


class TreatmentGiven(_Model):
    """A treatment given for the calcinosis (or planned, per ``status``)."""

    name: str = Field(min_length=1)
    concept: str | None = None
    status: Literal["given", "planned", "stopped"] = "given"
    response: str | None = None
    evidence: list[Evidence] = []


class Provenance(_Model):
    """Where this case came from."""

    source: str | None = None
    title: str | None = None
    doi: str | None = None
    pmid: str | None = None
    extractor: str | None = None


StatedWhere = Literal["title", "abstract", "case", "conclusion", "caption", "body", "form"]


class StatedDiagnosis(_Model):
    """The authors' (or the clinician's) own diagnosis, as written, with where it was read.

    ``text`` is the diagnosis phrase ("iatrogenic calcinosis cutis"), ``sentence`` the sentence
    that states it, ``where`` the part of the document (title, abstract, case, ...), ``cue`` the
    kind of statement ("diagnosis of ... was made", "consistent with", a title). The subtype and
    sub-form are knowledge ids, null when the statement names none; ``basis`` says whether the
    subtype is named ("dystrophic calcinosis") or implied by the sub-form, exposure or condition
    the statement names ("calcinosis cutis in dermatomyositis").
    """

    subtype: StatedSubtype | None = None
    subform: str | None = None
    text: str
    sentence: str | None = None
    where: StatedWhere | None = None
    cue: str | None = None
    basis: Literal["named", "subform", "exposure", "condition", "lookalike"] | None = None
    evidence: list[Evidence] = []


class Case(_Model):
    """One patient."""

    case_id: str | None = None
    patient_index: int = Field(default=1, ge=1)
    patient: Patient = Patient()
    lesions: list[Lesion] = []
    findings: list[Finding] = []
    exposures: list[Finding] = []
    medications: list[Medication] = []
    labs: list[Lab] = []
    imaging: list[Observation] = []
    histology: list[Observation] = []
    diagnosis_as_written: str | None = None
    stated_subtype: StatedSubtype | None = None
    stated_subform: str | None = None
    stated: StatedDiagnosis | None = None
    treatments: list[TreatmentGiven] = []
    outcome: str | None = None
    provenance: Provenance = Provenance()

    @field_validator("labs")
    @classmethod
    def _analyte_ids_are_snake_case(cls, labs: list[Lab]) -> list[Lab]:
        for lab in labs:
            if not lab.analyte.replace("_", "").isalnum() or lab.analyte.lower() != lab.analyte:
                raise ValueError(
                    f"analyte id {lab.analyte!r} is not a snake_case knowledge id{_analyte_hint(lab.analyte)}"
                )
        return labs


def _analyte_hint(name: str) -> str:
    """'; did you mean 'phosphate'?' when ``name`` is an analyte's label or synonym, else where ids are listed."""
    from calcidx.knowledge.loader import load_bundle
    from calcidx.knowledge.names import name_key

    key = name_key(name)
    for analyte in load_bundle().analytes.values():
        names = (analyte.id, analyte.label, *analyte.synonyms)
        if any(name_key(n) == key or name_key(f"serum {n}") == key for n in names):
            return f"; did you mean {analyte.id!r}?"
    return "; use an id of knowledge/data/analytes.yaml (calcium, phosphate, pth, ...)"


class DocumentInfo(_Model):
    """What kind of document a text is, and where it came from."""

    kind: DocumentKind = "other"
    title: str | None = None
    source: str | None = None
    doi: str | None = None
    pmid: str | None = None
    characters: int = 0
    format: str | None = None


class KnowledgeVersion(_Model):
    """Which knowledge bundle and HPO release produced an output."""

    bundle: str
    bundle_version: str
    hpo_release: str


class PipelineStamp(_Model):
    """Which code, extractor rules, knowledge and ontology produced an output.

    A store compares stamps to know what to re-read after a lexicon or knowledge change.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    calcidx_version: str
    extractor_rules: str = Field(description="sha256 of the extractor rule files and vocabulary (hex, 16 chars)")
    knowledge: str = Field(description="knowledge bundle name@version")
    hpo_release: str


class Document(_Model):
    """The result of ``extract``: the document's kind and one ``Case`` per patient.

    ``doc_id`` is the sha256 (hex) of the original input bytes; ``pipeline`` stamps what read it.
    """

    document: DocumentInfo = DocumentInfo()
    cases: list[Case] = []
    warnings: list[str] = []
    knowledge: KnowledgeVersion | None = None
    doc_id: str | None = None
    pipeline: PipelineStamp | None = None
