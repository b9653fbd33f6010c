"""The clinical vocabulary the extractor matches: every synonym of the knowledge base's items.

Built from the knowledge bundle (conditions, exposures, features, look-alikes, analytes, sub-forms,
treatments) on first use, or from a small mapping in tests. Features also get the label of their
HPO term from the HPO release shipped in hpo3 (the hpo3 release carries labels only, no synonyms:
exact synonyms stay curated in ``features.yaml``). Every term is matched in its British and
American spellings ("haemodialysis"/"hemodialysis", "oedema"/"edema", "hypercalcaemia"/
"hypercalcemia", "paediatric"/"pediatric"). Words that state a lab result ("hypercalcaemia",
"hypophosphatemic") come from the HPO labels of ``lab_phenotypes.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from calcidx.knowledge.schema import KnowledgeBundle

__all__ = [
    "Table",
    "VocabItem",
    "Vocabulary",
    "american",
    "british",
    "default_vocabulary",
    "knowledge_state_words",
    "spelling_variants",
]

Table = Literal["condition", "exposure", "feature", "lookalike", "analyte", "subform", "treatment"]
TABLES: tuple[Table, ...] = ("condition", "exposure", "feature", "lookalike", "analyte", "subform", "treatment")

# British -> American spelling of medical words (applied to lower-case text).
_TO_AMERICAN = (
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aemi"), "emi"),
    (re.compile(r"oedema"), "edema"),
    (re.compile(r"oesoph"), "esoph"),
    (re.compile(r"oestr"), "estr"),
    (re.compile(r"(?<![a-z])foet"), "fet"),
    (re.compile(r"anaesth"), "anesth"),
    (re.compile(r"gynaec"), "gynec"),
    (re.compile(r"leucocyt"), "leukocyt"),
    (re.compile(r"([a-z])isation"), r"\1ization"),
    (re.compile(r"([a-z])ised(?![a-z])"), r"\1ized"),
    (re.compile(r"colour"), "color"),
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"aetiol"), "etiol"),
    (re.compile(r"paed"), "ped"),
    (re.compile(r"fibre"), "fiber"),
    (re.compile(r"centre"), "center"),
)
# American -> British: the reverse, for terms the knowledge writes in American spelling.
_TO_BRITISH = (
    (re.compile(r"(?<![a-z])hem(?=[aeo])"), "haem"),
    (re.compile(r"(?<=[a-z])hem(?=at|og|or|os|ol)"), "haem"),
    (re.compile(r"(?<=[^aeiou\s-])emia"), "aemia"),
    # "-emic" only after the stems of -emia words: "systemic", "academic" and "endemic" stay
    (
        re.compile(
            r"(calc|phosphat|(?<![a-z])ur|(?<![a-z])an|leuk|isch|glyc|kal|natr|(?<![a-z])lip|albumin|uric|"
            r"(?<![a-z])vir|bacter|septic|hypox)emic"
        ),
        r"\1aemic",
    ),
    (re.compile(r"(?<![a-z])edema"), "oedema"),
    (re.compile(r"(?<![a-z])esophag"), "oesophag"),
    (re.compile(r"(?<![a-z])estrogen"), "oestrogen"),
    (re.compile(r"(?<![a-z])fetal"), "foetal"),
    (re.compile(r"anesth"), "anaesth"),
    (re.compile(r"gynec"), "gynaec"),
    (re.compile(r"leukocyt"), "leucocyt"),
    (re.compile(r"([a-z])ization"), r"\1isation"),
    (re.compile(r"([a-z]{3})ized(?![a-z])"), r"\1ised"),
    (re.compile(r"color"), "colour"),
    (re.compile(r"tumor(?!u)"), "tumour"),
    (re.compile(r"(?<![a-z])sulf"), "sulph"),
    (re.compile(r"(?<![a-z])etiol"), "aetiol"),
    (re.compile(r"(?<![a-z])ped(?=iatr|ia)"), "paed"),
    (re.compile(r"orthoped"), "orthopaed"),
    (re.compile(r"fiber"), "fibre"),
    (re.compile(r"center"), "centre"),
)


def american(term: str) -> str:
    """``term`` in American spelling ("haemodialysis" -> "hemodialysis"); lower case in, lower case out."""
    for pattern, repl in _TO_AMERICAN:
        term = pattern.sub(repl, term)
    return term


def british(term: str) -> str:
    """``term`` in British spelling ("hypercalcemia" -> "hypercalcaemia"); lower case in, lower case out."""
    for pattern, repl in _TO_BRITISH:
        term = pattern.sub(repl, term)
    return term


# the space after a numeric locant that starts a term ("1,25 vitamin d", "25 hydroxy vitamin d")
_LOCANT_SPACE = re.compile(r"^([\d,]*\d) (?=[a-z])")


def spelling_variants(term: str) -> set[str]:
    """Lower-case forms of ``term`` a report may print: US/UK spelling, hyphen or not, plural.

    Example: "haemodialysis" -> {"haemodialysis", "hemodialysis"}; "edema" -> {"edema", "oedema"};
    "heel prick" -> {"heel prick", "heel-prick", "heel pricks"}; "pilomatricoma" -> {"pilomatricoma",
    "pilomatricomas"}.
    """
    base = " ".join(term.lower().split())
    if not base:
        return set()
    forms = {base}
    us = american(base)
    forms.add(us)
    forms.add(british(us))
    for form in list(forms):
        if "-" in form:
            forms.add(form.replace("-", " "))
            forms.add(form.replace("-", ""))
        elif form.count(" ") == 1 and form.replace(" ", "").isalpha():
            forms.add(form.replace(" ", "-"))  # a two-word term printed as a compound: "heel-prick"
    for form in list(forms):
        # a numeric locant joined to its word by a hyphen: "1,25 vitamin d" -> "1,25-vitamin d"
        if _LOCANT_SPACE.search(form):
            forms.add(_LOCANT_SPACE.sub(r"\1-", form))
    for form in list(forms):
        last = form.rsplit(" ", 1)[-1]
        if " " in form and len(last) > 3 and last.isalpha() and not last.endswith(("s", "y", "ia")):
            forms.add(form + "s")
        elif " " not in form and len(form) > 5 and form.isalpha() and form.endswith("oma"):
            forms.add(form + "s")  # a tumour named once per lesion: "multiple pilomatricomas", "osteomas"
    return {f for f in forms if f.strip()}


@dataclass(frozen=True)
class VocabItem:
    """One knowledge item the extractor can find in text."""

    table: Table
    id: str
    label: str
    category: str | None = None
    synonyms: tuple[str, ...] = ()
    #: an analyte reported as a titre: positive from this dilution's denominator up (analytes.yaml)
    titer_positive_from: float | None = None
    #: a look-alike of early life only: its words name it for a patient younger than this (years)
    age_below: float | None = None


@dataclass
class Vocabulary:
    """Items by (table, id), and each lower-case surface form with the items it names."""

    name: str
    items: dict[tuple[Table, str], VocabItem] = field(default_factory=dict)
    forms: dict[str, list[tuple[Table, str]]] = field(default_factory=dict)
    exact_forms: dict[str, list[tuple[Table, str]]] = field(default_factory=dict)
    #: one-letter test names ("P" for phosphate), read only inside a list of results
    lab_letters: dict[str, list[tuple[Table, str]]] = field(default_factory=dict)
    _early_life: dict[str, float] | None = field(default=None, repr=False, compare=False)

    def add(self, item: VocabItem, *, also: tuple[tuple[Table, str], ...] = ()) -> None:
        """Add ``item`` and every spelling variant of its label and synonyms.

        Short abbreviations with capitals ("Ca", "PTH", "ALP") match only with the same case, so
        that "ca." or "p" in ordinary prose is not read as a lab; one-letter terms are kept apart
        (``lab_letters`` for a test's, none for other items).
        ``also``: other (table, id) keys the same words name (a concept the item implies: "CKD
        stage 4" is chronic kidney disease too); those items keep their own label and words.
        """
        self.items[(item.table, item.id)] = item
        self._early_life = None
        owners: tuple[tuple[Table, str], ...] = ((item.table, item.id), *also)
        for term in (item.label, *item.synonyms):
            compact = term.strip()
            if len(compact) < 2:
                if item.table == "analyte" and compact.isalpha():
                    keys = self.lab_letters.setdefault(compact, [])
                    keys.extend(owner for owner in owners if owner not in keys)
                continue
            if len(compact) <= 5 and any(c.isupper() for c in compact) and " " not in compact:
                keys = self.exact_forms.setdefault(compact, [])
                keys.extend(owner for owner in owners if owner not in keys)
                continue
            for form in spelling_variants(term):
                keys = self.forms.setdefault(form, [])
                keys.extend(owner for owner in owners if owner not in keys)

    def early_life_lookalikes(self) -> dict[str, float]:
        """The look-alikes of early life only, each with the age (years) it ends at."""
        found = self._early_life
        if found is None:
            found = self._early_life = {
                item_id: item.age_below
                for (table, item_id), item in self.items.items()
                if table == "lookalike" and item.age_below is not None
            }
        return found

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

    def add_singulars(self, plurals: Mapping[str, str]) -> None:
        """Each form of two words or more that ends in a plural lesion noun ("hard nodules") also
        in the singular ("a hard nodule"), naming the same items. A singular form the vocabulary has
        already keeps its own items.

        Args:
            plurals: plural lesion nouns with their singular (``Rules.lesion_plurals``).
        """
        for form, keys in list(self.forms.items()):
            head, _, last = form.rpartition(" ")
            singular = plurals.get(last)
            if head and singular:
                self.forms.setdefault(f"{head} {singular}", list(keys))

    def add_word_abbreviations(self, abbreviations: Mapping[str, tuple[str, ...]]) -> None:
        """Each form of two words or more that holds a word of ``abbreviations`` also with that word
        abbreviated ("calcium gluconate infusion" -> "ca gluconate infusion"), naming the same items.
        A form the vocabulary has already keeps its own items. Lab names are left as they are:
        "serum ca" would also read a tumour marker ("serum CA 19-9").

        Args:
            abbreviations: words and their abbreviations (``Rules.term_word_abbreviations``).
        """
        if not abbreviations:
            return
        word = re.compile(r"\b(" + "|".join(map(re.escape, abbreviations)) + r")\b")
        for form, keys in list(self.forms.items()):
            if (" " not in form and "-" not in form) or any(table == "analyte" for table, _ in keys):
                continue
            for found in {m.group(1) for m in word.finditer(form)}:
                for short in abbreviations[found]:
                    self.forms.setdefault(re.sub(rf"\b{re.escape(found)}\b", short, form), list(keys))

    @classmethod
    def from_bundle(cls, bundle: KnowledgeBundle, *, hpo: bool = True) -> Vocabulary:
        """The vocabulary of a knowledge bundle.

        Args:
            bundle: the knowledge bundle.
            hpo: add each feature's HPO label from the shipped HPO release (loads hpo3 once).
        """
        from calcidx.extract.rules import load_rules

        vocab = cls(name=f"{bundle.info.name}@{bundle.info.version}")
        for cond in bundle.conditions.values():
            vocab.add(VocabItem("condition", cond.id, cond.label, cond.category, tuple(cond.synonyms)))
        for exp in bundle.exposures.values():
            vocab.add(VocabItem("exposure", exp.id, exp.label, exp.kind, tuple(exp.synonyms)))
        for safety in bundle.safety_conditions.values():
            # read as findings so a treatment's contraindications (a conduction block, a pacemaker)
            # apply to a patient told in free text, not only to a form
            implied: tuple[tuple[Table, str], ...] = tuple(
                ("condition", c) for c in safety.implies if c in bundle.conditions or c in bundle.safety_conditions
            )
            vocab.add(VocabItem("condition", safety.id, safety.label, "safety", tuple(safety.synonyms)), also=implied)
        hpo_labels = _hpo_feature_labels(bundle) if hpo else {}
        for feat in bundle.features.values():
            extra = tuple(hpo_labels.get(feat.id, ()))
            named: tuple[tuple[Table, str], ...] = tuple(
                ("condition", c) if c in bundle.conditions else ("feature", c)
                for c in feat.implies
                if c in bundle.conditions or c in bundle.features
            )
            vocab.add(VocabItem("feature", feat.id, feat.label, feat.category, (*feat.synonyms, *extra)), also=named)
        for look in bundle.lookalikes.values():
            vocab.add(VocabItem("lookalike", look.id, look.label, None, tuple(look.synonyms), age_below=look.age_below))
        for analyte in bundle.analytes.values():
            vocab.add(
                VocabItem(
                    "analyte",
                    analyte.id,
                    analyte.label,
                    "qualitative" if analyte.qualitative else None,
                    tuple(analyte.synonyms),
                    titer_positive_from=analyte.titer_positive_from,
                )
            )
        for sub in bundle.subforms.values():
            vocab.add(VocabItem("subform", sub.id, sub.label, ",".join(sub.subtypes), tuple(sub.synonyms)))
        # what reports say was given: a therapy, whatever the subtype; an option a therapy covers
        # is read as that therapy (its own label is a description, not a name reports use)
        covered = {option for therapy in bundle.therapies.values() for option in therapy.options}
        for treat in bundle.treatments.values():
            if treat.id not in covered:
                vocab.add(VocabItem("treatment", treat.id, treat.label, treat.kind, ()))
        for therapy in bundle.therapies.values():
            vocab.add(VocabItem("treatment", therapy.id, therapy.label, therapy.kind, tuple(therapy.synonyms)))
        rules = load_rules()
        vocab.add_singulars(rules.lesion_plurals)
        vocab.add_word_abbreviations(rules.term_word_abbreviations)
        return vocab


def _hpo_feature_labels(bundle: KnowledgeBundle) -> dict[str, list[str]]:
    """Feature id -> the labels of its HPO terms, for terms that name one feature only.

    A term shared by several features ("Purpura" for painful and for retiform purpura) is too
    broad to decide between them, so it adds nothing.
    """
    from calcidx.knowledge.hpo import term

    owners: dict[str, list[str]] = {}
    for feat in bundle.features.values():
        for code in feat.codes.hpo:
            owners.setdefault(code, []).append(feat.id)
    labels: dict[str, list[str]] = {}
    for code, features in owners.items():
        found = term(code) if len(features) == 1 else None
        if found is not None and not found.name.lower().startswith("abnormal"):
            labels.setdefault(features[0], []).append(str(found.name))
    return labels


def knowledge_state_words(
    bundle: KnowledgeBundle | None = None,
) -> list[tuple[str, str, Literal["low", "normal", "high"]]]:
    """(regex, analyte, interpretation) for one-word lab states named by ``lab_phenotypes.yaml``.

    An HPO label such as "Hypercalcemia" gives the regex for "hypercalcemia", "hypercalcaemia",
    "hypercalcemic" and "hypercalcaemic"; "Hypercalciuria" gives "hypercalciuria"/"-uric".
    Labels of more than one word ("Elevated circulating creatinine concentration") are left to
    the value readers.
    """
    from calcidx.knowledge.loader import load_bundle

    kb = bundle or load_bundle()
    out: list[tuple[str, str, Literal["low", "normal", "high"]]] = []
    seen: set[str] = set()
    for phenotype in kb.lab_phenotypes:
        word = american(phenotype.label.lower())
        match = re.fullmatch(r"(hyper|hypo)([a-z]+?)(emia|uria)", word)
        if match is None or word in seen:
            continue  # the first analyte a word names keeps it ("hypercalcemia" is serum calcium)
        seen.add(word)
        prefix, stem, suffix = match.groups()
        ending = "(?:a)?emi(?:a|c)" if suffix == "emia" else "uri(?:a|c)"
        out.append((f"{prefix}{stem}{ending}", phenotype.analyte, phenotype.interpretation))
    return out


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary of the shipped knowledge bundle (loaded on first use)."""
    from calcidx.knowledge.loader import load_bundle

    return Vocabulary.from_bundle(load_bundle())
