"""Pydantic models of the knowledge data files (``knowledge/data/*.yaml``).

Every model rejects unknown keys, so a typo in a data file is an error, not a silent default.
Every clinical item carries ``refs`` (keys of ``references.yaml``) and an ``evidence`` tag taken
from CLINICAL.md: ``confirmed`` (read in the cited source), ``secondary`` (read only on a
non-authoritative site) or ``synthesized`` (a rule assembled from several sourced facts).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Analyte",
    "BundleInfo",
    "Caution",
    "CautionWhen",
    "Codes",
    "Concept",
    "Condition",
    "Disease",
    "Exposure",
    "Feature",
    "HpoTerm",
    "InteropEntry",
    "KnowledgeBundle",
    "LabPhenotype",
    "Lookalike",
    "Plausibility",
    "Reference",
    "ReferenceRange",
    "Rule",
    "Subform",
    "Subtype",
    "Treatment",
    "Unit",
    "WorkupItem",
]

EvidenceTag = Literal["confirmed", "secondary", "synthesized"]
SubtypeCode = Literal["dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis"]
Sex = Literal["female", "male"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(Strict):
    """An item that states clinical knowledge: it names its sources and how well they hold."""

    refs: list[str] = Field(min_length=1)
    evidence: EvidenceTag
    note: str | None = None


class Codes(Strict):
    """Codes of an entity, each as printed in the cited source (never invented)."""

    hpo: list[str] = []
    icd10: list[str] = []
    snomed: list[str] = []
    doid: list[str] = []
    omim: list[str] = []
    orpha: list[str] = []
    mesh: list[str] = []
    umls: list[str] = []
    chebi: list[str] = []
    loinc: list[str] = []


class BundleInfo(Strict):
    """``bundle.yaml``: the identity of this knowledge release."""

    name: str
    version: str
    released: str
    description: str
    hpo_release: str
    hpo3_version: str


class Reference(Strict):
    """``references.yaml``: one source, keyed as in CLINICAL.md section 8."""

    id: str
    citation: str
    kind: Literal["literature", "web", "lab_catalogue", "ontology", "seed_document", "textbook"]
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    reliability: Literal["primary", "secondary"] = "primary"
    note: str | None = None


class Subtype(Cited):
    """``subtypes.yaml``: one of the five etiologic subtypes."""

    id: SubtypeCode
    label: str
    definition: str
    calcium_phosphate: str
    tissue_damage: str
    codes: Codes = Codes()


class Disease(Cited):
    """``disease.yaml``: calcinosis cutis itself (definition, synonyms, codes)."""

    id: str
    label: str
    synonyms: list[str] = []
    definition: str
    codes: Codes = Codes()


class Subform(Cited):
    """``subforms.yaml``: a named sub-form. ``subtypes`` lists every parent the sources give;
    more than one means the sources disagree, and ``disagreement`` says how."""

    id: str
    label: str
    synonyms: list[str] = []
    subtypes: list[SubtypeCode] = Field(min_length=1)
    definition: str
    disagreement: str | None = None
    codes: Codes = Codes()


class Concept(Cited):
    """Anything the extractor can find in text and a Case can assert present or absent."""

    id: str
    label: str
    synonyms: list[str] = []
    codes: Codes = Codes()


class Condition(Concept):
    """``conditions.yaml``: an associated condition and the subtype it points to."""

    points_to: SubtypeCode | None = None
    category: Literal[
        "connective_tissue_disease",
        "renal",
        "endocrine_metabolic",
        "intake",
        "granulomatous",
        "malignancy",
        "local_tissue_damage",
        "infection",
        "neoplasm_local",
        "genodermatosis",
        "syndrome",
        "calciphylaxis_risk",
        "other",
    ]
    calciphylaxis_risk: Literal["major", "minor", "listed"] | None = None


class Exposure(Concept):
    """``exposures.yaml``: an exposure, procedure or medication that can cause or favour a subtype."""

    kind: Literal["procedure", "infusion", "topical", "medication", "intake", "transplant", "trauma"]
    points_to: SubtypeCode | None = None
    at_site: bool = False
    calciphylaxis_risk: Literal["major", "minor", "listed"] | None = None
    disagreement: str | None = None


class Feature(Concept):
    """``features.yaml``: a lesion feature, symptom, sign, imaging or histology finding."""

    category: Literal["lesion", "symptom", "sign", "imaging", "histology", "family", "demographic"]
    role: list[
        Literal[
            "calcinosis_sign",
            "calciphylaxis_typical",
            "calciphylaxis_early",
            "calciphylaxis_histology",
            "ctd_feature",
            "local_damage",
            "lookalike_decisive",
            "calcinosis_confirmation",
            "other",
        ]
    ] = []


class Unit(Strict):
    """A unit an analyte is reported in, as a pint expression, and how to say it in UCUM."""

    symbol: str
    pint: str
    ucum: str


class ReferenceRange(Cited):
    """A reference interval for an age band and sex, in the analyte's canonical unit."""

    low: float | None = None
    high: float | None = None
    age_min: float | None = None
    age_max: float | None = None
    sex: Sex | None = None


class Plausibility(Cited):
    """Bounds outside which a value is treated as a data-quality problem (in canonical unit)."""

    low: float
    high: float


class Analyte(Cited):
    """``analytes.yaml``: a laboratory analyte with a stable snake_case id."""

    id: str
    label: str
    synonyms: list[str] = []
    loinc: list[str] = []
    loinc_refs: list[str] = []
    specimen: Literal["serum", "plasma", "blood", "urine", "serum_or_plasma", "other"] = "serum_or_plasma"
    canonical_unit: str
    units: list[Unit] = []
    molar_mass_g_per_mol: float | None = None
    ranges: list[ReferenceRange] = []
    plausible: Plausibility | None = None
    qualitative: bool = False


class WorkupItem(Cited):
    """``workup.yaml``: a test, the question it answers and when it matters."""

    id: str
    label: str
    analytes: list[str] = []
    loinc: list[str] = []
    question: str
    when: list[
        Literal[
            "every_patient",
            "metabolic",
            "ctd_suspected",
            "unexplained",
            "calciphylaxis",
            "tumoral",
            "lookalike",
            "histology",
            "imaging",
        ]
    ]


class HpoTerm(Cited):
    """``calcification_terms.yaml``: an HPO term that marks a disease as calcifying."""

    hpo: str
    label: str


class LabPhenotype(Cited):
    """``lab_phenotypes.yaml``: an interpreted lab that maps to an HPO term."""

    analyte: str
    interpretation: Literal["low", "high"]
    hpo: str
    label: str


class Rule(Cited):
    """``rules.yaml``: a pathway rule's identity, version, thresholds and sources."""

    id: str
    version: int = Field(ge=1)
    title: str
    statement: str
    params: dict[str, float | str | list[str]] = {}

    def number(self, name: str) -> float:
        """A numeric parameter (KeyError names the rule when the data lacks it)."""
        value = self.params[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"rule {self.id}: parameter {name!r} must be a number, not {value!r}")
        return float(value)

    def words(self, name: str) -> list[str]:
        """A list parameter (empty when absent)."""
        value = self.params.get(name, [])
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    def text(self, name: str) -> str | None:
        """A text parameter, or None."""
        value = self.params.get(name)
        return None if value is None else str(value)


class Lookalike(Cited):
    """``lookalikes.yaml``: a condition that mimics calcinosis cutis."""

    id: str
    label: str
    synonyms: list[str] = []
    distinguishing: str
    test: str
    features_for: list[str] = []
    decisive: list[str] = []
    applies_to: list[str] = []
    workup: list[str] = []
    codes: Codes = Codes()


class CautionWhen(Strict):
    """Patient conditions under which a caution applies (all given fields must hold)."""

    age_below: float | None = None
    conditions_any: list[str] = []
    labs_any: list[str] = []


class Caution(Cited):
    """``cautions.yaml``: a patient-specific caution; ``contraindicated`` removes the option."""

    id: str
    text: str
    when: CautionWhen
    effect: Literal["contraindicated", "caution"]


class Treatment(Cited):
    """``treatments.yaml``: a treatment option for subtypes, sub-forms or conditions."""

    id: str
    label: str
    kind: Literal["drug", "procedure", "local", "supportive", "observation", "cause"]
    subtypes: list[SubtypeCode] = []
    subforms: list[str] = []
    conditions: list[str] = []
    evidence_level: str
    rank: int = Field(ge=1)
    age_min: float | None = None
    dose: str | None = None
    dose_refs: list[str] = []
    response: str | None = None
    recommended: bool = True
    cautions: list[str] = []
    codes: Codes = Codes()


class InteropEntry(Cited):
    """``interop.yaml``: how the exchange standards spell a code system, or a value map.

    ``code_system``: ``uri`` (FHIR ``Coding.system``), ``prefix`` (CURIE prefix) and ``iri_prefix``
    and ``resource_url`` (Phenopacket ``metaData.resources``). ``value_map`` and ``unit_map``:
    ``map`` from a CalciDx value to a code of ``system`` (another entry's id), ``display`` its text.
    ``analyte_set``: ``items``, analyte ids (e.g. what a CDS Hooks service prefetches).
    """

    id: str
    kind: Literal["code_system", "value_map", "unit_map", "analyte_set"]
    label: str | None = None
    uri: str | None = None
    prefix: str | None = None
    iri_prefix: str | None = None
    resource_url: str | None = None
    system: str | None = None
    map: dict[str, str] = {}
    display: dict[str, str] = {}
    items: list[str] = []


class KnowledgeBundle(Strict):
    """Everything in ``knowledge/data``, loaded and cross-checked."""

    info: BundleInfo
    disease: dict[str, Disease]
    references: dict[str, Reference]
    subtypes: dict[str, Subtype]
    subforms: dict[str, Subform]
    conditions: dict[str, Condition]
    exposures: dict[str, Exposure]
    features: dict[str, Feature]
    analytes: dict[str, Analyte]
    workup: dict[str, WorkupItem]
    lab_phenotypes: list[LabPhenotype]
    rules: dict[str, Rule]
    lookalikes: dict[str, Lookalike]
    treatments: dict[str, Treatment]
    cautions: dict[str, Caution]
    calcification_terms: list[HpoTerm]
    interop: dict[str, InteropEntry] = {}

    def concept(self, concept_id: str) -> Concept | None:
        """The condition, exposure or feature with this id, if any."""
        for table in (self.conditions, self.exposures, self.features):
            if concept_id in table:
                return table[concept_id]
        return None

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError if the code names a rule the data lacks)."""
        return self.rules[rule_id]
