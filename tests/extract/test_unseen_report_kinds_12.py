"""Kinds of phrasing and clinical rules from a twelfth set of probes the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.assess.model import AssessedCase
from calcidx.extract.readers import read_bytes
from calcidx.public import assess, extract
from tests.extract.reading import exposure_assertions, first_assessed


def _cautions(case: AssessedCase, option: str) -> list[str]:
    offered = {t.id: t for t in case.assessment.treatments}
    assert option in offered, sorted(offered)
    return offered[option].cautions


# ------------------------------------------ an infusion elsewhere leaves a cause: not idiopathic, probable
# A preterm infant given calcium gluconate through a hand line, with plaques on the other leg and normal
# labs, was idiopathic, probable: the infusion is only an alternative there, but a recorded cause of
# calcinosis does not let "no cause" be probable (subtype.idiopathic.pattern v5).
INFUSION_ELSEWHERE = [
    "A 3-week-old preterm girl received calcium gluconate through a peripheral line in the right hand. Two weeks "
    "later, firm white plaques appeared on the left thigh. Serum calcium and phosphate were normal.",
    "A 5-week-old boy had been given intravenous calcium chloride in the left foot. He now has hard papules on the "
    "right forearm. Calcium and phosphate were within normal limits.",
]


@pytest.mark.parametrize("text", INFUSION_ELSEWHERE)
def test_an_infusion_at_another_site_holds_idiopathic_at_possible(text: str) -> None:
    case, code, certainty = first_assessed(text)
    assert (code, certainty) == ("idiopathic", "possible")
    assert "iatrogenic" in {a.code for a in case.assessment.alternatives}


def test_control_the_infusion_at_the_lesion_is_iatrogenic() -> None:
    _, code, _ = first_assessed(
        "A 3-week-old preterm girl received calcium gluconate through a peripheral line in the right hand. Two weeks "
        "later, firm white plaques appeared on the right hand. Serum calcium and phosphate were normal."
    )
    assert code == "iatrogenic"


def test_control_no_exposure_leaves_idiopathic_probable() -> None:
    _, code, certainty = first_assessed(
        "A 3-week-old preterm girl developed firm white plaques on the left thigh. Serum calcium and phosphate "
        "were normal."
    )
    assert (code, certainty) == ("idiopathic", "probable")


# ------------------------------------------------------ sodium thiosulfate beside the patient's conditions
# A dialysis patient with calciphylaxis, hypotension, heart failure and a sulfite allergy got sodium
# thiosulfate with the general cautions only. The label names hypotension as a common reaction, the
# product contains trace sulfite, and its consumer information asks about fluid-retaining conditions.
def test_thiosulfate_cautions_name_hypotension_heart_failure_and_sulfites() -> None:
    case, code, _ = first_assessed(
        "A 59-year-old woman on hemodialysis with biopsy-proven calciphylaxis of the thighs. She has severe "
        "hypotension during dialysis and a history of heart failure. She is allergic to sulfites."
    )
    assert code == "calciphylaxis"
    cautions = " ".join(_cautions(case, "iv_sts_calciphylaxis"))
    assert "Hypotension is recorded" in cautions
    assert "Heart failure or liver disease is recorded" in cautions
    assert "sulfite allergy" in cautions
    # a sulfite allergy is a caution, never a reason to withhold
    assert "iv_sts_calciphylaxis" not in {t.id for t in case.assessment.withheld_treatments}
    assert "sulfite allergy" in " ".join(_cautions(case, "intralesional_sts_calciphylaxis"))


def test_control_no_such_condition_adds_no_thiosulfate_caution() -> None:
    case, _, _ = first_assessed("A 59-year-old woman on hemodialysis with biopsy-proven calciphylaxis of the thighs.")
    cautions = " ".join(_cautions(case, "iv_sts_calciphylaxis"))
    assert "Hypotension is recorded" not in cautions
    assert "Heart failure or liver disease" not in cautions
    assert "sulfite allergy" not in cautions


@pytest.mark.parametrize("allergy", ["Allergies: sulphites.", "Sulfite sensitivity is documented."])
def test_a_sulfite_allergy_is_read(allergy: str) -> None:
    case, _, _ = first_assessed(
        f"A 66-year-old man on hemodialysis has biopsy-confirmed calciphylaxis of the abdomen. {allergy}"
    )
    assert "sulfite_allergy" in {f.concept for f in case.findings if f.assertion == "present"}


# ----------------------------------------------------- a drug talked about or kept away is not taken
# "Warfarin was discussed ... but not started" and "Warfarin was avoided" read warfarin as taken, and the
# calciphylaxis work-up asked to stop it.
@pytest.mark.parametrize(
    "sentence",
    [
        "Warfarin was discussed for her atrial fibrillation but not started.",
        "Warfarin was avoided because of her bleeding history.",
        "She was advised to avoid warfarin.",
    ],
)
def test_a_drug_not_started_or_avoided_is_not_taken(sentence: str) -> None:
    case, _, _ = first_assessed(
        f"A 64-year-old woman on hemodialysis developed painful indurated plaques on the thighs. {sentence}"
    )
    assert exposure_assertions(case).get("warfarin") != "present"
    assert not [a for a in case.assessment.actions if "warfarin" in a.action.lower()]


def test_control_a_drug_taken_is_still_read() -> None:
    case, _, _ = first_assessed(
        "A 64-year-old woman on hemodialysis developed painful indurated plaques on the thighs after warfarin was "
        "started. Sodium thiosulfate was given to avoid progression."
    )
    assert exposure_assertions(case).get("warfarin") == "present"


# --------------------------------------------------------------- a haematoma of the skin is damaged tissue
# A plaque that calcified where a fall had left a thigh haematoma was idiopathic, probable: the haematoma
# was not read. A haematoma told as the skin's is injury at its site; one inside the skull is not.
@pytest.mark.parametrize(
    "text",
    [
        "A 78-year-old woman fell at home and developed a large hematoma on her right thigh. Months later a hard "
        "plaque appeared at the same place. Calcium and phosphate were normal.",
        "A 55-year-old woman developed a hard calcified nodule within a chronic haematoma on the shin. Calcium and "
        "phosphate were normal.",
    ],
)
def test_a_skin_haematoma_is_the_injury_that_calcified(text: str) -> None:
    case, code, _ = first_assessed(text)
    assert exposure_assertions(case).get("local_trauma") == "present"
    assert code == "dystrophic"


@pytest.mark.parametrize("where", ["subdural haematoma", "retroperitoneal hematoma"])
def test_control_a_haematoma_inside_the_body_is_no_skin_injury(where: str) -> None:
    case, _, _ = first_assessed(
        f"A 70-year-old man with a history of {where} developed hard nodules on the thighs. Calcium and phosphate "
        "were normal."
    )
    assert "local_trauma" not in exposure_assertions(case)


# ------------------------------------------------------------ a problem list's pregnancy with its weeks
# A problem list "4. Pregnancy, 20 weeks" under a dermatomyositis with calcinosis left the pregnancy
# unread: bisphosphonates and diltiazem were offered to a pregnant woman.
PROBLEM_LIST = (
    "Problem list:\n1. Calcinosis cutis, bilateral elbows\n2. Dermatomyositis\n3. CKD stage 3b (eGFR 38)\n"
    "4. {item}\nMeds: prednisone 10 mg daily"
)


@pytest.mark.parametrize("item", ["Pregnancy, 20 weeks", "Pregnancy (24 wks)", "Ongoing pregnancy 30/40"])
def test_a_listed_pregnancy_with_its_weeks_is_read(item: str) -> None:
    case, _, _ = first_assessed(PROBLEM_LIST.format(item=item))
    assert case.patient.pregnant is True
    withheld = {t.id for t in case.assessment.withheld_treatments}
    assert {"bisphosphonates", "diltiazem"} <= withheld


@pytest.mark.parametrize("item", ["Pregnancy 20 weeks ago, uneventful", "Pregnancy, 6 weeks postpartum"])
def test_control_a_past_pregnancy_is_not_read_as_current(item: str) -> None:
    case, _, _ = first_assessed(PROBLEM_LIST.format(item=item))
    assert case.patient.pregnant is not True


# --------------------------------------------------------------------- a kidney transplant in note shorthand
@pytest.mark.parametrize("words", ["s/p kidney tx 2019", "renal tx in 2015", "KTx 2018"])
def test_a_kidney_transplant_in_shorthand_is_read(words: str) -> None:
    case, _, _ = first_assessed(
        f"Pt is a 40yo M, {words}. Exam: firm white papules over the R index finger. Ca 9.1 mg/dL."
    )
    assert "kidney_transplant" in {f.concept for f in case.findings if f.assertion == "present"}


# ------------------------------------- no call made, calciphylaxis open: its mimics lead the differential
# Painful nodules turning necrotic in a woman with cirrhosis, no biopsy: undetermined with calciphylaxis
# possible, but the differential opened on gouty tophi and osteoma cutis (score 0) and named none of
# calciphylaxis's mimics, though the biopsy the work-up asks for is what tells them apart.
def test_an_open_calciphylaxis_lists_its_mimics_first() -> None:
    case, code, _ = first_assessed(
        "A 55-year-old woman with alcoholic liver cirrhosis and normal creatinine presented with painful indurated "
        "erythematous nodules on the thighs that became necrotic. No biopsy was performed."
    )
    assert code == "undetermined"
    assert "calciphylaxis" in {a.code for a in case.assessment.alternatives}
    first = [item.id for item in case.assessment.differential[:4]]
    assert {"warfarin_necrosis", "vasculitis"} <= set(first), first


def test_control_an_undetermined_nodule_keeps_the_general_lookalikes_first() -> None:
    case, code, _ = first_assessed("A 40-year-old man has a hard nodule on the thigh.")
    assert code == "undetermined"
    assert case.assessment.differential[0].id == "gouty_tophi"


# ------------------------------------------------------------------------ diltiazem beside amiodarone
def test_diltiazem_carries_the_amiodarone_caution() -> None:
    case, code, _ = first_assessed(
        "A 58-year-old man with systemic sclerosis and fingertip calcinosis takes amiodarone for atrial "
        "fibrillation. Creatinine 0.9 mg/dL."
    )
    assert code == "dystrophic"
    assert "Taking amiodarone" in " ".join(_cautions(case, "diltiazem"))


def test_control_no_amiodarone_no_such_caution() -> None:
    case, _, _ = first_assessed(
        "A 58-year-old man with systemic sclerosis and fingertip calcinosis. Creatinine 0.9 mg/dL."
    )
    assert "Taking amiodarone" not in " ".join(_cautions(case, "diltiazem"))


# ------------------------------------------ painful nodules beside large periarticular masses on dialysis
# Painful finger nodules on haemodialysis with "large amorphous periarticular calcific masses" on the
# radiograph were called calciphylaxis, possible, with sodium thiosulfate offered: "calcific" was not read
# as the masses, and the nodules' pain counted as calciphylaxis's picture. Tumoral masses can hurt.
@pytest.mark.parametrize(
    "imaging",
    [
        "Radiographs showed large amorphous periarticular calcific masses.",
        "X-rays showed juxta-articular calcification around both wrists.",
    ],
)
def test_painful_nodules_with_periarticular_masses_on_dialysis_are_metastatic(imaging: str) -> None:
    case, code, _ = first_assessed(
        f"A 61-year-old man with end-stage renal disease on hemodialysis presented with painful nodules on the "
        f"fingers. {imaging} Phosphate 7.9 mg/dL, calcium 9.8 mg/dL."
    )
    assert code == "metastatic"
    assert "calciphylaxis" in {a.code for a in case.assessment.alternatives}
    assert "iv_sts_calciphylaxis" not in {t.id for t in case.assessment.treatments}


def test_control_painful_induration_with_periarticular_masses_stays_calciphylaxis() -> None:
    _, code, _ = first_assessed(
        "A 61-year-old man on hemodialysis had painful indurated plaques with a black eschar on the thighs. "
        "Radiographs also showed periarticular calcific masses at the shoulders. Phosphate 7.9 mg/dL."
    )
    assert code == "calciphylaxis"


# -------------------------------------------------------- a table of labs: unit with the name, range last
# "Table 1. Laboratory values: Parameter / Value / Reference" printed as rows "Phosphate (mg/dL) 4.8
# 2.5-5.0": the unit in the name was taken for phosphate's short name, so the creatinine row below read
# as phosphate 1.1; the unit was lost; and the printed range was not read, so phosphate 4.8 (normal for
# this laboratory) was high against the default range.
LAB_TABLE = (
    "A 67-year-old woman receiving haemodialysis had painful ulcers on both calves.\n"
    "Table 1. Laboratory values on admission\n"
    "Parameter            Value      Reference\n"
    "Calcium (mg/dL)      9.9        8.5-10.2\n"
    "Phosphate (mg/dL)    4.8        2.5-5.0\n"
    "Albumin (g/dL)       2.9        3.5-5.0\n"
    "Creatinine (mg/dL)   1.1        0.6-1.2\n"
)


def test_a_lab_table_row_keeps_its_test_unit_and_range() -> None:
    case = assess(LAB_TABLE).cases[0]
    labs = {lab.analyte: lab for lab in case.labs}
    assert [lab.analyte for lab in case.labs].count("phosphate") == 1
    assert (labs["phosphate"].value, labs["phosphate"].unit) == (4.8, "mg/dL")
    assert labs["phosphate"].interpretation == "normal"
    assert labs["phosphate"].reference_range == "2.5-5.0"
    assert (labs["creatinine"].value, labs["creatinine"].interpretation) == (1.1, "normal")
    assert (labs["albumin"].unit, labs["albumin"].interpretation) == ("g/dL", "low")


@pytest.mark.parametrize(
    ("sentence", "interpretation"),
    [("Phosphate, mg/dL: 4.8", None), ("Calcium 9.9 8.5-10.2, phosphate 4.8 2.5-5.0.", "normal")],
)
def test_a_unit_before_the_value_or_a_bare_range_after_it_is_read(sentence: str, interpretation: str | None) -> None:
    case = extract(f"A 67-year-old woman had painful ulcers.\n{sentence}", mode="note").cases[0]
    phosphate = next(lab for lab in case.labs if lab.analyte == "phosphate")
    assert phosphate.value == 4.8
    if interpretation is None:
        assert phosphate.unit == "mg/dL"
    else:
        assert phosphate.interpretation == interpretation


def test_control_a_range_followed_by_words_is_no_reference() -> None:
    case = extract("A 67-year-old woman had painful ulcers.\nPhosphate 2.9 1-2 weeks later.", mode="note").cases[0]
    phosphate = next(lab for lab in case.labs if lab.analyte == "phosphate")
    assert phosphate.reference_range is None


# ----------------------------------------------------------- an HTML table of labs: one line per row
# In an HTML report every table cell became a paragraph of its own ("Calcium (mg/dL)" / "9.9" /
# "8.5-10.2"), so no value of the laboratory table was read at all. A row that names a test and gives
# its values is one line, as a PDF prints it; a series table's rows of patient numbers stay cell by cell.
HTML_LABS = (
    "<html><body><h1>Calciphylaxis in a dialysis patient</h1><h2>Case report</h2>"
    "<p>A 67-year-old woman receiving haemodialysis for 9 years presented with extremely painful ulcers with "
    "black eschar on both thighs.</p><table><caption>Table 1. Laboratory values</caption>"
    "<tr><th>Parameter</th><th>Value</th><th>Reference range</th></tr>"
    "<tr><td>Calcium (mg/dL)</td><td>9.9</td><td>8.5-10.2</td></tr>"
    "<tr><td><p>Phosphate (mg/dL)</p></td><td><p>4.8</p></td><td>2.5-5.0</td></tr>"
    "<tr><td>PTH (pg/mL)</td><td>1240</td><td>15-65</td></tr></table>"
    "<p>Skin biopsy showed calcification of small arterioles in the subcutis.</p></body></html>"
)
HTML_SERIES = (
    "<html><body><article><h1>Calcinosis cutis in juvenile dermatomyositis: three children</h1>"
    "<h2>Patients</h2><p>We reviewed three children with juvenile dermatomyositis and calcinosis.</p>"
    "<table><tr><th>Patient</th><th>Age (years)</th><th>Sex</th><th>Sites</th></tr>"
    "<tr><td>1</td><td>8</td><td>F</td><td>Elbows</td></tr><tr><td>2</td><td>11</td><td>M</td><td>Buttocks</td></tr>"
    "</table></article></body></html>"
)


def test_an_html_lab_table_is_read_row_by_row() -> None:
    read = read_bytes(HTML_LABS.encode(), name="case.html", format="html")
    assert "Calcium (mg/dL) 9.9 8.5-10.2" in read.text
    assert "Phosphate (mg/dL) 4.8 2.5-5.0" in read.text
    labs = {lab.analyte: lab for lab in extract(read.text).cases[0].labs}
    assert (labs["calcium"].value, labs["calcium"].unit, labs["calcium"].interpretation) == (9.9, "mg/dL", "normal")
    assert (labs["phosphate"].value, labs["phosphate"].interpretation) == (4.8, "normal")
    assert (labs["pth"].value, labs["pth"].interpretation) == (1240.0, "high")


def test_control_a_series_table_keeps_its_cells_apart() -> None:
    read = read_bytes(HTML_SERIES.encode(), name="series.html", format="html")
    assert "1 8 F" not in read.text
    assert [(c.patient.age_years, c.patient.sex) for c in extract(read.text).cases] == [(8.0, "female"), (11.0, "male")]


# ----------------------------------------------- a biopsy that found no calcium: no treatment of deposits
# Necrotic leg ulcers in a woman with lupus and antiphospholipid syndrome on warfarin, whose biopsy
# showed thrombosed vessels and no calcium on von Kossa: dystrophic, possible (from the lupus), with
# excision, lithotripsy, sodium thiosulfate and colchicine offered for deposits no test had shown.
def test_a_negative_calcium_stain_withholds_treatments_aimed_at_deposits() -> None:
    case, _, certainty = first_assessed(
        "A 44-year-old woman with systemic lupus erythematosus and antiphospholipid syndrome, on warfarin, with "
        "normal renal function, developed painful necrotic ulcers of the legs. Skin biopsy showed thrombosed "
        "dermal vessels with no calcification on von Kossa stain."
    )
    # nothing recorded is like calcification (ulcers) and the biopsy found none: no subtype is made
    # (lesion.calcinosis_evidence v13), so no option for deposits is even weighed; the named
    # antiphospholipid syndrome with the negative stain makes its mimic the likelier reading
    assert (case.assessment.subtype.code, certainty) in (("undetermined", None), ("not_calcinosis", "possible"))
    assert {a.code: a.certainty for a in case.assessment.alternatives}.get("dystrophic") == "possible"
    offered = {t.id for t in case.assessment.treatments}
    assert not offered & {"surgical_excision", "eswl", "intralesional_sts", "colchicine", "iv_sts_dystrophic"}
    assert case.assessment.subtype.code == "not_calcinosis" or "treat_underlying_cause" in offered


def test_a_negative_calcium_stain_withholds_treatments_aimed_at_nodules() -> None:
    # a nodule may be calcinosis the stain missed: dystrophic stays possible and the options for
    # deposits are withheld with the reason
    case, subtype, certainty = first_assessed(
        "A 44-year-old woman with systemic lupus erythematosus and normal renal function has a firm nodule on "
        "the elbow. Skin biopsy showed fibrosis with no calcification on von Kossa stain."
    )
    assert (subtype, certainty) == ("dystrophic", "possible")
    withheld = {t.id: t.withheld_reasons for t in case.assessment.withheld_treatments}
    assert "found no calcium" in withheld["surgical_excision"][0]


def test_control_chalky_discharge_keeps_the_treatments_despite_a_negative_stain() -> None:
    case, code, _ = first_assessed(
        "A 52-year-old woman with limited systemic sclerosis has hard white nodules on the fingertips that "
        "discharge chalky material. Biopsy: von Kossa negative. Calcium and phosphate normal."
    )
    assert code == "dystrophic"
    assert "surgical_excision" in {t.id for t in case.assessment.treatments}


# ------------------------------------------------------- a note's compact age and sex with the disease
# "68M with calciphylaxis of the thighs on HD." stated nothing and was called metastatic, possible (from
# the dialysis); "45F with dystrophic calcinosis cutis, SSc." and "35M with tumoral calcinosis" were
# undetermined. A note's "68M", "45F" or "50 y/o F" introduces the person as "a man" does.
@pytest.mark.parametrize(
    ("note", "subtype", "subform"),
    [
        ("68M with calciphylaxis of the thighs on HD.", "calciphylaxis", None),
        ("45F with dystrophic calcinosis cutis, SSc.", "dystrophic", None),
        ("35M with tumoral calcinosis, phosphate 6.9 mg/dL.", None, "tumoral_calcinosis"),
    ],
)
def test_a_notes_compact_person_with_the_disease_states_it(note: str, subtype: str | None, subform: str | None) -> None:
    case, code, _ = first_assessed(note)
    assert case.stated is not None
    assert (case.stated.subtype, case.stated.subform) == (subtype, subform)
    assert code == (subtype or "metastatic")


def test_control_a_compact_person_with_a_suspected_disease_states_nothing() -> None:
    case, _, _ = first_assessed("68M with suspected calciphylaxis of the thighs on HD.")
    assert case.stated is None


# ------------------------------------------------------------ the setting of a hedge is told as fact
# "Impression: calcinosis cutis, likely dystrophic in setting of CREST. Rule out metastatic calcification
# in the context of CKD 3." made the CREST possible and the CKD hypothetical.
def test_the_setting_of_a_hedge_is_present() -> None:
    case, _, _ = first_assessed(
        "Impression: calcinosis cutis, likely dystrophic in setting of CREST. Rule out metastatic calcification "
        "in the context of CKD 3."
    )
    assertions = {f.concept: f.assertion for f in case.findings}
    assert assertions.get("systemic_sclerosis") == "present"
    assert assertions.get("chronic_kidney_disease") == "present"


def test_control_the_hedged_thing_itself_stays_hedged() -> None:
    case, _, _ = first_assessed("Impression: firm nodules of the fingers; likely CREST. Calcium normal.")
    assert {f.concept: f.assertion for f in case.findings}.get("systemic_sclerosis") == "possible"


@pytest.mark.parametrize(
    "sentence", ["He had never received calcium gluconate.", "He did not receive any calcium infusion."]
)
def test_control_an_infusion_never_received_stays_absent(sentence: str) -> None:
    case, _, _ = first_assessed(f"A 40-year-old man has a calcified nodule on the hand. {sentence}")
    assert exposure_assertions(case).get("iv_calcium") == "absent"


# ---------------------------------------------------------------- peripheral arterial disease as "PAD"
# A consult note's "81 y/o M w/ PAD, DM2, CKD 3b ... painful ulcers on b/l shins w/ black eschar" was
# calciphylaxis, probable, with sodium thiosulfate offered: "PAD" was not read, so the ischaemic-ulcer
# mimic was not there to hold calciphylaxis back until a biopsy decides.
def test_pad_holds_calciphylaxis_back_like_its_full_name() -> None:
    case, _, _ = first_assessed(
        "Consult note. 81 y/o M w/ PAD, DM2, CKD 3b (eGFR 35), new painful ulcers on b/l shins w/ black eschar, "
        "livedo. Not on dialysis. Not on warfarin. Ca 9.1, Phos 4.0 mg/dL. Bx pending."
    )
    calls = {case.assessment.subtype.code: case.assessment.subtype.certainty}
    calls.update({alt.code: alt.certainty for alt in case.assessment.alternatives})
    assert calls.get("calciphylaxis") in (None, "possible"), calls
    assert case.assessment.differential[0].id == "atherosclerotic_or_diabetic_ulcer"


def test_control_a_pad_in_lower_case_is_no_artery_disease() -> None:
    case, code, _ = first_assessed(
        "A 70-year-old man on haemodialysis has painful necrotic plaques on the thighs. A gauze pad was applied."
    )
    assert code == "calciphylaxis"
    assert "atherosclerotic_or_diabetic_ulcer" not in {f.concept for f in case.findings}


# ------------------------------------------------------------ a unit in brackets right after the value
# "Ca 9.4, Phos 4.1 (mg/dL)" left phosphate without a unit (4.1 reads low in mg/dL and high in mmol/L,
# so it was not interpreted), and "PTH 1240 [pg/mL]" lost its unit too.
@pytest.mark.parametrize(
    ("line", "analyte", "unit"),
    [("Ca 9.4, Phos 4.1 (mg/dL).", "phosphate", "mg/dL"), ("PTH 1240 [pg/mL]", "pth", "pg/mL")],
)
def test_a_bracketed_unit_after_the_value_is_its_unit(line: str, analyte: str, unit: str) -> None:
    case = extract(f"A 16-year-old girl with JDM had hard lumps on the elbows.\n{line}", mode="note").cases[0]
    lab = next(lab for lab in case.labs if lab.analyte == analyte)
    assert lab.unit == unit
    assert lab.interpretation is not None


def test_control_a_bracketed_word_after_the_value_is_no_unit() -> None:
    case = extract("A 16-year-old girl had hard lumps.\nPhosphate 4.1 (high)", mode="note").cases[0]
    lab = next(lab for lab in case.labs if lab.analyte == "phosphate")
    assert (lab.unit, lab.interpretation) == (None, "high")
