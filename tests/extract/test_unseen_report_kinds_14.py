"""Kinds of phrasing and clinical rules from a fourteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from tests.extract.reading import first_assessed

# ------------------------------------------ a mimic's picture is not metastatic calcinosis
# On dialysis with a high phosphate, painful livedo of the toes after angiography (cholesterol emboli
# not excluded) was metastatic calcinosis, probable: the mimic held calciphylaxis back and the labs
# alone made metastatic the only candidate, though nothing showed a calcium deposit. Metastatic is now
# held at possible beside calciphylaxis, and the biopsy decides.
MIMIC_PICTURE = [
    "A 74-year-old man on haemodialysis underwent coronary angiography. Two weeks later he developed painful "
    "livedo and blue toes on both feet. Calcium 2.3 mmol/L, phosphate 1.6 mmol/L.",
    "Man, 69, on peritoneal dialysis; cardiac catheterisation last month; now mottled skin of both feet, very "
    "painful. Phosphate 2.1 mmol/L, calcium 2.35 mmol/L.",
]


@pytest.mark.parametrize("text", MIMIC_PICTURE)
def test_a_mimics_picture_with_high_phosphate_is_not_probable_metastatic(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert certainty != "probable" or subtype != "metastatic", (subtype, certainty)
    assert case.assessment.differential[0].id == "cholesterol_emboli"
    assert "calciphylaxis" in {a.code for a in case.assessment.alternatives} | {subtype}


def test_control_firm_white_nodules_after_angiography_stay_metastatic() -> None:
    _, subtype, certainty = first_assessed(
        "A 74-year-old man on haemodialysis underwent coronary angiography. He has firm white nodules around "
        "both elbows and livedo of the toes. Calcium 2.3 mmol/L, phosphate 2.6 mmol/L."
    )
    assert (subtype, certainty) == ("metastatic", "probable")
