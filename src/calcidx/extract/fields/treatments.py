"""Treatments given, planned or stopped, read from sentences that say something was done."""

from __future__ import annotations

import re

from calcidx.case.model import TreatmentGiven
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.medications import read_status
from calcidx.extract.fields.patterns import CasePatterns

__all__ = ["TreatmentsReader"]

#: characters of a response kept (the words after the treatment in its sentence)
_MAX_RESPONSE = 200
#: "on" right before the treatment: a note's "71F, on sodium thiosulfate since admission"
_ON_BEFORE = re.compile(r"\bon\s+$", re.IGNORECASE)


class TreatmentsReader:
    """One ``TreatmentGiven`` per treatment item, from its first mention in a treatment sentence."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.patterns = patterns
        self.found: dict[str, TreatmentGiven] = {}

    def read(self, view: SentenceView) -> None:
        """Reads one sentence: only a sentence with a treatment verb ("was treated with") gives treatments.

        Whether each was stopped or never given is read around it by the medication-status rules
        (``medication_status.yaml``), not from any stop word in the sentence.
        """
        ctx = self.context
        text = view.sentence.text
        is_treatment: bool | None = None
        for mention, status, _trigger in view.concepts:
            for table, item_id in mention.keys:
                if table != "treatment" or status not in ("present", "hypothetical"):
                    continue
                if item_id in self.found:
                    self._later_response(item_id, mention.start, mention.end, view)
                    continue
                if is_treatment is None:
                    is_treatment = self.patterns.treat_verbs.search(text) is not None
                if not is_treatment and not _ON_BEFORE.search(
                    ctx.text, max(view.sentence.start, mention.start - 8), mention.start
                ):
                    continue
                ruled = read_status(self.patterns.medication_status, ctx.text, mention, view.sentence)
                if ruled is not None and ruled.status == "absent":
                    continue  # never given ("had never received bisphosphonates")
                if view.planned or status == "hypothetical":
                    given = "planned"
                elif ruled is not None and ruled.status == "historical":
                    given = "stopped"
                else:
                    given = "given"
                self.found[item_id] = TreatmentGiven(
                    name=mention.text,
                    concept=item_id,
                    status=given,
                    response=None if given == "planned" else self._response(mention.end, view),
                    evidence=[ctx.ev(mention.start, mention.end)],
                )

    def _later_response(self, item_id: str, start: int, end: int, view: SentenceView) -> None:
        """A treatment read before with no response takes the first one a later mention gives
        ("... sodium thiosulfate (STS). After 8 weeks of STS the ulcers healed"), with that
        mention as evidence."""
        given = self.found[item_id]
        if given.response is not None or given.status == "planned" or view.planned:
            return
        response = self._response(end, view)
        if response is not None:
            evidence = [*given.evidence, self.context.ev(start, end)]
            self.found[item_id] = given.model_copy(update={"response": response, "evidence": evidence})

    def _response(self, after: int, view: SentenceView) -> str | None:
        """What the sentence says followed the treatment ("... with complete healing of the ulcers"):
        its words after the treatment, when they hold an outcome cue."""
        sentence = view.sentence
        rest = self.context.text[after : sentence.end]
        if not self.patterns.outcome.search(rest):
            return None
        words = " ".join(rest.strip(" ,;:.").split())
        return words[:_MAX_RESPONSE] or None

    def treatments(self) -> list[TreatmentGiven]:
        """The treatments read so far, in the order first seen."""
        return list(self.found.values())
