"""Body-site phrases: a site word of ``anatomy.yaml`` with the laterality word before it ("right ankle")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from calcidx.extract.fields.context import FieldContext
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.records import Mention
from calcidx.extract.sections import Sentence

__all__ = ["SitePhrase", "site_phrase"]

# how far before a site word its laterality may stand ("left lower", "right-sided distal")
_LATERALITY_WINDOW = 25
_BETWEEN = re.compile(r"[\w\s-]*")


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text``."""
    last = None
    for match in pattern.finditer(text):
        last = match
    return last


@dataclass(frozen=True)
class SitePhrase:
    """A site mention and the phrase it heads: ``text[start:end]`` is e.g. "right ankle"."""

    mention: Mention
    start: int
    end: int
    laterality: str | None
    text: str


def site_phrase(context: FieldContext, patterns: CasePatterns, mention: Mention, sentence: Sentence) -> SitePhrase:
    """The phrase of the site ``mention``: its laterality word, if one stands just before it, included."""
    text = context.text
    before = text[max(sentence.start, mention.start - _LATERALITY_WINDOW) : mention.start]
    lat_match = _last(patterns.laterality, before)
    start = mention.start
    laterality: str | None = None
    if lat_match is not None and _BETWEEN.fullmatch(before[lat_match.end() :]):
        laterality = context.rules.laterality.get(lat_match.group().lower())
        start = mention.start - len(before) + lat_match.start()
    elif (
        ("R" in before or "L" in before)
        and (letter := _last(patterns.laterality_letter, before)) is not None
        and _BETWEEN.fullmatch(before[letter.end() :])
    ):
        # a note's capital letter for the side ("R dorsal hand", "(L) shin")
        laterality = context.rules.laterality_letters[letter.group("letter")]
        start = mention.start - len(before) + letter.start()
    return SitePhrase(
        mention=mention,
        start=start,
        end=mention.end,
        laterality=laterality,
        text=" ".join(text[start : mention.end].split()),
    )
