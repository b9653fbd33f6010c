"""The clinician-written cases of issue 7, each answered as a careful clinician would.

The cases are typed the way a clinician enters them (structured, not copied from any report).
"""

from __future__ import annotations

from calcidx.assess.api import assess_case
from calcidx.assess.model import Assessment
from calcidx.case.model import Case, Finding, Lab, Lesion, Observation, Patient
from calcidx.knowledge.schema import KnowledgeBundle


def _assess(bundle: KnowledgeBundle, *, guidance: bool = False, **fields: object) -> Assessment:
    return assess_case(Case.model_validate(fields), bundle, guidance=guidance)


def _alt(a: Assessment, code: str) -> str | None:
    return next((alt.certainty for alt in a.alternatives if alt.code == code), None)


def test_jdm_child_with_iv_calcium_in_the_other_hand_is_dystrophic(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=8, sex="male"),
        lesions=[Lesion(site="right hand", laterality="right"), Lesion(site="right knee", laterality="right")],
        findings=[Finding(concept="juvenile_dermatomyositis")],
        exposures=[Finding(concept="iv_calcium", assertion="historical", site="left hand")],
    )
    assert a.subtype.code == "dystrophic" and a.subtype.certainty == "probable"
    alt = next(alt for alt in a.alternatives if alt.code == "iatrogenic")
    assert "left hand" in alt.why and alt.certainty == "possible"


def test_same_child_with_the_lesion_at_the_infusion_site_is_iatrogenic(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=0.2),
        lesions=[Lesion(site="left hand", laterality="left")],
        exposures=[Finding(concept="iv_calcium", site="left hand")],
    )
    assert a.subtype.code == "iatrogenic"


def test_warfarin_necrosis_with_negative_von_kossa_is_not_calciphylaxis(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=74, sex="female"),
        lesions=[Lesion(site="right breast")],
        findings=[Finding(concept="warfarin_necrosis"), Finding(concept="skin_necrosis")],
        exposures=[Finding(concept="warfarin")],
        histology=[
            Observation(text="fibrin thrombi; von Kossa negative", concepts=["vascular_thrombi_histology"]),
            Observation(text="no calcification", concepts=["calcium_stain_negative"]),
        ],
    )
    assert a.subtype.code != "calciphylaxis"
    assert _alt(a, "calciphylaxis") != "confirmed"


def test_microthrombi_do_not_count_as_vascular_calcification(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        lesions=[Lesion(site="thigh")],
        findings=[Finding(concept="dialysis"), Finding(concept="retiform_purpura")],
        histology=[Observation(text="microthrombi and intimal fibrosis", concepts=["vascular_thrombi_histology"])],
    )
    assert a.subtype.code == "calciphylaxis" and a.subtype.certainty == "probable"


def test_diabetic_ischaemic_toe_ulcer_is_not_calciphylaxis(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=71, sex="male"),
        lesions=[Lesion(site="right second toe", laterality="right")],
        findings=[
            Finding(concept="diabetes"),
            Finding(concept="atherosclerotic_or_diabetic_ulcer"),
            Finding(concept="necrotic_ulcer"),
        ],
    )
    assert a.subtype.code != "calciphylaxis"


def test_painful_indurated_plaques_on_dialysis(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        guidance=True,
        patient=Patient(age_years=49, sex="female"),
        lesions=[Lesion(site="lower abdomen")],
        findings=[Finding(concept="dialysis"), Finding(concept="subcutaneous_induration"), Finding(concept="pain")],
    )
    assert a.subtype.code == "calciphylaxis" and a.subtype.certainty == "possible"
    assert "calciphylaxis_biopsy" in {m.id for m in a.missing_workup}
    assert "renal_function" not in {m.id for m in a.missing_workup}


def test_sle_with_nephritis_in_remission_and_normal_renal_function(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=29, sex="female"),
        lesions=[Lesion(site="left buttock")],
        findings=[
            Finding(concept="systemic_lupus_erythematosus"),
            Finding(concept="glomerular_disease", label="lupus nephritis", assertion="historical"),
        ],
        labs=[
            Lab(analyte="creatinine", value=0.7, unit="mg/dL"),
            Lab(analyte="egfr", value=105, unit="mL/min/1.73 m2"),
        ],
    )
    assert a.subtype.code == "dystrophic"
    assert _alt(a, "metastatic") is None


def test_dermatomyositis_with_past_acute_kidney_injury(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=51, sex="female"),
        lesions=[Lesion(site="elbows")],
        findings=[Finding(concept="dermatomyositis"), Finding(concept="acute_kidney_injury", assertion="historical")],
    )
    assert a.subtype.code == "dystrophic"
    assert _alt(a, "metastatic") is None


def test_total_calcium_normal_but_ionized_high_is_not_idiopathic(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=57, sex="female"),
        lesions=[Lesion(site="right shin")],
        labs=[
            Lab(analyte="calcium", value=9.9, unit="mg/dL"),
            Lab(analyte="albumin", value=2.0, unit="g/dL"),
            Lab(analyte="calcium_ionized", value=1.55, unit="mmol/L"),
            Lab(analyte="phosphate", value=3.6, unit="mg/dL"),
        ],
    )
    assert a.subtype.code == "metastatic"
    status = next(s for s in a.rationale if s.rule.startswith("labs.calcium_status"))
    assert "ionized" in status.conclusion and "high" in status.conclusion


def test_vitamin_d_1250_nmol_is_intoxication_not_a_unit_error(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=45, sex="male"),
        lesions=[Lesion(site="hips")],
        labs=[
            Lab(analyte="vitamin_d_25oh", value=1250, unit="nmol/L"),
            Lab(analyte="calcium", value=13.8, unit="mg/dL"),
            Lab(analyte="pth", value=6, unit="pg/mL"),
        ],
    )
    codes = {w.code for w in a.warnings}
    assert "lab_implausible" not in codes and "lab_alert" in codes
    assert any("hypervitaminosis D" in s for s in a.suggested_causes)


def test_one_negative_ana_does_not_confirm_idiopathic(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=36, sex="female"),
        lesions=[Lesion(site="left calf")],
        histology=[Observation(text="basophilic deposits", concepts=["basophilic_deposits_histology"])],
        labs=[
            Lab(analyte="calcium", value=9.2, unit="mg/dL"),
            Lab(analyte="phosphate", value=3.3, unit="mg/dL"),
            Lab(analyte="ana", qualitative="negative"),
        ],
    )
    assert a.subtype.code == "idiopathic" and a.subtype.certainty == "probable"
    assert "ctd_serology" in {m.id for m in a.missing_workup}


def test_biopsy_with_no_lesion_does_not_confirm_calciphylaxis(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        findings=[Finding(concept="end_stage_renal_disease")],
        histology=[Observation(text="calcified small vessels", concepts=["vascular_calcification_histology"])],
    )
    assert a.subtype.certainty != "confirmed"
    assert _alt(a, "calciphylaxis") != "confirmed"


def test_myeloma_with_normal_skin_and_high_calcium_is_not_calcinosis_cutis(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=70, sex="male"),
        findings=[Finding(concept="multiple_myeloma"), Finding(concept="skin_examination_normal")],
        labs=[Lab(analyte="calcium", value=13.5, unit="mg/dL")],
    )
    assert a.subtype.code == "not_calcinosis"


def test_labs_alone_never_make_a_subtype(bundle: KnowledgeBundle) -> None:
    a = _assess(bundle, labs=[Lab(analyte="calcium", value=13.5, unit="mg/dL")])
    assert a.subtype.code == "undetermined"
    assert _alt(a, "metastatic") is not None


def test_uraemic_calciphylaxis_differential_has_no_inherited_calciphylaxis(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        guidance=True,
        patient=Patient(age_years=63, sex="female"),
        lesions=[Lesion(site="thighs")],
        findings=[Finding(concept="dialysis"), Finding(concept="retiform_purpura"), Finding(concept="black_eschar")],
    )
    assert a.subtype.code == "calciphylaxis"
    assert not any(d.kind == "inherited" for d in a.differential)
    assert a.differential_fit != "good"
    shown = {d.id for d in a.differential if d.kind == "lookalike"}
    assert "warfarin_necrosis" in shown and "gouty_tophi" not in shown and "osteoma_cutis" not in shown


def test_infant_with_subepidermal_calcified_nodule_is_not_asked_ctd_serology(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=0.9),
        lesions=[Lesion(site="right eyelid", laterality="right")],
        findings=[Finding(concept="firm_white_yellow_papules")],
        labs=[Lab(analyte="calcium", value=10.1, unit="mg/dL"), Lab(analyte="phosphate", value=5.6, unit="mg/dL")],
    )
    assert a.subform is not None and a.subform.code == "subepidermal_calcified_nodule"
    assert not {"ctd_serology", "myositis_panel_ck"} & {m.id for m in a.missing_workup}


def test_calcium_phosphate_product_names_the_threshold_applied(bundle: KnowledgeBundle) -> None:
    a = _assess(
        bundle,
        patient=Patient(age_years=50, sex="male"),
        lesions=[Lesion(site="elbow")],
        labs=[Lab(analyte="calcium", value=9.0, unit="mg/dL"), Lab(analyte="phosphate", value=7.4, unit="mg/dL")],
    )
    product = next(d for d in a.derived_labs if d.id == "calcium_phosphate_product")
    assert product.value == 66.6 and product.interpretation == "below threshold"
    assert product.caveat and "below the 70 mg2/dL2 threshold applied" in product.caveat
    assert "at or above 60" in product.caveat and "at or above 55" in product.caveat
    ckd = _assess(
        bundle,
        patient=Patient(age_years=8),
        lesions=[Lesion(site="elbow")],
        findings=[Finding(concept="chronic_kidney_disease")],
        labs=[Lab(analyte="calcium", value=9.0, unit="mg/dL"), Lab(analyte="phosphate", value=7.4, unit="mg/dL")],
    )
    child = next(d for d in ckd.derived_labs if d.id == "calcium_phosphate_product")
    assert child.interpretation == "high" and "65 mg2/dL2 threshold applied" in (child.caveat or "")
