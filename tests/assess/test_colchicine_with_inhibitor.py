"""Colchicine is withheld for a patient with renal or hepatic impairment who takes a drug that
inhibits both P-gp and CYP3A4 (clarithromycin, ciclosporin), as its label contraindicates it
(cautions.yaml colchicine_renal_inhibitor, colchicine_hepatic_inhibitor). With eGFR 25 and
clarithromycin it had been offered with a general interaction note only."""

from __future__ import annotations

import pytest

from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons

IMPAIRED = [
    "A 45-year-old woman with limited SSc and calcinosis of the fingers on X-ray; eGFR 25 and taking "
    "clarithromycin for pneumonia.",
    "A 50-year-old woman with SSc and calcinosis of the fingers on X-ray after a kidney transplant; eGFR 24; on "
    "ciclosporin and prednisolone.",
    "A 58-year-old man with dermatomyositis and calcinosis of the thighs on X-ray; alcoholic cirrhosis; started "
    "clarithromycin yesterday.",
    # the azoles and ritonavir of IMAZIO21-COLCHICINE-DDI, and a ciclosporin brand
    "A 62-year-old woman with limited SSc has calcinosis of the fingertips on X-ray. eGFR 22. Medications: "
    "ketoconazole 200 mg daily.",
    "A 62-year-old woman with limited SSc has calcinosis of the fingertips on X-ray. eGFR 22. Medications: "
    "Neoral 100 mg bd.",
    "A 62-year-old woman with limited SSc has calcinosis of the fingertips on X-ray. eGFR 40. Alcoholic liver "
    "disease. On voriconazole.",
    "A 55-year-old woman with SSc and calcinosis of the fingers on X-ray; eGFR 20; on fluconazole for candidiasis.",
]


@pytest.mark.parametrize("text", IMPAIRED)
def test_colchicine_is_withheld_with_the_inhibitor_and_impairment(text: str) -> None:
    a = assessment_of(text)
    assert "colchicine" not in offered_ids(a)
    assert any("P-gp and CYP3A4" in reason for reason in withheld_reasons(a, "colchicine"))


def test_the_inhibitor_with_normal_kidneys_and_liver_leaves_colchicine_offered() -> None:
    a = assessment_of(
        "A 45-year-old woman with limited SSc and calcinosis of the fingers on X-ray; eGFR 80 and taking "
        "clarithromycin for pneumonia."
    )
    assert "colchicine" in offered_ids(a)
