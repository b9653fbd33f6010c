"""Look-alikes of calcinosis cutis (``lookalikes.yaml``), ranked for one case.

A look-alike is listed when the case has at least one of its features (present or suspected),
or when its ``applies_to`` names the case's subtype or sub-form (``all`` lists it for every
case: the classic look-alikes always worth excluding). Findings reported absent count against
it. Interpreted labs count as the feature whose HPO code is the lab's phenotype
(``lab_phenotypes.yaml``): a high uric acid is the hyperuricaemia feature.

Order: look-alikes with a *decisive* finding first (in data order, the order the pathway's
look-alike step uses, so the look-alike behind a ``not_calcinosis`` call leads), then by score
(decisive 3, feature present 1, suspected 0.5, absent -1), then by data order.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import DifferentialItem
from calcidx.knowledge.schema import KnowledgeBundle, Lookalike

__all__ = ["ALWAYS", "lab_concepts", "lab_concepts_against", "rank_lookalikes"]

#: ``applies_to`` value that lists a look-alike for every case.
ALWAYS = "all"

_DECISIVE = 3.0
_PRESENT = 1.0
_POSSIBLE = 0.5
_ABSENT = -1.0


@dataclass
class _Match:
    look: Lookalike
    order: int
    decisive: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    possible: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    applies: bool = False

    @property
    def score(self) -> float:
        return (
            _DECISIVE * len(self.decisive)
            + _PRESENT * len(self.present)
            + _POSSIBLE * len(self.possible)
            + _ABSENT * len(self.absent)
        )


#: ``_concepts_by_hpo`` of the last bundle seen, with that bundle (compared by identity: a bundle
#: is frozen, and a process almost always has one).
_BY_HPO: list[tuple[KnowledgeBundle, dict[str, tuple[str, ...]]]] = []


def _concepts_by_hpo(bundle: KnowledgeBundle) -> dict[str, tuple[str, ...]]:
    """HPO code -> the condition and feature ids that carry it (built once per bundle)."""
    for seen, by_code in _BY_HPO:
        if seen is bundle:
            return by_code
    by_hpo: dict[str, list[str]] = {}
    for table in (bundle.conditions, bundle.features):
        for concept in table.values():
            for code in concept.codes.hpo:
                by_hpo.setdefault(code, []).append(concept.id)
    frozen = {code: tuple(ids) for code, ids in by_hpo.items()}
    _BY_HPO[:] = [(bundle, frozen)]
    return frozen


def lab_concepts_against(facts: CaseFacts, bundle: KnowledgeBundle) -> dict[str, str]:
    """Concept ids a normal lab speaks against: concept id -> "uric acid normal"."""
    by_hpo = _concepts_by_hpo(bundle)
    out: dict[str, str] = {}
    for phen in bundle.lab_phenotypes:
        if facts.labs.get(phen.analyte) == "normal":
            for concept_id in by_hpo.get(phen.hpo, ()):
                out.setdefault(concept_id, f"{facts.labels.get(phen.analyte, phen.analyte)} normal")
    return out


def lab_concepts(facts: CaseFacts, bundle: KnowledgeBundle) -> dict[str, str]:
    """Concept ids implied by interpreted labs: concept id -> "uric acid high".

    A lab phenotype (analyte + interpretation -> HPO term) implies every concept that carries
    the same HPO code.
    """
    by_hpo = _concepts_by_hpo(bundle)
    out: dict[str, str] = {}
    for phen in bundle.lab_phenotypes:
        if facts.labs.get(phen.analyte) == phen.interpretation:
            for concept_id in by_hpo.get(phen.hpo, ()):
                label = facts.labels.get(phen.analyte, phen.analyte)
                out.setdefault(concept_id, f"{label} {phen.interpretation}")
    return out


def _label(concept_id: str, facts: CaseFacts, bundle: KnowledgeBundle) -> str:
    concept = bundle.concept(concept_id)
    if concept is not None:
        return concept.label
    if concept_id in bundle.lookalikes:
        return bundle.lookalikes[concept_id].label
    return facts.labels.get(concept_id, concept_id)


def _match(
    look: Lookalike,
    order: int,
    facts: CaseFacts,
    labs: dict[str, str],
    against: dict[str, str],
    targets: set[str],
    *,
    general: bool = True,
) -> _Match:
    present = facts.present | set(labs)
    absent = facts.absent | (set(against) - present)
    match = _Match(look=look, order=order)
    # The look-alike itself named as a finding ("gouty tophi" diagnosed) is decisive.
    decisive = [*look.decisive, look.id]
    features = [c for c in look.features_for if c not in decisive]
    match.decisive = [c for c in dict.fromkeys(decisive) if c in present]
    match.present = [c for c in features if c in present]
    match.possible = [c for c in dict.fromkeys([*decisive, *features]) if c in facts.possible and c not in present]
    match.absent = [c for c in dict.fromkeys([*decisive, *features]) if c in absent and c not in present]
    # An empty applies_to means calcinosis cutis in general (lookalikes.yaml convention).
    match.applies = (general and not look.applies_to) or bool(set(look.applies_to) & targets)
    return match


def _item(
    rank: int, match: _Match, facts: CaseFacts, bundle: KnowledgeBundle, labs: dict[str, str], against: dict[str, str]
) -> DifferentialItem:
    def name(concept_id: str) -> str:
        label = _label(concept_id, facts, bundle)
        return f"{label} (from {labs[concept_id]})" if concept_id in labs and concept_id not in facts.present else label

    features_for = [f"{name(c)}: decisive" for c in match.decisive]
    features_for += [name(c) for c in match.present]
    features_for += [f"{name(c)}: suspected" for c in match.possible]
    features_against = [
        f"{name(c)}: {against[c]}" if c in against and c not in facts.absent else f"{name(c)}: reported absent"
        for c in match.absent
    ]
    codes = {key: list(value) for key, value in match.look.codes.model_dump().items() if value}
    return DifferentialItem(
        id=match.look.id,
        label=match.look.label,
        kind="lookalike",
        score=match.score,
        rank=rank,
        features_for=features_for,
        features_against=features_against,
        test=match.look.test,
        codes=codes,
        refs=list(match.look.refs),
    )


def rank_lookalikes(
    facts: CaseFacts,
    bundle: KnowledgeBundle,
    *,
    subtype: str,
    subform: str | None = None,
    alternatives: Collection[str] = (),
) -> list[DifferentialItem]:
    """The look-alikes worth considering for this case, best first (rank from 1).

    Args:
        facts: the case's facts.
        bundle: the knowledge bundle (``lookalikes``, concepts, lab phenotypes).
        subtype: the pathway's subtype code; matched against ``applies_to``.
        subform: the sub-form id, if any; matched against ``applies_to`` too.
        alternatives: the subtypes the pathway keeps as alternatives. With no subtype made, an
            alternative with mimics of its own (calciphylaxis) has them listed first: its test
            (the biopsy) is the one the work-up asks for.

    Returns:
        One ``DifferentialItem`` (kind ``lookalike``) per look-alike with a feature for it in
        this case or an ``applies_to`` naming the subtype, sub-form or ``all``; features for and
        against are human-readable, ``test`` is the test that tells it apart.
    """
    labs = lab_concepts(facts, bundle)
    against = lab_concepts_against(facts, bundle)
    targets = {subtype, ALWAYS} | ({subform} if subform else set())
    # a subtype with mimics of its own (calciphylaxis) shows those, not the general look-alikes
    own = {code for look in bundle.lookalikes.values() for code in look.applies_to}
    general = subtype not in own
    undecided = subtype == "undetermined"
    open_mimics = set(alternatives) & own if undecided else set()
    targets |= open_mimics
    matches = [
        _match(look, order, facts, labs, against, targets, general=general)
        for order, look in enumerate(bundle.lookalikes.values())
    ]
    # A look-alike scoped to other subtypes or sub-forms (applies_to) stays out unless a decisive
    # finding names it: dialysis "supports" the tumoral-calcinosis mimics only in tumoral cases.
    # A mimic suspected from a feature of its own (suspected_when: a gadolinium exposure for
    # nephrogenic systemic fibrosis) is kept too, and listed right after the decisive ones.
    suspected = {m.look.id for m in matches if set(m.look.suspected_when) & facts.present}
    # With no subtype made, a scoped mimic whose own features are recorded (warfarin with skin
    # necrosis: warfarin-induced necrosis) is listed too, as the work-up already asks its test.
    # a look-alike of early life only is not listed for an older patient, even with its decisive
    # finding (needle-shaped clefts in fat past infancy are post-steroid panniculitis, not newborn fat necrosis)
    matches = [m for m in matches if not facts.known_at_least(m.look.age_below)]
    # a look-alike of one body site is not listed when every recorded lesion lies elsewhere (bone in a
    # leg plaque is no ossified ear cartilage)
    matches = [m for m in matches if not facts.lesions_elsewhere(m.look.sites)]
    kept = [
        m
        for m in matches
        if m.decisive
        or m.applies
        or m.look.id in suspected
        or (not general and not m.look.applies_to and (m.present or m.possible))
        or (undecided and bool(m.look.applies_to) and bool(m.present))
    ]
    # among the decisive ones, a look-alike the record names itself comes first ("pseudohypoparathyroidism"
    # with bone in the dermis is that disease, before the other ossifications bone also decides)
    kept.sort(
        key=lambda m: (
            0 if m.decisive else 1 if m.look.id in suspected else 2 if set(m.look.applies_to) & open_mimics else 3,
            0 if m.look.id in m.decisive else 1,
            m.order if m.decisive else 0,
            -m.score,
            m.order,
        )
    )
    return [_item(rank, match, facts, bundle, labs, against) for rank, match in enumerate(kept, start=1)]
