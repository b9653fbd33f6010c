"""Every spaCy pipeline component of the extractor (``calcidx_*`` factories), in one module.

Components run on a ``spacy.blank("en")`` tokenizer. Each declares what it ``assigns`` and
``requires`` (``nlp.analyze_pipes()`` checks the order):

- ``calcidx_layout``: sentence starts (``token.is_sent_start``), ``doc.spans["sections"]`` (label =
  section category) and the ``Layout`` record.
- ``calcidx_demographics``: age statements.
- ``calcidx_concepts``: ``doc.spans["concepts"]``, each span with ``._.calcidx_keys`` (the concept
  ids it names).
- ``calcidx_context``: ConText triggers; sets ``._.calcidx_assertion`` and ``._.calcidx_trigger``
  on every concept span.
- ``calcidx_lab_cues``: lab interpretation cues and hyper-/hypo- state words.
- ``calcidx_patients``: ``doc.spans["patient_zones"]``: one span per sentence, with
  ``._.calcidx_zone`` (why it was kept or dropped) and ``._.calcidx_patient`` (its patient's
  number, or None); the compiled field-reader patterns live on this component.

Every compiled pattern lives on its component instance (no module-level caches). Plain Python
records for the case builder are also kept in ``doc.user_data`` (keys ``calcidx.*``), so the
per-token Python work stays minimal.
"""

# No ``from __future__ import annotations`` here: spaCy's factory registry validates the factory
# signatures with pydantic at run time and needs real (not string) annotations.
import re
from bisect import bisect_right
from typing import Any, cast

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from calcidx.extract.abbreviations import abbreviation_mentions, find_abbreviations
from calcidx.extract.assertion import ContextPatterns, TriggerIndex, find_triggers, own_triggers, trigger_types
from calcidx.extract.demographics import AgeFinder
from calcidx.extract.labs_text import LabPatterns
from calcidx.extract.patients import Mode, Patients, split_patients
from calcidx.extract.prefilter import fold, requirement
from calcidx.extract.records import Mention, StateHit
from calcidx.extract.rules import AmbiguousName, Rules, load_concept_patterns, load_rules, load_zone_rules
from calcidx.extract.sections import Layout, analyse_layout, header_regex, one_case
from calcidx.extract.vocabulary import Table, Vocabulary, default_vocabulary, spelling_variants

__all__ = ["Mention", "PatientsComponent", "StateHit", "register_vocabulary"]

LAYOUT = "calcidx.layout"
MENTIONS = "calcidx.mentions"
TRIGGERS = "calcidx.triggers"
AGES = "calcidx.ages"
CUES = "calcidx.cues"
STATES = "calcidx.states"
ABBREVIATIONS = "calcidx.abbreviations"
ASSERTIONS = "calcidx.assertions"
PATIENTS = "calcidx.patients"
CASE_PATTERNS = "calcidx.case_patterns"
MODE = "calcidx.mode"

for _name in ("calcidx_keys", "calcidx_assertion", "calcidx_trigger", "calcidx_zone", "calcidx_patient"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

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


class LayoutComponent:
    """Sections, captions and sentences (see ``sections.analyse_layout``)."""

    def __init__(self) -> None:
        self.rules = load_rules()
        self.headers_re = header_regex(self.rules.section_headers)

    def __call__(self, doc: Doc) -> Doc:
        layout = doc.user_data[LAYOUT] = analyse_layout(doc_text(doc), self.rules, self.headers_re)
        starts = {s.start for s in layout.sentences}
        # one array write: setting token.is_sent_start one token at a time re-checks the whole
        # Doc for each token (quadratic on a long text)
        if len(doc):
            offsets = doc.to_array([IDX])  # ascending
            wanted = numpy.fromiter(sorted(starts), dtype=offsets.dtype, count=len(starts))
            where = numpy.searchsorted(offsets, wanted)
            where = where[where < len(offsets)]
            flags = numpy.full(len(offsets), -1, dtype="int64")
            flags[where[offsets[where] == wanted[: len(where)]]] = 1
            flags[0] = 1
            flags = flags.astype("int64").astype("uint64")
            doc.from_array([SENT_START], cast(Any, flags.reshape(-1, 1)))
        doc.spans["sections"] = [
            span
            for section in layout.sections
            if (span := doc.char_span(section.start, section.end, label=section.category, alignment_mode="expand"))
            is not None
        ]
        return doc


class ConceptComponent:
    """Vocabulary terms and body sites by a PhraseMatcher on LOWER; longest match wins."""

    def __init__(self, nlp: Language, vocabulary: str) -> None:
        self.vocab_name = vocabulary
        self.nlp = nlp
        rules = load_rules()
        self.site_parts = rules.site_parts
        self.resemblance = rules.resemblance_suffixes
        self.concept_patterns = load_concept_patterns()
        lateral = "|".join(re.escape(w) for w in sorted(rules.laterality, key=len, reverse=True))
        self.part_link = re.compile(rf"\s+of\s+(?:(?:the|her|his|their|a|an|{lateral})\s+)*", re.IGNORECASE)
        self.matcher: PhraseMatcher | None = None
        self.exact: PhraseMatcher | None = None
        #: the case-bound abbreviations in any case, for a text written in one case
        self.exact_any_case: PhraseMatcher | None = None
        self.measure_words = rules.measure_words
        self.ambiguous = rules.ambiguous_condition_names
        self.vocabulary: Vocabulary | None = None
        self.coordinated: _Coordinated | None = None
        #: the lab letters and case-bound test names for a text written in one case (built with the matchers)
        self.lab_letters_any_case: dict[str, list[tuple[Table, str]]] = {}

    def _ensure(self) -> tuple[PhraseMatcher, Vocabulary]:
        if self.matcher is None or self.vocabulary is None:
            vocabulary = _vocabulary(self.vocab_name)
            matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
            tokenizer = self.nlp.tokenizer
            for form in vocabulary.forms:
                matcher.add(form, [tokenizer(form)])
            rules = load_rules()
            any_case = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            # in a one-case text, the test letters and the case-bound test names ("Ca") are read as lab
            # letters (inside a list of results), keyed in upper case
            letters = {k.upper(): list(v) for k, v in vocabulary.lab_letters.items()}
            for form, keys in vocabulary.exact_forms.items():
                exact.add("exact::" + form, [tokenizer(form)])
                if form.lower() not in rules.case_bound_abbreviations:
                    any_case.add("exact::" + form, [tokenizer(form)])
                elif tests := [key for key in keys if key[0] == "analyte"]:
                    known = letters.setdefault(form.upper(), [])
                    known.extend(t for t in tests if t not in known)
            self.exact_any_case = any_case
            self.lab_letters_any_case = letters
            for site in rules.sites:
                matcher.add("site::" + site, [tokenizer(site)])
            for phrase in rules.not_concepts:
                for form in spelling_variants(phrase):
                    matcher.add("block::" + form, [tokenizer(form)])
            coordinated = _Coordinated(vocabulary, rules)
            for noun in coordinated.nouns:
                matcher.add("noun::" + noun, [tokenizer(noun)])
            self.matcher, self.exact, self.vocabulary = matcher, exact, vocabulary
            self.coordinated = coordinated
        return self.matcher, self.vocabulary

    def _pattern_mentions(self, text: str) -> list[Mention]:
        """The mentions of ``concept_patterns.yaml``: concepts named in words that are no fixed phrase."""
        found: list[Mention] = []
        folded: str | None = None
        for pattern in self.concept_patterns:
            needed = requirement(pattern.rule.pattern)
            if needed.clauses:
                folded = fold(text) if folded is None else folded
                if not needed.admits(folded):
                    continue
            keys = ((pattern.table, pattern.concept),)
            found.extend(Mention(s, e, text[s:e], keys) for s, e in pattern.mention_spans(text))
        return found

    def _likeness(self, doc: Doc, end: int) -> bool:
        """Whether the term ending before token ``end`` is joined by a hyphen to a resemblance suffix
        ("cellulitis-like", "milia-like": ``lexicon.yaml`` ``resemblance_suffixes``)."""
        return (
            end + 1 < len(doc)
            and not doc[end - 1].whitespace_
            and doc[end].text in ("-", "\u2013")
            and not doc[end].whitespace_
            and doc[end + 1].lower_ in self.resemblance
        )

    def _measure(self, doc: Doc, key: str, start: int) -> bool:
        """Whether the abbreviation at ``start`` is a measure word used as a unit ("5 MM", "three-mm", "MM/HR")."""
        if key[7:].lower() not in self.measure_words:
            return False
        at = start - 1
        if at > 0 and doc[at].text in ("-", "\u2013"):
            at -= 1  # "4-MM"
        number = at >= 0 and (doc[at].like_num or any(c.isdigit() for c in doc[at].text))
        return number or (start + 1 < len(doc) and doc[start + 1].text.startswith("/"))

    def __call__(self, doc: Doc) -> Doc:
        matcher, vocabulary = self._ensure()
        strings = doc.vocab.strings
        text = doc_text(doc)
        found = matcher(doc)
        if vocabulary.exact_forms:
            # in a text written in one case, case says nothing: "CKD" is "ckd" in a lower-case note
            exact = self.exact_any_case if one_case(text) else self.exact
            if exact is not None:
                found.extend(match for match in exact(doc) if not self._measure(doc, strings[match[0]], match[1]))
        raw = _without_overlapped(sorted(found, key=lambda m: (m[1], -(m[2] - m[1]))), strings)
        mentions: list[Mention] = []
        last_end = -1
        lab_end = -1
        nouns: list[int] = []
        for match_id, start, end in raw:
            key = strings[match_id]
            if key.startswith("noun::"):
                nouns.append(start)  # a lesion noun: where a term may end after other adjectives
                continue
            if key.startswith("block::"):
                # a name that holds a vocabulary word but means something else: no mention, and the
                # words inside it are not read on their own
                last_end = max(last_end, end)
                continue
            if key.startswith("site::"):
                keys: tuple[tuple[str, str], ...] = (("site", key[6:]),)
            elif key.startswith("exact::"):
                keys = tuple(vocabulary.exact_forms.get(key[7:], ()))
            else:
                keys = tuple(vocabulary.forms.get(key, ()))
            if not keys:
                continue
            if self._likeness(doc, end):
                last_end = max(last_end, end)  # "cellulitis-like plaques": a look, not the thing
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
        if self.coordinated is not None and nouns:
            # a chained term inside the same term the phrase matcher read ("yellowish-white nodules") adds nothing
            read = [(m.start, m.end, m.keys) for m in mentions]
            mentions.extend(
                m
                for m in self.coordinated.mentions(doc, nouns)
                if not any(lo <= m.start and m.end <= hi and m.keys == keys for lo, hi, keys in read)
            )
        abbreviations = doc.user_data[ABBREVIATIONS] = find_abbreviations(text)
        mentions.extend(abbreviation_mentions(text, mentions, Mention, abbreviations))
        mentions.extend(self._pattern_mentions(text))
        mentions.sort(key=lambda m: m.start)
        if self.ambiguous:
            mentions = _resolved(text, mentions, self.ambiguous)
        if vocabulary.lab_letters:
            if one_case(text):
                # case says nothing here: "p 5.1" is a result, and so is a case-bound test name ("ca 10.8"),
                # both only inside a list of results
                mentions = lab_letter_mentions(text, mentions, self.lab_letters_any_case, any_case=True)
            else:
                mentions = lab_letter_mentions(text, mentions, vocabulary.lab_letters)
        mentions = _without_site_parts(text, mentions, self.site_parts, self.part_link)
        doc.user_data[MENTIONS] = mentions
        spans = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                span._.calcidx_keys = mention.keys
                spans.append(span)
        doc.spans["concepts"] = spans
        return doc


def _resolved(text: str, mentions: list[Mention], names: dict[str, AmbiguousName]) -> list[Mention]:
    """``mentions`` with a shared short name read as the other condition where the words around it
    point there and none keeps its own reading ("70F, DM, HTN, ESRD on HD": diabetes, not
    dermatomyositis; ``lexicon.yaml`` ``ambiguous_condition_names``)."""
    out = []
    for mention in mentions:
        name = names.get(mention.text)
        if name is not None and any(table == "condition" for table, _ in mention.keys):
            around = text[max(0, mention.start - name.window) : mention.end + name.window].lower()
            if name.other_cues.search(around) and not name.own_cues.search(around):
                mention = Mention(mention.start, mention.end, mention.text, (("condition", name.other),))
        out.append(mention)
    return out


def _without_overlapped(raw: list[tuple[int, int, int]], strings: Any) -> list[tuple[int, int, int]]:
    """``raw`` (sorted by start, longest first) without a term that a longer term starting inside it
    runs past: in "papules within the scars of a previous herpes zoster" the longer "scars of a
    previous herpes zoster" is read, not "within the scars" (lesion nouns are no terms)."""
    out = []
    for index, (match_id, start, end) in enumerate(raw):
        overlapped = False
        if not strings[match_id].startswith("noun::"):
            for later_id, later_start, later_end in raw[index + 1 :]:
                if later_start >= end:
                    break
                if (
                    later_start > start
                    and later_end > end
                    and later_end - later_start > end - start
                    and not strings[later_id].startswith("noun::")
                ):
                    overlapped = True
                    break
        if not overlapped:
            out.append((match_id, start, end))
    return out


#: a result after a test's name, up to the separator before the next test: "9.1", "11.9 (H)",
#: "2.1 mmol/L", ": 3.2", "= 7.4 mg/dL [2.5-4.5]"
_RESULT = r"\s*[:=]?\s*[<>≤≥]?\s*\d[\d.,]*\s*(?:[^\s\d,;()\[\]]{1,12}\s*)?(?:[(\[][^()\[\]]{0,15}[)\]]\s*)?"
_RESULT_THEN_NEXT = re.compile(_RESULT + r"[,;/]\s*(?:and\s+)?", re.IGNORECASE)
_LETTER = re.compile(r"(?<![\w.])([A-Z])(?=\s*[:=]?\s*[<>≤≥]?\s*\d)")
#: ... in a text written in one case: a letter of either case, or a case-bound two-letter test name ("ca")
_LETTER_ANY_CASE = re.compile(r"(?<![\w.])([A-Za-z]{1,2})(?=\s*[:=]?\s*[<>≤≥]?\s*\d)")


def lab_letter_mentions(
    text: str, mentions: list[Mention], letters: dict[str, list[tuple[Table, str]]], *, any_case: bool = False
) -> list[Mention]:
    """``mentions`` with the one-letter test names ("P" for phosphate) that stand in a list of
    results, right after another test's result or right before another test: "Ca 9.1, P 3.2",
    "P 8.1 (H), PTH 1200 (H)". Alone, such a letter is a probability, a patient or a page.

    ``any_case``: a text written in one case, whose ``letters`` are keyed in upper case and may hold a
    case-bound two-letter name ("CA"); a name found counts as a test for the names before it ("ca
    10.8, p 5.1, cr 0.7": "p" stands before "cr", then "ca" before "p").
    """
    labs = [m for m in mentions if any(k[0] == "analyte" for k in m.keys)]
    if not labs:
        return mentions
    ends = [m.end for m in labs]
    found: list[Mention] = []
    pattern = _LETTER_ANY_CASE if any_case else _LETTER
    candidates = list(pattern.finditer(text))
    for match in reversed(candidates) if any_case else candidates:
        keys = letters.get(match.group(1).upper() if any_case else match.group(1))
        if not keys:
            continue
        start, end = match.span(1)
        before = bisect_right(ends, start) - 1
        after = before + 1
        listed = (before >= 0 and _RESULT_THEN_NEXT.fullmatch(text, labs[before].end, start) is not None) or (
            after < len(labs) and _RESULT_THEN_NEXT.fullmatch(text, end, labs[after].start) is not None
        )
        if listed:
            mention = Mention(start, end, text[start:end], tuple(keys))
            found.append(mention)
            if any_case:
                labs.insert(after, mention)
                ends.insert(after, end)
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


class _Coordinated:
    """Two-word lesion terms of the vocabulary ("painful nodules") told with morphology or colour
    words, commas, "and", sides and one-word body sites between their words ("painful, hard, red
    nodules", "necrotic thigh ulcers", "firm left elbow nodules")."""

    def __init__(self, vocabulary: Vocabulary, rules: Rules) -> None:
        words = [form.split() for form in vocabulary.forms]
        self.nouns = frozenset(w[1] for w in words if len(w) == 2 and w[1] in rules.lesion_words)
        places = [w for w in (*rules.sites, *rules.laterality) if " " not in w and "-" not in w]
        self.places = frozenset(places)
        self.between = frozenset({",", "and", *rules.morphology_words, *rules.lesion_chain_words, *places})
        self.symptoms = rules.lesion_chain_symptom_words
        self.forms = vocabulary.forms

    def mentions(self, doc: Doc, nouns: list[int]) -> list[Mention]:
        """A mention of the term for each lesion noun (token index in ``nouns``) that words of
        ``between`` separate from the term's first word; the leftmost first word wins, and a later
        first word with only body sites after it is read too ("painful necrotic thigh ulcers" are
        painful ulcers and necrotic ulcers; "firm, white, painless papules" are no white papules)."""
        text = doc_text(doc)
        found: list[Mention] = []
        for index in nouns:
            chain = index
            while chain > 0 and index - chain < 12:
                word_start = _hyphenated_start(doc, chain - 1)
                if doc[word_start:chain].text.lower() not in self.between:
                    break
                chain = word_start
            if chain == index:
                continue  # nothing between: the phrase matcher reads the plain term
            for first_index in range(max(chain - 1, 0), index - 1):
                term = self._term(doc, text, first_index, index)
                if term is not None:
                    found.append(term)
                    found.extend(self._nearer_term(doc, text, first_index + 1, index))
                    found.extend(self._symptom_terms(doc, text, first_index + 1, index, found))
                    break
        return found

    def _symptom_terms(self, doc: Doc, text: str, lo: int, index: int, found: list[Mention]) -> list[Mention]:
        """The terms a symptom word between ``lo`` and the noun at ``index`` opens ("painful" in
        "indurated, extremely painful violaceous plaques"), unless already read."""
        terms: list[Mention] = []
        for first_index in range(lo, index - 1):
            if doc[first_index].lower_ in self.symptoms:
                term = self._term(doc, text, first_index, index)
                if term is not None and all(m.start != term.start for m in found):
                    terms.append(term)
        return terms

    def _term(self, doc: Doc, text: str, first_index: int, index: int) -> Mention | None:
        """The vocabulary term made of the word at ``first_index`` and the noun at ``index``, if any."""
        first, noun = doc[first_index], doc[index]
        keys = self.forms.get(f"{first.lower_} {noun.lower_}")
        if not keys:
            return None
        start, end = first.idx, noun.idx + len(noun.text)
        return Mention(start, end, text[start:end], tuple(keys))

    def _nearer_term(self, doc: Doc, text: str, lo: int, index: int) -> list[Mention]:
        """The term whose first word, between ``lo`` and the noun at ``index``, has only body sites
        after it ("necrotic" in "painful necrotic thigh ulcers"): none or one."""
        for first_index in range(lo, index):
            if all(doc[i].lower_ in self.places for i in range(first_index + 1, index)):
                term = self._term(doc, text, first_index, index)
                if term is not None:
                    return [term]
        return []


def _hyphenated_start(doc: Doc, last: int) -> int:
    """The first token of the word ending at token ``last``: a hyphenated word the tokenizer split
    ("punched", "-", "out") is one word when no space stands around its hyphens."""
    start = last
    while start >= 2 and doc[start - 1].text == "-" and not (doc[start - 1].whitespace_ or doc[start - 2].whitespace_):
        start -= 2
    return start


def _without_site_parts(
    text: str, mentions: list[Mention], parts: frozenset[str], link: re.Pattern[str]
) -> list[Mention]:
    """``mentions`` less the site words that name a part of the site after them: in "the back of
    her right hand" the site is the hand (``anatomy.yaml`` ``site_parts``)."""
    if not parts:
        return mentions
    dropped: set[int] = set()
    for index, mention in enumerate(mentions):
        if not mention.is_site or mention.text.lower() not in parts:
            continue
        after = link.match(text, mention.end)
        if after is None:
            continue
        following = next((m for m in mentions[index + 1 :] if m.start >= after.end()), None)
        if following is not None and following.is_site and following.start == after.end():
            dropped.add(index)
    return [m for i, m in enumerate(mentions) if i not in dropped] if dropped else mentions


#: Most sentences a family-history header's text may hold.
_FAMILY_BLOCK_SENTENCES = 4


class ContextComponent:
    """ConText: triggers over the whole text (one regex pass), then each concept's assertion."""

    def __init__(self) -> None:
        self.rules = load_rules()
        self.patterns = ContextPatterns(self.rules)
        self.family_header = self.rules.scope_rules["family_history_header"].pattern
        self.family_end = self.rules.scope_rules["family_block_end"].pattern

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        concept_spans = sorted((span.start_char, span.end_char) for span in doc.spans["concepts"])
        hits = own_triggers(find_triggers(text, self.rules, self.patterns), concept_spans)
        layout: Layout = doc.user_data[LAYOUT]
        index = TriggerIndex(text, hits, self.patterns, family_blocks=self._family_blocks(layout))
        doc.user_data[TRIGGERS] = index
        starts = [s.start for s in layout.sentences]
        assertions: dict[tuple[int, int], tuple[str, str | None]] = {}
        for span in doc.spans["concepts"]:
            start, end = span.start_char, span.end_char
            i = bisect_right(starts, start) - 1
            if i >= 0 and layout.sentences[i].end >= end:
                sent_start, sent_end = layout.sentences[i].start, layout.sentences[i].end
            else:
                sent_start, sent_end = start, end
            ext = span._  # each ``span._`` builds a new accessor: one per span
            status, trigger = index.status(start, end, sent_start, sent_end, trigger_types(ext.calcidx_keys or ()))
            ext.calcidx_assertion = status
            ext.calcidx_trigger = trigger
            assertions[(start, end)] = (status, trigger)
        doc.user_data[ASSERTIONS] = assertions
        return doc

    def _family_blocks(self, layout: Layout) -> list[tuple[int, int, str]]:
        """(start, end, header) of the text each family-history header heads: the sentences of the
        line after it (its own line, or the next one for a header on a line of its own), up to the
        next header or a sentence about the patient again (``family_block_end``)."""
        blocks: list[tuple[int, int, str]] = []
        sentences = layout.sentences
        for i, sentence in enumerate(sentences):
            if sentence.header is None or not self.family_header.search(sentence.header):
                continue
            body = sentences[i + 1 : i + 1 + _FAMILY_BLOCK_SENTENCES]
            end = None
            for nxt in body:
                if nxt.header is not None or nxt.paragraph != body[0].paragraph or self.family_end.match(nxt.text):
                    break
                end = nxt.end
            if end is not None:
                blocks.append((sentence.end, end, sentence.text.strip().rstrip(":").strip()))
        return blocks


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
        self.find = AgeFinder(load_rules())

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[AGES] = self.find(doc_text(doc))
        return doc


class PatientsComponent:
    """The patients' sentences (zones, with the reason for each) and the field-reader patterns."""

    def __init__(self) -> None:
        # imported here: cases -> diagnosis -> components (Mention) would otherwise be circular
        from calcidx.extract.cases import CasePatterns

        self.rules = load_zone_rules()
        self.case_patterns = CasePatterns(load_rules())

    def __call__(self, doc: Doc) -> Doc:
        mode = cast(Mode, doc.user_data.get(MODE, "auto"))
        concepts = sorted(span.start_char for span in doc.spans.get("concepts", ()))
        found: Patients = split_patients(
            doc.user_data[LAYOUT], doc.user_data[AGES], self.rules, mode=mode, concepts=concepts
        )
        doc.user_data[PATIENTS] = found
        doc.user_data[CASE_PATTERNS] = self.case_patterns
        owner = {s.start: p.index for p in found.patients for s in p.sentences}
        spans = []
        for decision in found.trace:
            span = doc.char_span(decision.sentence.start, decision.sentence.end, alignment_mode="expand")
            if span is None:
                continue
            ext = span._
            ext.calcidx_zone = ("kept: " if decision.kept else "dropped: ") + decision.reason
            ext.calcidx_patient = owner.get(decision.sentence.start)
            spans.append(span)
        doc.spans["patient_zones"] = spans
        return doc


@Language.factory("calcidx_layout", assigns=["doc.user_data", "doc.spans", "token.is_sent_start"])
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    """Sections, captions and sentences."""
    return LayoutComponent()


@Language.factory(
    "calcidx_concepts",
    default_config={"vocabulary": "default"},
    assigns=["doc.user_data", "doc.spans", "span._.calcidx_keys"],
)
def make_concepts(nlp: Language, name: str, *, vocabulary: str) -> ConceptComponent:
    """Knowledge-base terms and body sites (``vocabulary`` names a registered Vocabulary)."""
    return ConceptComponent(nlp, vocabulary)


@Language.factory(
    "calcidx_context",
    assigns=["doc.user_data", "span._.calcidx_assertion", "span._.calcidx_trigger"],
    requires=["doc.spans", "token.is_sent_start", "span._.calcidx_keys"],
)
def make_context(nlp: Language, name: str) -> ContextComponent:
    """Assertion triggers (negation, uncertainty, hypothetical, history, family)."""
    return ContextComponent()


@Language.factory("calcidx_lab_cues", assigns=["doc.user_data"], requires=["token.is_sent_start"])
def make_lab_cues(nlp: Language, name: str) -> LabCueComponent:
    """Lab interpretation cues and state words."""
    return LabCueComponent()


@Language.factory("calcidx_demographics", assigns=["doc.user_data"], requires=["token.is_sent_start"])
def make_demographics(nlp: Language, name: str) -> DemographicsComponent:
    """Ages."""
    return DemographicsComponent()


@Language.factory(
    "calcidx_patients",
    assigns=["doc.user_data", "doc.spans", "span._.calcidx_zone", "span._.calcidx_patient"],
    requires=["token.is_sent_start", "doc.user_data", "doc.spans"],
)
def make_patients(nlp: Language, name: str) -> PatientsComponent:
    """Patient zones and the split into patients."""
    return PatientsComponent()


def user_data(doc: Doc, key: str) -> Any:
    """A record a component stored on ``doc``."""
    return doc.user_data[key]
