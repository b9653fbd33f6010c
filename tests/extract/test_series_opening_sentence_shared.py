"""A small series that opens on its patients as a group ("We reviewed the charts of three patients
with dermatomyositis-associated calcinosis ...") and then tells them apart ("The first, a
12-year-old girl, ...") gives each patient the group's disease: each had been undetermined."""

from __future__ import annotations

import pytest

from calcidx.public import extract

SERIES = (
    "{opening} The first, a 12-year-old girl, had calcinosis at the elbows. The second, a 45-year-old woman, "
    "had calcinosis universalis. The third, a 60-year-old man, had a single calcified nodule on the thigh."
)


@pytest.mark.parametrize(
    "opening",
    [
        "We reviewed the charts of three patients with dermatomyositis-associated calcinosis seen between 2010 "
        "and 2020.",
        "Here we describe three patients with dermatomyositis and calcinosis.",
    ],
)
def test_each_patient_of_the_series_has_the_groups_disease(opening: str) -> None:
    cases = extract(SERIES.format(opening=opening)).cases
    assert len(cases) == 3
    for case in cases:
        assert "dermatomyositis" in {f.concept for f in case.findings if f.assertion == "present"}


def test_an_opening_on_another_number_of_patients_is_not_shared() -> None:
    cases = extract(
        SERIES.format(opening="We reviewed the charts of five patients with dermatomyositis-associated calcinosis.")
    ).cases
    assert len(cases) == 3
    assert all("dermatomyositis" not in {f.concept for f in case.findings} for case in cases)
