"""Knowledge items found by the names records use, when a record carries no code the knowledge has.

"End stage renal disease" is the condition whose label or synonym it is; a drug line may go on
with strength and form ("Warfarin Sodium 5 MG Oral Tablet" is warfarin). Names are compared
without case, hyphens or brackets; a name shorter than four characters ("CKD", "SSc") is too
easily something else and is never used alone.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["NameIndex", "NamedItem", "name_index", "name_key"]

_MIN_NAME = 4
_MAX_DRUG_WORDS = 4


@dataclass(frozen=True)
class NamedItem:
    """A knowledge item a name points to: its table (singular kind), id and label."""

    kind: str
    id: str
    label: str


def name_key(text: str) -> str:
    """A name compared without case, hyphens, brackets or extra spaces."""
    cleaned = "".join(c if c.isalnum() else " " for c in text.lower())
    return " ".join(cleaned.split())


class NameIndex:
    """Names of conditions, exposures, medications, safety conditions, look-alikes, features and treatments."""

    def __init__(self, bundle: KnowledgeBundle) -> None:
        self._names: dict[str, NamedItem] = {}
        self._drug_names: dict[str, NamedItem] = {}
        tables: list[tuple[str, dict[str, Any]]] = [
            ("condition", bundle.conditions),
            ("exposure", bundle.exposures),
            ("medication", bundle.medications),
            ("safety_condition", bundle.safety_conditions),
            ("lookalike", bundle.lookalikes),
            ("feature", bundle.features),
            ("treatment", bundle.named_treatments()),
        ]
        for kind, table in tables:
            for item in table.values():
                named = NamedItem(kind, item.id, item.label)
                item_kind = getattr(item, "kind", None)
                drug = kind == "medication" or (kind, item_kind) in {("exposure", "medication"), ("treatment", "drug")}
                for name in (item.label, *getattr(item, "synonyms", ())):
                    key = name_key(name)
                    if len(key) < _MIN_NAME:
                        continue
                    self._names.setdefault(key, named)
                    if drug:
                        self._drug_names.setdefault(key, named)

    def find(self, text: str | None, *, drug: bool = False) -> NamedItem | None:
        """The item ``text`` names: the whole text is one of its names, or (``drug``) starts with one."""
        key = name_key(text or "")
        if not key:
            return None
        found = self._names.get(key)
        if found is not None or not drug:
            return found
        words = key.split()
        for size in range(min(_MAX_DRUG_WORDS, len(words)), 0, -1):
            found = self._drug_names.get(" ".join(words[:size]))
            if found is not None:
                return found
        return None


#: The name index of each live bundle, found by identity: a bundle is a frozen model whose hash
#: walks every table (about 10 ms), so a dict or WeakKeyDictionary keyed by it would pay that on
#: every look-up. Few bundles live at once (the shipped one, a test's custom one).
_INDEXES: list[tuple[weakref.ref[KnowledgeBundle], NameIndex]] = []


def name_index(bundle: KnowledgeBundle) -> NameIndex:
    """The name index of ``bundle``, built once while the bundle lives (every FHIR import, CDS call
    and assessment of a named drug reads the same one)."""
    for ref, index in _INDEXES:
        if ref() is bundle:
            return index
    _INDEXES[:] = [(ref, index) for ref, index in _INDEXES if ref() is not None]
    index = NameIndex(bundle)
    _INDEXES.append((weakref.ref(bundle), index))
    return index
