"""A mutation or variant named in a disorder's gene is read as the disorder (HFTC: GALNT3, FGF23, KL;
pseudoxanthoma elasticum: ABCC6).

Written in the project's own words. "Genetic testing found biallelic GALNT3 variants in both" (two
siblings with raised phosphate and periarticular nodules) named no condition, so the hyperphosphataemic
familial tumoral calcinosis behind the deposits was not reported; "ABCC6 mutations were found" likewise
gave no pseudoxanthoma elasticum.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        (
            "A 12-year-old girl had hard nodules over both elbows. Serum phosphate was 7.4 mg/dL with normal calcium "
            "and creatinine. Genetic testing found biallelic GALNT3 variants.",
            "hftc_disorder",
        ),
        (
            "A 16-year-old girl had yellowish papules on the neck; ABCC6 mutations were found. Biopsy: calcified "
            "elastic fibres.",
            "pseudoxanthoma_elasticum",
        ),
    ],
)
def test_a_gene_variant_names_its_disorder(text: str, condition: str) -> None:
    assert condition in assess(text).cases[0].assessment.associated_conditions


def test_control_a_lab_named_like_a_gene_is_no_disorder() -> None:
    text = "A 12-year-old girl had hard nodules over both elbows. Intact FGF23 was low; phosphate 7.4 mg/dL."
    assert "hftc_disorder" not in assess(text).cases[0].assessment.associated_conditions
