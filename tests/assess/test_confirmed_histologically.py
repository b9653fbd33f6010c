"""Calciphylaxis "suspected and confirmed histologically" is biopsy-proven.

Written in the project's own words. "Exquisitely tender, indurated, violaceous plaques ... which
rapidly became necrotic. Calcific uraemic arteriolopathy was suspected and confirmed histologically"
on haemodialysis was probable, not confirmed: the biopsy's reading was only taken in the words "confirmed
on/by biopsy", and a suspicion inside the phrase was a hedge. A new histology rule reads the
suspicion-then-confirmation (histology_findings.yaml calciphylaxis_confirmed_histologically); a
negation still cancels it.
"""

from __future__ import annotations

from calcidx.public import assess

CASE = (
    "A 47-year-old haemodialysis-dependent woman was admitted with exquisitely tender, indurated, violaceous "
    "plaques over both flanks which rapidly became necrotic. "
)


def test_suspected_and_confirmed_histologically_is_confirmed() -> None:
    subtype = assess(CASE + "Calcific uraemic arteriolopathy was suspected and confirmed histologically.").cases[0]
    assert (subtype.assessment.subtype.code, subtype.assessment.subtype.certainty) == ("calciphylaxis", "confirmed")


def test_control_suspected_but_not_confirmed_is_not() -> None:
    case = assess(CASE + "Calciphylaxis was suspected but not confirmed histologically.").cases[0]
    assert case.assessment.subtype.certainty != "confirmed"
