"""Latent tuberculosis and the immunosuppressive options for calcinosis in juvenile dermatomyositis: a
recorded positive screening test gives the TNF inhibitors and the other JDM agents (tofacitinib among
them) a caution of their own; tofacitinib's boxed warning is always shown. Vignettes written for this
project."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

_JDM = "A 9-year-old girl with juvenile dermatomyositis has hard nodules on the knees; calcium and phosphate normal. "
_LATENT = "Latent tuberculosis is recorded"


def _cautions(text: str, option: str) -> list[str]:
    a = assessment_of(text)
    return [c for t in [*a.treatments, *a.withheld_treatments] if t.id == option for c in t.cautions]


@pytest.mark.parametrize(
    "screening",
    [
        "Her QuantiFERON test was positive.",
        "Screening found latent TB.",
        "She has a positive tuberculin skin test and a normal chest X-ray.",
    ],
)
@pytest.mark.parametrize("option", ["tnf_inhibitors", "other_jdm_agents"])
def test_latent_tuberculosis_cautions_the_immunosuppressive_options(screening: str, option: str) -> None:
    assert any(c.startswith(_LATENT) for c in _cautions(_JDM + screening, option))


@pytest.mark.parametrize("screening", ["", "Her QuantiFERON test was negative.", "No latent TB on screening."])
def test_without_latent_tuberculosis_no_such_caution(screening: str) -> None:
    for option in ("tnf_inhibitors", "other_jdm_agents"):
        assert not any(c.startswith(_LATENT) for c in _cautions(_JDM + screening, option))


def test_tofacitinibs_boxed_warning_is_always_shown() -> None:
    assert any("Tofacitinib" in c and "boxed warning" in c for c in _cautions(_JDM, "other_jdm_agents"))
