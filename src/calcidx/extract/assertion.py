"""Assertion status of a mention, ConText-style.

ConText (Harkema H, Dowling JN, Thornblade T, Chapman WW. J Biomed Inform 2009;42:839-51) finds
trigger phrases and extends their scope forward or backward to the end of the sentence or to a
terminator. Here triggers are found once per document with one regex; a mention's status is decided
by scanning the triggers of its own sentence. Known traps handled: "X is negative for Y" (the
trigger is "negative for", forward, so X stays present), a trigger's scope stops at a colon or
semicolon (a header such as "Family history: none" does not negate the next item), pseudo-triggers
("no increase", "not only") block shorter triggers, and a trigger inside a concept's own words
("no calcification", "von Kossa stain was negative") belongs to that mention: it asserts nothing
about another mention outside it (medspaCy's pruning of modifiers that overlap a target, kept for
the mentions nested inside, so "non-uremic" still negates "uremic"); a mention that carries its own
negation names a negative result and is not negated again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from calcidx.errors import KnowledgeError
from calcidx.extract.rules import ContextTrigger, Rules, phrase_regex

__all__ = ["ContextPatterns", "TriggerHit", "TriggerIndex", "find_triggers", "own_triggers", "trigger_types"]

#: how much text before and after a trigger its scope rules look at
_BEFORE_CHARS = 50
_AFTER_CHARS = 80

_PRIORITY = {"absent": 0, "hypothetical": 1, "possible": 2, "family": 3, "historical": 4}


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in the text."""

    start: int
    end: int
    category: str
    direction: str
    text: str
    max_scope: int | None = None
    allowed_types: tuple[str, ...] = ()
    owner: tuple[int, int] | None = None
    #: the scope runs through a comma-separated list (``ContextTrigger.list_scope``)
    list_scope: bool = False
    #: the scope ends at a comma (``ContextTrigger.clause_scope``)
    clause_scope: bool = False
    #: a family trigger that is no clause's subject (a family history, a relative after a
    #: preposition): its scope also ends at the sentence's own verb (``family_topic_end``)
    topic_scope: bool = False


_WORD = re.compile(r"\w+")


def trigger_types(keys: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """What a trigger's ``allowed_types`` may name to reach a mention of the concepts ``keys``:
    each concept's vocabulary table ("condition") and the concept itself ("condition:dialysis")."""
    keys = tuple(keys)
    return (*dict.fromkeys(table for table, _ in keys), *(f"{table}:{concept}" for table, concept in keys))


class ContextPatterns:
    """The trigger and terminator regexes of one rule set, compiled once per pipeline."""

    def __init__(self, rules: Rules) -> None:
        self.by_phrase: dict[str, ContextTrigger] = {t.phrase: t for t in rules.triggers}
        words = [p for p in self.by_phrase if any(c.isalnum() for c in p)]
        self.pattern = phrase_regex(words)
        # a trigger of symbols only ("?" in a note's "?calciphylaxis") stands right before a word
        symbols = sorted((p for p in self.by_phrase if p not in words), key=lambda p: (-len(p), p))
        self.symbol_pattern = (
            re.compile(r"(?<![\w?])(?:" + "|".join(map(re.escape, symbols)) + r")(?=[ \t]?[A-Za-z])")
            if symbols
            else None
        )
        self.symbol_starts = frozenset(p[0] for p in symbols)
        terminators = list(rules.terminators)
        comma_verbs = ""
        if rules.comma_clause_verbs:
            verbs = "|".join(re.escape(v) for v in sorted(rules.comma_clause_verbs, key=lambda v: (-len(v), v)))
            comma_verbs = rf"|,\s*(?:and\s+)?(?:{verbs})\b"
        # a verb after a noun phrase opens the predicate ("with no history developed papules")
        comma_verbs += "|" + _scope_rule(rules, "predicate_after_noun_phrase").pattern
        self.terminator = re.compile(
            phrase_regex(terminators).pattern + r"|[;:]|\s-\s|\s–\s" + comma_verbs, re.IGNORECASE
        )
        # purpose and uncertainty clauses ("To exclude X, tests were done") end at a comma
        self.clause_terminator = re.compile(self.terminator.pattern + r"|,", re.IGNORECASE)
        # a hypothetical trigger after its concept speaks of the whole noun phrase before it ("end-stage
        # renal disease with secondary hyperparathyroidism is the most common cause of ..."): "with"
        # does not end that scope
        subject_words = [w for w in terminators if w != "with"]
        self.subject_terminator = re.compile(
            phrase_regex(subject_words).pattern + r"|[;:,]|\s-\s|\s–\s" + comma_verbs, re.IGNORECASE
        )
        # the scope rules (what each is for: ``context.yaml``)
        self.family_terminator = _scope_rule(rules, "family_clause_end")
        self.family_history_phrase = _scope_rule(rules, "family_history_phrase")
        self.relative_after_preposition = _scope_rule(rules, "relative_after_preposition")
        self.family_topic_end = _scope_rule(rules, "family_topic_end")
        self.family_history_heading = _scope_rule(rules, "family_history_heading")
        self.field_answered_no = _scope_rule(rules, "field_answered_no")
        self.box_unchecked = _scope_rule(rules, "box_unchecked")
        self.relative_possessive = _scope_rule(rules, "relative_possessive")
        self.relative_role = _scope_rule(rules, "relative_role")
        self.relative_narrates = _scope_rule(rules, "relative_narrates")
        self.relative_brought = _scope_rule(rules, "relative_brought")
        self.relative_coordinated = _scope_rule(rules, "relative_coordinated")
        self.relative_shared = _scope_rule(rules, "relative_shared")
        self.relative_opens_clause = _scope_rule(rules, "relative_opens_clause")
        self.relative_says_what = _scope_rule(rules, "relative_says_what")
        self.relative_apposition = _scope_rule(rules, "relative_apposition")
        self.relative_apposition_open = _scope_rule(rules, "relative_apposition_open")
        self.whose_clause_opens = _scope_rule(rules, "whose_clause_opens")
        self.whose_clause_predicate = _scope_rule(rules, "whose_clause_predicate")
        self.looks_forward = _scope_rule(rules, "looks_forward")
        self.verb_with_object = _scope_rule(rules, "verb_with_object")
        self.duration_after = _scope_rule(rules, "duration_after")
        self.subject_gap = _scope_rule(rules, "subject_noun_phrase_gap")
        self.subject_start = _scope_rule(rules, "subject_noun_phrase_start")
        self.verb_before = _scope_rule(rules, "clause_verb_before")
        self.answer_options = _scope_rule(rules, "answer_options")


#: a quiz's answer line after its options ("Answer: (b)", "The answer is B.") and how far it is looked for
_ANSWER_LINE = re.compile(r"\banswer(?:\s+is)?\s*[:\-]?\s*\(?(?P<letter>[a-e])\)?(?![\w])", re.IGNORECASE)
_ANSWER_WINDOW = 200
#: an option's letter in a list of options ("(b)", "B)")
_OPTION_LETTER = re.compile(r"\(?(?P<letter>[A-Ea-e])\)\s")


def _scope_rule(rules: Rules, rule_id: str) -> re.Pattern[str]:
    found = rules.scope_rules.get(rule_id)
    if found is None:
        raise KnowledgeError(f"context.yaml: the scope rule {rule_id!r} is missing (ConText needs it)")
    return found.pattern


def find_triggers(text: str, rules: Rules, compiled: ContextPatterns | None = None) -> list[TriggerHit]:
    """Every assertion trigger in ``text`` (pseudo-triggers dropped after they block others)."""
    compiled = compiled or ContextPatterns(rules)
    hits: list[TriggerHit] = []
    matches: Iterable[re.Match[str]] = compiled.pattern.finditer(text)
    if compiled.symbol_pattern is not None and any(char in text for char in compiled.symbol_starts):
        matches = sorted([*matches, *compiled.symbol_pattern.finditer(text)], key=lambda m: m.start())
    for match in matches:
        phrase = " ".join(match.group().lower().split())
        trigger = compiled.by_phrase.get(phrase)
        if trigger is None or trigger.category == "pseudo":
            continue
        after = text[match.end() : match.end() + _AFTER_CHARS]
        if trigger.subject:
            before = text[max(0, match.start() - _BEFORE_CHARS) : match.start()]
            # "her mother had X", or a note's item the relative opens ("Mum has SLE"); not "a mother of two"
            owned = compiled.relative_possessive.search(before) is not None or (
                compiled.relative_opens_clause.search(before) is not None
                and compiled.relative_says_what.search(after) is not None
            )
            if not owned or compiled.relative_role.search(after):
                continue
            # "a woman and her husband were both seen for nodules": said of both, the patient included
            if compiled.relative_coordinated.search(before) and compiled.relative_shared.search(after):
                continue
        # "His mother noticed nodules at the infusion site": the relative tells the patient's facts
        if trigger.category == "family" and (
            compiled.relative_narrates.match(after)
            or compiled.relative_brought.search(text[max(0, match.start() - _BEFORE_CHARS) : match.start()])
        ):
            continue
        direction = trigger.direction
        # "on hemodialysis stopped calcium carbonate": the verb's object stopped, not the dialysis
        if direction == "backward" and compiled.verb_with_object.match(match.group() + after):
            continue
        # "... ruled out for X": the trigger looks forward; a duration after it does not ("in
        # remission for six years" is still about what stands before it)
        if direction != "forward" and compiled.looks_forward.search(after):
            direction = direction if compiled.duration_after.search(after) else "forward"
        topic = False
        if trigger.category == "family":
            # "Family history: father on warfarin", "Family history is notable for ESRD in her father"
            if direction == "backward" and compiled.family_history_heading.search(after):
                direction = "forward"
            before = text[max(0, match.start() - _BEFORE_CHARS) : match.start()]
            topic = (
                compiled.family_history_phrase.search(match.group()) is not None
                or compiled.relative_after_preposition.search(before) is not None
            )
        hits.append(
            TriggerHit(
                match.start(),
                match.end(),
                trigger.category,
                direction,
                match.group(),
                trigger.max_scope,
                trigger.allowed_types,
                list_scope=trigger.list_scope,
                clause_scope=trigger.clause_scope,
                topic_scope=topic,
            )
        )
    # a form's field answered no ("CKD: none") and an empty check box ("[ ] Warfarin")
    answers = [
        TriggerHit(m.start(), m.end(), "absent", "backward", m.group(), 0)
        for m in compiled.field_answered_no.finditer(text)
    ]
    if "[" in text:
        answers += [
            TriggerHit(m.start(), m.end(), "absent", "forward", m.group(), 4)
            for m in compiled.box_unchecked.finditer(text)
        ]
    if answers:
        hits = sorted([*hits, *answers], key=lambda h: h.start)
    return hits


def own_triggers(hits: list[TriggerHit], mentions: list[tuple[int, int]]) -> list[TriggerHit]:
    """``hits`` with each trigger that lies inside a concept mention tied to that mention.

    Args:
        hits: the document's triggers, in text order.
        mentions: ``(start, end)`` of every concept mention, sorted by start.
    """
    if not mentions:
        return hits
    starts = [m[0] for m in mentions]
    longest = max(e - s for s, e in mentions)
    out: list[TriggerHit] = []
    for hit in hits:
        owner: tuple[int, int] | None = None
        for i in range(bisect_right(starts, hit.start) - 1, bisect_left(starts, hit.start - longest) - 1, -1):
            m_start, m_end = mentions[i]
            if m_start <= hit.start and hit.end <= m_end and (owner is None or m_end - m_start > owner[1] - owner[0]):
                owner = (m_start, m_end)
        out.append(hit if owner is None else replace(hit, owner=owner))
    return out


class TriggerIndex:
    """Triggers of one document, searchable by position."""

    def __init__(
        self,
        text: str,
        hits: list[TriggerHit],
        compiled: ContextPatterns,
        *,
        family_blocks: list[tuple[int, int, str]] | None = None,
    ) -> None:
        self.text = text
        self.hits = hits
        #: (start, end, header) of the text under a family-history header: a mention there that no
        #: trigger reaches is a family mention
        self.family_blocks = family_blocks or []
        self.starts = [h.start for h in hits]
        self.terminator = compiled.terminator
        self.clause_terminator = compiled.clause_terminator
        self.family_terminator = compiled.family_terminator
        self.family_topic_end = compiled.family_topic_end
        self.relative_apposition = compiled.relative_apposition
        self.relative_apposition_open = compiled.relative_apposition_open
        self.whose_clause_opens = compiled.whose_clause_opens
        self.whose_clause_predicate = compiled.whose_clause_predicate
        self.subject_terminator = compiled.subject_terminator
        self.subject_gap = compiled.subject_gap
        self.subject_start = compiled.subject_start
        self.verb_before = compiled.verb_before
        self.answer_options = compiled.answer_options
        self._options: dict[int, bool] = {}
        #: answers already given (the context component and the field readers ask about the same
        #: mentions in the same sentences; the answer depends only on the arguments)
        self._answers: dict[tuple[int, int, int, int, tuple[str, ...]], tuple[str, str | None]] = {}

    def _chosen_option(self, sent_start: int, sent_end: int, position: int) -> bool:
        """Whether ``position`` lies in the option the quiz's answer line after the options names
        ("(a) Gouty tophi (b) Calcinosis cutis in JDM ... Answer: (b)"): that option is the patient's."""
        answer = _ANSWER_LINE.search(self.text, sent_end, sent_end + _ANSWER_WINDOW)
        if answer is None:
            return False
        letter = answer.group("letter").lower()
        options = list(_OPTION_LETTER.finditer(self.text, sent_start, sent_end))
        for index, option in enumerate(options):
            if option.group("letter").lower() == letter:
                end = options[index + 1].start() if index + 1 < len(options) else sent_end
                return option.end() <= position < end
        return False

    def _answer_options(self, sent_start: int, sent_end: int) -> bool:
        """Whether the sentence is a quiz's list of answer options (scope rule ``answer_options``)."""
        found = self._options.get(sent_start)
        if found is None:
            # the options may follow the quiz's question in the same sentence ("What is your diagnosis?
            # (a) Gouty tophi (b) ..."): they start after it
            question = self.text.find("?", sent_start, sent_end)
            start = sent_start if question < 0 else question + 1
            while start < sent_end and self.text[start].isspace():
                start += 1
            # "A)" or "(A)" in the options' first characters: a cheap test before the regex
            head = self.text[start : start + 4]
            found = ")" in head and self.answer_options.fullmatch(self.text, start, sent_end) is not None
            self._options[sent_start] = found
        return found

    def family_hits(self, sent_start: int, sent_end: int) -> list[TriggerHit]:
        """The family triggers inside the sentence ``[sent_start, sent_end)``."""
        lo = bisect_left(self.starts, sent_start)
        hi = bisect_right(self.starts, sent_end)
        return [h for h in self.hits[lo:hi] if h.category == "family" and h.end <= sent_end]

    def status(
        self,
        start: int,
        end: int,
        sent_start: int,
        sent_end: int,
        tables: tuple[str, ...] = (),
        void: frozenset[int] = frozenset(),
    ) -> tuple[str, str | None]:
        """The assertion of the mention ``text[start:end]`` in the sentence ``[sent_start, sent_end)``.

        A trigger applies when the mention lies in its scope: on its side (direction), in the
        same clause (no terminator between), within its ``max_scope`` words, and when the mention's
        concept ``tables`` (``trigger_types``) are among the trigger's ``allowed_types``. Triggers starting at an
        offset in ``void`` do not apply (a relative who is the patient a new case opens on).

        Returns:
            (assertion, trigger text); ("present", None) when no trigger scopes over the mention.
        """
        if void and any(sent_start <= hit_start < sent_end for hit_start in void):
            return self._family_block(start, end, self._status(start, end, sent_start, sent_end, tables, void))
        key = (start, end, sent_start, sent_end, tables)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._family_block(
                start, end, self._status(start, end, sent_start, sent_end, tables, frozenset())
            )
        return answer

    def _family_block(self, start: int, end: int, answer: tuple[str, str | None]) -> tuple[str, str | None]:
        """``answer``, or a family mention for a present one under a family-history header."""
        if answer[0] == "present":
            for b_start, b_end, header in self.family_blocks:
                if b_start <= start and end <= b_end:
                    return "family", header
        return answer

    def _status(
        self,
        start: int,
        end: int,
        sent_start: int,
        sent_end: int,
        tables: tuple[str, ...],
        void: frozenset[int],
    ) -> tuple[str, str | None]:
        if self._answer_options(sent_start, sent_end) and not self._chosen_option(sent_start, sent_end, start):
            return "hypothetical", "answer options"
        lo = bisect_left(self.starts, sent_start)
        hi = bisect_right(self.starts, sent_end)
        best: tuple[int, str, str] | None = None
        # a mention that carries its own negation ("no calcification", "von Kossa stain was
        # negative") names a negative result: another negation does not turn it around
        self_negated = any(h.category == "absent" and start <= h.start and h.end <= end for h in self.hits[lo:hi])
        for hit in self.hits[lo:hi]:
            if hit.end > sent_end or hit.start in void:
                continue
            # a trigger that ends inside the mention's first words reaches it ("not on" of "not on
            # dialysis", where "on dialysis" is the concept's own words); one inside it is its own
            overlaps = hit.start < end and hit.end > start
            if overlaps and not (hit.start < start and hit.direction in ("forward", "both")):
                continue  # the trigger is part of the mention
            if self_negated and hit.category == "absent":
                continue
            if hit.owner is not None and not (hit.owner[0] <= start and end <= hit.owner[1]):
                continue  # the trigger belongs to another mention's own words
            if hit.allowed_types and tables and not set(tables) & set(hit.allowed_types):
                continue
            applies = False
            if hit.category == "family" and hit.direction == "forward":
                stop = self.family_terminator
            elif (hit.category in ("hypothetical", "possible") and not hit.list_scope) or hit.clause_scope:
                stop = self.clause_terminator
            else:
                stop = self.terminator
            if hit.direction == "prefix":
                # "non-consanguineous": only the word the prefix is attached to
                applies = hit.end <= start and re.fullmatch(r"\s*-?\s*", self.text[hit.end : start]) is not None
            elif (hit.end <= start or overlaps) and hit.direction in ("forward", "both"):
                gap = self.text[hit.end : start]
                if hit.category == "family":
                    before = self.text[max(sent_start, hit.start - _BEFORE_CHARS) : hit.start]
                    if self.whose_clause_opens.search(before) and self.whose_clause_predicate.search(gap):
                        continue  # "a woman whose sister had X has Y": Y is hers
                    # inside an apposition about the relative, or after a closed one
                    gap = " " if self.relative_apposition_open.search(gap) else self.relative_apposition.sub(" ", gap)
                    stopped = stop.search(gap) is not None or (
                        hit.topic_scope
                        and not gap.lstrip().startswith(":")
                        and self.family_topic_end.search(gap) is not None
                    )
                else:
                    # searched in the text itself, so that the stop's look-behinds see the trigger's
                    # last word ("no significant past medical history | developed papules")
                    stopped = stop.search(self.text, hit.end, start) is not None
                applies = _within(gap, hit.max_scope) and (
                    not stopped or (gap.lstrip().startswith(":") and stop.search(gap.lstrip()[1:]) is None)
                )
                if applies and gap.count(")") > gap.count("("):
                    # a trigger inside a parenthesis speaks only within it: "(not on warfarin), vasculitis"
                    before = self.text[sent_start : hit.start]
                    applies = before.count("(") <= before.count(")")
                if applies and hit.category == "absent":
                    # a nearer negation takes over: "no CKD, not on warfarin, painful purpura" (the
                    # purpura is outside what "not on" negates, and "no" ended at "not on")
                    applies = not any(
                        other.category == "absent"
                        and other.direction == "forward"
                        and other.owner is None
                        and hit.end <= other.start
                        and other.end <= start
                        for other in self.hits[lo:hi]
                    )
            elif hit.start >= end and hit.direction in ("backward", "both"):
                gap = self.text[end : hit.start]
                if hit.category == "hypothetical":
                    stop = self.subject_terminator
                within = _within(gap, hit.max_scope) or self._heads_the_subject(sent_start, start, gap)
                applies = (
                    within
                    # a note's field and its value ("Trauma: nil") are one item, not two clauses
                    and (stop.search(gap) is None or gap.strip() == ":")
                    and not self._object_of_another_clause(hit, sent_start, start, gap)
                )
            if applies:
                rank = _PRIORITY.get(hit.category, 9)
                if best is None or rank < best[0]:
                    best = (rank, hit.category, hit.text)
        if best is None:
            return "present", None
        return best[1], best[2]

    def _object_of_another_clause(self, hit: TriggerHit, sent_start: int, start: int, gap: str) -> bool:
        """A subject trigger ("was suspected", with a word limit) after "and"/"but" does not reach back
        to the object of the clause before ("She had calcified nodules and systemic sclerosis was
        suspected": the nodules stay present)."""
        return (
            hit.max_scope is not None
            and _COORDINATION.search(gap) is not None
            and self.verb_before.search(self.text[sent_start:start]) is not None
        )

    def _heads_the_subject(self, sent_start: int, start: int, gap: str) -> bool:
        """The mention opens the sentence's subject and the rest of it up to the trigger is one noun
        phrase ("Extravasation of the calcium gluconate infusion in the left hand | was suspected")."""
        return (
            self.subject_start.match(self.text[sent_start:start]) is not None and self.subject_gap.search(gap) is None
        )


_COORDINATION = re.compile(r"\b(?:and|but)\b", re.IGNORECASE)


def _within(gap: str, max_scope: int | None) -> bool:
    """Whether ``gap`` spans at most ``max_scope`` words (always, without a maximum)."""
    if max_scope is None:
        return True
    return all(count <= max_scope for count, _ in enumerate(_WORD.finditer(gap), start=1))
