"""Whether the patient is pregnant (and at how many weeks) or breastfeeding, as the text says.

The cues are data (``data/pregnancy.yaml``): "at 28 weeks of gestation", "24 weeks pregnant",
"in her third trimester", "a pregnancy test was negative", "she was breastfeeding". A sentence
about a birth (the patient is the baby) or a relative never sets the patient's status, and only a
patient who is not known to be male can be pregnant or lactating. Unknown stays ``None``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

# the words every rule's match holds one of (a note's "18/40" and "G2P1" included): no rule runs without
_GATE_WORDS = (
    "pregn",
    "gestation",
    "trimester",
    "gravid",
    "breast",
    "lactat",
    "nursing",
    "expecting",
    "ega",
    "preg",
    "expectant",
    "antenatal",
    "prenatal",
    "/40",
    "hcg",
    "iup",
    "with child",
)
_GRAVIDA = re.compile(r"g\d{1,2}\s*p\d")
_MAX_WEEKS = 44.0  # past this a "weeks" figure is not a gestation (the Patient model allows 45)

__all__ = ["PregnancyRule", "PregnancyStatus", "is_child", "load_pregnancy_rules", "read_pregnancy"]


@dataclass(frozen=True)
class PregnancyRule:
    """One way of saying it: the rule's id, what it sets, its regex and examples."""

    id: str
    sets: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    #: the match names the woman herself ("she breastfeeds her 2-month-old"): it applies in a
    #: sentence about her baby too, though never in one about a birth (``skip_own_subject``)
    own_subject: bool = False


@dataclass
class PregnancyStatus:
    """What the text says: ``None`` where it says nothing; the spans that said it."""

    pregnant: bool | None = None
    gestation_weeks: float | None = None
    lactating: bool | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@functools.cache
def load_pregnancy_rules() -> tuple[tuple[PregnancyRule, ...], re.Pattern[str]]:
    """The rules of ``extract/data/pregnancy.yaml`` and the sentence filter (read once)."""
    return _load()[:2]


@functools.cache
def _skip_own_subject() -> re.Pattern[str]:
    return _load()[2]


def is_child(age_years: float | None, first_sentence: str) -> bool:
    """The patient is a child the pregnancy and lactation cues cannot be about: younger than
    ``pregnancy.yaml`` ``min_age_years``, or with no age a first sentence opening on a baby
    (``child_opener``): the child being fed or carried, never the one pregnant or feeding."""
    raw = _raw()
    if age_years is not None:
        return age_years < float(raw.get("min_age_years", 0))
    return _child_opener().search(first_sentence) is not None


@functools.cache
def _child_opener() -> re.Pattern[str]:
    return re.compile(str(_raw().get("child_opener", "(?!)")), re.IGNORECASE)


@functools.cache
def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("calcidx.extract").joinpath("data/pregnancy.yaml").read_text(encoding="utf-8")
    )
    return raw


@functools.cache
def _load() -> tuple[tuple[PregnancyRule, ...], re.Pattern[str], re.Pattern[str]]:
    raw = _raw()
    rules = tuple(
        PregnancyRule(
            id=str(item["id"]),
            sets=str(item["sets"]),
            pattern=re.compile(str(item["pattern"]), re.IGNORECASE),
            examples=tuple(str(e) for e in item["examples"]),
            own_subject=bool(item.get("own_subject", False)),
        )
        for item in raw["rules"]
    )
    return (
        rules,
        re.compile(str(raw["skip_sentence"]), re.IGNORECASE),
        re.compile(str(raw["skip_own_subject"]), re.IGNORECASE),
    )


def _without_matches(text: str, rules: Sequence[PregnancyRule]) -> str:
    """The sentence with every rule's own match blanked: a word inside a cue ("a breastfeeding
    mother", "a pregnant mother") does not make the sentence one about a relative or a birth."""
    chars = list(text)
    for rule in rules:
        for match in rule.pattern.finditer(text):
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


#: a short answer that makes a sentence of its own after a form's question ("Pregnant? No.")
_ANSWER = re.compile(r"\s*(?:yes|no|y|n)\b", re.IGNORECASE)


def _answered_questions(sentences: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The sentences, a question ("Pregnant?") joined to the short answer that follows it ("No."),
    with the gap between them kept so that offsets stay those of the text."""
    index = 0
    while index < len(sentences):
        start, text = sentences[index]
        if index + 1 < len(sentences) and text.rstrip().endswith("?"):
            after, answer = sentences[index + 1]
            if _ANSWER.match(answer) and after >= start + len(text):
                yield start, text + " " * (after - start - len(text)) + answer
                index += 2
                continue
        yield start, text
        index += 1


def read_pregnancy(sentences: Iterable[tuple[int, str]], *, sex: str | None, child: bool = False) -> PregnancyStatus:
    """Pregnancy and lactation of one patient from her sentences (``(start offset, text)`` pairs).

    A negative statement ("not pregnant") wins over nothing but never over a positive one with
    weeks of gestation; a male patient, or a child (``is_child``: a breastfed infant's
    "Breastfeeding."), is never pregnant or lactating (stays ``None``).
    """
    status = PregnancyStatus()
    if sex == "male" or child:
        return status
    rules, skip = load_pregnancy_rules()
    for start, text in _answered_questions(list(sentences)):
        lower = text.lower()
        if not any(word in lower for word in _GATE_WORDS) and _GRAVIDA.search(lower) is None:
            continue
        active = rules
        # a cue's own words are blanked (not an own-subject one's: it spans the clause it names)
        if "hcg" not in lower and skip.search(_without_matches(text, [r for r in rules if not r.own_subject])):
            # about a birth or a relative: only a cue naming the woman herself, and not a birth
            if _skip_own_subject().search(text):
                continue
            active = tuple(rule for rule in rules if rule.own_subject)
        for rule in active:
            for match in rule.pattern.finditer(text):
                status.spans.append((start + match.start(), start + match.end()))
                if rule.sets == "pregnant":
                    status.pregnant = True
                    weeks = match.groupdict().get("weeks")
                    if weeks is not None and status.gestation_weeks is None and 0 < float(weeks) <= _MAX_WEEKS:
                        status.gestation_weeks = float(weeks)
                elif rule.sets == "not_pregnant" and status.pregnant is None:
                    status.pregnant = False
                elif rule.sets == "lactating":
                    status.lactating = True
                elif rule.sets == "not_lactating" and status.lactating is None:
                    status.lactating = False
    return status
