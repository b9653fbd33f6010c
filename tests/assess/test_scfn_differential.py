"""An infant with firm subcutaneous nodules and hypercalcaemia after perinatal asphyxia and
therapeutic cooling: subcutaneous fat necrosis of the newborn leads the differential, with what
suggests it (lookalikes.yaml; conditions therapeutic_hypothermia, perinatal_asphyxia; STROHM11-SCFN,
RODD21-SFNN). It had not been listed at all: only gout and inherited hypercalcaemias were."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of

INFANTS = [
    "A 5-week-old boy born after perinatal asphyxia and treated with whole-body cooling has firm red-purple "
    "subcutaneous nodules on the back and shoulders. Serum calcium 3.1 mmol/L.",
    "Neonate, 3 weeks old: hypoxic-ischaemic encephalopathy treated with therapeutic hypothermia. Now hard "
    "plaques on the buttocks and thighs; total calcium 13.2 mg/dL.",
]


@pytest.mark.parametrize("text", INFANTS)
def test_fat_necrosis_of_the_newborn_leads_the_differential(text: str) -> None:
    a = assessment_of(text)
    assert a.differential and a.differential[0].id == "subcutaneous_fat_necrosis_newborn"
    assert a.differential[0].features_for


def test_it_is_not_listed_for_an_adult() -> None:
    a = assessment_of(
        "A 44-year-old man with hypercalcaemia (calcium 3.1 mmol/L) from a parathyroid adenoma has firm papules "
        "on the thighs; biopsy shows dermal calcification."
    )
    assert "subcutaneous_fat_necrosis_newborn" not in {d.id for d in a.differential}
