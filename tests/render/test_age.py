from __future__ import annotations

import pytest

from calcidx.render.age import age_label


@pytest.mark.parametrize(
    ("years", "text", "expected"),
    [
        (24 / 365.25, None, "24 days"),
        (1 / 365.25, None, "1 day"),
        (14 / 12, None, "14 months"),
        (0.5, None, "6 months"),
        (2.0, None, "2 years"),
        (46.0, None, "46 years"),
        (None, "in her sixties", "in her sixties"),
        (None, None, "age unknown"),
    ],
)
def test_age_in_the_unit_a_report_uses(years: float | None, text: str | None, expected: str) -> None:
    assert age_label(years, text) == expected
