"""The outcome a report states, in the words reports use for shrinking, failing and healing lesions."""

from __future__ import annotations

import pytest

from calcidx.public import extract

CASE = "A 9-year-old girl had three hard white papules on the left knee; biopsy showed dermal calcium deposits. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Over the next year the papules decreased in size.",
        "At six months the nodules had shrunk to half their size.",
        "Topical sodium thiosulfate had no effect on the deposits.",
        "The lesions did not respond to diltiazem.",
        "The wound re-epithelialized within eight weeks.",
        "She was discharged to hospice care.",
    ],
)
def test_the_stated_outcome_is_read(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    assert case.outcome is not None and sentence.split()[-1].rstrip(".") in case.outcome, sentence


def test_an_examination_finding_is_no_outcome() -> None:
    case = extract(CASE + "Smaller papules were seen on the right knee.").cases[0]
    assert case.outcome is None
