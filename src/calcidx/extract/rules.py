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

__all__ = ["ContextTrigger", "LabStateWord", "Rules", "ZoneRule", "ZoneRules", "load_rules", "load_zone_rules"]

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
    #: words the scope may span at most (None: to the end of the clause, as in ConText)
    max_scope: int | None = None
    #: concept tables the trigger may modify (empty: all)
    allowed_types: tuple[str, ...] = ()
    #: the trigger (a relative noun) counts only as the clause's subject: "her mother had",
    #: not "a mother of two with"
    subject: bool = False
    examples: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """A stable id: category and phrase."""
        return f"{self.category}:{self.phrase}"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ContextTrigger:
        """Build a trigger from its YAML mapping, rejecting unknown keys and values."""
        unknown = set(raw) - {"phrase", "category", "direction", "max_scope", "allowed_types", "subject", "examples"}
        if unknown:
            raise KnowledgeError(f"context.yaml: unknown trigger keys {sorted(unknown)!r} in {raw!r}")
        category = raw.get("category")
        direction = raw.get("direction", "forward")
        if category not in _CATEGORIES or direction not in _DIRECTIONS:
            raise KnowledgeError(f"context.yaml: bad category or direction in {raw!r}")
        scope = raw.get("max_scope")
        if scope is not None and (not isinstance(scope, int) or scope < 1):
            raise KnowledgeError(f"context.yaml: max_scope must be a positive number of words in {raw!r}")
        return cls(
            phrase=str(raw["phrase"]).lower(),
            category=category,
            direction=direction,
            max_scope=scope,
            allowed_types=tuple(str(t) for t in raw.get("allowed_types", ())),
            subject=bool(raw.get("subject", False)),
            examples=tuple(str(e) for e in raw.get("examples", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        """The YAML mapping of this trigger."""
        out: dict[str, Any] = {"phrase": self.phrase, "category": self.category, "direction": self.direction}
        if self.max_scope is not None:
            out["max_scope"] = self.max_scope
        if self.allowed_types:
            out["allowed_types"] = list(self.allowed_types)
        if self.subject:
            out["subject"] = True
        if self.examples:
            out["examples"] = list(self.examples)
        return out


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
    sites: tuple[str, ...]
    laterality: dict[str, str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    neutral_nouns: frozenset[str]
    female_pronouns: frozenset[str]
    female_body_words: frozenset[str]
    male_body_words: frozenset[str]
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
    planned_pseudo: tuple[str, ...]
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
        sites=tuple(str(s).lower() for s in anatomy["sites"]),
        laterality=laterality,
        female_nouns=frozenset(nouns["female"]),
        male_nouns=frozenset(nouns["male"]),
        neutral_nouns=frozenset(nouns["neutral"]),
        female_pronouns=frozenset(lexicon["female_pronouns"]),
        female_body_words=frozenset(lexicon.get("female_body_words", [])),
        male_body_words=frozenset(lexicon.get("male_body_words", [])),
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
        planned_pseudo=tuple(str(w).lower() for w in lexicon.get("planned_pseudo", [])),
        stopped_cues=tuple(str(w).lower() for w in lexicon["stopped_cues"]),
        outcome_cues=tuple(str(w).lower() for w in lexicon["outcome_cues"]),
    )


def phrase_regex(
    phrases: list[str] | tuple[str, ...] | frozenset[str], *, flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` on word boundaries, longest first."""
    ordered = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))  # ties in a fixed order

    def one(phrase: str) -> str:
        # a phrase ending in "-" is a prefix ("non-"): it must be attached to the next word
        tail = r"(?=\w)" if phrase.endswith("-") else r"(?![\w-])"
        return re.escape(phrase).replace(r"\ ", r"\s+") + tail

    body = "|".join(one(p) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})", flags)


@dataclass(frozen=True)
class ZoneRule:
    """One rule of ``zones.yaml``: a regex with an id, what it is for, and its examples."""

    id: str
    purpose: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ZoneRule:
        """Build a rule from its YAML mapping (the pattern's line breaks are removed)."""
        unknown = set(raw) - {"id", "purpose", "pattern", "examples", "not", "case_sensitive"}
        if unknown or not raw.get("id") or not raw.get("pattern"):
            raise KnowledgeError(
                f"zones.yaml: a rule needs id and pattern, and has no other keys than examples, not, "
                f"purpose, case_sensitive: {raw!r}"
            )
        source = "".join(line.strip() for line in str(raw["pattern"]).splitlines())
        flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = re.compile(source, flags)
        except re.error as exc:
            raise KnowledgeError(f"zones.yaml: rule {raw['id']!r} is not a valid regex: {exc}") from exc
        return cls(
            id=str(raw["id"]),
            purpose=str(raw.get("purpose", "")),
            pattern=pattern,
            examples=tuple(str(e) for e in raw.get("examples", ())),
            counter_examples=tuple(str(e) for e in raw.get("not", ())),
        )


@dataclass(frozen=True)
class ZoneRules:
    """The rules that find the patients' sentences (``zones.yaml``)."""

    rules: dict[str, ZoneRule]
    strong_only_sections: frozenset[str]
    skipped_sections: frozenset[str]

    def __getitem__(self, rule_id: str) -> re.Pattern[str]:
        return self.rules[rule_id].pattern


@functools.cache
def load_zone_rules() -> ZoneRules:
    """The patient-zone rules, loaded once per process."""
    raw = _read("zones.yaml")
    rules = {r.id: r for r in (ZoneRule.from_dict(item) for item in raw["rules"])}
    return ZoneRules(
        rules=rules,
        strong_only_sections=frozenset(raw.get("strong_only_sections", ())),
        skipped_sections=frozenset(raw.get("skipped_sections", ())),
    )
