"""Whether an exposure came after the lesions appeared (``Finding.after_lesions``).

The phrases are data (``extract/data/order.yaml``). An exposure is told after the lesions when its
sentence says so ("two months after they appeared"), when it follows a sentence that tells the lesions
with "subsequently" or "later", when a sentence that tells the lesions puts them "before" it, or when
both are dated and the exposure is the more recent: the lesions "for 6 months" (or "since birth",
"pre-existing", "noted before admission") and the exposure "last week" ("recently", "during the
admission"). What the order means is the knowledge's (``subtype.iatrogenic.exposure_at_site``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from calcidx.case.model import Finding
from calcidx.errors import KnowledgeError
from calcidx.extract.fields.timing import TimingRules, load_timing_rules

__all__ = ["OrderRules", "load_order_rules", "order_exposures"]

Span = tuple[int, int]


@dataclass(frozen=True)
class OrderRules:
    """The rules of ``order.yaml``."""

    after_appeared: re.Pattern[str]
    next_event: re.Pattern[str]
    before_it: re.Pattern[str]
    denied: re.Pattern[str]
    lesion_for: tuple[re.Pattern[str], ...]
    lesion_since_birth: re.Pattern[str]
    lesion_old: re.Pattern[str]
    lesion_since_childhood: re.Pattern[str]
    lesion_before_stay: re.Pattern[str]
    exposure_ago: re.Pattern[str]
    exposure_last: re.Pattern[str]
    exposure_recent: re.Pattern[str]
    recent_years: float
    exposure_in_stay: re.Pattern[str]
    examples: tuple[tuple[str, bool], ...]


def _compile(raw: dict[str, Any], key: str) -> re.Pattern[str]:
    try:
        return re.compile(str(raw[key]), re.IGNORECASE)
    except (KeyError, re.error) as exc:
        raise KnowledgeError(f"order.yaml: {key!r} is missing or not a valid regex: {exc}") from exc


@functools.cache
def load_order_rules() -> OrderRules:
    """The order rules, loaded once per process."""
    from importlib import resources

    path = resources.files("calcidx.extract") / "data" / "order.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"order.yaml cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise KnowledgeError("order.yaml: expected a mapping")
    try:
        lesion_for = tuple(re.compile(str(p), re.IGNORECASE) for p in raw["lesion_for"])
    except (KeyError, TypeError, re.error) as exc:
        raise KnowledgeError(f"order.yaml: 'lesion_for' is missing or not a list of regexes: {exc}") from exc
    return OrderRules(
        after_appeared=_compile(raw, "after_appeared"),
        next_event=_compile(raw, "next_event"),
        before_it=_compile(raw, "before_it"),
        denied=_compile(raw, "denied"),
        lesion_for=lesion_for,
        lesion_since_birth=_compile(raw, "lesion_since_birth"),
        lesion_old=_compile(raw, "lesion_old"),
        lesion_since_childhood=_compile(raw, "lesion_since_childhood"),
        lesion_before_stay=_compile(raw, "lesion_before_stay"),
        exposure_ago=_compile(raw, "exposure_ago"),
        exposure_last=_compile(raw, "exposure_last"),
        exposure_recent=_compile(raw, "exposure_recent"),
        recent_years=float(raw.get("recent_years", 0.0833)),
        exposure_in_stay=_compile(raw, "exposure_in_stay"),
        examples=tuple((str(e["text"]), bool(e["after"])) for e in raw.get("examples", ())),
    )


def _years(match: re.Match[str], timing: TimingRules) -> float | None:
    """The years a match with groups ``unit`` and (optional, "last week") ``number`` stands for."""
    return timing.years_of(match.groupdict().get("number") or "1", match.group("unit"))


def _sentence_of(sentences: list[Span], at: int) -> int | None:
    for index, (start, end) in enumerate(sentences):
        if start <= at < end:
            return index
    return None


#: Most characters between a lesion's mention and the time told for it ("hard nodules on the left
#: forearm for 6 months"): a time further on, or before the mention ("on dialysis for 6 years, has
#: nodules"), may be another event's.
_LESION_TIME_WINDOW = 60
#: From this age lesions "since childhood" are at least a year old (WHO: a child is under 18).
_ADULT = 18.0


def _lesions_since(text: str, lesion_spans: list[Span], rules: OrderRules, age_years: float | None) -> float | None:
    """How long the lesions have been there, in years, from the words right after their mentions."""
    timing = load_timing_rules()
    found: list[float] = []
    for start, end in lesion_spans:
        stop = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
        tail = text[start : min(stop, end + _LESION_TIME_WINDOW)]
        found += [y for p in rules.lesion_for for m in p.finditer(tail) if (y := _years(m, timing)) is not None]
        if age_years is not None and rules.lesion_since_birth.search(tail):
            found.append(age_years)
        if rules.lesion_old.search(text, max(0, start - 60), end) or (
            rules.lesion_since_childhood.search(tail) and (age_years is None or age_years >= _ADULT)
        ):
            found.append(1.0)
        if rules.lesion_before_stay.search(tail):
            found.append(0.01)
    return max(found) if found else None


def _exposure_when(clause: str, rules: OrderRules) -> float | None:
    """How long ago the exposure told in ``clause`` happened, in years (None: not told)."""
    timing = load_timing_rules()
    for pattern in (rules.exposure_ago, rules.exposure_last):
        if (match := pattern.search(clause)) is not None:
            return _years(match, timing)
    if rules.exposure_recent.search(clause):
        return rules.recent_years
    if rules.exposure_in_stay.search(clause):
        return 0.0
    return None


def _clause(text: str, sentence: Span, at: int) -> str:
    start, end = sentence
    lo = text.rfind(";", start, at) + 1 or start
    hi = text.find(";", at, end)
    return text[max(lo, start) : hi if hi >= 0 else end]


def order_exposures(
    text: str, sentences: list[Span], exposures: list[Finding], lesion_spans: list[Span], age_years: float | None
) -> None:
    """Mark each exposure the record tells as coming after the lesions (``Finding.after_lesions``).

    Args:
        text: the document text.
        sentences: the patient's sentences, as (start, end), in order.
        exposures: the exposures read for the patient.
        lesion_spans: where the lesions are told.
        age_years: the patient's age (lesions "since birth" are that old).
    """
    if not exposures or not lesion_spans:
        return
    rules = load_order_rules()
    lesion_sentences = sorted({i for s, _ in lesion_spans if (i := _sentence_of(sentences, s)) is not None})
    if not lesion_sentences:
        return
    since = _lesions_since(text, lesion_spans, rules, age_years)
    for exposure in exposures:
        if exposure.after_lesions or exposure.assertion != "present" or not exposure.evidence:
            continue
        mention = exposure.evidence[0]
        index = _sentence_of(sentences, mention.start)
        if index is None:
            continue
        if _said_after(text, sentences, index, mention.start, lesion_spans, lesion_sentences, rules):
            exposure.after_lesions = True
        elif since is not None:
            when = _exposure_when(_clause(text, sentences[index], mention.start), rules)
            exposure.after_lesions = when is not None and when < since


def _said_after(
    text: str,
    sentences: list[Span],
    index: int,
    at: int,
    lesion_spans: list[Span],
    lesion_sentences: list[int],
    rules: OrderRules,
) -> bool:
    """Whether the words say that the exposure mentioned at ``at`` (in sentence ``index``) came after
    the lesions: "after they appeared" in its sentence, "subsequently" after the lesions' sentence, or
    lesions told "before" it in its own sentence."""
    start, end = sentences[index]
    sentence = text[start:end]
    if rules.after_appeared.search(sentence):
        return True
    lesion_here = [s for s, _ in lesion_spans if start <= s < end]
    if not lesion_here:
        return index - 1 in lesion_sentences and rules.next_event.search(sentence) is not None
    if any(s < at for s in lesion_here):
        before = text[start:at]
        return rules.before_it.search(before) is not None and rules.denied.search(before) is None
    return False
