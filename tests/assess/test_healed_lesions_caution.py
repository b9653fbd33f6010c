"""A record that says the lesions have healed marks every option aimed at the lesions (sodium
thiosulfate, excision, lithotripsy...) as for active lesions only (features.yaml lesions_healed,
cautions.yaml lesions_healed_active_treatment). Healed calciphylaxis had been offered IV sodium
thiosulfate with no word that the ulcers had closed."""

from __future__ import annotations

import pytest

from calcidx.assess.model import Assessment
from tests.assess.vignettes import assessment_of


def _healed_caution(a: Assessment, option: str) -> bool:
    chosen = next(t for t in a.treatments if t.id == option)
    return any("have healed or resolved" in caution for caution in chosen.cautions)


HEALED = [
    "A 64-year-old man on haemodialysis had biopsy-proven calciphylaxis with painful retiform purpura and "
    "necrotic ulcers of the thighs; after five months of treatment the ulcers have healed completely.",
    "Clinic review, 70F on peritoneal dialysis, calciphylaxis of the abdomen with black eschar (biopsy-proven "
    "in March). Today: wounds are closed, no new lesions.",
]


@pytest.mark.parametrize("text", HEALED)
def test_healed_calciphylaxis_marks_sodium_thiosulfate_as_for_active_lesions(text: str) -> None:
    a = assessment_of(text)
    assert a.subtype.code == "calciphylaxis"
    assert _healed_caution(a, "iv_sts_calciphylaxis")


def test_active_ulcers_carry_no_such_caution() -> None:
    a = assessment_of(
        "A 64-year-old man on haemodialysis has biopsy-proven calciphylaxis with painful retiform purpura and "
        "necrotic ulcers of the thighs that have not healed after three months."
    )
    assert not _healed_caution(a, "iv_sts_calciphylaxis")


def test_partial_healing_is_not_healed() -> None:
    a = assessment_of(
        "A 64-year-old man on haemodialysis has biopsy-proven calciphylaxis with painful retiform purpura and "
        "necrotic ulcers of the thighs; the ulcers have partially healed."
    )
    assert not _healed_caution(a, "iv_sts_calciphylaxis")
