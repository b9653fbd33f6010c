"""Blood-pressure readings: one below a safety condition's systolic limit is that condition.

"BP 86/50 mmHg" is hypotension where ``safety_conditions.yaml`` gives hypotension a systolic limit
(``systolic_below``, with its source); the reading is the finding's evidence.
"""

from __future__ import annotations

import re

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView

__all__ = ["BloodPressureReader"]

_READING = re.compile(
    r"\b(?:bp|blood\s+pressure|arterial\s+(?:blood\s+)?pressure)\b(?:\s+(?:was|of|is|at|measured|reading|on\s+admission))*"
    r"\s*[:=]?\s*(?P<systolic>\d{2,3})\s*/\s*(?P<diastolic>\d{2,3})(?:\s*mm\s*hg\b)?",
    re.IGNORECASE,
)


class BloodPressureReader:
    """The conditions a case's blood-pressure readings show, each from its first reading."""

    def __init__(self, context: FieldContext) -> None:
        self.context = context
        self.found: dict[str, Finding] = {}

    def read(self, view: SentenceView) -> None:
        """Reads the blood-pressure readings of one sentence (none in a plan or a target)."""
        sentence = view.sentence
        if view.planned or "/" not in sentence.text:
            return
        from calcidx.knowledge.loader import load_bundle  # the bundle is loaded once, on first use

        for match in _READING.finditer(sentence.text):
            systolic = int(match.group("systolic"))
            start = sentence.start + match.start()
            for item in load_bundle().shown_by_systolic(systolic):
                if item.id not in self.found:
                    self.found[item.id] = Finding(
                        concept=item.id,
                        assertion="present",
                        evidence=[self.context.ev(start, sentence.start + match.end())],
                    )

    def findings(self) -> list[Finding]:
        """The conditions read, in the order first seen."""
        return list(self.found.values())
