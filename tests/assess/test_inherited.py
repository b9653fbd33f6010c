"""Inherited and syndromic differential over the HPO (hpo3): scores, contributions, fit, speed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calcidx.assess import inherited
from calcidx.assess.facts import build_facts
from calcidx.assess.inherited import candidate_count, case_terms, rank_inherited, score_diseases
from calcidx.case.model import Case
from calcidx.knowledge.schema import KnowledgeBundle


def _case(findings: Sequence[str] = (), labs: dict[str, str] | None = None, absent: Sequence[str] = ()) -> Case:
    return Case.model_validate(
        {
            "patient": {"age_years": 10},
            "findings": [{"concept": c} for c in findings] + [{"concept": c, "assertion": "absent"} for c in absent],
            "labs": [{"analyte": a, "interpretation": i} for a, i in (labs or {}).items()],
        }
    )


PTH_RESISTANCE = {"calcium": "low", "phosphate": "high", "pth": "high"}


def test_candidates_are_calcifying_diseases(bundle: KnowledgeBundle) -> None:
    assert candidate_count(bundle) > 50


def test_labs_become_hpo_terms_and_normal_labs_exclude(bundle: KnowledgeBundle) -> None:
    terms = case_terms(build_facts(_case(labs={"phosphate": "high", "calcium": "normal"}), bundle), bundle)
    assert "Hyperphosphatemia" in terms.present.get(2905, "") or 2905 in terms.present
    assert 3072 in terms.absent and 2901 in terms.absent  # hyper- and hypocalcaemia excluded


def test_pth_resistance_ranks_pseudohypoparathyroidism_first(bundle: KnowledgeBundle) -> None:
    items, fit = rank_inherited(build_facts(_case(labs=PTH_RESISTANCE), bundle), bundle)
    assert fit == "good"
    assert "pseudohypoparathyroidism" in items[0].label.lower()
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    first = items[0]
    assert first.kind == "inherited"
    assert set(first.codes) <= {"omim", "orpha"} and all(first.codes.values())
    assert first.score is not None
    assert sum(c.contribution for c in first.contributions) == pytest.approx(first.score, abs=1e-3)
    assert {c.status for c in first.contributions} == {"present"}
    assert all(c.hpo.startswith("HP:") and c.label for c in first.contributions)


def _scored(findings: Sequence[str], absent: Sequence[str], bundle: KnowledgeBundle) -> dict[str, float]:
    terms = case_terms(build_facts(_case(findings, absent=absent), bundle), bundle)
    return {f"{s.disease.source}:{s.disease.id}": s.score for s in score_diseases(terms, bundle)}


def test_absent_finding_counts_against_an_annotated_disease(bundle: KnowledgeBundle) -> None:
    """The LIRICAL-style penalty, on the scorer (the ranking then drops acquired diseases)."""
    signs = ["gottron_papules", "heliotrope_rash", "raynaud_phenomenon"]
    terms = case_terms(build_facts(_case(signs, absent=["proximal_muscle_weakness"]), bundle), bundle)
    penalised = [s for s in score_diseases(terms, bundle) if any(status == "absent" for _, status, _ in s.parts)]
    assert penalised, "a disease annotated with proximal muscle weakness is penalised when it is absent"
    item = inherited._item(1, penalised[0], terms, [])
    absent = [c for c in item.contributions if c.status == "absent"]
    assert absent[0].contribution < 0 and absent[0].hpo == "HP:0003701"
    assert any("excluded" in text for text in item.features_against)


def test_absent_penalty_lowers_the_score(bundle: KnowledgeBundle) -> None:
    base = ["gottron_papules", "heliotrope_rash"]
    plain = _scored(base, [], bundle)
    minus = _scored(base, ["proximal_muscle_weakness"], bundle)
    lowered = [d for d in plain if d in minus and minus[d] < plain[d] - 1e-9]
    assert lowered, "excluding an annotated finding lowers that disease's score"


def test_acquired_diseases_are_never_inherited_causes(bundle: KnowledgeBundle) -> None:
    """Dermatomyositis and calciphylaxis are in OMIM/ORPHA but acquired: never listed as inherited."""
    signs = ["gottron_papules", "heliotrope_rash", "raynaud_phenomenon", "proximal_muscle_weakness"]
    scored_names = {
        s.disease.name.lower()
        for s in score_diseases(case_terms(build_facts(_case(signs), bundle), bundle), bundle)[:5]
    }
    assert any("dermatomyositis" in name for name in scored_names), "the scorer alone would rank it"
    items, _ = rank_inherited(build_facts(_case(signs), bundle), bundle, limit=50)
    assert not any("dermatomyositis" in i.label.lower() or "calciphylaxis" in i.label.lower() for i in items)
    items, fit = rank_inherited(
        build_facts(_case(["retiform_purpura", "necrotic_ulcer", "pain"]), bundle), bundle, limit=50
    )
    assert not any("calciphylaxis" in i.label.lower() for i in items)
    items, fit = rank_inherited(
        build_facts(_case(["retiform_purpura", "necrotic_ulcer"]), bundle), bundle, subtype="calciphylaxis"
    )
    assert items == [] and fit == "none"


def test_two_common_findings_never_make_a_good_fit(bundle: KnowledgeBundle) -> None:
    """Purpura and pain fully matched by an autoinflammatory disease are a lead, not a good fit."""
    items, fit = rank_inherited(build_facts(_case(["painful_purpura", "pain"]), bundle), bundle)
    assert items, "the diseases are still listed"
    assert fit != "good"


def test_infections_are_never_inherited_causes(bundle: KnowledgeBundle) -> None:
    """A congenital infection with calcifications (Zika) is in ORPHA but is not an inherited cause."""
    facts = build_facts(_case(["painful_purpura", "pain"]), bundle)
    scored = score_diseases(case_terms(facts, bundle), bundle)[:50]
    assert any("virus" in s.disease.name.lower() for s in scored), "the scorer alone would rank it"
    items, _ = rank_inherited(facts, bundle, limit=50)
    assert not any("virus" in i.label.lower() or "infection" in i.label.lower() for i in items)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_scoring_only_matching_diseases_keeps_every_listed_score_and_order(
    data: st.DataObject, bundle: KnowledgeBundle
) -> None:
    """``matching_only`` (what the ranking uses) drops only diseases that could never be listed."""
    with_hpo = sorted(c for c, f in bundle.features.items() if f.codes.hpo)
    findings = data.draw(st.lists(st.sampled_from(with_hpo), min_size=1, max_size=6, unique=True))
    absent = data.draw(st.lists(st.sampled_from(with_hpo), max_size=3, unique=True))
    labs = data.draw(st.dictionaries(st.sampled_from(sorted(PTH_RESISTANCE)), st.sampled_from(["low", "high"])))
    terms = case_terms(build_facts(_case(findings, labs=labs, absent=absent), bundle), bundle)

    def listable(scores: list[inherited.DiseaseScore]) -> list[tuple[str, float, list[tuple[int, str, float]]]]:
        return [
            (s.disease.id, s.score, s.parts)
            for s in scores
            if s.score > 0 and any(share >= 0.5 for share in s.shares.values())
        ]

    full = score_diseases(terms, bundle)
    pruned = score_diseases(terms, bundle, matching_only=True)
    assert listable(pruned) == listable(full)
    assert len(pruned) <= len(full)


def test_fit_none_when_nothing_to_go_on(bundle: KnowledgeBundle) -> None:
    items, fit = rank_inherited(build_facts(_case(), bundle), bundle)
    assert items == [] and fit == "none"


def test_fit_none_with_a_single_finding(bundle: KnowledgeBundle) -> None:
    _, fit = rank_inherited(build_facts(_case(["pain"]), bundle), bundle)
    assert fit == "none"


def test_no_ontology_code_literals_in_my_modules() -> None:
    import inspect
    import re

    from calcidx.assess import differential, treatment
    from calcidx.render import monograph, sections

    for module in (inherited, differential, treatment, monograph, sections):
        source = inspect.getsource(module)
        assert not re.search(r"HP:\d{7}|OMIM:?\s?\d{6}|ORPHA:\d+|\b\d{4,5}-\d\b", source), module.__name__
