"""Ejection-fraction readings: one at or below a safety condition's limit is that condition.

"LVEF 30%" is heart failure with reduced ejection fraction where ``safety_conditions.yaml`` gives it
an ejection-fraction limit (``ejection_fraction_at_most``, with its source); the reading is the
finding's evidence. A range ("EF 25-30%") is read by its upper value.
"""

from __future__ import annotations

import re

from calcidx.extract.fields.context import SentenceView
from calcidx.extract.fields.vitals import ShownConditions

__all__ = ["EjectionFractionReader"]

_READING = re.compile(
    r"\b(?:(?:lv|left\s+ventricular)\s*)?(?:ef|ejection\s+fraction)\b"
    r"(?:\s+(?:was|is|of|at|about|around|approximately|estimated|measured|calculated|reduced|to|now|on|echo|echocardiography))*"
    r"\s*[:=~]?\s*(?P<low>\d{1,2})(?:\s*(?:-|–|to)\s*(?P<high>\d{1,2}))?\s*(?:%|per\s?cent\b)",
    re.IGNORECASE,
)


class EjectionFractionReader(ShownConditions):
    """The conditions a case's ejection-fraction readings show, each from its first reading."""

    def read(self, view: SentenceView) -> None:
        """Reads the ejection-fraction readings of one sentence (none in a plan)."""
        sentence = view.sentence
        if view.planned or ("ef" not in sentence.folded and "ejection" not in sentence.folded):
            return
        from calcidx.knowledge.loader import load_bundle  # the bundle is loaded once, on first use

        for match in _READING.finditer(sentence.text):
            percent = int(match.group("high") or match.group("low"))
            start = sentence.start + match.start()
            for item in load_bundle().shown_by_ejection_fraction(percent):
                # the condition and what it implies (HFrEF is heart failure)
                for concept in (item.id, *item.implies):
                    self.show(concept, start, sentence.start + match.end())
