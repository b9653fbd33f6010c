"""A drug started days before the lesions: "started warfarin 4 days ago", "warfarin was begun three
days earlier".

Where the knowledge names a condition for such a recent start (``lexicon.yaml`` ``recent_start``:
warfarin gives ``warfarin_recently_started``, the timing that tells warfarin necrosis from
warfarin-associated calciphylaxis), the sentence gives that condition; the drug's mention is its
evidence. Fixed phrasings ("days after starting warfarin") are the condition's own synonyms.
"""

from __future__ import annotations

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns

__all__ = ["RecentStartReader"]

_WINDOW = 80


class RecentStartReader:
    """The recent-start conditions of a case, each from its first sentence."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.conditions = context.rules.recent_start_conditions
        self.before, self.after, self.after_verb = patterns.recent_start
        self.found: dict[str, Finding] = {}

    def read(self, view: SentenceView) -> None:
        """Reads the drugs of one sentence that were started days ago (none in a plan)."""
        if view.planned or not self.conditions or "day" not in view.sentence.lower:
            return
        ctx, sentence = self.context, view.sentence
        for mention, status, _trigger in view.concepts:
            if status != "present":
                continue
            for table, item_id in mention.keys:
                condition = self.conditions.get(item_id) if table == "exposure" else None
                if condition is None or condition in self.found or ctx.vocab.get("condition", condition) is None:
                    continue
                before = ctx.text[max(sentence.start, mention.start - _WINDOW) : mention.start]
                after = ctx.text[mention.end : min(sentence.end, mention.end + _WINDOW)]
                started = (
                    self.before is not None
                    and self.after is not None
                    and self.before.search(before) is not None
                    and self.after.match(after) is not None
                ) or (self.after_verb is not None and self.after_verb.match(after) is not None)
                if started:
                    self.found[condition] = Finding(
                        concept=condition,
                        label=ctx.label("condition", condition),
                        assertion="present",
                        evidence=[ctx.ev(mention.start, mention.end)],
                    )

    def findings(self) -> list[Finding]:
        """The conditions read, in the order first seen."""
        return list(self.found.values())
