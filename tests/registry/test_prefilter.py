from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from calcidx.knowledge.loader import load_bundle
from calcidx.registry.prefilter import Prefilter, default_prefilter, prefilter_terms


def test_terms_come_from_the_knowledge_bundle() -> None:
    terms = {t.lower() for t in prefilter_terms()}
    bundle = load_bundle()
    for disease in bundle.disease.values():
        assert {s.lower() for s in disease.synonyms} <= terms
    for subform in bundle.subforms.values():
        assert {s.lower() for s in subform.synonyms} <= terms


def test_every_disease_and_subform_synonym_passes() -> None:
    check = default_prefilter()
    bundle = load_bundle()
    names = [s for d in bundle.disease.values() for s in d.synonyms]
    names += [s for f in bundle.subforms.values() for s in f.synonyms if not (len(s) <= 5 and s.isupper())]
    for name in names:
        assert check(f"We report a patient with {name} of the left hand."), name


def test_unrelated_abstracts_are_set_aside() -> None:
    check = default_prefilter()
    assert not check("Blood pressure control in adults with diabetes: a randomised trial of 300 patients.")
    assert not check("Serum calcium and phosphate were measured in 40 volunteers.")  # a lab alone is not enough
    assert check("Calcinosis\ncutis of the scrotum")  # terms may break across lines
    assert check("A 30-year-old man with calciphylaxis on haemodialysis.")


def test_anchors_cover_every_form() -> None:
    check = default_prefilter()
    for form in check.forms:
        assert any(anchor in form for anchor in check.anchors), form


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=300))
def test_prefilter_equals_full_pattern(noise: str) -> None:
    check = Prefilter(["calcinosis cutis", "osteoma cutis", "tumoral calcinosis"])
    full = re.compile(r"(?<![a-z0-9])(?:calcinosis[\s\-]+cutis|osteoma[\s\-]+cutis|tumoral[\s\-]+calcinosis)", re.I)
    for text in (noise, noise + " calcinosis cutis", "x" + noise):
        assert check(text) == bool(full.search(text))


def test_no_term_is_hand_typed_in_the_registry_code() -> None:
    source = (Path(__file__).parents[2] / "src" / "calcidx" / "registry" / "prefilter.py").read_text()
    for word in ("calcinosis cutis", "calciphylaxis", "calcified", "osteoma"):
        assert f'"{word}' not in source.lower()


def test_anchors_prefer_the_most_specific_piece_of_a_term() -> None:
    # "winer dystrophy" holds "dystr" (shared with another term) and "rophy" (its own): with
    # coverage equal, the piece found in fewer terms is the anchor, so an abstract about another
    # dystrophic disease is set aside by the substring stage without reaching the full pattern.
    check = Prefilter(["dystrophic calcinosis", "calcinosis", "Winer dystrophy"])
    assert "dystr" not in check.anchors, check.anchors
    unrelated = "recessive dystrophic epidermolysis bullosa in siblings"
    assert not any(anchor in unrelated for anchor in check.anchors)
    assert not check(unrelated)
    assert check("A Winer dystrophy of the ear.")


def test_common_skin_words_do_not_reach_the_full_pattern() -> None:
    # The default anchors are pieces specific to calcification terms, not words every
    # dermatology abstract has ("subcutaneous", "nodule", "cutis"): such an abstract is set
    # aside by a few substring searches.
    check = default_prefilter()
    text = "Subcutaneous nodules in cutis laxa and cutaneous lupus: a cohort of 40 patients."
    assert not any(anchor in text.lower() for anchor in check.anchors), check.anchors
    assert not check(text)
