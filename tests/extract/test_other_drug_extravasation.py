"""An extravasation of another drug ("doxorubicin had extravasated", "a vancomycin extravasation") is
not a calcium extravasation; a generic one beside calcium ("the calcium gluconate infusion leaked")
or with no agent named still is.

A plaque where doxorubicin had extravasated had been read as iatrogenic calcinosis from a calcium
extravasation.
"""

from __future__ import annotations

import pytest

from tests.extract.reading import first_case


@pytest.mark.parametrize(
    "text",
    [
        "A 52-year-old man on chemotherapy has a firm plaque on the right forearm where epirubicin had "
        "extravasated ten days before; he never received calcium.",
        "A 6-week-old infant developed a firm nodule on the right hand two weeks after a vancomycin "
        "extravasation there.",
    ],
)
def test_another_drug_extravasated_is_no_calcium_exposure(text: str) -> None:
    assert not any(e.concept == "calcium_extravasation" for e in first_case(text).exposures)


@pytest.mark.parametrize(
    "text",
    [
        "A 2-week-old infant had an extravasation of calcium gluconate at the left ankle; a hard plaque followed.",
        "A 3-week-old preterm infant had an IV infiltration at the left foot; a hard white plaque formed there.",
    ],
)
def test_a_calcium_or_unnamed_extravasation_stays(text: str) -> None:
    assert any(e.concept == "calcium_extravasation" for e in first_case(text).exposures)
