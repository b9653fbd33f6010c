"""Medications the patient takes, took or never took, as the knowledge's medication exposures name them.

The drug names and their synonyms are the knowledge's (``exposures.yaml``, kind ``medication``);
whether a drug is current, stopped or never taken is read by the rules of
``extract/data/medication_status.yaml`` ("warfarin was stopped", "previously on calcitriol",
"she takes calcium carbonate"). The last mention a rule speaks about decides; a drug no rule speaks
about keeps the ConText assertion of its first mention.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from calcidx.case.model import Medication
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.records import Mention
from calcidx.extract.rules import MedicationStatusRule
from calcidx.extract.sections import Sentence

__all__ = ["MedicationStatus", "MedicationsReader", "read_status"]

# ConText assertions a status rule may overrule: a planned ("should be stopped"), negated or
# family mention is not a statement that the patient takes or stopped the drug
_RULED = ("present", "historical")
# characters each side of a drug the rules read (their patterns span at most ~80)
_WINDOW = 160


@functools.cache
def _advised_drugs() -> frozenset[str]:
    """The drugs the assessment advises on (``knowledge/data/medications.yaml``)."""
    from calcidx.knowledge.loader import load_bundle

    return frozenset(load_bundle().medications)


@dataclass(frozen=True)
class MedicationStatus:
    """A drug's status as a rule read it, with the rule and the words it matched."""

    status: str
    rule: str
    cue: str


class MedicationsReader:
    """One ``Medication`` per medication exposure of the knowledge, with its current/past status."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.rules = patterns.medication_status
        self.found: dict[str, Medication] = {}
        self.ruled: dict[str, MedicationStatus] = {}

    def read(self, view: SentenceView) -> None:
        """Reads the medication mentions of one sentence."""
        ctx = self.context
        for mention, status, _trigger in view.concepts:
            for table, item_id in mention.keys:
                if table != "exposure":
                    continue
                item = ctx.vocab.get("exposure", item_id)
                if item is None or item.category != "medication":
                    continue
                ruled = self._status(mention, view.sentence) if status in _RULED else None
                medication = self.found.get(item_id)
                if medication is None:
                    medication = self.found[item_id] = Medication(
                        name=mention.text,
                        concept=item_id,
                        assertion=status,
                        evidence=[ctx.ev(mention.start, mention.end)],
                    )
                elif ruled is not None:
                    medication.evidence.append(ctx.ev(mention.start, mention.end))
                if ruled is not None:
                    medication.assertion = ruled.status  # type: ignore[assignment]
                    self.ruled[item_id] = ruled

    def medications(self) -> list[Medication]:
        """The medications read so far, in the order first seen."""
        return list(self.found.values())

    def statuses(self) -> dict[str, MedicationStatus]:
        """The drugs the assessment advises on whose status a rule read: their exposures follow it.

        Only these, and any drug never taken: for the advised drugs "current" decides an action
        ("review and stop warfarin"), while for any other drug the exposure records that it
        happened (the assessment counts a past exposure as a risk factor all the same), whatever
        happened to it later.
        """
        advised = _advised_drugs()
        return {
            item_id: ruled
            for item_id, ruled in self.ruled.items()
            if item_id in advised or ruled.status == "absent"  # never taken: no exposure either
        }

    def _status(self, mention: Mention, sentence: Sentence) -> MedicationStatus | None:
        return read_status(self.rules, self.context.text, mention, sentence)


def read_status(
    rules: Sequence[MedicationStatusRule], text: str, mention: Mention, sentence: Sentence
) -> MedicationStatus | None:
    """What the first status rule that speaks about ``mention`` says (taken, stopped, never), if any.

    The rules read the words of the mention's own sentence around it, so "calcium carbonate was
    stopped and sevelamer was started" stops only calcium carbonate.
    """
    before = text[max(sentence.start, mention.start - _WINDOW) : mention.start]
    after = text[mention.end : min(sentence.end, mention.end + _WINDOW)]
    for rule in rules:
        found = rule.pattern.search(before if rule.side == "before" else after)
        if found is not None:
            return MedicationStatus(status=rule.status, rule=rule.id, cue=" ".join(found.group().split()))
    return None
