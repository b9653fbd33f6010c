"""Abbreviations a text defines for itself: "end-stage renal disease (ESRD)" -> ESRD.

The detector follows Schwartz AS, Hearst MA. "A simple algorithm for identifying abbreviation
definitions in biomedical text." Pac Symp Biocomput 2003:451-62: a candidate short form is the
content of a parenthesis (or the word before it, when the parenthesis holds the long form); the
long form is the shortest stretch of the preceding words whose characters contain the short form's
characters in order, right to left, with the short form's first character starting a word.

``abbreviation_mentions`` then gives every later use of a short form the knowledge items of its
long form, so "ESRD" reads as end-stage renal disease in the rest of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

__all__ = ["Abbreviation", "abbreviation_mentions", "best_long_form", "find_abbreviations"]

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"[\w][\w'’-]*")


@dataclass(frozen=True)
class Abbreviation:
    """A short form the text defines, its long form, and where the long form is."""

    short: str
    long: str
    start: int
    end: int


class _MentionLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def keys(self) -> tuple[tuple[str, str], ...]: ...


M = TypeVar("M", bound=_MentionLike)


def _valid_short(candidate: str) -> bool:
    """Schwartz-Hearst's short-form test: 2-10 characters, at most two words, a letter, an
    alphanumeric first character; and no slash, which a unit has ("Phosphate (mg/dL)" prints the
    unit of a table's row, not a short name for phosphate)."""
    if not 2 <= len(candidate) <= 10 or len(candidate.split()) > 2 or "/" in candidate:
        return False
    if not candidate[0].isalnum() or not any(c.isalpha() for c in candidate):
        return False
    return any(c.isupper() for c in candidate)


def best_long_form(short: str, long: str) -> str | None:
    """The shortest end of ``long`` that spells ``short`` (Schwartz & Hearst 2003, Fig. 2).

    Each character of the short form is looked for right to left in the long form; the first
    character of the short form must start a word of the long form.

    Example: ``best_long_form("ESRD", "with end-stage renal disease")`` -> "end-stage renal disease".
    """
    s_index = len(short) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != char or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = long.rfind(" ", 0, l_index + 1) + 1
    found = long[start:].strip()
    if len(found) <= len(short) or short.lower() in found.lower().split():
        return None
    return found


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "long form (SF)" and "SF (long form)" definition in ``text``, in text order."""
    found: list[Abbreviation] = []
    for match in _PAREN.finditer(text):
        inside = match.group(1).strip()
        inside = re.split(r"[;,]", inside, maxsplit=1)[0].strip()
        before = text[max(0, match.start() - 200) : match.start()]
        if _valid_short(inside):
            words = list(_WORD.finditer(before))
            limit = min(len(inside) + 5, len(inside) * 2)
            window = words[-limit:] if words else []
            if not window:
                continue
            # stop the window at a sentence or clause break inside it
            first = window[0].start()
            for cut in re.finditer(r"[.;:!?]\s", before[first:]):
                first = window[0].start() + cut.end()
            long_text = before[first:].rstrip()
            long_form = best_long_form(inside, long_text)
            if long_form is None:
                continue
            start = match.start() - len(before) + first + long_text.rfind(long_form)
            found.append(Abbreviation(inside, long_form, start, start + len(long_form)))
        else:
            # "ESRD (end-stage renal disease)": the short form is the word before the parenthesis
            previous = re.search(r"([A-Za-z][\w-]{1,9})\s*$", before)
            if previous is None or not _valid_short(previous.group(1)):
                continue
            if len(inside.split()) > min(len(previous.group(1)) + 5, len(previous.group(1)) * 2):
                continue
            long_form = best_long_form(previous.group(1), inside)
            if long_form is None:
                continue
            start = match.start(1) + match.group(1).find(long_form)
            found.append(Abbreviation(previous.group(1), long_form, start, start + len(long_form)))
    return found


def abbreviation_mentions(
    text: str,
    mentions: Iterable[M],
    make: Callable[[int, int, str, tuple[tuple[str, str], ...]], M],
    abbreviations: Iterable[Abbreviation] | None = None,
) -> list[M]:
    """Mentions for the uses of short forms whose long form is a vocabulary term.

    A long form counts when a mention (not a body site) ends where it ends and starts inside it:
    "chronic kidney disease (CKD)" -> every other "CKD" of the text gets the items of "chronic
    kidney disease". Positions that already hold a mention are left alone.
    """
    usable = [m for m in mentions if m.keys and m.keys[0][0] != "site"]
    by_end: dict[int, list[M]] = {}
    for mention in usable:
        by_end.setdefault(mention.end, []).append(mention)
    taken = {(m.start, m.end) for m in usable}
    meaning: dict[str, tuple[tuple[str, str], ...]] = {}
    definitions: dict[str, tuple[int, int]] = {}
    for abbr in abbreviations if abbreviations is not None else find_abbreviations(text):
        if abbr.short in meaning:
            continue
        candidates = [m for m in by_end.get(abbr.end, []) if m.start >= abbr.start]
        if not candidates:
            continue
        meaning[abbr.short] = min(candidates, key=lambda m: m.start).keys
        # the definition itself, "long form (SF)" or "SF (long form)", is not a use
        definitions[abbr.short] = (abbr.start - len(abbr.short) - 3, abbr.end + len(abbr.short) + 3)
    if not meaning:
        return []
    # one pass over the text for every short form (linear in the text, whatever their number)
    uses = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(meaning, key=len, reverse=True)) + r")(?![\w-])"
    )
    extra: list[M] = []
    for use in uses.finditer(text):
        short = use.group()
        low, high = definitions[short]
        if (use.start(), use.end()) in taken or low <= use.start() <= high:
            continue
        extra.append(make(use.start(), use.end(), short, meaning[short]))
    return extra
