"""Livedo told by its pattern ("a lace-like violaceous discolouration"), and vessels of every size on a biopsy.

Written in the project's own words. "On haemodialysis ... a lace-like violaceous discolouration of the
thighs" was metastatic (possible) from the dialysis alone: the net-like or lace-like discolouration
is the reticular pattern that names livedo reticularis, a typical calciphylaxis lesion (CN-CUA), and
now reads as livedo. "Circumferential calcification of the small and medium-sized vessels of the
hypodermis" was not read as vascular calcification ("medium-sized" and "hypodermis" stopped the rule).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old woman on haemodialysis had a lace-like violaceous discolouration of the thighs.",
        "59M ESRD on HD, net-like purple discoloration over the abdomen, painful.",
    ],
)
def test_a_net_like_discolouration_is_livedo(text: str) -> None:
    case = assess(text).cases[0]
    assert "livedo" in {f.concept for f in case.findings if f.assertion == "present"}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("calciphylaxis", "probable")


def test_vessels_of_every_size_calcified_on_biopsy_confirm() -> None:
    text = (
        "A 60-year-old woman on haemodialysis had painful plaques on the thighs. Skin biopsy demonstrated "
        "circumferential calcification of the small and medium-sized vessels of the hypodermis."
    )
    case = assess(text).cases[0]
    assert "vascular_calcification_histology" in {c for h in case.histology for c in h.concepts}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("calciphylaxis", "confirmed")


def test_control_mottling_absent_is_not_livedo() -> None:
    text = "A 60-year-old woman on haemodialysis had chalky papules on the fingers; no net-like discoloration."
    case = assess(text).cases[0]
    assert "livedo" not in {f.concept for f in case.findings if f.assertion == "present"}
