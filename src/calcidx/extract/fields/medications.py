"""Medications the patient takes or took, as the knowledge's medication exposures name them."""

from __future__ import annotations

from calcidx.case.model import Medication
from calcidx.extract.fields.context import FieldContext, SentenceView

__all__ = ["MedicationsReader"]


class MedicationsReader:
    """One ``Medication`` per exposure item of category ``medication``, from its first mention."""

    def __init__(self, context: FieldContext) -> None:
        self.context = context
        self.found: dict[str, Medication] = {}

    def read(self, view: SentenceView) -> None:
        """Reads the medication mentions of one sentence."""
        ctx = self.context
        for mention, status, _trigger in view.concepts:
            for table, item_id in mention.keys:
                if table != "exposure" or item_id in self.found:
                    continue
                item = ctx.vocab.get("exposure", item_id)
                if item is None or item.category != "medication":
                    continue
                self.found[item_id] = Medication(
                    name=mention.text,
                    concept=item_id,
                    assertion=status,
                    evidence=[ctx.ev(mention.start, mention.end)],
                )

    def medications(self) -> list[Medication]:
        """The medications read so far, in the order first seen."""
        return list(self.found.values())
