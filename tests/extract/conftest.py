from __future__ import annotations

from pathlib import Path

import pytest

from calcidx.extract.vocabulary import Vocabulary

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    """A tiny vocabulary in the shape of the knowledge bundle's."""
    return Vocabulary.from_mapping(
        "test-vocab",
        {
            "condition": {
                "systemic_sclerosis": ["systemic sclerosis", "scleroderma", "limited systemic sclerosis"],
                "renal_disease": ["renal disease", "end-stage renal disease", "chronic kidney disease", "CKD"],
                "hyperparathyroidism": ["hyperparathyroidism"],
                "gout": ["gout", "tophaceous gout"],
                "dermatomyositis": ["dermatomyositis"],
                "sle": ["systemic lupus erythematosus", "SLE"],
            },
            "exposure": {
                "iv_calcium": ["intravenous calcium gluconate", "calcium gluconate", "intravenous calcium"],
                "local_trauma": ["trauma", "injury"],
                "dialysis": ["hemodialysis", "dialysis"],
            },
            "feature:symptom": {"pain": ["pain", "painful"], "fever": ["fever"]},
            "feature:histology": {
                "von_kossa_positive": ["von Kossa positive", "von Kossa"],
                "basophilic_deposits_histology": ["basophilic deposits"],
            },
            "feature:imaging": {"radiopaque_deposits": ["soft tissue calcification", "soft tissue calcifications"]},
            "feature:family": {"family_history_calcinosis": ["calcinosis in the family"]},
            "lookalike": {"gouty_tophi": ["gouty tophi", "tophaceous gout"]},
            "analyte": {
                "calcium": ["calcium", "serum calcium", "Ca"],
                "phosphate": ["phosphate", "phosphorus"],
                "alkaline_phosphatase": ["alkaline phosphatase", "ALP"],
                "pth": ["parathyroid hormone", "PTH"],
                "uric_acid": ["uric acid", "serum uric acid"],
                "vitamin_d_25oh": ["vitamin D", "25-hydroxyvitamin D"],
                "ana": ["antinuclear antibodies", "ANA"],
            },
            "subform": {
                "scrotal_calcinosis": ["scrotal calcinosis"],
                "subepidermal_calcified_nodule": ["subepidermal calcified nodule"],
            },
            "treatment": {"diltiazem": ["diltiazem"], "sodium_thiosulfate": ["sodium thiosulfate"]},
        },
    )


@pytest.fixture()
def fixtures() -> Path:
    return FIXTURES
