"""The age from a date of birth when no age is written ("DOB 12/03/1961" and the note's date)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from calcidx.extract.rules import load_birth_date_rules

__all__ = ["BirthDateAge", "age_from_birth_date"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: a date: 12/03/1961, 12.03.1961, 1961-03-12, 12 March 1961, March 12, 1961
_DATE = (
    r"(?:(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>(?:19|20)\d{2})"
    r"|(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{{2}}))\b"
)


@dataclass(frozen=True)
class BirthDateAge:
    """The age a date of birth gives, and where the date of birth stands."""

    years: float
    start: int
    end: int
    text: str


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    labels, reference_labels = load_birth_date_rules()
    if not labels:
        return None
    born = re.compile(rf"(?:{'|'.join(labels)})\s*[:\-]?\s*(?:{_DATE})", re.IGNORECASE)
    seen = re.compile(rf"(?:{'|'.join(reference_labels)})\s*(?:on\s+)?[:\-]?\s*(?:{_DATE})", re.IGNORECASE)
    return born, seen


def _dates(match: re.Match[str]) -> list[dt.date]:
    """The dates a match can mean (a day and month that could be either way round give both)."""
    g = match.groupdict()
    try:
        if g["y"]:
            a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
            readings = {(y, b, a), (y, a, b)} if a <= 12 and b <= 12 else {(y, b, a) if a > 12 else (y, a, b)}
            return [dt.date(*r) for r in readings]
        if g["iy"]:
            return [dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))]
        if g["y1"]:
            return [dt.date(int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"]))]
        return [dt.date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))]
    except (ValueError, KeyError):
        return []


def _whole_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_from_birth_date(segments: Iterable[tuple[int, str]], today: dt.date | None = None) -> BirthDateAge | None:
    """The age in whole years a date of birth gives, up to the date the text names (a "Date:",
    "Seen:" or "Admitted:" label), else up to ``today``.

    Args:
        segments: the patient's text as (offset in the document, text) pieces, in order.
        today: the date to count up to when the text names none (default: today).

    Returns:
        None when no date of birth is written or the dates make no sense (a birth after the
        reference date, an age over 125).
    """
    patterns = _patterns()
    if patterns is None:
        return None
    born_re, seen_re = patterns
    born: tuple[int, re.Match[str]] | None = None
    seen: re.Match[str] | None = None
    for offset, text in segments:
        if born is None and _BIRTH_WORD.search(text):
            found = born_re.search(text)
            born = (offset, found) if found is not None else None
        if seen is None:
            seen = seen_re.search(text)
    if born is None:
        return None
    offset, match = born
    # the age the note prints beside the date ("DOB 02/05/1956 (68 years)") is the age it means
    stated = _STATED_AGE.match(match.string, match.end())
    if stated is not None and 0 < int(stated.group("years")) <= 125:
        return BirthDateAge(
            years=float(stated.group("years")),
            start=offset + match.start(),
            end=offset + stated.end(),
            text=match.string[match.start() : stated.end()],
        )
    births = _dates(match)
    references = _dates(seen) if seen is not None else []
    on = min(references) if references else (today or dt.date.today())
    ages = [_whole_years(b, on) for b in births]
    if not ages or min(ages) < 0 or max(ages) > 125:
        return None
    return BirthDateAge(
        years=float(min(ages)), start=offset + match.start(), end=offset + match.end(), text=match.group()
    )


_BIRTH_WORD = re.compile(r"(?i)\b(?:dob|d\.o\.b|birth|born)\b")
#: an age printed in brackets right after the date of birth ("(68 years)", "(age 74)", "(74 yrs)")
_STATED_AGE = re.compile(
    r"\s*\(\s*(?:age[ds]?\s*:?\s*)?(?P<years>\d{1,3})\s*(?:years?|yrs?|y)?\.?(?:\s+old)?\s*\)", re.I
)
