"""The outcome the report states (the last outcome sentence of the case, abstract or conclusion)."""

from __future__ import annotations

from calcidx.extract.fields.context import SentenceView
from calcidx.extract.fields.patterns import CasePatterns

__all__ = ["OutcomeReader"]

_OUTCOME_SECTIONS = ("case", "abstract", "conclusion", "front")
_MAX_CHARACTERS = 300


class OutcomeReader:
    """Keeps the last sentence with an outcome cue ("resolved", "improved") in a patient section."""

    def __init__(self, patterns: CasePatterns) -> None:
        self.patterns = patterns
        self.outcome: str | None = None

    def read(self, view: SentenceView) -> None:
        """Reads one sentence."""
        sentence = view.sentence
        if sentence.category in _OUTCOME_SECTIONS and self.patterns.outcome.search(sentence.text):
            self.outcome = " ".join(sentence.text.split())[:_MAX_CHARACTERS]
