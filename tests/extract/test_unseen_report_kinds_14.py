"""Kinds of phrasing and clinical rules from a fourteenth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import re

import pytest

from calcidx.extract.pipeline import extract
from calcidx.extract.readers import read_bytes
from calcidx.extract.textmap import normalise, table_cells_spaced
from tests.extract.reading import exposure_assertions, first_assessed, first_case

# ------------------------------------------ a mimic's picture is not metastatic calcinosis
# On dialysis with a high phosphate, painful livedo of the toes after angiography (cholesterol emboli
# not excluded) was metastatic calcinosis, probable: the mimic held calciphylaxis back and the labs
# alone made metastatic the only candidate, though nothing showed a calcium deposit. Metastatic is now
# held at possible beside calciphylaxis, and the biopsy decides.
MIMIC_PICTURE = [
    "A 74-year-old man on haemodialysis underwent coronary angiography. Two weeks later he developed painful "
    "livedo and blue toes on both feet. Calcium 2.3 mmol/L, phosphate 1.6 mmol/L.",
    "Man, 69, on peritoneal dialysis; cardiac catheterisation last month; now mottled skin of both feet, very "
    "painful. Phosphate 2.1 mmol/L, calcium 2.35 mmol/L.",
]


@pytest.mark.parametrize("text", MIMIC_PICTURE)
def test_a_mimics_picture_with_high_phosphate_is_not_probable_metastatic(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert certainty != "probable" or subtype != "metastatic", (subtype, certainty)
    assert case.assessment.differential[0].id == "cholesterol_emboli"
    assert "calciphylaxis" in {a.code for a in case.assessment.alternatives} | {subtype}


def test_control_firm_white_nodules_after_angiography_stay_metastatic() -> None:
    _, subtype, certainty = first_assessed(
        "A 74-year-old man on haemodialysis underwent coronary angiography. He has firm white nodules around "
        "both elbows and livedo of the toes. Calcium 2.3 mmol/L, phosphate 2.6 mmol/L."
    )
    assert (subtype, certainty) == ("metastatic", "probable")


# ------------------------------------------ an operation on the lesion's body part
# "had liposuction of the thighs six months before presenting with firm nodules on both thighs" and
# "hard nodules in the right breast after breast reduction surgery" were idiopathic, probable: an
# operation was read only as a scar. An operation named by what it does to a body part is the damaged
# tissue at that part, a nidus only where that part is a lesion's (its site recorded or in its name).
OPERATION_AT_SITE = [
    "A 30-year-old woman had liposuction of the thighs six months before presenting with firm nodules on both "
    "thighs. Radiographs showed calcification. Calcium and phosphate were normal.",
    "A 60-year-old woman developed hard nodules in the right breast after breast reduction surgery; mammography "
    "showed calcification of the skin and subcutis. Calcium and phosphate were normal.",
]


@pytest.mark.parametrize("text", OPERATION_AT_SITE)
def test_an_operation_at_the_lesions_site_is_its_nidus(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert (subtype, certainty) == ("dystrophic", "probable"), case.assessment.rationale[-1].conclusion
    roles = {r.id: r.role for r in case.assessment.condition_roles}
    assert roles.get("operation_on_body_part") == "cause", roles


OPERATION_ELSEWHERE = [
    "A 50-year-old man with a history of hip replacement has multiple hard scrotal nodules. Calcium, phosphate "
    "and PTH were normal. Excision showed dermal calcium deposits.",
    "A 50-year-old woman with a past history of liposuction has hard white papules on the fingers. Calcium and "
    "phosphate were normal. Radiographs showed calcification.",
    "A 50-year-old woman had liposuction of the abdomen; she now has firm nodules on both shins. Radiograph: "
    "calcification. Calcium and phosphate normal.",
]


@pytest.mark.parametrize("text", OPERATION_ELSEWHERE)
def test_an_operation_elsewhere_or_nowhere_is_no_nidus(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype != "dystrophic"
    assert {a.code: a.certainty for a in case.assessment.alternatives}.get("dystrophic") == "possible"


# ------------------------------------------ a lab table with its cells between pipes
# "Calcium | 12.1 | mg/dL | 8.6-10.2" (a table copied from a web page or written in Markdown) kept the
# calcium with no unit and lost the phosphate, the PTH and the creatinine's unit; the same table with
# tabs or spaces between its cells was read whole. Pipes between the cells of two or more rows are
# read as spaces (a one-line journal banner "Volume 2 | Issue 4 | Page 9" is no table).
PIPE_TABLES = [
    "A 43-year-old woman had hard nodules on the elbows. Laboratory results:\n"
    "Calcium | 12.1 | mg/dL | 8.6-10.2\nPhosphorus | 6.8 | mg/dL | 2.5-4.5\niPTH | 8 | pg/mL | 15-65\n"
    "Creatinine | 0.9 | mg/dL | 0.6-1.1\n",
    "A 43-year-old woman had hard nodules on the elbows. Laboratory results:\n"
    "| Parameter | Value | Reference range |\n|---|---|---|\n| Calcium (mg/dL) | 12.1 | 8.6-10.2 |\n"
    "| Phosphorus (mg/dL) | 6.8 | 2.5-4.5 |\n| PTH (pg/mL) | 8 | 15-65 |\n| Creatinine (mg/dL) | 0.9 | 0.6-1.1 |\n",
]


@pytest.mark.parametrize("text", PIPE_TABLES)
def test_a_lab_table_between_pipes_is_read_cell_by_cell(text: str) -> None:
    case = first_case(text)
    labs = {lab.analyte: (lab.value, lab.unit, lab.interpretation) for lab in case.labs}
    assert labs["calcium"] == (12.1, "mg/dL", "high"), labs
    assert labs["phosphate"] == (6.8, "mg/dL", "high"), labs
    assert labs["pth"] == (8.0, "pg/mL", "low"), labs
    assert labs["creatinine"] == (0.9, "mg/dL", "normal"), labs
    for lab in case.labs:
        for span in lab.evidence:
            assert text[span.start : span.end] == span.text  # evidence still points into the text as given


def test_pipes_become_spaces_only_in_a_table_and_offsets_hold() -> None:
    banner = "Volume 2 | Issue 4 | Page 9\nA 43-year-old woman.\n"
    assert table_cells_spaced(banner) == banner
    table = "x\n| a | 1 |\n|---|---|\n| b | 2 |\n"
    spaced = table_cells_spaced(table)
    assert len(spaced) == len(table) and "|" not in spaced and "-" not in spaced
    assert normalise(table).original == table


# ------------------------------------------ "The second, his brother" is the second patient
# "Two cases are presented. The first, a 67-year-old man ... The second, his 70-year-old brother with
# normal kidney function, had hard papules on the fingers" gave one patient: "The second, a ..." moved
# to the next patient, "The second, his brother" did not (the brother read as a relative of the first).
SECOND_RELATIVE = [
    "Two cases are presented. The first, a 67-year-old man on dialysis, developed necrotic ulcers of the thighs; "
    "biopsy showed calcification of the arterioles. The second, his 70-year-old brother with normal kidney "
    "function, had asymptomatic hard papules on the fingers with Raynaud's phenomenon and sclerodactyly.",
    "We describe two patients. The first, a 52-year-old woman with systemic sclerosis, had calcinosis of the "
    "fingertips. The second, her 24-year-old daughter, had hard nodules on the elbows from dermatomyositis.",
]


@pytest.mark.parametrize("text", SECOND_RELATIVE)
def test_the_second_told_as_a_relative_is_the_second_patient(text: str) -> None:
    document = extract(text)
    assert [c.patient.age_years for c in document.cases] == [pytest.approx(a) for a in _ages(text)]
    first, second = document.cases
    assert not {f.concept for f in first.findings} & {f.concept for f in second.findings}


def _ages(text: str) -> list[float]:
    return [float(m) for m in re.findall(r"(\d+)-year-old", text)]


# ------------------------------------------ masses at the hips are periarticular masses
# "painless, firm, white-yellow masses around both shoulders and hips on radiographs" on dialysis and
# "a hard mass over the right hip" with a high phosphate and normal renal function gave no sub-form:
# only the words "periarticular" or "around the joints" named the masses of tumoral calcinosis. A
# lesion told as a mass at a hip, shoulder or elbow is one; a lump at the elbow is not.
MASSES_AT_JOINTS = [
    (
        "A 70-year-old man on peritoneal dialysis was found to have painless, firm, white-yellow masses around both "
        "shoulders and hips on radiographs. Phosphate 2.8 mmol/L, calcium 2.6 mmol/L.",
        "tumoral_calcinosis",
    ),
    (
        "A 12-year-old girl presented with a hard mass over the right hip. Laboratory studies revealed "
        "hyperphosphatemia (phosphorus 7.1 mg/dL) with normal calcium and normal renal function.",
        "hftc",
    ),
]


@pytest.mark.parametrize(("text", "subform"), MASSES_AT_JOINTS)
def test_masses_at_the_large_joints_are_tumoral(text: str, subform: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype == "metastatic"
    assert case.assessment.subform is not None and case.assessment.subform.code == subform


def test_control_a_lump_at_the_elbow_is_no_tumoral_mass() -> None:
    case, subtype, _ = first_assessed(
        "A 50-year-old woman with dermatomyositis had a hard lump at the left elbow. X-ray showed calcification."
    )
    assert subtype == "dystrophic" and case.assessment.subform is None


# ------------------------------------------ warfarin in the antiphospholipid syndrome
# On warfarin for the antiphospholipid syndrome with calciphylaxis, the advice was to stop warfarin or
# replace it with another anticoagulant, with no word that a direct oral anticoagulant is no routine
# replacement in APS (as with a mechanical valve). The syndrome is its own safety condition now; it
# still counts as the hypercoagulable state that is a calciphylaxis association. Its thrombotic
# vasculopathy is also a calciphylaxis mimic (lookalikes.yaml): without a biopsy the syndrome holds
# calciphylaxis back and no advice to stop the anticoagulant is given; with the biopsy's arteriolar
# calcification the warfarin review carries the syndrome's caution.
ANTIPHOSPHOLIPID = [
    "A 45-year-old woman with systemic lupus and antiphospholipid syndrome on warfarin presented with painful "
    "necrotic ulcers on the legs and livedo racemosa. Creatinine 0.8 mg/dL.",
    "Woman, 52, on haemodialysis, Hughes syndrome on warfarin; exquisitely painful retiform purpura with black "
    "eschar on both thighs.",
]


@pytest.mark.parametrize("text", ANTIPHOSPHOLIPID)
def test_the_antiphospholipid_syndrome_holds_a_clinical_calciphylaxis_back(text: str) -> None:
    case, subtype, _ = first_assessed(text)
    assert subtype != "calciphylaxis"
    assert "calciphylaxis" in {a.code for a in case.assessment.alternatives}
    assert "hypercoagulable_state" in {f.concept for f in case.findings} | set(case.assessment.associated_conditions)
    assert not [a for a in case.assessment.actions if a.medication == "warfarin"]


@pytest.mark.parametrize("text", ANTIPHOSPHOLIPID)
def test_warfarin_review_in_antiphospholipid_syndrome_warns_against_a_doac_swap(text: str) -> None:
    case, subtype, _ = first_assessed(
        f"{text} Skin biopsy: calcification of small subcutaneous arterioles with microthrombi."
    )
    assert subtype == "calciphylaxis"
    action = next(a for a in case.assessment.actions if a.medication == "warfarin")
    assert any("antiphospholipid" in c for c in action.cautions), action.cautions


def test_control_warfarin_without_the_syndrome_has_no_such_caution() -> None:
    case, _, _ = first_assessed(
        "A 77-year-old woman on warfarin for atrial fibrillation developed exquisitely painful retiform purpura on "
        "both thighs that progressed to black eschar."
    )
    action = next(a for a in case.assessment.actions if a.medication == "warfarin")
    assert not any("antiphospholipid" in c for c in action.cautions)


# ------------------------------------------ "adjusted Ca" is the corrected calcium
# The UK's "adjusted calcium" was a corrected calcium, its short form "adjusted Ca" the total calcium.
@pytest.mark.parametrize("words", ["adjusted Ca 2.71 mmol/L", "albumin-adjusted calcium 2.71 mmol/L"])
def test_adjusted_ca_is_the_corrected_calcium(words: str) -> None:
    case = first_case(f"62 yo F with limited SSc, calcinosis of the right index finger on X-ray. Labs: {words}.")
    labs = {lab.analyte: lab.interpretation for lab in case.labs}
    assert labs == {"calcium_corrected": "high"}, labs


# ------------------------------------------ calcified lesions in the subcutis on imaging
# "Plain radiograph showed multiple calcified lesions within the subcutaneous tissue", "CT showed
# calcified subcutaneous nodules" and "hyperechoic foci with posterior acoustic shadowing" gave no
# imaging finding of calcification: the soft-tissue rule knew calcified deposits, nodules and masses
# in the subcutis but not calcified lesions, nor the tissue named before the noun, and the
# ultrasound synonym lacked "posterior".
IMAGED = [
    "Plain radiograph showed multiple calcified lesions within the subcutaneous tissue.",
    "CT showed calcified subcutaneous nodules.",
    "Ultrasound showed hyperechoic foci with posterior acoustic shadowing.",
]


@pytest.mark.parametrize("sentence", IMAGED)
def test_imaging_of_calcified_subcutaneous_lesions_shows_the_deposits(sentence: str) -> None:
    case = first_case(f"A 33-year-old woman had hard swellings on the legs. {sentence}")
    assert "radiopaque_deposits" in {c for o in case.imaging for c in o.concepts}


@pytest.mark.parametrize(
    "sentence", ["CT showed no calcified subcutaneous nodules.", "CT showed calcified nodules in both lungs."]
)
def test_control_denied_or_visceral_calcified_nodules_show_no_deposits(sentence: str) -> None:
    case = first_case(f"A 33-year-old woman had hard swellings on the legs. {sentence}")
    assert "radiopaque_deposits" not in {c for o in case.imaging for c in o.concepts}


# ------------------------------------------ calcified nodules of the lungs are no skin lesion
# On dialysis with a violaceous rash of the thighs, "Chest CT showed calcified nodules in both lungs"
# (or "calcium deposits in the kidneys") was read as the firm white nodules of calcinosis, a clinical
# sign of it in the skin, and made metastatic calcinosis probable from a rash unlike calcinosis.
VISCERAL = [
    "Chest CT showed calcified nodules in both lungs.",
    "CT showed calcium deposits in the kidneys.",
    "A chest radiograph showed calcified pulmonary nodules.",
]


@pytest.mark.parametrize("sentence", VISCERAL)
def test_calcified_nodules_of_an_organ_are_no_sign_of_calcinosis_cutis(sentence: str) -> None:
    case, _, certainty = first_assessed(
        f"A 60-year-old man on haemodialysis had a violaceous rash on the thighs. Phosphate 2.4 mmol/L. {sentence}"
    )
    assert "firm_white_yellow_papules" not in {f.concept for f in case.findings}
    assert certainty == "possible"


def test_control_calcified_nodules_of_the_skin_stay_a_sign() -> None:
    case, subtype, certainty = first_assessed(
        "A 60-year-old man on haemodialysis had calcified nodules on both elbows. Phosphate 2.4 mmol/L."
    )
    assert "firm_white_yellow_papules" in {f.concept for f in case.findings}
    assert (subtype, certainty) == ("metastatic", "probable")


# ------------------------------------------ heparin-induced skin necrosis
# On haemodialysis, "painful skin necrosis at heparin injection sites on the abdomen on day 7 of
# heparin, with the platelet count falling" was calciphylaxis, probable: heparin-induced
# thrombocytopenia, which gives such lesions about a week after heparin starts, was no look-alike.
HEPARIN_NECROSIS = [
    "A 73-year-old woman on haemodialysis developed painful skin necrosis at heparin injection sites on the "
    "abdomen on day 7 of heparin, with the platelet count falling from 250 to 60 x 10^9/L.",
    "A 70-year-old man on haemodialysis with heparin-induced thrombocytopenia developed painful skin necrosis at "
    "the injection sites on the abdomen.",
]


@pytest.mark.parametrize("text", HEPARIN_NECROSIS)
def test_heparin_induced_skin_necrosis_holds_calciphylaxis_at_possible(text: str) -> None:
    case, subtype, certainty = first_assessed(text)
    assert certainty != "probable" and certainty != "confirmed", (subtype, certainty)
    assert case.assessment.differential[0].id == "heparin_induced_skin_necrosis"


def test_control_long_term_enoxaparin_is_no_such_mimic() -> None:
    _, subtype, certainty = first_assessed(
        "A 70-year-old man on haemodialysis who has injected enoxaparin for two years developed painful necrotic "
        "plaques with black eschar on the abdomen."
    )
    assert (subtype, certainty) == ("calciphylaxis", "probable")


# ------------------------------------------ "a typical patient is" describes no one
# A teaching page ("Pearls for the clinician. ... A typical patient is a middle-aged obese woman on
# haemodialysis with painful indurated plaques on the thighs.") gave a patient, calciphylaxis: the
# typical patient is a textbook statement, not a patient of the text.
def test_a_typical_patient_is_no_patient() -> None:
    document = extract(
        "Pearls for the clinician. Consider calciphylaxis in any dialysis patient with painful skin lesions. A "
        "typical patient is a middle-aged obese woman on haemodialysis with painful indurated plaques on the "
        "thighs. Biopsy is the gold standard."
    )
    assert document.cases == []


def test_control_a_report_with_a_typical_patient_in_its_discussion_keeps_its_patient() -> None:
    document = extract(
        "A 58-year-old woman on haemodialysis had painful indurated plaques on the thighs; biopsy showed "
        "calcification of small arterioles. Discussion. A typical patient is a middle-aged obese woman on dialysis."
    )
    assert [c.patient.age_years for c in document.cases] == [58]


# ------------------------------------------ "X of Y in Z was suspected"; "had X and Y was suspected"
# "Extravasation of the calcium gluconate infusion in the left hand was suspected but not confirmed"
# made the extravasation present (iatrogenic, probable): "was suspected" reaches back six words, and
# the subject's head was nine away. A subject that is one noun phrase is reached whole. And "The patient
# had calcified nodules of the fingers and systemic sclerosis was suspected" made the nodules only
# possible: a subject trigger after "and" speaks of its own clause's subject, not the object before.
def test_a_suspected_subject_is_possible_to_its_head() -> None:
    case = first_case(
        "A 2-week-old neonate had a firm white plaque on the left hand. Extravasation of the calcium gluconate "
        "infusion in the left hand was suspected but not confirmed."
    )
    assert exposure_assertions(case).get("calcium_extravasation") == "possible"


@pytest.mark.parametrize(
    ("sentence", "concept", "assertion"),
    [
        (
            "The patient had calcified nodules of the fingers and systemic sclerosis was suspected.",
            "firm_white_yellow_papules",
            "present",
        ),
        (
            "The patient had calcified nodules of the fingers and systemic sclerosis was suspected.",
            "systemic_sclerosis",
            "possible",
        ),
        ("Lupus and systemic sclerosis were suspected.", "systemic_lupus_erythematosus", "possible"),
        ("She had no fever and trauma was denied.", "local_trauma", "absent"),
    ],
)
def test_a_subject_trigger_speaks_of_its_own_clause(sentence: str, concept: str, assertion: str) -> None:
    case = first_case(f"A 60-year-old woman on dialysis had painful plaques on the thighs. {sentence}")
    found = {**{f.concept: f.assertion for f in case.findings}, **exposure_assertions(case)}
    assert found.get(concept) == assertion, found


# ------------------------------------------ one infusion given at two sites
# "received calcium gluconate first through a cannula in the right hand and later through one in the
# left foot. A hard white plaque appeared on the dorsum of the left foot." was undetermined: the
# infusion got its first site only, so the lesion at the second looked like an exposure elsewhere.
def test_an_infusion_given_again_elsewhere_has_both_sites() -> None:
    case, subtype, certainty = first_assessed(
        "A preterm infant received calcium gluconate first through a cannula in the right hand and later through "
        "one in the left foot. A hard white plaque appeared on the dorsum of the left foot."
    )
    assert {e.site for e in case.exposures if e.concept == "iv_calcium"} == {"right hand", "left foot"}
    assert (subtype, certainty) == ("iatrogenic", "probable")


def test_control_another_fluid_at_the_second_site_is_not_the_calcium() -> None:
    case, subtype, _ = first_assessed(
        "A preterm infant received calcium gluconate through a cannula in the right hand and saline through one "
        "in the left foot. A hard white plaque appeared on the dorsum of the left foot."
    )
    assert {e.site for e in case.exposures if e.concept == "iv_calcium"} == {"right hand"}
    assert subtype != "iatrogenic"


# ------------------------------------------ the lesion's name in brackets
# "a single hard plaque on the left elbow (calcinosis circumscripta)" gave no sub-form: the extent is
# taken only from the authors' words, and their name for the lesion in brackets was not read as their
# diagnosis. A bracketed list (CREST's "(calcinosis, Raynaud phenomenon, ...)") is no such name.
def test_the_lesions_name_in_brackets_is_the_authors_diagnosis() -> None:
    case, subtype, _ = first_assessed(
        "A 65-year-old woman with limited systemic sclerosis had a single hard plaque on the left elbow "
        "(calcinosis circumscripta)."
    )
    assert case.stated_subform == "calcinosis_circumscripta"
    assert subtype == "dystrophic" and case.assessment.subform is not None
    assert case.assessment.subform.code == "calcinosis_circumscripta"


def test_control_a_bracketed_list_names_no_diagnosis() -> None:
    case, _, _ = first_assessed(
        "A 60-year-old woman with CREST syndrome (calcinosis, Raynaud phenomenon, sclerodactyly) had nodules on "
        "the fingers."
    )
    assert case.stated is None


# ------------------------------------------ an HTML lab table with a header row
# A web page's lab table with a header row "Test | Result | Unit | Reference" printed each header
# cell as a line of its own; the line "Reference" was read as the reference list's header, so the
# labs and the biopsy after it were dropped (calciphylaxis probable, no labs). The header row of a
# table of values is one line, as its value rows already were.
LAB_TABLE_PAGE = (
    "<html><head><title>Calciphylaxis in a dialysis patient</title></head><body>"
    "<h1>Calciphylaxis in a dialysis patient</h1><h2>Case presentation</h2>"
    "<p>A 63-year-old woman on haemodialysis presented with exquisitely painful indurated plaques with black "
    "eschar on both thighs.</p>"
    "<table><caption>Table 1. Laboratory results</caption>"
    "<tr><th>Test</th><th>Result</th><th>Unit</th><th>Reference</th></tr>"
    "<tr><td>Calcium</td><td>2.62</td><td>mmol/L</td><td>2.10-2.55</td></tr>"
    "<tr><td>Phosphate</td><td>2.4</td><td>mmol/L</td><td>0.8-1.5</td></tr></table>"
    "<p>Skin biopsy showed calcification of small subcutaneous arterioles.</p></body></html>"
)


def test_a_lab_tables_header_row_is_no_reference_list() -> None:
    text = read_bytes(LAB_TABLE_PAGE.encode(), name="case.html").text
    assert "Test Result Unit Reference" in text
    case, subtype, certainty = first_assessed(text)
    assert {lab.analyte: lab.interpretation for lab in case.labs} == {"calcium": "high", "phosphate": "high"}
    assert (subtype, certainty) == ("calciphylaxis", "confirmed")


# ------------------------------------------ an ischaemic ulcer names no large-vessel disease
# On peritoneal dialysis, "non-healing ischaemic ulcers with dusky, stellate borders on the abdomen.
# Pulses were normal." was undetermined: "ischaemic ulcer" was a synonym of the atherosclerotic-ulcer
# mimic, though calciphylaxis's own ulcers are ischaemic. The mimic is read from its own signs.
def test_an_ischaemic_ulcer_is_no_atherosclerotic_mimic() -> None:
    case, subtype, certainty = first_assessed(
        "A 70-year-old man on peritoneal dialysis had non-healing ischaemic ulcers with dusky, stellate borders on "
        "the abdomen. Pulses were normal."
    )
    assert "atherosclerotic_or_diabetic_ulcer" not in {f.concept for f in case.findings}
    assert (subtype, certainty) == ("calciphylaxis", "probable")


def test_control_absent_pulses_keep_the_atherosclerotic_mimic() -> None:
    case, subtype, _ = first_assessed(
        "A 71-year-old diabetic man on haemodialysis had ischaemic ulcers on the toes with absent foot pulses."
    )
    assert case.assessment.differential[0].id == "atherosclerotic_or_diabetic_ulcer"
    assert subtype == "undetermined"


# ------------------------------------------ colchicine beside the patient's own CYP3A4 inhibitor
# "takes clarithromycin" with normal kidneys and liver: colchicine was offered with only the general
# warning that such inhibitors raise its levels; the caution now says the patient takes one.
def test_colchicine_says_the_patient_takes_an_inhibitor() -> None:
    case, _, _ = first_assessed(
        "A 48-year-old woman with systemic sclerosis and digital calcinosis on X-ray takes clarithromycin for "
        "H. pylori. Calcium and phosphate normal."
    )
    colchicine = next(t for t in case.assessment.treatments if t.id == "colchicine")
    assert any(c.startswith("A drug that inhibits P-gp") for c in colchicine.cautions), colchicine.cautions


def test_control_without_an_inhibitor_colchicine_keeps_the_general_warning() -> None:
    case, _, _ = first_assessed(
        "A 48-year-old woman with systemic sclerosis and digital calcinosis on X-ray. Calcium and phosphate normal."
    )
    colchicine = next(t for t in case.assessment.treatments if t.id == "colchicine")
    assert not any(c.startswith("A drug that inhibits P-gp") for c in colchicine.cautions)
    assert any(c.startswith("Colchicine interactions") for c in colchicine.cautions)


# ------------------------------------------ the unit after a value's range or flag
# "Ionised Ca2+ 1.52 (1.15-1.33) mmol/L" was a total calcium with no unit ("ionised Ca" was a synonym,
# "ionised Ca2+" not), and "Ca: 10.9 (H) mg/dL" lost its unit: a unit was read right after the value
# or in brackets, not after the value's printed range or flag.
@pytest.mark.parametrize(
    ("words", "analyte", "unit"),
    [
        ("Ionised Ca2+ 1.52 (1.15-1.33) mmol/L.", "calcium_ionized", "mmol/L"),
        ("Ca: 10.9 (H) mg/dL.", "calcium", "mg/dL"),
        ("Phosphate 2.1 (0.8-1.5) mmol/L.", "phosphate", "mmol/L"),
    ],
)
def test_a_unit_after_the_range_or_flag_is_the_values(words: str, analyte: str, unit: str) -> None:
    case = first_case(f"A 60-year-old woman on haemodialysis had firm white nodules on both elbows. {words}")
    labs = {lab.analyte: (lab.unit, lab.interpretation) for lab in case.labs}
    assert labs.get(analyte) == (unit, "high"), labs


# ------------------------------------------ a patient of whom nothing was read says so
# A small series given as a table ("Patient | Age/Sex | Underlying disease | Site | ...", one row per
# patient) gave one patient with no age, sex or finding, and no warning: the rows are read as running
# text. The document now warns that nothing about the patient was read.
SERIES_TABLE = (
    "Calcinosis cutis: a series of three patients\n\n"
    "We describe three patients seen in our department between 2015 and 2020.\n\n"
    "Table 1. Clinical features of the patients\n"
    "Patient | Age/Sex | Underlying disease | Site | Calcium (mmol/L) | Phosphate (mmol/L) | Treatment\n"
    "1 | 45/F | Systemic sclerosis | Fingers | 2.3 | 1.1 | Diltiazem\n"
    "2 | 62/M | ESRD on haemodialysis | Thighs | 2.5 | 2.4 | Sodium thiosulfate\n"
)


def test_a_patient_of_whom_nothing_was_read_is_a_warning() -> None:
    document = extract(SERIES_TABLE)
    empty = [c for c in document.cases if c.patient.age_years is None and not c.findings and not c.labs]
    assert empty
    assert any("nothing about this patient was read" in w for w in document.warnings), document.warnings


def test_control_a_patient_with_facts_has_no_such_warning() -> None:
    document = extract("A 45-year-old woman with systemic sclerosis had calcinosis of the fingers.")
    assert not any("nothing about this patient was read" in w for w in document.warnings)


# ------------------------------------------ a breastfeeding mother is the patient
# "A 34-year-old breastfeeding mother (baby 2 months old) with dermatomyositis" and "A 34-year-old
# mother with dermatomyositis, currently breastfeeding, has ..." were not lactating, so bisphosphonates
# and diltiazem were offered: "mother" was read as a relative's noun. A mother introduced with "a/an"
# (and her age) is the patient; "her mother, currently breastfeeding" stays a relative.
BREASTFEEDING_MOTHER = [
    "A 34-year-old breastfeeding mother (baby 2 months old) with dermatomyositis has calcinosis of the thighs on "
    "X-ray. Calcium and phosphate normal.",
    "A 34-year-old mother with dermatomyositis, currently breastfeeding, has calcinosis of the thighs on X-ray. "
    "Calcium and phosphate normal.",
]


@pytest.mark.parametrize("text", BREASTFEEDING_MOTHER)
def test_a_breastfeeding_mother_is_lactating(text: str) -> None:
    case, _, _ = first_assessed(text)
    assert case.patient.lactating is True
    withheld = {t.id for t in case.assessment.withheld_treatments}
    assert {"bisphosphonates", "diltiazem"} <= withheld


def test_control_her_breastfeeding_mother_is_a_relative() -> None:
    case = first_case(
        "A 40-year-old woman with dermatomyositis has calcinosis; her mother, currently breastfeeding a newborn, "
        "has lupus."
    )
    assert case.patient.lactating is None
