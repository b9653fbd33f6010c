"""The authors' stated diagnosis: the statement, where it stands, and the subtype or sub-form it names.

Statements are read from titles, captions, the abstract and the patient's own sentences with the
rules of ``data/diagnosis.yaml`` ("a diagnosis of ... was made", "consistent with", "we report a
case of ..."); sentences about the disease in general or about other patients (the literature)
are skipped. A subtype adjective counts only when it modifies a calcification head word
("metastatic calcinosis", never "metastatic breast carcinoma").
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from calcidx.extract.abbreviations import Abbreviation
from calcidx.extract.components import Mention
from calcidx.extract.prefilter import Strings, compile_gated, matches, requirement
from calcidx.extract.sections import Sentence

__all__ = [
    "Diagnosis",
    "DiagnosisRules",
    "Statement",
    "abbreviation_map",
    "choose_diagnosis",
    "find_diagnoses",
    "header_diagnoses",
    "implied_subtype",
    "load_diagnosis_rules",
    "named_subtype",
    "self_statements",
    "title_diagnoses",
]

_TITLE_CUT = re.compile(r"\s*(?::|\s[–—-]\s|\|)\s*|\s*\b(?:a case report|case report|a report of)\b", re.IGNORECASE)
_CAPTION_PREFIX = re.compile(r"^\s*(?:figure|fig\.?)\s*\d+[a-z]?\s*[:.]?\s*(?:\(?[a-z](?:[–-][a-z])?\)\s*)?", re.I)
_LEADING_PERSON = re.compile(
    r"^(?:an?\s+)?\d+[- ](?:year|month|week|day)s?[- ]old\b[^,;]{0,40}?\bwith\s+", re.IGNORECASE
)
_FIGURE_REFERENCE = re.compile(r"\s*\((?:figure|fig\.?|table)[^)]*\)", re.IGNORECASE)
_WHERE = {"abstract": "abstract", "case": "case", "conclusion": "conclusion"}
_WHERE_BONUS = {"title": 2, "abstract": 2, "case": 1, "conclusion": 1}


@dataclass(frozen=True)
class Statement:
    """One way of stating a diagnosis (a rule of ``diagnosis.yaml``)."""

    id: str
    strength: int
    pattern: re.Pattern[str]
    needs: tuple[str, ...]
    examples: tuple[str, ...]
    #: the statement points at the authors' own case ("this is a case of", "we report"): it may be
    #: read outside the abstract and the patient's sentences (introduction, discussion)
    self_referential: bool = False


@dataclass(frozen=True)
class DiagnosisRules:
    """The statement rules, the words that link a subtype to a head, and the filters."""

    statements: tuple[Statement, ...]
    stops: re.Pattern[str]
    excluded_before: re.Pattern[str]
    generic: re.Pattern[str]
    own_case: re.Pattern[str]
    subtype_words: dict[str, str]
    subtype_names: re.Pattern[str]
    subtype_name_codes: dict[str, str]
    heads: re.Pattern[str]
    head_words: tuple[str, ...]
    max_between: int
    breakers: frozenset[str]
    header: re.Pattern[str]
    inline_header: re.Pattern[str]
    header_max_words: int
    quiz_answer_max_words: int
    predicate: re.Pattern[str]
    implied_window: int
    self_marker: re.Pattern[str]
    self_sections: frozenset[str]
    #: a finite verb: a line ending with a full stop that holds one is a sentence, not a title
    title_verb: re.Pattern[str] = re.compile(r"(?!)")
    #: what follows one of these words is what the lesion resembled ("plaques simulating calciphylaxis")
    resemblance: re.Pattern[str] = re.compile(r"(?!)")
    #: a title part that denies what it names ("Not calciphylaxis: cholesterol emboli"): no statement
    title_negation: re.Pattern[str] = re.compile(r"(?!)")
    #: a statement's own words that deny it ("Impression: calciphylaxis unlikely", "Dx: not c/w
    #: calciphylaxis", "calciphylaxis - ruled out"): no statement
    denied_statement: re.Pattern[str] = re.compile(r"(?!)")
    #: where the implied window ends early: the sentence's next predicate ("... has CKD stage 4")
    implied_window_ends: re.Pattern[str] = re.compile(r"(?!)")
    #: words after a named diagnosis that drop it ("... was considered but not confirmed", "... was
    #: later ruled out"): searched from the diagnosis's start to the end of its clause
    dropped_after: re.Pattern[str] = re.compile(r"(?!)")
    #: every statement's words (``needs``), and those of the self-referential statements
    needs: Strings = field(default_factory=lambda: Strings(()))
    self_needs: Strings = field(default_factory=lambda: Strings(()))
    #: a statement that names a past episode ("a history of calciphylaxis 5 years ago"): not the
    #: patient's diagnosis now
    historical: re.Pattern[str] = re.compile(r"(?!)")
    #: one option of a quiz's list ("B. Metastatic calcinosis cutis"): groups l1/l2/l3 (the letter), option
    quiz_option: re.Pattern[str] = re.compile(r"(?!)")
    #: a quiz's answer given as the option's letter alone ("Answer: B.", "The answer is (c).")
    quiz_answer_letter: re.Pattern[str] = re.compile(r"(?!)")


def _alternation(words: Iterable[str]) -> str:
    """One regex alternative per term, longest first; words may be joined by spaces or hyphens."""
    ordered = sorted({_norm(w) for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"[\s-]+".join(re.escape(part) for part in w.split()) for w in ordered)


def _norm(phrase: str) -> str:
    return " ".join(re.split(r"[\s-]+", phrase.lower())).strip()


def _knowledge_heads() -> list[str]:
    """Calcification head terms the knowledge bundle names (disease terms, HPO calcification labels)."""
    from calcidx.knowledge.loader import load_bundle

    bundle = load_bundle()
    terms: list[str] = []
    for disease in bundle.disease.values():
        terms.extend([disease.label, *disease.synonyms])
    # calcification terms only: the list also holds ossification markers (osteoma cutis), look-alikes
    terms.extend(t.label for t in bundle.calcification_terms if "calc" in t.label.lower())
    return terms


@functools.cache
def load_diagnosis_rules() -> DiagnosisRules:
    """The rules of ``extract/data/diagnosis.yaml`` (read once)."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("calcidx.extract").joinpath("data/diagnosis.yaml").read_text(encoding="utf-8")
    )
    statements = tuple(
        Statement(
            id=str(item["id"]),
            strength=int(item["strength"]),
            pattern=compile_gated(str(item["pattern"]), re.IGNORECASE),
            needs=tuple(str(n).lower() for n in item["needs"]),
            examples=tuple(str(e) for e in item.get("examples", [])),
            self_referential=bool(item.get("self_referential", False)),
        )
        for item in raw["statements"]
    )
    names = {_norm(str(k)): str(v) for k, v in raw["subtype_names"].items()}
    heads = [*raw["calcinosis_heads"], *_knowledge_heads()]
    return DiagnosisRules(
        statements=statements,
        stops=re.compile(
            "".join(f"(?<!{re.escape(str(w))})" for w in raw.get("stops_kept_after", []))
            + "(?:"
            + "|".join(re.escape(s) for s in raw["stops"])
            + ")",
            re.IGNORECASE,
        ),
        excluded_before=re.compile(r"\b(?:" + "|".join(str(w) for w in raw["excluded_before"]) + r")\b", re.I),
        historical=re.compile(str(raw.get("historical_statement", "(?!)")), re.IGNORECASE),
        quiz_option=re.compile(str(raw.get("quiz_option", "(?!)"))),
        quiz_answer_letter=re.compile(str(raw.get("quiz_answer_letter", "(?!)")), re.IGNORECASE),
        generic=compile_gated("|".join(f"(?:{p})" for p in raw["generic_sentences"]), re.IGNORECASE),
        own_case=compile_gated("|".join(f"(?:{p})" for p in raw["own_case"]), re.IGNORECASE),
        subtype_words={str(k).lower(): str(v) for k, v in raw["subtype_words"].items()},
        subtype_names=compile_gated(rf"(?<![\w-])(?:{_alternation(names)})(?![\w-])", re.IGNORECASE),
        subtype_name_codes=names,
        heads=compile_gated(rf"(?<![\w-])(?:{_alternation(heads)})(?![\w-])", re.IGNORECASE),
        head_words=tuple(str(h) for h in raw["calcinosis_heads"]),
        max_between=int(raw["max_words_between"]),
        breakers=frozenset(str(w).lower() for w in raw["link_breakers"]),
        header=re.compile(str(raw["diagnosis_header"]), re.IGNORECASE),
        inline_header=re.compile(str(raw["diagnosis_inline_header"]), re.IGNORECASE),
        title_verb=re.compile(str(raw.get("title_verb", "(?!)")), re.IGNORECASE),
        resemblance=re.compile(
            r"\b(?:" + "|".join(str(w) for w in raw.get("resemblance_words", ["(?!)"])) + r")\b", re.IGNORECASE
        ),
        title_negation=re.compile(str(raw.get("title_negation", "(?!)")), re.IGNORECASE),
        denied_statement=re.compile(str(raw.get("denied_statement", "(?!)")), re.IGNORECASE),
        header_max_words=int(raw["diagnosis_header_max_words"]),
        quiz_answer_max_words=int(raw["quiz_answer_max_words"]),
        predicate=re.compile(str(raw["predicate_link"]), re.IGNORECASE),
        implied_window=int(raw["implied_window"]),
        implied_window_ends=re.compile(str(raw.get("implied_window_ends", "(?!)")), re.IGNORECASE),
        dropped_after=re.compile(str(raw.get("dropped_after", "(?!)")), re.IGNORECASE),
        self_marker=compile_gated(str(raw["self_marker"]), re.IGNORECASE),
        self_sections=frozenset(str(c) for c in raw["self_sections"]),
        needs=Strings(need for statement in statements for need in statement.needs),
        self_needs=Strings(need for statement in statements if statement.self_referential for need in statement.needs),
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
    where: str | None = None
    cue: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    basis: str | None = None


def abbreviation_map(abbreviations: Sequence[Abbreviation]) -> dict[str, str]:
    """Short form -> long form (the first definition of each short form)."""
    found: dict[str, str] = {}
    for abbr in abbreviations:
        found.setdefault(abbr.short, abbr.long)
    return found


def named_subtype(phrase: str, rules: DiagnosisRules | None = None) -> str | None:
    """The subtype a diagnosis phrase names, or None.

    A subtype name ("calciphylaxis", "calcific uraemic arteriolopathy") counts anywhere; a subtype
    adjective only when it modifies a calcification head within a few words ("idiopathic scrotal
    calcinosis") or follows one as its type ("calcinosis cutis of the dystrophic type").
    """
    dr = rules or load_diagnosis_rules()
    name = dr.subtype_names.search(phrase)
    if name is not None:
        return dr.subtype_name_codes[_norm(name.group())]
    words = list(re.finditer(r"[A-Za-z][A-Za-z-]*", phrase))
    for index, word in enumerate(words):
        code = dr.subtype_words.get(word.group().lower())
        if code is None:
            continue
        for follower in words[index + 1 : index + 2 + dr.max_between]:
            if dr.heads.match(phrase, follower.start()):
                return code
            if follower.group().lower() in dr.breakers:
                break
        # "calcinosis cutis, dystrophic type" / "calcinosis cutis of the dystrophic type" / "(dystrophic)"
        before = phrase[max(0, word.start() - 40) : word.start()]
        after = phrase[word.end() : word.end() + 12]
        if dr.heads.search(before) and re.match(r"\s*(?:type|form|variant|\))", after, re.IGNORECASE):
            return code
        # "the calcification was thought to be dystrophic": the head is the subject, the adjective its predicate
        subject = phrase[max(0, word.start() - 80) : word.start()]
        link = dr.predicate.search(subject)
        if link is not None and dr.heads.search(subject[: link.start()][-30:]):
            return code
    return None


def _clean(dx: str, rules: DiagnosisRules) -> str:
    dx = _LEADING_PERSON.sub("", " ".join(dx.split()))
    cut = rules.stops.search(" " + dx)
    if cut is not None and cut.start() > 3:
        dx = dx[: cut.start() - 1]
    if "(" in dx:  # the figure reference needs its parenthesis
        dx = _FIGURE_REFERENCE.sub("", dx)
    return dx.strip(" ,;:-(").rstrip(")") if dx.count("(") < dx.count(")") else dx.strip(" ,;:-(")


def _within(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The mentions inside ``[start, end)`` (``mentions`` are sorted by start)."""
    index = bisect_left(mentions, start, key=lambda m: m.start)
    out = []
    for mention in mentions[index:]:
        if mention.start >= end:
            break
        if mention.end <= end:
            out.append(mention)
    return out


def _clause_from(text: str, start: int) -> str:
    """``text`` from ``start`` to the end of its clause (a semicolon or a full stop)."""
    end = min((i for i in (text.find(";", start), text.find(". ", start)) if i >= 0), default=len(text))
    return text[start:end]


#: a negating prefix right before a name ("non-hyperphosphatemic", "non hyperphosphataemic")
_NEGATING_PREFIX = re.compile(r"\bnon[- ]?$", re.IGNORECASE)

#: where the name of a resembled disease ends ("mimicking xanthoma[ – ]a presentation of gout")
_CLAUSE_BREAK = re.compile(r"\s*(?:[–—:;,(]|\s-\s|\.\s)")


def _judge(
    dx: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    abbrs: dict[str, str],
    score: int,
    *,
    where: str | None,
    cue: str,
    sentence: Sentence,
) -> Diagnosis | None:
    rules = load_diagnosis_rules()
    if rules.denied_statement.search(dx):
        return None  # "calciphylaxis unlikely", "not c/w calciphylaxis": the words deny it
    like = rules.resemblance.search(dx)
    skip = (end, end)
    if like is not None:
        # "plaques simulating calciphylaxis" / "nodules mimicking xanthoma - a presentation of gout":
        # what was resembled, up to the next clause break, is not the diagnosis
        brk = _CLAUSE_BREAK.search(dx, like.end())
        upto = brk.start() if brk is not None else len(dx)
        skip = (start + like.start(), start + upto)
        dx = f"{dx[: like.start()].rstrip(' ,;:-(')} {dx[upto:].lstrip(' ,;:-–—')}".strip()
        if len(dx) < 3:
            return None
    # ``k in dx`` first: the word-bounded regex can only match where the short form occurs
    expanded = dx + " " + " ".join(v for k, v in abbrs.items() if k in dx and re.search(rf"\b{re.escape(k)}\b", dx))

    def named(mention: Mention) -> bool:
        """The statement names this mention: not inside what it resembled, and not negated by its
        prefix ("non-hyperphosphatemic tumoral calcinosis" is no hyperphosphatemic familial one)."""
        return not skip[0] <= mention.start < skip[1] and not _NEGATING_PREFIX.search(
            dx, 0, max(0, mention.start - start)
        )

    inside = [m for m in _within(mentions, start, end) if named(m)]
    subform = next((k[1] for m in inside for k in m.keys if k[0] == "subform"), None)
    lookalike = any(k[0] == "lookalike" for m in inside for k in m.keys)
    has_head = (
        rules.heads.search(expanded) is not None or rules.subtype_names.search(expanded) is not None or bool(subform)
    )
    if not has_head and not lookalike:
        return None
    subtype = named_subtype(expanded, rules)
    basis: str | None = "named" if subtype else None
    if subtype is None and lookalike and not has_head:
        subtype, basis = "not_calcinosis", "lookalike"
    if subtype is None:
        # what the lesion resembled implies nothing ("calcinosis cutis mimicking a basal cell carcinoma")
        window_end = min(max(sentence.end, end), end + rules.implied_window)
        # a verb after the diagnosis's head word starts the patient's next fact ("calcinosis of the
        # fingers has CKD stage 4"); one before it is the diagnosis's own ("ALL who developed calcinosis")
        offset, head = sentence.start, rules.heads.search(dx)
        after_head = start + (head.end() if head is not None else 0) - offset
        if (stop := rules.implied_window_ends.search(sentence.text, after_head, window_end - offset)) is not None:
            window_end = offset + stop.start()
        near = [m for m in _within(mentions, start, window_end) if named(m)]
        subtype, basis = implied_subtype(near)
    bonus = _WHERE_BONUS.get(where or "", 0) + (3 if basis == "named" else 2 if subtype else 0) + (1 if subform else 0)
    return Diagnosis(dx, start, end, subtype, subform, score + bonus, where, cue, sentence.start, sentence.end, basis)


def implied_subtype(mentions: Sequence[Mention]) -> tuple[str | None, str | None]:
    """The subtype a statement implies by the sub-form, exposure or condition it names, and which.

    "Scrotal calcinosis" (a sub-form with one parent), "calcinosis cutis after calcium gluconate
    extravasation" (an exposure the knowledge links to iatrogenic), "calcinosis cutis in
    dermatomyositis" (a condition linked to dystrophic). None when they point different ways.
    """
    from calcidx.knowledge.loader import load_bundle

    kb = load_bundle()
    for table, basis in (("subform", "subform"), ("exposure", "exposure"), ("condition", "condition")):
        found: set[str] = set()
        for mention in mentions:
            for key_table, item_id in mention.keys:
                if key_table != table:
                    continue
                if table == "subform" and item_id in kb.subforms and len(kb.subforms[item_id].subtypes) == 1:
                    found.add(kb.subforms[item_id].subtypes[0])
                elif table == "exposure" and item_id in kb.exposures and kb.exposures[item_id].points_to:
                    found.add(str(kb.exposures[item_id].points_to))
                elif table == "condition" and item_id in kb.conditions and kb.conditions[item_id].points_to:
                    found.add(str(kb.conditions[item_id].points_to))
        if len(found) == 1:
            return found.pop(), basis
        if len(found) > 1:
            return None, None
    return None, None


def _where(sentence: Sentence) -> str:
    if sentence.caption:
        return "caption"
    return _WHERE.get(sentence.category, "body")


def title_diagnoses(
    sentences: Iterable[Sentence],
    mentions: Sequence[Mention],
    abbrs: dict[str, str] | None = None,
    lone: frozenset[int] = frozenset(),
    *,
    capitals_mark_titles: bool = True,
) -> list[Diagnosis]:
    """Diagnoses named by a title line or a figure caption ("Iatrogenic calcinosis cutis in a ...").

    ``lone`` holds the starts of sentences that are a line of their own: such a line may end with a
    full stop and still be the title (titles copied from a bibliographic record do), unless it
    speaks of the disease in general. A line in capitals is a title even with a full stop, unless
    ``capitals_mark_titles`` is False (a text written all in capitals).
    """
    rules = load_diagnosis_rules()
    found = []
    for sentence in sentences:
        text = sentence.text
        offset = 0
        if sentence.caption:
            prefix = _CAPTION_PREFIX.match(text)
            offset = prefix.end() if prefix else 0
        elif len(text.split()) > 30 or (
            text.rstrip().endswith(".")
            and not (capitals_mark_titles and text.isupper())
            and (
                sentence.start not in lone
                or is_generic(text, rules, sentence.folded)
                or rules.title_verb.search(text) is not None
            )
        ):
            continue  # a sentence, not a title (a title in capitals may end with a full stop)
        body = text[offset:]
        cut = _TITLE_CUT.search(body)
        if cut is not None and cut.start() > 3:
            body = body[: cut.start()]
        dx = _clean(body, rules)
        if len(dx) < 4:
            continue
        start = sentence.start + text.find(dx, offset)
        where = "caption" if sentence.caption else "title"
        cue = "dx.caption" if sentence.caption else "dx.title"
        strength = 0 if sentence.caption else 2
        denied = rules.title_negation.match(dx) is not None
        diagnosis = (
            None
            if denied
            else _judge(
                dx, start, start + len(dx), mentions, abbrs or {}, strength, where=where, cue=cue, sentence=sentence
            )
        )
        if diagnosis is None and not sentence.caption and not denied:
            # the calcification stands after a cut ("Juvenile dermatomyositis in a child with calcinosis"):
            # the whole title is the statement
            whole = " ".join(body.split()).strip(" ,;:-")
            at = text.find(whole, offset) if whole else -1
            if at >= 0 and whole != dx:
                start = sentence.start + at
                diagnosis = _judge(
                    whole,
                    start,
                    start + len(whole),
                    mentions,
                    abbrs or {},
                    strength - 1,
                    where=where,
                    cue=cue,
                    sentence=sentence,
                )
        if diagnosis is None and not sentence.caption and cut is not None:
            # the part before the first colon is not the diagnosis ("Smith and Lee: Excision of
            # dystrophic calcification ..."): the later parts of the title may name it
            for part in _TITLE_CUT.split(text[offset:])[1:]:
                part = _clean(part, rules)
                at = text.find(part, offset) if len(part) >= 4 else -1
                if at < 0 or rules.title_negation.match(part):
                    continue
                start = sentence.start + at
                diagnosis = _judge(
                    part,
                    start,
                    start + len(part),
                    mentions,
                    abbrs or {},
                    strength - 1,
                    where=where,
                    cue=cue,
                    sentence=sentence,
                )
                if diagnosis is not None:
                    break
        if diagnosis is not None:
            found.append(diagnosis)
    return found


def header_diagnoses(
    sentences: Sequence[Sentence], mentions: Sequence[Mention], abbrs: dict[str, str] | None = None
) -> list[Diagnosis]:
    """The line after a bare "Diagnosis:" header, or the answer on the header's own line ("The
    Diagnosis: Calciphylaxis"): quiz and teaching formats."""
    rules = load_diagnosis_rules()
    found = []
    for index, sentence in enumerate(sentences):
        inline = rules.inline_header.match(sentence.text)
        if inline is None or len(inline.group("dx").split()) > rules.header_max_words:
            continue
        letter = rules.quiz_answer_letter.match(sentence.text)
        option = _quiz_option(sentences, index, letter.group("letter"), rules) if letter else None
        if option is not None:  # "Answer: B." names the option of that letter
            text, start, listed = option
            diagnosis = _judge(
                text,
                start,
                start + len(text),
                mentions,
                abbrs or {},
                3,
                where=_where(listed),
                cue="dx.header",
                sentence=listed,
            )
            if diagnosis is not None:
                found.append(diagnosis)
            continue
        dx = _clean(inline.group("dx"), rules)
        if len(dx) < 3:
            continue
        if inline.groupdict().get("sentence") and (
            len(dx.split()) > rules.quiz_answer_max_words or rules.title_verb.search(dx)
        ):
            continue  # a clause about the diagnosis, not a quiz's answer
        start = sentence.start + sentence.text.find(dx)
        where = _where(sentence)
        diagnosis = _judge(
            dx, start, start + len(dx), mentions, abbrs or {}, 3, where=where, cue="dx.header", sentence=sentence
        )
        if diagnosis is not None:
            found.append(diagnosis)
    for index, sentence in enumerate(sentences[:-1]):
        if not rules.header.match(sentence.text):
            continue
        for answer in _answers(sentences[index + 1 : index + 1 + _LIST_SCAN]):
            dx = _clean(_LIST_MARKER.sub("", answer.text), rules).rstrip(".")
            if len(dx) < 3 or len(dx.split()) > rules.header_max_words:
                continue
            start = answer.start + answer.text.find(dx)
            diagnosis = _judge(
                dx,
                start,
                start + len(dx),
                mentions,
                abbrs or {},
                3,
                where=_where(answer),
                cue="dx.header",
                sentence=answer,
            )
            if diagnosis is not None:
                found.append(diagnosis)
    return found


#: how many sentences after a diagnosis header are read for a list of diagnoses (and before a
#: quiz's answer for its options)
_LIST_SCAN = 12


def _quiz_option(
    sentences: Sequence[Sentence], index: int, letter: str, rules: DiagnosisRules
) -> tuple[str, int, Sentence] | None:
    """The option of ``letter`` (its text, its start offset and its sentence) in the nearest list of
    two or more options before the answer at ``sentences[index]``; None when there is none."""
    for sentence in reversed(sentences[max(0, index - _LIST_SCAN) : index]):
        options = {
            str(m.group("l1") or m.group("l2") or m.group("l3")).lower(): m
            for m in rules.quiz_option.finditer(sentence.text)
        }
        if len(options) >= 2:
            chosen = options.get(letter.lower())
            if chosen is None:
                return None
            return chosen.group("option"), sentence.start + chosen.start("option"), sentence
    return None


#: a list item's marker ("1.", "2)", "-", "•", "a.")
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-•*])\s*", re.IGNORECASE)
_BARE_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]?|[a-z][.)]|[-•*])\s*$", re.IGNORECASE)


def _answers(following: Sequence[Sentence]) -> list[Sentence]:
    """The answer after a diagnosis header: the next line, or every item of the list that follows
    (a line that is only the item's number is skipped), up to the next header."""
    if not following:
        return []
    items = [s for s in following if not _BARE_MARKER.match(s.text)]
    if not items:
        return []
    listed = _LIST_MARKER.match(items[0].text) is not None or _BARE_MARKER.match(following[0].text) is not None
    if not listed:
        return [items[0]]
    answers: list[Sentence] = []
    for sentence in following:
        if sentence.header or sentence.text.rstrip().endswith(":"):
            break
        if not _BARE_MARKER.match(sentence.text):
            answers.append(sentence)
    return answers


def is_generic(text: str, rules: DiagnosisRules | None = None, folded: str | None = None) -> bool:
    """Whether a sentence speaks of the disease in general or of other patients, not of this case.

    ``folded`` is ``prefilter.fold(text)`` when the caller has it (a ``Sentence`` keeps it).
    """
    dr = rules or load_diagnosis_rules()
    return matches(dr.generic, text, folded) and dr.own_case.search(text) is None


def find_diagnoses(
    sentences: Iterable[Sentence],
    mentions: Sequence[Mention],
    *,
    base_score: int = 0,
    abbrs: dict[str, str] | None = None,
    self_only: bool = False,
) -> list[Diagnosis]:
    """Diagnosis statements about calcinosis (or a look-alike) in ``sentences``.

    The subtype comes from the words of the statement ("dystrophic calcinosis", "calciphylaxis");
    a statement that names a look-alike and no calcification gives ``not_calcinosis``. Sentences
    about the literature or the disease in general are skipped. ``self_only`` uses only the
    statements that point at the authors' own case.
    """
    rules = load_diagnosis_rules()
    statements = [st for st in rules.statements if st.self_referential] if self_only else rules.statements
    needs = rules.self_needs if self_only else rules.needs
    found: list[Diagnosis] = []
    for sentence in sentences:
        text = sentence.text
        if sentence.header:
            continue
        lower = sentence.lower
        # the statements whose words the sentence has (one automaton pass over the sentence) before
        # the generic test
        words = needs.found_in(lower)
        if not words:
            continue
        candidates = [st for st in statements if not words.isdisjoint(st.needs)]
        if not candidates or is_generic(text, rules, sentence.folded):
            continue
        where = _where(sentence)
        for statement in candidates:
            if not requirement(statement.pattern).admits(sentence.folded):
                continue
            for match in statement.pattern.finditer(text):
                if rules.excluded_before.search(text[max(0, match.start() - 40) : match.start("dx")]):
                    continue
                if rules.dropped_after.search(_clause_from(text, match.start("dx"))):
                    continue  # "a diagnosis of X was considered but not confirmed"
                dx = _clean(match.group("dx"), rules)
                if len(dx) < 2 or rules.historical.match(dx):
                    continue
                offset = text.find(dx, match.start("dx"))
                if offset < 0:
                    continue
                start = sentence.start + offset
                diagnosis = _judge(
                    dx,
                    start,
                    start + len(dx),
                    mentions,
                    abbrs or {},
                    base_score + statement.strength,
                    where=where,
                    cue=statement.id,
                    sentence=sentence,
                )
                if diagnosis is not None:
                    found.append(diagnosis)
    return found


def self_statements(
    sentences: Iterable[Sentence], mentions: Sequence[Mention], abbrs: dict[str, str] | None = None
) -> list[Diagnosis]:
    """The authors naming their own case outside the abstract and the case ("This is the first
    case report of idiopathic calcinosis of the eyelid" in the introduction).

    Only the self-referential statements are read, only in the sections ``self_sections`` of
    ``diagnosis.yaml`` and only in sentences with a first-person or deictic marker ("we", "our",
    "this", "here"), a point below the same statement in the abstract.
    """
    rules = load_diagnosis_rules()
    # a sentence with none of the statements' words gives none (find_diagnoses skips it): that
    # substring test goes before the marker's regex
    needs = rules.self_needs
    chosen = [
        s
        for s in sentences
        if not s.header
        and not s.caption
        and s.category in rules.self_sections
        and needs.any_in(s.lower)
        and rules.self_marker.search(s.text)
    ]
    return find_diagnoses(chosen, mentions, base_score=-1, abbrs=abbrs, self_only=True)


def choose_diagnosis(own: Sequence[Diagnosis], document: Sequence[Diagnosis]) -> tuple[Diagnosis, str | None] | None:
    """The statement that best gives this patient's stated diagnosis, and the sub-form.

    A statement that names a subtype beats one that does not; then the higher score (cue strength,
    where it stands), then the patient's own sentences over the document's, then the earlier one.
    The sub-form comes from the chosen statement, else from any other statement.
    """
    ranked = sorted(
        [(d, 1) for d in own] + [(d, 0) for d in document],
        key=lambda pair: (pair[0].subtype is not None, pair[0].score, pair[1], -pair[0].start),
    )
    if not ranked:
        return None
    best = ranked[-1][0]
    subform = best.subform
    if subform is None:
        subform = next((d.subform for d, _ in reversed(ranked) if d.subform), None)
    return best, subform
