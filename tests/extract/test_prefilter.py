"""The literal prefilters never reject a text their regex matches (they only save time)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcidx.extract import demographics, sections
from calcidx.extract.diagnosis import load_diagnosis_rules
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.labs_text import LabPatterns
from calcidx.extract.prefilter import (
    alternatives,
    compile_gated,
    first_character_gate,
    fold,
    matches,
    may_match,
    requirement,
    search,
    words_of,
)
from calcidx.extract.rules import (
    load_exposure_site_rules,
    load_histology_finding_rules,
    load_medication_status_rules,
    load_rules,
    load_zone_rules,
    phrase_regex,
)
from calcidx.extract.sections import analyse_layout

FIXTURES = sorted((Path(__file__).parent / "fixtures").rglob("*.txt"))


def _screened() -> dict[str, re.Pattern[str]]:
    """Every regex the extractor runs behind a prefilter."""
    patterns = {rule_id: rule.pattern for rule_id, rule in load_zone_rules().rules.items()}
    diagnosis = load_diagnosis_rules()
    patterns["diagnosis.generic"] = diagnosis.generic
    for statement in diagnosis.statements:
        patterns[f"diagnosis.{statement.id}"] = statement.pattern
    return patterns


PATTERNS = _screened()


def _samples() -> list[str]:
    """Rule examples and counter-examples, and every sentence of the example reports."""
    texts: list[str] = []
    for rule in load_zone_rules().rules.values():
        texts += [*rule.examples, *rule.counter_examples]
    for statement in load_diagnosis_rules().statements:
        texts += statement.examples
    rules = load_rules()
    for path in FIXTURES:
        texts += [s.text for s in analyse_layout(path.read_text(encoding="utf-8"), rules).sentences]
    return texts


SAMPLES = _samples()


def test_simple_patterns_need_their_words() -> None:
    assert requirement(re.compile(r"\bwe (?:report|present)\b", re.I)).clauses == (("we report", "we present"),)
    assert requirement(re.compile(r"[a-z]+ed\b")).clauses == (("ed",),)
    assert requirement(re.compile(r"colou?r", re.I)).clauses == (("color", "colour"),)
    # an alternative without a literal leaves nothing required
    assert requirement(re.compile(r"abc|\d+")).clauses == ()
    # a regex tied to the start of the text is cheap on its own: no prefilter
    assert requirement(re.compile(r"^case \d", re.I)).clauses == ()
    assert search(re.compile(r"\bwe report\b", re.I), "Here We Report a case") is not None
    assert search(re.compile(r"\bwe report\b", re.I), "nothing of the kind") is None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("this", "TH\u0131S"),  # dotless i
        ("this", "thi\u017f"),  # long s
        ("this", "TH\u0130S"),  # capital I with dot
        ("kidney", "\u212aIDNEY"),  # Kelvin sign
    ],
)
def test_letters_ignorecase_equates_with_ascii_pass_the_prefilter(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert compiled.search(text) is not None
    assert requirement(compiled).admits(fold(text))
    assert search(compiled, text) is not None


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_sample_the_rule_matches_is_rejected(name: str) -> None:
    pattern = PATTERNS[name]
    for text in [*SAMPLES, *(t.upper() for t in SAMPLES), *(t.lower() for t in SAMPLES)]:
        expected = pattern.search(text)
        found = search(pattern, text)
        assert (found and found.span()) == (expected and expected.span()), (name, text)


def _pieces() -> list[str]:
    """Words of the prefilters themselves, so that random texts come near the rules."""
    words = {s for p in PATTERNS.values() for clause in requirement(p).clauses for s in clause}
    return [*sorted(words), "\u0131", "\u017f", "\u0130", "\u212a", " ", ",", "(", "1", "A", "s", "i"]


PIECES = _pieces()


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(PATTERNS)),
    parts=st.lists(st.sampled_from(PIECES), max_size=12),
    upper=st.booleans(),
)
def test_random_texts_get_the_regexs_own_answer(name: str, parts: list[str], upper: bool) -> None:
    text = " ".join(parts)
    text = text.upper() if upper else text
    pattern = PATTERNS[name]
    expected = pattern.search(text)
    found = search(pattern, text)
    assert (found and found.span()) == (expected and expected.span())


_FORWARD_FUNCTION_END = re.compile(r"(?:,|\b(?:" + "|".join(sections._FUNCTION_WORDS) + r")|-)\s*$", re.IGNORECASE)
_FORWARD_TERMINAL_END = re.compile(r"[.!?:;]['\")\]]*\s*$")


@settings(max_examples=500, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from(["and", "AND", "an", "s", "wa", "ſ", "ı", " ", "\n", ",", "-", ".", ")", '"', ":", "é", "_"]),
        max_size=8,
    )
)
def test_line_ends_read_backwards_as_the_end_anchored_regexes_read_them(parts: list[str]) -> None:
    line = "".join(parts)
    assert sections._function_end(line) == bool(_FORWARD_FUNCTION_END.search(line))
    assert sections._terminal_end(line) == bool(_FORWARD_TERMINAL_END.search(line))


def test_a_pattern_with_a_weak_prefilter_is_cut_into_its_alternatives() -> None:
    # one alternative needs only a comma: the whole requirement screens nothing
    weak = re.compile(r"\d+,\d+|\bet al\b|\bdoi:", re.IGNORECASE)
    cut = alternatives(weak)
    assert cut is not None and len(cut.branches) == 3
    # a group around the alternation is distributed over it: x(?:A|B)y == xAy|xBy
    grouped = alternatives(re.compile(r"\b(?:[a-z]+,|et al|in the literature)\b", re.IGNORECASE))
    assert grouped is not None and len(grouped.branches) == 3
    assert matches(weak, "Smith ET AL. described it")
    assert not matches(weak, "no such words, or numbers")
    # a selective requirement, a start anchor or a back-reference: never cut
    assert alternatives(re.compile(r"\bwe (?:report|present)\b")) is None
    assert alternatives(re.compile(r"^(?:a|b),")) is None
    assert alternatives(re.compile(r"(\w)\1|,x")) is None


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_yes_no_tests_give_the_regexs_own_answer_on_every_sample(name: str) -> None:
    pattern = PATTERNS[name]
    for text in [*SAMPLES, *(t.upper() for t in SAMPLES), *(t.lower() for t in SAMPLES)]:
        assert matches(pattern, text) == (pattern.search(text) is not None), (name, text)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(PATTERNS)),
    parts=st.lists(st.sampled_from(PIECES), max_size=12),
    upper=st.booleans(),
)
def test_yes_no_tests_give_the_regexs_own_answer_on_random_texts(name: str, parts: list[str], upper: bool) -> None:
    text = " ".join(parts)
    text = text.upper() if upper else text
    pattern = PATTERNS[name]
    assert matches(pattern, text) == (pattern.search(text) is not None)


def test_first_character_gate_lists_what_every_alternative_starts_with() -> None:
    assert first_character_gate(r"(hyper\w+)|(hypo\w+)|(normo\w+)", re.IGNORECASE) == "(?=[hn])"
    assert first_character_gate(r"(?:ab|cd)e|fg") == "(?=[acf])"
    # an alternative that may start with anything, or a single first character: no gate
    assert first_character_gate(r"ab|\w+") == ""
    assert first_character_gate(r"a?b|cd") == ""
    assert first_character_gate(r"ab|ac") == ""


def _without_gate(pattern: re.Pattern[str], gate: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    assert gate in pattern.pattern
    return pattern, re.compile(pattern.pattern.replace(gate, "", 1), pattern.flags)


_AGE_ANCHOR = demographics._anchor(load_rules())
_GATED = {
    "age anchor": _without_gate(_AGE_ANCHOR, _AGE_ANCHOR.pattern[: _AGE_ANCHOR.pattern.index("])") + 2]),
    "lab states": _without_gate(LabPatterns(load_rules()).states, "(?=[hnv])"),
    "phrases": _without_gate(phrase_regex(["kidney", "Iliac", "scrotum", "all normal", "non-"]), "(?=[aikns])"),
}
_GATE_PIECES = [
    "kidney",
    "KIDNEY",
    "\u212aidney",
    "iliac",
    "\u0130liac",
    "\u0131liac",
    "scrotum",
    "\u017fcrotum",
    "ALL",
    "normal",
    "non-",
    "hypercalcaemia",
    "Normocalcemic",
    "aged",
    "old",
    "OLD",
    "in her",
    "octogenarian",
    "Nonagenarians",
    "centenarian",
    "ſexagenarian",
    "45F",
    "3 yo",
    "8 years, male",
    "x",
    "-",
    " ",
    "1",
    "\n",
]


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(_GATED)), parts=st.lists(st.sampled_from(_GATE_PIECES), max_size=10))
def test_a_first_character_gate_changes_no_match(name: str, parts: list[str]) -> None:
    text = "".join(parts)
    gated, plain = _GATED[name]
    assert [(m.span(), m.lastindex) for m in gated.finditer(text)] == [
        (m.span(), m.lastindex) for m in plain.finditer(text)
    ]


def test_a_plan_is_read_alike_with_and_without_the_word_screen() -> None:
    patterns = CasePatterns(load_rules())
    plans = [*load_rules().planned_cues, *load_rules().planned_pseudo]
    texts = [*SAMPLES, *plans, *(f"We {cue} the drug." for cue in plans)]
    assert any(patterns.plans(text) for text in texts)
    for text in texts:
        assert patterns.plans(text, fold(text)) == patterns.plans(text), text


def _screened_phrases() -> dict[str, re.Pattern[str]]:
    patterns = CasePatterns(load_rules())
    found = {
        name: getattr(patterns, name)
        for name in ("imaging", "histology", "lesion", "morphology", "outcome", "treat_verbs", "laterality")
    }
    found["with a hyphen"] = phrase_regex(["x-ray", "non-", "follow up", "o'clock"])
    found["screened"] = phrase_regex(["x-ray", "self- limiting", "kidney", "Iliac", "scrotum"])
    found["prefix"] = phrase_regex(["non-", "kidney", "all normal"])
    return found


SCREENED = _screened_phrases()


def test_the_word_screen_knows_the_first_words_of_plain_phrases() -> None:
    assert may_match(SCREENED["screened"], words_of("the x-ray of the kidney"))
    assert not may_match(SCREENED["screened"], words_of("an xx-ray of the kidneys"))
    # a prefix phrase: a word run that starts with it
    assert may_match(SCREENED["prefix"], words_of("a non-calcified nodule"))
    assert not may_match(SCREENED["prefix"], words_of("a none calcified nodule"))
    # a prefix phrase or a word of other characters: no screen, the regex decides
    assert may_match(SCREENED["with a hyphen"], words_of("nothing"))
    # a combining dot (a dotted capital I lowers to one) could join two words: no screen
    assert words_of("\u0130liac".lower()) is None and may_match(SCREENED["screened"], None)


_SCREEN_PIECES = [
    *_GATE_PIECES,
    "x-ray",
    "X-RAY",
    "self-",
    "limiting",
    "\u0131liac",
    "calcified",
    "nodules",
    "_",
    "biopsy",
    "CT",
    "c\u0307t",
    "(",
    "2",
    "\u212aIDNEY",
    "-",
]


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(SCREENED)), parts=st.lists(st.sampled_from(_SCREEN_PIECES), max_size=10))
def test_the_word_screen_never_rejects_a_text_the_phrase_regex_matches(name: str, parts: list[str]) -> None:
    text = "".join(parts)
    pattern = SCREENED[name]
    if pattern.search(text) is not None:
        assert may_match(pattern, words_of(text.lower()))


@pytest.mark.parametrize("name", sorted(SCREENED))
def test_the_word_screen_passes_every_sample_the_phrase_regex_matches(name: str) -> None:
    pattern = SCREENED[name]
    for text in [*SAMPLES, *(t.upper() for t in SAMPLES)]:
        if pattern.search(text) is not None:
            assert may_match(pattern, words_of(text.lower())), (name, text)


def _ungated(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The rule's own regex without the first-character gate ``compile_gated`` put in front."""
    source = pattern.pattern
    if not source.startswith("(?=["):
        return None
    cut = source.index("])(?:") + 5
    assert source.endswith(")")
    return re.compile(source[cut:-1], pattern.flags)


def _rule_patterns() -> dict[str, re.Pattern[str]]:
    """Every regex compiled from a rule file: zones, diagnosis, exposure sites, medication status,
    histology findings."""
    found = dict(PATTERNS)
    found.update({name: rule.pattern for name, rule in load_exposure_site_rules().items()})
    found.update({f"medication.{rule.id}": rule.pattern for rule in load_medication_status_rules()})
    found.update({f"histology.{rule.id}": rule.pattern for rule in load_histology_finding_rules().rules})
    return found


GATED_RULES = {name: (p, plain) for name, p in _rule_patterns().items() if (plain := _ungated(p)) is not None}


def test_compile_gated_puts_the_gate_in_front_only_where_it_may() -> None:
    assert (
        compile_gated(r"\b(?:is|are) known|in some cases", re.I).pattern
        == r"(?=[ai])(?:\b(?:is|are) known|in some cases)"
    )
    assert compile_gated(r"^(?:a|b)c").pattern == r"^(?:a|b)c"  # tied to the start: no gate
    assert compile_gated(r"(?i)ab|cd").pattern == r"(?i)ab|cd"  # global flags stay first
    assert "generic_statement" in GATED_RULES and "diagnosis.generic" in GATED_RULES
    assert any(name.startswith("medication.") for name in GATED_RULES)


@pytest.mark.parametrize("name", sorted(GATED_RULES))
def test_a_gated_rule_finds_what_its_own_regex_finds_in_every_sample(name: str) -> None:
    gated, plain = GATED_RULES[name]
    for text in [*SAMPLES, *(t.upper() for t in SAMPLES)]:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(GATED_RULES)),
    parts=st.lists(st.sampled_from([*PIECES, *_GATE_PIECES]), max_size=12),
    upper=st.booleans(),
)
def test_a_gated_rule_finds_what_its_own_regex_finds_in_random_texts(name: str, parts: list[str], upper: bool) -> None:
    text = " ".join(parts)
    text = text.upper() if upper else text
    gated, plain = GATED_RULES[name]
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _brute_force(clauses: tuple[tuple[str, ...], ...], folded: str) -> bool:
    return all(any(s in folded for s in clause) for clause in clauses)


_LONG_CLAUSES = (
    ("we found", "a total of", "we reviewed", "our series", "cases", "reports", "studies"),
    ("he", "she", "her", "his", "him", "they", "their", "them"),
)
_CLAUSE_PIECES = [
    "we found",
    "a total",
    "of",
    "cases",
    "she",
    "the",
    "m",
    "our ser",
    "ies",
    "reports",
    " ",
    "x",
]


@given(parts=st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=12))
def test_a_long_clause_read_by_its_automaton_answers_as_substring_tests_do(parts: list[str]) -> None:
    from calcidx.extract.prefilter import Requirement

    text = "".join(parts)
    clauses = (*_LONG_CLAUSES, ("of",))
    assert Requirement(clauses).admits(text) == _brute_force(clauses, text)


def test_strings_found_in_a_text_are_those_it_contains_overlaps_included() -> None:
    from calcidx.extract.prefilter import Strings

    strings = Strings(["our patient", "patient", "tie", "we report", ""])
    assert strings.found_in("in our patient we saw") == {"our patient", "patient", "tie"}
    assert strings.any_in("a patient")
    assert not strings.any_in("a case")
    assert Strings([]).found_in("anything") == set()
    assert not Strings([]).any_in("anything")
