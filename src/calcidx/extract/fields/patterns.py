"""The regexes and rules the field readers use, compiled once per pipeline from the extraction rules."""

from __future__ import annotations

import re

from calcidx.extract.labs_text import LabPatterns
from calcidx.extract.prefilter import Requirement, requirement
from calcidx.extract.rules import (
    Rules,
    alternation,
    load_exposure_site_rules,
    load_histology_finding_rules,
    load_medication_status_rules,
    phrase_regex,
)

__all__ = ["CasePatterns"]


#: the marks that end a clause, for the scope of a plan cue over conditions and findings
_CLAUSE_ENDS = (",", ";", ":", "(", ")")


def _denied_lesion(rules: Rules) -> re.Pattern[str] | None:
    """A lesion word its clause denies ("no suspicious lesion"): blanked before a sentence is taken for
    a lesion sentence."""
    if not rules.lesion_denials:
        return None
    lesion = alternation(rules.lesion_words)
    fillers = alternation(rules.lesion_denial_fillers)
    return re.compile(
        rf"\b(?:{alternation(rules.lesion_denials)})\s+(?:(?:{fillers}),?\s+){{0,2}}(?:{lesion})\b", re.IGNORECASE
    )


def _injury_lesion(rules: Rules) -> re.Pattern[str] | None:
    """A lesion word its clause explains by a bone or joint injury ("swelling of the knee caused by a
    fracture"): blanked before a sentence is taken for a lesion sentence."""
    if not rules.lesion_bone_injuries:
        return None
    lesion = alternation(rules.lesion_words)
    injuries = alternation(rules.lesion_bone_injuries)
    return re.compile(
        rf"\b(?:{lesion})\b[^.;]{{0,60}}?\b(?:caused\s+by|due\s+to|resulting\s+from|secondary\s+to|because\s+of)"
        rf"\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{0,3}}?(?:{injuries})\b",
        re.IGNORECASE,
    )


class CasePatterns:
    """The regexes the field readers use, compiled once per pipeline (the patients component holds them)."""

    def __init__(self, rules: Rules) -> None:
        self.labs = LabPatterns(rules)
        self.imaging = phrase_regex(list(rules.imaging_words))
        self.histology = phrase_regex(rules.histology_words)
        self.lesion = phrase_regex(rules.lesion_words)
        self.morphology = phrase_regex(rules.morphology_words)
        self.site_anaphora = tuple(rule.pattern for rule in rules.site_anaphora)
        self.site_involvement = tuple(rule.pattern for rule in rules.site_involvement)
        self.morphology_blanks = phrase_regex(rules.morphology_blanks) if rules.morphology_blanks else None
        self.treat_verbs = phrase_regex(rules.treatment_verbs)
        self.planned = phrase_regex(rules.planned_cues)
        self.plan_participles = rules.plan_participle_cues
        self.plan_scope_end = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, rules.plan_participle_scope_ends)) + r")\b", re.IGNORECASE)
            if rules.plan_participle_scope_ends
            else None
        )
        self.plan_clause_break = phrase_regex(list(rules.plan_clause_breaks)) if rules.plan_clause_breaks else None
        self.planned_pseudo = phrase_regex(list(rules.planned_pseudo)) if rules.planned_pseudo else None
        self.planned_person = (
            re.compile("|".join(f"(?:{p})" for p in rules.planned_pseudo_patterns), re.IGNORECASE)
            if rules.planned_pseudo_patterns
            else None
        )
        # the words a plan needs; usable on the sentence before the pseudo-plans are blanked out
        # when none holds a space (blanking puts a space between two pieces of the sentence, so a
        # word without one is in the blanked sentence only if it is in the sentence itself)
        need = requirement(self.planned)
        spaced = any(any(c.isspace() for c in word) for clause in need.clauses for word in clause)
        self._planned_need: Requirement | None = None if spaced else need
        self.outcome = phrase_regex(rules.outcome_cues)
        self.laterality = phrase_regex(list(rules.laterality))
        letters = "|".join(re.escape(k) for k in rules.laterality_letters) or "(?!)"
        self.laterality_letter = re.compile(rf"(?<![\w/.-])\(?(?P<letter>{letters})\)?(?=\s)")
        self.other_specimen = phrase_regex(rules.other_specimen_words) if rules.other_specimen_words else None
        self.lesion_tissue = phrase_regex(rules.lesion_tissue_words) if rules.lesion_tissue_words else None
        self.internal_lesion = phrase_regex(rules.internal_lesion_words) if rules.internal_lesion_words else None
        self.route = phrase_regex(rules.route_words) if rules.route_words else None
        self.denied_lesion = _denied_lesion(rules)
        self.injury_lesion = _injury_lesion(rules)
        # the words one of them needs (the injury pattern scans 60 characters after every lesion word)
        self.denial_words = frozenset(w.split()[0].lower() for w in rules.lesion_denials)
        self.injury_words = frozenset(w.split()[0].lower() for w in rules.lesion_bone_injuries)
        # a form's or note's sex field ("Sex: F"): the value's sex is rules.sex_field_values[value]
        self.sex_field: re.Pattern[str] | None = None
        if rules.sex_field_labels and rules.sex_field_values:
            labels = "|".join(map(re.escape, rules.sex_field_labels))
            values = "|".join(map(re.escape, sorted(rules.sex_field_values, key=len, reverse=True)))
            # "Sex: F", or a note's "sex F" / "sex female" with no separator (a capital letter or a word)
            source = rf"\b(?:{labels})(?:\s*[:=\-–]\s*|\s+(?=(?-i:[MFW])\b|(?:female|male)\b))(?P<value>{values})\b"
            if rules.sex_word_labels and rules.sex_word_values:
                word_labels = "|".join(map(re.escape, rules.sex_word_labels))
                words = "|".join(map(re.escape, sorted(rules.sex_word_values, key=len, reverse=True)))
                source += rf"|\b(?:{word_labels})\s*[:=\-–]\s*(?P<word>{words})\b"
            self.sex_field = re.compile(source, re.IGNORECASE)
        self.allergy_cue = re.compile(rules.allergy_list_cue, re.IGNORECASE)
        self.allergy_negation = re.compile(rules.allergy_list_negation, re.IGNORECASE)
        self.analyte_continues = re.compile(rules.analyte_continues, re.IGNORECASE)
        # a drug started days ago ("started warfarin 4 days ago"): the words before and after it
        self.recent_start = tuple(
            re.compile(source, re.IGNORECASE) if source else None for source in rules.recent_start_patterns
        )
        # rule files read here, once per pipeline, not by each reader
        self.exposure_sites = load_exposure_site_rules()
        self.medication_status = load_medication_status_rules()
        self.histology_findings = load_histology_finding_rules()

    def plans(self, text: str, folded: str | None = None) -> bool:
        """Whether a sentence plans rather than reports ("will be started"); the authors announcing
        what the report does ("we will discuss a man on dialysis") is no plan for the patient.

        ``folded`` is ``prefilter.fold(text)`` when the caller has it: a sentence without the words
        a plan needs is answered without a regex.
        """
        if folded is not None and self._planned_need is not None and not self._planned_need.admits(folded):
            return False
        if self.planned_pseudo is not None:
            text = self.planned_pseudo.sub(" ", text)
        if self.planned_person is not None:
            text = self.planned_person.sub(" ", text)
        return self.planned.search(text) is not None

    def plan_clauses(self, text: str) -> tuple[tuple[int, int, int, int], ...]:
        """The clauses of a planning sentence that hold a plan cue: ``(clause start, clause end, cue
        start, cue end)``, offsets in ``text``. A clause ends at a comma, semicolon, colon or
        bracket ("a woman with systemic sclerosis, planning a pregnancy next year, has ...") and at a
        contrast word ("X was considered but the biopsy showed vasculitis")."""
        if self.planned_pseudo is not None:
            text = self.planned_pseudo.sub(lambda m: " " * len(m.group()), text)
        if self.planned_person is not None:
            text = self.planned_person.sub(lambda m: " " * len(m.group()), text)
        out = []
        breaks = [] if self.plan_clause_break is None else list(self.plan_clause_break.finditer(text))
        for cue in self.planned.finditer(text):
            start = max((text.rfind(c, 0, cue.start()) for c in _CLAUSE_ENDS), default=-1) + 1
            start = max([start, *(b.end() for b in breaks if b.end() <= cue.start())])
            ends = [i for i in (text.find(c, cue.end()) for c in _CLAUSE_ENDS) if i >= 0]
            ends += [b.start() for b in breaks if b.start() >= cue.end()]
            end = min(ends, default=len(text))
            if self.plan_scope_end is not None and cue.group().lower() in self.plan_participles:
                verb = self.plan_scope_end.search(text, cue.end(), end)
                if verb is not None:
                    end = verb.start()
            out.append((start, end, cue.start(), cue.end()))
        return tuple(out)

    def imaging_only(self, text: str) -> bool:
        """Whether a sentence reports imaging and no histology ("a mammogram showed extensive vascular
        calcification"): what it names is seen on the image, not under the microscope."""
        return self.imaging.search(text) is not None and self.histology.search(text) is None

    def other_specimen_only(self, text: str) -> bool:
        """Whether a sentence reports on another specimen than the skin lesion ("urine microscopy
        showed calcium oxalate crystals") and names no tissue of the lesion."""
        if self.other_specimen is None or self.other_specimen.search(text) is None:
            return False
        return self.lesion_tissue is None or self.lesion_tissue.search(text) is None
