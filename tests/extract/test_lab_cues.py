"""A measured value takes only its own cue; coordinated normal lists; numbered case headers."""

from __future__ import annotations

from calcidx import assess, extract

LIST_WITH_ONE_CUE = (
    "Case report\n\nA 61-year-old man presented with firm papules on the fingers. Serum calcium was "
    "13.2 mg/dL (reference 8.5-10.5), phosphorus 5.1 mg/dL, creatinine 2.1 mg/dL and intact PTH was "
    "suppressed at 8 pg/mL."
)

CUE_OPENS_NEXT_TEST = (
    "Case report\n\nA 14-year-old boy had a mass over the right hip. Serum phosphate was 7.2 mg/dL with "
    "normal calcium (9.5 mg/dL)."
)

TWO_NUMBERED_CASES = """Familial tumoral calcinosis in two siblings

Case 1
A 14-year-old boy presented with a painless mass over the right hip. Serum phosphate was 7.2 mg/dL.

Case 2
His 10-year-old sister had a similar mass at the left elbow. Her serum phosphate was 6.9 mg/dL and calcium was normal.
"""


def _labs(text: str, index: int = 0) -> dict[str, tuple[float | None, str | None]]:
    case = extract(text).cases[index]
    return {lab.analyte: (lab.value, lab.interpretation) for lab in case.labs}


def test_a_cue_for_one_test_does_not_spread_to_measured_values() -> None:
    labs = _labs(LIST_WITH_ONE_CUE)
    assert labs["pth"] == (8.0, "low")  # "suppressed" is PTH's own cue
    doc = assess(LIST_WITH_ONE_CUE)
    interpreted = {lab.analyte: lab.interpretation for lab in doc.cases[0].labs}
    assert interpreted["calcium"] == "high"  # 13.2 against the printed 8.5-10.5
    assert interpreted["phosphate"] == "high"  # 5.1 against the adult knowledge range


def test_a_cue_before_the_next_test_belongs_to_that_test() -> None:
    labs = _labs(CUE_OPENS_NEXT_TEST)
    assert labs["calcium"][1] == "normal"
    assert labs["phosphate"][1] != "normal"


def test_numbered_case_headers_split_patients() -> None:
    doc = extract(TWO_NUMBERED_CASES)
    assert len(doc.cases) == 2
    first, second = doc.cases
    assert (first.patient.age_years, first.patient.sex) == (14, "male")
    assert (second.patient.age_years, second.patient.sex) == (10, "female")
    assert [lab.value for lab in second.labs if lab.analyte == "phosphate"] == [6.9]


def test_mechanism_words_are_not_lab_results() -> None:
    text = (
        "Case report\n\nA 50-year-old woman had a hard plaque where an infusion had leaked. We think that "
        "excess calcium released from damaged cells bound phosphate in the dermis."
    )
    assert "calcium" not in _labs(text)


def test_no_significant_abnormalities_lists_normal_tests() -> None:
    text = (
        "Case report\n\nA 50-year-old woman had a hard plaque on the forearm. Blood tests showed no significant "
        "abnormalities, including serum calcium and phosphate."
    )
    labs = _labs(text)
    assert labs["calcium"] == (None, "normal") and labs["phosphate"] == (None, "normal")


def test_the_calcium_phosphate_product_is_its_own_test() -> None:
    text = (
        "Case report\n\nA 66-year-old man on haemodialysis had nodules on the fingers and a raised serum "
        "calcium-phosphate product."
    )
    labs = _labs(text)
    assert labs.get("ca_x_p_product", (None, None))[1] == "high"
    assert "calcium" not in labs and "phosphate" not in labs


def test_a_drug_or_deposit_named_after_a_test_is_not_that_test() -> None:
    text = (
        "Case report\n\nA 70-year-old woman on dialysis received enoxaparin calcium injections in the abdomen; "
        "raised plaques appeared weeks later. Biopsy showed calcium deposits that elevated our concern."
    )
    assert "calcium" not in _labs(text)


def test_a_finding_that_states_the_result_keeps_the_test() -> None:
    text = "Case report\n\nA 58-year-old man had nodules on the ears and raised serum uric acid."
    assert _labs(text).get("uric_acid", (None, None))[1] == "high"


OTHER_QUANTITY_OF_A_TEST = (
    "Case report\n\nA 52-year-old woman had hard nodules on both elbows. Serum phosphate was 6.4 mg/dL, "
    "with a urinary fractional excretion of phosphate of 4% and normal renal function."
)


def test_a_value_in_a_unit_the_test_is_never_reported_in_is_not_that_test() -> None:
    labs = _labs(OTHER_QUANTITY_OF_A_TEST)
    assert labs["phosphate"][0] == 6.4  # the serum value, not the 4 % excretion fraction
    doc = extract(OTHER_QUANTITY_OF_A_TEST)
    assert all(lab.unit != "%" for lab in doc.cases[0].labs)


def test_an_extracted_document_is_valid_input_to_assess() -> None:
    # what `calcidx extract` writes can be assessed later: every lab passes the Case input checks
    doc = extract(OTHER_QUANTITY_OF_A_TEST)
    assessed = assess(doc)
    assert assessed.cases[0].assessment.subtype.code


def test_a_relatives_age_is_never_the_patients() -> None:
    text = "Case report\n\nA girl presented with hard nodules on both elbows. Her 41-year-old father had gout."
    (case,) = extract(text).cases
    assert case.patient.age_years is None
