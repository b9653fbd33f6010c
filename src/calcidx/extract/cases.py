"""Assemble one ``Case`` per patient from the records the pipeline components left on the Doc."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from calcidx.case.model import (
    Case,
    Evidence,
    Finding,
    Lab,
    Lesion,
    Medication,
    Observation,
    Patient,
    Provenance,
    StatedDiagnosis,
    TreatmentGiven,
)
from calcidx.extract.assertion import TriggerIndex
from calcidx.extract.components import Mention, StateHit
from calcidx.extract.diagnosis import Diagnosis, choose_diagnosis, find_diagnoses
from calcidx.extract.labs_text import CueHit, LabPatterns, find_value
from calcidx.extract.patients import PatientText
from calcidx.extract.rules import Rules, phrase_regex
from calcidx.extract.sections import Sentence
from calcidx.extract.textmap import TextMap
from calcidx.extract.vocabulary import Vocabulary

__all__ = ["CaseBuilder", "DocRecords"]

EXTRACTOR = "calcidx.extract@0.1.0"
_SIZE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:[×x*]\s*\d+(?:\.\d+)?\s*)?(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*(?:[×x*]\s*\d+(?:\.\d+)?\s*)?)?"
    r"(?:cm|mm)\b"
)
_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but)\b|\bbut\b|\bwhereas\b|\bwhile\b")
_ALL_NORMAL = re.compile(
    r"^\s*(?:all|these|both|the|other)\b[^.]{0,40}\b(?:values|results|tests|investigations|levels|"
    r"parameters|studies|were|was)\b",
    re.IGNORECASE,
)
_THESE_INCLUDED = re.compile(r"^\s*(?:these|the)\s+(?:tests|investigations|studies)\s+included\b", re.IGNORECASE)


# the sex a "55 yo F" style age statement names directly
_NOUN_SEX = {"female": "female", "male": "male"}


@dataclass
class DocRecords:
    """What the components found in one document."""

    text: str
    mentions: list[Mention]
    triggers: TriggerIndex
    cues: list[CueHit]
    states: list[StateHit]
    textmap: TextMap | None = None


def _in_range(items: Sequence[Any], starts: list[int], start: int, end: int) -> list[Any]:
    lo = bisect_left(starts, start)
    out = []
    for item in items[lo:]:
        if item.start >= end:
            break
        if item.end <= end:
            out.append(item)
    return out


class _Patterns:
    def __init__(self, rules: Rules) -> None:
        self.labs = LabPatterns(rules)
        self.imaging = phrase_regex(list(rules.imaging_words))
        self.histology = phrase_regex(rules.histology_words)
        self.lesion = phrase_regex(rules.lesion_words)
        self.morphology = phrase_regex(rules.morphology_words)
        self.treat_verbs = phrase_regex(rules.treatment_verbs)
        self.planned = phrase_regex(rules.planned_cues)
        self.stopped = phrase_regex(rules.stopped_cues)
        self.outcome = phrase_regex(rules.outcome_cues)
        self.laterality = phrase_regex(list(rules.laterality))


_PATTERNS: dict[int, _Patterns] = {}


def _patterns(rules: Rules) -> _Patterns:
    found = _PATTERNS.get(id(rules))
    if found is None:
        found = _PATTERNS[id(rules)] = _Patterns(rules)
    return found


class CaseBuilder:
    """Turns the sentences of one patient into a ``Case``."""

    def __init__(
        self, rules: Rules, vocabulary: Vocabulary, records: DocRecords, abbrs: dict[str, str] | None = None
    ) -> None:
        self.abbrs = abbrs or {}
        self.rules = rules
        self.vocab = vocabulary
        self.rec = records
        self.mention_starts = [m.start for m in records.mentions]
        self.cue_starts = [c.start for c in records.cues]
        self.state_starts = [s.start for s in records.states]
        compiled = _patterns(rules)
        self.labs = compiled.labs
        self.imaging = compiled.imaging
        self.histology = compiled.histology
        self.lesion = compiled.lesion
        self.morphology = compiled.morphology
        self.treat_verbs = compiled.treat_verbs
        self.planned = compiled.planned
        self.stopped = compiled.stopped
        self.outcome = compiled.outcome
        self.laterality = compiled.laterality

    # ------------------------------------------------------------------ helpers
    def _ev(self, start: int, end: int) -> Evidence:
        textmap = self.rec.textmap
        if textmap is None:
            return Evidence(start=start, end=end, text=self.rec.text[start:end])
        orig_start, orig_end = textmap.start(start), textmap.end(end)
        return Evidence(start=orig_start, end=orig_end, text=textmap.original[orig_start:orig_end])

    def _mentions(self, sentence: Sentence) -> list[Mention]:
        return _in_range(self.rec.mentions, self.mention_starts, sentence.start, sentence.end)

    def _status(self, mention: Mention, sentence: Sentence, planned: bool) -> tuple[str, str | None]:
        status, trigger = self.rec.triggers.status(mention.start, mention.end, sentence.start, sentence.end)
        if status == "present" and planned:
            return "hypothetical", "planned"
        return status, trigger

    def _label(self, table: str, item_id: str) -> str | None:
        item = self.vocab.get(table, item_id)  # type: ignore[arg-type]
        return item.label if item else None

    # ------------------------------------------------------------------ build
    def build(self, patient: PatientText, doc_diagnoses: list[Diagnosis], provenance: Provenance) -> Case:
        """The ``Case`` of one patient."""
        findings: dict[tuple[str, str, str], Finding] = {}
        exposures: dict[tuple[str, str], Finding] = {}
        medications: dict[str, Medication] = {}
        treatments: dict[str, TreatmentGiven] = {}
        lesions: dict[str, Lesion] = {}
        imaging: list[Observation] = []
        histology: list[Observation] = []
        labs: list[Lab] = []
        outcome: str | None = None
        female = male = 0
        sex: str | None = None
        sentences = [s for s in patient.sentences if not s.header]
        for position, sentence in enumerate(sentences):
            lower = sentence.lower
            planned = self.planned.search(sentence.text) is not None
            mentions = self._mentions(sentence)
            is_treatment = self.treat_verbs.search(sentence.text) is not None
            present_concepts: list[str] = []
            lesion_sentence = (
                self.lesion.search(sentence.text) is not None or self.morphology.search(sentence.text) is not None
            )
            for mention in mentions:
                if mention.is_site:
                    if lesion_sentence:
                        self._add_lesion(lesions, mention, sentence)
                    continue
                status, trigger = self._status(mention, sentence, planned)
                for table, item_id in mention.keys:
                    if table in ("condition", "feature", "lookalike"):
                        key = (table, item_id, status)
                        if key in findings:
                            findings[key].evidence.append(self._ev(mention.start, mention.end))
                        else:
                            findings[key] = Finding(
                                concept=item_id,
                                label=self._label(table, item_id),
                                assertion=status,
                                trigger=trigger,
                                evidence=[self._ev(mention.start, mention.end)],
                            )
                        if status == "present":
                            present_concepts.append(item_id)
                    elif table == "exposure":
                        ekey = (item_id, status)
                        if ekey in exposures:
                            exposures[ekey].evidence.append(self._ev(mention.start, mention.end))
                        else:
                            exposures[ekey] = Finding(
                                concept=item_id,
                                label=self._label(table, item_id),
                                assertion=status,
                                trigger=trigger,
                                evidence=[self._ev(mention.start, mention.end)],
                            )
                        item = self.vocab.get("exposure", item_id)
                        if item is not None and item.category == "medication" and item_id not in medications:
                            medications[item_id] = Medication(
                                name=mention.text,
                                concept=item_id,
                                assertion=status,
                                evidence=[self._ev(mention.start, mention.end)],
                            )
                    elif (
                        table == "treatment"
                        and is_treatment
                        and status in ("present", "hypothetical")
                        and item_id not in treatments
                    ):
                        stopped = self.stopped.search(sentence.text) is not None
                        treatments[item_id] = TreatmentGiven(
                            name=mention.text,
                            concept=item_id,
                            status="planned"
                            if planned or status == "hypothetical"
                            else "stopped"
                            if stopped
                            else "given",
                            evidence=[self._ev(mention.start, mention.end)],
                        )
            labs.extend(self._labs(sentence, mentions, self._carried_cue(sentences, position)))
            observation = self._observation(sentence, present_concepts)
            if observation is not None:
                (histology if observation.modality == "histology" else imaging).append(observation)
            if self.outcome.search(sentence.text) and sentence.category in ("case", "abstract", "conclusion", "front"):
                outcome = " ".join(sentence.text.split())[:300]
            words = re.findall(r"[a-z]+", lower)
            female += sum(1 for w in words if w in self.rules.female_pronouns)
            male += sum(1 for w in words if w in self.rules.male_pronouns)
        patient_model = self._patient(patient)
        if patient_model.sex is None and female != male and (female or male):
            sex = "female" if female > male else "male"
            patient_model = patient_model.model_copy(update={"sex": sex})
        labs = self._interpret(self._merge_labs(labs), patient_model)
        stated = self._diagnosis(patient, doc_diagnoses)
        return Case(
            patient_index=patient.index,
            patient=patient_model,
            lesions=list(lesions.values()),
            findings=list(findings.values()),
            exposures=list(exposures.values()),
            medications=list(medications.values()),
            labs=labs,
            imaging=imaging,
            histology=histology,
            diagnosis_as_written=stated.text if stated else None,
            stated_subtype=stated.subtype if stated else None,
            stated_subform=stated.subform if stated else None,
            stated=stated,
            treatments=list(treatments.values()),
            outcome=outcome,
            provenance=provenance,
        )

    # ------------------------------------------------------------------ parts
    def _patient(self, patient: PatientText) -> Patient:
        chosen = next((a for a in patient.ages if a.years is not None and not a.onset), None)
        decade = next((a for a in patient.ages if a.years is None), None)
        evidence: list[Evidence] = []
        sex: str | None = None
        age_text: str | None = None
        if chosen is not None:
            evidence.append(self._ev(chosen.start, chosen.end))
            age_text = chosen.text
            sex = _NOUN_SEX.get(chosen.noun or "") or self._sex_near(chosen.start, chosen.end)
        elif decade is not None:
            evidence.append(self._ev(decade.start, decade.end))
            age_text = decade.text
        if sex is None:
            for mention in patient.ages:
                sex = self._sex_near(mention.start, mention.end)
                if sex:
                    break
        return Patient(
            age_years=chosen.years if chosen else None,
            age_text=age_text,
            sex=sex,
            evidence=evidence,
        )

    def _sex_near(self, start: int, end: int) -> str | None:
        text = self.rec.text
        window = text[max(0, start - 30) : end + 40]
        for word in re.findall(r"[A-Za-z]+", window):
            lowered = word.lower()
            if lowered in self.rules.female_nouns:
                return "female"
            if lowered in self.rules.male_nouns:
                return "male"
        return None

    def _add_lesion(self, lesions: dict[str, Lesion], mention: Mention, sentence: Sentence) -> None:
        text = self.rec.text
        status, _ = self.rec.triggers.status(mention.start, mention.end, sentence.start, sentence.end)
        if status in ("absent", "hypothetical", "family"):
            return
        before = text[max(sentence.start, mention.start - 25) : mention.start]
        lat_match = None
        for match in self.laterality.finditer(before):
            lat_match = match
        start = mention.start
        laterality: str | None = None
        if lat_match is not None and re.fullmatch(r"[\w\s-]*", before[lat_match.end() :]):
            laterality = self.rules.laterality.get(lat_match.group().lower())
            start = mention.start - len(before) + lat_match.start()
        after = text[mention.end : min(sentence.end, mention.end + 40)]
        if self.imaging.match(after.lstrip()):
            return
        if laterality is None and re.match(r"^[^,;.]*?\bbilaterally\b", after):
            laterality = "bilateral"
        site = " ".join(text[start : mention.end].split())
        key = site.lower()
        sentence_text = sentence.text
        morphology = [m.group().lower() for m in self.morphology.finditer(sentence_text)]
        size = _SIZE.search(sentence_text)
        if key in lesions:
            lesion = lesions[key]
            lesion.evidence.append(self._ev(start, mention.end))
            for word in morphology:
                if word not in lesion.morphology:
                    lesion.morphology.append(word)
            return
        lesions[key] = Lesion(
            site=site,
            laterality=laterality,
            morphology=list(dict.fromkeys(morphology)),
            size=size.group() if size else None,
            evidence=[self._ev(start, mention.end)],
        )

    def _observation(self, sentence: Sentence, concepts: list[str]) -> Observation | None:
        text = sentence.text
        modality: str | None = None
        if self.histology.search(text):
            modality = "histology"
        else:
            found = self.imaging.search(text)
            if found is not None:
                modality = self.rules.imaging_words.get(" ".join(found.group().lower().split()), "imaging")
        if modality is None:
            return None
        wanted = []
        for concept in concepts:
            item = self.vocab.get("feature", concept)
            if item is None or item.category in ("imaging", "histology", "lesion", "sign"):
                wanted.append(concept)
        return Observation(
            modality=modality,
            text=" ".join(text.split()),
            concepts=list(dict.fromkeys(wanted)),
            evidence=[self._ev(sentence.start, sentence.end)],
        )

    def _cues(self, sentence: Sentence) -> list[CueHit]:
        return _in_range(self.rec.cues, self.cue_starts, sentence.start, sentence.end)

    def _carried_cue(self, sentences: list[Sentence], position: int) -> CueHit | None:
        """A cue stated in a neighbouring sentence about this sentence's tests.

        "... including C3, C4 and ANA. All values were normal." (cue in the next sentence) and
        "... blood investigations came back normal. These tests included ..." (cue in the previous one).
        """
        sentence = sentences[position]
        if _THESE_INCLUDED.search(sentence.text) and position > 0:
            previous = self._cues(sentences[position - 1])
            if previous:
                return previous[-1]
        if position + 1 < len(sentences):
            following = sentences[position + 1]
            if _ALL_NORMAL.search(following.text):
                analytes = [m for m in self._mentions(following) if any(k[0] == "analyte" for k in m.keys)]
                cues = self._cues(following)
                if cues and not analytes:
                    return cues[0]
        return None

    def _labs(self, sentence: Sentence, mentions: list[Mention], carry: CueHit | None = None) -> list[Lab]:
        text = self.rec.text
        analytes = [m for m in mentions if any(k[0] == "analyte" for k in m.keys)]
        cues = self._cues(sentence)
        out: list[Lab] = []
        clause_breaks = [sentence.start + m.start() for m in _CLAUSE_BREAK.finditer(sentence.text)]
        for index, mention in enumerate(analytes):
            status, _ = self.rec.triggers.status(mention.start, mention.end, sentence.start, sentence.end)
            analyte = next(k[1] for k in mention.keys if k[0] == "analyte")
            limit = analytes[index + 1].start if index + 1 < len(analytes) else sentence.end
            value = find_value(text, mention.end, limit, self.labs)
            lo = max([b for b in clause_breaks if b <= mention.start], default=sentence.start)
            hi = min([b for b in clause_breaks if b >= mention.end], default=sentence.end)
            interpretation: str | None = None
            cue_text: str | None = None
            own = [
                c
                for c in cues
                if lo <= c.start and c.end <= hi and not (c.start < mention.end and c.end > mention.start)
            ]
            near_before = [
                c
                for c in own
                if c.end <= mention.start
                and mention.start - c.end <= 25
                and not re.search(r"[,;()]", text[c.end : mention.start])
            ]
            after = [
                c for c in own if c.start >= mention.end and not re.search(r"\bother\b", text[mention.end : c.start])
            ]
            before = [c for c in own if c.end <= mention.start]
            chosen: CueHit | None
            if value is not None:
                # A measured value takes only a cue of its own ("calcium was raised at 11.2"), never
                # one that belongs to another test of the list ("... and PTH was suppressed at 8"):
                # without one it is read against its printed or reference range.
                # ... but not the cue that opens the next test ("7.2 mg/dL with normal calcium")
                segment = [
                    c
                    for c in after
                    if c.start < limit
                    and not (
                        index + 1 < len(analytes)
                        and limit - c.end <= 25
                        and not re.search(r"[,;()]", text[c.end : limit])
                    )
                ]
                chosen = near_before[-1] if near_before else (segment[0] if segment else None)
            elif near_before:
                chosen = near_before[-1]
            elif after:
                chosen = after[0]
            elif before:
                chosen = before[-1]
            else:
                chosen = carry
            if chosen is not None:
                interpretation, cue_text = chosen.interpretation, chosen.text
            if (
                status == "absent"
                and chosen is not None
                and chosen.interpretation in ("high", "low")
                and re.search(r"\bnot\b", text[max(lo, chosen.start - 6) : chosen.start])
            ):
                interpretation = "normal"
            if value is None and interpretation is None:
                continue
            if status in ("hypothetical", "family"):
                continue
            evidence = [self._ev(mention.start, mention.end)]
            if value is not None:
                evidence.append(self._ev(value.start, value.end))
            if chosen is not None:
                evidence.append(self._ev(chosen.start, chosen.end))
            item = self.vocab.get("analyte", analyte)
            qualitative = cue_text.lower() if value is None and cue_text else None
            out.append(
                Lab(
                    analyte=analyte,
                    name=" ".join(mention.text.split()),
                    loinc=None,
                    value=value.value if value else None,
                    unit=value.unit if value else None,
                    comparator=value.comparator if value else None,
                    reference_range=value.reference_range if value else None,
                    reference_low=value.reference_low if value else None,
                    reference_high=value.reference_high if value else None,
                    interpretation=interpretation,
                    qualitative=qualitative if item is None or item.category != "qualitative" or qualitative else None,
                    evidence=evidence,
                )
            )
        for state in _in_range(self.rec.states, self.state_starts, sentence.start, sentence.end):
            if self.vocab.get("analyte", state.analyte) is None:
                continue
            status, _ = self.rec.triggers.status(state.start, state.end, sentence.start, sentence.end)
            if status != "present":
                continue
            out.append(
                Lab(
                    analyte=state.analyte,
                    name=state.text,
                    interpretation=state.interpretation,
                    qualitative=state.text.lower(),
                    evidence=[self._ev(state.start, state.end)],
                )
            )
        return out

    def _merge_labs(self, labs: list[Lab]) -> list[Lab]:
        merged: dict[tuple[str, float | None, str | None], Lab] = {}
        for lab in labs:
            key = (lab.analyte, lab.value, lab.interpretation if lab.value is None else None)
            if key in merged:
                merged[key].evidence.extend(lab.evidence)
                continue
            if lab.value is None and any(
                k[0] == lab.analyte and v.value is not None and v.interpretation == lab.interpretation
                for k, v in merged.items()
            ):
                continue
            merged[key] = lab
        return list(merged.values())

    def _interpret(self, labs: list[Lab], patient: Patient) -> list[Lab]:
        """Values the text gives no cue for, read against their printed or reference range."""
        from calcidx.case.labs import interpret_lab
        from calcidx.knowledge.loader import load_bundle

        bundle = load_bundle()
        out = []
        for lab in labs:
            if lab.interpretation is None and lab.value is not None and lab.analyte in bundle.analytes:
                lab = lab.model_copy(update={"interpretation": interpret_lab(lab, patient, bundle)})
            out.append(lab)
        return out

    def _diagnosis(self, patient: PatientText, doc_diagnoses: list[Diagnosis]) -> StatedDiagnosis | None:
        own = find_diagnoses(patient.sentences, self.rec.mentions, base_score=1, abbrs=self.abbrs)
        chosen = choose_diagnosis(own, doc_diagnoses)
        if chosen is None:
            return None
        best, subform = chosen
        sentence = " ".join(self.rec.text[best.sentence_start : best.sentence_end].split()) or None
        return StatedDiagnosis.model_validate(
            {
                "subtype": best.subtype,
                "subform": subform,
                "text": best.text,
                "sentence": sentence,
                "where": best.where,
                "cue": best.cue,
                "basis": best.basis,
                "evidence": [self._ev(best.start, best.end)],
            }
        )
