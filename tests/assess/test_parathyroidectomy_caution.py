"""Parathyroidectomy for calciphylaxis is offered on any PTH above its range, but its source says it
probably helps only with a striking elevation: the option says so (cautions.yaml
parathyroidectomy_striking_pth), so a PTH just above the range is not read as an indication."""

from __future__ import annotations

from tests.assess.vignettes import assessment_of


def test_parathyroidectomy_offered_on_a_mildly_high_pth_carries_the_sources_qualification() -> None:
    a = assessment_of(
        "A 55-year-old woman with CKD stage 3 has biopsy-proven calciphylaxis: painful retiform purpura of the "
        "thighs, arteriolar calcification on biopsy. PTH 8.0 pmol/L."
    )
    option = next(t for t in a.treatments if t.id == "parathyroidectomy_calciphylaxis")
    assert any("strikingly raised" in caution for caution in option.cautions)


def test_with_a_normal_pth_it_is_not_offered() -> None:
    a = assessment_of(
        "A 55-year-old woman with CKD stage 3 has biopsy-proven calciphylaxis: painful retiform purpura of the "
        "thighs, arteriolar calcification on biopsy. PTH 4.0 pmol/L."
    )
    assert "parathyroidectomy_calciphylaxis" not in {t.id for t in a.treatments}
