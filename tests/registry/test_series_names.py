"""Series tables and plots name sites, conditions and treatments as a person would."""

from __future__ import annotations

import pytest

from calcidx.extract.site_names import series_site
from calcidx.registry.series import CaseRow, display_name, series_stats


@pytest.mark.parametrize(
    ("site", "counted_as"),
    [
        ("left hand", "hand"),
        ("both hands", "hand"),
        ("hands", "hand"),
        ("right-sided buttocks", "buttock"),
        ("lower extremities", "lower limb"),  # an extremity is a limb
        ("right side of the face", "face"),  # a part word before "of" and a site
        ("side of her body", "side of her body"),  # a listed site of its own
        ("shoulder joint", "shoulder"),
        ("scrotal skin", "scrotum"),
        ("vulvar", "vulva"),
        ("feet", "foot"),
        ("left", "left"),  # a lone side word is left as it is
        ("dorsum of the left hand", "dorsum of the left hand"),  # not a listed site: unchanged
    ],
)
def test_sites_are_counted_without_side_or_plural(site: str, counted_as: str) -> None:
    assert series_site(site) == counted_as


def test_knowledge_ids_are_shown_by_their_labels() -> None:
    assert display_name("systemic_sclerosis") == "Systemic sclerosis"
    assert display_name("sodium_thiosulfate") == "Sodium thiosulfate"
    assert display_name("calciphylaxis_uremic") == "Uremic calciphylaxis"
    assert display_name("not_calcinosis") == "not calcinosis"
    assert display_name("dystrophic") == "dystrophic"


def _row(case_id: int, sites: list[str], age: float | None) -> CaseRow:
    return CaseRow(
        case_id=case_id,
        document_id=f"doc{case_id}",
        patient_index=1,
        pmid=None,
        doi=None,
        title=None,
        source=None,
        year=None,
        age_years=age,
        sex=None,
        subtype="dystrophic",
        certainty=None,
        subform=None,
        stated_subtype=None,
        stated_subform=None,
        stated_text=None,
        sites=sites,
    )


def test_a_case_counts_once_per_site_and_age_bands_come_in_order() -> None:
    stats = series_stats([_row(1, ["left hand", "right hand", "scrotal"], 70), _row(2, ["hands"], 5)])
    assert stats["body_sites"] == {"hand": 2, "scrotum": 1}
    assert list(stats["age"]["bands"]) == ["0-17", "65+"]
