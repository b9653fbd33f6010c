"""Positive cryoglobulins make cryoglobulinaemic vasculitis, a calciphylaxis mimic, suspected.

Written in the project's own words. A dialysis patient with hepatitis C, painful purpura and necrotic
leg ulcers, and "Cryoglobulins were positive and complement C4 was low" was calciphylaxis, probable:
the test result was not read. Cryoglobulinaemia presents with purpura, acral necrosis, livedo and leg
ulcers (MERCK-CRYO), and a positive test with a compatible picture makes the vasculitis (CMDT-CRYO),
so calciphylaxis is now held at possible until the biopsy decides.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

CASE = "A 60-year-old woman on haemodialysis had painful purpura and necrotic ulcers on the legs. "


def _certainties(text: str) -> dict[str, str | None]:
    assessment = assess(text).cases[0].assessment
    return {assessment.subtype.code: assessment.subtype.certainty} | {
        a.code: a.certainty for a in assessment.alternatives
    }


def test_positive_cryoglobulins_hold_calciphylaxis_at_possible() -> None:
    text = CASE + "She has hepatitis C. Cryoglobulins were positive and complement C4 was low."
    assert _certainties(text)["calciphylaxis"] == "possible"
    assert assess(text).cases[0].assessment.differential[0].id == "vasculitis"


@pytest.mark.parametrize("result", ["Cryoglobulins were negative.", "Cryoglobulinemia was excluded."])
def test_control_no_cryoglobulins_keeps_calciphylaxis_probable(result: str) -> None:
    assert _certainties(CASE + result)["calciphylaxis"] == "probable"
