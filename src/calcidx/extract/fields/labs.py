"""Laboratory results: analyte, value with unit and range, and the interpretation the text gives."""

from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Any

from calcidx.case.model import Lab, Patient
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.labs_text import CueHit, LabPatterns, ValueHit, find_current_value, find_titer, find_value
from calcidx.extract.records import Mention
from calcidx.extract.sections import Sentence
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["LabsReader"]

_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but)\b|\bbut\b|\bwhereas\b|\bwhile\b", re.IGNORECASE)
_ALL_NORMAL = re.compile(
    r"^\s*(?:all|these|both|the|other)\b[^.]{0,40}\b(?:values|results|tests|investigations|levels|"
    r"parameters|studies|were|was)\b",
    re.IGNORECASE,
)
# "Serum calcium and phosphate levels were 8.5 and 3.5 mg/dL": tests joined as a list, then a verb,
# then as many values as tests, in the same order ("respectively" said or not); a test's short form
# in brackets may follow its name ("calcium (Ca), phosphate (P) and PTH")
_LIST_JOIN = re.compile(
    r"(?:\s*\([^()]{1,15}\))?\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|/\s*)"
    r"(?:(?:serum|plasma|blood|total|ionized|ionised)\s+)?",
    re.IGNORECASE,
)
_LIST_VERB = re.compile(
    # the last test's short form may follow it ("... and parathyroid hormone (PTH) were")
    r"(?:\s*\([^()]{1,15}\))?"
    r"\s*(?:levels?|concentrations?|values?)?\s*(?:were|was|are|of|measured|:|=)\s*"
    # a state word said of every test of the list ("were raised at 2.56, 3.32 and 19.5")
    r"(?:(?:all\s+)?(?:raised|elevated|increased|high|low|decreased|reduced|normal)\s+(?=at\b|of\b))?"
    r"(?:(?:at|of)\s+)?",
    re.IGNORECASE,
)
#: between a panel of tests joined by slashes and its values, with no verb ("Ca/Phos/PTH 9.9/7.4/1020")
_SLASH_LIST_GAP = re.compile(r"[ \t]*")
_VALUE_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|/\s*)", re.IGNORECASE)
#: what ends a state word's reach to the test after it: a comma, semicolon or bracket, or a full
#: stop that ends a sentence the splitter kept whole ("Ca/Phos nl. eGFR 24": "nl" is not the eGFR's)
_BETWEEN_CUE_AND_TEST = re.compile(r"[,;()]|\.\s")
#: another result between a measured value and a state word after it: a comma or semicolon, then a
#: name, then a number ("Calcium 9.1 mg/dL, zinc 40 ug/dL (low)": the "low" is the zinc's)
_ANOTHER_RESULT = re.compile(r"[,;]\s*[A-Za-z][^,;\d]{0,30}?\d")

#: all that may stand between a state word and its value: a bracket, "at", "of", a colon
_STATE_VALUE_GAP = re.compile(
    r"\s*(?:\(|\bat\b|\bof\b|:|=|,|-|–)?\s*(?:\b(?:serum|total|ionized|ionised|calcium|phosphate)\s+)?$", re.IGNORECASE
)
#: the plus sign printed right after a qualitative test's name ("anti-NXP2+", "ANA (+)", "Scl-70 +ve")
_SIGN_AFTER = re.compile(r"\s?(\(\+\)|\+(?:ve\b)?)(?![\w+])")
_THESE_INCLUDED = re.compile(r"^\s*(?:these|the)\s+(?:tests|investigations|studies)\s+included\b", re.IGNORECASE)


def _said_of_before(text: str, cue: CueHit) -> bool:
    """Whether ``cue`` is the predicate of what comes before it: a verb before it ("was normal" with
    the verb outside the cue, "remained markedly raised" with an adverb between) or a cue that opens
    with its verb."""
    return bool(_PREDICATE.search(text, max(0, cue.start - 26), cue.start) or _PREDICATE_CUE.match(cue.text))


def _own_analytes(mentions: list[Mention]) -> list[Mention]:
    """The analyte mentions that stand for a test, in text order: not the word inside a drug or
    exposure ("nadroparin calcium", "calcium gluconate") nor the first word of a longer term
    ("calcium deposits", "calcium phosphate crystals"). A finding that states the test's result
    ("raised serum uric acid") keeps it."""
    covers = [
        m for m in mentions if not m.is_site and not any(k[0] == "analyte" for k in m.keys) and m.end - m.start > 0
    ]
    starts = [m.start for m in covers]
    out: list[Mention] = []
    for mention in mentions:
        if not any(k[0] == "analyte" for k in mention.keys):
            continue
        inside = False
        # only terms starting shortly before the test can hold it: a fixed-size window keeps this linear
        lo = bisect_left(starts, mention.start - _LONGEST_TERM)
        hi = bisect_right(starts, mention.start)
        for cover in covers[lo:hi]:
            longer = cover.end - cover.start > mention.end - mention.start
            if not longer or cover.end < mention.end:
                continue
            drug = any(k[0] in ("exposure", "medication", "treatment") for k in cover.keys)
            if drug or cover.start == mention.start:
                inside = True
                break
        if not inside:
            out.append(mention)
    return out


#: only an opening parenthesis between a test's name and its short form: "... reabsorption (TmP/GFR)"
_SHORT_FORM_AFTER = re.compile(r"\s*\(\s*$")


def _without_short_forms(analytes: list[Mention], text: str) -> list[Mention]:
    """``analytes`` less a test's short form printed right after its name ("tubular maximum phosphate
    reabsorption (TmP/GFR)", "C-reactive protein (CRP) 0.9 mg/dL"): the same test, not a second one."""
    out: list[Mention] = []
    for mention in analytes:
        if out and _SHORT_FORM_AFTER.match(text, out[-1].end, mention.start):
            named = {k[1] for k in out[-1].keys if k[0] == "analyte"}
            if named & {k[1] for k in mention.keys if k[0] == "analyte"}:
                continue
        out.append(mention)
    return out


#: a state word after a copula is said of the test before it ("vitamin D was high and PTH
#: suppressed": high is the vitamin D's, not an adjective of the PTH that follows)
_PREDICATE = re.compile(
    r"\b(?:was|were|is|are|remained|became|been)\s+"
    r"(?:(?:markedly|mildly|slightly|significantly|persistently|still|very|severely|moderately|extremely|grossly)\s+)?$",
    re.IGNORECASE,
)
#: a state cue that opens with its verb ("was normal", "were within normal limits")
_PREDICATE_CUE = re.compile(r"(?:was|were|is|are|remained|became|been)\b", re.IGNORECASE)
#: characters a vocabulary term may span before the test word it holds ("low-molecular-weight heparin calcium")
_LONGEST_TERM = 80


@functools.lru_cache(maxsize=1024)
def _unit_fits(analyte_id: str, unit: str) -> bool:
    """Whether ``unit`` can express the analyte at all (the check every Case input passes)."""
    from calcidx.case.units import UnitProblem, to_canonical
    from calcidx.knowledge.loader import load_bundle

    analyte = load_bundle().analytes.get(analyte_id)
    if analyte is None or not analyte.units:
        return True
    try:
        to_canonical(analyte, 1.0, unit)
    except UnitProblem:
        return False
    return True


#: the age a reference range is looked up at when the patient's is not known
_ADULT_AGE = 30.0


def _by_value(lab: Lab, candidates: tuple[str, ...], patient: Patient, bundle: KnowledgeBundle) -> str:
    """The analyte an ambiguous test name ("Ca++") stands for, from its value: the one whose reference
    range holds it, else the one whose range it lies nearer to (by ratio); the name's own analyte
    when the value cannot be placed (no unit, no range)."""
    from calcidx.case.labs import check_lab, reference_bands

    # a patient of unknown age is looked up as an adult
    placed = patient if patient.age_years is not None else patient.model_copy(update={"age_years": _ADULT_AGE})
    distances: dict[str, float] = {}
    for analyte_id in candidates:
        analyte = bundle.analytes.get(analyte_id)
        if analyte is None:
            continue
        value = check_lab(lab.model_copy(update={"analyte": analyte_id}), patient, bundle).canonical_value
        band = next((b for b in reference_bands(analyte, placed) if b.low is not None and b.high is not None), None)
        if value is None or value <= 0 or band is None or band.low is None or band.high is None:
            continue
        low, high = band.low, band.high
        distances[analyte_id] = low / value if value < low else value / high if value > high else 1.0
    if not distances:
        return lab.analyte
    return min(distances, key=lambda a: (distances[a], a != lab.analyte))


#: A value paired with a test of a list, and the span between the list and its values (where a
#: state said of the whole list stands: "... were raised at").
_Paired = tuple[ValueHit, tuple[int, int]]


def _paired_values(text: str, analytes: list[Mention], end: int, patterns: LabPatterns) -> dict[int, _Paired]:
    """Values given in order for a list of tests ("calcium and phosphate were 8.5 and 3.5 mg/dL").

    Only a list whose number of values equals its number of tests is paired; a value with no unit
    takes the unit printed after the last one when that unit fits its own test.
    """
    out: dict[int, _Paired] = {}
    i = 0
    while i < len(analytes) - 1:
        j = i
        while j + 1 < len(analytes) and _LIST_JOIN.fullmatch(text, analytes[j].end, analytes[j + 1].start):
            j += 1
        if j == i:
            i += 1
            continue
        verb = _LIST_VERB.match(text, analytes[j].end, end)
        if verb is None and all("/" in text[analytes[k].end : analytes[k + 1].start] for k in range(i, j)):
            verb = _SLASH_LIST_GAP.match(text, analytes[j].end, end)  # a note's panel: "Ca/Phos/PTH 9.9/7.4/1020"
        values: list[ValueHit] = []
        if verb is not None:
            pos = verb.end()
            for _ in range(j - i + 1):
                hit = find_value(text, pos, end, patterns)
                if hit is None or text[pos : hit.start].strip():
                    break
                values.append(hit)
                join = _VALUE_JOIN.match(text, hit.end, end)
                pos = join.end() if join else hit.end
        if len(values) == j - i + 1:
            unit = values[-1].unit
            for offset, hit in enumerate(values):
                analyte = next(k[1] for k in analytes[i + offset].keys if k[0] == "analyte")
                if hit.unit is None and unit is not None and _unit_fits(analyte, unit):
                    hit = dataclasses.replace(hit, unit=unit)
                out[i + offset] = hit, (analytes[j].end, values[0].start)
        i = j + 1
    return out


def _measured(value: ValueHit | None) -> dict[str, Any]:
    """A lab's measured fields from a printed value (all None without one)."""
    if value is None:
        return {}
    return {
        "value": value.value,
        "unit": value.unit,
        "comparator": value.comparator,
        "reference_range": value.reference_range,
        "reference_low": value.reference_low,
        "reference_high": value.reference_high,
    }


class LabsReader:
    """Reads the lab results of each sentence; ``labs`` merges repeats and interprets bare values."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.patterns = patterns
        self.found: list[Lab] = []

    def read(self, sentences: list[Sentence], position: int, view: SentenceView) -> None:
        """Reads sentence ``sentences[position]`` (its neighbours may carry a cue about its tests)."""
        # a neighbour's cue only serves a test named here
        named = any("analyte" in map(itemgetter(0), m.keys) for m in view.mentions)
        carry = self._carried_cue(sentences, position) if named else None
        self.found.extend(self._labs(view.sentence, view.mentions, carry, named))

    def labs(self, patient: Patient) -> list[Lab]:
        """The labs read so far, repeats merged, values with no cue read against their ranges."""
        return self._interpret(self._merge(self.found), patient)

    def _carried_cue(self, sentences: list[Sentence], position: int) -> CueHit | None:
        """A cue stated in a neighbouring sentence about this sentence's tests.

        "... including C3, C4 and ANA. All values were normal." (cue in the next sentence) and
        "... blood investigations came back normal. These tests included ..." (cue in the previous one).
        """
        ctx = self.context
        sentence = sentences[position]
        if _THESE_INCLUDED.search(sentence.text) and position > 0:
            previous = ctx.cues(sentences[position - 1])
            if previous:
                return previous[-1]
        if position + 1 < len(sentences):
            following = sentences[position + 1]
            if _ALL_NORMAL.search(following.text):
                analytes = [m for m in ctx.mentions(following) if any(k[0] == "analyte" for k in m.keys)]
                cues = ctx.cues(following)
                if cues and not analytes:
                    return cues[0]
        return None

    def _labs(
        self, sentence: Sentence, mentions: list[Mention], carry: CueHit | None = None, named: bool = True
    ) -> list[Lab]:
        ctx = self.context
        text = ctx.text
        analytes = _own_analytes(mentions) if named else []  # no test named: none of its own
        cues = ctx.cues(sentence) if analytes else []
        out: list[Lab] = []
        clause_breaks = [sentence.start + m.start() for m in _CLAUSE_BREAK.finditer(sentence.text)] if analytes else []
        qualitative_only = ctx.rules.qualitative_only_cues
        analytes = _without_short_forms(analytes, text)
        continues = self.patterns.analyte_continues
        # "PTH-related peptide", "PTHrP": another test's name, not this test's result
        analytes = [m for m in analytes if not continues.match(text, m.end)]
        paired = _paired_values(text, analytes, sentence.end, self.patterns.labs) if len(analytes) > 1 else {}
        for index, mention in enumerate(analytes):
            analyte = next(k[1] for k in mention.keys if k[0] == "analyte")
            status, _ = ctx.assertion(mention.start, mention.end, sentence)
            item = ctx.vocab.get("analyte", analyte)
            qualitative_test = item is not None and item.category == "qualitative"
            limit = analytes[index + 1].start if index + 1 < len(analytes) else sentence.end
            # a qualitative test printed with its sign ("anti-NXP2+", "ANA (+)"): positive, and no number of its own
            sign = _SIGN_AFTER.match(text, mention.end) if qualitative_test else None
            pair = paired.get(index)
            value, current_from = (
                (None, None)
                if sign
                else (pair[0], None)
                if pair
                else find_current_value(text, mention.end, limit, self.patterns.labs)
            )
            if value is not None and value.unit and not _unit_fits(analyte, value.unit):
                continue  # another quantity, not the test itself ("fractional excretion of phosphate of 3%")
            lo = max([b for b in clause_breaks if b <= mention.start], default=sentence.start)
            hi = min([b for b in clause_breaks if b >= mention.end], default=sentence.end)
            interpretation: str | None = None
            cue_text: str | None = None
            own = [
                c
                for c in cues
                if max(lo, current_from or lo) <= c.start
                and c.end <= hi
                and not (c.start < mention.end and c.end > mention.start)
                and (qualitative_test or " ".join(c.text.lower().split()) not in qualitative_only)
            ]
            near_before = [
                c
                for c in own
                if c.end <= mention.start
                and mention.start - c.end <= 25
                and not _BETWEEN_CUE_AND_TEST.search(text, c.end, mention.start)
                # a test with no value of its own does not take the state said of the test before it
                # ("Calcium was normal and phosphate was high": "was normal" is the calcium's)
                and not (value is None and _said_of_before(text, c))
            ]
            # the cue that opens the next test is that test's ("..., reduced levels of intact FGF23")
            opener = (
                [
                    c
                    for c in own
                    if c.end <= limit
                    and limit - c.end <= 25
                    and not _BETWEEN_CUE_AND_TEST.search(text, c.end, limit)
                    and not _said_of_before(text, c)
                ]
                if index + 1 < len(analytes)
                else []
            )
            after = [
                c
                for c in own
                if c.start >= mention.end
                and not re.search(r"\bother\b", text[mention.end : c.start])
                and not (opener and c is opener[-1])
            ]
            before = [c for c in own if c.end <= mention.start]
            chosen: CueHit | None
            if sign is not None:
                chosen = CueHit(sign.start(1), sign.end(1), "high", "positive")
            elif value is not None:
                # A measured value takes only a cue of its own ("calcium was raised at 11.2"), never
                # one that belongs to another test of the list ("... and PTH was suppressed at 8"):
                # without one it is read against its printed or reference range.
                # ... but not the cue that opens the next test ("7.2 mg/dL with normal calcium")
                segment = [
                    c
                    for c in after
                    if c.start < limit
                    and not _ANOTHER_RESULT.search(text, value.end, c.start)
                    and not (
                        index + 1 < len(analytes)
                        and limit - c.end <= 25
                        and not re.search(r"[,;()]", text[c.end : limit])
                    )
                ]
                # a test of a list with its values after it takes the state said of the whole list
                # ("calcium, phosphate and PTH were raised at 2.56, 3.32 and 19.5")
                shared = [c for c in own if pair and pair[1][0] <= c.start and c.end <= pair[1][1]]
                firsts = [*near_before[-1:], *segment[:1], *shared[:1]]
                chosen = firsts[0] if firsts else None
            elif near_before:
                chosen = near_before[-1]
            elif after:
                chosen = after[0]
            elif before:
                chosen = before[-1]
            elif carry is not None and (
                qualitative_test or " ".join(carry.text.lower().split()) not in qualitative_only
            ):
                chosen = carry
            else:
                chosen = None
            titer = (
                find_titer(text, mention.end, limit)
                if value is None and item is not None and item.titer_positive_from is not None
                else None
            )
            if titer is not None and chosen is not None and chosen.start >= limit:
                chosen = None  # the titre printed with this test, not the state of a test named after it
            if chosen is not None:
                interpretation, cue_text = chosen.interpretation, chosen.text
            elif value is not None and value.flag is not None:
                interpretation, cue_text = value.flag  # the flag printed after it ("2.71 ↑", "0.62 L")
            elif titer is not None and item is not None and item.titer_positive_from is not None:
                # a titre at or above the analyte's positive dilution is positive; a lower one is
                # recorded as printed ("1:40"), uninterpreted
                positive = titer.denominator >= item.titer_positive_from
                interpretation = "high" if positive else None
                cue_text = f"{'positive, ' if positive else ''}titre 1:{titer.denominator:g}"
            if (
                status == "absent"
                and chosen is not None
                and chosen.interpretation in ("high", "low")
                and re.search(r"\bnot\b", text[max(lo, chosen.start - 6) : chosen.start])
            ):
                interpretation = "normal"
            if value is None and interpretation is None and titer is None:
                continue
            if status in ("hypothetical", "family"):
                continue
            evidence = [ctx.ev(mention.start, mention.end)]
            if value is not None:
                evidence.append(ctx.ev(value.start, value.end))
            if chosen is not None:
                evidence.append(ctx.ev(chosen.start, chosen.end))
            elif titer is not None:
                evidence.append(ctx.ev(titer.start, titer.end))
            qualitative = cue_text.lower() if value is None and cue_text else None
            # a word naming two tests at once ("phosphocalcic metabolism was normal") reads both; a
            # measured value belongs to the first
            named_ids = [analyte] if value is not None else [k[1] for k in mention.keys if k[0] == "analyte"]
            out.extend(
                Lab(
                    analyte=named_id,
                    name=" ".join(mention.text.split()),
                    loinc=None,
                    **_measured(value),
                    interpretation=interpretation,
                    qualitative=qualitative if item is None or item.category != "qualitative" or qualitative else None,
                    evidence=list(evidence),
                )
                for named_id in dict.fromkeys(named_ids)
            )
        for state in ctx.states(sentence):
            if ctx.vocab.get("analyte", state.analyte) is None:
                continue
            status, _ = ctx.assertion(state.start, state.end, sentence)
            if status != "present":
                continue
            value = self._state_value(state.analyte, state.end, sentence.end)
            evidence = [ctx.ev(state.start, state.end)]
            if value is not None:
                evidence.append(ctx.ev(value.start, value.end))
            out.append(
                Lab(
                    analyte=state.analyte,
                    name=state.text,
                    **_measured(value),
                    interpretation=state.interpretation,
                    qualitative=state.text.lower(),
                    evidence=evidence,
                )
            )
        return out

    def _state_value(self, analyte: str, start: int, limit: int) -> ValueHit | None:
        """The measured value a state word gives right after it, with a unit of its test:
        "hypercalcaemic (3.2 mmol/L)", "hyperphosphataemia of 2.8 mmol/L", "hypercalcaemic at 12.9 mg/dL"."""
        text = self.context.text
        value = find_value(text, start, limit, self.patterns.labs)
        if value is None or value.unit is None or not _unit_fits(analyte, value.unit):
            return None
        if not _STATE_VALUE_GAP.match(text, start, value.start):
            return None
        return value

    @staticmethod
    def _merge(labs: list[Lab]) -> list[Lab]:
        merged: dict[tuple[str, float | None, str | None], Lab] = {}
        for lab in labs:
            key = (lab.analyte, lab.value, lab.interpretation if lab.value is None else None)
            if key in merged:
                kept = merged[key]
                kept.evidence.extend(lab.evidence)
                if kept.interpretation is None and lab.interpretation is not None:
                    # the same value told twice, once with the author's word for it ("hyperphosphataemia
                    # (phosphate 9.8 mg/dL)"): the word is its interpretation, where no range may exist
                    merged[key] = kept.model_copy(update={"interpretation": lab.interpretation})
                continue
            if lab.value is None and any(
                k[0] == lab.analyte and v.value is not None and v.interpretation == lab.interpretation
                for k, v in merged.items()
            ):
                continue
            merged[key] = lab
        return list(merged.values())

    def _interpret(self, labs: list[Lab], patient: Patient) -> list[Lab]:
        """Values the text gives no cue for, read against their printed or reference range."""
        from calcidx.case.labs import interpret_lab
        from calcidx.knowledge.loader import load_bundle

        bundle = load_bundle()
        ambiguous = self.context.rules.ambiguous_analyte_names
        out = []
        for lab in labs:
            if ambiguous and lab.value is not None and lab.name and lab.name.lower() in ambiguous:
                lab = lab.model_copy(update={"analyte": _by_value(lab, ambiguous[lab.name.lower()], patient, bundle)})
            if lab.interpretation is None and lab.value is not None and lab.analyte in bundle.analytes:
                lab = lab.model_copy(update={"interpretation": interpret_lab(lab, patient, bundle)})
            out.append(lab)
        return out
