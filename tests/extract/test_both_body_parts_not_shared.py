"""The words "of both calves" name two body parts, not two patients: the sentence stays its own patient's
(zones.yaml shared_by_all, body parts after "both"). In a report of two patients, the second
patient's transplant, warfarin and ulcers "of both calves" had been read for the first as well."""

from __future__ import annotations

import pytest

from calcidx.public import extract

TWO = (
    "Two cases of calciphylaxis\n\nPatient 1\nA 64-year-old woman on peritoneal dialysis developed painful "
    "retiform purpura on the abdomen. Biopsy showed arteriolar calcification.\n\nPatient 2\nA 49-year-old man "
    "with a functioning kidney transplant and warfarin for a mechanical valve presented with necrotic ulcers "
    "of {parts}.\n"
)


@pytest.mark.parametrize("parts", ["both calves", "both shins", "both lower legs", "both buttocks"])
def test_a_sentence_about_both_body_parts_stays_its_patients(parts: str) -> None:
    first, second = extract(TWO.format(parts=parts)).cases
    assert "kidney_transplant" not in {f.concept for f in first.findings}
    assert "kidney_transplant" in {f.concept for f in second.findings}


def test_a_sentence_about_both_patients_is_still_shared() -> None:
    text = TWO.format(parts="both calves") + "Both patients were treated with sodium thiosulfate.\n"
    first, second = extract(text).cases
    assert {t.concept for t in first.treatments} & {t.concept for t in second.treatments}
