"""Patients told apart as "The first, a boy ..." and "The second, a girl ..." with no age in years.

Written in the project's own words. "Two neonates developed calcinosis after extravasation. The
first, a boy born at 30 weeks, ... The second, a girl born at 34 weeks, ..." gave one patient, and
with each neonate in a paragraph of its own the two were dropped and only the announcing sentence
was kept (no sex, no site). An ordinal with a person in apposition now introduces a patient
(zones.yaml person_intro, new_patient, first_patient); "the second, a punch biopsy" does not.
"""

from __future__ import annotations

import pytest

from calcidx.public import extract

FIRST = (
    "The first, a boy born at 30 weeks, received calcium gluconate through a cannula in the right hand and "
    "developed a hard white plaque there on day 9."
)
SECOND = (
    "The second, a girl born at 34 weeks, had an infusion in the left foot; a nodule appeared at that site on day 6."
)


@pytest.mark.parametrize("joint", [" ", "\n\n"])
def test_each_neonate_is_a_patient(joint: str) -> None:
    text = joint.join(["Two neonates developed calcinosis after extravasation.", FIRST, SECOND])
    cases = extract(text).cases
    assert [c.patient.sex for c in cases] == ["male", "female"]


def test_control_two_biopsies_are_not_two_patients() -> None:
    text = (
        "A 60-year-old woman on dialysis had painful purpura. Two biopsies were taken. The first, a punch biopsy, "
        "was normal. The second, a deep incisional biopsy of the thigh, showed calcified arterioles."
    )
    assert len(extract(text).cases) == 1
