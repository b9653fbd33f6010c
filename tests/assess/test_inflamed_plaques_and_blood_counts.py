"""A plaque told as warm, hot or spreading is inflammation (cellulitis, panniculitis), not a sign of
calcification, even when firm (lesion.calcinosis_evidence v10); and "a raised white cell count" gives
no lesion the colour white (lexicon morphology_blanks). Warm, spreading, firm erythematous plaques
with fever in a patient on dialysis had been metastatic, probable."""

from __future__ import annotations

from tests.assess.vignettes import assessment_of
from tests.extract.reading import first_case

CELLULITIS_PICTURE = (
    "A 58-year-old man on haemodialysis has warm, spreading, firm erythematous plaques on the right thigh with "
    "fever of 38.7 C and a raised white cell count. Phosphate 2.3 mmol/L, calcium 2.5 mmol/L."
)


def test_warm_spreading_plaques_are_no_sign_of_calcinosis() -> None:
    a = assessment_of(CELLULITIS_PICTURE)
    assert not (a.subtype.code == "metastatic" and a.subtype.certainty in ("probable", "confirmed"))
    assert "skin_biopsy" in {m.id for m in a.missing_workup}
    assert a.differential and a.differential[0].id == "infection_at_site"


def test_a_white_cell_count_gives_no_lesion_the_colour_white() -> None:
    lesion = first_case(CELLULITIS_PICTURE).lesions[0]
    assert "white" not in lesion.morphology


def test_a_white_nodule_beside_a_white_cell_count_stays_white() -> None:
    case = first_case("A 60-year-old man has firm white nodules on the fingers and a normal white cell count.")
    assert "white" in case.lesions[0].morphology


def test_inflamed_nodules_that_imaging_shows_are_still_calcinosis() -> None:
    a = assessment_of(
        "A 12-year-old girl with juvenile dermatomyositis has red, warm, tender hard nodules on the elbows; "
        "X-ray shows calcinosis."
    )
    assert a.subtype.code == "dystrophic"
