"""Zone and assertion scores split the reader's errors from the end-to-end fields."""

from __future__ import annotations

from calcidx.extract.component_scores import ComponentScorer
from calcidx.extract.pipeline import extract
from calcidx.extract.vocabulary import Vocabulary


def test_zone_and_assertion_scores(vocab: Vocabulary) -> None:
    text = (
        "Case presentation\nA 50-year-old woman with systemic sclerosis had no fever. "
        "She denied trauma.\nDiscussion\nGout can mimic calcinosis."
    )
    case = extract(text, vocabulary=vocab).cases[0]
    gold = {
        "patient_index": 1,
        "history": ["limited systemic sclerosis", "tophaceous gout"],  # gout: only in the discussion
        "symptoms": ["fever"],  # asserted absent: an assertion miss
        "negated_history": ["trauma", "an unknown word"],  # the unknown phrase names no concept
    }
    scorer = ComponentScorer(vocab)
    scorer.score("doc.txt", gold, case)
    assert scorer.rows() == [("zones", 3, 4, 0.75), ("assertions", 2, 3, 2 / 3)]
    assert {(m.component, m.gold) for m in scorer.misses} == {
        ("zone", "history: tophaceous gout"),
        ("assertion", "symptoms: fever"),
    }


def test_no_case_misses_every_zone(vocab: Vocabulary) -> None:
    scorer = ComponentScorer(vocab)
    scorer.score("doc.txt", {"history": ["gout"]}, None)
    assert scorer.rows()[0] == ("zones", 0, 1, 0.0)
