"""Kinds of phrasing and clinical rules from a twenty-second set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from tests.extract.reading import stated_subtype

# ------------------------------------------------ a finding's clause that confirms the disease by name
# "A biopsy showed medial calcification of arterioles, confirming calciphylaxis." stated no diagnosis:
# only "confirming the diagnosis of ..." was read.
CONFIRMING = [
    (
        "A 58-year-old man on haemodialysis had painful ulcers on both calves. A skin biopsy showed medial "
        "calcification of dermal arterioles, confirming calciphylaxis.",
        "calciphylaxis",
    ),
    (
        "A 47-year-old woman with dermatomyositis had hard nodules on the elbows. Von Kossa staining of the "
        "excised nodule was positive, which confirmed dystrophic calcinosis cutis.",
        "dystrophic",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), CONFIRMING)
def test_a_clause_confirming_the_disease_states_it(text: str, subtype: str) -> None:
    assert stated_subtype(text) == subtype


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman on haemodialysis had necrotic leg ulcers. The biopsy showed no vascular "
        "calcification, confirming the absence of calciphylaxis.",
        "A 50-year-old woman on haemodialysis had necrotic leg ulcers. The biopsy was reviewed, confirming "
        "that calciphylaxis was unlikely.",
    ],
)
def test_a_clause_confirming_an_absence_states_nothing(text: str) -> None:
    assert stated_subtype(text) in (None, "not_calcinosis")
