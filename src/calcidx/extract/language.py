"""Is the text English? The reader's rules are English; other languages get a clear warning."""

from __future__ import annotations

import re

__all__ = ["language_warning"]

_WORD = re.compile(r"[^\W\d_]+")
# the commonest English function words: they make up a large share of any English prose
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "with",
        "for",
        "on",
        "as",
        "by",
        "at",
        "from",
        "that",
        "were",
        "had",
        "her",
        "his",
        "she",
        "he",
        "an",
        "or",
        "be",
        "this",
        "which",
        "are",
        "not",
        "no",
        "patient",
        "after",
        "who",
    ]
)


def language_warning(text: str, *, sample: int = 20_000) -> str | None:
    """A warning when ``text`` does not read as English, else None.

    English prose has about one function word in three; below one in twelve (on at least 40
    words) the text is in another language, or is not prose.
    """
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 40:
        return None
    share = sum(map(_ENGLISH.__contains__, words)) / len(words)
    if share >= 1 / 12:
        return None
    return (
        f"the text does not read as English ({share:.0%} English function words): the reader handles "
        "English reports only, so its facts are likely missing; give an English text or translation"
    )
