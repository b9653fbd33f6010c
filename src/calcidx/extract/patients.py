"""Which sentences describe the patient(s), and which patient each sentence is about.

Only the case presentation (and, in the abstract or an untitled page, sentences that refer to the
patient) feeds a case: background and discussion text about *other* patients, reference lists,
figure captions and page chrome do not. Every sentence gets a ``ZoneDecision`` saying why it was
kept or dropped (the rule ids of ``data/zones.yaml``). Several patients are told apart by "Case 2"
/ "Patient B" markers, "the second patient", "her sister (patient 2)", a new "a/an N-year-old
<person>" introduction with another age or sex, and lists such as "three neonates, a 2-week-old
girl, a 4-week-old boy and ...". A text that describes a patient never yields no case: when no
sentence introduces one, the sentences that refer to "the patient" / "she" make one patient, with a
warning. Only reviews, cohort studies and summary pages have no case, and they say why.

Every step is one pass over the sentences (or over the age mentions, by bisection): linear time.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from calcidx.extract.demographics import AgeMention
from calcidx.extract.prefilter import matches, requirement, search
from calcidx.extract.rules import ZoneRules
from calcidx.extract.sections import Layout, Sentence

__all__ = [
    "Mode",
    "PatientText",
    "Patients",
    "ZoneDecision",
    "detect_mode",
    "names_the_group",
    "number_word",
    "split_patients",
]

Mode = Literal["auto", "article", "note"]

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "first": 1, "second": 2}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_LETTERS = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}
_SEX_OF_NOUN = {
    "woman": "female",
    "female": "female",
    "girl": "female",
    "lady": "female",
    "man": "male",
    "male": "male",
    "boy": "male",
    "gentleman": "male",
}
# a group of one sex named by its plural ("two sisters", "twin boys", "three women")
_GROUP_SEX = {
    "sisters": "female",
    "daughters": "female",
    "girls": "female",
    "women": "female",
    "females": "female",
    "brothers": "male",
    "sons": "male",
    "boys": "male",
    "men": "male",
    "males": "male",
}
# the person an age follows ("The mother, aged 44, and the daughter, aged 19"): a noun of one sex
_SEX_BEFORE_AGE = re.compile(
    r"\b(?P<noun>woman|man|girl|boy|lady|gentleman|mother|daughter|sister|aunt|niece|wife|grandmother|father|son|"
    r"brother|uncle|nephew|husband|grandfather)\W{0,3}$",
    re.IGNORECASE,
)
_SEX_OF_RELATIVE = {
    **dict.fromkeys(("mother", "daughter", "sister", "aunt", "niece", "wife", "grandmother"), "female"),
    **dict.fromkeys(("father", "son", "brother", "uncle", "nephew", "husband", "grandfather"), "male"),
}
_GROUP_NOUN = re.compile(r"\b(?:" + "|".join(_GROUP_SEX) + r")\b", re.IGNORECASE)
_DESCRIPTOR = re.compile(
    r"\b(?:an?|the)\s+(?:(?:elderly|middle-aged|young|old|older|adult|teenage|adolescent|[A-Z][a-z]+)\s+){0,2}"
    r"(?P<noun>woman|man|female|male|girl|boy|lady|gentleman)\b"
)
# "29 and 33 years old", "48 and 69-year-old women", "aged 48 and 69 years" (an age word before or after;
# after "aged" the unit may be left out: "two sisters, aged 14 and 17")
_AGE_LIST = re.compile(
    r"(?P<aged>\baged\s+|\bages\s+(?:of\s+)?)?\b(?P<list>\d{1,3}(?:\s*,\s*\d{1,3})*\s*,?\s*and\s+\d{1,3})"
    r"(?:[\s-]+(?P<unit>years?|months?|weeks?|days?)(?P<old>[\s-]+old\b|\s+of\s+age\b)?|(?![\w.-]|,\d))",
    re.IGNORECASE,
)
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}


@dataclass(frozen=True)
class ZoneDecision:
    """Why a sentence was kept for a patient or dropped (the trace of the zone step)."""

    sentence: Sentence
    kept: bool
    reason: str


@dataclass
class PatientText:
    """The sentences about one patient, and age mentions found in them."""

    index: int
    sentences: list[Sentence] = field(default_factory=list)
    ages: list[AgeMention] = field(default_factory=list)
    sex_hint: str | None = None
    #: starts of the sentences read for every patient of a group ("Two sisters with ... developed")
    shared: set[int] = field(default_factory=set, repr=False)
    _age_starts: set[int] = field(default_factory=set, repr=False)

    @property
    def age(self) -> float | None:
        """The patient's age at presentation, if stated."""
        for mention in self.ages:
            if mention.years is not None and not mention.onset and not mention.relative and not mention.group:
                return mention.years
        return None

    def first_own(self) -> Sentence | None:
        """The first sentence about this patient alone (no header, no sentence about the group)."""
        return next((s for s in self.sentences if not s.header and s.start not in self.shared), None)

    def add(self, sentence: Sentence, ages: list[AgeMention]) -> None:
        """Add a sentence and its age mentions (each age once; a set keeps this linear)."""
        self.sentences.append(sentence)
        for mention in ages:
            if mention.start not in self._age_starts:
                self._age_starts.add(mention.start)
                self.ages.append(mention)


@dataclass
class Patients:
    """The patients of a document, the zone trace, and warnings or the reason there is no case."""

    patients: list[PatientText]
    trace: list[ZoneDecision]
    warnings: list[str] = field(default_factory=list)
    reason: str | None = None
    mode: Mode = "article"
    announced: int | None = None
    title_only: bool = False  # the one patient is read from a title line alone


class _Signals:
    """What the zone rules say about each sentence, computed once per sentence."""

    def __init__(self, rules: ZoneRules, ages: list[AgeMention]) -> None:
        self.rules = rules
        self.ages = ages
        self.starts = [a.start for a in ages]
        self._cache: dict[int, _Features] = {}

    def ages_in(self, sentence: Sentence) -> list[AgeMention]:
        lo = bisect_left(self.starts, sentence.start)
        hi = bisect_left(self.starts, sentence.end, lo)
        return self.ages[lo:hi]

    def of(self, sentence: Sentence) -> _Features:
        """The rule signals of ``sentence`` (each computed on first use, then kept)."""
        key = sentence.start
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = _Features(self, sentence)
        return found


class _Features:
    """Lazily computed rule signals of one sentence: ``features["strong"]`` runs one regex once."""

    __slots__ = ("_sentence", "_signals", "_values")

    def __init__(self, signals: _Signals, sentence: Sentence) -> None:
        self._signals = signals
        self._sentence = sentence
        self._values: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        value = self._values.get(name)
        if value is None:
            value = self._values[name] = self._compute(name)
        return value

    def items(self) -> list[tuple[str, bool]]:
        """Every signal (all computed)."""
        return [(name, self[name]) for name in _FEATURES]

    def _compute(self, name: str) -> bool:
        text, folded = self._sentence.text, self._sentence.folded
        r = self._signals.rules
        if name == "strong":
            return matches(r["strong_reference"], text, folded)
        if name in ("age", "intro"):
            ages = self._ages()
            if name == "age":
                return bool(ages)
            return matches(r["person_intro"], text, folded) or any(a.intro for a in ages)
        if name == "definite":
            return matches(r["definite_person"], text, folded)
        if name == "generic":
            return _generic(r, text, folded)
        rule = {
            "citation": "citation_line",
            "affiliation": "affiliation",
            "exam": "exam_opener",
            "cohort": "cohort",
            "animal": "animal_subject",
            "pooled": "pooled_cases",
        }
        return matches(r[rule[name]], text, folded)

    def _ages(self) -> list[AgeMention]:
        sentence = self._sentence
        found = self._signals.ages_in(sentence)
        if not found:
            return []
        ranged = [m.span() for m in self._signals.rules["age_range"].finditer(sentence.text)]
        return [
            a
            for a in found
            if not a.onset
            and not a.relative
            and not a.group
            and a.years is not None
            and not any(lo <= a.start - sentence.start < hi for lo, hi in ranged)
        ]


_FEATURES = (
    "strong",
    "intro",
    "age",
    "definite",
    "generic",
    "citation",
    "affiliation",
    "exam",
    "cohort",
    "animal",
    "pooled",
)


# a measured value right before "(70-110)": a number and up to three unit parts, spaced or not
# ("5 pg/ ml (12-72)", "300 mg/24 h (100-400)", "7.9 mg/dL (2.5-4.5)")
_UNIT_BEFORE = re.compile(r"\d(?:[.,]\d+)?\s*(?:[a-zµμ%/×^*·]+[\w/.²³]*\s*){0,3}$", re.IGNORECASE)


def _generic(rules: ZoneRules, text: str, folded: str) -> bool:
    """A generic (literature or textbook) statement; a lab's reference range "(70-110)" or an age after a
    name ("Mr B (72)") is not a citation."""
    pattern = rules["generic_statement"]
    if not requirement(pattern).admits(folded):
        return False
    for match in pattern.finditer(text):
        if match.group().startswith("(") and (
            _UNIT_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
            or rules["bracket_after_name"].search(text[max(0, match.start() - 30) : match.start()])
        ):
            continue  # a reference range or a person's age in brackets
        return True
    return False


def _strong_only(
    sentence: Sentence,
    f: _Features,
    category: str,
    rules: ZoneRules,
    keep: Callable[[Sentence, str], None],
    drop: Callable[[Sentence, str], None],
) -> None:
    """A sentence of a discussion or background section is the patient's only with a strong reference
    ("our patient"), so only the clause with the reference is the patient's: what an earlier clause
    says ("Calciphylaxis presents with necrotic ulcers in dialysis patients; our patient had neither")
    is about the disease or other patients. The sentence is kept from that clause."""
    if not f["strong"]:
        drop(sentence, f"section:{category}")
        return
    comparison = search(rules["comparison_opener"], sentence.text, sentence.folded) is not None
    clause = _reference_clause(sentence, rules, comparison=comparison)
    if clause is not None:
        keep(clause, "strong_reference_clause")
        return
    keep(sentence, "strong_reference")


# where a clause or a run-on sentence ends: a semicolon, or a full stop a sentence splitter missed
_CLAUSE_END = re.compile(r"[;:]\s+|[.!?)\]]\s+(?=\W{0,3}\d{0,3}\s*[A-Z])")
# after a comparison with other reports, the patient's clause starts after a comma as well
_COMPARISON_END = re.compile(_CLAUSE_END.pattern + r"|,\s+")


# the patient as the subject of the clause after a comma ("..., she had normal kidney function")
_PATIENT_SUBJECT = re.compile(
    r",\s+(?=(?:she|he|the patient|our patient|this patient|the (?:child|boy|girl|infant|neonate|woman|man))\b)",
    re.IGNORECASE,
)


def _after_comparison(sentence: Sentence, opener: re.Match[str] | None) -> Sentence | None:
    """The patient's clause of a sentence that opens on a comparison with someone else ("Unlike her
    sister, who was on dialysis, she had normal kidney function" -> "she had normal kidney function"),
    or None when the sentence is not one (``opener``: the zone rule ``comparison_opener``'s match)."""
    if opener is None:
        return None
    cuts = list(_PATIENT_SUBJECT.finditer(sentence.text))
    return _clause_from(sentence, cuts[-1].end()) if cuts else None


def _own_clause_after_contrast(sentence: Sentence, rules: ZoneRules) -> Sentence | None:
    """The authors' own case after a general statement ("In most cases ..., but in this case it was
    ..." -> "in this case it was ..."): ``zones.yaml`` ``contrast_to_own_case``; None when the
    sentence turns to no own case."""
    turn = search(rules["contrast_to_own_case"], sentence.text, sentence.folded)
    return _clause_from(sentence, turn.end()) if turn is not None else None


def _clause_from(sentence: Sentence, cut: int) -> Sentence:
    """``sentence`` from character ``cut`` of its text on."""
    return _part(sentence, cut, len(sentence.text))


def _part(sentence: Sentence, lo: int, hi: int) -> Sentence:
    """Characters ``lo`` to ``hi`` of ``sentence``'s text, as a sentence of its own section and paragraph."""
    return Sentence(
        start=sentence.start + lo,
        end=sentence.start + hi,
        text=sentence.text[lo:hi],
        category=sentence.category,
        paragraph=sentence.paragraph,
        header=sentence.header,
        caption=sentence.caption,
    )


def _reference_clause(sentence: Sentence, rules: ZoneRules, *, comparison: bool = False) -> Sentence | None:
    """The part of ``sentence`` from the clause with its strong reference on (after a comma too when
    the sentence opens on a comparison with other reports: "Unlike previously reported cases ..., our
    patient ..."); None when the reference is in the first clause."""
    text = sentence.text
    strong = search(rules["strong_reference"], text, sentence.folded)
    if strong is None:
        return None
    cut = None
    for end in (_COMPARISON_END if comparison else _CLAUSE_END).finditer(text, 0, strong.start()):
        cut = end.end()
    if cut is None:
        return None
    return _clause_from(sentence, cut)


def detect_mode(layout: Layout, rules: ZoneRules) -> Mode:
    """``note`` for a pasted clinical note or form, ``article`` for a published report.

    A note opens with shorthand demographics or form fields ("45F with ...", "Pt w/ ...",
    "Age: 45") and carries none of an article's furniture (abstract, DOI, et al). A reference list
    alone is no such furniture: a note copied from a web page may carry one below it.
    """
    body = [s for s in layout.sentences if not s.caption]
    if not body:
        return "article"
    above_references = [s for s in body if s.category != "references"]
    # "Case 1: 45F ... Case 2: 62M ...": several patients, each to be found as in a report
    labels = {m.group("number").lower() for s in body if (m := rules["case_marker"].match(s.text.strip()))}
    if len(labels) >= 2:
        return "article"
    # a table of patients ("Patient | Sex/Age | ..."): a series, whose rows are its patients
    if any(search(rules["patient_table_header"], s.text, s.folded) for s in body[:60]):
        return "article"
    # the article's furniture is looked for only where a note is still in question (most texts are
    # articles and leave at the note-form test below)
    if _one_patient_list(body, rules) and not _article_furniture(above_references, rules):
        return "note"
    # a note may open on a line of its own ("Nursing note 03:00.", "Dx: calciphylaxis.") before its
    # shorthand: any of its first three sentences may show the form
    opening = any(search(rules["note_form"], s.text, s.folded) for s in body[:3])
    if not (opening or sum(1 for s in body[:40] if search(rules["note_form"], s.text, s.folded)) >= 2):
        return "article"
    article = _article_furniture(above_references, rules)
    # a page that opens on "Dx: ..." and goes on in textbook statements ("X is characterized by ...",
    # "patients with ...") is a quiz answer or disease page, not a note: notes speak of one patient
    generic = sum(1 for s in body[:40] if _generic(rules, s.text, s.folded))
    patient = sum(
        1
        for s in body[:40]
        if search(rules["definite_person"], s.text, s.folded) or search(rules["note_form"], s.text, s.folded)
    )
    return "article" if article or (generic >= 3 and generic > patient) else "note"


def _article_furniture(body: list[Sentence], rules: ZoneRules) -> bool:
    """An article marker (abstract, references, DOI, et al) on a header or a short line."""
    return any(
        search(rules["article_marker"], s.text, s.folded) and (s.header or len(s.text) < 200) for s in body[:400]
    )


#: list items that make a text a list about one patient (at least this many, at least half its lines)
_LIST_ITEMS_MIN = 3


def _one_patient_list(body: list[Sentence], rules: ZoneRules) -> bool:
    """A bulleted or numbered list of short items about one patient ("1. 45 year old woman", "2.
    Dermatomyositis", ...): at least three list lines, most of the text's lines, at most one age."""
    lines = {s.paragraph for s in body}
    items = {s.paragraph for s in body if search(rules["list_item"], s.text, s.folded)}
    if len(items) < _LIST_ITEMS_MIN or 2 * len(items) < len(lines):
        return False
    return sum(1 for s in body if search(rules["list_age"], s.text, s.folded)) <= 1


def number_word(raw: str) -> int | None:
    """A count written as a digit, word, ordinal, roman numeral or letter ("two", "2", "ii", "B")."""
    raw = raw.lower()
    if raw.isdigit():
        return int(raw)
    return _NUMBER_WORDS.get(raw) or _ROMAN.get(raw) or _LETTERS.get(raw)


def _zone(layout: Layout, signals: _Signals, rules: ZoneRules) -> list[ZoneDecision]:
    sentences = layout.sentences
    usable_case = any(
        s.category == "case"
        and not s.header
        and not s.caption
        and (lambda f: f["strong"] or ((f["intro"] or f["age"] or f["definite"]) and not f["generic"]))(signals.of(s))
        for s in sentences
    )
    trace: list[ZoneDecision] = []
    mode = seen = False
    paragraph = -1
    # the paragraph of a background section that opens with the patient ("Introduction: A 44-year-old
    # woman on dialysis presented with ..."): the case told under the wrong header
    told_in_background = -1
    # the abstract paragraph whose last sentence read was the patient's ("We report a 57-year-old man
    # with scrotal masses. The scrotal mass was removed surgically ..."): the case summary goes on
    abstract_case = -1

    def keep(sentence: Sentence, reason: str) -> None:
        opener = search(rules["comparison_opener"], sentence.text, sentence.folded)
        if opener is not None and rules["compared_with_own_case"].match(sentence.text[opener.end() :]):
            trace.append(ZoneDecision(sentence, False, "compared_with_own_case"))  # the other's, not hers
            return
        own = _after_comparison(sentence, opener)
        trace.append(ZoneDecision(sentence, True, reason) if own is None else ZoneDecision(own, True, reason))

    def drop(sentence: Sentence, reason: str) -> None:
        trace.append(ZoneDecision(sentence, False, reason))

    answer_next = False
    under_case_header = False  # the sentence before was a header of the case's own parts
    for sentence in sentences:
        category = sentence.category
        if category in rules.skipped_sections:
            mode = False
            drop(sentence, f"section:{category}")
            continue
        if sentence.header:
            (keep if category == "case" else drop)(sentence, f"header:{category}")
            answer_next = rules["diagnosis_answer_header"].match(sentence.text) is not None
            # a diagnosis header heads an answer line or a textbook line, not a report of the case
            under_case_header = category == "case" and not answer_next
            continue
        if sentence.caption:
            drop(sentence, "caption")
            continue
        f = signals.of(sentence)
        if answer_next:
            answer_next = False
            if (
                _seen_patient(trace)
                and len(sentence.text.split()) <= rules.diagnosis_answer_max_words
                and not f["generic"]
            ):
                keep(sentence, "diagnosis_answer")  # a quiz's answer line: the patient's diagnosis
                continue
        if f["affiliation"]:
            drop(sentence, "affiliation")
            continue
        if f["pooled"]:
            drop(sentence, "pooled_cases")  # "this case and the 13 previously reported cases ...": the group's
            continue
        if f["cohort"] and not f["strong"]:
            mode = False
            drop(sentence, "cohort")
            continue
        if usable_case:
            if category == "case":
                keep(sentence, "section:case")
            elif category == "background" and _opens_case(f):
                told_in_background = sentence.paragraph
                keep(sentence, "person_intro")
            elif category == "background" and sentence.paragraph == told_in_background and not f["generic"]:
                keep(sentence, "continues_case")
            elif category in rules.strong_only_sections:
                _strong_only(sentence, f, category, rules, keep, drop)
            elif (f["strong"] or f["intro"] or f["age"] or f["definite"]) and not f["generic"]:
                keep(sentence, "patient_reference")
                if category == "abstract":
                    abstract_case = sentence.paragraph
            elif f["strong"] and (own := _own_clause_after_contrast(sentence, rules)) is not None:
                trace.append(ZoneDecision(own, True, "own_case_after_contrast"))
            elif category == "abstract" and sentence.paragraph == abstract_case and not f["generic"]:
                keep(sentence, "continues_case")
            else:
                if category == "abstract":
                    abstract_case = -1  # a statement about something else ends the case summary
                drop(sentence, "generic_statement" if f["generic"] else "no_patient_reference")
            continue
        if category in rules.strong_only_sections - {"background"}:
            _strong_only(sentence, f, category, rules, keep, drop)
            continue
        if f["citation"]:
            mode = False
            drop(sentence, "citation_line")
            continue
        generic = f["generic"]
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            # a paragraph under a header of the case's own parts ("Histopathology:", "Investigations")
            # after the patient was introduced goes on with the case
            mode = (
                seen
                and bool(f["definite"] or f["exam"] or under_case_header or rules["answer_line"].match(sentence.text))
                and not generic
            )
        under_case_header = False
        if f["strong"] or ((f["age"] or f["intro"]) and not generic):
            mode = seen = True
            keep(sentence, "strong_reference" if f["strong"] else "person_intro")
        elif generic and f["strong"] and (own := _own_clause_after_contrast(sentence, rules)) is not None:
            trace.append(ZoneDecision(own, True, "own_case_after_contrast"))
        elif generic:
            mode = False
            drop(sentence, "generic_statement")
        elif mode:
            keep(sentence, "continues_case")
        elif f["definite"]:
            keep(sentence, "definite_person")
        else:
            drop(sentence, "no_patient_reference")
    return trace


def _seen_patient(trace: list[ZoneDecision]) -> bool:
    """Whether a sentence about a patient was kept before (a quiz's answer needs its case first)."""
    return any(d.kept and not d.sentence.header for d in trace)


def _opens_case(f: _Features) -> bool:
    """A sentence introducing a person with an age, of no cohort, citation or generic statement."""
    return f["intro"] and f["age"] and not (f["generic"] or f["citation"] or f["cohort"])


def split_patients(
    layout: Layout,
    ages: list[AgeMention],
    rules: ZoneRules,
    *,
    mode: Mode = "auto",
    concepts: Sequence[int] = (),
) -> Patients:
    """The patients of a document and the sentences about each (none for a review or summary page).

    Args:
        layout: sentences and sections of the document.
        ages: every age mention in the document, in text order.
        rules: the zone rules (``data/zones.yaml``).
        mode: ``note`` reads the whole text as one patient; ``article`` finds the patients of a
            published report; ``auto`` decides from the text (``detect_mode``).
        concepts: where the text names a vocabulary concept (start offsets, sorted): a short text
            that introduces no patient is one patient's note when it names clinical facts.
    """
    signals = _Signals(rules, ages)
    if mode == "auto":
        mode = detect_mode(layout, rules)
    if mode == "note":
        return _note(layout, signals)
    trace = _zone(layout, signals, rules)
    zone = [d.sentence for d in trace if d.kept]
    announced = _announced(layout, signals, rules)
    has_patient = any(
        (lambda f: f["strong"] or ((f["intro"] or f["age"]) and not f["generic"]))(signals.of(s))
        for s in zone
        if not s.header
    ) or (
        sum(
            1
            for s in zone
            if s.category == "case" and not s.header and signals.of(s)["definite"] and not signals.of(s)["generic"]
        )
        >= 2
    )
    if not has_patient:
        return _fallback(layout, signals, rules, trace, concepts)
    animal = _animal_only(zone, signals)
    if animal is not None:
        return Patients([], trace, reason=f"the text describes an animal, not a human patient ({animal.text[:80]!r})")
    series = _series_only(zone, signals, rules, layout.sentences)
    if series is not None:
        return Patients([], trace, reason=_series_reason(series))
    patients = _assign(layout, zone, signals, rules, announced)
    _fill_announced(patients, announced, signals, _enumerations(layout, signals, rules, announced))
    _add_group_members(patients, announced, zone, rules)
    body = [s for s in layout.sentences if s.category not in rules.skipped_sections]
    _share_group_sentences(patients, zone, rules, body)
    _group_sex_hint(patients, announced)
    found = [p for p in patients if p.sentences]
    if len(found) == 1:
        trace = _one_patients_captions(layout, found[0], signals, rules, trace)
        trace = _short_note_told_first(layout, found[0], signals, rules, trace)
        trace = _short_note_items(layout, found[0], signals, rules, trace)
    for patient in patients:
        patient.sentences.sort(key=lambda s: s.start)
        patient.ages.sort(key=lambda a: (a.onset, not a.intro, a.start))
    return Patients(found, trace, mode="article", announced=announced[0] if announced else None)


#: a short note: at most this many sentences and characters
_SHORT_NOTE_SENTENCES = 12
_SHORT_NOTE_CHARACTERS = 1500


def _short_note_body(layout: Layout, patient: PatientText, rules: ZoneRules) -> list[Sentence] | None:
    """The body sentences of a short note about ``patient``: at most ``_SHORT_NOTE_SENTENCES`` sentences
    and ``_SHORT_NOTE_CHARACTERS`` characters with none of an article's furniture; None otherwise."""
    body = [s for s in layout.sentences if not s.caption and s.category not in rules.skipped_sections]
    if (
        not patient.sentences
        or len(body) > _SHORT_NOTE_SENTENCES
        or sum(len(s.text) for s in body) > _SHORT_NOTE_CHARACTERS
        or _article_furniture(body, rules)
    ):
        return None
    return body


def _tells_of_others(f: _Features) -> bool:
    """A sentence that speaks of the disease in general, the literature, a group, an animal or another
    person (a statement, citation, cohort, pooled cases, or a person of its own with an age)."""
    return bool(f["generic"] or f["citation"] or f["cohort"] or f["pooled"] or f["animal"] or f["intro"] or f["age"])


def _short_note_told_first(
    layout: Layout, patient: PatientText, signals: _Signals, rules: ZoneRules, trace: list[ZoneDecision]
) -> list[ZoneDecision]:
    """A short note of one patient that names the findings first and the person last, in a tag of age
    and sex ("Referred for hard white nodules on the fingertips. Known limited SSc. 60F."): the
    sentences before the tag are hers. Only when the patient is introduced by such a tag (zone rule
    ``demographic_tag``: a sentence that goes on about the patient, "A 45-year-old man presented with
    ...", follows a report's title or opening statements instead), in a text of at most ``_SHORT_NOTE_SENTENCES``
    sentences and ``_SHORT_NOTE_CHARACTERS`` characters with none of an article's furniture, and only
    sentences dropped for naming no person (not a textbook statement, a citation, another person or a
    group)."""
    if _short_note_body(layout, patient, rules) is None:
        return trace
    opening = min(patient.sentences, key=lambda s: s.start)
    if not rules["demographic_tag"].match(opening.text):
        return trace
    first = opening.start
    chosen: set[int] = set()
    for decision in trace:
        sentence = decision.sentence
        if sentence.start >= first:
            break
        if decision.kept or decision.reason != "no_patient_reference" or sentence.header:
            continue
        f = signals.of(sentence)
        if _tells_of_others(f):
            continue
        patient.add(sentence, signals.ages_in(sentence))
        chosen.add(sentence.start)
    return _kept_now(trace, chosen, "short_note_told_first")


#: a note's item line: at most this many words ("eGFR 22", "Ca 11.3 H", "On warfarin 5 mg")
_NOTE_ITEM_WORDS = 15
#: ... in a line of at most this many sentences ("New: painful plaques x 1 wk. Biopsy: c/w calciphylaxis.")
_NOTE_ITEM_SENTENCES = 3


def _short_note_items(
    layout: Layout, patient: PatientText, signals: _Signals, rules: ZoneRules, trace: list[ZoneDecision]
) -> list[ZoneDecision]:
    """A short note of one patient whose lines after the opening are items naming no person ("A
    58-year-old man with SSc and calcinosis of the fingertips.", then "eGFR 22", "Ca 11.3 H"): those
    lines are hers. Only in a text of at most ``_SHORT_NOTE_SENTENCES`` sentences and
    ``_SHORT_NOTE_CHARACTERS`` characters with none of an article's furniture, for short lines of
    their own (a line of at most ``_NOTE_ITEM_SENTENCES`` sentences of at most ``_NOTE_ITEM_WORDS``
    words) dropped for naming no person (not a textbook statement, a citation, another person or a
    group, nor a statement made in general: zone rule ``said_in_general``)."""
    body = _short_note_body(layout, patient, rules)
    # a table's or figure's caption: an article's rows
    if body is None or any(s.caption for s in layout.sentences):
        return trace
    first = min(s.start for s in patient.sentences)
    per_paragraph: dict[int, int] = {}
    for sentence in body:
        per_paragraph[sentence.paragraph] = per_paragraph.get(sentence.paragraph, 0) + 1
    chosen: set[int] = set()
    for decision in trace:
        sentence = decision.sentence
        if sentence.start <= first or decision.kept or decision.reason != "no_patient_reference" or sentence.header:
            continue
        if (
            per_paragraph.get(sentence.paragraph, 0) > _NOTE_ITEM_SENTENCES
            or len(sentence.text.split()) > _NOTE_ITEM_WORDS
        ):
            continue
        if rules["said_in_general"].search(sentence.text) or "|" in sentence.text or "\t" in sentence.text:
            continue  # said in general, or a table's row (a series' patient of its own)
        f = signals.of(sentence)
        if _tells_of_others(f):
            continue
        patient.add(sentence, signals.ages_in(sentence))
        chosen.add(sentence.start)
    return _kept_now(trace, chosen, "short_note_item")


def _kept_now(trace: list[ZoneDecision], chosen: set[int], reason: str) -> list[ZoneDecision]:
    """``trace`` with the dropped sentences starting at ``chosen`` offsets kept, for ``reason``."""
    if not chosen:
        return trace
    return [ZoneDecision(d.sentence, True, reason) if d.sentence.start in chosen and not d.kept else d for d in trace]


def _one_patients_captions(
    layout: Layout, patient: PatientText, signals: _Signals, rules: ZoneRules, trace: list[ZoneDecision]
) -> list[ZoneDecision]:
    """A report of one patient: its figure captions show that patient ("Figure 1: stellate purpuric
    plaques on both thighs"), read as hers, an image quiz's findings included. A caption in a skipped
    section, one that speaks of the disease in general or of the literature, and one that introduces a
    person or names someone else ("in a preterm infant of another series") stay out."""
    chosen: set[int] = set()
    for sentence in layout.sentences:
        if not sentence.caption or sentence.category in rules.skipped_sections:
            continue
        f = signals.of(sentence)
        if _tells_of_others(f):
            continue
        if search(rules["caption_elsewhere"], sentence.text, sentence.folded):
            continue
        patient.add(sentence, signals.ages_in(sentence))
        chosen.add(sentence.start)
    return _kept_now(trace, chosen, "caption_one_patient")


def _group_sex_hint(patients: list[PatientText], announced: tuple[int, Sentence] | None) -> None:
    """The sex of each patient the announcement names as a group of one sex ("two brothers", "twin
    sisters") when the text describes that many, for those whose own text does not say."""
    if announced is None or announced[0] != len(patients) or len(patients) < 2:
        return
    sexes = {_GROUP_SEX[m.group().lower()] for m in _GROUP_NOUN.finditer(announced[1].text)}
    if len(sexes) == 1:
        sex = sexes.pop()
        for patient in patients:
            patient.sex_hint = patient.sex_hint or sex


def _animal_only(zone: list[Sentence], signals: _Signals) -> Sentence | None:
    """The sentence introducing an animal when the zone introduces animals and no person (a veterinary
    report: "a 1-year-old male dog"), else None."""
    openers = [s for s in zone if not s.header and (lambda f: f["intro"] or f["age"])(signals.of(s))]
    animals = [s for s in openers if signals.of(s)["animal"]]
    if not animals or len(animals) < len(openers):
        return None
    return animals[0]


def _series_only(
    sentences: list[Sentence], signals: _Signals, rules: ZoneRules, others: Sequence[Sentence] = ()
) -> Sentence | None:
    """The sentence counting the report's patients as a group ("We report 6 cases", "Nine patients
    were treated") when no sentence speaks of one patient on their own (no single age, no "a woman",
    no "she"), else None: such a text summarises a series and describes no patient. The count may
    stand in a sentence of ``others`` that was not kept ("In a retrospective study, data on 26
    patients were collected"), as long as no kept sentence speaks of one patient."""
    counting: Sentence | None = None
    for sentence in sentences:
        if sentence.header or sentence.caption:
            continue
        f = signals.of(sentence)
        if f["age"] or search(rules["single_person"], sentence.text, sentence.folded):
            return None
        if counting is None and not f["citation"] and search(rules["series_count"], sentence.text, sentence.folded):
            counting = sentence
    for sentence in others if counting is None else ():
        if sentence.header or sentence.caption or sentence.category in rules.skipped_sections:
            continue
        f = signals.of(sentence)
        # not a count of the literature's cases ("only 10 cases have been reported"), unless the
        # sentence is the study's own ("in a retrospective study, data on 26 patients ...")
        if (
            not f["citation"]
            and (f["cohort"] or not f["generic"])
            and search(rules["series_count"], sentence.text, sentence.folded)
        ):
            return sentence
    return counting


def _series_reason(sentence: Sentence) -> str:
    return (
        "the text summarises a series of patients as a group and describes none of them on their own "
        f"({sentence.text[:80]!r})"
    )


def _add_group_members(
    patients: list[PatientText], announced: tuple[int, Sentence] | None, zone: list[Sentence], rules: ZoneRules
) -> None:
    """The announced patients the text tells of only as a group ("We present 3 patients ... All 3
    patients had lost a graft"): those not described on their own are added, and the group's
    sentences (``_share_group_sentences``) are read for them."""
    if announced is None or not 2 <= announced[0] <= 5 or len(patients) >= announced[0]:
        return
    if not any(not s.header and rules["shared_by_all"].search(s.text) for s in zone):
        return
    taken = {p.index for p in patients}
    for index in range(1, announced[0] + 1):
        if index not in taken:
            patients.append(PatientText(index))
    patients.sort(key=lambda p: p.index)


# a sentence that opens on the whole group by its number ("Two patients with renal failure developed
# ..."): read for each patient when the number is theirs
_GROUP_OPENING = re.compile(
    # "Two patients with renal failure developed ...", or, after the authors' verb, a group with what
    # they share: "We reviewed the charts of three patients with dermatomyositis ..." (not "We
    # describe two siblings.", which says nothing about them)
    r"^\W{0,3}(?:(?P<lead>(?:here(?:in)?\s+)?(?:we|i)\s+(?:[a-z]+\s+)?(?:reviewed|describe|described|report|"
    r"reported|present|presented|studied|treated|saw|see)\s+(?:the\s+(?:charts|records|notes|files)\s+of\s+)?))?"
    r"(?:(?P<count>two|three|four|five|[2-5])\s+(?:[\w-]+\s+){0,2}?"
    r"(?:patients|women|men|children|infants|neonates|newborns|siblings|brothers|sisters)\b|"
    r"(?:[\w-]+\s+)?(?P<pair>twin\s+(?:sisters|brothers|girls|boys|siblings|neonates|infants)|twins)\b)"
    r"(?(lead)\s+(?:with|who|having|on)\b)",
    re.IGNORECASE,
)


def _group_count(opening: re.Match[str]) -> int | None:
    return 2 if opening.group("pair") else number_word(opening.group("count"))


def names_the_group(text: str, rule: re.Pattern[str], patients: int) -> bool:
    """Whether ``text`` names the document's ``patients`` as one group with what they share, by the
    ``title_group`` rule ("... in two brothers with Werner syndrome" over two patients; "... in
    siblings with X" over any number of them)."""
    if patients < 2:
        return False
    match = rule.search(text)
    return match is not None and bool(match.group("kin") or _group_count(match) == patients)


def _share_group_sentences(
    patients: list[PatientText], zone: list[Sentence], rules: ZoneRules, body: Sequence[Sentence] = ()
) -> None:
    """A kept sentence about all the patients at once ("both patients were on dialysis", "Two
    patients with renal failure developed ..." in a report of two) is read for each of them (without
    its ages: each patient keeps their own). A sentence of the body that opens on as many patients as
    were found ("We reviewed the charts of three patients with dermatomyositis ...", then "The
    first, ...") is read for each of them too, though it introduces no one itself."""
    if len(patients) < 2:
        return
    kept = {s.start for s in zone}
    for sentence in sorted({s.start: s for s in [*zone, *body]}.values(), key=lambda s: s.start):
        if sentence.header or sentence.caption:
            continue
        opening = _GROUP_OPENING.match(sentence.text)
        whole_group = opening is not None and _group_count(opening) == len(patients)
        if sentence.start not in kept:
            # a dropped sentence only when the authors open on the group with what it shares
            if not (whole_group and opening is not None and opening.group("lead")):
                continue
        elif (
            not whole_group
            and not rules["shared_by_all"].search(sentence.text)
            # a title run into the text ("Calcinosis in siblings with dermatomyositis We describe ...")
            and not names_the_group(sentence.text, rules["title_group"], len(patients))
        ):
            continue
        for patient in patients:
            patient.shared.add(sentence.start)
            if sentence not in patient.sentences:
                patient.sentences.append(sentence)


def _note(layout: Layout, signals: _Signals) -> Patients:
    patient = PatientText(1)
    trace = []
    for sentence in layout.sentences:
        if sentence.caption or sentence.header:
            trace.append(ZoneDecision(sentence, False, "header" if sentence.header else "caption"))
            continue
        patient.add(sentence, signals.ages_in(sentence))
        trace.append(ZoneDecision(sentence, True, "note"))
    patient.ages.sort(key=lambda a: (a.onset, not a.intro, a.start))
    return Patients([patient] if patient.sentences else [], trace, mode="note")


def _fallback(
    layout: Layout, signals: _Signals, rules: ZoneRules, trace: list[ZoneDecision], concepts: Sequence[int] = ()
) -> Patients:
    """No sentence introduces a patient: one patient from the body, or no case with the reason."""
    body = [s for s in layout.sentences if s.category not in rules.skipped_sections and not s.header and not s.caption]
    cohort = [s for s in body if signals.of(s)["cohort"]]
    if cohort:
        return Patients(
            [], trace, reason=f"the text reads as a review or study of many patients ({cohort[0].text[:80]!r})"
        )
    series = _series_only(body, signals, rules)
    if series is not None:
        return Patients([], trace, reason=_series_reason(series))
    titled = _patient_title(body, signals, rules)
    if titled is not None and not any(_names_concept(s, concepts) for s in body if s is not titled):
        return _title_patient(titled, signals, trace)  # the title is the only clinical text
    # a short note is read whole: its sentences without "she" are the patient's too
    several = any(search(rules["several_patients"], s.text, s.folded) for s in layout.sentences)
    # a table of patients (a header with age and sex columns) is several patients too
    table = any(search(rules["patient_table_header"], s.text, s.folded) for s in layout.sentences)
    if not several and not table and _short_clinical_note(body, signals, rules, concepts):
        patient = PatientText(1)
        for sentence in body:
            patient.add(sentence, signals.ages_in(sentence))
        kept = {id(s) for s in body}
        return Patients(
            [patient],
            [ZoneDecision(d.sentence, True, "short_note") if id(d.sentence) in kept else d for d in trace],
            warnings=[
                "no sentence introduces the patient (such as 'a 45-year-old woman' or 'we report'); the short "
                "text names clinical facts and no literature, so it was read as one patient's note: check the case"
            ],
        )
    referring = [
        s
        for s in body
        if signals.of(s)["definite"]
        and not signals.of(s)["generic"]
        and not signals.of(s)["citation"]
        and not signals.of(s)["affiliation"]
    ]
    # one sentence is enough when the patient is its subject ("She has hard nodules on her fingers.")
    if len(referring) >= 2 or (
        len(referring) == 1 and search(rules["person_subject"], referring[0].text, referring[0].folded)
    ):
        patient = PatientText(1)
        for sentence in referring:
            patient.add(sentence, signals.ages_in(sentence))
        chosen = {id(s) for s in referring}
        new_trace = [
            ZoneDecision(d.sentence, True, "fallback_definite_person") if id(d.sentence) in chosen else d for d in trace
        ]
        return Patients(
            [patient],
            new_trace,
            warnings=[
                "no sentence introduces the patient (such as 'a 45-year-old woman' or 'we report'); one patient "
                f"was read from {_sentences_that_refer(len(referring))} to the patient: check the case"
            ],
        )
    if titled is not None:
        return _title_patient(titled, signals, trace)
    if table:
        return Patients(
            [],
            trace,
            reason=(
                "no sentence describes a patient, and the patients are in a table (a header row with age and "
                "sex columns) that the reader does not read row by row: give each patient's description as text"
            ),
        )
    return Patients(
        [],
        trace,
        reason="no sentence describes a patient: the text reads as a disease summary or general text",
    )


def _title_patient(titled: Sentence, signals: _Signals, trace: list[ZoneDecision]) -> Patients:
    """One patient read from a title line alone, with a warning."""
    patient = PatientText(1)
    patient.add(titled, signals.ages_in(titled))
    return Patients(
        [patient],
        [ZoneDecision(d.sentence, True, "title_patient") if d.sentence is titled else d for d in trace],
        warnings=[
            f"only a title describes the patient ({titled.text[:80]!r}); the case holds what the title says: "
            "check the case"
        ],
        title_only=True,
    )


# a title has no finite verb ("Calciphylaxis in a patient on dialysis"); a sentence has one
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|may|might|can|could|should|must|will|would|does|do)\b", re.I
)


def _patient_title(body: list[Sentence], signals: _Signals, rules: ZoneRules) -> Sentence | None:
    """A title line naming the report's own patient ("... ulcers in a patient on dialysis") when it is
    the only text about a patient (a page that holds little more than its title)."""
    for sentence in body:
        f = signals.of(sentence)
        if f["generic"] or f["citation"] or f["cohort"] or len(sentence.text.split()) > 30:
            continue
        if search(rules["title_patient"], sentence.text, sentence.folded) and not _FINITE_VERB.search(sentence.text):
            return sentence
    return None


def _sentences_that_refer(count: int) -> str:
    return "the sentence that refers" if count == 1 else f"the {count} sentences that refer"


#: a text this short that introduces no patient may be a note about one ("Dermatomyositis for 9
#: years with hard nodules at the elbows on X-ray; CKD stage 4.")
_SHORT_NOTE_CHARS = 1500


def _short_clinical_note(body: list[Sentence], signals: _Signals, rules: ZoneRules, concepts: Sequence[int]) -> bool:
    """A short text that names clinical facts and carries no literature: no generic or textbook
    statement, no citation, affiliation or cohort, none of an article's furniture, no animal (and the
    caller checks the whole text names no patients in the plural: a table of several is no one's note)."""
    if not body or sum(len(s.text) for s in body) > _SHORT_NOTE_CHARS:
        return False
    for sentence in body:
        if not any(c.isalpha() for c in sentence.text):
            continue  # a list item's bare number ("1.") is no citation of a reference list here
        f = signals.of(sentence)
        if f["generic"] or f["citation"] or f["affiliation"] or f["cohort"]:
            return False
        if any(
            search(rules[rule], sentence.text, sentence.folded)
            for rule in ("article_marker", "textbook_statement", "animal_words")
        ):
            return False
    return any(_names_concept(s, concepts) for s in body)


def _names_concept(sentence: Sentence, concepts: Sequence[int]) -> bool:
    """A vocabulary concept starts inside ``sentence`` (``concepts``: start offsets, sorted)."""
    index = bisect_left(concepts, sentence.start)
    return index < len(concepts) and concepts[index] < sentence.end


def _announced(layout: Layout, signals: _Signals, rules: ZoneRules) -> tuple[int, Sentence] | None:
    """How many patients the title or abstract announces ("we report two cases"), and where."""
    for sentence in layout.sentences:
        if sentence.category not in ("front", "abstract", "case", "background") or sentence.caption:
            continue
        if sentence.category == "front" and len(sentence.text.split()) > 30:
            continue
        match = search(rules["announced_count"], sentence.text, sentence.folded)
        if match is None:
            continue
        f = signals.of(sentence)
        if f["generic"] or f["cohort"]:
            continue
        told = f["strong"] or f["age"] or f["intro"]
        verb = re.search(r"\b(?:were|was|are)\b", sentence.text[match.end() : match.end() + 40])
        if sentence.category in ("abstract", "background", "case") and not told and not verb:
            continue
        count = 2 if match.group("pair") else number_word(match.group("count"))
        if count:
            return count, sentence
    return None


def _assign(
    layout: Layout,
    zone: list[Sentence],
    signals: _Signals,
    rules: ZoneRules,
    announced: tuple[int, Sentence] | None,
) -> list[PatientText]:
    patients: list[PatientText] = []
    by_index: dict[int, PatientText] = {}
    current: PatientText | None = None
    deferred: list[Sentence] = []
    case_first = any(s.category == "case" and not s.header for s in zone)
    last_paragraph = -1
    several = announced is not None and announced[0] > 1
    # the announced patients are relatives ("two brothers"): "His brother, aged 11, had ..." is the next one
    family = announced is not None and several and search(rules["family_patients"], announced[1].text) is not None

    def switch(index: int | None = None) -> PatientText:
        wanted = index if index is not None else (max(by_index) + 1 if by_index else 1)
        found = by_index.get(wanted)
        if found is None:
            found = by_index[wanted] = PatientText(wanted)
            patients.append(found)
        return found

    for sentence in zone:
        if case_first and sentence.category != "case":
            deferred.append(sentence)
            continue
        text = sentence.text.strip()
        marker = rules["case_marker"].match(text)
        if marker is not None:
            number = number_word(marker.group("number"))
            if number is not None and (
                sentence.header
                or len(text) < 25
                or not re.match(r"\s*(?:report|series|stud)", text[marker.end() :], re.I)
            ):
                current = switch(number)
                if sentence.header or len(text) < 25:
                    continue
        if sentence.header:
            continue
        found = signals.ages_in(sentence)
        moved = marker is not None
        # (the prefilters read the unstripped sentence: it holds every word of ``text``)
        if not moved and search(rules["first_patient"], text, sentence.folded) and by_index:
            current, moved = switch(1), True
        if not moved:
            new = search(rules["new_patient"], text, sentence.folded)
            if new is not None and current is not None:
                number_match = re.search(r"\((?:patient|case)\s+(\w+)\)", new.group(), re.IGNORECASE)
                current = switch(number_word(number_match.group(1)) if number_match else None)
                moved = True
        if (
            not moved
            and family
            and current is not None
            and current.sentences  # a case heading ("Case 2:") has just opened this patient
            and search(rules["relative_opener"], text, sentence.folded)
        ):
            relative = next((a for a in found if a.years is not None and not a.onset and not a.group), None)
            if relative is not None:
                current, moved = switch(), True
                # the relative is this patient: their age introduces them
                found = [replace(a, intro=True, relative=False) if a is relative else a for a in found]
        if (
            not moved
            and current is not None
            and current.age is not None
            and (
                (family and search(rules["ordinal_relative_opener"], text, sentence.folded))
                or (
                    search(rules["birth_order_opener"], text, sentence.folded)
                    and any(a.years is not None and abs(a.years - current.age) > 0.01 for a in found)
                )
            )
        ):
            # "The younger brother, aged 25, ..." after the elder one has been described
            current, moved = switch(), True
            found = [replace(a, intro=True, relative=False) if a.relative else a for a in found]
        opens_paragraph = sentence.paragraph != last_paragraph
        last_paragraph = sentence.paragraph
        if not moved and current is not None and (sentence.category == "case" or several or opens_paragraph):
            intro = next((a for a in found if a.intro and a.years is not None and not a.onset), None)
            if intro is not None and current.age is not None and abs(current.age - (intro.years or 0.0)) > 0.01:
                current = switch()
            elif intro is not None and current.age is not None:
                sex = _SEX_OF_NOUN.get(intro.noun or "")
                first = next((a for a in current.ages if a.intro), None)
                if first is not None and sex and _SEX_OF_NOUN.get(first.noun or "") not in (None, sex):
                    current = switch()
        if current is None:
            current = switch()
        current.add(sentence, found)
    if not patients:
        switch()
    for sentence in deferred:
        found = signals.ages_in(sentence)
        target: PatientText | None = None
        if len(patients) == 1:
            target = patients[0]
        else:
            for mention in found:
                target = next(
                    (
                        p
                        for p in patients
                        if p.age is not None and mention.years is not None and abs(p.age - mention.years) < 0.01
                    ),
                    None,
                )
                if target is not None:
                    break
        if target is not None:
            target.add(sentence, found)
    return patients


def _person_list(sentence: Sentence, signals: _Signals) -> list[tuple[int, float | None, str | None, str]]:
    """The people a sentence enumerates, in order: (position, years, sex, text)."""
    text = sentence.text
    entries: list[tuple[int, float | None, str | None, str]] = []
    covered: list[tuple[int, int]] = []
    for match in _AGE_LIST.finditer(text):
        if match.group("aged") is None and match.group("old") is None:
            continue  # "between 2 and 5 years" is a span of time, not two ages
        unit = _UNIT_YEARS.get((match.group("unit") or "years").lower().rstrip("s"), 1.0)
        for number in re.finditer(r"\d{1,3}", match.group("list")):
            entries.append((match.start("list") + number.start(), int(number.group()) * unit, None, number.group()))
        covered.append(match.span())
    for mention in signals.ages_in(sentence):
        pos, end = mention.start - sentence.start, mention.end - sentence.start
        # a mention overlapping a listed age ("women aged 48" in "women aged 48 and 69 years") is that age
        if mention.years is None or mention.onset or mention.group or any(pos < hi and lo < end for lo, hi in covered):
            continue
        # the age's own noun, a relative's included ("her 15-year-old son")
        sex = _SEX_OF_NOUN.get(mention.noun or "") or _SEX_OF_RELATIVE.get(mention.noun or "")
        start = pos
        if sex is None:
            before = _SEX_BEFORE_AGE.search(text, max(0, pos - 30), pos)
            noun = before.group("noun").lower() if before else ""
            sex = _SEX_OF_NOUN.get(noun) or _SEX_OF_RELATIVE.get(noun)
            if before is not None:
                start = before.start()  # "a girl aged 3 weeks" is one person, not "a girl" and an age
        entries.append((pos, mention.years, sex, mention.text))
        covered.append((start, end))
    for match in _DESCRIPTOR.finditer(text):
        if any(lo <= match.start("noun") < hi for lo, hi in covered):
            continue
        entries.append((match.start(), None, _SEX_OF_NOUN.get(match.group("noun").lower()), match.group()))
    entries.sort(key=lambda e: e[0])
    return entries


def _enumerations(
    layout: Layout, signals: _Signals, rules: ZoneRules, announced: tuple[int, Sentence] | None
) -> list[Sentence]:
    """Sentences that may enumerate the announced patients: the announcing sentence, then others of
    the front matter, abstract or case that announce the same number or speak of the patients as a
    group ("Our patients were 29 and 33 years old", "involving an elderly woman and a young man")."""
    if announced is None:
        return []
    count, first = announced
    found = [first]
    for sentence in layout.sentences:
        if sentence is first or sentence.caption or sentence.header:
            continue
        if sentence.category not in ("front", "abstract", "case", "background"):
            continue
        f = signals.of(sentence)
        if f["cohort"] or f["citation"]:
            continue
        match = search(rules["announced_count"], sentence.text, sentence.folded)
        same = match is not None and (2 if match.group("pair") else number_word(match.group("count"))) == count
        if same or search(rules["patient_group"], sentence.text, sentence.folded):
            found.append(sentence)
    return found


def _fill_announced(
    patients: list[PatientText],
    announced: tuple[int, Sentence] | None,
    signals: _Signals,
    candidates: list[Sentence] | None = None,
) -> None:
    """Patients the authors announce and enumerate ("an elderly woman and a middle-aged man") but
    the text describes fewer of (a truncated copy, or all of them in one sentence). The enumeration
    is read from the first of ``candidates`` (the announcing sentence first) that lists as many
    people as were announced."""
    if announced is None:
        return
    count, sentence = announced
    announcing = sentence
    if count < 2 or (len(patients) >= count and all(p.age is not None for p in patients[:count])):
        return
    for candidate in candidates or [sentence]:
        entries = _person_list(candidate, signals)
        if len(entries) == count:
            sentence = candidate
            break
    else:
        return
    by_index = {p.index: p for p in patients}
    list_ages = {a.start for a in signals.ages_in(sentence)}
    # the group's sex, where the enumeration or the announcement names it ("two sisters")
    group_sex = {_GROUP_SEX[m.group().lower()] for m in _GROUP_NOUN.finditer(sentence.text)} or {
        _GROUP_SEX[m.group().lower()] for m in _GROUP_NOUN.finditer(announcing.text)
    }
    told_apart = any(s is not sentence for p in patients[1:] for s in p.sentences)
    for number, (pos, years, sex, text) in enumerate(entries, start=1):
        sex = sex or (next(iter(group_sex)) if len(group_sex) == 1 else None)
        patient = by_index.get(number)
        if patient is None:
            patient = by_index[number] = PatientText(number)
            patients.append(patient)
        if sentence not in patient.sentences:
            patient.sentences.append(sentence)
        own = [a for a in patient.ages if a.start not in list_ages]
        if years is not None and (patient.age is None or not any(not a.onset and a.years for a in own)):
            start = sentence.start + pos
            synthetic = AgeMention(
                start=start, end=start + len(text), years=round(years, 4), text=text, noun=None, intro=True, onset=False
            )
            patient.ages = [synthetic, *own]
        if sex is not None and patient.sex_hint is None:
            patient.sex_hint = sex
    patients.sort(key=lambda p: p.index)
    if not told_apart:
        _share_joint_paragraph(patients[:count], sentence)
    clauses = _clause_per_person(sentence, [pos for pos, *_ in entries])
    if clauses is not None:
        # "The first was a woman with dermatomyositis; the second a man with end-stage renal
        # disease": each patient has their own clause, not the other's disease
        for number, clause in enumerate(clauses, start=1):
            patient = by_index[number]
            patient.sentences = [clause if s is sentence else s for s in patient.sentences]


def _clause_per_person(sentence: Sentence, positions: list[int]) -> list[Sentence] | None:
    """The clause of each person a sentence enumerates when a semicolon parts every two of them
    ("The first was ...; the second was ..."), in order; None when one clause holds several."""
    text = sentence.text
    bounds = [0]
    for before, after in itertools.pairwise(positions):
        semicolon = text.rfind(";", before, after)
        if semicolon < 0:
            return None
        bounds.append(semicolon + 1)
    bounds.append(len(text))
    return [_part(sentence, lo, hi) for lo, hi in itertools.pairwise(bounds)]


def _share_joint_paragraph(patients: list[PatientText], joint: Sentence) -> None:
    """The patients are introduced together in one sentence of the case and never told apart ("Two
    sisters, aged 12 and 15 years, presented with ..."): what follows in the same paragraph is
    about all of them, not only the first (each keeps their own age)."""
    first = patients[0]
    if joint not in first.sentences:
        return
    after = [s for s in first.sentences if s.start > joint.start and s.paragraph == joint.paragraph]
    for patient in patients[1:]:
        for sentence in after:
            if sentence not in patient.sentences:
                patient.sentences.append(sentence)
