"""Fifth round of short clinical vignettes written for this project, assessed end to end from free text.

Each is a kind of case a reviewer writes to find an unsafe or wrong answer: a child's steroid
listed as a cause of a calcinosis it does not cause, a calcified eyelid cyst offered calcinosis
drugs, an abdominal ultrasound of the liver taken for evidence of the skin. The assertions are on
the call and on what is offered or withheld, not on wording.
"""

from __future__ import annotations

from typing import Any

from calcidx import assess
from calcidx.assess.api import assess_case
from calcidx.case.model import Case
from calcidx.interop.fhir_in import case_from_fhir_bundle
from calcidx.interop.fhir_out import to_fhir_bundle
from calcidx.knowledge.loader import load_bundle
from calcidx.render.report import text_report
from tests.assess.vignettes import assessment_of, offered_ids, withheld_reasons


def test_a_steroid_treating_juvenile_dermatomyositis_is_not_a_cause_of_its_calcinosis() -> None:
    text = (
        "A 9-year-old boy with juvenile dermatomyositis, treated with oral prednisolone and weekly "
        "methotrexate, has hard whitish nodules over both knees; X-rays show calcinosis."
    )
    a = assessment_of(text)
    assert a.subtype.code == "dystrophic"
    roles = {r.id: r for r in a.condition_roles}
    assert roles["juvenile_dermatomyositis"].role == "cause"
    # corticosteroids are in the knowledge only as a calciphylaxis risk, and calciphylaxis is not considered
    assert "corticosteroids" not in roles
    assert "Systemic corticosteroids (" not in text_report(assess(text), width=200)


def test_a_calciphylaxis_risk_is_named_as_a_possible_cause_of_calciphylaxis() -> None:
    a = assessment_of(
        "A 63-year-old woman on long-term prednisone for polymyalgia, with CKD stage 3, has painful "
        "violaceous retiform plaques on the thighs."
    )
    roles = {r.id: r for r in a.condition_roles}
    considered = a.subtype.code == "calciphylaxis" or "calciphylaxis" in {x.code for x in a.alternatives}
    assert considered
    steroid = roles["corticosteroids"]
    assert steroid.role == "cause" or steroid.possible_cause_of == "calciphylaxis"


def test_an_ultrasound_of_the_liver_is_not_evidence_of_the_skin() -> None:
    # hypercalcaemia of sarcoidosis with no skin finding: an abdominal ultrasound naming a condition
    # of the liver shows nothing of the skin, so no calcinosis cutis subtype can be made
    a = assessment_of(
        "A 52-year-old man with sarcoidosis of the lungs presented with vomiting; serum calcium was "
        "12.9 mg/dL with a suppressed PTH. An abdominal ultrasound was consistent with cirrhosis. "
        "His skin was not examined."
    )
    assert a.subtype.code in ("undetermined", "not_calcinosis")


def test_calcinosis_named_on_a_radiograph_is_imaging_evidence() -> None:
    a = assessment_of(
        "A 58-year-old woman with limited systemic sclerosis has had painful fingertips for years; "
        "there is calcinosis on radiographs of both thumbs."
    )
    assert a.subtype.code == "dystrophic"
    assert a.subtype.certainty in ("probable", "confirmed")
    step = next(s for s in a.rationale if s.rule.split("@")[0] == "lesion.calcinosis_evidence")
    assert step.fired  # shown by imaging, not only a clinical sign


def test_calcification_of_the_lungs_on_ct_is_still_no_skin_evidence() -> None:
    a = assessment_of(
        "A 61-year-old man with tumour lysis syndrome after chemotherapy had phosphate 8.9 mg/dL; "
        "CT showed calcification of the lungs and both kidneys."
    )
    assert a.subtype.code in ("undetermined", "not_calcinosis")


_CALCINOSIS_DRUGS = {"ceftriaxone", "intralesional_sts", "topical_sts", "probenecid", "colchicine", "low_dose_warfarin"}


def test_a_calcified_pilomatricoma_is_excised_not_given_calcinosis_drugs() -> None:
    a = assessment_of(
        "A 13-year-old boy has a hard, slightly blue 12 mm lump under the skin of the upper eyelid; "
        "ultrasound shows a calcified nodule and the paediatric surgeon thinks it is a pilomatrixoma. "
        "Calcium and phosphate are normal."
    )
    assert not _CALCINOSIS_DRUGS & offered_ids(a)
    assert "surgical_excision" in offered_ids(a)
    assert any("pilomatricoma" in r for r in withheld_reasons(a, "ceftriaxone"))


def test_systemic_sclerosis_with_an_epidermoid_cyst_beside_it_keeps_its_options() -> None:
    a = assessment_of(
        "A 57-year-old woman with limited systemic sclerosis has chalky calcinosis of the fingertips on "
        "X-ray; she also has an epidermoid cyst on the back."
    )
    assert a.subtype.code == "dystrophic"
    assert not withheld_reasons(a, "topical_sts")


def test_ossification_of_the_ear_cartilage_is_a_look_alike_that_histology_decides() -> None:
    a = assessment_of(
        "A 74-year-old man who had frostbite of both ears as a young soldier now has rigid, stone-hard "
        "auricles. Plain films show ossification of the auricular cartilage. Calcium, phosphate and PTH "
        "are normal."
    )
    assert a.subtype.certainty not in ("probable", "confirmed")
    assert a.differential and a.differential[0].id == "auricular_ossification"
    assert "skin_biopsy" in {t.id for t in a.missing_workup}


def _bundle_with_blood_pressure(systolic: float, unit_code: str = "mm[Hg]") -> dict[str, Any]:
    """A FHIR Bundle of a woman with dermatomyositis and calcinosis on X-ray, plus a blood-pressure panel."""
    case = Case.model_validate(
        {
            "patient": {"age_years": 49, "sex": "female"},
            "lesions": [{"site": "left thigh", "morphology": ["hard"]}],
            "findings": [{"concept": "dermatomyositis"}],
            "imaging": [{"modality": "radiograph", "text": "calcinosis", "concepts": ["radiopaque_deposits"]}],
        }
    )
    bundle = to_fhir_bundle(case)
    patient = next(e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    loinc = "http://loinc.org"

    def quantity(value: float) -> dict[str, Any]:
        return {"value": value, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": unit_code}

    observation = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": loinc, "code": "85354-9"}], "text": "Blood pressure"},
        "subject": {"reference": patient},
        "component": [
            {"code": {"coding": [{"system": loinc, "code": "8480-6"}]}, "valueQuantity": quantity(systolic)},
            {"code": {"coding": [{"system": loinc, "code": "8462-4"}]}, "valueQuantity": quantity(48)},
        ],
    }
    bundle["entry"].append({"fullUrl": "urn:uuid:5d0c1b3e-2f5a-4c1e-9a77-0d6f1e2b3c4d", "resource": observation})
    return bundle


def test_a_low_blood_pressure_in_a_fhir_bundle_withholds_diltiazem_as_in_free_text() -> None:
    low = assess_case(case_from_fhir_bundle(_bundle_with_blood_pressure(82)), load_bundle())
    assert "diltiazem" not in offered_ids(low)
    assert any("90 mmHg" in r for r in withheld_reasons(low, "diltiazem"))
    normal = assess_case(case_from_fhir_bundle(_bundle_with_blood_pressure(126)), load_bundle())
    assert "diltiazem" in offered_ids(normal)


def test_a_blood_pressure_in_another_unit_is_not_used() -> None:
    case = case_from_fhir_bundle(_bundle_with_blood_pressure(11, unit_code="kPa"))
    assert "hypotension" not in {f.concept for f in case.findings}


def test_a_planned_pregnancy_keeps_the_disease_of_the_same_sentence_and_withholds_drugs_kept_in_bone() -> None:
    a = assessment_of(
        "A 29-year-old woman with limited systemic sclerosis, who is planning a pregnancy next year, has "
        "hard chalky deposits in the fingertips seen on hand X-rays."
    )
    assert a.subtype.code == "dystrophic"
    assert "systemic_sclerosis" in {r.id for r in a.condition_roles if r.role == "cause"}
    assert "bisphosphonates" not in offered_ids(a)
    assert any("pregnancy is planned" in r for r in withheld_reasons(a, "bisphosphonates"))
    assert any("contraception" in r for r in withheld_reasons(a, "diltiazem"))


def test_a_plan_still_makes_the_drug_it_names_planned() -> None:
    # the disease is told in another clause; the plan's clause holds the drug: planned, not given
    a = assessment_of(
        "A 60-year-old man with dermatomyositis has calcinosis of the buttocks on CT; diltiazem will be "
        "started next week."
    )
    assert a.subtype.code == "dystrophic"
    shown = [t.reported for t in [*a.treatments, *a.withheld_treatments] if t.id == "diltiazem"]
    assert shown and all(r is None or "planned" in r for r in shown)


def test_a_state_word_after_was_belongs_to_the_test_before_it() -> None:
    # sarcoid hypercalcaemia: the suppressed PTH must not be read as high (no primary hyperparathyroidism)
    document = assess(
        "A 44-year-old woman with sarcoidosis had a serum calcium of 12.6 mg/dL; her 1,25-dihydroxyvitamin D "
        "was high and PTH suppressed. She has firm papules on the shins."
    )
    case = document.cases[0]
    states = {lab.analyte: lab.interpretation for lab in case.labs}
    assert states.get("pth") == "low"
    assert states.get("vitamin_d_125oh") == "high"
    assert not any("primary hyperparathyroidism" in s for s in case.assessment.suggested_causes)


def test_hypercalcaemia_with_high_pth_after_a_kidney_transplant_is_not_called_primary() -> None:
    a = assessment_of(
        "A 51-year-old man received a kidney transplant four years ago and his graft works well "
        "(creatinine 1.2 mg/dL). His calcium is 11.6 mg/dL and PTH 390 pg/mL. Hard white papules have "
        "appeared over both elbows; radiographs show calcification there."
    )
    assert a.subtype.code == "metastatic"
    assert any("tertiary hyperparathyroidism" in s for s in a.suggested_causes)
    assert not any(s.startswith("primary hyperparathyroidism") for s in a.suggested_causes)
