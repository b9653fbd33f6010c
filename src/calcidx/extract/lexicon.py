"""Recurring words kept in spaCy's vocabulary across memory zones (bounded).

Each document runs in a spaCy memory zone so that the strings and lexemes it brings are freed
afterwards. Inside a zone spaCy also never writes its tokenizer cache, so without help every word
of every document is split into affixes and gets a new lexeme (with its lexical attributes) again:
that was about half of the extraction time of a typical report.

``RecurringWords`` watches the whitespace-separated chunks of the documents it is shown and, once a
chunk has been seen in two documents, tokenizes it outside any zone: its lexemes and its tokenizer
cache entry become permanent, and later documents read it from the cache. Both sets are bounded:
at most ``keep`` chunks are ever made permanent, and the counts of chunks seen once are dropped
whenever they pass ``window`` entries. A chunk unique to one document (an identifier, a number) is
never kept, so memory stays flat over many documents. Tokens are the same either way: only where
spaCy finds them changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

__all__ = ["RecurringWords"]

#: Longest chunk worth keeping (longer ones are mostly URLs, DOIs and joined-up words).
_MAX_CHUNK = 40


class RecurringWords:
    """Makes the tokenizer work on recurring chunks permanent, up to ``keep`` chunks.

    Args:
        nlp: the pipeline whose vocabulary and tokenizer cache are warmed.
        keep: most chunks ever made permanent.
        window: most chunks counted while waiting for a second sighting.
    """

    def __init__(self, nlp: Language, *, keep: int = 30_000, window: int = 20_000) -> None:
        self.nlp = nlp
        self.keep = keep
        self.window = window
        self.kept: set[str] = set()
        self._seen: set[str] = set()

    @property
    def full(self) -> bool:
        """No more chunks will be kept."""
        return len(self.kept) >= self.keep

    def learn(self, texts: Iterable[str]) -> None:
        """Count the chunks of ``texts`` (one sighting per text); keep those seen before.

        Call it outside any memory zone: what is tokenized inside one is freed at its end.
        """
        # spaCy's stubs omit ``Vocab.in_memory_zone``
        if self.full or getattr(self.nlp.vocab, "in_memory_zone", False):
            return
        kept, seen = self.kept, self._seen
        again: set[str] = set()
        for text in texts:
            chunks = set(text.split())
            chunks -= kept
            again |= chunks & seen
            seen |= chunks
        new = sorted(chunk for chunk in again if len(chunk) <= _MAX_CHUNK)[: self.keep - len(kept)]
        if new:
            kept.update(new)
            seen.difference_update(new)
            self.nlp.tokenizer(" ".join(new))
        if len(seen) > self.window:
            seen.clear()
