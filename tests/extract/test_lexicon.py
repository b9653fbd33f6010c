"""Recurring words stay in spaCy's vocabulary across memory zones; one-off words do not."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from calcidx.extract.lexicon import RecurringWords
from calcidx.extract.pipeline import build_pipeline, extract, extract_batch
from calcidx.extract.rules import phrase_regex


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


FIRST = "A 52-year-old woman had zorbulent nodules on the knees. Her quixlyform rash was mild."
SECOND = "A 61-year-old man had zorbulent plaques on the elbows. Serum calcium was 2.5 mmol/L."


def test_a_word_seen_in_two_documents_is_kept_and_a_one_off_word_is_not(nlp: Language) -> None:
    extract(FIRST.replace("zorbulent", "vendrastic").replace("quixlyform", "brantlewise"), nlp=nlp)
    assert "vendrastic" not in nlp.vocab.strings  # freed with the first document's memory zone
    extract(SECOND.replace("zorbulent", "vendrastic"), nlp=nlp)
    assert "vendrastic" in nlp.vocab.strings
    assert "brantlewise" not in nlp.vocab.strings


def test_results_do_not_depend_on_which_words_were_kept(nlp: Language) -> None:
    texts = [FIRST, SECOND, FIRST.replace("52", "47"), SECOND + " " + FIRST]
    fresh = [extract(text, nlp=build_pipeline()).model_dump() for text in texts]
    for _ in range(2):
        assert [extract(text, nlp=nlp).model_dump() for text in texts] == fresh
    assert [d.model_dump() for d in extract_batch(texts, nlp=nlp, batch_size=3)] == fresh


def test_the_kept_words_are_bounded(nlp: Language) -> None:
    words = RecurringWords(nlp, keep=5, window=100)
    texts = [f"alpha{i} beta{i} gamma{i} delta{i}" for i in range(10)]
    words.learn(texts)
    assert not words.kept  # each seen once
    words.learn(texts)
    assert len(words.kept) == 5 and words.full
    assert all(word in nlp.vocab.strings for word in words.kept)


def test_the_count_of_words_seen_once_is_bounded(nlp: Language) -> None:
    words = RecurringWords(nlp, keep=100, window=50)
    words.learn(f"unique{i}x" for i in range(200))
    assert len(words._seen) <= 50
    assert not words.kept


def test_nothing_is_kept_inside_a_memory_zone(nlp: Language) -> None:
    words = RecurringWords(nlp)
    with nlp.memory_zone():
        words.learn(["plimbered once", "plimbered twice"])
    assert not words.kept and "plimbered" not in nlp.vocab.strings


@pytest.mark.parametrize(
    "text",
    [
        "No family history of calcinosis; non-tender, not seen commonly. NO KNOWN etiology",
        "family  history\nof lupus, non-\ncontributory, nonx",
    ],
)
def test_phrase_regex_matches_what_the_longest_first_alternation_matches(text: str) -> None:
    phrases = ["no", "not", "no known etiology", "family history", "family history of", "non-", "non-contributory"]
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    tails = [re.escape(p).replace(r"\ ", r"\s+") + (r"(?=\w)" if p.endswith("-") else r"(?![\w-])") for p in ordered]
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(tails) + ")", re.IGNORECASE)
    found = [(m.span(), m.group()) for m in phrase_regex(phrases).finditer(text)]
    assert found == [(m.span(), m.group()) for m in plain.finditer(text)]
    assert found  # the texts hold some of the phrases
