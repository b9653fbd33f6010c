"""Is the text English? The reader's rules are English; other languages get a clear warning."""

from __future__ import annotations

import re

__all__ = ["language_warning"]

_WORD = re.compile(r"[^\W\d_]+")


def language_warning(text: str, english: frozenset[str], other: frozenset[str], *, sample: int = 20_000) -> str | None:
    """A warning when ``text`` does not read as English, else None.

    Function words tell the language (``english`` and ``other``: lexicon.yaml ``function_words``):
    English prose has about one in three. A text is in another language when its words are mostly
    in another script, or when at least one word in eight is a function word of another language
    and those outnumber the English ones two to one (a terse clinical note, "ESKD on HD, T2DM; Ca
    2.71", has few English function words but none of another language's). A long text (200 words
    or more) with under one English function word in twelve is no English prose either.
    """
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 12:
        return None
    english_share = sum(map(english.__contains__, words)) / len(words)
    other_share = sum(map(other.__contains__, words)) / len(words)
    script = sum(1 for word in words if not word.isascii() and not _latin(word)) / len(words)
    foreign = other_share >= 1 / 8 and other_share > 2 * english_share
    if script < 0.5 and not foreign and (len(words) < 200 or english_share >= 1 / 12):
        return None
    return (
        f"the text does not read as English ({english_share:.0%} English function words): the reader handles "
        "English reports only, so its facts are likely missing; give an English text or translation"
    )


def _latin(word: str) -> bool:
    """Every letter of ``word`` is a Latin letter (accented ones included: "años", "été")."""
    return all(char < "\u0250" for char in word)
