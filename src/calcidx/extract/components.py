"""Every spaCy pipeline component of the extractor (``calcidx_*`` factories), in one module.

Components run on a ``spacy.blank("en")`` tokenizer and write plain Python records into
``doc.user_data`` (keys ``calcidx.*``); most work is regex over ``doc.text`` and a PhraseMatcher
on the LOWER attribute, so per-token Python work stays minimal.
"""

# No ``from __future__ import annotations`` here: spaCy's factory registry validates the factory
# signatures with pydantic at run time and needs real (not string) annotations.
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from calcidx.extract.abbreviations import abbreviation_mentions, find_abbreviations
from calcidx.extract.assertion import find_triggers
from calcidx.extract.demographics import find_ages
from calcidx.extract.labs_text import LabPatterns
from calcidx.extract.rules import load_rules
from calcidx.extract.sections import analyse_layout
from calcidx.extract.vocabulary import Vocabulary, default_vocabulary

__all__ = ["Mention", "StateHit", "register_vocabulary"]

LAYOUT = "calcidx.layout"
MENTIONS = "calcidx.mentions"
TRIGGERS = "calcidx.triggers"
AGES = "calcidx.ages"
CUES = "calcidx.cues"
STATES = "calcidx.states"
ABBREVIATIONS = "calcidx.abbreviations"

TEXT = "calcidx.text"

_VOCABULARIES: dict[str, Vocabulary] = {}


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return str(text)


def register_vocabulary(vocabulary: Vocabulary) -> str:
    """Make ``vocabulary`` available to ``calcidx_concepts`` under its name; returns the name."""
    _VOCABULARIES[vocabulary.name] = vocabulary
    return vocabulary.name


def _vocabulary(name: str) -> Vocabulary:
    if name == "default":
        return default_vocabulary()
    if name not in _VOCABULARIES:
        raise KeyError(f"vocabulary {name!r} is not registered; call register_vocabulary() first")
    return _VOCABULARIES[name]


@dataclass(frozen=True)
class Mention:
    """A vocabulary term or body site found in the text (character offsets)."""

    start: int
    end: int
    text: str
    keys: tuple[tuple[str, str], ...]

    @property
    def is_site(self) -> bool:
        """Whether this is an anatomical site rather than a knowledge item."""
        return self.keys[0][0] == "site"


@dataclass(frozen=True)
class StateHit:
    """A word such as "hypercalcaemia" stating an analyte's interpretation."""

    start: int
    end: int
    text: str
    analyte: str
    interpretation: str


class LayoutComponent:
    """Sections, captions and sentences (see ``sections.analyse_layout``)."""

    def __init__(self) -> None:
        self.rules = load_rules()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[LAYOUT] = analyse_layout(doc_text(doc), self.rules)
        return doc


class ConceptComponent:
    """Vocabulary terms and body sites by a PhraseMatcher on LOWER; longest match wins."""

    def __init__(self, nlp: Language, vocabulary: str) -> None:
        self.vocab_name = vocabulary
        self.nlp = nlp
        self.matcher: PhraseMatcher | None = None
        self.exact: PhraseMatcher | None = None
        self.vocabulary: Vocabulary | None = None

    def _ensure(self) -> tuple[PhraseMatcher, Vocabulary]:
        if self.matcher is None or self.vocabulary is None:
            vocabulary = _vocabulary(self.vocab_name)
            matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
            tokenizer = self.nlp.tokenizer
            for form in vocabulary.forms:
                matcher.add(form, [tokenizer(form)])
            for form in vocabulary.exact_forms:
                exact.add("exact::" + form, [tokenizer(form)])
            for site in load_rules().sites:
                matcher.add("site::" + site, [tokenizer(site)])
            self.matcher, self.exact, self.vocabulary = matcher, exact, vocabulary
        return self.matcher, self.vocabulary

    def __call__(self, doc: Doc) -> Doc:
        matcher, vocabulary = self._ensure()
        strings = doc.vocab.strings
        text = doc_text(doc)
        found = matcher(doc)
        if self.exact is not None and vocabulary.exact_forms:
            found.extend(self.exact(doc))
        raw = sorted(found, key=lambda m: (m[1], -(m[2] - m[1])))
        mentions: list[Mention] = []
        last_end = -1
        lab_end = -1
        for match_id, start, end in raw:
            key = strings[match_id]
            if key.startswith("site::"):
                keys: tuple[tuple[str, str], ...] = (("site", key[6:]),)
            elif key.startswith("exact::"):
                keys = tuple(vocabulary.exact_forms.get(key[7:], ()))
            else:
                keys = tuple(vocabulary.forms.get(key, ()))
            if not keys:
                continue
            if start < last_end:
                # a lab name inside a longer term ("raised serum uric acid") is still a lab mention
                labs = tuple(k for k in keys if k[0] == "analyte")
                if not labs or start < lab_end:
                    continue
                keys = labs
            else:
                last_end = end
            if any(k[0] == "analyte" for k in keys):
                lab_end = end
            start_char = doc[start].idx
            end_tok = doc[end - 1]
            end_char = end_tok.idx + len(end_tok.text)
            mentions.append(Mention(start_char, end_char, text[start_char:end_char], keys))
        abbreviations = doc.user_data[ABBREVIATIONS] = find_abbreviations(text)
        mentions.extend(abbreviation_mentions(text, mentions, Mention, abbreviations))
        mentions.sort(key=lambda m: m.start)
        doc.user_data[MENTIONS] = mentions
        return doc


class ContextComponent:
    """ConText triggers over the whole text (one regex pass)."""

    def __init__(self) -> None:
        self.rules = load_rules()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[TRIGGERS] = find_triggers(doc_text(doc), self.rules)
        return doc


class LabCueComponent:
    """Lab interpretation cues and hyper-/hypo- state words."""

    def __init__(self) -> None:
        self.patterns = LabPatterns(load_rules())

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc.user_data[CUES] = self.patterns.cues(text)
        states: list[StateHit] = []
        for match in self.patterns.states.finditer(text):
            _, analyte, interpretation = self.patterns.state_words[(match.lastindex or 1) - 1]
            states.append(StateHit(match.start(), match.end(), match.group(), analyte, interpretation))
        doc.user_data[STATES] = states
        return doc


class DemographicsComponent:
    """Age statements in every form reports use."""

    def __init__(self) -> None:
        self.rules = load_rules()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[AGES] = find_ages(doc_text(doc), self.rules)
        return doc


@Language.factory("calcidx_layout", assigns=["doc.user_data"])
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    """Sections, captions and sentences."""
    return LayoutComponent()


@Language.factory("calcidx_concepts", default_config={"vocabulary": "default"}, assigns=["doc.user_data"])
def make_concepts(nlp: Language, name: str, *, vocabulary: str) -> ConceptComponent:
    """Knowledge-base terms and body sites (``vocabulary`` names a registered Vocabulary)."""
    return ConceptComponent(nlp, vocabulary)


@Language.factory("calcidx_context", assigns=["doc.user_data"])
def make_context(nlp: Language, name: str) -> ContextComponent:
    """Assertion triggers (negation, uncertainty, hypothetical, history, family)."""
    return ContextComponent()


@Language.factory("calcidx_lab_cues", assigns=["doc.user_data"])
def make_lab_cues(nlp: Language, name: str) -> LabCueComponent:
    """Lab interpretation cues and state words."""
    return LabCueComponent()


@Language.factory("calcidx_demographics", assigns=["doc.user_data"])
def make_demographics(nlp: Language, name: str) -> DemographicsComponent:
    """Ages."""
    return DemographicsComponent()


def user_data(doc: Doc, key: str) -> Any:
    """A record a component stored on ``doc``."""
    return doc.user_data[key]
