"""What every field reader shares: the document's records, evidence spans and mention assertions."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from calcidx.case.model import Evidence
from calcidx.extract.assertion import TriggerIndex, trigger_types
from calcidx.extract.labs_text import CueHit
from calcidx.extract.records import Mention, StateHit
from calcidx.extract.rules import Rules
from calcidx.extract.sections import Sentence
from calcidx.extract.textmap import TextMap
from calcidx.extract.vocabulary import Vocabulary

__all__ = ["DocRecords", "FieldContext", "SentenceView", "in_range"]


@dataclass
class DocRecords:
    """What the components found in one document."""

    text: str
    mentions: list[Mention]
    triggers: TriggerIndex
    cues: list[CueHit]
    states: list[StateHit]
    textmap: TextMap | None = None


def in_range(items: Sequence[Any], starts: list[int], start: int, end: int) -> list[Any]:
    """The items (sorted by ``start``, whose starts are ``starts``) lying within ``[start, end)``."""
    lo = bisect_left(starts, start)
    hi = bisect_left(starts, end, lo)  # a slice to the end would copy the tail: quadratic over a document
    return [item for item in items[lo:hi] if item.end <= end]


@dataclass
class SentenceView:
    """One sentence as the readers see it: its mentions, and each concept mention's assertion.

    ``concepts`` holds the mentions of knowledge items (not body sites) with their assertion and
    trigger, computed once for all readers; ``planned`` says the sentence plans rather than reports.
    """

    sentence: Sentence
    mentions: list[Mention]
    planned: bool
    concepts: list[tuple[Mention, str, str | None]] = field(default_factory=list)


#: the vocabulary tables a plan cue reaches only within its clause (the patient's conditions and
#: findings told beside a plan stay hers); drugs and treatments stay planned for the whole sentence
_CLAUSE_SCOPED = frozenset({"condition", "feature", "lookalike", "exposure"})


def _outside_plan(mention: Mention, sentence: Sentence, clauses: tuple[tuple[int, int, int, int], ...]) -> bool:
    """The mention lies outside every clause holding a plan cue, or is the cue's own phrase
    ("planning a pregnancy"), so the plan does not make it hypothetical."""
    start, end = mention.start - sentence.start, mention.end - sentence.start
    for clause_start, clause_end, cue_start, cue_end in clauses:
        if start < cue_end and cue_start < end:
            continue  # the mention holds the cue
        if clause_start <= start and end <= clause_end:
            return False
    return True


class FieldContext:
    """The document-wide inputs of the field readers (one per document)."""

    def __init__(
        self, rules: Rules, vocabulary: Vocabulary, records: DocRecords, abbrs: dict[str, str] | None = None
    ) -> None:
        self.rules = rules
        self.vocab = vocabulary
        self.rec = records
        self.abbrs = abbrs or {}
        self.mention_starts = [m.start for m in records.mentions]
        self.cue_starts = [c.start for c in records.cues]
        self.state_starts = [s.start for s in records.states]
        #: family triggers that name the patient (set per patient by the case builder)
        self.void_triggers: frozenset[int] = frozenset()

    @property
    def text(self) -> str:
        """The (normalised) text the records' offsets point into."""
        return self.rec.text

    def ev(self, start: int, end: int) -> Evidence:
        """Evidence for ``text[start:end]``, with offsets into the original text when it was normalised.

        Whitespace at either end of the span is left out: ``Evidence`` strips its text, and its
        offsets must still point at exactly that text.
        """
        text = self.rec.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        textmap = self.rec.textmap
        if textmap is None:
            return Evidence(start=start, end=end, text=self.rec.text[start:end])
        orig_start, orig_end = textmap.start(start), textmap.end(end)
        return Evidence(start=orig_start, end=orig_end, text=textmap.original[orig_start:orig_end])

    def mentions(self, sentence: Sentence) -> list[Mention]:
        """The vocabulary and site mentions inside ``sentence``."""
        return in_range(self.rec.mentions, self.mention_starts, sentence.start, sentence.end)

    def cues(self, sentence: Sentence) -> list[CueHit]:
        """The lab interpretation cues ("raised", "within normal limits") inside ``sentence``."""
        return in_range(self.rec.cues, self.cue_starts, sentence.start, sentence.end)

    def states(self, sentence: Sentence) -> list[StateHit]:
        """The analyte-state words ("hypercalcaemia") inside ``sentence``."""
        return in_range(self.rec.states, self.state_starts, sentence.start, sentence.end)

    def assertion(
        self, start: int, end: int, sentence: Sentence, tables: tuple[str, ...] = ()
    ) -> tuple[str, str | None]:
        """The ConText assertion of ``text[start:end]`` in ``sentence`` (and the trigger's text)."""
        return self.rec.triggers.status(start, end, sentence.start, sentence.end, tables, self.void_triggers)

    def view(
        self, sentence: Sentence, planned: bool, plan_clauses: tuple[tuple[int, int, int, int], ...] | None = None
    ) -> SentenceView:
        """The sentence with its mentions, and the assertion of each concept mention.

        A planning sentence makes its present mentions hypothetical; with ``plan_clauses`` (see
        ``CasePatterns.plan_clauses``) a condition or finding outside the plan's clause stays present.
        """
        mentions = self.mentions(sentence)
        view = SentenceView(sentence=sentence, mentions=mentions, planned=planned)
        for mention in mentions:
            if mention.is_site:
                continue
            tables = tuple(k[0] for k in mention.keys)
            status, trigger = self.assertion(mention.start, mention.end, sentence, trigger_types(mention.keys))
            if status == "present" and planned:
                clause_scoped = plan_clauses is not None and set(tables) <= _CLAUSE_SCOPED
                if not (clause_scoped and plan_clauses and _outside_plan(mention, sentence, plan_clauses)):
                    status, trigger = "hypothetical", "planned"
            view.concepts.append((mention, status, trigger))
        return view

    def label(self, table: str, item_id: str) -> str | None:
        """The knowledge label of a vocabulary item, if the item is known."""
        item = self.vocab.get(table, item_id)  # type: ignore[arg-type]
        return item.label if item else None
