"""A calcium x phosphate product reported alone is weighed against the product rule's thresholds,
and a quiz answered by its option's letter states that option.

"Calcium-phosphate product is 82 mg²/dL²" had lost its unit and was never weighed (the product was
only computed from calcium and phosphate), so a dialysis patient with fingertip nodules was
metastatic, possible; "Answer: B." after "A. ... B. Metastatic calcinosis cutis ..." stated nothing.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

OPENING = "A 47-year-old woman on haemodialysis for 9 years has painless hard nodules on the fingertips. "


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Her calcium-phosphate product is 82 mg²/dL².", "mg²/dL²"),
        ("Ca x P product: 78 mg2/dL2.", "mg2/dL2"),
        ("The calcium phosphorus product was 80 mg2/dl2 at the last check.", "mg2/dl2"),
    ],
)
def test_a_reported_high_product_is_weighed(sentence: str, unit: str) -> None:
    case = assess(OPENING + sentence).cases[0]
    assert [(lab.analyte, lab.unit) for lab in case.labs] == [("ca_x_p_product", unit)]
    derived = {d.id: d.interpretation for d in case.assessment.derived_labs}
    assert derived == {"calcium_phosphate_product": "high"}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("metastatic", "probable")


def test_control_a_low_reported_product_does_not_raise_the_call() -> None:
    case = assess(OPENING + "Ca x P product 44 mg2/dL2.").cases[0]
    assert {d.id: d.interpretation for d in case.assessment.derived_labs} == {
        "calcium_phosphate_product": "below threshold"
    }
    assert case.assessment.subtype.certainty == "possible"


@pytest.mark.parametrize(
    ("options", "answer"),
    [
        (
            "Which is the most likely diagnosis? A. Calciphylaxis B. Metastatic calcinosis cutis "
            "C. Gouty tophi D. Dystrophic calcinosis cutis.",
            "Answer: B.",
        ),
        (
            "What is the diagnosis?\n(a) Calciphylaxis\n(b) Gouty tophi\n(c) Metastatic calcinosis cutis",
            "The answer is (c).",
        ),
    ],
)
def test_a_quiz_answered_by_letter_states_the_option(options: str, answer: str) -> None:
    document = extract(OPENING + "\n" + options + "\n" + answer)
    stated = document.cases[0].stated
    assert stated is not None and stated.subtype == "metastatic"


def test_control_a_letter_with_no_option_list_states_nothing() -> None:
    document = extract(OPENING + "\nAnswer: B.")
    assert document.cases[0].stated is None or document.cases[0].stated.subtype is None


def _quiz_examples() -> list[dict[str, str]]:
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("calcidx.extract").joinpath("data/diagnosis.yaml").read_text("utf-8"))
    return list(raw["quiz_option_examples"])


@pytest.mark.parametrize("example", _quiz_examples())
def test_quiz_option_examples(example: dict[str, str]) -> None:
    from calcidx.extract.diagnosis import load_diagnosis_rules

    options = {
        str(m.group("l1") or m.group("l2") or m.group("l3")): m.group("option")
        for m in load_diagnosis_rules().quiz_option.finditer(example["text"])
    }
    assert options[example["letter"]] == example["option"]
