"""Conditions, clinical features and look-alikes named in the patient's sentences, with their assertion."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from calcidx.case.model import Finding
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.prefilter import requirement

__all__ = ["FINDING_TABLES", "FindingsReader"]

# what separates the items of an allergy list, and what may stand before an item ("and to diltiazem")
_SEPARATOR = re.compile(r",|;|/|\band\b|\bor\b", re.IGNORECASE)
_LEAD = re.compile(r"\s*(?:to\s+)?(?:(?:taking|starting|using|receiving)\s+)?(?:an?\s+|the\s+)?", re.IGNORECASE)
# the form an item may name after the drug ("a Kenalog injection", "diltiazem tablets"): not its name
_FORM = re.compile(
    r"\s+(?:injections?|infusions?|shots?|tablets?|capsules?|cream|ointment|gel|therapy|treatment)$", re.I
)
_PARENS = re.compile(r"\([^)]*\)")
# what an item may go on with after the drug ("alendronate with hives in 2021"): not the drug's name
_TAIL = re.compile(
    r"\s+(?:with|in|on|at|as|after|causing|since|last|because|which|that|when|during)\b.*$"
    # ... or the reaction after a dash or a colon ("Diltiazem - angioedema", "Minocycline: DRESS")
    r"|\s*[-–:]\s+.*$",
    re.IGNORECASE,
)
#: an item line under an allergy header ("ALLERGIES:" on its own line, then "- Diltiazem - angioedema"):
#: at most this many words, and not another header
_ALLERGY_ITEM_WORDS = 8
_ITEM_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s*")
_HEADER_LINE = re.compile(r"^[^:]{1,40}:\s*$")


def _items(segment: str) -> list[tuple[int, str]]:
    """The items of a list (offset into ``segment``, text), split at commas, slashes, "and", "or"."""
    pieces: list[tuple[int, str]] = []
    position = 0
    for separator in [*_SEPARATOR.finditer(segment), None]:
        stop = separator.start() if separator else len(segment)
        lead = _LEAD.match(segment, position)
        first = lead.end() if lead else position
        text = segment[first:stop].rstrip()
        if text:
            pieces.append((first, text))
        position = separator.end() if separator else stop
    return pieces


#: The vocabulary tables whose mentions become ``Case.findings``.
FINDING_TABLES = ("condition", "feature", "lookalike")


# the lesion word and its site written together: "necrosis of the left breast", "thigh necrosis"
_OF_SITE = re.compile(r"^\s+(?:of|on|over|involving|affecting)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_BEFORE_WORD = re.compile(r"^[\s-]*(?:skin\s+)?$", re.IGNORECASE)


def _attached_to_a_site(text: str, view: SentenceView, start: int, end: int) -> bool:
    """Whether a site of the sentence is written with the lesion word at ``start:end`` ("necrosis of the
    left breast", "breast necrosis"), not elsewhere in the sentence."""
    for mention in view.mentions:
        if not mention.is_site:
            continue
        if mention.start >= end and mention.start - end <= 40 and _OF_SITE.match(text[end : mention.start]):
            return True
        if mention.end <= start and start - mention.end <= 8 and _BEFORE_WORD.match(text[mention.end : start]):
            return True
    return False


@dataclass(frozen=True)
class SubjectGuard:
    """A concept whose words may be said of another subject of the clause (``subjects.yaml``)."""

    concept: str
    window: int
    own: re.Pattern[str]
    other: re.Pattern[str]
    examples: tuple[tuple[str, bool], ...]

    def said_of_other(self, text: str, start: int, lo: int) -> bool:
        """Whether the last subject the clause names before ``start`` (from ``lo``) is another one."""
        before = text[max(lo, start - self.window) : start]
        before = before[max(before.rfind(";"), before.rfind(". ")) + 1 :]
        others = [m.end() for m in self.other.finditer(before)]
        owns = [m.end() for m in self.own.finditer(before)]
        return bool(others) and (not owns or max(others) > max(owns))


@functools.cache
def subject_guards() -> dict[str, SubjectGuard]:
    """The guards of ``extract/data/subjects.yaml``, by concept id."""
    from importlib import resources

    import yaml

    raw = yaml.safe_load((resources.files("calcidx.extract") / "data" / "subjects.yaml").read_text(encoding="utf-8"))
    guards = {}
    for item in raw.get("guards", ()):
        guards[str(item["concept"])] = SubjectGuard(
            concept=str(item["concept"]),
            window=int(item["window"]),
            own=re.compile(str(item["own"]), re.IGNORECASE),
            other=re.compile(str(item["other"]), re.IGNORECASE),
            examples=tuple((str(e["text"]), bool(e["read"])) for e in item.get("examples", ())),
        )
    return guards


class FindingsReader:
    """Collects one ``Finding`` per concept and assertion; repeated mentions add evidence."""

    def __init__(self, context: FieldContext, patterns: CasePatterns | None = None) -> None:
        self.context = context
        self.patterns = patterns
        self.found: dict[tuple[str, str, str], Finding] = {}
        self.guards = subject_guards()
        #: the sentence before was an allergy header with no item ("ALLERGIES:"): its lines follow
        self._under_allergy_header = False

    def read(self, view: SentenceView) -> list[str]:
        """Reads one sentence.

        Returns:
            The concept ids asserted present in the sentence (in text order), for the observations.
        """
        present: list[str] = []
        ctx = self.context
        other_specimen: bool | None = None
        imaging_only: bool | None = None
        for mention, status, trigger in view.concepts:
            for table, item_id in mention.keys:
                if table not in FINDING_TABLES:
                    continue
                if table == "feature" and self.patterns is not None:
                    item = ctx.vocab.get("feature", item_id)
                    if item is not None and item.category == "histology":
                        if other_specimen is None:
                            other_specimen = self.patterns.other_specimen_only(view.sentence.text)
                        if other_specimen:
                            continue  # crystals in the urine or a stone: not the lesion's composition
                        if item_id in ctx.rules.microscope_only_findings:
                            if imaging_only is None:
                                imaging_only = self.patterns.imaging_only(view.sentence.text)
                            if imaging_only:
                                continue  # vessels calcified on a mammogram or X-ray: no biopsy read them
                guard = self.guards.get(item_id)
                if guard is not None and guard.said_of_other(ctx.text, mention.start, view.sentence.start):
                    continue  # "her fractured wrist has healed completely": not the lesions
                key = (table, item_id, status)
                if key in self.found:
                    self.found[key].evidence.append(ctx.ev(mention.start, mention.end))
                else:
                    self.found[key] = Finding(
                        concept=item_id,
                        label=ctx.label(table, item_id),
                        assertion=status,
                        trigger=trigger,
                        evidence=[ctx.ev(mention.start, mention.end)],
                    )
                if status == "present":
                    present.append(item_id)
        # a sentence without the literal words of the allergy-list cue has no list
        if self.patterns is not None and (
            requirement(self.patterns.allergy_cue).admits(view.sentence.folded)
            and self.patterns.allergy_cue.search(view.sentence.text)
        ):
            present += self._allergy_list(view)
        elif self._under_allergy_header:
            present += self._allergy_item_line(view)
        return present

    def _allergy_item_line(self, view: SentenceView) -> list[str]:
        """A line under an allergy header that stood alone ("ALLERGIES:", then "Diltiazem - angioedema"):
        its item, while the lines are short items; another header or a longer line ends the list."""
        text = view.sentence.text
        if _HEADER_LINE.match(text) or len(text.split()) > _ALLERGY_ITEM_WORDS:
            self._under_allergy_header = False
            return []
        bullet = _ITEM_BULLET.match(text)
        return self._allergy_items(view, bullet.end() if bullet else 0, len(text))

    def _allergy_list(self, view: SentenceView) -> list[str]:
        """Each item of a drug-allergy list that the knowledge names as "<item> allergy"; a cue that
        ends its line ("ALLERGIES:") heads the item lines that follow it."""
        assert self.patterns is not None
        sentence = view.sentence
        found: list[str] = []
        self._under_allergy_header = False
        for cue in self.patterns.allergy_cue.finditer(sentence.text):
            if self.patterns.allergy_negation.search(sentence.text[: cue.start()]):
                continue
            start = cue.end()
            if not sentence.text[start:].strip(" .:-"):
                self._under_allergy_header = True
                continue
            end = sentence.text.find(".", start)
            end = len(sentence.text) if end < 0 else end
            found += self._allergy_items(view, start, end)
        return found

    def _allergy_items(self, view: SentenceView, start: int, end: int) -> list[str]:
        """The allergies named by the items of the sentence's text from ``start`` to ``end``."""
        ctx, sentence = self.context, view.sentence
        found: list[str] = []
        for offset, item in _items(sentence.text[start:end]):
            name = _FORM.sub("", _TAIL.sub("", _PARENS.sub("", item)).strip(" -"))
            # the name, or the one in brackets after a brand ("Kenalog (triamcinolone) injection")
            keys: Sequence[tuple[str, str]] = ()
            for candidate in (name, *(p.strip("() ") for p in _PARENS.findall(item))):
                keys = ctx.vocab.forms.get(f"{candidate.lower()} allergy", [])
                if not keys:  # a brand or other name of a drug the knowledge names ("Cardizem": diltiazem)
                    for _, drug in ctx.vocab.forms.get(candidate.lower(), []):
                        keys = ctx.vocab.forms.get(f"{drug} allergy", [])
                        if keys:
                            break
                if keys:
                    break
            for table, item_id in keys:
                if table not in FINDING_TABLES:
                    continue
                first = sentence.start + start + offset
                # a relative's allergy is the relative's ("Her daughter is allergic to penicillin")
                if ctx.assertion(first, first + len(item), sentence, (table,))[0] != "present":
                    continue
                evidence = ctx.ev(first, first + len(item))
                key = (table, item_id, "present")
                if key in self.found:
                    self.found[key].evidence.append(evidence)
                else:
                    self.found[key] = Finding(
                        concept=item_id, label=ctx.label(table, item_id), assertion="present", evidence=[evidence]
                    )
                found.append(item_id)
        return found

    def read_site_lesions(self, view: SentenceView, lesion_words: list[str]) -> None:
        """A lesion word with a skin site that names a feature by itself ("necrosis of the left breast" is
        skin necrosis); ``lesion_words`` are those of the sentence that gave a skin lesion."""
        ctx = self.context
        for word, concept in ctx.rules.site_lesion_findings:
            if word not in lesion_words or ctx.vocab.get("feature", concept) is None:
                continue
            found = re.search(rf"\b{re.escape(word)}\b", view.sentence.text, re.IGNORECASE)
            if found is None:
                continue
            first = view.sentence.start + found.start()
            if not _attached_to_a_site(ctx.text, view, first, first + len(word)):
                continue  # "dark patches on the thighs turned into black necrosis": the word is not the site's
            status, trigger = ctx.assertion(first, first + len(word), view.sentence)
            if status != "present":
                continue
            evidence = ctx.ev(first, first + len(word))
            key = ("feature", concept, status)
            if key in self.found:
                if evidence not in self.found[key].evidence:
                    self.found[key].evidence.append(evidence)
            else:
                self.found[key] = Finding(
                    concept=concept,
                    label=ctx.label("feature", concept),
                    assertion=status,
                    trigger=trigger,
                    evidence=[evidence],
                )

    def carry(self, concepts: list[str], view: SentenceView, start: int, end: int) -> None:
        """The lesion features of the patient before, read for this one from a phrase that says their
        lesions are alike (``text[start:end]``, "similar nodules"), unless the phrase is negated."""
        ctx = self.context
        status, trigger = ctx.assertion(start, end, view.sentence, ("feature",))
        if status != "present":
            return
        for concept in concepts:
            key = ("feature", concept, "present")
            if key in self.found:
                continue
            self.found[key] = Finding(
                concept=concept,
                label=ctx.label("feature", concept),
                assertion="present",
                trigger=trigger,
                evidence=[ctx.ev(start, end)],
            )

    def findings(self) -> list[Finding]:
        """The findings read so far, in the order first seen.

        A condition excluded by the work-up after its last mention as present ("referred with
        dermatomyositis ... dermatomyositis was excluded") is no longer present: the exclusion is the
        later, conclusive statement.
        """
        conclusive = self.context.rules.conclusive_exclusions
        excluded_at: dict[tuple[str, str], int] = {}
        for (table, item_id, status), finding in self.found.items():
            if status == "absent" and (finding.trigger or "").lower() in conclusive and finding.evidence:
                excluded_at[(table, item_id)] = max(e.start for e in finding.evidence)
        return [
            finding
            for (table, item_id, status), finding in self.found.items()
            if not (
                status == "present"
                and (table, item_id) in excluded_at
                and max(e.start for e in finding.evidence) < excluded_at[(table, item_id)]
            )
        ]
