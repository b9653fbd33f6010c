"""The extractor's linguistic rule data (``extract/data/*.yaml``), loaded once and typed.

These files hold layout and language cues (section headers, ConText triggers, body sites, word
lists); clinical knowledge stays in ``knowledge/data``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from calcidx.errors import KnowledgeError
from calcidx.extract.prefilter import MAX_GATE, compile_gated, register_first_words
from calcidx.extract.vocabulary import knowledge_state_words

__all__ = [
    "EXPOSURE_SITE_RULES",
    "AgeRule",
    "CarerRules",
    "ConceptPattern",
    "ContextTrigger",
    "ExposureSiteRule",
    "HistologyFindingRule",
    "HistologyFindingRules",
    "LabStateWord",
    "MedicationStatusRule",
    "Rules",
    "ZoneRule",
    "ZoneRules",
    "alternation",
    "load_age_rules",
    "load_carer_rules",
    "load_concept_patterns",
    "load_exposure_site_rules",
    "load_histology_finding_rules",
    "load_lab_cue_pseudo_before_rules",
    "load_lab_cue_pseudo_rules",
    "load_medication_status_rules",
    "load_rules",
    "load_zone_rules",
]

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
    #: what the trigger may modify (empty: all): vocabulary tables ("exposure") or single concepts
    #: ("condition:dialysis", for "not on dialysis", where "on" takes no other condition)
    allowed_types: tuple[str, ...] = ()
    #: the trigger (a relative noun) counts only as the clause's subject: "her mother had",
    #: not "a mother of two with"
    subject: bool = False
    #: the scope runs through a comma-separated list ("DDx warfarin necrosis, vasculitis, cellulitis"),
    #: where an uncertainty trigger's scope otherwise ends at a comma
    list_scope: bool = False
    #: the scope ends at a comma, as an uncertainty trigger's does ("Rather than calciphylaxis, cholesterol
    #: embolism was diagnosed": only calciphylaxis is denied)
    clause_scope: bool = False
    examples: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """A stable id: category and phrase."""
        return f"{self.category}:{self.phrase}"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ContextTrigger:
        """Build a trigger from its YAML mapping, rejecting unknown keys and values."""
        unknown = set(raw) - {
            "phrase",
            "category",
            "direction",
            "max_scope",
            "allowed_types",
            "subject",
            "list_scope",
            "clause_scope",
            "examples",
        }
        if unknown:
            raise KnowledgeError(f"context.yaml: unknown trigger keys {sorted(unknown)!r} in {raw!r}")
        category = raw.get("category")
        direction = raw.get("direction", "forward")
        if category not in _CATEGORIES or direction not in _DIRECTIONS:
            raise KnowledgeError(f"context.yaml: bad category or direction in {raw!r}")
        scope = raw.get("max_scope")
        if scope is not None and (not isinstance(scope, int) or isinstance(scope, bool) or scope < 0):
            raise KnowledgeError(
                f"context.yaml: max_scope must be a number of words, 0 or more (0: right beside it), in {raw!r}"
            )
        return cls(
            phrase=str(raw["phrase"]).lower(),
            category=category,
            direction=direction,
            max_scope=scope,
            allowed_types=tuple(str(t) for t in raw.get("allowed_types", ())),
            subject=bool(raw.get("subject", False)),
            list_scope=bool(raw.get("list_scope", False)),
            clause_scope=bool(raw.get("clause_scope", False)),
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
        if self.list_scope:
            out["list_scope"] = True
        if self.clause_scope:
            out["clause_scope"] = True
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
class AmbiguousName:
    """A short name two conditions share ("DM"): read as ``other`` where the words around it say so
    (``lexicon.yaml`` ``ambiguous_condition_names``)."""

    other: str
    window: int
    #: the words around it that point to ``other``, and those that keep its own reading
    other_cues: re.Pattern[str]
    own_cues: re.Pattern[str]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> AmbiguousName:
        def cues(words: list[str]) -> re.Pattern[str]:
            if not words:
                return re.compile(r"(?!)")  # no cue: never found
            body = "|".join(re.escape(str(w).lower()) for w in sorted(words, key=len, reverse=True))
            return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")

        return cls(
            other=str(raw["other"]),
            window=int(raw["window"]),
            other_cues=cues(list(raw["other_cues"])),
            own_cues=cues(list(raw.get("own_cues") or [])),
        )


@dataclass(frozen=True)
class CollapsedTextRules:
    """Where a text that lost its line breaks gets them back (``sections.yaml`` ``collapsed_text``)."""

    min_chars: int
    #: headers that start a line of their own (lower case)
    headers: tuple[str, ...]
    #: case-sensitive regexes of what starts a line (an affiliation, a patient's introduction)
    line_starts: tuple[str, ...]
    #: texts and the lines they must give
    examples: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Rules:
    """All linguistic rule data of the extractor."""

    triggers: tuple[ContextTrigger, ...]
    terminators: tuple[str, ...]
    #: verbs that open a new clause after a comma ("not on dialysis, developed ...")
    comma_clause_verbs: tuple[str, ...]
    #: how far a trigger reaches beyond its terminators (``context.yaml`` ``scope_rules``), by id
    scope_rules: dict[str, ZoneRule]
    section_headers: dict[str, str]
    sites: tuple[str, ...]
    laterality: dict[str, str]
    #: the name a series counts a site under (``anatomy.yaml`` ``site_names``)
    site_names: dict[str, str]
    #: site words that name a part of the site after them ("back of the hand"): ``anatomy.yaml`` ``site_parts``
    site_parts: frozenset[str]
    #: a note's capital letter for the side ("R hand"): ``anatomy.yaml`` ``laterality_letters``
    laterality_letters: dict[str, str]
    #: words that name a site by pointing back to one named before (``anatomy.yaml`` ``site_anaphora``)
    site_anaphora: tuple[ZoneRule, ...]
    #: words that put the lesions of the sentence before at this sentence's sites (``site_involvement``)
    site_involvement: tuple[ZoneRule, ...]
    #: where a list of drug allergies starts, and a negation that voids it (``lexicon.yaml``)
    allergy_list_cue: str
    allergy_list_negation: str
    #: words right after a test's name that make it part of another test's name (``lexicon.yaml``)
    analyte_continues: str
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    neutral_nouns: frozenset[str]
    female_pronouns: frozenset[str]
    female_body_words: frozenset[str]
    male_body_words: frozenset[str]
    #: phrases whose body word is not the patient's ("vaginal delivery": how a baby was born)
    body_word_exceptions: tuple[str, ...]
    male_pronouns: frozenset[str]
    number_words: dict[str, int]
    decade_words: dict[str, int]
    #: an age group's name and the years it spans, the upper one not included ("octogenarian": 80, 90)
    age_group_words: dict[str, tuple[float, float]]
    #: a word for a child's stage of life and the years it spans ("infant": 0, 1); also in
    #: ``age_group_words``, read only where it opens the sentence that introduces the patient
    child_age_words: dict[str, tuple[float, float]]
    lab_cues: dict[str, tuple[str, ...]]
    lab_state_words: tuple[LabStateWord, ...]
    units: tuple[str, ...]
    lesion_words: frozenset[str]
    morphology_words: tuple[str, ...]
    #: colour, shape and size words that, with the morphology words, may stand inside a lesion term
    lesion_chain_words: tuple[str, ...]
    #: the chain's symptom words, which make their own term wherever they stand in it
    lesion_chain_symptom_words: frozenset[str]
    imaging_words: dict[str, str]
    histology_words: tuple[str, ...]
    treatment_verbs: tuple[str, ...]
    planned_cues: tuple[str, ...]
    planned_pseudo: tuple[str, ...]
    outcome_cues: tuple[str, ...]
    #: names that hold a vocabulary word but name something else ("Henoch-Schönlein purpura" is not purpura)
    not_concepts: tuple[str, ...] = ()
    #: suffixes that make a hyphenated term a likeness ("cellulitis-like" is no cellulitis)
    resemblance_suffixes: frozenset[str] = frozenset()
    #: where a text that lost its line breaks gets them back
    collapsed_text: CollapsedTextRules = field(
        default_factory=lambda: CollapsedTextRules(min_chars=0, headers=(), line_starts=())
    )
    #: measure words spelled like a vocabulary abbreviation ("5 MM"): the unit after a number
    measure_words: frozenset[str] = frozenset()
    #: ordinal words of "in her sixth decade (of life)" (``lexicon.yaml`` ``decade_ordinals``)
    decade_ordinals: dict[str, int] = field(default_factory=dict)
    #: the line after a bare figure label is running prose, not its caption, from this many
    #: sentences and words on (``sections.yaml`` ``figure_label_caption``); 0 turns it off
    caption_prose_sentences: int = 0
    caption_prose_words: int = 0
    caption_prose_verb: re.Pattern[str] | None = None
    #: a bibliographic record's index-term list and the terms in it that give the sex (``lexicon.yaml`` ``index_terms``)
    index_terms_header: re.Pattern[str] | None = None
    index_terms_item: re.Pattern[str] | None = None
    index_terms_max: int = 0
    index_sex_terms: dict[str, str] = field(default_factory=dict)
    #: abbreviations matched with their own case even in a text written in one case
    case_bound_abbreviations: frozenset[str] = frozenset()
    #: specimens that are not the skin lesion (urine, a kidney stone), and words that name the lesion's own tissue
    other_specimen_words: tuple[str, ...] = ()
    lesion_tissue_words: tuple[str, ...] = ()
    #: a lesion word named with an internal organ ("pulmonary nodules", "lytic lesions"): no skin lesion
    internal_lesion_words: tuple[str, ...] = ()
    #: a morphology word that names a drug's route ("subcutaneous nadroparin injections"): no skin lesion
    route_words: tuple[str, ...] = ()
    #: a lesion word that names a finding of the knowledge when it has a skin site ("necrosis of the
    #: left breast" is skin necrosis): word -> feature id
    site_lesion_findings: tuple[tuple[str, str], ...] = ()
    #: findings only a microscope shows: named in a sentence that reports imaging and no histology
    #: ("a mammogram showed extensive vascular calcification") they are not read (``lexicon.yaml``)
    microscope_only_findings: frozenset[str] = frozenset()
    #: a lesion word denied ("no suspicious lesion") or explained by a bone injury ("swelling ... caused
    #: by a fracture"): no skin lesion
    lesion_denials: tuple[str, ...] = ()
    lesion_denial_fillers: tuple[str, ...] = ()
    lesion_bone_injuries: tuple[str, ...] = ()
    #: lab cues that interpret only a qualitative test ("positive")
    qualitative_only_cues: frozenset[str] = frozenset()
    #: the feature an imaging sentence naming calcinosis at a lesion's site reports, and those lesion words
    imaging_calcification: tuple[str, frozenset[str], frozenset[str]] = ("", frozenset(), frozenset())
    #: ... and the rule that reads calcification placed in the skin or soft tissues on imaging
    imaging_soft_tissue: ZoneRule | None = None
    #: ... and plain calcification on imaging soon after a lesion sentence (and how many sentences on)
    imaging_plain: ZoneRule | None = None
    imaging_plain_within: int = 0
    #: a form's sex field: its labels ("sex", "gender") and each value's sex ("f" -> female)
    sex_field_labels: tuple[str, ...] = ()
    sex_field_values: dict[str, str] = field(default_factory=dict)
    #: regexes of plan-like verbs that introduce a person ("Consider a 9-year-old boy with ...")
    planned_pseudo_patterns: tuple[str, ...] = ()
    #: plan cues that open a participle phrase ("a woman planning a pregnancy next year has ..."), and
    #: the verbs after them that start the sentence's own statement: the plan's scope ends there
    plan_participle_cues: frozenset[str] = frozenset()
    plan_participle_scope_ends: tuple[str, ...] = ()
    plan_clause_breaks: tuple[str, ...] = ()
    #: phrases whose colour word is no lesion's ("white cell count"): blanked before morphology is read
    morphology_blanks: tuple[str, ...] = ()
    #: labels that take the sex only as a whole word ("Patient: female"), and those words' sex
    sex_word_labels: tuple[str, ...] = ()
    sex_word_values: dict[str, str] = field(default_factory=dict)
    #: a drug started days ago: the knowledge condition it gives, and the words before and after it
    recent_start_conditions: dict[str, str] = field(default_factory=dict)
    #: an extravasation of another drug is not these exposures (``lexicon.yaml`` other_extravasation_agents)
    other_agent_exposures: frozenset[str] = frozenset()
    other_agents: frozenset[str] = frozenset()
    other_agent_window: int = 50
    #: test names written for several analytes ("Ca++"): the candidates, the value decides (``lexicon.yaml``)
    ambiguous_analyte_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous_condition_names: dict[str, AmbiguousName] = field(default_factory=dict)
    #: ConText triggers whose exclusion outweighs an earlier mention as present (``lexicon.yaml``)
    conclusive_exclusions: frozenset[str] = frozenset()
    recent_start_patterns: tuple[str, str, str] = ("", "", "")
    #: flags printed after a lab value ("2.71 ↑", "0.62 (L)") by interpretation
    lab_flags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: lesion nouns in the plural with their singular ("nodules" -> "nodule"), from ``lesion_words``
    lesion_plurals: dict[str, str] = field(default_factory=dict)
    #: words of a longer term and the abbreviations notes print for them (``lexicon.yaml``)
    term_word_abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: function words of English and of the other languages reports are written in (language check)
    english_words: frozenset[str] = frozenset()
    other_language_words: frozenset[str] = frozenset()


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


def _collapsed_text_rules(raw: dict[str, Any], section_headers: dict[str, str]) -> CollapsedTextRules:
    listed = [str(h).lower() for h in raw.get("headers", [])]
    multiword = [h for h in section_headers if " " in h] if raw.get("multiword_headers") else []
    return CollapsedTextRules(
        min_chars=int(raw.get("min_chars", 0)),
        headers=tuple(dict.fromkeys([*listed, *multiword])),
        line_starts=tuple(str(p) for p in raw.get("line_starts", [])),
        examples=tuple((str(e["text"]), tuple(str(line) for line in e["lines"])) for e in raw.get("examples", [])),
    )


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
    calcification: dict[str, Any] = lexicon.get("imaging_calcification") or {}
    return Rules(
        triggers=tuple(ContextTrigger.from_dict(item) for item in context["triggers"]),
        terminators=tuple(str(t).lower() for t in context["terminators"]),
        comma_clause_verbs=tuple(str(t).lower() for t in context.get("comma_clause_verbs", [])),
        scope_rules={
            rule.id: rule for rule in (ZoneRule.from_dict(item, "context.yaml") for item in context["scope_rules"])
        },
        section_headers=headers,
        collapsed_text=_collapsed_text_rules(sections.get("collapsed_text") or {}, headers),
        caption_prose_sentences=int((sections.get("figure_label_caption") or {}).get("prose_min_sentences", 0)),
        caption_prose_words=int((sections.get("figure_label_caption") or {}).get("prose_min_words", 0)),
        caption_prose_verb=re.compile(
            str((sections.get("figure_label_caption") or {}).get("finite_verb", "(?!)")), re.I
        ),
        sites=tuple(str(s).lower() for s in anatomy["sites"]),
        laterality=laterality,
        site_names={str(k).lower(): str(v).lower() for k, v in (anatomy.get("site_names") or {}).items()},
        site_parts=frozenset(str(w).lower() for w in anatomy.get("site_parts") or ()),
        laterality_letters={str(k): str(v) for k, v in (anatomy.get("laterality_letters") or {}).items()},
        site_anaphora=tuple(ZoneRule.from_dict(item, "anatomy.yaml") for item in anatomy.get("site_anaphora") or ()),
        site_involvement=tuple(
            ZoneRule.from_dict(item, "anatomy.yaml") for item in anatomy.get("site_involvement") or ()
        ),
        allergy_list_cue=str(lexicon["allergy_list_cue"]),
        allergy_list_negation=str(lexicon["allergy_list_negation"]),
        analyte_continues=str(lexicon.get("analyte_continues", "(?!)")),
        female_nouns=frozenset(nouns["female"]),
        male_nouns=frozenset(nouns["male"]),
        neutral_nouns=frozenset(nouns["neutral"]),
        female_pronouns=frozenset(lexicon["female_pronouns"]),
        female_body_words=frozenset(lexicon.get("female_body_words", [])),
        male_body_words=frozenset(lexicon.get("male_body_words", [])),
        body_word_exceptions=tuple(str(w).lower() for w in lexicon.get("body_word_exceptions", [])),
        male_pronouns=frozenset(lexicon["male_pronouns"]),
        number_words={str(k): int(v) for k, v in lexicon["number_words"].items()},
        decade_words={str(k): int(v) for k, v in lexicon["decade_words"].items()},
        decade_ordinals={str(k): int(v) for k, v in (lexicon.get("decade_ordinals") or {}).items()},
        age_group_words={
            str(k).lower(): (float(v[0]), float(v[1]))
            for k, v in [*lexicon["age_group_words"].items(), *(lexicon.get("child_age_words") or {}).items()]
        },
        child_age_words={
            str(k).lower(): (float(v[0]), float(v[1])) for k, v in (lexicon.get("child_age_words") or {}).items()
        },
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
        other_agent_exposures=frozenset(
            str(e) for e in (lexicon.get("other_extravasation_agents") or {}).get("exposures", [])
        ),
        other_agents=frozenset(
            str(a).lower() for a in (lexicon.get("other_extravasation_agents") or {}).get("agents", [])
        ),
        other_agent_window=int((lexicon.get("other_extravasation_agents") or {}).get("window", 50)),
        ambiguous_analyte_names={
            str(k).lower(): tuple(str(a) for a in v) for k, v in (lexicon.get("ambiguous_analyte_names") or {}).items()
        },
        ambiguous_condition_names={
            str(name): AmbiguousName.from_dict(raw)
            for name, raw in (lexicon.get("ambiguous_condition_names") or {}).items()
        },
        conclusive_exclusions=frozenset(str(w).lower() for w in lexicon.get("conclusive_exclusions") or ()),
        recent_start_conditions={
            str(k): str(v) for k, v in (lexicon.get("recent_start", {}).get("conditions") or {}).items()
        },
        recent_start_patterns=(
            str(lexicon.get("recent_start", {}).get("before", "")),
            str(lexicon.get("recent_start", {}).get("after", "")),
            str(lexicon.get("recent_start", {}).get("after_verb", "")),
        ),
        lab_flags={str(k): tuple(str(w) for w in v) for k, v in (lexicon.get("lab_flags") or {}).items()},
        lesion_plurals=_plurals(str(w).lower() for w in lexicon["lesion_words"]),
        term_word_abbreviations={
            str(word).lower(): tuple(str(a).lower() for a in abbreviations)
            for word, abbreviations in (lexicon.get("term_word_abbreviations") or {}).items()
        },
        morphology_words=tuple(str(w).lower() for w in lexicon["morphology_words"]),
        lesion_chain_words=tuple(str(w).lower() for w in lexicon.get("lesion_chain_words") or ()),
        lesion_chain_symptom_words=frozenset(str(w).lower() for w in lexicon.get("lesion_chain_symptom_words") or ()),
        imaging_words=imaging,
        histology_words=tuple(str(w).lower() for w in lexicon["histology_words"]),
        treatment_verbs=tuple(str(w).lower() for w in lexicon["treatment_verbs"]),
        planned_cues=tuple(str(w).lower() for w in lexicon["planned_cues"]),
        planned_pseudo=tuple(str(w).lower() for w in lexicon.get("planned_pseudo", [])),
        planned_pseudo_patterns=tuple(str(p) for p in lexicon.get("planned_pseudo_patterns", [])),
        plan_participle_cues=frozenset(str(w).lower() for w in lexicon.get("plan_participle_cues", [])),
        plan_participle_scope_ends=tuple(str(w).lower() for w in lexicon.get("plan_participle_scope_ends", [])),
        plan_clause_breaks=tuple(str(w).lower() for w in lexicon.get("plan_clause_breaks", [])),
        morphology_blanks=tuple(str(w).lower() for w in lexicon.get("morphology_blanks", [])),
        outcome_cues=tuple(str(w).lower() for w in lexicon["outcome_cues"]),
        not_concepts=tuple(str(w).lower() for w in lexicon.get("not_concepts", [])),
        resemblance_suffixes=frozenset(str(w).lower() for w in lexicon.get("resemblance_suffixes", [])),
        measure_words=frozenset(str(w).lower() for w in lexicon.get("measure_words", [])),
        case_bound_abbreviations=frozenset(str(w).lower() for w in lexicon.get("case_bound_abbreviations", [])),
        other_specimen_words=tuple(str(w).lower() for w in lexicon.get("other_specimen_words", [])),
        lesion_tissue_words=tuple(str(w).lower() for w in lexicon.get("lesion_tissue_words", [])),
        internal_lesion_words=tuple(str(w).lower() for w in lexicon.get("internal_lesion_words", [])),
        route_words=tuple(str(w).lower() for w in lexicon.get("route_words", [])),
        lesion_denials=tuple(str(w).lower() for w in lexicon.get("lesion_denials", [])),
        lesion_denial_fillers=tuple(str(w).lower() for w in lexicon.get("lesion_denial_fillers", [])),
        lesion_bone_injuries=tuple(str(w).lower() for w in lexicon.get("lesion_bone_injuries", [])),
        microscope_only_findings=frozenset(str(c) for c in lexicon.get("microscope_only_findings") or ()),
        site_lesion_findings=tuple(
            (str(word).lower(), str(concept)) for word, concept in (lexicon.get("site_lesion_findings") or {}).items()
        ),
        qualitative_only_cues=frozenset(str(w).lower() for w in lexicon.get("qualitative_only_cues", [])),
        imaging_calcification=(
            str(calcification.get("concept", "")),
            frozenset(str(w).lower() for w in calcification.get("alone", [])),
            frozenset(str(w).lower() for w in calcification.get("lesion_words", [])),
        ),
        imaging_soft_tissue=(
            ZoneRule.from_dict(in_tissue, "lexicon.yaml")
            if (in_tissue := calcification.get("in_soft_tissue"))
            else None
        ),
        imaging_plain=(ZoneRule.from_dict(plain, "lexicon.yaml") if (plain := calcification.get("plain")) else None),
        imaging_plain_within=int(calcification.get("plain_within", 0)),
        sex_field_labels=tuple(str(w).lower() for w in lexicon.get("sex_field", {}).get("labels", [])),
        sex_field_values={str(k).lower(): str(v) for k, v in lexicon.get("sex_field", {}).get("values", {}).items()},
        sex_word_labels=tuple(str(w).lower() for w in lexicon.get("sex_field", {}).get("word_labels", [])),
        index_terms_header=re.compile(str(lexicon["index_terms"]["header"]), re.I)
        if "index_terms" in lexicon
        else None,
        index_terms_item=re.compile(str(lexicon["index_terms"]["item"])) if "index_terms" in lexicon else None,
        index_terms_max=int((lexicon.get("index_terms") or {}).get("max_items", 0)),
        index_sex_terms={
            str(k).lower(): str(v) for k, v in ((lexicon.get("index_terms") or {}).get("sex_terms") or {}).items()
        },
        sex_word_values={
            str(k).lower(): str(v) for k, v in lexicon.get("sex_field", {}).get("word_values", {}).items()
        },
        english_words=frozenset(str(w).lower() for w in lexicon.get("function_words", {}).get("english", [])),
        other_language_words=frozenset(str(w).lower() for w in lexicon.get("function_words", {}).get("other", [])),
    )


def _plurals(words: Iterable[str]) -> dict[str, str]:
    """Each word of ``words`` that is another's plural ("nodules", "masses"), with that singular."""
    known = set(words)
    return {plural: word for word in known for plural in (word + "s", word + "es") if plural in known}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as printed, longest first, a space matching any run of
    whitespace; one that never matches when ``words`` is empty."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)"


def phrase_regex(
    phrases: list[str] | tuple[str, ...] | frozenset[str], *, flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` on word boundaries, longest first.

    A space in a phrase matches any run of whitespace; a phrase ending in "-" is a prefix ("non-")
    that must be attached to the next word. The phrases are laid out as a trie (shared beginnings
    written once, longer continuations tried first), which matches exactly what the plain
    alternation of the phrases, longest first, would match, several times faster.
    """
    unique = {p for p in phrases if p}
    if not unique:
        return re.compile(r"(?!)", flags)
    if not all(p.isascii() for p in unique):
        # case folding of other scripts can make two branches match the same text: keep the
        # plain alternation, whose order (longest first) decides
        ordered = sorted(unique, key=lambda p: (-len(p), p))  # ties in a fixed order
        body = "|".join(_unit_pattern(p) + _tail(p[-1]) for p in ordered)
        return re.compile(rf"(?<![\w-])(?:{body})", flags)
    fold = bool(flags & re.IGNORECASE)
    trie = _trie_pattern(unique, fold=fold)
    # the phrases' first characters as a look-ahead (changes no match, see first_character_gate)
    firsts = {(p.lower() if fold else p)[0] for p in unique}
    gate = ""
    if 1 < len(firsts) <= MAX_GATE and all(c.isascii() and c.isalnum() for c in firsts):
        gate = "(?=[" + "".join(sorted(firsts)) + "])"
    compiled = re.compile(r"(?<![\w-])" + gate + trie, flags)
    # every match starts with a phrase's first word as a whole word run (``(?<![\w-])`` before it,
    # a space or ``(?![\w-])`` after it): the word screen of ``prefilter.may_match``
    # (a prefix phrase "non-" runs on into its word: the run starts with it; a first word of other
    # characters: no screen)
    units = [(p.split(" ", 1)[0].lower(), " " not in p and p.endswith("-")) for p in unique]
    if all(u and all(c.isalnum() or c in "_-" for c in u) for u, _ in units):
        words = frozenset(u for u, prefix in units if not prefix)
        register_first_words(compiled, words, tuple(sorted(u for u, prefix in units if prefix)))
    return compiled


def _tail(last: str) -> str:
    return r"(?=\w)" if last == "-" else r"(?![\w-])"


def _unit_pattern(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ ", r"\s+")


class _Node(dict[str, "_Node"]):
    """A trie node: one child per next character; ``end`` when a phrase ends here."""

    end = False


def _trie_pattern(phrases: set[str], *, fold: bool) -> str:
    root = _Node()
    for phrase in phrases:
        node = root
        for char in phrase.lower() if fold else phrase:
            node = node.setdefault(char, _Node())
        node.end = True

    def render(node: _Node, last: str) -> str:
        # at most one child can match the next character (ASCII, folded): the order of the
        # children does not matter; ending here is tried last, so the longest phrase wins
        options = [_unit_pattern(char) + render(child, char) for char, child in sorted(node.items())]
        if node.end:
            options.append(_tail(last))
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return render(root, "")


@dataclass(frozen=True)
class ZoneRule:
    """One regex rule with an id, what it is for, and its examples (``zones.yaml``; also the scope
    rules of ``context.yaml`` and the pseudo-cues of ``lab_cues.yaml``)."""

    id: str
    purpose: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any], source: str = "zones.yaml") -> ZoneRule:
        """Build a rule from its YAML mapping in ``source`` (the pattern's line breaks are removed)."""
        unknown = set(raw) - {"id", "purpose", "pattern", "examples", "not", "case_sensitive"}
        if unknown or not raw.get("id") or not raw.get("pattern"):
            raise KnowledgeError(
                f"{source}: a rule needs id and pattern, and has no other keys than examples, not, "
                f"purpose, case_sensitive: {raw!r}"
            )
        regex = "".join(line.strip() for line in str(raw["pattern"]).splitlines())
        flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = compile_gated(regex, flags)  # the same matches (see first_character_gate)
        except re.error as exc:
            raise KnowledgeError(f"{source}: rule {raw['id']!r} is not a valid regex: {exc}") from exc
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
    #: the longest answer line a bare "Diagnosis:" header keeps (``zones.yaml``)
    diagnosis_answer_max_words: int = 0

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
        diagnosis_answer_max_words=int(raw.get("diagnosis_answer_max_words", 0)),
    )


@dataclass(frozen=True)
class ExposureSiteRule:
    """One rule of ``exposure_sites.yaml``: the words that tie an exposure to its site, with examples."""

    id: str
    purpose: str
    pattern: re.Pattern[str]
    #: (sentence, the site the reader must give the sentence's exposure)
    examples: tuple[tuple[str, str], ...]
    #: sentences whose exposure must get no site
    counter_examples: tuple[str, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ExposureSiteRule:
        """Build a rule from its YAML mapping (the pattern's line breaks are removed)."""
        unknown = set(raw) - {"id", "purpose", "pattern", "examples", "not"}
        if unknown or not raw.get("id") or not raw.get("pattern"):
            raise KnowledgeError(
                f"exposure_sites.yaml: a rule needs id and pattern, and has no other keys than purpose, "
                f"examples, not: {raw!r}"
            )
        source = "".join(line.strip() for line in str(raw["pattern"]).splitlines())
        try:
            pattern = compile_gated(source, re.IGNORECASE)
        except re.error as exc:
            raise KnowledgeError(f"exposure_sites.yaml: rule {raw['id']!r} is not a valid regex: {exc}") from exc
        examples: list[tuple[str, str]] = []
        for example in raw.get("examples", ()):
            if not isinstance(example, dict) or set(example) != {"text", "site"}:
                raise KnowledgeError(
                    f"exposure_sites.yaml: rule {raw['id']!r}: an example is {{text: ..., site: ...}}, got {example!r}"
                )
            examples.append((str(example["text"]), str(example["site"])))
        return cls(
            id=str(raw["id"]),
            purpose=str(raw.get("purpose", "")),
            pattern=pattern,
            examples=tuple(examples),
            counter_examples=tuple(str(e) for e in raw.get("not", ())),
        )


@dataclass(frozen=True)
class ConceptPattern:
    """One rule of ``concept_patterns.yaml``: a vocabulary concept named in words that are no fixed
    phrase; the match's first group named ``mention...`` that matched (one per alternative:
    ``mention``, ``mention2``) is the concept's mention."""

    rule: ZoneRule
    table: str
    concept: str

    @property
    def mention_groups(self) -> tuple[str, ...]:
        """The pattern's mention groups, in order."""
        return tuple(name for name in self.rule.pattern.groupindex if name.startswith("mention"))

    def mention_spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each mention of the concept in ``text``."""
        groups = self.mention_groups
        spans = []
        for match in self.rule.pattern.finditer(text):
            group = next(name for name in groups if match.group(name) is not None)
            spans.append(match.span(group))
        return spans


@functools.cache
def load_concept_patterns() -> tuple[ConceptPattern, ...]:
    """The concept pattern rules, loaded once per process."""
    found = []
    for raw in _read("concept_patterns.yaml").get("rules", ()):
        table, _, concept = str(raw.get("concept", "")).partition(":")
        if not table or not concept:
            raise KnowledgeError(f"concept_patterns.yaml: rule {raw.get('id')!r} needs a concept 'table:id'")
        rule = ZoneRule.from_dict({k: v for k, v in raw.items() if k != "concept"}, "concept_patterns.yaml")
        pattern = ConceptPattern(rule, table, concept)
        if not pattern.mention_groups:
            raise KnowledgeError(f"concept_patterns.yaml: rule {rule.id!r} needs a group named mention")
        found.append(pattern)
    return tuple(found)


#: The rule ids the exposure reader applies (``exposure_sites.yaml`` must define each).
EXPOSURE_SITE_RULES = (
    "exposure_site.after",
    "exposure_site.before",
    "exposure_site.access",
    "exposure_site.escape_after_access",
    "exposure_site.anaphora",
    "exposure_site.lesions_there",
    "exposure_site.another_route",
)


@functools.cache
def load_exposure_site_rules() -> dict[str, ExposureSiteRule]:
    """The rules that tie an exposure to its body site, by id, loaded once per process."""
    raw = _read("exposure_sites.yaml")
    rules = {r.id: r for r in (ExposureSiteRule.from_dict(item) for item in raw.get("rules", ()))}
    missing = [rule_id for rule_id in EXPOSURE_SITE_RULES if rule_id not in rules]
    if missing:
        raise KnowledgeError(
            f"exposure_sites.yaml: rules {missing!r} are missing (the reader needs {EXPOSURE_SITE_RULES!r})"
        )
    return rules


@dataclass(frozen=True)
class MedicationStatusRule:
    """One rule of ``medication_status.yaml``: words around a drug that say it is current, stopped or never taken."""

    id: str
    status: Literal["present", "historical", "absent"]
    #: ``before``: the pattern ends at the drug; ``after``: it starts right after the drug
    side: Literal["before", "after"]
    purpose: str
    pattern: re.Pattern[str]
    #: (sentence, drug concept id, the status the reader must give the drug)
    examples: tuple[tuple[str, str, str], ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> MedicationStatusRule:
        """Build a rule from its YAML mapping (the pattern's line breaks are removed)."""
        where = f"medication_status.yaml: rule {raw.get('id')!r}"
        unknown = set(raw) - {"id", "status", "side", "purpose", "pattern", "examples"}
        if unknown or not raw.get("id") or not raw.get("pattern"):
            raise KnowledgeError(
                f"{where}: a rule needs id, status, side and pattern, and has no other keys than purpose and "
                f"examples (got {sorted(raw)!r})"
            )
        status, side = raw.get("status"), raw.get("side")
        if status not in ("present", "historical", "absent") or side not in ("before", "after"):
            raise KnowledgeError(
                f"{where}: status must be present, historical or absent and side before or after, "
                f"got {status!r}, {side!r}"
            )
        source = "".join(line.strip() for line in str(raw["pattern"]).splitlines())
        try:
            pattern = compile_gated(source, re.IGNORECASE)
        except re.error as exc:
            raise KnowledgeError(f"{where} is not a valid regex: {exc}") from exc
        examples: list[tuple[str, str, str]] = []
        for example in raw.get("examples", ()):
            if not isinstance(example, dict) or set(example) != {"text", "concept", "status"}:
                raise KnowledgeError(
                    f"{where}: an example is {{text: ..., concept: ..., status: ...}}, got {example!r}"
                )
            examples.append((str(example["text"]), str(example["concept"]), str(example["status"])))
        return cls(
            id=str(raw["id"]),
            status=status,
            side=side,
            purpose=str(raw.get("purpose", "")),
            pattern=pattern,
            examples=tuple(examples),
        )


@functools.cache
def load_medication_status_rules() -> tuple[MedicationStatusRule, ...]:
    """The medication-status rules in the order they are tried, loaded once per process."""
    raw = _read("medication_status.yaml")
    rules = tuple(MedicationStatusRule.from_dict(item) for item in raw.get("rules", ()))
    if not rules:
        raise KnowledgeError("medication_status.yaml: no rules (the medication reader needs them)")
    return rules


@functools.cache
def _lab_cue_rules() -> dict[str, tuple[ZoneRule, ...]]:
    """Each rule list of ``lab_cues.yaml`` by its key (the file read once)."""
    raw = _read("lab_cues.yaml")
    return {
        key: tuple(ZoneRule.from_dict(item, "lab_cues.yaml") for item in raw.get(key, ()))
        for key in ("pseudo_cues", "pseudo_cues_before", "current_value")
    }


def load_lab_cue_pseudo_rules() -> tuple[ZoneRule, ...]:
    """The rules that tell a cue word labelling a printed range from an interpretation (``lab_cues.yaml``)."""
    return _lab_cue_rules()["pseudo_cues"]


def load_lab_cue_pseudo_before_rules() -> tuple[ZoneRule, ...]:
    """The rules that tell a cue word naming a later result ("returned to normal") by the words before it
    (``lab_cues.yaml`` ``pseudo_cues_before``)."""
    return _lab_cue_rules()["pseudo_cues_before"]


def load_current_value_rules() -> tuple[ZoneRule, ...]:
    """The rules that find the current value of a test given with an earlier one ("eGFR 72 last year,
    now 24"; ``lab_cues.yaml`` ``current_value``)."""
    return _lab_cue_rules()["current_value"]


@dataclass(frozen=True)
class AgeRule:
    """One rule of ``ages.yaml``: an age form beyond the built-in ones, with examples.

    ``source`` is a regex with the placeholders ``{number}``, ``{unit}`` and ``{noun}``; it names
    the groups ``num`` and ``unit``, and ``noun`` unless the age introduces no one.
    """

    id: str
    purpose: str
    source: str
    #: (sentence, the age in years the reader must read from it)
    examples: tuple[tuple[str, float], ...]
    counter_examples: tuple[str, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> AgeRule:
        """Build a rule from its YAML mapping (the pattern's line breaks are removed)."""
        unknown = set(raw) - {"id", "purpose", "pattern", "examples", "not"}
        source = "".join(line.strip() for line in str(raw.get("pattern", "")).splitlines())
        if unknown or not raw.get("id") or not source:
            raise KnowledgeError(
                f"ages.yaml: a rule needs id and pattern, and has no other keys than purpose, examples, not: {raw!r}"
            )
        # a rule without the noun group ("on day 6 of life") gives an age that introduces no one
        if any(f"(?P<{group}>" not in source for group in ("num", "unit")):
            raise KnowledgeError(f"ages.yaml: rule {raw['id']!r} must name the groups num and unit")
        examples: list[tuple[str, float]] = []
        for example in raw.get("examples", ()):
            if not isinstance(example, dict) or set(example) != {"text", "years"}:
                raise KnowledgeError(
                    f"ages.yaml: rule {raw['id']!r}: an example is {{text: ..., years: ...}}, got {example!r}"
                )
            examples.append((str(example["text"]), float(example["years"])))
        return cls(
            id=str(raw["id"]),
            purpose=str(raw.get("purpose", "")),
            source=source,
            examples=tuple(examples),
            counter_examples=tuple(str(e) for e in raw.get("not", ())),
        )


@functools.cache
def load_birth_date_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The labels before a date of birth and before the note's own date (``ages.yaml`` birth_date)."""
    raw = _ages_yaml().get("birth_date") or {}
    return tuple(str(p) for p in raw.get("labels", ())), tuple(str(p) for p in raw.get("reference_labels", ()))


@functools.cache
def _ages_yaml() -> dict[str, Any]:
    """``ages.yaml``, read once per process (its rules and its unit aliases are loaded apart)."""
    return _read("ages.yaml")


@functools.cache
def load_age_rules() -> tuple[AgeRule, ...]:
    """The age rules of ``ages.yaml``, loaded once per process."""
    raw = _ages_yaml()
    return tuple(AgeRule.from_dict(item) for item in raw.get("rules", ()))


@dataclass(frozen=True)
class CarerRules:
    """``ages.yaml`` ``carer_brings_child``: the words between a carer's age and the child's that make
    the child the patient ("A 32-year-old mother brought her 4-month-old son"), and the child nouns."""

    rules: tuple[ZoneRule, ...]
    child_nouns: frozenset[str]


@functools.cache
def load_carer_rules() -> CarerRules:
    """The carer-and-child rules of ``ages.yaml``, loaded once per process."""
    raw = _ages_yaml().get("carer_brings_child") or {}
    return CarerRules(
        rules=tuple(ZoneRule.from_dict(item, "ages.yaml") for item in raw.get("rules", ())),
        child_nouns=frozenset(str(noun).lower() for noun in raw.get("child_nouns", ())),
    )


@functools.cache
def load_age_unit_aliases() -> dict[str, str]:
    """The units an age rule's ``unit`` group names by another word (``ages.yaml`` ``unit_aliases``)."""
    raw = _ages_yaml()
    return {str(k).lower(): str(v).lower() for k, v in (raw.get("unit_aliases") or {}).items()}


@dataclass(frozen=True)
class HistologyFindingRule:
    """One rule of ``histology_findings.yaml``: words of a histology sentence that give a feature."""

    id: str
    purpose: str
    concept: str
    pattern: re.Pattern[str]
    hedges: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    #: the rule reads a negative result ("von Kossa staining was negative"): negation words are its own
    absence: bool = False
    #: words anywhere in the match's clause that cancel it ("no calcification on von Kossa stain")
    clause_cancels: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> HistologyFindingRule:
        """Build a rule from its YAML mapping (the pattern's line breaks are removed)."""
        keys = {"id", "purpose", "concept", "pattern", "hedges", "examples", "not", "absence", "clause_cancels"}
        if set(raw) - keys or not raw.get("id") or not raw.get("pattern") or not raw.get("concept"):
            raise KnowledgeError(
                "histology_findings.yaml: a rule needs id, concept and pattern, and has no other keys than "
                f"purpose, hedges, absence, clause_cancels, examples, not: {raw!r}"
            )
        return cls(
            id=str(raw["id"]),
            purpose=str(raw.get("purpose", "")),
            concept=str(raw["concept"]),
            pattern=_compile_histology(raw["id"], "".join(line.strip() for line in str(raw["pattern"]).splitlines())),
            hedges=tuple(_compile_histology(raw["id"], str(h)) for h in raw.get("hedges", ())),
            examples=tuple(str(e) for e in raw.get("examples", ())),
            counter_examples=tuple(str(e) for e in raw.get("not", ())),
            absence=bool(raw.get("absence", False)),
            clause_cancels=tuple(_compile_histology(raw["id"], str(c)) for c in raw.get("clause_cancels", ())),
        )


@dataclass(frozen=True)
class HistologyFindingRules:
    """The rules of ``histology_findings.yaml`` with the cues that cancel a match."""

    rules: tuple[HistologyFindingRule, ...]
    negations: tuple[re.Pattern[str], ...]
    plans: tuple[re.Pattern[str], ...]
    window: int
    #: the next sentence of a biopsy report that is still about the tissue (None: no such rule)
    continuation: re.Pattern[str] | None = None
    continuation_examples: tuple[str, ...] = ()
    continuation_counter_examples: tuple[str, ...] = ()

    def concepts(self, text: str) -> list[tuple[str, str, int, int]]:
        """(concept, rule id, start, end) of each rule that matches ``text`` and is not cancelled.

        A finding inside the words of an absence the text reports ("no vasculitis, thrombosis or
        calcium deposits") is that absence's, not a finding of its own.
        """
        absent = [
            match.span()
            for rule in self.rules
            if rule.absence
            for match in rule.pattern.finditer(text)
            if self._kept(rule, match, text)
        ]
        found: list[tuple[str, str, int, int]] = []
        for rule in self.rules:
            for match in rule.pattern.finditer(text):
                if not self._kept(rule, match, text):
                    continue
                if not rule.absence and any(lo <= match.start() and match.end() <= hi for lo, hi in absent):
                    continue
                found.append((rule.concept, rule.id, match.start(), match.end()))
                break
        return found

    def _kept(self, rule: HistologyFindingRule, match: re.Match[str], text: str) -> bool:
        """Whether ``match`` of ``rule`` stands: no plan, negation (but the rule's own), clause cancel or hedge."""
        before = re.split(r"[,;:]", text[max(0, match.start() - self.window) : match.start()])[-1]
        inside = match.group()
        if any(p.search(before) for p in self.plans):
            return False
        if not rule.absence and any(n.search(before) or n.search(inside) for n in self.negations):
            return False
        if rule.clause_cancels and any(c.search(_clause(text, match)) for c in rule.clause_cancels):
            return False
        return not any(h.search(inside) for h in rule.hedges)


def _clause(text: str, match: re.Match[str]) -> str:
    """The clause of ``text`` (between semicolons) that holds ``match``."""
    start = text.rfind(";", 0, match.start()) + 1
    end = text.find(";", match.end())
    return text[start : end if end >= 0 else len(text)]


def _compile_histology(rule_id: object, source: str) -> re.Pattern[str]:
    try:
        return compile_gated(source, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"histology_findings.yaml: rule {rule_id!r}: not a valid regex: {exc}") from exc


@functools.cache
def load_histology_finding_rules() -> HistologyFindingRules:
    """The rules that read a feature from a histology sentence's words, loaded once per process."""
    raw = _read("histology_findings.yaml")
    follow = raw.get("continuation") or {}
    follow_source = "".join(line.strip() for line in str(follow.get("pattern", "")).splitlines())
    return HistologyFindingRules(
        continuation=_compile_histology(follow.get("id", "continuation"), follow_source) if follow_source else None,
        continuation_examples=tuple(str(e) for e in follow.get("examples", ())),
        continuation_counter_examples=tuple(str(e) for e in follow.get("not", ())),
        rules=tuple(HistologyFindingRule.from_dict(item) for item in raw.get("rules", ())),
        negations=tuple(_compile_histology("negations", str(n)) for n in raw.get("negations", ())),
        plans=tuple(_compile_histology("plans", str(p)) for p in raw.get("plans", ())),
        window=int(raw.get("negation_window", 40)),
    )
