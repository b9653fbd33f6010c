"""Per-component scores of the reader against gold labels: patient zones and assertions.

The end-to-end fields (age, subtype, ...) mix every step. These two scores split the reader:

- **zones**: of the gold facts that name a vocabulary concept (``history``, ``symptoms``,
  ``negated_history`` of a gold case), the share the case carries at all, whatever its assertion.
  A miss means the sentence never reached the patient (zone or patient split), or the concept was
  not recognised.
- **assertions**: of those found, the share with the right assertion: ``present`` for history and
  symptoms, ``absent`` for negated history.

``calcidx eval`` calls ``ComponentScorer.score`` once per gold case and prints ``rows()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from calcidx.case.model import Case
from calcidx.extract.rules import phrase_regex
from calcidx.extract.vocabulary import Vocabulary

__all__ = ["ComponentMiss", "ComponentScorer"]

_TABLES = frozenset({"condition", "feature", "exposure", "lookalike"})
_EXPECTED = {"history": "present", "symptoms": "present", "negated_history": "absent"}


@dataclass(frozen=True)
class ComponentMiss:
    """One gold fact the reader missed (zone) or asserted wrongly (assertion)."""

    document: str
    patient: int | None
    component: str
    gold: str
    got: str


@dataclass
class ComponentScorer:
    """Counts zone and assertion agreement over many gold cases (one vocabulary, compiled once)."""

    vocabulary: Vocabulary
    zone_hits: int = 0
    zone_total: int = 0
    assertion_hits: int = 0
    assertion_total: int = 0
    misses: list[ComponentMiss] = field(default_factory=list)

    def __post_init__(self) -> None:
        forms = {f: keys for f, keys in self.vocabulary.forms.items() if any(k[0] in _TABLES for k in keys)}
        self._forms = forms
        self._pattern = phrase_regex(list(forms)) if forms else None

    def concepts_in(self, phrase: str) -> set[str]:
        """The concept ids a gold phrase names (longest vocabulary terms, case-insensitive)."""
        if self._pattern is None:
            return set()
        found: set[str] = set()
        for match in self._pattern.finditer(phrase):
            keys = self._forms.get(" ".join(match.group().lower().split()), [])
            found.update(item_id for table, item_id in keys if table in _TABLES)
        return found

    def score(self, document: str, gold_case: Mapping[str, Any], case: Case | None) -> None:
        """Compare one gold case with the case the reader built for it (None: no case)."""
        number = gold_case.get("patient_index")
        got: dict[str, set[str]] = {}
        if case is not None:
            for finding in [*case.findings, *case.exposures]:
                got.setdefault(finding.concept, set()).add(finding.assertion)
        for key, expected in _EXPECTED.items():
            for phrase in gold_case.get(key) or []:
                concepts = self.concepts_in(str(phrase))
                if not concepts:
                    continue
                self.zone_total += 1
                found = [c for c in concepts if c in got]
                if not found:
                    self.misses.append(ComponentMiss(document, number, "zone", f"{key}: {phrase}", "-"))
                    continue
                self.zone_hits += 1
                self.assertion_total += 1
                assertions = set().union(*(got[c] for c in found))
                if expected in assertions:
                    self.assertion_hits += 1
                else:
                    self.misses.append(
                        ComponentMiss(document, number, "assertion", f"{key}: {phrase}", ", ".join(sorted(assertions)))
                    )

    def rows(self) -> list[tuple[str, int, int, float | None]]:
        """(component, correct, total, accuracy) for zones and assertions."""
        return [
            ("zones", self.zone_hits, self.zone_total, self.zone_hits / self.zone_total if self.zone_total else None),
            (
                "assertions",
                self.assertion_hits,
                self.assertion_total,
                self.assertion_hits / self.assertion_total if self.assertion_total else None,
            ),
        ]
