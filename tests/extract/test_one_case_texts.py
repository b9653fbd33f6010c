"""Texts written all in capitals or all in lower case, and measure words that look like abbreviations.

Case says nothing in such a text: the vocabulary's case-bound abbreviations ("CKD", "ESRD") are read
whatever their case, except the few that are ordinary words in lower case; a line in capitals is
no title there; and a measure word after a number is the unit ("5 MM" is not multiple myeloma).
"""

from __future__ import annotations

from calcidx.assess.api import assess
from calcidx.extract.pipeline import extract


def _concepts(text: str) -> set[str]:
    document = extract(text)
    assert document.cases, text
    return {f.concept for f in document.cases[0].findings if f.assertion == "present" and f.concept}


NOTE = (
    "A 71-year-old man on maintenance haemodialysis for end-stage kidney disease had a firm white "
    "nodule of 6 mm on the left thumb and a second one measuring 4 x 3 mm. A three-mm punch biopsy "
    "was taken. ESR 38 mm/hr. Serum calcium 2.4 mmol/L and phosphate 1.2 mmol/L."
)


def test_millimetres_in_capitals_are_no_myeloma() -> None:
    assert "multiple_myeloma" not in _concepts(NOTE.upper())
    assert "multiple_myeloma" not in _concepts(NOTE.lower())
    assert "multiple_myeloma" not in _concepts(NOTE)


def test_the_abbreviation_of_myeloma_is_still_read() -> None:
    text = "A 66-year-old woman with known MM on lenalidomide had firm white nodules on both thighs."
    assert "multiple_myeloma" in _concepts(text)
    assert "multiple_myeloma" in _concepts(text.upper())


def test_case_bound_abbreviations_are_read_in_a_lower_case_note() -> None:
    note = "58f, ckd 4, dm2. painful hard white nodules on fingertips. known lcssc with raynauds."
    found = _concepts(note)
    assert "chronic_kidney_disease" in found
    assert {"end_stage_renal_disease", "dialysis"} <= _concepts("63m on hd for esrd, new chalky nodule on the elbow.")


def test_circa_is_not_calcium_in_a_lower_case_text() -> None:
    document = extract("a 40-year-old woman had a hard nodule of ca. 5 mm on the knee for two years.")
    assert not any(lab.analyte == "calcium" for lab in document.cases[0].labs)


def test_a_sentence_in_a_text_all_in_capitals_is_no_title() -> None:
    text = (
        "DEAR EDITOR,\n\nCALCINOSIS CUTIS IS THE DEPOSITION OF CALCIUM SALTS IN THE SKIN. IT IS DIVIDED INTO "
        "DYSTROPHIC, METASTATIC, IDIOPATHIC, IATROGENIC TYPES AND CALCIPHYLAXIS.\n\n"
        "A 7-MONTH-OLD GIRL HAD A HARD WHITE PAPULE ON THE LEFT EAR SINCE BIRTH. SERUM CALCIUM AND "
        "PHOSPHATE WERE NORMAL."
    )
    result = assess(extract(text)).cases[0].assessment
    assert result.subtype.code != "calciphylaxis"
    assert result.stated is None or result.stated.subtype != "calciphylaxis"


def test_a_lower_case_notes_compact_age_and_sex_are_read() -> None:
    document = extract("58f, ckd 4. hard white nodules on fingertips for two years. known limited ssc.")
    patient = document.cases[0].patient
    assert (patient.age_years, patient.sex) == (58.0, "female")
    # in a text with capitals a lower-case "14f" stays no age ("a 14f catheter" is a size)
    cased = extract("A 3-year-old girl had a 14f catheter in the left arm. Hard nodules formed there.")
    assert cased.cases[0].patient.age_years == 3.0


def test_a_newborn_note_by_day_of_life_is_a_patient() -> None:
    for note in (
        "Neonate day 9, extravasation of calcium gluconate at the right hand cannula site on day 3. Now a firm "
        "white plaque at that site. Calcium normal.",
        "Preterm baby girl, DOL 12: hard white plaque on the left heel where heel pricks were done.",
    ):
        assert extract(note).cases, note


def test_a_lesion_told_with_its_site_between_its_words_is_the_lesion() -> None:
    for note in (
        "62M on HD for ESRD, painful necrotic thigh ulcers. On warfarin.",
        "A 70-year-old woman on dialysis had necrotic left calf ulcers.",
    ):
        assert "necrotic_ulcer" in _concepts(note), note


def test_notes_that_open_on_a_label_or_a_heading_line_are_one_patient() -> None:
    for note in (
        "PMH:\n- ESRD on haemodialysis\n- AF on warfarin\nPresenting complaint: painful ulcer of the left calf.",
        "Nursing note 03:00. Pt 3/7 post cardiac surgery. Left forearm IV site hard and red after calcium chloride.",
        "Dx: calciphylaxis (biopsy-proven). 58F, CKD 3b, no dialysis. Painful indurated plaques on the thighs.",
    ):
        assert extract(note).cases, note
    patient = extract("Dx: calciphylaxis (biopsy-proven). 58F, CKD 3b, no dialysis.").cases[0].patient
    assert (patient.age_years, patient.sex) == (58.0, "female")


def _assertion(text: str, concept: str) -> str | None:
    document = extract(text)
    return next((f.assertion for f in document.cases[0].findings if f.concept == concept), None)


def test_a_notes_differential_is_possible_and_a_negation_in_brackets_stays_in_them() -> None:
    note = "67F on HD, painful retiform purpura of the thigh. A: calciphylaxis. DDx warfarin necrosis, vasculitis."
    assert _assertion(note, "warfarin_necrosis") == "possible"
    assert _assertion(note, "vasculitis") == "possible"  # the whole list, not only its first item
    listed = "The differential diagnosis included cellulitis, vasculitis and warfarin necrosis."
    assert (
        _assertion("A 67-year-old woman on dialysis had painful thigh plaques. " + listed, "vasculitis") == "possible"
    )
    for bracket in (
        "67F on HD with painful purpura (not on warfarin), livedo on both thighs.",
        "67F on HD with painful purpura (no fever) and livedo on both thighs.",
    ):
        assert _assertion(bracket, "livedo") == "present", bracket


def test_a_problem_list_and_a_note_on_an_elderly_lady_are_one_patient() -> None:
    for note in (
        "Problems:\n1. ESRD on HD since 2015\n2. Secondary hyperparathyroidism\n3. Painful indurated abdominal plaques",
        "Elderly lady in her eighties, bedbound, on haemodialysis, painful ulcers on the buttocks.",
    ):
        assert extract(note).cases, note


def test_off_dialysis_is_dialysis_in_the_past_but_off_label_is_no_trigger() -> None:
    note = "Mr T, 55, kidney transplant two years ago, graft working well, off dialysis since. Painful thigh ulcers."
    assert _assertion(note, "dialysis") == "historical"
    assert _assertion("62M on haemodialysis for ESRD, started off-label sodium thiosulfate.", "dialysis") == "present"


def test_a_drug_tried_and_stopped_or_not_tolerated_is_a_stopped_treatment() -> None:
    for sentence in (
        "Tried diltiazem six months ago, stopped because of ankle oedema.",
        "Diltiazem was not tolerated (ankle swelling).",
    ):
        document = extract("49F with limited SSc and calcinosis of the fingers. " + sentence)
        given = {t.concept: t.status for t in document.cases[0].treatments}
        assert given.get("diltiazem") == "stopped", sentence


def test_plain_words_for_necrosis_and_peritoneal_dialysis_in_notes() -> None:
    found = _concepts("PMH: ESRD on PD since 2019. Painful ulcer of the left calf with a black centre.")
    assert {"dialysis", "skin_necrosis"} <= found
    assert "skin_necrosis" in _concepts("Elderly lady on haemodialysis, painful black patches on both buttocks.")
