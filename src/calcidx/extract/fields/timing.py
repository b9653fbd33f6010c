"""How long before the presentation an exposure happened, or a drug was stopped (``Finding.years_before``).

The phrases are data (``extract/data/timing.yaml``): "an extravasation at the right wrist 21 years
ago", "warfarin, stopped ten years ago", "a pneumothorax a decade ago". Only a time told in the
mention's own clause counts, and for a drug told as stopped only one that follows a stop word, so a
date that belongs to another event of the sentence is not given to the drug.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from calcidx.case.model import Finding
from calcidx.errors import KnowledgeError

__all__ = ["TimingRules", "date_findings", "load_timing_rules", "years_before"]


@dataclass(frozen=True)
class TimingRule:
    """One time phrase: its pattern (groups ``number`` and ``unit``), or a fixed span in years."""

    id: str
    pattern: re.Pattern[str]
    years: float | None
    examples: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class TimingRules:
    """The rules of ``timing.yaml``."""

    window: int
    not_between: re.Pattern[str]
    stop_words: re.Pattern[str]
    calendar_year: re.Pattern[str]
    any_year: re.Pattern[str]
    numbers: dict[str, float]
    units: dict[str, float]
    rules: tuple[TimingRule, ...]

    def span(self, found: re.Match[str], rule: TimingRule) -> float | None:
        """The years a match of ``rule`` stands for (None: its number is not one the rules know)."""
        if rule.years is not None:
            return rule.years
        years = self.years_of(found.group("number"), found.group("unit"))
        return None if years is None else round(years, 4)

    def years_of(self, number: str, unit: str) -> float | None:
        """The years ``number`` ``unit`` stand for ("6", "months"; "two", "weeks"); None when the
        number or the unit is not one the rules know."""
        number, unit = number.lower(), unit.lower().rstrip("s")
        try:
            count = float(number)
        except ValueError:
            if number not in self.numbers:
                return None
            count = self.numbers[number]
        per = self.units.get(unit)
        return None if per is None else count * per

    def first(self, text: str, lesion_year: int | None = None) -> tuple[int, float] | None:
        """The first time phrase of ``text``: its start and years (a calendar year only against
        ``lesion_year``, the year the record gives for the lesions)."""
        found = [
            (match.start(), years)
            for rule in self.rules
            for match in rule.pattern.finditer(text)
            if (years := self.span(match, rule)) is not None
        ]
        if lesion_year is not None:
            found += [
                (match.start(), float(max(0, lesion_year - int(match.group("year")))))
                for match in self.calendar_year.finditer(text)
            ]
        return min(found) if found else None

    def lesion_year(self, text: str, spans: list[tuple[int, int]]) -> int | None:
        """The earliest year told in a sentence of the lesions (``spans``), if any."""
        years = []
        for start, end in spans:
            lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
            hi = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
            years += [int(y.group()) for y in self.any_year.finditer(text[lo:hi])]
        return min(years) if years else None


def _data() -> dict[str, Any]:
    from importlib import resources

    path = resources.files("calcidx.extract") / "data" / "timing.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"timing.yaml cannot be read: {exc}") from exc
    if not isinstance(raw, dict) or not raw.get("rules"):
        raise KnowledgeError("timing.yaml: expected a mapping with rules")
    return raw


@functools.cache
def load_timing_rules() -> TimingRules:
    """The time-phrase rules, loaded once per process."""
    raw = _data()
    rules = []
    for item in raw["rules"]:
        source = "".join(line.strip() for line in str(item["pattern"]).splitlines())
        try:
            pattern = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise KnowledgeError(f"timing.yaml: rule {item.get('id')!r} is not a valid regex: {exc}") from exc
        examples = tuple((str(e["text"]), float(e["years"])) for e in item.get("examples", ()))
        years = item.get("years")
        rules.append(TimingRule(str(item["id"]), pattern, float(years) if years is not None else None, examples))
    return TimingRules(
        window=int(raw["window"]),
        not_between=re.compile(str(raw["not_between"]), re.IGNORECASE),
        stop_words=re.compile(str(raw["stop_words"]), re.IGNORECASE),
        calendar_year=re.compile(str(raw["calendar_year"]), re.IGNORECASE),
        any_year=re.compile(str(raw["any_year"])),
        numbers={str(k): float(v) for k, v in raw["numbers"].items()},
        units={str(k): float(v) for k, v in raw["units"].items()},
        rules=tuple(rules),
    )


def years_before(
    text: str,
    end: int,
    *,
    stopped: bool = False,
    rules: TimingRules | None = None,
    lesion_year: int | None = None,
) -> float | None:
    """The time the clause after a mention ending at ``end`` tells for it, in years before now.

    Args:
        text: the document text.
        end: where the mention ends.
        stopped: the mention is a drug told as stopped: a stop word must come before the time.
        rules: the rules (loaded when not given).
        lesion_year: the year the record gives for the lesions (a calendar year counts against it).
    """
    rules = rules or load_timing_rules()
    tail = text[end : end + rules.window]
    for stop in (".", ";", "\n"):
        cut = tail.find(stop)
        if cut >= 0 and not (stop == "." and cut + 1 < len(tail) and tail[cut + 1].isdigit()):
            tail = tail[:cut]
    found = rules.first(tail, lesion_year)
    if found is None:
        return None
    start, years = found
    between = tail[:start]
    if stopped:  # the stop's own time: "warfarin, which was stopped ten years ago"
        return years if rules.stop_words.search(between) else None
    return None if rules.not_between.search(between) else years


def date_findings(text: str, findings: list[Finding], lesion_spans: list[tuple[int, int]]) -> None:
    """Give each finding the time its first dated mention tells (``years_before``), where one does.

    A drug the record tells as stopped (assertion historical) needs a stop word before the time; a
    calendar year counts only against a year told in a sentence of the lesions (``lesion_spans``).
    """
    rules = load_timing_rules()
    lesion_year = rules.lesion_year(text, lesion_spans)
    for finding in findings:
        if finding.years_before is not None:
            continue
        for evidence in finding.evidence:
            years = years_before(
                text, evidence.end, stopped=finding.assertion == "historical", rules=rules, lesion_year=lesion_year
            )
            if years is not None:
                finding.years_before = years
                break
