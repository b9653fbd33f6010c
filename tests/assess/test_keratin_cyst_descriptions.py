"""A calcified cyst told by its histology ("a keratin-filled cyst") is a calcified epidermoid cyst.

Written in the project's own words. A hard scalp nodule whose excision showed "a keratin-filled cyst
with calcified contents" made no subtype: only the cyst's names were synonyms. The descriptions
pathologists use for an epidermoid cyst (keratin-filled, keratinous, infundibular, lined by
keratinizing stratified squamous epithelium) now name it, and the calcification is dystrophic (VDX,
KOR99).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    "histology",
    [
        "Excision showed a keratin-filled cyst with calcified contents.",
        "Histology showed a cyst lined by keratinizing stratified squamous epithelium with foci of calcification.",
    ],
)
def test_a_calcified_keratin_cyst_is_dystrophic(histology: str) -> None:
    text = f"A 45-year-old man had a hard nodule on the scalp. {histology} Calcium and phosphate were normal."
    case = assess(text).cases[0]
    assert "epidermoid_cyst" in {f.concept for f in case.findings}
    assert case.assessment.subtype.code == "dystrophic"


def test_control_a_nodule_with_no_cyst_is_not_a_cyst() -> None:
    text = "A 45-year-old man had a hard nodule on the scalp. Calcium and phosphate were normal."
    assert "epidermoid_cyst" not in {f.concept for f in assess(text).cases[0].findings}
