"""Conditions, clinical features and look-alikes named in the patient's sentences, with their assertion."""

from __future__ import annotations

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns

__all__ = ["FINDING_TABLES", "FindingsReader"]

#: The vocabulary tables whose mentions become ``Case.findings``.
FINDING_TABLES = ("condition", "feature", "lookalike")


class FindingsReader:
    """Collects one ``Finding`` per concept and assertion; repeated mentions add evidence."""

    def __init__(self, context: FieldContext, patterns: CasePatterns | None = None) -> None:
        self.context = context
        self.patterns = patterns
        self.found: dict[tuple[str, str, str], Finding] = {}

    def read(self, view: SentenceView) -> list[str]:
        """Reads one sentence.

        Returns:
            The concept ids asserted present in the sentence (in text order), for the observations.
        """
        present: list[str] = []
        ctx = self.context
        other_specimen: bool | None = None
        for mention, status, trigger in view.concepts:
            for table, item_id in mention.keys:
                if table not in FINDING_TABLES:
                    continue
                if table == "feature" and self.patterns is not None:
                    item = ctx.vocab.get("feature", item_id)
                    if item is not None and item.category == "histology":
                        if other_specimen is None:
                            other_specimen = self.patterns.other_specimen_only(view.sentence.text)
                        if other_specimen:
                            continue  # crystals in the urine or a stone: not the lesion's composition
                key = (table, item_id, status)
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
                if status == "present":
                    present.append(item_id)
        return present

    def findings(self) -> list[Finding]:
        """The findings read so far, in the order first seen."""
        return list(self.found.values())
