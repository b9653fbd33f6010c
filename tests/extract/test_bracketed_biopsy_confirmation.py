"""Calciphylaxis told with its biopsy confirmation in brackets is biopsy-proven.

Written in the project's own words. "ESRD on haemodialysis and calciphylaxis (biopsy confirmed) of the
penis" read no histology finding, so the call was calciphylaxis possible from the setting and the
stated diagnosis alone; "(histologically confirmed)" neither. histology.read_as_calciphylaxis takes
the bracketed (or comma-set) confirmation; "(biopsy pending)" is no result.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract

OPEN = "A 48-year-old man with ESRD on haemodialysis has calciphylaxis "


def _histology(text: str) -> set[str]:
    return {c for o in extract(OPEN + text).cases[0].histology for c in o.concepts}


@pytest.mark.parametrize("text", ["(biopsy confirmed) of the penis.", "(histologically confirmed) of the thighs."])
def test_bracketed_confirmation_is_a_histology_reading(text: str) -> None:
    assert "calciphylaxis_histology_reported" in _histology(text)


def test_control_a_pending_biopsy_is_no_result() -> None:
    assert "calciphylaxis_histology_reported" not in _histology("(biopsy pending) of the penis.")
