"""A recorded hepatitis B infection names itself in rituximab's cautions.

Written in the project's own words. A woman with systemic sclerosis, calcinosis and chronic hepatitis B
was offered rituximab with only the general advice to screen for hepatitis B: her own infection was
not read. safety_conditions hepatitis_b reads it (a vaccination against it is not an infection), and
the caution rituximab_hbv_recorded names the reactivation risk of the boxed warning
(HCPLIVE-RITUXIMAB-HBV) for her.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

SSC = (
    "A 50-year-old woman with systemic sclerosis has calcinosis of the fingers on X-ray. {extra} "
    "Calcium and phosphate normal."
)


def _rituximab_cautions(extra: str) -> list[str]:
    assessment = assess(SSC.format(extra=extra)).cases[0].assessment
    (option,) = [t for t in assessment.treatments if t.id == "rituximab"]
    return option.cautions


@pytest.mark.parametrize("extra", ["She has chronic hepatitis B.", "She is HBsAg positive."])
def test_her_hepatitis_b_is_named_in_the_caution(extra: str) -> None:
    assert any("Hepatitis B (current or past) is recorded" in c for c in _rituximab_cautions(extra))


@pytest.mark.parametrize("extra", ["She had hepatitis B vaccination as a child.", "She has no hepatitis B."])
def test_control_a_vaccination_or_a_denial_is_no_infection(extra: str) -> None:
    assert not any("is recorded" in c and "Hepatitis B" in c for c in _rituximab_cautions(extra))
