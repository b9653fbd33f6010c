"""Exposures that can cause calcinosis (calcium infusions, extravasation, injections) named in the text."""

from __future__ import annotations

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView

__all__ = ["ExposuresReader"]


class ExposuresReader:
    """Collects one exposure ``Finding`` per exposure and assertion; repeated mentions add evidence."""

    def __init__(self, context: FieldContext) -> None:
        self.context = context
        self.found: dict[tuple[str, str], Finding] = {}

    def read(self, view: SentenceView) -> None:
        """Reads the exposure mentions of one sentence."""
        ctx = self.context
        for mention, status, trigger in view.concepts:
            for table, item_id in mention.keys:
                if table != "exposure":
                    continue
                key = (item_id, status)
                if key in self.found:
                    self.found[key].evidence.append(ctx.ev(mention.start, mention.end))
                else:
                    self.found[key] = Finding(
                        concept=item_id,
                        label=ctx.label(table, item_id),
                        assertion=status,
                        trigger=trigger,
                        evidence=[ctx.ev(mention.start, mention.end)],
                    )

    def exposures(self) -> list[Finding]:
        """The exposures read so far, in the order first seen."""
        return list(self.found.values())
