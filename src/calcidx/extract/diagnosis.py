"""The authors' stated diagnosis, and the subtype or sub-form it names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from calcidx.extract.components import Mention
from calcidx.extract.rules import Rules, phrase_regex
from calcidx.extract.sections import Sentence

__all__ = ["Diagnosis", "abbreviations", "find_diagnoses", "title_diagnoses"]

_ABBR_DEF = re.compile(r"\(([A-Z][A-Za-z]{1,6})\)")
_TITLE_CUT = re.compile(r"\s*(?::|\s[–—-]\s|\|)\s*|\s*\b(?:a case report|case report|a report of)\b", re.IGNORECASE)
_CAPTION_PREFIX = re.compile(r"^\s*(?:figure|fig\.?)\s*\d+[a-z]?\s*[:.]?\s*(?:\(?[a-z](?:[–-][a-z])?\)\s*)?", re.I)

_EXCLUDE_BEFORE = re.compile(
    r"\b(?:differential|previously|misdiagnos\w*|initially|presumed|suspected|rule out|to exclude)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Diagnosis:
    """A diagnosis statement: the phrase as written, where, and what it names."""

    text: str
    start: int
    end: int
    subtype: str | None
    subform: str | None
    score: int


class _Heads:
    def __init__(self, rules: Rules) -> None:
        self.heads = phrase_regex(rules.calcinosis_heads)
        self.subtypes = phrase_regex(list(rules.subtype_words))
        self.stop = re.compile("|".join(re.escape(s) for s in rules.diagnosis_stops), re.IGNORECASE)


_HEADS: dict[int, _Heads] = {}


# Every diagnosis pattern contains one of these words; sentences without any are skipped.
_DIAGNOSIS_WORDS = re.compile(r"diagnos|consistent|compatible|case|conclu|present|report|describ|patient", re.I)
_LEADING_PERSON = re.compile(
    r"^(?:an?\s+)?\d+[- ](?:year|month|week|day)s?[- ]old\b[^,;]{0,40}?\bwith\s+", re.IGNORECASE
)


def _clean(dx: str, heads: _Heads) -> str:
    dx = _LEADING_PERSON.sub("", " ".join(dx.split()))
    cut = heads.stop.search(" " + dx)
    if cut is not None and cut.start() > 3:
        dx = dx[: cut.start() - 1]
    dx = re.sub(r"\s*\((?:figure|fig\.?|table)[^)]*\)", "", dx, flags=re.IGNORECASE)
    return dx.strip(" ,;:-(").rstrip(")") if dx.count("(") < dx.count(")") else dx.strip(" ,;:-(")


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations defined in ``text`` as "long form (ABBR)" whose word initials spell ABBR.

    After Schwartz AS, Hearst MA. Pac Symp Biocomput 2003:451-62 (initials-only variant).
    """
    found: dict[str, str] = {}
    for match in _ABBR_DEF.finditer(text):
        abbr = match.group(1)
        letters = [c for c in abbr.lower() if c.isalpha()]
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, match.start() - 100) : match.start()])
        take = words[-len(letters) :] if len(words) >= len(letters) else words
        if [w[0].lower() for w in take] == letters:
            found.setdefault(abbr, " ".join(take))
    return found


def _assess(
    dx: str,
    start: int,
    end: int,
    mentions: list[Mention],
    heads: _Heads,
    rules: Rules,
    abbrs: dict[str, str],
    score: int,
) -> Diagnosis | None:
    expanded = dx + " " + " ".join(v for k, v in abbrs.items() if re.search(rf"\b{re.escape(k)}\b", dx))
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    subform = next((k[1] for m in inside for k in m.keys if k[0] == "subform"), None)
    lookalike = any(k[0] == "lookalike" for m in inside for k in m.keys)
    has_head = heads.heads.search(expanded) is not None or subform is not None
    if not has_head and not lookalike:
        return None
    word = heads.subtypes.search(expanded)
    subtype: str | None = rules.subtype_words.get(" ".join(word.group().lower().split())) if word else None
    if subtype is None and lookalike and not has_head:
        subtype = "not_calcinosis"
    return Diagnosis(dx, start, end, subtype, subform, score + (3 if subtype else 0) + (1 if subform else 0))


def title_diagnoses(
    sentences: Iterable[Sentence], mentions: list[Mention], rules: Rules, abbrs: dict[str, str]
) -> list[Diagnosis]:
    """Diagnoses named by a title line or a figure caption ("Iatrogenic calcinosis cutis in a ...")."""
    heads = _heads(rules)
    found = []
    for sentence in sentences:
        text = sentence.text
        offset = 0
        if sentence.caption:
            prefix = _CAPTION_PREFIX.match(text)
            offset = prefix.end() if prefix else 0
        elif len(text.split()) > 30 or text.rstrip().endswith("."):
            continue
        body = text[offset:]
        cut = _TITLE_CUT.search(body)
        if cut is not None and cut.start() > 3:
            body = body[: cut.start()]
        dx = _clean(body, heads)
        if len(dx) < 4:
            continue
        start = sentence.start + text.find(dx, offset)
        diagnosis = _assess(dx, start, start + len(dx), mentions, heads, rules, abbrs, 0)
        if diagnosis is not None:
            found.append(diagnosis)
    return found


def _heads(rules: Rules) -> _Heads:
    heads = _HEADS.get(id(rules))
    if heads is None:
        heads = _HEADS[id(rules)] = _Heads(rules)
    return heads


def find_diagnoses(
    sentences: Iterable[Sentence],
    mentions: list[Mention],
    rules: Rules,
    *,
    base_score: int = 0,
    abbrs: dict[str, str] | None = None,
) -> list[Diagnosis]:
    """Diagnosis statements about calcinosis (or a look-alike) in ``sentences``.

    The subtype comes from the words of the statement ("dystrophic", "calciphylaxis"...); a
    statement that names a look-alike and no calcification gives ``not_calcinosis``.
    """
    heads = _heads(rules)
    found: list[Diagnosis] = []
    for sentence in sentences:
        text = sentence.text
        if not _DIAGNOSIS_WORDS.search(text):
            continue
        for pattern in rules.diagnosis_patterns:
            for match in pattern.finditer(text):
                if _EXCLUDE_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
                    continue
                dx = _clean(match.group("dx"), heads)
                if len(dx) < 2:
                    continue
                offset = text.find(dx, match.start("dx"))
                if offset < 0:
                    continue
                start = sentence.start + offset
                score = base_score + (1 if sentence.category == "case" else 0)
                diagnosis = _assess(dx, start, start + len(dx), mentions, heads, rules, abbrs or {}, score)
                if diagnosis is not None:
                    found.append(diagnosis)
    return found
