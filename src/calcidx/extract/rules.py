"""The extractor's linguistic rule data (``extract/data/*.yaml``), loaded once and typed.

These files hold layout and language cues (section headers, ConText triggers, body sites, word
lists); clinical knowledge stays in ``knowledge/data``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from calcidx.errors import KnowledgeError
from calcidx.extract.vocabulary import knowledge_state_words

__all__ = ["ContextTrigger", "LabStateWord", "Rules", "load_rules"]

TriggerCategory = Literal["absent", "possible", "hypothetical", "historical", "family", "pseudo"]
Direction = Literal["forward", "backward", "both", "prefix"]

_CATEGORIES = {"absent", "possible", "hypothetical", "historical", "family", "pseudo"}
_DIRECTIONS = {"forward", "backward", "both", "prefix"}
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ContextTrigger:
    """A ConText trigger phrase: what it asserts and which way its scope runs."""

    phrase: str
    category: TriggerCategory
    direction: Direction = "forward"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ContextTrigger:
        """Build a trigger from its YAML mapping, rejecting unknown keys and values."""
        unknown = set(raw) - {"phrase", "category", "direction"}
        if unknown:
            raise KnowledgeError(f"context.yaml: unknown trigger keys {sorted(unknown)!r} in {raw!r}")
        category = raw.get("category")
        direction = raw.get("direction", "forward")
        if category not in _CATEGORIES or direction not in _DIRECTIONS:
            raise KnowledgeError(f"context.yaml: bad category or direction in {raw!r}")
        return cls(phrase=str(raw["phrase"]).lower(), category=category, direction=direction)

    def to_dict(self) -> dict[str, str]:
        """The YAML mapping of this trigger."""
        return {"phrase": self.phrase, "category": self.category, "direction": self.direction}


@dataclass(frozen=True)
class LabStateWord:
    """A word such as "hypercalcaemia" that states an analyte's interpretation."""

    pattern: str
    analyte: str
    interpretation: Literal["low", "normal", "high"]


@dataclass(frozen=True)
class Rules:
    """All linguistic rule data of the extractor."""

    triggers: tuple[ContextTrigger, ...]
    terminators: tuple[str, ...]
    section_headers: dict[str, str]
    patient_openers: tuple[re.Pattern[str], ...]
    sites: tuple[str, ...]
    laterality: dict[str, str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    neutral_nouns: frozenset[str]
    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]
    number_words: dict[str, int]
    decade_words: dict[str, int]
    lab_cues: dict[str, tuple[str, ...]]
    lab_state_words: tuple[LabStateWord, ...]
    units: tuple[str, ...]
    lesion_words: frozenset[str]
    morphology_words: tuple[str, ...]
    imaging_words: dict[str, str]
    histology_words: tuple[str, ...]
    treatment_verbs: tuple[str, ...]
    planned_cues: tuple[str, ...]
    stopped_cues: tuple[str, ...]
    outcome_cues: tuple[str, ...]


def _data_dir() -> Path:
    return Path(str(resources.files("calcidx.extract") / "data"))


def _read(name: str) -> dict[str, Any]:
    path = _data_dir() / name
    try:
        with path.open(encoding="utf-8") as handle:
            raw = yaml.load(handle, Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"extractor rule file {path} cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise KnowledgeError(f"extractor rule file {path}: expected a mapping at the top")
    return raw


@functools.cache
def load_rules() -> Rules:
    """The extractor's rule data, loaded once per process."""
    context = _read("context.yaml")
    sections = _read("sections.yaml")
    anatomy = _read("anatomy.yaml")
    lexicon = _read("lexicon.yaml")
    headers: dict[str, str] = {}
    for category, phrases in sections["categories"].items():
        for phrase in phrases:
            headers[str(phrase).lower()] = str(category)
    laterality: dict[str, str] = {}
    for side, words in anatomy["laterality"].items():
        for word in words:
            laterality[str(word).lower()] = str(side)
    imaging: dict[str, str] = {}
    for modality, words in lexicon["imaging_words"].items():
        for word in words:
            imaging[str(word).lower()] = str(modality)
    nouns = lexicon["person_nouns"]
    return Rules(
        triggers=tuple(ContextTrigger.from_dict(item) for item in context["triggers"]),
        terminators=tuple(str(t).lower() for t in context["terminators"]),
        section_headers=headers,
        patient_openers=tuple(re.compile(p) for p in sections["patient_openers"]),
        sites=tuple(str(s).lower() for s in anatomy["sites"]),
        laterality=laterality,
        female_nouns=frozenset(nouns["female"]),
        male_nouns=frozenset(nouns["male"]),
        neutral_nouns=frozenset(nouns["neutral"]),
        female_pronouns=frozenset(lexicon["female_pronouns"]),
        male_pronouns=frozenset(lexicon["male_pronouns"]),
        number_words={str(k): int(v) for k, v in lexicon["number_words"].items()},
        decade_words={str(k): int(v) for k, v in lexicon["decade_words"].items()},
        lab_cues={k: tuple(str(w).lower() for w in v) for k, v in lexicon["lab_cues"].items()},
        lab_state_words=tuple(
            LabStateWord(pattern=w["pattern"], analyte=w["analyte"], interpretation=w["interpretation"])
            for w in lexicon["lab_state_words"]
        )
        + tuple(
            LabStateWord(pattern=pattern, analyte=analyte, interpretation=interpretation)
            for pattern, analyte, interpretation in knowledge_state_words()
        ),
        units=tuple(lexicon["units"]),
        lesion_words=frozenset(str(w).lower() for w in lexicon["lesion_words"]),
        morphology_words=tuple(str(w).lower() for w in lexicon["morphology_words"]),
        imaging_words=imaging,
        histology_words=tuple(str(w).lower() for w in lexicon["histology_words"]),
        treatment_verbs=tuple(str(w).lower() for w in lexicon["treatment_verbs"]),
        planned_cues=tuple(str(w).lower() for w in lexicon["planned_cues"]),
        stopped_cues=tuple(str(w).lower() for w in lexicon["stopped_cues"]),
        outcome_cues=tuple(str(w).lower() for w in lexicon["outcome_cues"]),
    )


def phrase_regex(
    phrases: list[str] | tuple[str, ...] | frozenset[str], *, flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` on word boundaries, longest first."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)

    def one(phrase: str) -> str:
        # a phrase ending in "-" is a prefix ("non-"): it must be attached to the next word
        tail = r"(?=\w)" if phrase.endswith("-") else r"(?![\w-])"
        return re.escape(phrase).replace(r"\ ", r"\s+") + tail

    body = "|".join(one(p) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})", flags)
