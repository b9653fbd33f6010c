"""Assemble one ``Case`` per patient from the records the pipeline components left on the Doc.

The fields are read by the readers of ``calcidx.extract.fields`` (one module per field);
``CaseBuilder`` runs them over the patient's sentences and puts the ``Case`` together.
"""

from __future__ import annotations

import re

from calcidx.case.model import Case, Finding, Provenance
from calcidx.extract.diagnosis import Diagnosis
from calcidx.extract.fields.cardiac import EjectionFractionReader
from calcidx.extract.fields.context import DocRecords, FieldContext
from calcidx.extract.fields.demographics import DemographicsReader
from calcidx.extract.fields.diagnosis import choose_statement, stated_from, statement_conditions
from calcidx.extract.fields.exposures import ExposuresReader
from calcidx.extract.fields.findings import FindingsReader
from calcidx.extract.fields.labs import LabsReader
from calcidx.extract.fields.lesions import LesionsReader
from calcidx.extract.fields.medications import MedicationsReader
from calcidx.extract.fields.observations import ObservationsReader
from calcidx.extract.fields.order import order_exposures
from calcidx.extract.fields.outcome import OutcomeReader
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.fields.recent_start import RecentStartReader
from calcidx.extract.fields.timing import date_findings
from calcidx.extract.fields.treatments import TreatmentsReader
from calcidx.extract.fields.vitals import BloodPressureReader, HeartRateReader
from calcidx.extract.patients import PatientText
from calcidx.extract.rules import Rules, load_zone_rules
from calcidx.extract.sections import Sentence
from calcidx.extract.vocabulary import Vocabulary

__all__ = ["EXTRACTOR", "CaseBuilder", "CasePatterns", "DocRecords"]

EXTRACTOR = "calcidx.extract@0.1.0"


#: A case heading that may open the sentence before the relative ("Case 2: his sister ...").
_CASE_HEADING = re.compile(r"^\W*(?:case|patient)\s*(?:no\.?\s*)?\w{1,5}\s*[:.)\-–—]?\s*", re.IGNORECASE)


def _relative_subject(ctx: FieldContext, patient: PatientText) -> frozenset[int]:
    """The family triggers of a later patient whose text opens on a relative ("Case 2: His
    younger sister had ..."): that relative is the patient the new case is about, so what the
    sentence says is theirs, not family history."""
    first = patient.first_own()
    if patient.index <= 1 or first is None:
        return frozenset()
    void = set()
    for hit in ctx.rec.triggers.family_hits(first.start, first.end):
        before = _CASE_HEADING.sub("", ctx.text[first.start : hit.start])
        if len(before.split()) <= 3:
            void.add(hit.start)
    return frozenset(void)


class CaseBuilder:
    """Turns the sentences of one patient into a ``Case`` (one builder per document)."""

    def __init__(
        self,
        rules: Rules,
        vocabulary: Vocabulary,
        records: DocRecords,
        abbrs: dict[str, str] | None = None,
        patterns: CasePatterns | None = None,
    ) -> None:
        self.context = FieldContext(rules, vocabulary, records, abbrs)
        self.patterns = patterns or CasePatterns(rules)
        #: how many patients the document describes: with one, the conditions the stated
        #: diagnosis's sentence names (a title, the authors' framing) are that patient's
        self.patients_in_document = 1
        #: title lines that describe the report's patient ("ulcers in a patient with CKD"): read for
        #: the patient when the document has one
        self.patient_titles: list[Sentence] = []
        #: title lines about all the document's patients as one group ("in two brothers with ..."):
        #: read for each of them
        self.group_titles: list[Sentence] = []
        #: the lesion features of the last patient built that had any: a later patient whose
        #: lesions are told as "similar" has them too
        self.previous_lesion_features: list[str] = []
        #: the section header right before a sentence, by the sentence's start ("Histopathology:"
        #: before its report): a patient's zone holds no headers
        self.headings: dict[int, str] = {}
        self._similar = load_zone_rules()["similar_lesions"]

    def build(self, patient: PatientText, doc_diagnoses: list[Diagnosis], provenance: Provenance) -> Case:
        """The ``Case`` of one patient.

        Args:
            patient: The patient's sentences and age statements.
            doc_diagnoses: Diagnoses the document states as a whole (title, abstract, headers).
            provenance: Where the text came from.

        Returns:
            The case, every fact with its evidence span.
        """
        ctx, patterns = self.context, self.patterns
        demographics = DemographicsReader(ctx, patterns)
        findings = FindingsReader(ctx, patterns)
        exposures = ExposuresReader(ctx, patterns)
        medications = MedicationsReader(ctx, patterns)
        treatments = TreatmentsReader(ctx, patterns)
        lesions = LesionsReader(ctx, patterns)
        observations = ObservationsReader(ctx, patterns)
        labs = LabsReader(ctx, patterns)
        outcome = OutcomeReader(patterns)
        pressures = BloodPressureReader(ctx)
        rates = HeartRateReader(ctx)
        fractions = EjectionFractionReader(ctx)
        recent = RecentStartReader(ctx, patterns)
        sentences = [s for s in patient.sentences if not s.header]
        ctx.void_triggers = _relative_subject(ctx, patient)
        own_starts = {s.start for s in sentences}
        titled = self.group_titles if self.patients_in_document > 1 else self.patient_titles
        for title in titled:
            # what the title says all the patients had ("... in twins after calcium gluconate infusion"),
            # or the one patient had ("Warfarin-associated calciphylaxis: a case report"), read first: a
            # patient's own "the infusion ... in the left hand" then names its site
            if title.start not in own_starts:
                exposures.read(ctx.view(title, planned=False))
        for position, sentence in enumerate(sentences):
            planned = patterns.plans(sentence.text, sentence.folded)
            clauses = patterns.plan_clauses(sentence.text) if planned else None
            view = ctx.view(sentence, planned=planned, plan_clauses=clauses)
            present = findings.read(view)
            exposures.read(view)
            medications.read(view)
            treatments.read(view)
            lesions.read(view, exposures.tied_sites)
            findings.read_site_lesions(view, lesions.kinds_in(sentence))
            labs.read(sentences, position, view)
            observations.read(view, present, lesions.words_in(sentence), self.headings.get(sentence.start))
            outcome.read(view)
            pressures.read(view)
            rates.read(view)
            fractions.read(view)
            recent.read(view)
            demographics.read(view)
        exposures.place_at_lesions(lesions.lesions())
        exposures.settle(medications.statuses())
        lesion_spans = [(e.start, e.end) for lesion in lesions.lesions() for e in lesion.evidence]
        date_findings(ctx.text, [*exposures.exposures(), *findings.findings()], lesion_spans)
        patient_model = demographics.patient(patient, sentences)
        spans = [(s.start, s.end) for s in sentences]
        order_exposures(ctx.text, spans, exposures.exposures(), lesion_spans, patient_model.age_years)
        chosen = choose_statement(ctx, patient, doc_diagnoses)
        stated = stated_from(ctx, chosen)
        if patient.index > 1 and self.previous_lesion_features:
            self._carry_similar(patient, findings)
        titles = self.patient_titles if self.patients_in_document == 1 else self.group_titles
        own = {s.start for s in sentences}
        for title in titles:
            if title.start not in own:
                title_view = ctx.view(title, planned=False)
                findings.read(title_view)
                if self.patients_in_document == 1:
                    # "... and its successful treatment with surgical excision": the one patient's
                    treatments.read(title_view)
        if chosen is not None and self.patients_in_document == 1:
            named = statement_conditions(ctx, chosen[0], patient)
            if named is not None:
                findings.read(named)
        outgrown = _outgrown_lookalikes(ctx, patient_model.age_years)
        case = Case(
            patient_index=patient.index,
            patient=patient_model,
            lesions=lesions.lesions(),
            findings=_with_readings(
                [f for f in findings.findings() if f.concept not in outgrown],
                [*pressures.findings(), *rates.findings(), *fractions.findings(), *recent.findings()],
            ),
            exposures=exposures.exposures(),
            medications=medications.medications(),
            labs=labs.labs(patient_model),
            imaging=observations.imaging,
            histology=[
                h.model_copy(update={"concepts": [c for c in h.concepts if c not in outgrown]})
                if outgrown & set(h.concepts)
                else h
                for h in observations.histology
            ],
            diagnosis_as_written=stated.text if stated else None,
            stated_subtype=stated.subtype if stated else None,
            stated_subform=stated.subform if stated else None,
            stated=stated,
            treatments=treatments.treatments(),
            outcome=outcome.outcome,
            provenance=provenance,
        )
        own_features = [
            f.concept
            for f in case.findings
            if f.assertion == "present" and getattr(ctx.vocab.get("feature", f.concept), "category", None) == "lesion"
        ]
        if own_features:
            self.previous_lesion_features = own_features
        return case

    def _carry_similar(self, patient: PatientText, findings: FindingsReader) -> None:
        """Reads the patient before's lesion features for this one where a sentence of this patient's
        own says the lesions are alike ("Her sister had similar nodules on the knees")."""
        ctx = self.context
        for sentence in patient.sentences:
            if sentence.header or sentence.start in patient.shared:
                continue
            found = self._similar.search(sentence.text)
            if found is not None:
                view = ctx.view(sentence, planned=False)
                start, end = sentence.start + found.start(), sentence.start + found.end()
                findings.carry(self.previous_lesion_features, view, start, end)
                return


def _outgrown_lookalikes(ctx: FieldContext, age_years: float | None) -> frozenset[str]:
    """The look-alikes of early life the patient is too old for ("subcutaneous fat necrosis" in a
    64-year-old's biopsy is no subcutaneous fat necrosis of the newborn): their words name something
    else at this age, so they are no finding of the case."""
    if age_years is None:
        return frozenset()
    return frozenset(item_id for item_id, ends in ctx.vocab.early_life_lookalikes().items() if age_years >= ends)


def _with_readings(findings: list[Finding], readings: list[Finding]) -> list[Finding]:
    """``findings`` and the conditions a measurement shows that no finding already asserts present."""
    present = {f.concept for f in findings if f.assertion == "present"}
    return [*findings, *(r for r in readings if r.concept not in present)]
