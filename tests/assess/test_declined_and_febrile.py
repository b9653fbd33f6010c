"""A device or treatment the patient declined is not had; a fever that names another illness is no
sign of infection at the lesion.

Written in the project's own words. "Complete heart block and a pacemaker was declined" read the
pacemaker as present, so diltiazem (contraindicated in complete heart block without a functioning
pacemaker) was offered; "was declined" only negated treatments. It and "she declined ..." now negate
a device, condition or exposure too, two words back at most so the block itself stays. "A history of
febrile seizures" read as a sign of infection at the site and put an infected lesion first in the
differential; febrile seizures, febrile neutropenia and named fevers are not that sign
(lexicon.yaml not_concepts).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

DM = (
    "A 60-year-old man with dermatomyositis and calcinosis cutis on the buttocks (radiograph confirmed; normal "
    "calcium and phosphate) has complete heart block"
)


def _findings(text: str) -> dict[str, str]:
    return {f.concept: f.assertion for f in assess(text).cases[0].findings}


@pytest.mark.parametrize("tail", [" and a pacemaker was declined.", "; he declined a permanent pacemaker."])
def test_a_declined_pacemaker_withholds_diltiazem(tail: str) -> None:
    case = assess(DM + tail).cases[0]
    found = {f.concept: f.assertion for f in case.findings}
    assert found.get("cardiac_conduction_disease") == "present"
    assert found.get("cardiac_pacemaker") == "absent"
    assert "diltiazem" in {t.id for t in case.assessment.withheld_treatments}


def test_control_a_pacemaker_in_place() -> None:
    case = assess(DM + " treated with a permanent pacemaker.").cases[0]
    assert {f.concept: f.assertion for f in case.findings}.get("cardiac_pacemaker") == "present"
    assert "diltiazem" in {t.id for t in case.assessment.treatments}


def test_declined_dialysis_is_not_dialysis() -> None:
    found = _findings("An 80-year-old woman with CKD stage 5 who declined dialysis had painful nodules on the legs.")
    assert found.get("dialysis") == "absent"


def test_febrile_seizures_are_no_sign_of_infection_at_the_site() -> None:
    text = (
        "A 5-year-old boy with juvenile dermatomyositis has calcinosis on the thighs confirmed on X-ray. "
        "He has a history of febrile seizures."
    )
    assert "local_infection_signs" not in _findings(text)


def test_control_fever_with_pus_from_the_lesion() -> None:
    text = "A 62-year-old woman with a draining calcinotic nodule on the elbow had fever and pus from the lesion."
    assert _findings(text).get("local_infection_signs") == "present"
