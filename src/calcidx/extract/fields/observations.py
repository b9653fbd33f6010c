"""Imaging and histology observations: the sentence, its modality and the findings it reports."""

from __future__ import annotations

import re

from calcidx.case.model import Observation
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.prefilter import may_match
from calcidx.extract.rules import ZoneRule
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
        # sentences read since the last one that gave a skin lesion (None: none yet): an imaging
        # sentence soon after it that names no site ("Radiographs showed calcification.") images it
        self._since_lesion: int | None = None

    def read(
        self,
        view: SentenceView,
        concepts: list[str],
        lesion_words: list[str] | None = None,
        heading: str | None = None,
    ) -> None:
        """Reads one sentence, given the concept ids the findings reader found present in it, the
        lesion words of the skin lesion it gave (an imaging sentence naming calcinosis at a lesion's
        site reports the radiopaque-deposit feature of ``lexicon.yaml`` ``imaging_calcification``) and
        the section header right before it, if any (a sentence under "Histopathology:" is histology)."""
        ctx = self.context
        sentence = view.sentence
        text = sentence.text
        modality: str | None = None
        words = sentence.words  # the word screen: no regex where no phrase's first word is
        continuation = self.patterns.histology_findings.continuation
        if may_match(self.patterns.histology, words) and self.patterns.histology.search(text):
            modality = "histology"
        elif (heading is not None and self.patterns.histology.search(heading)) or (
            self._after_histology and continuation is not None and continuation.match(text)
        ):
            modality = "histology"  # the report under its header ("Histopathology:"), or going on about the tissue
        else:
            found = self.patterns.imaging.search(text) if may_match(self.patterns.imaging, words) else None
            if found is not None:
                modality = ctx.rules.imaging_words.get(" ".join(found.group().lower().split()), "imaging")
        since = self._since_lesion
        self._since_lesion = 0 if lesion_words else (None if since is None else since + 1)
        after_lesion = since is not None and since < ctx.rules.imaging_plain_within
        self._after_histology = modality == "histology"
        if modality is None:
            return
        if modality == "histology":
            # findings whose words are not one fixed phrase ("vessels with calcified walls")
            read = [c for c, _, _, _ in self.patterns.histology_findings.concepts(text)]
            # a finding the sentence's own words deny stays denied ("ruled out by the absence of pain,
            # necrosis and vascular calcification": the list's negation reaches past its commas)
            denied = {item for mention, status, _ in view.concepts if status == "absent" for _, item in mention.keys}
            concepts = [*concepts, *(c for c in read if ctx.vocab.get("feature", c) is not None and c not in denied)]
        wanted = []
        imaged = False  # a feature of the imaging itself is read
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
            imaged = imaged or (item is not None and item.category == "imaging")
        deposit, alone, with_lesion = ctx.rules.imaging_calcification
        if (
            modality != "histology"
            and deposit
            and not imaged
            and (
                self._affirms(view, with_lesion & set(lesion_words or ()))
                or self._names_calcinosis(view, alone)
                or self._in_soft_tissue(view)
                or (after_lesion and not lesion_words and self._images_the_last_lesion(view))
            )
        ):
            wanted.append(deposit)
        observation = Observation(
            modality=modality,
            text=" ".join(text.split()),
            concepts=list(dict.fromkeys(wanted)),
            evidence=[ctx.ev(sentence.start, sentence.end)],
        )
        (self.histology if modality == "histology" else self.imaging).append(observation)

    def _affirms(self, view: SentenceView, words: frozenset[str] | set[str]) -> bool:
        """One of ``words`` (the lesion's calcification words) stands affirmed in the sentence
        ("calcified nodules on X-ray"; not "X-ray showed no calcification")."""
        sentence = view.sentence
        return any(
            self._affirmed(view, found)
            for word in sorted(words)
            for found in re.finditer(rf"\b{re.escape(word)}\b", sentence.text, re.IGNORECASE)
        )

    def _names_calcinosis(self, view: SentenceView, words: frozenset[str]) -> bool:
        """The sentence affirms one of these lesion words ("calcinosis", not "no calcinosis")."""
        sentence = view.sentence
        if sentence.words is not None and not words & sentence.words:
            return False  # the word screen: no regex where none of the words is
        return any(
            found.group().lower() in words and self._affirmed(view, found)
            for found in self.patterns.lesion.finditer(sentence.text)
        )

    def _images_the_last_lesion(self, view: SentenceView) -> bool:
        """An imaging sentence that names no site affirms plain calcification, soon after the
        sentence that gave the lesion ("Firm papules on the knee. Radiographs showed calcification.")."""
        if any(m.is_site for m in view.mentions):
            return False  # "Chest X-ray showed calcification": another part of the body
        return self._rule_affirms(view, self.context.rules.imaging_plain)

    def _in_soft_tissue(self, view: SentenceView) -> bool:
        """The sentence places affirmed calcification in the skin, subcutis, soft tissues or a scar
        ("calcification of the soft tissues of the thigh"; not "no calcification in the subcutis")."""
        return self._rule_affirms(view, self.context.rules.imaging_soft_tissue)

    def _rule_affirms(self, view: SentenceView, rule: ZoneRule | None) -> bool:
        """A match of ``rule`` in the sentence whose calcification words (its group ``calcified``)
        stand affirmed: a negation owned by "no calcification" reaches those words, not the phrase."""
        sentence = view.sentence
        if rule is None or not may_match(rule.pattern, sentence.words):
            return False
        return any(self._affirmed(view, found, "calcified") for found in rule.pattern.finditer(sentence.text))

    def _affirmed(self, view: SentenceView, found: re.Match[str], group: int | str = 0) -> bool:
        """ConText leaves the words ``found`` (its ``group``) in the sentence neither absent, doubted
        ("query calcinosis; ultrasound pending"), hypothetical nor a relative's."""
        start = view.sentence.start + found.start(group)
        status, _ = self.context.assertion(start, view.sentence.start + found.end(group), view.sentence)
        return status not in ("absent", "possible", "hypothetical", "family")
