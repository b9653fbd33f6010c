"""A note that gives the biopsy proof in brackets after the diagnosis and its site ("with
calciphylaxis of the thighs (biopsy-confirmed)") states that diagnosis. It was not read at all, and a
dialysis patient with confirmed calciphylaxis was called metastatic calcinosis from the labs, with
only the metastatic options (no sodium thiosulfate)."""

from __future__ import annotations

import pytest

from calcidx.public import assess

NOTE = (
    "A 68-year-old man on haemodialysis with {dx}. He takes clarithromycin for pneumonia. "
    "Ca 2.5 mmol/L, phosphate 2.1 mmol/L, PTH 80 pmol/L."
)


@pytest.mark.parametrize(
    "dx",
    [
        "calciphylaxis of the thighs (biopsy-confirmed)",
        "calciphylaxis of both calves (confirmed on biopsy)",
        "calciphylaxis on the abdomen (bx-proven)",
    ],
)
def test_a_diagnosis_with_its_proof_in_brackets_is_stated(dx: str) -> None:
    case = assess(NOTE.format(dx=dx)).cases[0]
    assert case.stated is not None and case.stated.subtype == "calciphylaxis"
    assert case.assessment.subtype.code == "calciphylaxis"
    assert any(t.id == "iv_sts_calciphylaxis" for t in case.assessment.treatments)


@pytest.mark.parametrize("dx", ["calciphylaxis of the thighs (biopsy pending)", "suspected calciphylaxis (bx-proven?)"])
def test_control_a_pending_or_suspected_diagnosis_is_not_stated(dx: str) -> None:
    case = assess(NOTE.format(dx=dx)).cases[0]
    assert case.stated is None or case.stated.subtype is None
