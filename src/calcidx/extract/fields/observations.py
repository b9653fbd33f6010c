"""Imaging and histology observations: the sentence, its modality and the findings it reports."""

from __future__ import annotations

from calcidx.case.model import Observation
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.prefilter import may_match
from calcidx.extract.vocabulary import Table

__all__ = ["ObservationsReader"]

# the feature categories an imaging or histology sentence reports (not, say, a symptom in passing)
_OBSERVED_CATEGORIES = ("imaging", "histology", "lesion", "sign")
# the other concepts a study may report: a look-alike or a sub-form it shows ("tophi", "osteoma cutis"),
# not a disease it suggests ("hilar lymphadenopathy suggestive of sarcoidosis" shows nothing of the skin)
_OBSERVED_TABLES: tuple[Table, ...] = ("lookalike", "subform")
# the condition categories (conditions.yaml) that are diseases of the skin a study of the lesion shows
_OBSERVED_CONDITION_CATEGORIES = (
    "neoplasm_local",
    "local_tissue_damage",
    "genodermatosis",
    "connective_tissue_disease",
    "infection",
)


class ObservationsReader:
    """One ``Observation`` per sentence naming a histology or imaging study."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.patterns = patterns
        self.imaging: list[Observation] = []
        self.histology: list[Observation] = []
        self._after_histology = False  # the previous sentence read was a histology sentence

    def read(self, view: SentenceView, concepts: list[str]) -> None:
        """Reads one sentence, given the concept ids the findings reader found present in it."""
        ctx = self.context
        sentence = view.sentence
        text = sentence.text
        modality: str | None = None
        words = sentence.words  # the word screen: no regex where no phrase's first word is
        continuation = self.patterns.histology_findings.continuation
        if may_match(self.patterns.histology, words) and self.patterns.histology.search(text):
            modality = "histology"
        elif self._after_histology and continuation is not None and continuation.match(text):
            modality = "histology"  # the biopsy report goes on about the tissue
        else:
            found = self.patterns.imaging.search(text) if may_match(self.patterns.imaging, words) else None
            if found is not None:
                modality = ctx.rules.imaging_words.get(" ".join(found.group().lower().split()), "imaging")
        self._after_histology = modality == "histology"
        if modality is None:
            return
        if modality == "histology":
            # findings whose words are not one fixed phrase ("vessels with calcified walls")
            read = [c for c, _, _, _ in self.patterns.histology_findings.concepts(text)]
            concepts = [*concepts, *(c for c in read if ctx.vocab.get("feature", c) is not None)]
        wanted = []
        for concept in concepts:
            item = ctx.vocab.get("feature", concept)
            if item is not None:
                if item.category in _OBSERVED_CATEGORIES:
                    wanted.append(concept)
            elif any(ctx.vocab.get(table, concept) is not None for table in _OBSERVED_TABLES):
                wanted.append(concept)
            elif (condition := ctx.vocab.get("condition", concept)) is not None and (
                condition.category in _OBSERVED_CONDITION_CATEGORIES
            ):
                wanted.append(concept)  # a disease of the skin itself ("pilomatricoma", "morphea")
        observation = Observation(
            modality=modality,
            text=" ".join(text.split()),
            concepts=list(dict.fromkeys(wanted)),
            evidence=[ctx.ev(sentence.start, sentence.end)],
        )
        (self.histology if modality == "histology" else self.imaging).append(observation)
