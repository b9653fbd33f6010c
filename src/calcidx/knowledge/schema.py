"""Pydantic models of the knowledge data files (``knowledge/data/*.yaml``).

Every model rejects unknown keys, so a typo in a data file is an error, not a silent default.
Every clinical item carries ``refs`` (keys of ``references.yaml``) and an ``evidence`` tag taken
from CLINICAL.md: ``confirmed`` (read in the cited source), ``secondary`` (read only on a
non-authoritative site) or ``synthesized`` (a rule assembled from several sourced facts).
"""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from calcidx.knowledge.frozen import freeze

__all__ = [
    "Analyte",
    "BundleInfo",
    "Caution",
    "CautionWhen",
    "CertaintyAxes",
    "Codes",
    "Concept",
    "Condition",
    "Disease",
    "Exposure",
    "Feature",
    "HpoTerm",
    "InteropEntry",
    "KnowledgeBundle",
    "LabAlert",
    "LabPattern",
    "LabPhenotype",
    "Lookalike",
    "MedicationConcept",
    "Plausibility",
    "Reference",
    "ReferenceRange",
    "Resolution",
    "Rule",
    "RuleExample",
    "SafetyCondition",
    "Subform",
    "Subtype",
    "Threshold",
    "Treatment",
    "TreatmentRequires",
    "Unit",
    "WorkupItem",
]

EvidenceTag = Literal["confirmed", "secondary", "synthesized"]
SubtypeCode = Literal["dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis"]
Sex = Literal["female", "male"]


class Strict(BaseModel):
    """Frozen all the way down: fields cannot be set, and the lists and dicts they hold raise on
    mutation (the bundle is shared by every thread of a process)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _freeze_containers(self) -> Self:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, list | dict):
                object.__setattr__(self, name, freeze(value))
        return self


class Cited(Strict):
    """An item that states clinical knowledge: it names its sources and how well they hold.

    ``refs`` are the sources of the clinical statement. ``code_refs`` are where its codes were
    looked up (ontology files, code lists, translations): they identify the item, they never
    support a clinical claim (``calcidx knowledge validate`` checks both).
    """

    refs: list[str] = Field(min_length=1)
    code_refs: list[str] = []
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


#: How much of a source was read. Anything but the full text (or a relevant full section) caps
#: what the source can support at ``secondary``.
SourceAccess = Literal["full_text", "section", "abstract", "listed", "generated", "not_read"]
#: Access levels that cap a source's support at ``secondary``.
SECONDARY_ACCESS: frozenset[str] = frozenset({"abstract", "listed", "generated", "not_read"})


class Reference(Strict):
    """``references.yaml``: one source, keyed as in CLINICAL.md section 8.

    ``kind`` says what the source is; ``ontology`` marks a code source (an ontology file, code
    list or translation) that may only appear in ``code_refs``. ``reliability`` and ``access``
    together say how strong a claim the source can carry (``supports``).
    """

    id: str
    citation: str
    kind: Literal["literature", "web", "lab_catalogue", "ontology", "seed_document", "textbook", "drug_label"]
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    reliability: Literal["primary", "secondary"] = "primary"
    access: SourceAccess | None = None
    note: str | None = None

    @property
    def is_code_source(self) -> bool:
        """True for ontology files, code lists and translations (never clinical evidence)."""
        return self.kind == "ontology"

    @property
    def supports(self) -> Literal["confirmed", "secondary"]:
        """The strongest evidence tag this source can carry on its own."""
        if self.reliability == "secondary" or (self.access is not None and self.access in SECONDARY_ACCESS):
            return "secondary"
        return "confirmed"


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
    #: True when the condition itself means impaired renal function (CKD stage 3 or worse, ESRD,
    #: dialysis): only then does renal disease propose metastatic calcinosis without abnormal labs.
    renal_impairment: bool = False


class Exposure(Concept):
    """``exposures.yaml``: an exposure, procedure or medication that can cause or favour a subtype."""

    kind: Literal["procedure", "infusion", "topical", "medication", "intake", "transplant", "trauma"]
    points_to: SubtypeCode | None = None
    at_site: bool = False
    #: where the exposure is applied by definition (heel sticks: the heel), used when no site is recorded
    site_words: list[str] = []
    #: exposures this one puts at the lesion's site when theirs is not recorded ("nodules at the
    #: injection sites" places the injected calcium heparin at the nodules)
    locates: list[str] = []
    #: a local cause only where its site (recorded, or named in its own words: "hip replacement") is
    #: a lesion's site; with no site it says nothing of where the lesions are
    site_required: bool = False
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
            "calciphylaxis_histology_negative",
            "ctd_feature",
            "local_damage",
            "lookalike_decisive",
            "calcinosis_confirmation",
            "calcium_stain_negative",
            "skin_examination_normal",
            "vascular_nonspecific_histology",
            "anuria",
            "other",
        ]
    ] = []
    #: A lesion told with one word of each list (its kinds, morphology or symptoms: "lesions on the
    #: legs, dark, hard, very tender") shows this feature although no synonym names it whole.
    lesion_words_all: list[list[str]] = []
    #: ... and none of these words (a chalky or white lesion looks like the deposits themselves).
    lesion_words_none: list[str] = []
    #: ... and at a site with one of these body words, when given ("masses" at the hips: the
    #: periarticular masses of tumoral calcinosis).
    lesion_sites_any: list[str] = []
    #: Conditions the finding establishes, or broader features it is one of, read from the same
    #: words (shadow cells with basaloid cells are the histology of a pilomatricoma; a painful ulcer
    #: is an ulcer); the item's refs must support it.
    implies: list[str] = []


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


class LabAlert(Cited):
    """A value at or above ``above`` (canonical unit) is real and clinically alarming: flag it."""

    above: float
    message: str


class Analyte(Cited):
    """``analytes.yaml``: a laboratory analyte with a stable snake_case id.

    ``loinc`` codes name the analyte and are written out; ``loinc_read`` codes are only read from a
    record (and prefetched): each names one method (an eGFR equation) that a value read from a
    text does not state, so none of them is written for it.
    """

    id: str
    label: str
    synonyms: list[str] = []
    loinc: list[str] = []
    loinc_read: list[str] = []
    loinc_refs: list[str] = []
    specimen: Literal["serum", "plasma", "blood", "urine", "serum_or_plasma", "other"] = "serum_or_plasma"
    canonical_unit: str
    units: list[Unit] = []
    molar_mass_g_per_mol: float | None = None
    ranges: list[ReferenceRange] = []
    #: an analyte with no range of its own read against another's ranges, in the same canonical unit
    #: (a reported corrected calcium against the total calcium ranges, as the derived one is)
    ranges_from: str | None = None
    plausible: Plausibility | None = None
    alerts: list[LabAlert] = []
    qualitative: bool = False
    #: a ratio with no unit (the ankle-brachial index): a value written without one is no warning
    unitless: bool = False
    #: the concept a low result records as present (a low ankle-brachial index: signs of peripheral
    #: arterial disease); the analyte's refs must support it
    implies_when_low: str | None = None
    #: a qualitative test reported as a titre ("ANA 1:1280"): positive from this dilution's
    #: denominator up (the analyte's refs must support it); a lower titre is recorded uninterpreted
    titer_positive_from: float | None = Field(default=None, gt=0)


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
    #: not asked when any of these concepts is present (renal function on dialysis, 24 h urine when anuric)
    skip_if_present: list[str] = []
    #: not asked for these sub-forms (CTD serology for a subepidermal calcified nodule)
    skip_for_subforms: list[str] = []
    #: the test was done and came back negative when any of these concepts is present: it stays
    #: listed, with ``repeat_reason`` (why a negative result does not settle the question)
    repeat_after: list[str] = []
    repeat_reason: str | None = None


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


class LabPattern(Strict):
    """One row of a lab-pattern table (the metastatic branch): interpretations that must hold.

    ``labs`` maps an analyte id (``calcium`` means the calcium status: ionized, else corrected,
    else total) to the interpretations allowed; ``missing`` in the list allows no result.
    """

    id: str
    suggestion: str
    labs: dict[str, list[Literal["low", "normal", "high", "missing"]]] = {}
    renal_impairment: bool | None = None
    exposures_any: list[str] = []
    refs: list[str] = Field(min_length=1)


class Threshold(Strict):
    """A graded threshold (Ca x P): the value, when it applies, what it means and its source."""

    value: float
    label: str
    applies: Literal["general", "ckd_adult", "ckd_child_over_12", "ckd_child_12_or_under", "reference"]
    refs: list[str] = Field(min_length=1)


class RuleExample(Strict):
    """A small case and what the pathway must conclude for it (run by one parametrized test)."""

    name: str
    case: dict[str, Any]
    expect: dict[str, Any]


class Rule(Cited):
    """``rules.yaml``: a pathway rule's identity, version, thresholds and sources."""

    id: str
    version: int = Field(ge=1)
    title: str
    statement: str
    params: dict[str, float | str | list[str]] = {}
    patterns: list[LabPattern] = []
    thresholds: list[Threshold] = []
    examples: list[RuleExample] = []

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


class CertaintyAxes(Strict):
    """How sure the output is, from two axes (rules.yaml ``resolution``).

    ``calcinosis``: is it calcinosis (levels ordered weakest first: none < clinical_sign < imaging <
    histology). ``cause``: is the cause established (suggested < probable < confirmed, by the
    source's criteria). ``table[cause][calcinosis]`` is the output certainty.
    """

    calcinosis_levels: list[str]
    cause_levels: list[str]
    table: dict[str, dict[str, Literal["possible", "probable", "confirmed"]]]


class Resolution(Cited):
    """The precedence table: which candidate wins.

    ``overrides``: candidate kinds that win over everything, in this order (a decisive look-alike,
    biopsy-proven calciphylaxis with typical lesions). Otherwise the highest certainty wins and
    ``order`` breaks ties; candidates tied on certainty are reported as competing.
    """

    overrides: list[str]
    order: list[str]
    certainty: CertaintyAxes


class Lookalike(Cited):
    """``lookalikes.yaml``: a condition that mimics calcinosis cutis."""

    id: str
    label: str
    synonyms: list[str] = []
    distinguishing: str
    test: str
    features_for: list[str] = []
    decisive: list[str] = []
    #: concepts that, present, leave this mimic not excluded even when it is not named (a
    #: gadolinium exposure for nephrogenic systemic fibrosis): the calciphylaxis mimic rule then
    #: treats it as present. Each must be a feature the look-alike's sources give for it.
    suspected_when: list[str] = []
    #: the subtypes whose mimic rule counts ``suspected_when`` (empty: every subtype of
    #: ``applies_to``); a named look-alike counts for all of them
    suspected_for: list[str] = []
    applies_to: list[str] = []
    #: a look-alike of early life only (subcutaneous fat necrosis of the newborn): not listed for a
    #: patient whose recorded age is this or more (years)
    age_below: float | None = None
    #: a look-alike of one body site only (auricular ossification: the ear), by the words of its site:
    #: not listed for a patient whose lesions are all recorded elsewhere
    sites: list[str] = []
    #: a local look-alike (a pressure ulcer) explains only the lesions at its own site, the recorded
    #: site of these exposures (its twin in ``exposures.yaml``): recorded only at sites that are none
    #: of the lesions', it is no mimic of them
    site_from: list[str] = []
    #: the look-alike's biopsy shows what a calciphylaxis biopsy shows (the Martorell ulcer's calcified
    #: arterioles): a biopsy does not exclude it, so while it is present a biopsy-proven calciphylaxis
    #: is held as a clinical one is (an alternative only)
    shares_histology: bool = False
    workup: list[str] = []
    codes: Codes = Codes()


class CautionWhen(Strict):
    """Patient conditions under which a caution applies (all given fields must hold).

    * ``age_below``: the patient is younger (years; 28 days is 0.0767).
    * ``age_at_least``: the patient is this age or older (years).
    * ``conditions_any``: one of these concepts (condition, finding, exposure, medication) is present.
    * ``medications_any``: one of these medication or exposure concepts is present.
    * ``unless_any``: none of these concepts is present (e.g. a functioning pacemaker).
    * ``ended_any``: one of these concepts is recorded as ended or in remission (historical:
      "juvenile dermatomyositis, now in remission"), not as current.
    * ``current_any``: one of these concepts is present now, not told as past or ended (a
      pneumothorax today, not one years ago); with ``current_within_years``, one the record dates
      that many years or more before the presentation is past too ("a pneumothorax ten years ago").
    * ``given_any``: one of these therapies (``therapies.yaml``) was already given, not only
      planned ("she had a total parathyroidectomy in 2019").
    * ``suspected_any``: one of these concepts is named as suspected (possible), not as present
      ("?warfarin necrosis", "calciphylaxis vs vasculitis").
    * ``causes_only_any``: the calcinosis has causes, and every one of them is among these (the
      calcification lies within a pilomatricoma, not a systemic sclerosis with a cyst beside it).
    * ``labs_any``: ``"analyte:interpretation"``, one holds.
    * ``pregnant`` / ``lactating``: the patient's status equals this (unknown: see the engine).
    * ``egfr_below``: measured eGFR below this value, or one of ``egfr_met_by`` is present
      (dialysis, end-stage renal disease); with no eGFR recorded it is unknown when one of
      ``egfr_unknown_with`` is present (kidney disease of unstated severity) or one of
      ``egfr_unknown_with_labs`` holds (a raised creatinine), and false otherwise.
    """

    age_below: float | None = None
    age_at_least: float | None = None
    conditions_any: list[str] = []
    medications_any: list[str] = []
    unless_any: list[str] = []
    ended_any: list[str] = []
    current_any: list[str] = []
    current_within_years: float | None = None
    given_any: list[str] = []
    suspected_any: list[str] = []
    causes_only_any: list[str] = []
    labs_any: list[str] = []
    pregnant: bool | None = None
    lactating: bool | None = None
    egfr_below: float | None = None
    egfr_met_by: list[str] = []
    egfr_unknown_with: list[str] = []
    egfr_unknown_with_labs: list[str] = []


class Caution(Cited):
    """``cautions.yaml``: a patient-specific caution.

    ``contraindicated`` (the source contraindicates it) and ``withhold`` (the source does not
    support it for this patient, e.g. safety not established at this age) move the option to the
    withheld list with the text as the reason; ``caution`` keeps it with the text shown.
    """

    id: str
    text: str
    when: CautionWhen
    effect: Literal["contraindicated", "withhold", "caution"]


class TreatmentRequires(Strict):
    """What must be known to hold before an option applies (e.g. ``labs_any: [phosphate:high]``).

    A lab that was not measured makes the option withheld with "<analyte> not measured": an
    option that depends on a value is never offered on a guess.
    """

    labs_any: list[str] = []


class Treatment(Cited):
    """``treatments.yaml``: a treatment option for subtypes, sub-forms or conditions.

    ``age_min`` withholds the option below that age (``age_min_reason`` says why, from the
    sources); ``dose_age_min`` is the youngest age the reported ``dose`` was given for: the dose
    is never shown for a younger patient. ``conditions_current``: one of ``conditions`` must be
    current (an option that acts on the condition itself: more dialysis, an immunosuppressant for
    the disease's activity); otherwise a condition the record says has ended or is in remission
    still scopes the option (calcinosis outlasts the disease that caused it).
    """

    id: str
    label: str
    kind: Literal["drug", "procedure", "local", "supportive", "observation", "cause"]
    subtypes: list[SubtypeCode] = []
    subforms: list[str] = []
    conditions: list[str] = []
    conditions_current: bool = False
    requires: TreatmentRequires = TreatmentRequires()
    evidence_level: str
    rank: int = Field(ge=1)
    age_min: float | None = None
    age_min_reason: str | None = None
    dose: str | None = None
    dose_refs: list[str] = []
    dose_age_min: float | None = None
    response: str | None = None
    recommended: bool = True
    cautions: list[str] = []
    codes: Codes = Codes()


class Therapy(Concept):
    """``therapies.yaml``: a treatment as case reports name what was given (an agent or a procedure).

    It is how the reader tells which treatment a patient received ("was started on sodium
    thiosulfate", "the nodules were excised"), whatever the subtype; ``options`` are the
    ``treatments.yaml`` options it is given as. An id may equal an option's id when the therapy is
    that one option.
    """

    kind: Literal["drug", "procedure", "local"]
    options: list[str] = []


class MedicationConcept(Concept):
    """``medications.yaml``: a medication a case can list, and what to do about it per subtype.

    An id may equal an ``exposures.yaml`` medication id (the same concept, seen as a current
    drug). ``review_in`` names the subtypes in which the patient's use of this drug calls for
    ``review_action`` (with this item's refs).
    """

    kind: Literal["anticoagulant", "phosphate_binder", "vitamin_d", "corticosteroid", "antibiotic", "calcium", "other"]
    review_in: list[SubtypeCode] = []
    review_action: str | None = None
    #: ``cautions.yaml`` ids shown with the review action when they apply to the patient
    cautions: list[str] = []


class SafetyCondition(Concept):
    """``safety_conditions.yaml``: a patient condition that only matters for treatment safety.

    ``implies``: concepts that hold whenever this one does (CKD stage 4 is chronic kidney
    disease); the assessment counts them present with the same evidence.
    ``systolic_below``: a blood-pressure reading whose systolic value (mmHg) is below this is the
    condition (the reader takes "BP 86/50 mmHg" for hypotension); the item's refs give the limit.
    ``ejection_fraction_at_most``: a left ventricular ejection fraction (%) at or below this is the
    condition (the reader takes "LVEF 30%" for HFrEF); the item's refs give the limit.
    ``heart_rate_below``: a heart rate (beats per minute) below this is the condition (the reader
    takes "HR 38" for severe bradycardia); the item's refs give the limit.
    """

    implies: list[str] = []
    systolic_below: float | None = Field(default=None, gt=0)
    heart_rate_below: float | None = Field(default=None, gt=0)
    ejection_fraction_at_most: float | None = Field(default=None, gt=0, lt=100)


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
    therapies: dict[str, Therapy] = {}
    cautions: dict[str, Caution]
    calcification_terms: list[HpoTerm]
    medications: dict[str, MedicationConcept] = {}
    safety_conditions: dict[str, SafetyCondition] = {}
    resolution: Resolution | None = None
    interop: dict[str, InteropEntry] = {}

    def concept(self, concept_id: str) -> Concept | None:
        """The condition, exposure, feature, medication or safety condition with this id, if any."""
        for table in (self.conditions, self.exposures, self.features, self.medications, self.safety_conditions):
            if concept_id in table:
                return table[concept_id]
        return None

    def shown_by_systolic(self, systolic: float) -> list[SafetyCondition]:
        """The safety conditions a systolic blood pressure (mmHg) shows: those whose
        ``systolic_below`` it is under (hypotension below 90)."""
        return [
            item
            for item in self.safety_conditions.values()
            if item.systolic_below is not None and systolic < item.systolic_below
        ]

    def shown_by_heart_rate(self, rate: float) -> list[SafetyCondition]:
        """The safety conditions a heart rate (beats per minute) shows: those whose ``heart_rate_below``
        it is under (severe bradycardia below 40)."""
        return [
            item
            for item in self.safety_conditions.values()
            if item.heart_rate_below is not None and rate < item.heart_rate_below
        ]

    def shown_by_ejection_fraction(self, percent: float) -> list[SafetyCondition]:
        """The safety conditions a left ventricular ejection fraction (%) shows: those whose
        ``ejection_fraction_at_most`` it does not exceed (HFrEF at 40 % or less)."""
        return [
            item
            for item in self.safety_conditions.values()
            if item.ejection_fraction_at_most is not None and percent <= item.ejection_fraction_at_most
        ]

    def label_of(self, key: str) -> str:
        """A person's label for a knowledge id (a concept, subtype, sub-form, look-alike, analyte or
        treatment); an unknown id is shown with spaces for its underscores."""
        concept = self.concept(key)
        if concept is not None:
            return concept.label
        named = self.therapies.get(key) or self.treatments.get(key)
        if named is not None:
            return named.label
        for table in (self.subtypes, self.subforms, self.lookalikes, self.analytes):
            item = table.get(key)
            if item is not None:
                return str(item.label)
        return key.replace("_", " ")

    def named_treatments(self) -> dict[str, Therapy | Treatment]:
        """Every id a treatment given can carry: the therapies, then the options no therapy shares an id with."""
        named: dict[str, Therapy | Treatment] = dict(self.therapies)
        for treatment_id, treatment in self.treatments.items():
            named.setdefault(treatment_id, treatment)
        return named

    def kind_of(self, concept_id: str) -> str | None:
        """Which table names this id, as a singular kind ("condition", "lookalike", ...), if any.

        Tables are searched in one fixed order, so an id in two tables (a drug that is both an
        exposure and a medication) always gets the same kind.
        """
        tables = (
            ("condition", self.conditions),
            ("exposure", self.exposures),
            ("lookalike", self.lookalikes),
            ("feature", self.features),
            ("medication", self.medications),
            ("safety_condition", self.safety_conditions),
        )
        return next((kind for kind, table in tables if concept_id in table), None)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError if the code names a rule the data lacks)."""
        return self.rules[rule_id]
