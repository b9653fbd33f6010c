"""Calciphylaxis's clinical picture and histology against normal labs, mimics and metastatic deposits.

Reports written for these tests (paraphrases of kinds of cases, no published sentence): non-uremic
calciphylaxis has normal calcium and phosphate, so normal labs never make a necrotic lesion with
calciphylaxis histology idiopathic; a mimic keeps calciphylaxis from being called; painless
periarticular deposits on dialysis stay metastatic, and pain alone does not move them.
"""

from __future__ import annotations

import pytest

from calcidx import assess
from calcidx.assess.model import Assessment


def _assessment(text: str) -> Assessment:
    document = assess(text)
    assert document.cases, text
    return document.cases[0].assessment


NORMAL_LABS = "Serum calcium, phosphate and PTH were within normal limits and creatinine was normal."

NONUREMIC_WITH_BIOPSY = [
    "A 58-year-old man with alcoholic liver cirrhosis had a black eschar on the left thigh. "
    "A punch biopsy of the eschar confirmed calciphylaxis. " + NORMAL_LABS,
    "A 47-year-old woman with cirrhosis developed necrotic ulcers on both calves. "
    "Histology of the ulcer margin was consistent with calciphylaxis. " + NORMAL_LABS,
    "A 66-year-old woman presented with a painful violaceous rash over the abdomen. "
    "A skin biopsy showed numerous small vessels whose walls were calcified. " + NORMAL_LABS,
    "A 52-year-old man had areas of skin necrosis on the buttocks. "
    "Biopsy demonstrated calcification within the walls of dermal arterioles with intimal hyperplasia. " + NORMAL_LABS,
]


@pytest.mark.parametrize("text", NONUREMIC_WITH_BIOPSY)
def test_lesion_and_histology_with_normal_labs_is_calciphylaxis(text: str) -> None:
    a = _assessment(text)
    assert a.subtype.code == "calciphylaxis", text
    assert a.subtype.certainty == "confirmed", text
    assert a.subform is not None and a.subform.code == "calciphylaxis_nonuremic"
    assert "calciphylaxis_biopsy" not in [m.id for m in a.missing_workup]
    # the rationale names the biopsy the call rests on
    step = next(s for s in a.rationale if s.rule.startswith("subtype.calciphylaxis.red_flags"))
    assert "biopsy: " in step.conclusion and step.conclusion.endswith("calciphylaxis, confirmed.")


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old man with cirrhosis had a black eschar on the right thigh. " + NORMAL_LABS,
        "A 55-year-old woman had necrotic ulcers of the lower legs and had taken corticosteroids. " + NORMAL_LABS,
    ],
)
def test_a_necrotic_lesion_with_normal_labs_is_never_idiopathic(text: str) -> None:
    a = _assessment(text)
    assert a.subtype.code != "idiopathic", text
    step = next(s for s in a.rationale if s.rule.startswith("subtype.idiopathic.pattern"))
    assert not step.fired and "non-uremic calciphylaxis" in step.conclusion


def test_the_idiopathic_pattern_with_normal_labs_is_unchanged() -> None:
    text = "A 34-year-old man had firm white nodules on the thigh, with no trauma. " + NORMAL_LABS
    assert _assessment(text).subtype.code == "idiopathic"


@pytest.mark.parametrize(
    "text",
    [
        # warfarin necrosis: the mimic is present and the biopsy shows no calcium
        "A 70-year-old woman started on warfarin for atrial fibrillation developed skin necrosis of the "
        "breast; warfarin-induced skin necrosis was diagnosed. Skin biopsy showed fibrin thrombi and "
        "the von Kossa stain was negative. " + NORMAL_LABS,
        # a diabetic ischaemic ulcer of the toe
        "A 69-year-old man with diabetes mellitus had a necrotic ulcer of the left great toe, a diabetic "
        "foot ulcer with absent pedal pulses.",
        # livedoid vasculopathy on dialysis: painful ulcers with livedo, a mimic not excluded
        "A 41-year-old woman on haemodialysis had painful necrotic ulcers of both ankles with livedo "
        "racemosa; livedoid vasculopathy was suspected and healed areas showed atrophie blanche.",
    ],
)
def test_mimics_are_not_called_calciphylaxis(text: str) -> None:
    a = _assessment(text)
    assert a.subtype.code != "calciphylaxis", text


def test_livedoid_vasculopathy_leaves_calciphylaxis_an_alternative_the_biopsy_decides() -> None:
    text = (
        "A 41-year-old woman on haemodialysis had painful necrotic ulcers of both ankles with livedo "
        "racemosa; livedoid vasculopathy was suspected."
    )
    a = _assessment(text)
    # the mimic is suspected, not present: calciphylaxis stays possible (the call or an
    # alternative), never a clinical diagnosis, and the biopsy decides (rule red_flags' example)
    considered = {a.subtype.code: a.subtype.certainty, **{alt.code: alt.certainty for alt in a.alternatives}}
    assert considered.get("calciphylaxis") == "possible"
    assert "calciphylaxis_biopsy" in [m.id for m in a.missing_workup]


@pytest.mark.parametrize(
    "text",
    [
        "A 39-year-old man on peritoneal dialysis for end-stage renal disease had large painless firm "
        "masses around both hips. Phosphate was 8.4 mg/dL and calcium 9.6 mg/dL.",
        # pain alone (an infected tumoral mass) does not make the picture calciphylaxis
        "A 25-year-old woman on haemodialysis had painful swollen masses around the shoulders. "
        "Phosphate was 8.1 mg/dL and calcium 9.9 mg/dL.",
        # a purpura named only in the disease that caused the renal failure is no lesion
        "A 31-year-old man on haemodialysis for renal failure after Henoch-Schonlein purpura had "
        "painful periarticular masses of both elbows. Phosphate was 7.8 mg/dL and calcium 9.7 mg/dL.",
    ],
)
def test_periarticular_deposits_on_dialysis_stay_metastatic(text: str) -> None:
    a = _assessment(text)
    assert a.subtype.code == "metastatic", text
    assert "calciphylaxis" not in [alt.code for alt in a.alternatives if alt.certainty != "possible"]


def test_a_disease_named_purpura_is_a_condition_not_a_lesion() -> None:
    from calcidx import extract

    case = extract(
        "A 20-year-old man had IgA vasculitis nephritis and later Schönlein–Henoch purpura relapses.", mode="note"
    ).cases[0]
    concepts = {f.concept for f in case.findings}
    assert "iga_vasculitis" in concepts
    assert "painful_purpura" not in concepts


def test_painful_erythema_on_dialysis_with_deranged_labs_keeps_calciphylaxis_first() -> None:
    text = (
        "A 16-year-old boy on haemodialysis had a painful, erythematous lesion on the dorsum of the foot. "
        "Calcium was 11.2 mg/dL and phosphate 8.0 mg/dL."
    )
    a = _assessment(text)
    assert a.subtype.code == "calciphylaxis"
    assert a.subtype.certainty == "possible"
    alternatives = {alt.code: alt for alt in a.alternatives}
    assert alternatives["metastatic"].certainty == "possible"
    assert "weighs against metastatic" in alternatives["metastatic"].why
    assert "competing_subtypes" in [w.code for w in a.warnings]
    assert "calciphylaxis_biopsy" in [m.id for m in a.missing_workup]
