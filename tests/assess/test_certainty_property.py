"""Property: adding evidence for a subtype never lowers that subtype's certainty.

The subtype's certainty is read wherever it ends (the winner or an alternative); a subtype not
proposed at all counts as 0. Cases are drawn from a pool of findings, exposures and labs that
includes competing and blocking evidence (mimics, negative stains, other causes).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calcidx.assess.api import assess_case
from calcidx.assess.certainty import CERTAINTY_RANK
from calcidx.case.model import Case
from calcidx.knowledge.loader import load_bundle

BUNDLE = load_bundle()

FINDINGS = [
    "dialysis",
    "chronic_kidney_disease",
    "glomerular_disease",
    "systemic_sclerosis",
    "raynaud_phenomenon",
    "sarcoidosis",
    "diabetes",
    "obesity",
    "retiform_purpura",
    "subcutaneous_induration",
    "necrotic_ulcer",
    "warfarin_necrosis",
    "vasculitis",
    "firm_white_yellow_papules",
    "periarticular_masses",
    "pain",
    "livedo",
    "pseudoxanthoma_elasticum",
    "skin_examination_normal",
]
EXPOSURES = ["warfarin", "corticosteroids", "local_trauma", "iv_calcium", "vitamin_d_excess_intake"]
HISTOLOGY = ["calcium_stain_negative", "vascular_thrombi_histology"]
LABS = {
    "calcium_normal": {"analyte": "calcium", "value": 9.3, "unit": "mg/dL"},
    "calcium_high": {"analyte": "calcium", "value": 12.4, "unit": "mg/dL"},
    "phosphate_normal": {"analyte": "phosphate", "value": 3.5, "unit": "mg/dL"},
    "phosphate_high": {"analyte": "phosphate", "value": 7.9, "unit": "mg/dL"},
    "creatinine_high": {"analyte": "creatinine", "value": 4.2, "unit": "mg/dL"},
}

#: evidence that argues for each subtype (a finding, an exposure at the lesion, a lab, a test)
EVIDENCE: dict[str, list[dict[str, Any]]] = {
    "calciphylaxis": [
        {"findings": ["retiform_purpura"]},
        {"findings": ["black_eschar"]},
        {"findings": ["skin_necrosis"]},
        {"findings": ["subcutaneous_induration", "pain"]},
        {"findings": ["dialysis"]},
        {"exposures": ["warfarin"]},
        {"histology": ["vascular_calcification_histology"]},
        {"histology": ["von_kossa_positive"]},
    ],
    "dystrophic": [
        {"findings": ["systemic_sclerosis"]},
        {"findings": ["sclerodactyly"]},
        {"exposures": ["local_trauma"]},
        {"findings": ["pseudoxanthoma_elasticum"]},
        {"imaging": ["radiopaque_deposits"]},
    ],
    "metastatic": [
        {"labs": ["phosphate_high"]},
        {"labs": ["calcium_high"]},
        {"findings": ["end_stage_renal_disease"]},
        {"findings": ["hypervitaminosis_d"]},
        {"findings": ["periarticular_masses", "firm_white_yellow_papules"]},
        {"histology": ["basophilic_deposits_histology"]},
    ],
    "iatrogenic": [
        {"exposures_at_site": ["calcium_extravasation"]},
        {"imaging": ["radiopaque_deposits"]},
    ],
    "idiopathic": [
        {"labs": ["calcium_normal", "phosphate_normal"]},
        {"histology": ["basophilic_deposits_histology"]},
    ],
}


def _case(
    findings: list[str], exposures: list[str], histology: list[str], labs: list[str], extra: dict[str, Any]
) -> Case:
    data: dict[str, Any] = {
        "patient": {"age_years": 50, "sex": "female"},
        "lesions": [{"site": "right forearm", "laterality": "right"}],
        "findings": [{"concept": c} for c in [*findings, *extra.get("findings", [])]],
        "exposures": [{"concept": c} for c in [*exposures, *extra.get("exposures", [])]]
        + [{"concept": c, "site": "right forearm"} for c in extra.get("exposures_at_site", [])],
        "histology": [{"text": c, "concepts": [c]} for c in [*histology, *extra.get("histology", [])]],
        "imaging": [{"text": c, "concepts": [c]} for c in extra.get("imaging", [])],
        "labs": [LABS[k] for k in dict.fromkeys([*labs, *extra.get("labs", [])])],
    }
    return Case.model_validate(data)


def _certainty(case: Case, subtype: str) -> int:
    a = assess_case(case, BUNDLE, guidance=False)
    found = [a.subtype.certainty] if a.subtype.code == subtype else []
    found += [alt.certainty for alt in a.alternatives if alt.code == subtype]
    return max((CERTAINTY_RANK[c] for c in found), default=0)


@settings(max_examples=250, deadline=None)
@given(
    findings=st.lists(st.sampled_from(FINDINGS), max_size=4, unique=True),
    exposures=st.lists(st.sampled_from(EXPOSURES), max_size=2, unique=True),
    histology=st.lists(st.sampled_from(HISTOLOGY), max_size=1, unique=True),
    labs=st.lists(st.sampled_from(sorted(LABS)), max_size=3, unique=True),
    subtype=st.sampled_from(sorted(EVIDENCE)),
    pick=st.integers(min_value=0, max_value=10),
)
def test_adding_evidence_never_lowers_certainty(
    findings: list[str], exposures: list[str], histology: list[str], labs: list[str], subtype: str, pick: int
) -> None:
    evidence = EVIDENCE[subtype][pick % len(EVIDENCE[subtype])]
    before = _certainty(_case(findings, exposures, histology, labs, {}), subtype)
    after = _certainty(_case(findings, exposures, histology, labs, evidence), subtype)
    assert after >= before, (subtype, evidence, before, after)
