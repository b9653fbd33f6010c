"""Ages and sex as case reports state them ("7-year-old girl", "aged 55", "12 days old")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from calcidx.extract.prefilter import compile_gated, fold, requirement
from calcidx.extract.rules import Rules, load_age_rules, load_age_unit_aliases, load_carer_rules
from calcidx.extract.sections import caseless

__all__ = ["AgeFinder", "AgeMention", "find_ages", "sex_from_text"]

_UNIT_YEARS = {"year": 1.0, "yr": 1.0, "month": 1 / 12, "mo": 1 / 12, "week": 7 / 365.25, "wk": 7 / 365.25}
_UNIT_YEARS["day"] = 1 / 365.25
# the age belongs to a relative: "her 70-year-old mother", "Her father, a 45-year-old man,"
_RELATIVES = (
    r"mother|father|sister|brother|son|daughter|aunt|uncle|cousin|grandmother|grandfather|husband|wife|"
    r"sibling|parent|twin"
)
_RELATIVE_NOUN = re.compile(rf"^(?:{_RELATIVES})s?$", re.IGNORECASE)
_RELATIVE_OWNER = re.compile(
    r"\b(?:her|his|their|the patient's|patient's|whose|our patient's|the|a|an)\s+(?:[\w-]+\s+){0,2}$", re.I
)
# ... but a relative noun that opens a sentence after "a" is the person the sentence introduces ("A mother
# (42 years) and her son (15 years) both had ...")
_OPENING_ARTICLE = re.compile(r"(?:^|[.!?]\s+|\n)\W{0,3}an?\s+(?:[\w-]+\s+){0,2}$", re.I)
_POSSESSIVE_BEFORE = re.compile(
    r"\b(?:her|his|their|the patient's|patient's|whose|our patient's)\s+$"
    # ... and the mother a baby is born to ("born at 35 weeks to a 41-year-old mother")
    r"|\b(?:born|delivered)\b[^.;]{0,30}?\bto\s+(?:a|an|the)\s+$",
    re.I,
)
# "The child's father, aged 45": "aged" after a possessed relative and a comma, and not a pair's list
_APPOSITION_OWNED = re.compile(
    r"(?:\b(?:her|his|their|the patient's|patient's|our patient's)|\w+['’]s)\s+(?:[\w-]+\s+)?"
    rf"(?:{_RELATIVES})s?\s*,\s*$",
    re.IGNORECASE,
)
_LISTED_AGE_AFTER = re.compile(r"\s*(?:,|and|&)\s*\d")
# a companion's age: "Accompanied by: mother, 38 y/o, ...", "Lives with husband (62 yo, on dialysis)"
_COMPANION_BEFORE = re.compile(
    rf"(?:\baccompanied\s+by:?\s+(?:(?:her|his|their|the)\s+)?(?:{_RELATIVES})s?\s*,\s*|\b(?:{_RELATIVES})s?\s*\(\s*)$",
    re.IGNORECASE,
)
# "Her mother, a woman of 70 years": an age after a relative and a comma is the relative's
_APPOSITION_RELATIVE = re.compile(rf"(?:{_RELATIVES})s?\s*,\s*$", re.IGNORECASE)
_APPOSITION_BEFORE = re.compile(rf"\b(?:{_RELATIVES})\s*,\s*(?:a|an)\s+$", re.IGNORECASE)
# the age of a group, not of a person: "particularly those 2 years of age", "patients over 50
# years of age", "children younger than 5 years" (a plural noun needs a comparison word, so that
# "two patients aged 45 and 50" stay two people)
_GROUP_BEFORE = re.compile(
    r"(?:\bthose\s+(?:(?:aged|of|at|around|about|approximately|over|under|above|below|older|younger|than|"
    r"less|more|between|up|to)\s+)*"
    r"|\b(?:patients|children|adults|people|persons|individuals|subjects|women|men|infants|adolescents|dogs|cats|"
    r"animals)\s+(?:aged\s+)?(?:over|under|above|below|older\s+than|younger\s+than|less\s+than|more\s+than|"
    r"between|up\s+to|beyond|past)\s+(?:the\s+age\s+of\s+)?)$",
    re.IGNORECASE,
)

# an age given as a bound is a group's ("21 years of age or younger", "aged 65 and over"): a person
# has one age, a bound belongs to a group however it is introduced ("89% of patients were ...")
_GROUP_AFTER = re.compile(
    r"\s*(?:of\s+age\s+)?(?:or|and)\s+(?:younger|older|less|more|under|over|above|below|lower|higher)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AgeMention:
    """An age statement: its value in years (None for "in her forties"), span, and person noun.

    ``low`` and ``high`` bound an age told without a number ("in her forties": 40 and 50, ``high``
    not included; "an octogenarian": 80 and 90).
    """

    start: int
    end: int
    years: float | None
    text: str
    noun: str | None
    intro: bool
    onset: bool
    relative: bool = False
    group: bool = False  # a group's age ("those 2 years of age"): no one's age in the case
    low: float | None = None
    high: float | None = None


#: An age in digits: a decimal ("3.5", "3,5") or a whole number and a half or quarter ("3½",
#: "2 ½", "3 1/2"); never the digits after a slash ("3 1/2-year-old" is not a 2-year-old)
_DIGITS = r"(?<![\d/])\d{1,3}(?:[.,]\d{1,2}|\s?[½¼¾]|\s[13]/[24](?!\d))?"
_FRACTION = re.compile(r"(\d{1,3})\s?([½¼¾]|[13]/[24])")
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "1/2": 0.5, "1/4": 0.25, "3/4": 0.75}


def _age_regex(rules: Rules, *, any_case: bool = False) -> re.Pattern[str]:
    words = "|".join(sorted((w for w in rules.number_words if len(w) > 2), key=len, reverse=True))

    def number(i: int) -> str:
        return rf"(?P<num{i}>{_DIGITS}|(?:{words})(?:[- ](?:{words}))?)"

    def unit(i: int) -> str:
        return rf"(?P<unit{i}>years?|yrs?|months?|mos?|weeks?|wks?|days?)"

    nouns = "|".join(sorted(rules.female_nouns | rules.male_nouns | rules.neutral_nouns, key=len, reverse=True))
    decades = "|".join(rules.decade_words)
    ordinals = "|".join(rules.decade_ordinals) or "(?!)"
    age_groups = "|".join(sorted(rules.age_group_words, key=len, reverse=True))
    # the compact sex is a capital ("45F"), but any letter in a text all in lower case ("58f, ckd 4")
    compact_sex = r"(?P<compactsex>[FM])" if any_case else r"(?-i:(?P<compactsex>[FM]))"
    # ... and after "old" in a note ("3-week-old M", "61 year old F")
    old_sex = r"(?P<hysex>[FM])" if any_case else r"(?-i:(?P<hysex>[FM]))"
    return re.compile(
        rf"(?:(?P<hy>{number(1)}[\s-]+{unit(1)}(?:,?[\s-]+(?:and[\s-]+)?{number(4)}[\s-]+{unit(4)})?[\s-]+old"
        # a running header glued to the age by a PDF or web copy: "16-year-oldCASE REPORTS girl"
        r"(?-i:[A-Z]{2,}(?=\s))?"
        rf"(?:\s+(?-i:AA|[WBH])?{old_sex}(?![\w'/.-]))?)"
        # ... perhaps after a note's race letter ("72 yo WF", "58 y/o AAM") or a word of the description
        # ... or after a word of the note's description ("61 yo obese F", "61 yo G3P3 F")
        rf"|(?P<yo>{number(5)}[\s-]*(?:yo|y/o|y\.o\.)(?:\s+(?:obese|morbidly\s+obese|G\d{{1,2}}\s?P\d{{1,2}}|white|black|"
        r"caucasian|hispanic|asian))?(?:\s*(?-i:AA|[WBH])?(?P<yosex>[FM])\b)?)"
        # ... and its months too: "aged 4 years and 3 months"
        rf"|(?P<aged>\baged?(?:\s*:)?\s+(?:of\s+)?{number(2)}(?:\s+{unit(2)}"
        rf"(?:,?\s+(?:and\s+)?{number(8)}\s+{unit(8)}\b(?![\s-]+(?:ago|later|before|after|earlier)\b))?)?)"
        # a clinical note's compact age and sex: "45F with limited SSc", "Pt is a 62M w/ ESRD"
        rf"|(?P<compact>(?P<num7>\d{{1,3}})\s?{compact_sex}(?![\w'/-])(?!\.\w)"
        r"(?!\s*(?:catheters?|foley|tubes?|sheaths?|cannulas?|needles?|gauge|french|fr\b|solution|saline|nacl|kcl)))"
        rf"|(?P<ofage>{number(3)}\s+{unit(3)}\s+of\s+age)"
        rf"|(?P<decade>\bin\s+(?:her|his|their)\s+(?:early\s+|mid-?\s*|late\s+)?(?:{decades}|(?P<tens>[1-9]0)[’']?s\b))"
        # "in her sixth decade", "in the 7th decade of life": the decade of life by its ordinal
        rf"|(?P<ordinal>\bin\s+(?:her|his|their|the)\s+(?:early\s+|mid-?\s*|late\s+)?"
        rf"(?P<nth>{ordinals}|(?:[1-9]|10)(?:st|nd|rd|th))\s+decade(?:\s+of\s+(?:her\s+|his\s+|their\s+)?life)?)"
        # an age group's name: "an octogenarian woman", "a nonagenarian on dialysis"
        rf"|(?P<agegroup>\b(?:{age_groups})(?=s?\b))"
        # a case-database line that is only the age and the sex: "24 days, male", "45 years, female"
        rf"|(?P<listing>(?:(?<=\n)|(?<![\s\S])){number(6)}\s+{unit(6)}\s*[,;/]\s*"
        r"(?P<listsex>female|male)(?=[ \t]*(?:\n|$))))"
        rf"(?P<tail>(?:\s+[a-z-]+){{0,3}}?\s+(?P<noun>{nouns})s?\b)?",
        re.IGNORECASE,
    )


def _rule_patterns(rules: Rules) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """The age rules of ``ages.yaml``, their placeholders filled with this rule set's words: as written,
    and for a text all in lower case, where a sex letter that must be a capital ("45 y, F") is any
    letter (a rule without one is the same compiled pattern in both)."""
    words = "|".join(sorted((w for w in rules.number_words if len(w) > 2), key=len, reverse=True))
    nouns = sorted(rules.female_nouns | rules.male_nouns | rules.neutral_nouns, key=len, reverse=True)
    parts = {
        "{number}": rf"{_DIGITS}|(?:{words})(?:[- ](?:{words}))?",
        "{unit}": r"years?|yrs?|months?|mos?|weeks?|wks?|days?",
        "{noun}": "|".join(nouns),
    }
    cased: list[re.Pattern[str]] = []
    caseless: list[re.Pattern[str]] = []
    for rule in load_age_rules():
        source = rule.source
        for placeholder, part in parts.items():
            source = source.replace(placeholder, f"(?:{part})")
        pattern = compile_gated(source, re.IGNORECASE)  # the same matches, found faster
        any_letter = source.replace("(?-i:[MF])", "[MF]")
        cased.append(pattern)
        caseless.append(pattern if any_letter == source else compile_gated(any_letter, re.IGNORECASE))
    return tuple(cased), tuple(caseless)


# Every age statement contains one of these words; the full regex runs only around them.
# a drop cap glued to the age by a web copy ("A55-year-old woman", "An18-year-old man") starts one too
_WORD_START = re.compile(r"(?<!\w)\w|(?<=\bA)\d|(?<=\bAn)\d")
# Every alternative's first character is o, a, i or a digit (or the first letter of an age group's
# name, added by ``_anchor``): the look-ahead says so first, so the regex engine rejects any other
# position with one test instead of trying the alternatives.
_ANCHOR_SOURCE = (
    r"(?=[oai\d])(?:"
    r"\bold(?:\b|(?-i:(?=[A-Z]{2})))|\baged?\b|\bin\s+(?:her|his|their)\b|\bin\s+the\s+(?=\w+\s+decade\b)|\d[\s-]*(?:yo|y/o|y\.o\.)"
    r"|(?<![\w.+-])\d{1,3}\s?(?-i:[FM])(?![\w'/-])(?!\.\w)"
    r"|\d\s+(?:years?|months?|weeks?|days?)\s*[,;/]\s*(?:fe)?male\b"
    r")"
)


def _anchor(rules: Rules, *, any_case: bool = False) -> re.Pattern[str]:
    """The anchor words of ``rules``' age statements; ``any_case``: for a text all in lower case,
    where a note's "58f" is the compact age and sex."""
    words = sorted(rules.age_group_words, key=len, reverse=True)
    starts = "".join(sorted({w[0].lower() for w in words} - set("oai")))
    source = _ANCHOR_SOURCE.replace("(?=[oai\\d])", f"(?=[oai{starts}\\d])", 1)
    if words:
        # a whole word (its plural too): "children", "childhood" and "infantile" anchor nothing
        source = source[:-1] + "|\\b(?:" + "|".join(map(re.escape, words)) + ")(?=s?\\b)" + source[-1]
    if any_case:
        source = source.replace("(?-i:[FM])", "[FM]")
    return re.compile(source, re.IGNORECASE)


# what may stand before a note's compact "45F": the start of the text, a line or a sentence, "is a", "Pt",
# a line's topic of one word ("SSc 70F"), an opening bracket, "a" opening a sentence,
# a note's history label even where line breaks were lost ("... ?calciphylaxis HPI: 73M w/ ESRD"),
# an obstetric code ("G2P1 32F"), a case label ("Case 1: 45F", "Pt A - 33F"), or a short label or
# topic of words opening the line ("Referral: 58F", "A/P: 66M", "Adult dermatomyositis, 39 F")
_COMPACT_BEFORE = re.compile(
    r"(?:(?<![\s\S])|\n|(?<=[\w)])[.;]\s+|\b(?:is|was)\s+an?\s+|\b(?:pt|patient)\b:?\s*"
    r"|\bG\d{1,2}\s?P\d{1,2}(?:\s?[A-Z]\d{1,2}){0,2},?\s+"
    r"|\b(?:case|patient|pt)\.?\s*(?:no\.?\s*)?(?:\d{1,2}|[ivx]{1,4}|[a-d])\s*[:.)\-–—]?\s*"
    r"|\b(?:hpi|history of present illness|chief complaint|cc|presentation|(?:clinical\s+)?history|indication"
    r"|clinical\s+(?:information|details|indication))\s*:\s*"
    r"|(?:(?<![\s\S])|\n)[ \t]*[a-z][a-z '/-]{0,40}[:,]\s*"
    # ... or a note's topic of one word opening the line ("SSc 70F", "Calciphylaxis 62M HD"),
    # a bracket opening it ("(70F) SSc"), or "a" opening a sentence ("a 60F with")
    r"|(?:(?<![\s\S])|\n)[ \t]*(?!(?:foley|catheters?|tubes?|sheaths?|cannulas?|needles?|ngt?|picc|cvc|lines?|drains?|"
    r"stents?|size|gauge|fr|french|temp|temperature|tmax|room|bed|ward|suction)\b)[a-z][\w'/-]{0,25}[ \t]+"
    r"|(?:(?<![\s\S])|\n)[ \t]*\(\s*"
    r"|(?:(?<![\s\S])|\n|[.!?:]\s+)an?\s+)[ \t]*$",
    re.I,
)


# a note's compact age and sex that ends a clause after a comma ("Post-op day 4 after thyroidectomy,
# 38F.") or stands between commas ("Post-transplant (2 yrs), 55F, tacrolimus"); below 95, so that
# a temperature in Fahrenheit ("afebrile, 98F.") is no age
_CLAUSE_FINAL = re.compile(r"[ \t]*(?:[.;,]|\n|$)")


# a temperature in Fahrenheit told like a compact age ("Afebrile, 98F", "T 99.1F", "Temp: 101F")
_TEMPERATURE_BEFORE = re.compile(r"\b(?:a?febrile|temp(?:erature)?|tmax|t)\b\W{0,4}$", re.IGNORECASE)


def _temperature(text: str, match: re.Match[str]) -> bool:
    """The compact "98F" is a temperature: 95 to 110 after a word for the temperature."""
    return (
        match.group("compactsex") in ("F", "f")
        and 95 <= int(match.group("num7")) <= 110
        and _TEMPERATURE_BEFORE.search(text, max(0, match.start() - 20), match.start()) is not None
    )


def _clause_final_compact(text: str, match: re.Match[str]) -> bool:
    """The compact age and sex follows a comma and ends its clause, and is under 95."""
    return (
        text[max(0, match.start() - 2) : match.start()].endswith((", ", ","))
        and int(match.group("num7")) < 95
        and _CLAUSE_FINAL.match(text, match.end("compactsex")) is not None
    )


def _number(raw: str, rules: Rules) -> float | None:
    fraction = _FRACTION.fullmatch(raw)
    if fraction is not None:
        return int(fraction.group(1)) + _FRACTIONS[fraction.group(2)]
    raw = raw.lower().replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", raw):
        if part not in rules.number_words:
            return None
        total += rules.number_words[part]
    return float(total)


class AgeFinder:
    """The age patterns of one rule set, compiled once (a pipeline component holds one)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.pattern = _age_regex(rules)
        self.any_case_pattern = _age_regex(rules, any_case=True)
        self.rule_patterns, self.any_case_rule_patterns = _rule_patterns(rules)
        self.anchor = _anchor(rules)
        self.any_case_anchor = _anchor(rules, any_case=True)

    def __call__(self, text: str) -> list[AgeMention]:
        """Every age statement in ``text``, in order (see ``find_ages``)."""
        if caseless(text):  # all in lower case: "58f" is a note's compact age and sex
            found = _find(text, self.rules, self.any_case_pattern, self.any_case_anchor)
            return _carer_and_child(text, _by_rules(text, self.rules, self.any_case_rule_patterns, found))
        found = _find(text, self.rules, self.pattern, self.anchor)
        return _carer_and_child(text, _by_rules(text, self.rules, self.rule_patterns, found))


#: "presented at the age of 3 years", "was admitted at 6 weeks of age": the age at presentation
_PRESENTED_AT = re.compile(
    r"\b(?:present(?:ed|s|ing)|admitted|referred|seen|brought|examined|evaluated|hospitali[sz]ed|came|attended)\b"
    r"(?:\s+(?!at\b)[\w-]+){0,4}?\s+at\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


def find_ages(text: str, rules: Rules) -> list[AgeMention]:
    """Every age statement in ``text``, in order.

    "9-month-old" gives 0.75, "2-week-old" 14/365.25, "in her forties" gives ``years=None``.
    ``intro`` is set for "a/an N-year-old <person>" (a patient introduction), ``onset`` for ages
    introduced by "at the age of" / "since age" (an age at onset, not at presentation). Compiles
    the patterns on every call: a pipeline uses an ``AgeFinder``.
    """
    found = _find(text, rules, _age_regex(rules), _anchor(rules))
    return _carer_and_child(text, _by_rules(text, rules, _rule_patterns(rules)[0], found))


def _carer_and_child(text: str, found: list[AgeMention]) -> list[AgeMention]:
    """A carer's age followed by the child the carer brings ("A 32-year-old mother brought her
    4-month-old son"; ``ages.yaml`` ``carer_brings_child``): the child is the patient, the carer a
    relative."""
    carer_rules = load_carer_rules()
    out = list(found)
    for index in range(len(out) - 1):
        carer, child = out[index], out[index + 1]
        if not (carer.intro or carer.relative) or carer.years is None or child.years is None:
            continue
        if child.group or child.onset:
            continue
        if child.noun is not None and child.noun not in carer_rules.child_nouns:
            continue
        between = text[carer.end : child.start]
        for rule in carer_rules.rules:
            match = rule.pattern.search(between)
            if match is None:
                continue
            # a child told only by an age ("her son, aged 3") is named by the noun before it
            named = [word for word in re.findall(r"[a-z]+", between.lower())[-2:] if word in carer_rules.child_nouns]
            if child.noun is None and not named:
                continue
            out[index] = replace(carer, intro=False, relative=True)
            out[index + 1] = replace(child, intro=True, relative=False, noun=child.noun or named[-1])
            break
    return out


def _by_rules(
    text: str, rules: Rules, patterns: tuple[re.Pattern[str], ...], found: list[AgeMention]
) -> list[AgeMention]:
    """``found`` and the age statements of the ``ages.yaml`` rules that overlap none of them, in order."""
    extra: list[AgeMention] = []
    starts = [f.start for f in found]
    folded: str | None = None
    aliases = load_age_unit_aliases()
    for pattern in patterns:
        # a rule whose words the text lacks ("life" for a day of life) is not run over it
        needed = requirement(pattern)
        if needed.clauses:
            folded = fold(text) if folded is None else folded
            if not needed.admits(folded):
                continue
        for match in pattern.finditer(text):
            groups = match.groupdict()
            # the number's group: "num", or "num2" in a rule that places it elsewhere ("day 6 of life")
            number = "num" if match.group("num") is not None or "num2" not in groups else "num2"
            index = bisect_left(starts, match.end())
            if index > 0 and found[index - 1].end > match.start(number):
                continue  # the built-in forms read it already ("a boy of six years of age")
            value = _number(match.group(number) or "", rules)
            unit = (match.group("unit") or ("day" if groups.get("num2") else "years")).lower()
            unit = aliases.get(unit) or unit.rstrip("s")
            if value is None or value * _UNIT_YEARS.get(unit, 1.0) > 125:
                continue
            # a rule with no person noun ("on day 6 of life") gives an age that introduces no one
            noun = (groups.get("noun") or "").lower() or None
            wide = text[max(0, match.start() - 40) : match.start()]
            # a relative noun is the patient's relative after a possessive or "the" ("Her mother, 60,"),
            # the patient herself when it opens the note ("Breastfeeding mother, 33, ..."); an age with no
            # person noun ("now 15") is no one's relative
            relative = bool(
                noun
                and (
                    (
                        _RELATIVE_NOUN.match(noun)
                        and _RELATIVE_OWNER.search(text, max(0, match.start() - 40), match.start())
                        and not _OPENING_ARTICLE.search(text, max(0, match.start() - 40), match.start())
                    )
                    or _APPOSITION_RELATIVE.search(wide)
                )
            )
            extra.append(
                AgeMention(
                    start=match.start(number),
                    end=match.end(),
                    years=round(value * _UNIT_YEARS.get(unit, 1.0), 4),
                    text=match.group(),
                    noun=noun or None,
                    # an age with no person noun ("now 15") introduces no one: it is the age of the
                    # person already introduced
                    intro=bool(noun) and not relative,
                    onset=False,
                    relative=relative,
                )
            )
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda a: a.start)


def _find(text: str, rules: Rules, pattern: re.Pattern[str], anchors: re.Pattern[str]) -> list[AgeMention]:
    found: list[AgeMention] = []
    matches = []
    taken = -1  # end of the last match: matches do not overlap, as with finditer
    for anchor in anchors.finditer(text):
        # an age statement starts at a word start at most 40 characters before its anchor word;
        # trying only those positions keeps the cost per anchor small and fixed
        window_end = min(len(text), anchor.end() + 60)
        for word in _WORD_START.finditer(text, max(0, anchor.start() - 40, taken), anchor.start() + 1):
            if word.start() < taken:
                continue
            match = pattern.match(text, word.start(), window_end)
            if match is not None:
                matches.append(match)
                taken = match.end()
    for match in matches:
        if match.group("compact") and (
            (
                not _COMPACT_BEFORE.search(text, max(0, match.start() - 60), match.start())
                and not _clause_final_compact(text, match)
            )
            or _temperature(text, match)
        ):
            continue  # "a 14F catheter", "5 M saline": only a note's opening or "is a" introduces a patient
        years: float | None = None
        num = (
            match.group("num1")
            or match.group("num2")
            or match.group("num3")
            or match.group("num5")
            or match.group("num6")
            or match.group("num7")
        )
        unit_raw = match.group("unit1") or match.group("unit2") or match.group("unit3") or match.group("unit6")
        unit = (unit_raw or "year").lower().rstrip("s")
        low = high = None
        if match.group("decade") or match.group("agegroup") or match.group("ordinal"):
            if match.group("agegroup") and not _child_introduced(text, match, rules):
                continue
            years = None
            low, high = _span(match, rules)
        else:
            value = _number(num, rules)
            if value is None:
                continue
            years = value * _UNIT_YEARS.get(unit, 1.0)
            for part in ("4", "8"):  # "6-year-and-5-month-old", "aged 4 years and 3 months"
                if match.group("num" + part):
                    extra = _number(match.group("num" + part), rules)
                    extra_unit = match.group("unit" + part).lower().rstrip("s")
                    years += (extra or 0.0) * _UNIT_YEARS.get(extra_unit, 1.0)
            if years > 125:
                continue
            if unit in ("year", "yr") and match.group("aged") and not unit_raw and value < 1:
                continue
        before = text[max(0, match.start() - 20) : match.start()].lower()
        onset = bool(
            re.search(r"(?:at|since|from|by|until|before|after|dx|diagnosed)\s+(?:the\s+)?(?:age\s+of\s*)?$", before)
        ) and not _PRESENTED_AT.search(text, max(0, match.start() - 60), match.start())
        noun = (
            match.group("noun")
            or match.group("listsex")
            or {"f": "female", "m": "male"}.get(
                (match.group("yosex") or match.group("compactsex") or match.group("hysex") or "").lower()
            )
        )
        art = re.search(r"\b(a|an|the)\s+$|\b(a|an)$", text[max(0, match.start() - 5) : match.start()], re.IGNORECASE)
        article = (art.group(1) or art.group(2)).lower() if art else ""
        intro = bool((match.group("hy") or match.group("yo")) and article in ("a", "an") and noun) or bool(
            match.group("compact")
        )
        start = match.start("hy") if match.group("hy") else match.start()
        wide = text[max(0, start - 40) : start]
        relative = bool(
            (noun and _RELATIVE_NOUN.match(noun) and _POSSESSIVE_BEFORE.search(wide))
            or _APPOSITION_BEFORE.search(wide)
            or _COMPANION_BEFORE.search(wide)
            # "The child's father, aged 45, ...": the age after a possessed relative and a comma is the
            # relative's (not ages listed for a pair: "A mother and her daughter, aged 47 and 21 years")
            or (
                match.group("aged")
                and _APPOSITION_OWNED.search(wide)
                and not _LISTED_AGE_AFTER.match(text, match.end(), match.end() + 20)
            )
        )
        group = not relative and bool(
            _GROUP_BEFORE.search(wide) or _GROUP_AFTER.match(text, match.end(), min(len(text), match.end() + 30))
        )
        if relative or group:
            intro = False
        found.append(
            AgeMention(
                start=start,
                end=match.end(),
                years=None if years is None else round(years, 4),
                text=text[start : match.end()],
                noun=noun.lower() if noun else None,
                intro=intro,
                onset=onset,
                relative=relative,
                group=group,
                low=low,
                high=high,
            )
        )
    return found


# what may stand before a word for a child's stage of life that introduces the patient: the start of
# the text, a line or a sentence, or "is a" / "was a", then an article and at most two words that
# describe the baby ("A preterm neonate", "An ex-premature infant", "The male newborn", "A 27-week
# preterm infant": the weeks of its gestation)
_CHILD_OPENING = re.compile(
    r"(?:(?<![\s\S])|\n|[.!?:]\s+|\b(?:is|was)\s+)[ \t\W]{0,3}(?:(?:a|an|the|this|our)\s+)?"
    r"(?:(?:ex-?)?(?:pre-?term|term|full-term|late-preterm|premature|male|female|young|healthy|previously\s+healthy|"
    r"sick|small|critically\s+ill|\d{1,2}[\s-]?(?:wks?|weeks?)(?:['’]s?)?)\s+){0,2}$",
    re.IGNORECASE,
)
# ... and what may not follow it: the end of its line (an index term: "• Infant"), a plural, or a noun
# it qualifies ("Newborn screening", "Infant formula", "Child-Pugh class B", "child abuse")
_CHILD_NOT_AFTER = re.compile(
    r"[ \t]*(?:\n|$)|,\s*(?:newborn|premature)\b|s\b|['’]?s?\s*[-\s]"
    r"(?:pugh|screening|formula|milk|feeds?|feeding|care|unit|period|intensive|nursery|"
    r"mortality|hearing|abuse|protection|health|services?|ward|onset|form|type|variant|cases?|patients?|population|"
    r"psychiatry|development|neurology|dermatology|medicine)\b|hood\b",
    re.IGNORECASE,
)


def _child_introduced(text: str, match: re.Match[str], rules: Rules) -> bool:
    """An age group's name is read, a word for a child's stage of life ("neonate", "infant", "child")
    only where it opens the sentence that introduces the patient ("A neonate developed ..."): "her
    infant", "infants with", "Newborn screening" and "Child-Pugh" give no age."""
    word = match.group("agegroup").lower()
    if word not in rules.child_age_words:
        return True
    start = match.start("agegroup")
    return (
        _CHILD_OPENING.search(text, max(0, start - 40), start) is not None
        and _CHILD_NOT_AFTER.match(text, match.end("agegroup")) is None
    )


def _span(match: re.Match[str], rules: Rules) -> tuple[float | None, float | None]:
    """The years an age told without a number spans: a decade ("in her early forties" or "in his
    40s": 40 to 50; early, mid and late are not narrowed further), a decade of life by its ordinal
    ("in her sixth decade": 50 to 60) or an age group's name ("octogenarian")."""
    if match.group("agegroup"):
        return rules.age_group_words.get(match.group("agegroup").lower(), (None, None))
    if match.group("ordinal"):
        nth = match.group("nth").lower()
        decade = rules.decade_ordinals.get(nth) or int(re.sub(r"\D", "", nth))
        return float((decade - 1) * 10), float(decade * 10)
    if match.group("tens"):
        tens = int(match.group("tens"))
        return float(tens), float(tens + 10)
    word = match.group("decade").split()[-1].lower().removeprefix("mid-").removeprefix("mid")
    low = rules.decade_words.get(word)
    return (None, None) if low is None else (float(low), float(low + 10))


def sex_from_text(words: list[str], rules: Rules) -> str | None:
    """The sex named by a person noun ("girl", "man") in ``words``, if any."""
    for word in words:
        lowered = word.lower()
        if lowered in rules.female_nouns:
            return "female"
        if lowered in rules.male_nouns:
            return "male"
    return None
