"""A short note that introduces no patient ("Dermatomyositis for 9 years with hard calcinosis nodules at
the elbows on X-ray; CKD stage 4.") is one patient's note, with a warning; a short disease page or a
veterinary page is still no patient.

Reviewers write cases this way: 29 of 66 such texts of a safety round had given no case at all.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        (
            "Juvenile dermatomyositis for 4 years; hard white nodules at both knees, chalky discharge, X-ray shows "
            "calcinosis.",
            "dystrophic",
        ),
        (
            "Haemodialysis for 7 years. Exquisitely painful violaceous plaques on both thighs with a central black "
            "eschar. Skin biopsy: calcification of small subcutaneous vessels.",
            "calciphylaxis",
        ),
        (
            "Limited SSc with calcinosis of three fingertips on X-ray. Diltiazem stopped for ankle swelling.",
            "dystrophic",
        ),
    ],
)
def test_a_short_note_without_a_patient_introduced_is_one_patient(text: str, subtype: str) -> None:
    document = extract(text)
    assert len(document.cases) == 1, document.warnings
    assert any("read as one patient's note" in w for w in document.warnings)
    assert assess(document).cases[0].assessment.subtype.code == subtype


@pytest.mark.parametrize(
    "text",
    [
        "Calcinosis cutis\nCalcinosis cutis is a disorder of calcium deposition in the skin. It presents with "
        "hard white papules. Treatment includes diltiazem and surgical excision.",
        "Signalment: dog, 7 years. Firm plaques on the dorsal neck; biopsy showed dermal mineralisation.",
        # a table of several patients is no one patient's note (three cases would be merged into one)
        "Table 2. Our patients\n| 1 | 52/F | SSc | fingertips |\n| 2 | 33/F | dermatomyositis | thighs |\n"
        "Both had hard white nodules.",
    ],
)
def test_a_short_disease_page_veterinary_record_or_table_is_no_patient(text: str) -> None:
    assert extract(text).cases == []
