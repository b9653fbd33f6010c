"""Blood-pressure and heart-rate readings: one below a safety condition's limit is that condition.

"BP 86/50 mmHg" is hypotension where ``safety_conditions.yaml`` gives hypotension a systolic limit
(``systolic_below``, with its source), and "HR 38" severe bradycardia where it gives a heart-rate limit
(``heart_rate_below``); the reading is the finding's evidence.
"""

from __future__ import annotations

import re

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView

__all__ = ["BloodPressureReader", "HeartRateReader", "ShownConditions"]

# words that may stand between the name and the reading ("BP today 84/50", "blood pressure on standing 88/50")
_FILLER = (
    r"(?:\s+(?:was|of|is|at|measured|reading|recorded|today|now|sitting|standing|supine|lying"
    r"|on\s+(?:admission|standing|arrival)))*"
)
_READING = re.compile(
    r"\b(?:bp|blood\s+pressure|arterial\s+(?:blood\s+)?pressure)\b"
    + _FILLER
    + r"\s*[:=]?\s*(?P<systolic>\d{2,3})\s*/\s*(?P<diastolic>\d{2,3})(?:\s*mm\s*hg\b)?",
    re.IGNORECASE,
)
# a systolic pressure told alone ("systolic blood pressure 86 mmHg", "Systolic BP 85", "SBP 85"): the
# words pressure or BP are needed, so a systolic murmur's grade or a count is no pressure
_SYSTOLIC = re.compile(
    r"\b(?:(?:systolic\s+(?:blood\s+|arterial\s+)?(?:pressure|bp)|sbp)"
    + _FILLER
    + r"\s*[:=]?\s*(?:of\s+)?(?P<systolic>\d{2,3})(?![\d/]|\s*/)(?P<unit>\s*mm\s*hg\b)?)",
    re.IGNORECASE,
)


class ShownConditions:
    """The safety conditions a reader's measurements show, each with the evidence of its first reading."""

    def __init__(self, context: FieldContext) -> None:
        self.context = context
        self.found: dict[str, Finding] = {}

    def show(self, concept: str, start: int, end: int) -> None:
        """Record ``concept`` as present with the reading at ``start:end``, unless already shown."""
        if concept not in self.found:
            self.found[concept] = Finding(concept=concept, assertion="present", evidence=[self.context.ev(start, end)])

    def findings(self) -> list[Finding]:
        """The conditions read, in the order first seen."""
        return list(self.found.values())


class BloodPressureReader(ShownConditions):
    """The conditions a case's blood-pressure readings show, each from its first reading."""

    def read(self, view: SentenceView) -> None:
        """Reads the blood-pressure readings of one sentence (none in a plan or a target)."""
        sentence = view.sentence
        if view.planned:
            return
        folded = sentence.folded
        matches = list(_READING.finditer(sentence.text)) if "/" in sentence.text else []
        if "systolic" in folded or "sbp" in folded:
            # the name says it is a pressure ("systolic BP 85", "SBP 85"): a murmur's grade is never one
            matches += list(_SYSTOLIC.finditer(sentence.text))
        if not matches:
            return
        from calcidx.knowledge.loader import load_bundle  # the bundle is loaded once, on first use

        for match in matches:
            for item in load_bundle().shown_by_systolic(int(match.group("systolic"))):
                self.show(item.id, sentence.start + match.start(), sentence.start + match.end())


# a heart rate ("HR 38", "heart rate of 36 bpm", "pulse 39/min", "Pulse 36 regular"); a rate in a plan
# or a target is no reading (the reader skips planned sentences)
_HEART_RATE = re.compile(
    r"\b(?:hr|heart\s+rate|pulse(?:\s+rate)?)\b"
    + _FILLER
    + r"\s*[:=]?\s*(?:of\s+)?(?P<rate>\d{2,3})(?!\d)(?![.,]\d)(?!\s*/\s*\d)"
    + r"(?:\s*(?:bpm|beats?\s*(?:per|/)\s*min(?:ute)?|/\s*min)\b)?",
    re.IGNORECASE,
)


class HeartRateReader(ShownConditions):
    """The conditions a case's heart-rate readings show (severe bradycardia below its limit)."""

    def read(self, view: SentenceView) -> None:
        """Reads the heart-rate readings of one sentence (none in a plan or a target)."""
        sentence = view.sentence
        if view.planned or not (
            "hr" in sentence.folded or "heart rate" in sentence.folded or "pulse" in sentence.folded
        ):
            return
        from calcidx.knowledge.loader import load_bundle  # the bundle is loaded once, on first use

        for match in _HEART_RATE.finditer(sentence.text):
            for item in load_bundle().shown_by_heart_rate(int(match.group("rate"))):
                self.show(item.id, sentence.start + match.start(), sentence.start + match.end())
