"""The clinical vocabulary the extractor matches: every synonym of the knowledge base's items.

Built from the knowledge bundle (conditions, exposures, features, look-alikes, analytes, sub-forms,
treatments) on first use, or from a small mapping in tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["Table", "VocabItem", "Vocabulary", "default_vocabulary", "spelling_variants"]

Table = Literal["condition", "exposure", "feature", "lookalike", "analyte", "subform", "treatment"]
TABLES: tuple[Table, ...] = ("condition", "exposure", "feature", "lookalike", "analyte", "subform", "treatment")

_BRITISH = (
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aemi"), "emi"),
    (re.compile(r"oedema"), "edema"),
    (re.compile(r"oesoph"), "esoph"),
    (re.compile(r"([a-z])isation"), r"\1ization"),
    (re.compile(r"colour"), "color"),
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"aetiol"), "etiol"),
    (re.compile(r"paed"), "ped"),
)


def spelling_variants(term: str) -> set[str]:
    """Lower-case forms of ``term`` a report may print: US/UK spelling, hyphen or not, plural.

    Example: "haemodialysis" -> {"haemodialysis", "hemodialysis"}.
    """
    base = " ".join(term.lower().split())
    if not base:
        return set()
    forms = {base}
    american = base
    for pattern, repl in _BRITISH:
        american = pattern.sub(repl, american)
    forms.add(american)
    for form in list(forms):
        if "-" in form:
            forms.add(form.replace("-", " "))
            forms.add(form.replace("-", ""))
    for form in list(forms):
        last = form.rsplit(" ", 1)[-1]
        if " " in form and len(last) > 3 and last.isalpha() and not last.endswith(("s", "y", "ia")):
            forms.add(form + "s")
    return {f for f in forms if f.strip()}


@dataclass(frozen=True)
class VocabItem:
    """One knowledge item the extractor can find in text."""

    table: Table
    id: str
    label: str
    category: str | None = None
    synonyms: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    """Items by (table, id), and each lower-case surface form with the items it names."""

    name: str
    items: dict[tuple[Table, str], VocabItem] = field(default_factory=dict)
    forms: dict[str, list[tuple[Table, str]]] = field(default_factory=dict)
    exact_forms: dict[str, list[tuple[Table, str]]] = field(default_factory=dict)

    def add(self, item: VocabItem) -> None:
        """Add ``item`` and every spelling variant of its label and synonyms.

        Short abbreviations with capitals ("Ca", "PTH", "ALP") match only with the same case, so
        that "ca." or "p" in ordinary prose is not read as a lab; one-letter terms are skipped.
        """
        self.items[(item.table, item.id)] = item
        for term in (item.label, *item.synonyms):
            compact = term.strip()
            if len(compact) < 2:
                continue
            if len(compact) <= 5 and any(c.isupper() for c in compact) and " " not in compact:
                keys = self.exact_forms.setdefault(compact, [])
                if (item.table, item.id) not in keys:
                    keys.append((item.table, item.id))
                continue
            for form in spelling_variants(term):
                keys = self.forms.setdefault(form, [])
                if (item.table, item.id) not in keys:
                    keys.append((item.table, item.id))

    def get(self, table: Table, item_id: str) -> VocabItem | None:
        """The item with this id in ``table``, if any."""
        return self.items.get((table, item_id))

    def ids(self, table: Table) -> list[str]:
        """Every id of ``table``."""
        return [key[1] for key in self.items if key[0] == table]

    def names_of(self, table: Table, item_id: str) -> list[str]:
        """Label and synonyms of an item, lower case (empty if unknown)."""
        item = self.get(table, item_id)
        if item is None:
            return []
        return [item.label.lower(), *(s.lower() for s in item.synonyms)]

    @classmethod
    def from_mapping(cls, name: str, tables: Mapping[str, Mapping[str, Iterable[str]]]) -> Vocabulary:
        """A vocabulary from ``{"condition": {"systemic_sclerosis": ["systemic sclerosis", ...]}}``.

        The first term of each list is the label. A feature's category may be given as
        ``"feature:histology"`` for the table key.
        """
        vocab = cls(name=name)
        for table_key, entries in tables.items():
            table, _, category = table_key.partition(":")
            if table not in TABLES:
                raise ValueError(f"unknown vocabulary table {table!r}; allowed: {', '.join(TABLES)}")
            for item_id, terms in entries.items():
                words = list(terms)
                vocab.add(
                    VocabItem(
                        table=table,
                        id=item_id,
                        label=words[0] if words else item_id,
                        category=category or None,
                        synonyms=tuple(words[1:]),
                    )
                )
        return vocab

    @classmethod
    def from_bundle(cls, bundle: KnowledgeBundle) -> Vocabulary:
        """The vocabulary of a knowledge bundle."""
        vocab = cls(name=f"{bundle.info.name}@{bundle.info.version}")
        for cond in bundle.conditions.values():
            vocab.add(VocabItem("condition", cond.id, cond.label, cond.category, tuple(cond.synonyms)))
        for exp in bundle.exposures.values():
            vocab.add(VocabItem("exposure", exp.id, exp.label, exp.kind, tuple(exp.synonyms)))
        for feat in bundle.features.values():
            vocab.add(VocabItem("feature", feat.id, feat.label, feat.category, tuple(feat.synonyms)))
        for look in bundle.lookalikes.values():
            vocab.add(VocabItem("lookalike", look.id, look.label, None, tuple(look.synonyms)))
        for analyte in bundle.analytes.values():
            vocab.add(
                VocabItem(
                    "analyte",
                    analyte.id,
                    analyte.label,
                    "qualitative" if analyte.qualitative else None,
                    tuple(analyte.synonyms),
                )
            )
        for sub in bundle.subforms.values():
            vocab.add(VocabItem("subform", sub.id, sub.label, ",".join(sub.subtypes), tuple(sub.synonyms)))
        for treat in bundle.treatments.values():
            vocab.add(VocabItem("treatment", treat.id, treat.label, treat.kind, ()))
        return vocab


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary of the shipped knowledge bundle (loaded on first use)."""
    from calcidx.knowledge.loader import load_bundle

    return Vocabulary.from_bundle(load_bundle())
