"""The Case model's messages say what to give instead."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from calcidx.case.model import Case


def test_a_lab_named_instead_of_identified_gets_the_id_to_use() -> None:
    with pytest.raises(ValidationError, match="did you mean 'phosphate'"):
        Case.model_validate({"labs": [{"analyte": "Serum phosphate", "value": 7.9, "unit": "mg/dL"}]})
    with pytest.raises(ValidationError, match=r"use an id of knowledge/data/analytes\.yaml"):
        Case.model_validate({"labs": [{"analyte": "Kidney thing", "value": 1}]})
