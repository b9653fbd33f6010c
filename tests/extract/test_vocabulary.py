"""The vocabulary from the knowledge and the HPO release: spellings, HPO labels, lab-state words."""

from __future__ import annotations

import re

import pytest

from calcidx.extract.pipeline import extract
from calcidx.extract.vocabulary import Vocabulary, american, british, default_vocabulary, knowledge_state_words
from calcidx.knowledge.hpo import term
from calcidx.knowledge.schema import KnowledgeBundle


@pytest.mark.parametrize(
    ("uk", "us"),
    [
        ("haemodialysis", "hemodialysis"),
        ("hypercalcaemia", "hypercalcemia"),
        ("oedema", "edema"),
        ("paediatric", "pediatric"),
        ("leukaemia", "leukemia"),
        ("uraemic", "uremic"),
        ("tumour", "tumor"),
        ("immobilisation", "immobilization"),
        ("oesophageal", "esophageal"),
        ("haematoma", "hematoma"),
        ("anaemia", "anemia"),
        ("aetiology", "etiology"),
        ("hypocalcaemic", "hypocalcemic"),
        ("uraemic", "uremic"),
    ],
)
def test_spelling_both_ways(uk: str, us: str) -> None:
    assert american(uk) == us
    assert british(us) == uk


@pytest.mark.parametrize("word", ["chemotherapy", "academic", "speed", "the", "systemic", "endemic", "polemic"])
def test_british_leaves_other_words_alone(word: str) -> None:
    assert british(word) == word


def test_every_knowledge_term_matches_in_both_spellings() -> None:
    vocab = default_vocabulary()
    for (table, item_id), item in vocab.items.items():
        for name in (item.label, *item.synonyms):
            if len(name) <= 5 and any(c.isupper() for c in name):
                continue
            lowered = " ".join(name.lower().split())
            for form in {american(lowered), british(american(lowered))}:
                assert (table, item_id) in vocab.forms.get(form, []), (table, item_id, form)


def test_features_carry_their_hpo_label(bundle: KnowledgeBundle) -> None:
    vocab = Vocabulary.from_bundle(bundle)
    shared: dict[str, int] = {}
    for feature in bundle.features.values():
        for code in feature.codes.hpo:
            shared[code] = shared.get(code, 0) + 1
    checked = 0
    for feature in bundle.features.values():
        for code in feature.codes.hpo:
            hpo = term(code)
            assert hpo is not None
            owners = vocab.forms.get(hpo.name.lower(), [])
            if shared[code] == 1:
                assert ("feature", feature.id) in owners, (feature.id, hpo.name)
                checked += 1
    assert checked >= 10
    without = Vocabulary.from_bundle(bundle, hpo=False)
    assert len(without.forms) < len(vocab.forms)


def test_an_hpo_label_alone_is_read() -> None:
    text = "A 30-year-old man had a white papule on the cheek and a periarticular soft-tissue mass at the hip."
    case = extract(text).cases[0]
    present = {f.concept for f in case.findings if f.assertion == "present"}
    assert {"milia_like_papules", "periarticular_masses"} <= present


def test_lab_state_words_come_from_the_hpo_labels(bundle: KnowledgeBundle) -> None:
    words = knowledge_state_words(bundle)
    by_analyte = {(a, i) for _, a, i in words}
    assert {("calcium", "high"), ("calcium", "low"), ("phosphate", "high"), ("uric_acid", "high")} <= by_analyte
    for pattern, _, _ in words:
        assert re.fullmatch(pattern, "x") is None
    hyper = next(p for p, a, i in words if (a, i) == ("calcium", "high"))
    for written in ("hypercalcemia", "hypercalcaemia", "hypercalcemic", "Hypercalcaemic"):
        assert re.fullmatch(hyper, written, re.IGNORECASE), written


@pytest.mark.parametrize(
    ("sentence", "analyte", "interpretation"),
    [
        ("She had marked hypercalcaemia.", "calcium", "high"),
        ("He was hypophosphatemic on admission.", "phosphate", "low"),
        ("Hyperuricemia was found.", "uric_acid", "high"),
        ("The child had hypercalciuria.", "urine_calcium_24h", "high"),
    ],
)
def test_lab_state_words_are_read(sentence: str, analyte: str, interpretation: str) -> None:
    case = extract(f"A 50-year-old woman had hard nodules on the elbows. {sentence}").cases[0]
    assert (analyte, interpretation) in {(lab.analyte, lab.interpretation) for lab in case.labs}
