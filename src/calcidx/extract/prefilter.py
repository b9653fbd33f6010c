"""Literal prefilters for regexes: skip a text in which a pattern cannot match, without running it.

Python's ``re`` tries every position of a text, and a rule such as "a generic statement" (several
look-behinds before ``is|are``) costs tens of microseconds per sentence even where it cannot match.
``requirement(pattern)`` reads the pattern's syntax tree once and derives words every match must
contain: a conjunction of clauses, each a set of lower-case ASCII strings one of which must occur
("strong_reference" needs "our patient" or "we report" or ...). ``search`` runs the regex only on
texts that contain a string of every clause, which is a few ``str.__contains__`` calls.

The requirement is necessary, never sufficient: every construct the derivation does not read
(classes, categories, back-references, non-ASCII letters) counts as "any text", so a prefilter can
let through a text the regex then rejects, but never reject a text the regex would match. The text
side is ``fold(text)``: lower case, plus the few non-ASCII letters ``re.IGNORECASE`` matches to
ASCII ones (dotless i, long s, dotted capital I). Answers are therefore the regex's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's opcodes (CPython 3.11+)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

__all__ = [
    "Alternatives",
    "Requirement",
    "Strings",
    "alternatives",
    "compile_gated",
    "first_character_gate",
    "fold",
    "matches",
    "may_match",
    "register_first_words",
    "requirement",
    "search",
    "words_of",
]

#: Most alternative strings one node may stand for before the derivation gives up on spelling
#: them out (and keeps only what is certain).
_MAX_STRINGS = 16
#: Most clauses a requirement keeps (the most selective ones): each clause costs a test per text.
_MAX_CLAUSES = 6

# Non-ASCII characters that re.IGNORECASE matches to ASCII letters, and how lower() leaves them:
# U+0131 dotless i, U+017F long s, and U+0130 (lower() gives "i" + U+0307 combining dot). The
# Kelvin sign lowers to "k" already.
_FOLD_FIXES = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0307": None})

Clause = tuple[str, ...]


def fold(text: str) -> str:
    """``text`` as the prefilters read it: lower case, with the letters IGNORECASE equates to ASCII."""
    return fold_lower(text.lower())


def fold_lower(lower: str) -> str:
    """``fold`` of a text whose ``str.lower()`` is ``lower`` (saves lowering twice)."""
    # str.translate walks the text in Python-object steps: only when a fixed letter is there
    if lower.isascii() or not ("\u0131" in lower or "\u017f" in lower or "\u0307" in lower):
        return lower
    return lower.translate(_FOLD_FIXES)


class _Info:
    """What a node of the syntax tree matches: exactly one of ``exact`` (strings), or, when that
    set is unknown or too large, text that satisfies every clause of ``clauses``."""

    __slots__ = ("clauses", "exact")

    def __init__(self, exact: frozenset[str] | None = None, clauses: tuple[frozenset[str], ...] = ()) -> None:
        self.exact = exact
        self.clauses = clauses

    def required(self) -> tuple[frozenset[str], ...]:
        """The clauses this node imposes on any text it matches."""
        if self.exact is None:
            return self.clauses
        return () if "" in self.exact else (self.exact,)


_ANYTHING = _Info()
_EMPTY = _Info(exact=frozenset({""}))


def _simplify(clauses: list[frozenset[str]] | tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """Drop strings implied by a shorter one of the same clause and clauses implied by another;
    keep the most selective (longest shortest string, then fewest strings)."""
    reduced = {frozenset(s for s in clause if not any(t != s and t in s for t in clause)) for clause in clauses}
    ordered = sorted(reduced, key=lambda c: (-min(map(len, c)), len(c), sorted(c)))
    kept: list[frozenset[str]] = []
    for clause in ordered:
        if not any(k <= clause for k in kept):
            kept.append(clause)
    return tuple(kept[:_MAX_CLAUSES])


def _sequence(items: Any) -> _Info:
    """A concatenation: exact strings are joined while their number stays small."""
    current: set[str] = {""}
    clauses: list[frozenset[str]] = []
    exact = True
    for item in items:
        info = _node(item)
        if info.exact is not None and len(current) * len(info.exact) <= _MAX_STRINGS:
            current = {a + b for a in current for b in info.exact}
            continue
        exact = False
        if "" not in current:
            clauses.append(frozenset(current))
        if info.exact is not None:
            current = set(info.exact)
        else:
            clauses.extend(info.clauses)
            current = {""}
    if exact:
        return _Info(exact=frozenset(current))
    if "" not in current:
        clauses.append(frozenset(current))
    return _Info(clauses=_simplify(clauses))


def _alternatives(branches: list[Any]) -> _Info:
    """An alternation: the union of exact sets, else one clause set that every branch satisfies."""
    infos = [_sequence(branch) for branch in branches]
    if all(info.exact is not None for info in infos):
        union = frozenset().union(*(info.exact or () for info in infos))
        if len(union) <= _MAX_STRINGS:
            return _Info(exact=union)
    required = [info.required() for info in infos]
    if any(not r for r in required):
        return _ANYTHING
    combinations = 1
    for r in required:
        combinations *= len(r)
    if combinations > _MAX_STRINGS:
        required = [r[:1] for r in required]  # each branch's best clause alone is still required
    # (A1 and A2) or (B1 and B2) == (A1 or B1) and (A1 or B2) and (A2 or B1) and (A2 or B2)
    return _Info(clauses=_simplify([frozenset().union(*choice) for choice in product(*required)]))


def _node(item: tuple[Any, Any]) -> _Info:
    op, av = item
    if op is sre.LITERAL:
        return _Info(exact=frozenset({chr(av).lower()})) if av < 128 else _ANYTHING
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # zero width
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        return _alternatives(av[1])
    if op is sre.IN:
        if len(av) <= 4 and all(kind is sre.LITERAL and code < 128 for kind, code in av):
            return _Info(exact=frozenset(chr(code).lower() for _, code in av))
        return _ANYTHING
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        inner = _sequence(body)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(exact=inner.exact | {""})
            return _ANYTHING
        if low == high == 1:
            return inner
        return _Info(clauses=inner.required())
    return _ANYTHING  # NOT_LITERAL, ANY, GROUPREF, GROUPREF_EXISTS, ...


def _anchored(items: Any) -> bool:
    """Whether every match must start at the beginning of the text (``^...`` in every branch)."""
    for op, av in items:
        if op is sre.AT:
            return bool(av is sre.AT_BEGINNING or av is sre.AT_BEGINNING_STRING)
        if op is sre.SUBPATTERN:
            return _anchored(av[3])
        if op is sre.BRANCH:
            return all(_anchored(branch) for branch in av[1])
        return False
    return False


class Requirement:
    """Strings a text must contain for a pattern to match in it: one of each clause.

    A clause of a few strings is tested with ``in`` per string; a clause of ``_AUTOMATON_FROM``
    strings or more ("we found", "a total of", ... 39 ways to cite a source) is one Aho-Corasick
    automaton that reads the text once and stops at the first string found.
    """

    __slots__ = ("_tests", "clauses")

    def __init__(self, clauses: tuple[Clause, ...]) -> None:
        self.clauses = clauses
        self._tests = tuple(_clause_test(clause) for clause in clauses)

    def admits(self, folded: str) -> bool:
        """Whether the pattern may match a text whose ``fold`` is ``folded``."""
        return _admits(self._tests, folded)


class Strings:
    """A fixed set of lower-case strings, found in a text in one pass (an Aho-Corasick automaton).

    ``found_in(text)`` is ``{s for s in strings if s in text}`` without a scan per string.
    """

    __slots__ = ("_automaton", "strings")

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = frozenset(s for s in strings if s)
        self._automaton = ahocorasick.Automaton()
        for string in self.strings:
            self._automaton.add_word(string, string)
        if self.strings:
            self._automaton.make_automaton()

    def found_in(self, text: str) -> set[str]:
        """The strings that occur in ``text``."""
        if not self.strings:
            return set()
        return {string for _, string in self._automaton.iter(text)}

    def any_in(self, text: str) -> bool:
        """Whether one of the strings occurs in ``text``."""
        if self.strings:
            for _ in self._automaton.iter(text):
                return True
        return False


#: Fewest strings in a clause for which one automaton pass is cheaper than ``in`` per string
#: (measured on the dev corpus's sentences: about half the time from six strings up).
_AUTOMATON_FROM = 6

#: A clause as tested: its strings for ``in``, and for a long clause the automaton of them.
_ClauseTest = tuple[Clause, Strings | None]


def _clause_test(clause: Clause) -> _ClauseTest:
    if len(clause) < _AUTOMATON_FROM or "" in clause:  # an empty string is in every text
        return clause, None
    return clause, Strings(clause)


def _admits(tests: tuple[_ClauseTest, ...], folded: str) -> bool:
    contains = folded.__contains__
    for clause, automaton in tests:
        if automaton is None:
            if not any(map(contains, clause)):
                return False
        elif not automaton.any_in(folded):
            return False
    return True


#: Requirements by the source and flags of their pattern (what the requirement depends on). The
#: source string keeps its hash; hashing the compiled pattern would hash its whole code each time.
_REQUIREMENTS: dict[tuple[str, int], Requirement] = {}


def requirement(pattern: re.Pattern[str]) -> Requirement:
    """The literal requirement of ``pattern`` (derived once per pattern source, then kept)."""
    key = (pattern.pattern, pattern.flags)
    found = _REQUIREMENTS.get(key)
    if found is not None:
        return found
    try:
        found = _requirement_of(sre_parse.parse(pattern.pattern, pattern.flags))
    except (re.error, RecursionError, TypeError, ValueError):
        found = Requirement(())  # no requirement: the regex always runs
    _REQUIREMENTS[key] = found
    return found


def _requirement_of(tree: Any) -> Requirement:
    """The requirement of a parsed pattern (none when it is tied to the start of the text)."""
    if _anchored(tree):  # a regex tied to the start of the text fails fast on its own
        return Requirement(())
    info = _sequence(tree)
    return Requirement(tuple(tuple(sorted(clause, key=lambda s: (len(s), s))) for clause in info.required()))


def search(pattern: re.Pattern[str], text: str, folded: str | None = None) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped when the prefilter rules a match out.

    Args:
        pattern: the regex.
        text: the text to search.
        folded: ``fold(text)`` when the caller has it (one fold serves many patterns).
    """
    found = requirement(pattern)
    if found.clauses and not found.admits(fold(text) if folded is None else folded):
        return None
    return pattern.search(text)


class Alternatives:
    """A pattern cut into its top-level alternatives, each compiled alone with its own prefilter.

    ``A|B|C`` matches somewhere in a text exactly when one of ``A``, ``B``, ``C`` does, so a yes/no
    test may run only the alternatives whose words the text holds. Worth it for a pattern whose
    requirement as a whole is weak (one alternative needs only a comma, another ``et al``): the
    whole regex would try every alternative at every position of every sentence.
    """

    __slots__ = ("branches",)

    def __init__(self, branches: tuple[tuple[re.Pattern[str], Requirement], ...]) -> None:
        self.branches = branches

    def found(self, text: str, folded: str) -> bool:
        """Whether the whole pattern matches somewhere in ``text`` (``folded`` is ``fold(text)``)."""
        for pattern, need in self.branches:  # noqa: SIM110 (a loop: any() over a generator costs more here)
            if _admits(need._tests, folded) and pattern.search(text) is not None:
                return True
        return False


#: Alternatives by the source and flags of their pattern; None where the pattern is not cut.
_ALTERNATIVES: dict[tuple[str, int], Alternatives | None] = {}


def alternatives(pattern: re.Pattern[str]) -> Alternatives | None:
    """``pattern`` cut into its alternatives, or None when cutting would not pay (derived once).

    A pattern is cut when its top level is one alternation (``A|B``, or ``x(?:A|B)y`` read as
    ``xAy|xBy``), it has no back-reference, it is not tied to the start of the text, its own
    requirement is weak (none, or a clause that a single character satisfies) and it has no
    first-character gate (``first_character_gate``).
    """
    key = (pattern.pattern, pattern.flags)
    if key in _ALTERNATIVES:
        return _ALTERNATIVES[key]
    try:
        found = _cut(pattern)
    except (re.error, RecursionError, TypeError, ValueError):
        found = None
    _ALTERNATIVES[key] = found
    return found


def _cut(pattern: re.Pattern[str]) -> Alternatives | None:
    whole = requirement(pattern)
    if whole.clauses and all(min(map(len, clause)) > 1 for clause in whole.clauses):
        return None  # the whole requirement already screens well
    if first_character_gate(pattern.pattern, pattern.flags):
        return None  # the regex engine skips most positions at once (compile_gated): cutting costs more
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    if _anchored(tree) or _refers_back(items):
        return None
    for index, (op, av) in enumerate(items):
        if op is sre.BRANCH:
            choices = av[1]
        elif op is sre.SUBPATTERN and not av[1] and not av[2] and len(av[3]) == 1 and av[3][0][0] is sre.BRANCH:
            choices = av[3][0][1][1]  # a group around one alternation, without flags of its own
        else:
            continue
        branches = []
        for choice in choices:
            sub = sre_parse.SubPattern(tree.state, [*items[:index], *choice, *items[index + 1 :]])
            branches.append((sre_compile.compile(sub, pattern.flags), _requirement_of(sub)))
        return Alternatives(tuple(branches))
    return None


def _refers_back(items: Any) -> bool:
    """Whether a parsed pattern holds a back-reference (its group may sit in another alternative)."""
    for op, av in items:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            return True
        if op is sre.SUBPATTERN:
            children = [av[3]]
        elif op is sre.BRANCH:
            children = list(av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            children = [av[2]]
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            children = [av[1]]
        elif op is sre.ATOMIC_GROUP:
            children = [av]
        else:
            continue
        if any(_refers_back(child) for child in children):
            return True
    return False


def matches(pattern: re.Pattern[str], text: str, folded: str | None = None) -> bool:
    """``pattern.search(text) is not None``, by the cheapest route: the prefilter, and for a pattern
    with a weak prefilter only the alternatives whose words ``text`` holds.

    Args:
        pattern: the regex.
        text: the text to search.
        folded: ``fold(text)`` when the caller has it.
    """
    if folded is None:
        folded = fold(text)
    cut = alternatives(pattern)
    if cut is not None:
        return cut.found(text, folded)
    return search(pattern, text, folded) is not None


#: Most characters a first-character gate may list: with more, the alternatives' own first
#: characters reject a position about as fast as the gate would.
MAX_GATE = 12


def first_character_gate(source: str, flags: int = 0) -> str:
    """A look-ahead that ``source`` needs at every position it can match at: ``(?=[...])`` of the
    first characters of its alternatives, or "" when one does not start with a plain character
    (or when there are more than ``MAX_GATE`` of them).

    Put in front of the pattern it changes no match: it only states what each alternative tests
    first, but the regex engine then rejects every other position with one test instead of trying
    each alternative (which it does one by one under ``re.IGNORECASE``).
    """
    firsts: set[str] = set()
    try:
        items = list(sre_parse.parse(source, flags))
    except (re.error, RecursionError):
        return ""
    if not _first_characters(items, firsts) or not 1 < len(firsts) <= MAX_GATE:
        return ""
    return "(?=[" + "".join(re.escape(char) for char in sorted(firsts)) + "])"


def compile_gated(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, with its ``first_character_gate`` in front when it has one
    (the same matches, found faster); raises ``re.error`` as ``re.compile`` does."""
    gate = first_character_gate(source, flags)
    if gate:
        try:
            return re.compile(f"{gate}(?:{source})", flags)
        except re.error:  # global inline flags must stay at the start (an invalid source fails below)
            pass
    return re.compile(source, flags)


def _first_characters(items: Any, out: set[str]) -> bool:
    """Add the characters a match of ``items`` may start with to ``out``; False when unknown."""
    if not items:
        return False
    op, av = items[0]
    if op in (sre.ASSERT, sre.ASSERT_NOT) or (op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)):
        return _first_characters(items[1:], out)  # zero width: the next item consumes the first character
    if op is sre.LITERAL:
        out.add(chr(av))
        return True
    if op is sre.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own
        return _first_characters(av[3], out) if av[3] else _first_characters(items[1:], out)
    if op is sre.BRANCH:
        return all(_first_characters(list(branch), out) for branch in av[1])
    return False


#: The first words of the phrases of each phrase regex (``rules.phrase_regex`` registers them), and
#: the prefixes ("non-") a word run starts with where a prefix phrase matches.
_FIRST_WORDS: dict[tuple[str, int], tuple[frozenset[str], tuple[str, ...]]] = {}

#: What the word screen calls a word: a run of word characters and hyphens, the same runs the
#: phrase regexes' ``(?<![\w-])`` and ``(?![\w-])`` delimit.
_WORD_RUN = re.compile(r"[\w-]+")


def register_first_words(pattern: re.Pattern[str], words: frozenset[str], prefixes: tuple[str, ...] = ()) -> None:
    """Record that every match of ``pattern`` starts a word run of the folded text, a run that is one
    of ``words`` or starts with one of ``prefixes`` (what a phrase regex of plain ASCII phrases
    guarantees)."""
    _FIRST_WORDS[(pattern.pattern, pattern.flags)] = (words, prefixes)


def words_of(lower: str) -> frozenset[str] | None:
    """The word runs of ``fold`` of a text whose ``str.lower()`` is ``lower``; None when folding
    would drop a character (a combining dot above, also what a dotted capital I lowers to): two
    runs could then join into one the original does not have."""
    if "\u0307" in lower:
        return None
    return frozenset(_WORD_RUN.findall(fold_lower(lower)))


def may_match(pattern: re.Pattern[str], words: frozenset[str] | None) -> bool:
    """Whether ``pattern`` may match a text whose word runs are ``words`` (``words_of``): False only
    for a registered phrase regex none of whose first words (or prefixes) is among them."""
    screen = _FIRST_WORDS.get((pattern.pattern, pattern.flags))
    if screen is None or words is None:
        return True
    first, prefixes = screen
    return not first.isdisjoint(words) or (bool(prefixes) and any(w.startswith(prefixes) for w in words))
