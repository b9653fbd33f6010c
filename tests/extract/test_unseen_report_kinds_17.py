"""Kinds of phrasing and clinical rules from a seventeenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess
from tests.extract.reading import assertions, exposure_assertions, first_assessed, first_case, histology_concepts

# ------------------------------------------ the skin extruding the deposit is a finding, not its removal
# "Histology showed transepidermal elimination of calcified material" read the material as absent:
# "elimination of" is a negation trigger ("elimination of the drug").
EXTRUDED = [
    "A 4-year-old boy had crusted white papules on the scalp. Histology showed transepidermal elimination of "
    "calcified material.",
    "A 7-year-old girl had a warty papule on the eyelid; the biopsy showed transepidermal elimination of calcium "
    "deposits.",
    "Histology of a firm papule on the ear of a 3-year-old boy showed transepithelial elimination of calcium.",
]


@pytest.mark.parametrize("text", EXTRUDED)
def test_transepidermal_elimination_shows_the_deposit(text: str) -> None:
    case = first_case(text)
    assert assertions(case).get("basophilic_deposits_histology") != "absent"
    assert "basophilic_deposits_histology" in histology_concepts(case) | {
        f.concept for f in case.findings if f.assertion == "present"
    }


# ------------------------------------------ a fall against something injures where the lesion is
# "a firm plaque on the left shin after a fall against a bed frame" read no injury: only a fall onto
# a body part was trauma.
FALL_AGAINST = [
    "An 81-year-old woman developed a firm plaque on the left shin after a fall against a bed frame six months "
    "earlier. Calcium and phosphate were normal. X-ray showed subcutaneous calcification under the scar.",
    "A 66-year-old man fell against the edge of a table and bruised his right thigh; a year later a hard plaque "
    "formed there. Calcium, phosphate and PTH were normal. Radiographs showed calcification in the subcutis.",
]


@pytest.mark.parametrize("text", FALL_AGAINST)
def test_a_fall_against_something_is_local_injury(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert exposure_assertions(case)["local_trauma"] == "present"
    assert subtype == "dystrophic"


def test_control_a_fall_with_no_impact_is_not_read() -> None:
    case = first_case("A 79-year-old woman was admitted after a fall. She had hard nodules on the fingers.")
    assert "local_trauma" not in exposure_assertions(case)


# ------------------------------------------ the authors' own reading told with "we considered this ..."
WE_CONSIDERED = [
    (
        "An 80-year-old woman had a firm plaque on the shin. We considered this dystrophic calcinosis cutis at a "
        "site of previous trauma.",
        "dystrophic",
    ),
    (
        "A 70-year-old man had hard papules on the scrotum. We regarded the nodules as idiopathic calcinosis cutis.",
        "idiopathic",
    ),
    (
        "A 52-year-old woman on haemodialysis had necrotic plaques on the thighs; the authors deemed the lesions "
        "calciphylaxis.",
        "calciphylaxis",
    ),
]


@pytest.mark.parametrize(("text", "subtype"), WE_CONSIDERED)
def test_we_considered_this_states_the_authors_diagnosis(text: str, subtype: str) -> None:
    stated = assess(text).cases[0].assessment.stated
    assert stated is not None and stated.subtype == subtype


@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old man on dialysis had painful nodules. We considered it unlikely to be calciphylaxis.",
        "A 61-year-old woman had nodules on the elbow. We considered gouty tophi in the differential.",
    ],
)
def test_control_unlikeliness_and_a_differential_state_nothing(text: str) -> None:
    stated = assess(text).cases[0].assessment.stated
    assert stated is None or stated.subtype is None
