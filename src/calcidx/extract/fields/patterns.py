"""The regexes and rules the field readers use, compiled once per pipeline from the extraction rules."""

from __future__ import annotations

from calcidx.extract.labs_text import LabPatterns
from calcidx.extract.rules import (
    Rules,
    load_exposure_site_rules,
    load_histology_finding_rules,
    load_medication_status_rules,
    phrase_regex,
)

__all__ = ["CasePatterns"]


class CasePatterns:
    """The regexes the field readers use, compiled once per pipeline (the patients component holds them)."""

    def __init__(self, rules: Rules) -> None:
        self.labs = LabPatterns(rules)
        self.imaging = phrase_regex(list(rules.imaging_words))
        self.histology = phrase_regex(rules.histology_words)
        self.lesion = phrase_regex(rules.lesion_words)
        self.morphology = phrase_regex(rules.morphology_words)
        self.treat_verbs = phrase_regex(rules.treatment_verbs)
        self.planned = phrase_regex(rules.planned_cues)
        self.planned_pseudo = phrase_regex(list(rules.planned_pseudo)) if rules.planned_pseudo else None
        self.stopped = phrase_regex(rules.stopped_cues)
        self.outcome = phrase_regex(rules.outcome_cues)
        self.laterality = phrase_regex(list(rules.laterality))
        # rule files read here, once per pipeline, not by each reader
        self.exposure_sites = load_exposure_site_rules()
        self.medication_status = load_medication_status_rules()
        self.histology_findings = load_histology_finding_rules()

    def plans(self, text: str) -> bool:
        """Whether a sentence plans rather than reports ("will be started"); the authors announcing
        what the report does ("we will discuss a man on dialysis") is no plan for the patient."""
        if self.planned_pseudo is not None:
            text = self.planned_pseudo.sub(" ", text)
        return self.planned.search(text) is not None
