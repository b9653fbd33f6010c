"""Treatments given are read as the therapy reports name, whatever the subtype (``therapies.yaml``)."""

from __future__ import annotations

import pytest

from calcidx.public import extract


def _treatments(text: str) -> list[tuple[str | None, str]]:
    (case,) = extract(text).cases
    return [(t.concept, t.status) for t in case.treatments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A 58-year-old man on haemodialysis had painful necrotic ulcers of both thighs. "
            "He was started on intravenous sodium thiosulphate three times weekly.",
            [("sodium_thiosulfate", "given")],
        ),
        (
            "A 59-year-old man on haemodialysis was already receiving sodium thiosulfate when new "
            "painful plaques appeared on his thighs.",
            [("sodium_thiosulfate", "given")],
        ),
        (
            "A 35-year-old woman with systemic sclerosis had been maintained on alendronate for two years "
            "when calcified nodules appeared on her elbows.",
            [("bisphosphonates", "given")],
        ),
        (
            "A 41-year-old man had hard nodules of the scrotal skin for ten years. "
            "The nodules were surgically excised under local anaesthesia.",
            [("surgical_excision", "given")],
        ),
        (
            "A 12-year-old girl with juvenile dermatomyositis had calcinosis of the elbows. "
            "She received monthly pamidronate infusions.",
            [("bisphosphonates", "given")],
        ),
        (
            "A 66-year-old woman on peritoneal dialysis had retiform purpura of the abdomen. "
            "Calcium carbonate was stopped and sevelamer was started.",
            [("sevelamer", "given")],
        ),
        (
            "A 70-year-old woman on dialysis had a necrotic ulcer of the calf proven to be calciphylaxis. "
            "She will be started on hyperbaric oxygen therapy.",
            [("hyperbaric_oxygen", "planned")],
        ),
        # a therapy told only by its failure ("... was ineffective") was given (written in the project's words)
        (
            "A 45-year-old woman with systemic sclerosis had calcinosis of the elbows. "
            "Diltiazem 240 mg/day for a year was ineffective.",
            [("diltiazem", "given")],
        ),
    ],
)
def test_a_therapy_named_in_a_treatment_sentence_is_read(text: str, expected: list[tuple[str, str]]) -> None:
    assert _treatments(text) == expected


def test_a_therapy_not_given_is_not_a_treatment() -> None:
    text = (
        "A 49-year-old woman with systemic sclerosis had calcinosis of the fingertips. "
        "Surgical excision was not performed, and she was treated with diltiazem."
    )
    assert _treatments(text) == [("diltiazem", "given")]


def test_a_high_dose_phosphate_binder_is_not_a_high_phosphate() -> None:
    text = (
        "A 52-year-old man on haemodialysis had firm periarticular masses of the hips. "
        "He was managed with a high-dose phosphate binder, and the masses shrank."
    )
    (case,) = extract(text).cases
    assert [lab.analyte for lab in case.labs] == []
    assert [t.concept for t in case.treatments] == ["phosphate_binders"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Parathyroidectomy surgery was declined by the patient.",
        "Treatment with sodium thiosulfate was not started because of her acidosis.",
    ],
)
def test_a_therapy_declined_or_withheld_is_not_a_treatment(sentence: str) -> None:
    text = (
        "A 61-year-old woman on haemodialysis had painful livedo of the thighs. "
        f"She was treated with sevelamer. {sentence}"
    )
    assert _treatments(text) == [("sevelamer", "given")]


def test_what_followed_a_treatment_in_its_sentence_is_its_response() -> None:
    text = (
        "A 64-year-old woman on haemodialysis had painful retiform purpura of the thighs. "
        "She was treated with intravenous sodium thiosulphate, and the ulcers healed within two months. "
        "Sevelamer was started."
    )
    (case,) = extract(text).cases
    responses = {t.concept: t.response for t in case.treatments}
    assert responses == {"sodium_thiosulfate": "and the ulcers healed within two months", "sevelamer": None}
