"""One word for calcium and phosphate together ("phosphocalcic metabolism was normal") reads both.

Reports translated from French, Spanish or Italian often say "phosphocalcic metabolism" or "the
phosphocalcic balance" for serum calcium and phosphate; read as neither, the first-line panel was
asked for again and idiopathic calcinosis lost its normal labs.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

CASE = "A 12-year-old boy had a hard white nodule on the right ear lobe; biopsy showed dermal calcium deposits. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Phosphocalcic metabolism was within normal limits.",
        "The phosphocalcic balance was normal.",
        "Phospho-calcic tests were unremarkable.",
    ],
)
def test_a_joint_word_reads_calcium_and_phosphate(sentence: str) -> None:
    case = extract(CASE + sentence).cases[0]
    found = {(lab.analyte, lab.interpretation) for lab in case.labs}
    assert {("calcium", "normal"), ("phosphate", "normal")} <= found, sentence
    missing = " ".join(item.label for item in assess(case).cases[0].assessment.missing_workup).lower()
    assert "serum phosphate" not in missing


def test_a_measured_value_stays_with_one_test() -> None:
    case = extract(CASE + "Phosphocalcic metabolism was altered, with a serum calcium of 12.1 mg/dL.").cases[0]
    assert [(lab.analyte, lab.value) for lab in case.labs if lab.value is not None] == [("calcium", 12.1)]
