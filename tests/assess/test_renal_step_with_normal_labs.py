"""The renal step says what it knows: with calcium and phosphate measured and normal, impaired renal
function keeps metastatic calcinosis open, and the step no longer says "until calcium and phosphate
are known" (they are)."""

from __future__ import annotations

from calcidx.public import assess

NOTE = (
    "72M, CKD stage 3b (eGFR 38 mL/min/1.73 m2), burn to the left forearm 6 months ago. Now firm white plaques "
    "in the burn scar on the left forearm. {labs} X-ray: soft-tissue calcification in the forearm."
)


def _renal_step(labs: str) -> str:
    rationale = assess(NOTE.format(labs=labs)).cases[0].assessment.rationale
    return next(s.conclusion for s in rationale if s.rule.startswith("subtype.metastatic.renal@"))


def test_normal_calcium_and_phosphate_are_said_to_be_normal() -> None:
    step = _renal_step("Ca 2.35 mmol/L, PO4 1.2 mmol/L.")
    assert "calcium and phosphate are normal" in step
    assert "until calcium and phosphate are known" not in step


def test_control_unmeasured_labs_are_still_awaited() -> None:
    assert "until calcium and phosphate are known" in _renal_step("Labs pending.")
