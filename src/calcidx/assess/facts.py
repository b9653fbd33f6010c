"""``CaseFacts``: an order-independent view of a ``Case`` that every rule reads.

Findings, exposures, medication and observation concepts are folded into sets keyed by
knowledge id, so the pathway's answer cannot depend on the order facts were listed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from calcidx.assess.model import FactUsed
from calcidx.assess.sites import site_words
from calcidx.case.age import may_be_aged, younger_than
from calcidx.case.labs import LabReport, interpret_labs, renal_impairment
from calcidx.case.model import Case, Evidence, Finding, Lesion
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["CaseFacts", "build_facts"]


@dataclass
class CaseFacts:
    """What is known about one case, by knowledge id.

    Attributes:
        present: concept ids asserted present (or historical: a past condition still counts).
        absent: concept ids explicitly negated.
        possible: concept ids only suspected.
        family: concept ids reported in relatives.
        labs: analyte id -> interpretation (low | normal | high), after unit checks.
        evidence: concept id or analyte id -> evidence spans.
        sites: lesion sites as written (lower case).
    """

    case: Case
    labs_report: LabReport
    present: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)
    possible: set[str] = field(default_factory=set)
    family: set[str] = field(default_factory=set)
    #: concepts the record says have ended ("dialysis was stopped after the transplant"); they are
    #: also in ``present`` (a past condition still counts as a cause)
    past: set[str] = field(default_factory=set)
    #: concept id -> how many years before the presentation every finding of it was told to have
    #: happened, or its drug to have been stopped (the most recent, ``Finding.years_before``)
    years_before: dict[str, float] = field(default_factory=dict)
    #: exposures the record tells as coming after the lesions appeared (every present finding of
    #: them, ``Finding.after_lesions``)
    after_lesions: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    triggers: dict[str, str] = field(default_factory=dict)
    sites: list[str] = field(default_factory=list)
    lesion_sites: list[tuple[str, str | None]] = field(default_factory=list)
    concept_sites: dict[str, list[str]] = field(default_factory=dict)
    renal_impaired: bool = False
    #: an unrecorded pregnancy or lactation may apply: not a man, nor a girl or woman outside
    #: reproductive age (``treatment.pregnancy_unknown``)
    pregnancy_possible: bool = True

    @property
    def calcium(self) -> str | None:
        """Calcium status: from ionized calcium, else albumin-corrected, else total."""
        return self.labs_report.calcium_status

    @property
    def renal_normal_shown(self) -> bool:
        """Normal renal function shown by a result (creatinine, eGFR or the renal panel normal), not assumed."""
        return not self.renal_impaired and "normal" in (
            self.labs.get("creatinine"),
            self.labs.get("egfr"),
            self.labs.get("renal_function"),
        )

    def interp(self, analyte: str) -> str | None:
        """The interpretation of an analyte; ``calcium`` means the calcium status."""
        return self.calcium if analyte == "calcium" else self.labs.get(analyte)

    @property
    def labs(self) -> dict[str, str]:
        return self.labs_report.interpretations

    @property
    def age(self) -> float | None:
        return self.case.patient.age_years

    def younger_than(self, limit: float) -> bool | None:
        """Whether the patient is younger than ``limit`` years (None: the record cannot tell; an
        age told as a span, "in her sixties", decides when the whole span is on one side)."""
        return younger_than(self.case.patient, limit)

    def known_at_least(self, limit: float | None) -> bool:
        """Whether the record shows the patient is ``limit`` years old or older (False with no limit,
        or when the age, or a span of it, cannot tell): a look-alike of early life is then out."""
        return limit is not None and younger_than(self.case.patient, limit) is False

    def lesions_elsewhere(self, words: list[str]) -> bool:
        """Whether lesion sites are recorded and none of them names one of ``words`` (False with no
        words or no recorded site): a look-alike of one body site is then out."""
        if not words or not self.sites:
            return False
        wanted = {w.lower() for w in words}
        return not any(wanted & site_words(site) for site in self.sites)

    def told_before(self, concept_id: str, years: float) -> bool:
        """Whether the record tells ``concept_id`` as happened (or stopped) at least ``years`` years
        before the presentation."""
        told = self.years_before.get(concept_id)
        return told is not None and told >= years

    def has(self, concept_id: str) -> bool:
        return concept_id in self.present

    def any_present(self, ids: Iterable[str]) -> list[str]:
        """The ids from ``ids`` that are present, sorted (stable output)."""
        return sorted(set(ids) & self.present)

    def fact(self, concept_id: str, kind: str = "finding") -> FactUsed:
        """A ``FactUsed`` for a concept, carrying its evidence."""
        return FactUsed.model_validate(
            {
                "kind": kind,
                "id": concept_id,
                "label": self.labels.get(concept_id, concept_id),
                "value": self.status(concept_id),
                "evidence": self.evidence.get(concept_id, []),
            }
        )

    def status(self, concept_id: str) -> str | None:
        """ "present", "absent (denied)" and the like: how the record asserts a concept."""
        for name, bucket in (("present", self.present), ("absent", self.absent), ("possible", self.possible)):
            if concept_id in bucket:
                trigger = self.triggers.get(concept_id)
                return f"{name} ({trigger})" if trigger and name != "present" else name
        return "family" if concept_id in self.family else None

    def negated(self, concept_id: str) -> str:
        """A negated concept as a reader sees it: "local trauma ('denied')"."""
        trigger = self.triggers.get(concept_id)
        label = self.labels.get(concept_id, concept_id)
        return f"{label} ('{trigger}')" if trigger else label

    def lab_fact(self, analyte: str) -> FactUsed:
        """A ``FactUsed`` for an interpreted lab."""
        interp = self.labs.get(analyte)
        return FactUsed(
            kind="lab",
            id=analyte,
            label=self.labels.get(analyte, analyte),
            value=interp,
            evidence=self.labs_report.evidence.get(analyte, []),
        )


def _add(
    facts: CaseFacts,
    concept: str,
    assertion: str,
    label: str | None,
    evidence: list[Evidence],
    trigger: str | None = None,
) -> None:
    target = {
        "present": facts.present,
        "historical": facts.present,
        "absent": facts.absent,
        "possible": facts.possible,
        "family": facts.family,
    }.get(assertion)
    if target is None:  # hypothetical: never counts as a fact about the patient
        return
    target.add(concept)
    if assertion == "historical":
        facts.past.add(concept)
    if label and concept not in facts.labels:
        facts.labels[concept] = label
    if evidence:
        facts.evidence.setdefault(concept, []).extend(evidence)
    if trigger and assertion != "present":
        facts.triggers.setdefault(concept, trigger)


def build_facts(case: Case, bundle: KnowledgeBundle) -> CaseFacts:
    """Fold a case into ``CaseFacts`` (labs interpreted against the knowledge base)."""
    facts = CaseFacts(case=case, labs_report=interpret_labs(case, bundle))
    for finding in [*case.findings, *case.exposures]:
        concept = bundle.concept(finding.concept)
        label = finding.label or (concept.label if concept else None)
        _add(facts, finding.concept, finding.assertion, label, finding.evidence, finding.trigger)
        if finding.site and finding.assertion in ("present", "historical"):
            facts.concept_sites.setdefault(finding.concept, []).append(finding.site.lower())
    _date(facts, [*case.findings, *case.exposures])
    for med in case.medications:
        if med.concept:
            _add(facts, med.concept, med.assertion, med.name, med.evidence)
    for obs in [*case.histology, *case.imaging]:
        for concept_id in obs.concepts:
            concept = bundle.concept(concept_id)
            _add(facts, concept_id, "present", concept.label if concept else None, obs.evidence)
    for feature in bundle.features.values():
        if feature.lesion_words_all:
            for lesion in _lesions_with_words(
                case, feature.lesion_words_all, feature.lesion_words_none, feature.lesion_sites_any
            ):
                _add(facts, feature.id, "present", feature.label, lesion.evidence)
    for analyte in bundle.analytes.values():
        facts.labels.setdefault(analyte.id, analyte.label)
        # a low result that records a concept (a low ankle-brachial index: peripheral arterial signs)
        if analyte.implies_when_low and facts.labs.get(analyte.id) == "low":
            implied = bundle.concept(analyte.implies_when_low)
            label = implied.label if implied else None
            _add(facts, analyte.implies_when_low, "present", label, facts.labs_report.evidence.get(analyte.id, []))
    # A concept both asserted and negated (e.g. two mentions) counts as present: the positive
    # statement is the stronger evidence, and the negation stays visible in the case itself.
    facts.absent -= facts.present
    facts.sites = sorted(lesion.site.lower() for lesion in case.lesions if lesion.site)
    facts.lesion_sites = sorted(
        ((lesion.site.lower(), lesion.laterality) for lesion in case.lesions if lesion.site), key=lambda x: x[0]
    )
    facts.renal_impaired = renal_impairment(case, bundle, facts.labs)
    facts.pregnancy_possible = _pregnancy_possible(case, bundle)
    return facts


def _date(facts: CaseFacts, findings: list[Finding]) -> None:
    """``facts.years_before``: a concept is dated when every finding of it that counts is dated;
    ``facts.after_lesions``: an exposure is after the lesions when every present finding of it is."""
    dated: dict[str, list[float | None]] = {}
    after: dict[str, list[bool]] = {}
    for finding in findings:
        if finding.assertion in ("present", "historical"):
            dated.setdefault(finding.concept, []).append(finding.years_before)
        if finding.assertion == "present":
            after.setdefault(finding.concept, []).append(finding.after_lesions)
    facts.after_lesions = {concept for concept, told in after.items() if all(told)}
    for concept, times in dated.items():
        told = [t for t in times if t is not None]
        if told and len(told) == len(times):
            facts.years_before[concept] = min(told)


def _lesions_with_words(case: Case, groups: list[list[str]], excluded: list[str], sites: list[str]) -> list[Lesion]:
    """The lesions told with a word of each group and none of ``excluded`` (kinds, morphology and
    symptoms together), at a site with a word of ``sites`` when it is given."""
    found = []
    for lesion in case.lesions:
        words = {w.lower() for w in [*lesion.kinds, *lesion.morphology, *lesion.symptoms]}
        if not all(words.intersection(group) for group in groups) or words.intersection(excluded):
            continue
        if sites and not site_words(lesion.site or "").intersection(sites):
            continue
        found.append(lesion)
    return found


def _pregnancy_possible(case: Case, bundle: KnowledgeBundle) -> bool:
    """Whether a pregnancy or lactation the record does not state may still apply."""
    patient = case.patient
    if patient.sex == "male":
        return False
    rule = bundle.rules.get("treatment.pregnancy_unknown")
    if rule is None:
        return True
    # through the 49th year; an age told as a span ("in her sixties") counts while it reaches in
    return may_be_aged(patient, rule.number("reproductive_age_min"), rule.number("reproductive_age_max") + 1)
