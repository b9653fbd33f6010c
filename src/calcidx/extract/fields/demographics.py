"""The patient's age, sex and pregnancy or lactation status (``Case.patient``)."""

from __future__ import annotations

import re

from calcidx.case.model import AgeRange, Evidence, Patient
from calcidx.extract.demographics import AgeMention, sex_from_text
from calcidx.extract.fields.birth_date import age_from_birth_date
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.patients import PatientText
from calcidx.extract.pregnancy import is_child, read_pregnancy
from calcidx.extract.sections import Sentence

__all__ = ["DemographicsReader"]

# the sex a "55 yo F" style age statement names directly
# (a title of address gives the sex only where it stands with the age: "ms" alone may be milliseconds)
_NOUN_SEX = {"female": "female", "male": "male", "f": "female", "m": "male", "ms": "female"}
_WORD = re.compile(r"[a-z]+")
#: a text that opens on a relative named after a possessive ("His mother, aged 42", "Her 15-year-old son")
_RELATIVE_OPENING = re.compile(r"\s*(?:his|her|their)\s+(?:[\w-]+\s+)?(?P<noun>[a-z]+)\b", re.IGNORECASE)
# "Ms" as a title before a name ("Ms Patel (age 34)"), not the unit or the disease ("480 ms", "MS")
_TITLE_MS = re.compile(r"\bMs\.?\s+[A-Z][a-z'-]")
#: a person named after a possessive, with up to two words between ("her 2-month-old son", "the child's
#: father", "born to a mother")
_POSSESSED = re.compile(
    r"\b(?:(?:her|his|their|whose)|\w+['’]s|(?:born|delivered)\s+to\s+(?:an?|the))\s+(?:[\w-]+\s+){0,2}?[A-Za-z]+\b",
    re.IGNORECASE,
)


# "a/an" then at most four words then a noun: the person a patient is introduced as ("a middle-aged
# man", "an otherwise healthy girl"); a relative noun is never the patient's sex ("a mother of two")
# (a look-ahead, so that an article inside another's words still opens: "a case of calciphylaxis in
# a woman")
_OPENER_NOUN = re.compile(r"\b(?:a|an)\s+(?=(?P<words>(?:[\w'-]+,?\s+){0,4}[\w'-]+))", re.IGNORECASE)
_OPENER_STOP = frozenset({"with", "of", "in", "who", "and", "on", "at", "from", "for", "to", "was", "is", "had"})
_RELATIVES = frozenset({"mother", "wife", "daughter", "sister", "father", "husband", "son", "brother"})


#: two persons of each sex joined by "and" ("a boy and a girl", "male and female")
_MIXED_PAIR = re.compile(
    r"\b(?:an?\s+)?(boy|girl|male|female|man|woman)s?\s+and\s+(?:an?\s+)?(boy|girl|male|female|man|woman)s?\b",
    re.IGNORECASE,
)


class DemographicsReader:
    """Age from the patient's age statements; sex from the person noun, else the pronouns' majority,
    else the body parts only one sex has."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.patterns = patterns
        self.female = 0
        self.male = 0
        self.female_body = 0
        self.male_body = 0

    def read(self, view: SentenceView) -> None:
        """Counts the sentence's female and male pronouns (the fallback for sex)."""
        rules = self.context.rules
        words = _WORD.findall(view.sentence.lower)
        # the count of words in each set (a True counts 1): no Python step per word
        self.female += sum(map(rules.female_pronouns.__contains__, words))
        self.male += sum(map(rules.male_pronouns.__contains__, words))
        lower = view.sentence.lower
        if any(phrase in lower for phrase in rules.body_word_exceptions):
            for phrase in rules.body_word_exceptions:
                lower = lower.replace(phrase, " ")
            words = _WORD.findall(lower)
        self.female_body += sum(map(rules.female_body_words.__contains__, words))
        self.male_body += sum(map(rules.male_body_words.__contains__, words))

    def patient(self, patient: PatientText, sentences: list[Sentence]) -> Patient:
        """The ``Patient`` of ``patient``, whose non-header sentences are ``sentences``."""
        model = self._age_and_sex(patient)
        female, male = self.female, self.male
        if model.sex is None and female != male and (female or male):
            model = model.model_copy(update={"sex": "female" if female > male else "male"})
        if model.sex is None:
            model = self._sex_field(model, sentences)
        if model.sex is None:
            model = self._sex_of_opener(model, sentences)
        if model.sex is None and bool(self.female_body) != bool(self.male_body):
            # only one sex's body parts are named ("scrotal nodules"): that sex
            model = model.model_copy(update={"sex": "female" if self.female_body else "male"})
        if model.sex is None:
            model = self._sex_of_index_terms(model)
        child = is_child(model.age_years, sentences[0].text if sentences else "")
        pregnancy = read_pregnancy(((s.start, s.text) for s in sentences), sex=model.sex, child=child)
        if pregnancy.spans:
            model = model.model_copy(
                update={
                    "pregnant": pregnancy.pregnant,
                    "gestation_weeks": pregnancy.gestation_weeks,
                    "lactating": pregnancy.lactating,
                    "evidence": [*model.evidence, *(self.context.ev(a, b) for a, b in pregnancy.spans)],
                }
            )
            if model.sex is None and (pregnancy.pregnant or pregnancy.lactating):
                # "Pregnant (28/40) 34-year-old with SSc": a pregnant or breastfeeding patient is a woman
                model = model.model_copy(update={"sex": "female"})
        return model

    def _age_and_sex(self, patient: PatientText) -> Patient:
        ctx = self.context
        chosen = next(
            (a for a in patient.ages if a.years is not None and not a.onset and not a.relative and not a.group), None
        )
        if chosen is None:
            chosen = self._relative_as_subject(patient)
        relative_noun = self._relative_opening_sex(patient)
        decade = next((a for a in patient.ages if a.years is None and not a.relative and not a.group), None)
        evidence: list[Evidence] = []
        sex: str | None = None
        age_text: str | None = None
        if chosen is not None:
            evidence.append(ctx.ev(chosen.start, chosen.end))
            age_text = chosen.text
            # the age's own person noun first, a sex word inside it too ("Baby girl, DOL 12")
            noun = chosen.noun or ""
            sex = (
                _NOUN_SEX.get(noun)
                or sex_from_text(noun.split(), ctx.rules)
                or relative_noun
                or patient.sex_hint
                or self._sex_near(chosen.start, chosen.end)
            )
        born = None
        if chosen is None:
            # no age written: a date of birth and the note's date give it (before a span: "Child born on
            # 05/06/2015, seen on 10/01/2023")
            born = age_from_birth_date((s.start, s.text) for s in patient.sentences)
            if born is not None:
                evidence.append(ctx.ev(born.start, born.end))
                age_text = born.text
        if chosen is None and born is None and decade is not None:
            evidence.append(ctx.ev(decade.start, decade.end))
            age_text = decade.text
        sex = sex or patient.sex_hint
        if sex is None:
            for mention in patient.ages:
                if mention.relative or mention.group:
                    continue
                sex = self._sex_near(mention.start, mention.end)
                if sex:
                    break
        span = None
        if (
            chosen is None
            and born is None
            and decade is not None
            and decade.low is not None
            and decade.high is not None
        ):
            span = AgeRange(low=decade.low, high=decade.high)
        return Patient(
            age_years=chosen.years if chosen else born.years if born else None,
            age_range=span,
            age_text=age_text,
            sex=sex,
            evidence=evidence,
        )

    @staticmethod
    def _relative_as_subject(patient: PatientText) -> AgeMention | None:
        """A later patient whose text opens on a relative ("Case 2 / His 10-year-old sister had
        ..."): the relative is the patient the new section is about, so that age is theirs."""
        first = patient.first_own()
        if patient.index <= 1 or first is None:
            return None
        for mention in patient.ages:
            if (
                mention.relative
                and mention.years is not None
                and first.start <= mention.start < first.end
                and len(first.text[: mention.start - first.start].split()) <= 3
            ):
                return mention
        return None

    def _relative_opening_sex(self, patient: PatientText) -> str | None:
        """The sex of the relative a later patient's text opens on ("Case 2 / His mother, aged 42, had
        ..."): the relative noun's, not the possessive's (None for any other opening)."""
        first = patient.first_own()
        if patient.index <= 1 or first is None:
            return None
        opening = _RELATIVE_OPENING.match(first.text)
        return sex_from_text([opening.group("noun")], self.context.rules) if opening else None

    def _sex_field(self, model: Patient, sentences: list[Sentence]) -> Patient:
        """The sex a form or note field gives ("Sex: F", "Gender - male"), with its evidence."""
        field_pattern = self.patterns.sex_field
        if field_pattern is None:
            return model
        for sentence in sentences:
            found = field_pattern.search(sentence.text)
            if found is not None:
                start = sentence.start + found.start()
                end = sentence.start + found.end()
                rules = self.context.rules
                value = found.group("value")
                sex = rules.sex_field_values[value.lower()] if value else rules.sex_word_values[found["word"].lower()]
                return model.model_copy(update={"sex": sex, "evidence": [*model.evidence, self.context.ev(start, end)]})
        return model

    def _sex_of_index_terms(self, model: Patient) -> Patient:
        """The sex a bibliographic record's index terms give ("MeSH terms" ... "Female"), when the
        list holds the term of one sex only (``lexicon.yaml`` ``index_terms``)."""
        rules = self.context.rules
        header, item = rules.index_terms_header, rules.index_terms_item
        if header is None or item is None:
            return model
        text = self.context.text
        found: dict[str, tuple[int, int]] = {}
        lines = list(re.finditer(r"[^\n]*", text))
        for index, line in enumerate(lines):
            if not header.match(line.group()):
                continue
            seen = 0
            for following in lines[index + 1 :]:
                if not following.group().strip():
                    continue
                term = item.match(following.group())
                if term is None or seen >= rules.index_terms_max:
                    break
                seen += 1
                sex = rules.index_sex_terms.get(term.group("term").strip().lower())
                if sex is not None:
                    found[sex] = (following.start() + term.start("term"), following.start() + term.end("term"))
        if len(found) != 1:
            return model
        sex, (start, end) = next(iter(found.items()))
        return model.model_copy(update={"sex": sex, "evidence": [*model.evidence, self.context.ev(start, end)]})

    def _sex_of_opener(self, model: Patient, sentences: list[Sentence]) -> Patient:
        """The sex of the person noun that introduces the patient with no age ("We describe a boy
        with ...", "An elderly woman presented ..."), in the patient's first two sentences."""
        rules = self.context.rules
        for sentence in sentences[:2]:
            # an opener pairing both sexes ("Twins (a boy and a girl) ...") says neither patient's
            if any(
                (pair.group(1).lower() in rules.female_nouns) != (pair.group(2).lower() in rules.female_nouns)
                for pair in _MIXED_PAIR.finditer(sentence.text)
            ):
                continue
            for found in _OPENER_NOUN.finditer(sentence.text):
                for word in re.finditer(r"[\w'-]+", found.group("words")):
                    noun = word.group().lower()
                    if noun in _OPENER_STOP or noun in _RELATIVES:
                        break
                    sex = "female" if noun in rules.female_nouns else "male" if noun in rules.male_nouns else None
                    if sex is not None:
                        start = sentence.start + found.start("words") + word.start()
                        evidence = [*model.evidence, self.context.ev(start, start + len(noun))]
                        return model.model_copy(update={"sex": sex, "evidence": evidence})
        return model

    def _sex_near(self, start: int, end: int) -> str | None:
        # a person named after a possessive is someone else ("breastfeeding her 2-month-old son")
        window = _POSSESSED.sub(" ", self.context.text[max(0, start - 30) : end + 40])
        sex = sex_from_text(re.findall(r"[A-Za-z]+", window), self.context.rules)
        if sex is None and _TITLE_MS.search(window):
            return "female"
        return sex
