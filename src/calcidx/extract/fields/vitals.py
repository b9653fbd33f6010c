"""Blood-pressure readings: one below a safety condition's systolic limit is that condition.

"BP 86/50 mmHg" is hypotension where ``safety_conditions.yaml`` gives hypotension a systolic limit
(``systolic_below``, with its source); the reading is the finding's evidence.
"""

from __future__ import annotations

import functools
import re

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView

__all__ = ["BloodPressureReader"]

_READING = re.compile(
    r"\b(?:bp|blood\s+pressure|arterial\s+(?:blood\s+)?pressure)\b(?:\s+(?:was|of|is|at|measured|reading|on\s+admission))*"
    r"\s*[:=]?\s*(?P<systolic>\d{2,3})\s*/\s*(?P<diastolic>\d{2,3})(?:\s*mm\s*hg\b)?",
    re.IGNORECASE,
)


@functools.cache
def _limits() -> tuple[tuple[str, float], ...]:
    """(condition id, systolic limit) of every safety condition that has one."""
    from calcidx.knowledge.loader import load_bundle

    return tuple(
        (item.id, item.systolic_below)
        for item in load_bundle().safety_conditions.values()
        if item.systolic_below is not None
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
        for match in _READING.finditer(sentence.text):
            systolic = int(match.group("systolic"))
            start = sentence.start + match.start()
            for concept, limit in _limits():
                if systolic < limit and concept not in self.found:
                    self.found[concept] = Finding(
                        concept=concept,
                        assertion="present",
                        evidence=[self.context.ev(start, sentence.start + match.end())],
                    )

    def findings(self) -> list[Finding]:
        """The conditions read, in the order first seen."""
        return list(self.found.values())
