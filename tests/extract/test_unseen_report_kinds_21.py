"""Kinds of phrasing and clinical rules from a twenty-first set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess
from tests.extract.reading import assertions, first_assessed, first_case, histology_concepts

# ------------------------------------------------------- a central line named by its vein, as a modifier
# "through a right subclavian central venous catheter" gave the infusion no site (only "the right
# subclavian vein" was a site), so nodules on the shin were iatrogenic (possible) from a line in the chest.
CENTRAL_LINES = [
    ("through a right subclavian central venous catheter", "right subclavian central venous catheter"),
    ("through a left internal jugular line", "left internal jugular line"),
    ("via a right femoral central line", "right femoral central line"),
    ("via a R IJ CVC", "R IJ CVC"),
]


@pytest.mark.parametrize(("route", "site"), CENTRAL_LINES)
def test_a_central_line_named_by_its_vein_is_the_infusions_site(route: str, site: str) -> None:
    text = (
        f"A 45-year-old man received calcium gluconate infusions {route} for hypocalcaemia. "
        "Two weeks later hard nodules appeared on his left shin."
    )
    case, subtype, _ = first_assessed(text)
    assert [e.site for e in case.exposures if e.concept == "iv_calcium"] == [site]
    assert subtype != "iatrogenic"


def test_nodules_at_the_lines_own_region_stay_iatrogenic() -> None:
    text = (
        "A 3-week-old girl received calcium gluconate through a right femoral central line. Ten days later "
        "firm white plaques appeared in the right groin."
    )
    _, subtype, _ = first_assessed(text)
    assert subtype == "iatrogenic"


# ------------------------------------------------- the Martorell ulcer: a mimic the biopsy cannot exclude
# "Biopsy showed ... arterioles with medial calcification; a Martorell hypertensive ischaemic ulcer was
# diagnosed" was calciphylaxis, confirmed (non-uraemic): its biopsy shows what a calciphylaxis biopsy shows.
MARTORELL = [
    "A 65-year-old woman with long-standing hypertension and diabetes had a very painful ulcer on the lateral "
    "aspect of the left lower leg above the ankle. Creatinine was 0.9 mg/dL. Biopsy showed thickened "
    "subcutaneous arterioles with medial calcification; a Martorell hypertensive ischaemic ulcer was diagnosed.",
    "Hypertensive 70F, painful necrotic ulcer lateral right calf, normal renal function. Bx: arteriolosclerosis "
    "with medial calcification of subcutaneous arterioles. Dx: Martorell ulcer.",
]


@pytest.mark.parametrize("text", MARTORELL)
def test_a_martorell_ulcer_holds_calciphylaxis_back_despite_the_biopsy(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert "vascular_calcification_histology" in histology_concepts(case)
    assert subtype != "calciphylaxis"
    alternatives = {a.code: a.certainty for a in case.assessment.alternatives}
    assert alternatives.get("calciphylaxis") == "possible"
    assert not [t for t in case.assessment.treatments if t.id == "iv_sts_calciphylaxis"]


def test_a_martorell_ulcer_excluded_leaves_calciphylaxis_proven() -> None:
    text = (
        "A 65-year-old woman on haemodialysis had a very painful necrotic ulcer on the left calf. Biopsy showed "
        "medial calcification of subcutaneous arterioles with thrombi; a Martorell ulcer was excluded."
    )
    _, subtype, certainty = first_assessed(text)
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")


# ------------------------------------------------------ the proof told after the lesion's sites
def test_confirmed_on_biopsy_after_the_sites_is_the_biopsy() -> None:
    case = first_case(
        "Assessment: 59M on HD x 4 yrs with CUA of the lower abdomen and thighs, confirmed on punch biopsy."
    )
    assert "calciphylaxis_histology_reported" in histology_concepts(case)


# ---------------------------------------------------------------- "non" written apart from its word
# "non tender hard nodules" read the nodules as tender (painful papules present), and "a non diabetic
# woman" as diabetic: only the hyphenated prefix ("non-tender") negated.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("A 50-year-old woman had non tender hard nodules on the elbows.", "painful_papules"),
        ("A 50-year-old woman had non painful hard nodules on the elbows.", "painful_papules"),
        ("A 50-year-old non diabetic woman had hard nodules on the elbows.", "diabetes"),
    ],
)
def test_non_written_apart_negates_the_next_word(text: str, absent: str) -> None:
    assert assertions(first_case(text)).get(absent) == "absent"


@pytest.mark.parametrize(
    "text",
    [
        "A 50-year-old woman with non Hodgkin lymphoma had hard nodules on the elbows.",
        "A 50-year-old woman with non small cell lung cancer had hard nodules on the elbows.",
    ],
)
def test_a_disease_named_with_non_stays_present(text: str) -> None:
    assert assertions(first_case(text)).get("malignancy") == "present"


def test_misinterpreted_as_is_no_diagnosis() -> None:
    case = first_case(
        "An 18-year-old girl with lupus had firm swellings of the thighs. Misinterpreted as subcutaneous "
        "abscesses, they had been incised elsewhere; chalky material drained."
    )
    assert assertions(case).get("infected_lesion") != "present"


# ------------------------------------------------------------------- a sub-form the patient "had"
# "had uremic calciphylaxis of the thighs", "had nonuremic calciphylaxis" stated nothing (the subtype's
# own word had to follow the verb), so a short note was undetermined.
@pytest.mark.parametrize(
    ("text", "subtype", "subform"),
    [
        ("A 50-year-old woman had uremic calciphylaxis of the thighs.", "calciphylaxis", "calciphylaxis_uremic"),
        (
            "A 50-year-old woman with normal kidneys had nonuremic calciphylaxis of the thighs.",
            "calciphylaxis",
            "calciphylaxis_nonuremic",
        ),
        ("A 40-year-old man has idiopathic scrotal calcinosis.", "idiopathic", "scrotal_calcinosis"),
    ],
)
def test_a_subform_the_patient_had_is_stated(text: str, subtype: str, subform: str) -> None:
    stated = assess(text).cases[0].assessment.stated
    assert stated is not None
    assert (stated.subtype, stated.subform) == (subtype, subform)


def test_a_subform_the_patient_did_not_have_is_not_stated() -> None:
    stated = assess("A 50-year-old woman on dialysis had no uremic calciphylaxis; she had painful plaques.")
    assert stated.cases[0].assessment.stated is None


# ------------------------------------------------------------- calciphylaxis told by its adjective
def test_calciphylactic_lesions_state_calciphylaxis() -> None:
    stated = (
        assess(
            "We describe a 62-year-old obese woman on hemodialysis who developed two episodes of calciphylactic "
            "skin lesions during three years."
        )
        .cases[0]
        .assessment.stated
    )
    assert stated is not None
    assert stated.subtype == "calciphylaxis"


# ------------------------------------------------------ a drug's route is no lesion at the injection site
# "had received subcutaneous calcium nadroparin injections into both thighs ... developed hard nodules on
# the abdomen" made "both thighs" a lesion site ("subcutaneous" is a lesion word), so the nodules were
# iatrogenic (probable) from injections given elsewhere.
def test_injections_elsewhere_give_no_lesion_at_their_site() -> None:
    case, subtype, _ = first_assessed(
        "A 70-year-old woman had received subcutaneous calcium nadroparin injections into both thighs for 3 "
        "months. She developed hard nodules on the abdomen."
    )
    assert [lesion.site for lesion in case.lesions] == ["abdomen"]
    assert subtype != "iatrogenic"


@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old woman had received subcutaneous calcium nadroparin injections into the abdomen. She "
        "developed hard nodules at the injection sites on the abdomen.",
        "A 70-year-old woman had hard subcutaneous nodules on both thighs, where she had injected calcium "
        "heparin subcutaneously.",
    ],
)
def test_nodules_at_the_injection_sites_stay_iatrogenic(text: str) -> None:
    _, subtype, _ = first_assessed(text)
    assert subtype == "iatrogenic"


# ------------------------------------------------------------------------ a quiz's answer options
# "Which of the following is the most likely diagnosis? A) Steatocystoma multiplex ... C) Epidermoid
# cysts ..." read the epidermoid cysts as the patient's (a cause of dystrophic calcinosis).
def test_a_quizs_answer_options_are_not_the_patients() -> None:
    case = first_case(
        "Quiz: A 35-year-old man presented with asymptomatic yellowish papules on the scrotum. Which of the "
        "following is the most likely diagnosis? A) Steatocystoma multiplex B) Idiopathic scrotal calcinosis "
        "C) Epidermoid cysts D) Lymphangioma. Answer: B."
    )
    assert assertions(case).get("epidermoid_cyst") == "hypothetical"


def test_figure_panels_are_still_findings() -> None:
    case = first_case(
        "A 60-year-old man on dialysis had painful plaques. Figure 1. A) Retiform purpura of the thigh. "
        "B) Black eschar on the calf."
    )
    found = assertions(case)
    assert found.get("retiform_purpura") == "present"
    assert found.get("black_eschar") == "present"


# ------------------------------------------------------------------- a quiz's answer on its own line
# "Answer: A deep skin biopsy, which showed calcification of small subcutaneous arterioles; non-uremic
# calciphylaxis was diagnosed." was dropped (a new paragraph naming no person), losing the biopsy.
def test_an_answer_line_after_the_case_is_the_patients() -> None:
    case, subtype, certainty = first_assessed(
        "CLINICAL CHALLENGE\nAn 80-year-old woman with atrial fibrillation on warfarin and normal renal function "
        "presented with painful ulcers on the lower legs. What test would you order next?\nAnswer: A deep skin "
        "biopsy, which showed calcification of small subcutaneous arterioles; non-uremic calciphylaxis was "
        "diagnosed."
    )
    assert "vascular_calcification_histology" in histology_concepts(case)
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")


# --------------------------------------------------------- a note opening on a bare "Patient on ..."
# "Patient on APD for 5 years presents with extremely painful black eschars on the calves. 66 year old
# female." lost its first sentence (no article before "Patient"), so the eschars and the dialysis.
def test_a_bare_patient_opening_the_note_is_the_patient() -> None:
    case, subtype, _ = first_assessed(
        "Patient on APD for 5 years presents with extremely painful black eschars on the calves. 66 year old female."
    )
    found = assertions(case)
    assert (found.get("dialysis"), found.get("black_eschar")) == ("present", "present")
    assert subtype == "calciphylaxis"


# ------------------------------------------------- a short note whose person comes last, in a tag
# "Referred for hard white nodules on the fingertips. Known limited SSc. Ca and PO4 normal. 60F." read
# only the tag: the findings before it named no person and were dropped (undetermined).
@pytest.mark.parametrize(
    ("text", "concept", "subtype"),
    [
        (
            "Referred for hard white nodules on the fingertips. Known limited SSc. Ca and PO4 normal. 60F.",
            "systemic_sclerosis",
            "dystrophic",
        ),
        (
            "Seen today in clinic. Known ESRF on haemodialysis. Exquisitely painful indurated plaques on the "
            "abdomen with livedo. Age 55, female.",
            "dialysis",
            "calciphylaxis",
        ),
        (
            "Reason for referral: ?calcinosis. History: hard lumps on elbows for 2 years, JDM since age 6. Now 12 "
            "years old, girl.",
            "juvenile_dermatomyositis",
            "dystrophic",
        ),
    ],
)
def test_a_short_note_closed_by_a_tag_of_age_and_sex_is_the_patients(text: str, concept: str, subtype: str) -> None:
    case, found_subtype, _ = first_assessed(text)
    assert assertions(case).get(concept) == "present"
    assert found_subtype == subtype


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Dystrophic calcinosis is common in systemic sclerosis. A 45-year-old man presented with hard nodules "
            "on the elbows after a burn.",
            "systemic_sclerosis",
        ),
        (
            "Obesity and diabetes increase the risk. A 50-year-old woman on dialysis had painful plaques on the "
            "abdomen.",
            "obesity",
        ),
    ],
)
def test_a_reports_opening_statements_stay_out(text: str, absent: str) -> None:
    assert absent not in assertions(first_case(text))


# ------------------------------------------------------------------ the active vitamin D analogues
# "takes paricalcitol" or "doxercalciferol" was not read, so calciphylaxis lost its "review active
# vitamin D" action.
@pytest.mark.parametrize("drug", ["paricalcitol", "Zemplar", "doxercalciferol"])
def test_an_active_vitamin_d_analogue_is_active_vitamin_d(drug: str) -> None:
    case = assess(
        f"A 70-year-old woman on haemodialysis with biopsy-proven calciphylaxis takes {drug} three times weekly."
    ).cases[0]
    assert {e.concept: e.assertion for e in case.exposures}.get("active_vitamin_d") == "present"
    action = next(a.action for a in case.assessment.actions if a.medication == "active_vitamin_d")
    # the microgram threshold is calcitriol's: the action says so, so it is not read across to an analogue
    assert "calcitriol dose" in action


@pytest.mark.parametrize("brand", ["Tums", "Calcichew"])
def test_calcium_carbonate_brands_are_calcium_carbonate(brand: str) -> None:
    text = f"A 70-year-old woman on haemodialysis with biopsy-proven calciphylaxis takes {brand} with meals."
    case = assess(text).cases[0]
    assert {e.concept: e.assertion for e in case.exposures}.get("calcium_based_binders") == "present"


# --------------------------------------------------------------- a note's "Differential:" label
# "Differential: panniculitis, cellulitis." read both as the patient's: cellulitis, a calciphylaxis mimic
# recorded present, held calciphylaxis back on dialysis.
def test_a_differential_label_makes_its_list_possible() -> None:
    case = first_case(
        "58M on HD with painful thigh plaques. Plan: punch bx to r/o calciphylaxis. Differential: panniculitis, "
        "cellulitis."
    )
    found = assertions(case)
    assert (found.get("panniculitis"), found.get("cellulitis")) == ("possible", "possible")
