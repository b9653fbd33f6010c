"""A past episode named as history ("a man with a history of calciphylaxis 5 years ago, now healed,
presents with new hard white nodules ...") is not the stated diagnosis of the new lesions
(diagnosis.yaml historical_statement). It had been adopted, so fingertip nodules on dialysis were
calciphylaxis, possible, with IV sodium thiosulfate offered."""

from __future__ import annotations

from tests.assess.vignettes import assessment_of, offered_ids
from tests.extract.reading import first_case

PAST = (
    "A 55-year-old man with a history of calciphylaxis 5 years ago, now healed, presents with new hard white "
    "nodules on the fingertips; calcium and phosphate normal on dialysis; X-ray shows calcification."
)


def test_a_past_episode_is_not_the_stated_diagnosis_of_new_lesions() -> None:
    stated = first_case(PAST).stated
    assert stated is None or stated.subtype != "calciphylaxis"
    a = assessment_of(PAST)
    assert a.subtype.code != "calciphylaxis"
    assert "iv_sts_calciphylaxis" not in offered_ids(a)


def test_a_history_of_renal_disease_before_the_diagnosis_still_states_it() -> None:
    stated = first_case(
        "A 60-year-old man with a history of ESRD who developed calciphylaxis of the thighs on haemodialysis."
    ).stated
    assert stated is not None and stated.subtype == "calciphylaxis"
