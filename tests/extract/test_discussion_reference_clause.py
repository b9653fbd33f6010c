"""A discussion sentence that states the literature and then names the patient ("Calciphylaxis
presents with painful necrotic ulcers in patients on dialysis; our patient had neither") gives the
patient only its last clause. It had given a woman with dermatomyositis dialysis and necrotic
ulcers, and the call calciphylaxis."""

from __future__ import annotations

from calcidx.public import assess, extract

REPORT = """Calcinosis cutis in dermatomyositis

Case report
A 52-year-old woman with a 7-year history of dermatomyositis presented with hard nodules on her elbows and
thighs that discharged chalky material. Serum calcium was 9.0 mg/dL and phosphate 3.6 mg/dL. Radiographs
showed extensive soft-tissue calcification.

Discussion
Calciphylaxis presents with painful necrotic ulcers in patients on dialysis; our patient had neither.
"""


def test_the_literature_clause_before_our_patient_is_not_the_patients() -> None:
    case = extract(REPORT).cases[0]
    concepts = {f.concept for f in case.findings if f.assertion == "present"}
    assert "dialysis" not in concepts
    assert "necrotic_ulcer" not in concepts
    assessment = assess(case).cases[0].assessment
    assert assessment.subtype.code == "dystrophic"


def test_a_clause_about_the_patient_alone_is_still_read() -> None:
    text = REPORT + "Our patient was also treated with diltiazem for two years.\n"
    case = extract(text).cases[0]
    assert any(t.concept == "diltiazem" or "diltiazem" in (t.name or "").lower() for t in case.treatments)


def test_a_comparison_with_other_reports_gives_the_patient_only_their_clause() -> None:
    text = REPORT.replace(
        "Calciphylaxis presents with painful necrotic ulcers in patients on dialysis; our patient had neither.",
        "Unlike earlier cases of calciphylaxis in patients taking warfarin, our patient had never had an "
        "anticoagulant. Similar to the man of 66 on haemodialysis described by Lee et al., our patient's "
        "nodules were painless.",
    )
    case = extract(text).cases[0]
    concepts = {f.concept for f in [*case.findings, *case.exposures] if f.assertion == "present"}
    assert not concepts & {"warfarin", "dialysis"}
    assert case.patient.age_years == 52


def test_a_case_sentence_comparing_the_patient_with_a_relative_gives_her_only_her_clause() -> None:
    text = (
        "A 39-year-old woman had firm white nodules on both thighs. Unlike her sister, who was on "
        "haemodialysis, she had normal kidney function. In contrast to typical patients taking warfarin, "
        "she had never had an anticoagulant."
    )
    case = extract(text).cases[0]
    concepts = {f.concept for f in [*case.findings, *case.exposures] if f.assertion == "present"}
    assert not concepts & {"dialysis", "warfarin"}
    assert "firm_white_yellow_papules" in concepts


def test_a_discussion_clause_before_our_patient_is_not_hers_even_on_one_line() -> None:
    # no generic-statement pattern reads "presents with ... in dialysis patients", and the text has
    # no line breaks: the discussion's earlier clause is still not the patient's
    text = (
        "Calcinosis cutis in systemic sclerosis Case report A 57-year-old woman with limited cutaneous systemic "
        "sclerosis presented with painful hard nodules on three fingertips that discharged chalky white "
        "material. Radiographs showed calcification of the finger pulps. Serum calcium and phosphate were "
        "normal. Discussion Calciphylaxis presents with necrotic ulcers in dialysis patients; our patient had "
        "neither."
    )
    case = extract(text).cases[0]
    concepts = {f.concept for f in case.findings if f.assertion == "present"}
    assert not concepts & {"dialysis", "necrotic_ulcer"}
    assert assess(case).cases[0].assessment.subtype.code == "dystrophic"
