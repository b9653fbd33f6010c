"""A piercing at the lesion's site is local trauma, the setting of dystrophic calcinosis.

Written in the project's own words. "A calcified nodule on the earlobe at the site of a piercing" was
undetermined: a piercing (a puncture wound made on purpose) was not read as trauma (exposures.yaml
local_trauma).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old woman had a calcified nodule on the earlobe at the site of a piercing.",
        "A 25-year-old woman had a hard white nodule on the left earlobe after ear piercing two years earlier.",
    ],
)
def test_piercing_gives_dystrophic(text: str) -> None:
    case = assess(text).cases[0]
    assert "local_trauma" in {e.concept for e in case.exposures}
    assert case.assessment.subtype.code == "dystrophic"


def test_control_no_piercing_stays_undetermined() -> None:
    case = assess("A 30-year-old woman had a calcified nodule on the earlobe.").cases[0]
    assert case.assessment.subtype.code == "undetermined"
