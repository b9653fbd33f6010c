"""Laboratory statements: values with units, comparators, printed ranges and interpretation cues.

Handles values after the analyte ("calcium (10.4 mg/dL)", "CRP was 12.77 mg/dL", "calcium level of
less than 8.0 ng/ml"), a cue before a coordinated list ("elevated levels of PTH, calcium and
phosphate"), a cue after one ("Serum calcium, phosphorus and uric acid were all normal"), and words
such as "hypocalcaemia" that state an interpretation on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from calcidx.extract.prefilter import first_character_gate
from calcidx.extract.rules import (
    Rules,
    alternation,
    load_current_value_rules,
    load_lab_cue_pseudo_before_rules,
    load_lab_cue_pseudo_rules,
    phrase_regex,
)

__all__ = ["CueHit", "LabPatterns", "ValueHit", "find_current_value", "find_value"]


@dataclass(frozen=True)
class CueHit:
    """An interpretation cue ("elevated", "within normal limits") in the text."""

    start: int
    end: int
    interpretation: str
    text: str


@dataclass(frozen=True)
class ValueHit:
    """A printed value after an analyte name."""

    start: int
    end: int
    value: float
    unit: str | None
    comparator: str | None
    reference_range: str | None
    reference_low: float | None
    reference_high: float | None
    #: a flag printed after the value ("2.71 ↑", "0.62 (L)"): its interpretation and its text
    flag: tuple[str, str] | None = None


# characters after a cue that the pseudo-cue rules read
_PSEUDO_WINDOW = 60
#: how far before a cue the words that make it a later result are looked for
_PSEUDO_BEFORE_WINDOW = 120
_COMPARATORS = {
    "<": "<",
    "less than": "<",
    "below": "<",
    "under": "<",
    ">": ">",
    "greater than": ">",
    "more than": ">",
    "above": ">",
    "over": ">",
    "≤": "<=",
    "<=": "<=",
    "up to": "<=",
    "≥": ">=",
    ">=": ">=",
    "at least": ">=",
    "=": "=",
}


#: a number with a decimal comma ("2,65"), as the patterns admit it
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
#: a comma and one or two digits glued to a number the value pattern read without them
_DECIMAL_COMMA_AFTER = re.compile(r",\d{1,2}(?![\d,])")


class LabPatterns:
    """Compiled regexes for one rule set."""

    def __init__(self, rules: Rules) -> None:
        cue_words: dict[str, str] = {}
        for interpretation, words in rules.lab_cues.items():
            for word in words:
                cue_words[word] = interpretation
        self.cue_words = cue_words
        self.cue = phrase_regex(list(cue_words))
        # a cue word that labels a printed range ("(normal 8.5-10.5)") is no interpretation
        self.pseudo_cues = tuple(rule.pattern for rule in load_lab_cue_pseudo_rules())
        # ... nor one that tells a later result after a treatment ("returned to normal")
        self.pseudo_cues_before = tuple(rule.pattern for rule in load_lab_cue_pseudo_before_rules())
        # a current value given after an earlier one ("eGFR 72 last year, now 24")
        current = {rule.id: rule.pattern for rule in load_current_value_rules()}
        self.value_now = current["lab_value.now"]
        self.value_changed = current["lab_value.changed_from_to"]
        units = "|".join(sorted(rules.units, key=len, reverse=True))
        comparators = "|".join(re.escape(c) for c in sorted(_COMPARATORS, key=len, reverse=True))
        number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
        # a value in words ("eGFR twenty-two", "a clearance of about fifteen mL/min"): only where a
        # unit, a punctuation mark or the end follows, so "calcium, one of the tests" is no value
        self.number_words = {w: n for w, n in rules.number_words.items() if len(w) > 2}
        spelled = "|".join(sorted(self.number_words, key=len, reverse=True))
        in_words = rf"(?:{spelled})(?:[- ](?:{spelled}))?(?=\s*(?:(?:{units})(?![a-z])|[.,;)]|$))"
        unit_follows = rf"(?=\s*(?:{units})(?![a-z]))"
        # thousands grouped by a space ("PTH 1 234 pg/mL", the SI style): only where the analyte's
        # unit follows, so "calcium 9 120 days later" stays 9
        spaced = rf"\d{{1,3}}(?:[ \u2009\u202f\u00a0]\d{{3}})+(?:\.\d+)?{unit_follows}"
        # a decimal comma ("calcium 2,65 mmol/L", "phosphate 1,9 mmol/l"): one or two digits after the
        # comma (three are thousands: "1,234") and the analyte's unit after it, or in a printed range
        decimal = _DECIMAL_COMMA.pattern + r"(?![\d,])"
        # ... or, with no unit, where a separator ends it ("Ca 2,38, PO4 1,1 (mmol/l)", "Ca 2,4; P 2,1",
        # "Ca 2,38 - P 1,10", "Calcium 2,55 [2,15-2,50]"): two digits after a comma are never thousands
        separated = r"(?=[ \t]*(?:[;)\]\[(]|,\s|[-–]\s|(?:and|&|or)\b|\.(?:\s|$)|$))"
        # the gap may hold the per-1.73 m2 of an eGFR unit printed before the value ("eGFR
        # (mL/min/1.73m2)  18"): its number is part of the unit, never the result
        self.value = re.compile(
            rf"^(?P<gap>[^.;\d]{{0,40}}?(?:/\s*1\.73\s*(?:m2|m²|m\^2)?[^.;\d]{{0,20}}?)?)(?P<cmp>(?:{comparators})\s*)?"
            rf"(?!(?<=/)1\.73)(?P<num>{spaced}|{decimal}{unit_follows}|{_DECIMAL_COMMA.pattern}(?!\d)(?!,\d){separated}|{number}"
            rf"|\b{in_words})"
            rf"(?:\s*(?P<unit>(?:{units}))(?![a-z]))?",
            re.IGNORECASE,
        )
        self.range = re.compile(
            rf"^\s*[(\[,]?\s*(?:(?:normal|reference|ref\.?|nr|rr|range|normal range|reference range|"
            rf"reference interval|normal values?|reference values?)\s*[:=,]?\s*)*"
            rf"(?P<lo>{decimal}|{number})\s*(?:-|–|—|to)\s*(?P<hi>{decimal}|{number})"
            rf"(?:\s*(?:{units}))?\s*[)\]]?",
            re.IGNORECASE,
        )
        # a table row's unit printed with the test's name, before the value ("Calcium (mg/dL)  10.9",
        # "Phosphate, mg/dL: 7.4"): the gap between name and value is that unit and nothing else
        self.header_unit = re.compile(
            rf"^\s*(?:[(\[]\s*(?P<bracketed>{units})\s*[)\]]|,\s*(?P<listed>{units}))\s*[:=]?\s*$", re.IGNORECASE
        )
        # the unit in brackets right after the value ("Phos 4.1 (mg/dL)", "PTH 1240 [pg/mL]")
        self.bracketed_unit = re.compile(rf"\s*[(\[]\s*(?P<unit>{units})\s*[)\]]", re.IGNORECASE)
        # the unit after the value's printed range or flag ("1.52 (1.15-1.33) mmol/L", "10.9 (H) mg/dL")
        self.trailing_unit = re.compile(rf"[ \t]*(?P<unit>{units})(?![a-z/])", re.IGNORECASE)
        # a table row's reference column: a bare range right after the value that ends the row or
        # the item ("Creatinine (mg/dL)   1.1   0.6-1.2", "Ca 10.9 8.5-10.2; ..."); a range
        # followed by more words ("1-2 weeks later") is not one
        # a results table's row that prints the reference range before the result ("Calcium  8.6 - 10.3
        # mg/dL  10.9 (H)  9.0", the latest result first): the range, then the value after it
        self.range_first = re.compile(
            rf"(?:,?[ \t]*(?:intact|total|serum|plasma|ioni[sz]ed|adj(?:usted)?|corrected)\b)?[ \t]*[:=]?[ \t]*"
            rf"(?P<lo>{number})[ \t]*(?:-|–|—)[ \t]*(?P<hi>{number})(?:[ \t]*(?P<unit>{units}))?"
            rf"[ \t]+(?P<num>{number})(?![ \t]*(?:-|–|—)[ \t]*\d)(?![\d.])",
            re.IGNORECASE,
        )
        self.column_range = re.compile(
            rf"[ \t]+(?P<lo>{number})\s*(?:-|–|—)\s*(?P<hi>{number})(?:\s*(?:{units}))?(?=[ \t]*(?:[\n;,]|\.(?!\d)|$))",
            re.IGNORECASE,
        )
        # a one-sided printed range in brackets ("(< 0.1 mg/dL)", "(normal: <= 65)")
        self.bound = re.compile(
            rf"^\s*[(\[]\s*(?:(?:normal|reference|ref\.?|nr|rr|range|normal range|reference range|"
            rf"reference interval|normal value)\s*[:=,]?\s*)*(?P<cmp><=|≤|<|>=|≥|>|less than|below|up to|"
            rf"greater than|above)\s*(?P<num>{number})(?:\s*(?:{units}))?\s*[)\]]",
            re.IGNORECASE,
        )
        flags = {w.lower(): interpretation for interpretation, words in rules.lab_flags.items() for w in words}
        self.flag_words = flags
        # a letter flag ("H", "(L)") ends the result ("2.98 mmol/L H,") or comes before its unit ("10.9 (H)
        # mg/dL"); an arrow may run on ("2.71 ↑ PO4")
        letters = [w for w in flags if any(c.isalpha() for c in w)]
        arrows = [w for w in flags if w not in letters]
        self.flag = (
            re.compile(
                rf"[ \t]*(?:(?:{alternation(letters)})(?![\w(])(?=[ \t]*(?:[,;)\n]|$|(?:{units})(?![a-z])))"
                rf"|(?:{alternation(arrows)}))",
                re.IGNORECASE,
            )
            if flags
            else None
        )
        self.state_words = [
            (re.compile(rf"(?<![\w-]){w.pattern}(?![\w-])", re.IGNORECASE), w.analyte, w.interpretation)
            for w in rules.lab_state_words
        ]
        body = "|".join(f"({w.pattern})" for w in rules.lab_state_words)
        gate = first_character_gate(body, re.IGNORECASE)  # changes no match (see there)
        self.states = re.compile(rf"(?<![\w-]){gate}(?:{body})(?![\w-])", re.IGNORECASE)

    def cues(self, text: str) -> list[CueHit]:
        """Interpretation cues in ``text``."""
        found = []
        for match in self.cue.finditer(text):
            after = text[match.end() : match.end() + _PSEUDO_WINDOW]
            if any(pseudo.match(after) for pseudo in self.pseudo_cues):
                continue
            before = text[max(0, match.start() - _PSEUDO_BEFORE_WINDOW) : match.start()]
            if any(pseudo.search(before) for pseudo in self.pseudo_cues_before):
                continue
            phrase = " ".join(match.group().lower().split())
            found.append(CueHit(match.start(), match.end(), self.cue_words.get(phrase, "normal"), match.group()))
        return found


def _float(raw: str) -> float:
    if _DECIMAL_COMMA.fullmatch(raw):
        return float(raw.replace(",", "."))  # "2,65": a decimal comma (the patterns admit it only so)
    return float(re.sub(r"[,\s]", "", raw))


def _value(raw: str, patterns: LabPatterns) -> float:
    """A printed number, or one in words ("twenty-two" = 22)."""
    if raw[:1].isdigit():
        return _float(raw)
    return float(sum(patterns.number_words[part] for part in re.split(r"[- ]", raw.lower())))


#: a dose unit after a number: the number is a dose, not a laboratory result
_DOSE_AFTER = re.compile(
    r"\s*(?:IU|international units?|units?|mg|mcg|µg|μg|ug|g|tablets?|tabs?|capsules?|caps?|drops?)\b(?!\s*/)",
    re.IGNORECASE,
)


# a unitless value after the state the text gives it ("calcium was elevated at 11.8", "phosphate
# remained markedly raised at 7.9"): a longer gap than a unitless value may otherwise have
_STATED_AT = re.compile(
    r"\s*(?:was|were|is|remained)\s+(?:(?:markedly|mildly|slightly|significantly|persistently|still)\s+)?"
    r"(?:elevated|raised|high|increased|low|decreased|reduced|normal)\s+(?:at|of|to)\s*",
    re.IGNORECASE,
)


# what follows the first term of a titre ("1:1280", "1 : 320", "1/160")
_RATIO_AFTER = re.compile(r"\s*[:/]\s*\d")
# a titre printed after a test's name ("ANA of 1:1280", "ANA positive at a titre of 1/320")
_TITER = re.compile(r"[^.;\d]{0,40}?(?<![\d.])(?P<titer>1\s*[:/]\s*(?P<den>\d{1,3}(?:,\d{3})+|\d{1,6}))(?![\d:/]|\.\d)")


@dataclass(frozen=True)
class TiterHit:
    """A titre printed after a test's name: its denominator (1:1280 is 1280) and where it stands."""

    start: int
    end: int
    denominator: float


def find_titer(text: str, start: int, limit: int) -> TiterHit | None:
    """The titre printed right after a test's name ending at ``start`` (before ``limit``)."""
    match = _TITER.match(text, start, limit)
    if match is None:
        return None
    return TiterHit(match.start("titer"), match.end("titer"), _float(match.group("den")))


#: a number that is a multiple of a limit, not a result ("15 times the upper limit", "3-fold above")
_MULTIPLE_AFTER = re.compile(r"\s*(?:-\s*)?(?:times|fold|x\s+(?:the\s+)?(?:uln|upper|normal))\b", re.IGNORECASE)


#: a time after a number with no unit: a time, never a result ("6 months ago", "3 weeks later")
_TIME_AFTER = re.compile(r"\s*(?:months?|years?|yrs?|weeks?|wks?|days?|mos?)\b", re.IGNORECASE)
#: a day and month heading a row of values ("5/14:", "12/05 -")
_DATE_LABEL_AFTER = re.compile(r"(?:[1-9]|[12]\d|3[01])/(?:[1-9]|[12]\d|3[01])(?:/\d{2,4})?\s*[:\-–]")
#: a state word said of the test, then a comma: what follows is another test's ("C3 low, dsDNA 45")
_STATE_THEN_ANOTHER = re.compile(
    r"\b(?:low|high|normal|elevated|raised|decreased|reduced|negative|positive|nl|wnl)\s*,\s*\S", re.IGNORECASE
)
#: hours after a number: a collection's or a study's duration ("24h urine", "24-hour"), never a result
#: (an "h" glued to the number: "11.3 H" is a result flagged high)
_DURATION_AFTER = re.compile(r"-?h\b|\s?-?(?:hrs?|hours?)\b", re.IGNORECASE)


#: a year heading a value ("eGFR: 2019: 80; 2025: 24"), and the next one after a value ("; 2025: 24")
_YEAR_LABEL = re.compile(r"[ \t]*[:=]?[ \t]*(?P<year>(?:19|20)\d{2})[ \t]*[:=][ \t]*")
_NEXT_YEAR_LABEL = re.compile(r"[ \t]*[;,][ \t]*(?P<year>(?:19|20)\d{2})[ \t]*[:=][ \t]*")


def _year_series(text: str, start: int, limit: int, patterns: LabPatterns) -> tuple[ValueHit | None, int | None] | None:
    """The value of the latest year in a series of values headed by years ("eGFR: 2019: 80; 2022: 55;
    2025: 24" is 24), with where its words begin; None where no year heads the first value."""
    label = _YEAR_LABEL.match(text, start, limit)
    if label is None:
        return None
    value = find_value(text, label.end(), limit, patterns)
    if value is None:
        return None, None
    latest, latest_year, first = value, int(label.group("year")), value
    while (label := _NEXT_YEAR_LABEL.match(text, value.end, limit)) is not None:
        following = find_value(text, label.end(), limit, patterns)
        if following is None:
            break
        value = following
        if int(label.group("year")) > latest_year:
            latest, latest_year = following, int(label.group("year"))
    return _current_after(first, latest)


def _current_after(first: ValueHit, current: ValueHit) -> tuple[ValueHit, int | None]:
    """``current`` told after ``first`` in one series, with where the current value's words begin
    (None when it is the first): it keeps the first one's unit when it prints none."""
    if current is first:
        return first, None
    if current.unit is None and first.unit is not None:
        current = replace(current, unit=first.unit)
    return current, first.end


def find_current_value(text: str, start: int, limit: int, patterns: LabPatterns) -> tuple[ValueHit | None, int | None]:
    """The value printed after an analyte name ending at ``start`` (before ``limit``), or the current
    one where the clause gives it after earlier ones ("eGFR 72 last year, now 24", "eGFR declined
    from 70 to 25", "65 (2021) -> 48 (2022) -> 27 (2024)"), with the offset where the current value's
    words begin (None for a lone value): what stands before it ("was low at 1.9 last year") speaks of
    the earlier one. The current value keeps the earlier one's unit when it prints none; in a series
    headed by years the latest year's value is the current one."""
    if (series := _year_series(text, start, limit, patterns)) is not None:
        return series
    value = find_value(text, start, limit, patterns)
    if value is None:
        changed = patterns.value_changed.match(text[start:limit])
        if changed is None:
            return None, None
        return find_value(text, start + changed.end(), limit, patterns), start + changed.end()
    first, current = value, value
    # a trend goes on to its last value ("65 (2021) -> 48 (2022) -> 27 (2024)")
    while (now := patterns.value_now.match(text[current.end : limit])) is not None:
        following = find_value(text, current.end + now.end(), limit, patterns)
        if following is None:
            break
        current = following
    return _current_after(first, current)


#: the hydroxylation named after the vitamin ("Vit D 25-OH: 12", "vitamin D 1,25(OH)2 40"): part of the name
_HYDROXY_AFTER = re.compile(r"\s*(?P<which>1\s*,\s*25|25)\s*[-(]?\s*(?:OH|hydroxy)\)?(?:\s*2\b)?", re.IGNORECASE)


def _flag_after(text: str, end: int, limit: int, patterns: LabPatterns) -> tuple[tuple[str, str] | None, int]:
    """The flag printed right after a result ending at ``end`` ("10.9 (H)", "2.71 ↑"): its
    interpretation and its text, and where the result ends with it; (None, ``end``) without one."""
    if patterns.flag is None or (marked := patterns.flag.match(text, end, limit)) is None:
        return None, end
    word = marked.group().strip()
    return (patterns.flag_words[word.lower()], word), marked.end()


def _range_first(text: str, start: int, limit: int, patterns: LabPatterns) -> ValueHit | None:
    """A results table's row with the reference range before the value ("Calcium  8.6 - 10.3 mg/dL
    10.9 (H)"); None for any other text, or where a time follows the number ("... 3 weeks")."""
    row = patterns.range_first.match(text, start, limit)
    if row is None or _TIME_AFTER.match(text, row.end("num"), limit):
        return None
    lo, hi = _float(row.group("lo")), _float(row.group("hi"))
    if lo >= hi:
        return None
    flag, end = _flag_after(text, row.end(), limit, patterns)
    return ValueHit(
        start=row.start("num"),
        end=end,
        value=_float(row.group("num")),
        unit=row.group("unit"),
        comparator=None,
        reference_range=text[row.start("lo") : row.end("unit") if row.group("unit") else row.end("hi")],
        reference_low=lo,
        reference_high=hi,
        flag=flag,
    )


def find_value(text: str, start: int, limit: int, patterns: LabPatterns) -> ValueHit | None:
    """The value printed right after an analyte name ending at ``start`` (before ``limit``)."""
    if (hydroxy := _HYDROXY_AFTER.match(text, start, limit)) is not None:
        if hydroxy.group("which") != "25":
            return None  # 1,25-dihydroxyvitamin D named after "vitamin D": another test
        start = hydroxy.end()
    if (row := _range_first(text, start, limit, patterns)) is not None:
        return row
    window = text[start:limit]
    match = patterns.value.match(window)
    if match is None:
        return None
    gap = match.group("gap").lower()
    unit = match.group("unit")
    if unit is None and (header := patterns.header_unit.match(match.group("gap"))) is not None:
        unit = header.group("bracketed") or header.group("listed")
    num_at = start + match.start("num")
    if match.group("cmp") is None and num_at > 0 and text[num_at - 1].isalpha():
        return None  # a digit glued to a letter is part of a name ("vitamin D3", "Adcal D3"), not a value
    if match.group("num") == "1" and _RATIO_AFTER.match(text, start + match.end("num"), limit):
        return None  # a titre ("ANA 1:1280"): not the value 1 (find_titer reads a titre)
    if _MULTIPLE_AFTER.match(text, start + match.end("num"), limit):
        return None  # a multiple of the normal limit ("15 times the upper limit of normal"), not the value
    if _DURATION_AFTER.match(text, start + match.end("num"), limit):
        return None  # a collection's hours ("PTH, 24h urinary calcium normal"), not the value
    if unit is None and _TIME_AFTER.match(text, start + match.end("num"), limit):
        return None  # a time ("stopped calcium + D 6 months ago"), not the value
    if _DATE_LABEL_AFTER.match(text, start + match.start("num"), limit):
        return None  # a date heading the values ("BMP 5/14: Na 138"), not a value
    if _STATE_THEN_ANOTHER.search(gap):
        return None  # the test's own state, then another test's value ("C3 low, dsDNA 45 IU/mL")
    if _DECIMAL_COMMA_AFTER.match(text, start + match.end("num"), limit):
        return None  # "calcium 2,65" with no unit: a decimal comma or a list, never the value 2
    if unit is None and len(gap.strip(" (:=")) > 12 and _STATED_AT.fullmatch(gap) is None:
        return None
    if unit is None and _DOSE_AFTER.match(text, start + match.end(), limit) is not None:
        return None  # a dose ("vitamin D3 50,000 IU daily", "calcitriol 0.25 mcg"), not a result
    if re.search(r"\b(?:and|or|with|after|for|in|on|since|during|from|day|days|weeks|months|years|times)\b", gap):
        return None
    if (
        re.search(r"[a-z]{2,}\s*$", gap)
        and not re.search(
            r"(?:was|were|is|of|at|about|around|approximately|level|levels|value|concentration|count|measured|noted|"
            r"showed|elevated|raised|"
            r"increased|low|high|decreased|reduced|normal|titer|titre|than|below|above|now|currently|today|presently)\s*$",
            gap,
        )
        and unit is None
    ):
        return None
    cmp_raw = (match.group("cmp") or "").strip().lower()
    comparator = _COMPARATORS.get(cmp_raw) if cmp_raw else None
    if comparator is None:
        tail = re.search(r"(less than|greater than|more than|below|above|up to|at least)\s*$", gap)
        if tail:
            comparator = _COMPARATORS[tail.group(1)]
    end = start + match.end()
    if unit is None and (bracketed := patterns.bracketed_unit.match(text, end, limit)) is not None:
        unit, end = bracketed.group("unit"), bracketed.end()
    value = _value(match.group("num"), patterns)
    ref_text: str | None = None
    ref_lo: float | None = None
    ref_hi: float | None = None
    ref = patterns.range.match(text[end:limit])
    if ref is not None and ("(" in ref.group() or "range" in ref.group().lower() or "normal" in ref.group().lower()):
        ref_text = ref.group().strip(" ,;")
        ref_lo, ref_hi = _float(ref.group("lo")), _float(ref.group("hi"))
        end += ref.end()
    elif (column := patterns.column_range.match(text, end, limit)) is not None and (
        (lo := _float(column.group("lo"))) < (hi := _float(column.group("hi")))
    ):
        ref_text, ref_lo, ref_hi, end = column.group().strip(), lo, hi, column.end()
    elif (bound := patterns.bound.match(text[end:limit])) is not None:
        ref_text = bound.group().strip(" ,;")
        if _COMPARATORS.get(bound.group("cmp").lower(), ">").startswith("<"):
            ref_hi = _float(bound.group("num"))
        else:
            ref_lo = _float(bound.group("num"))
        end += bound.end()
    flag, end = _flag_after(text, end, limit, patterns)
    trailing = patterns.trailing_unit.match(text, end, limit) if unit is None and (ref_text or flag) else None
    if trailing is not None:
        unit, end = trailing.group("unit"), trailing.end()
    return ValueHit(
        start=start + match.start("cmp") if match.group("cmp") else start + match.start("num"),
        end=end,
        value=value,
        unit=unit,
        comparator=comparator,
        reference_range=ref_text,
        reference_low=ref_lo,
        reference_high=ref_hi,
        flag=flag,
    )
