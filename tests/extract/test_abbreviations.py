"""Abbreviations a text defines (Schwartz & Hearst 2003) and their later uses as concepts."""

from __future__ import annotations

import pytest

from calcidx.extract.abbreviations import best_long_form, find_abbreviations
from calcidx.extract.pipeline import extract


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("He had end-stage renal disease (ESRD) for years.", "ESRD", "end-stage renal disease"),
        ("known calcific uraemic arteriolopathy (CUA) of the legs", "CUA", "calcific uraemic arteriolopathy"),
        ("a child with juvenile dermatomyositis (JDM).", "JDM", "juvenile dermatomyositis"),
        ("limited cutaneous systemic sclerosis (lcSSc) since 2010", "lcSSc", "limited cutaneous systemic sclerosis"),
        ("chronic kidney disease (CKD, stage 4)", "CKD", "chronic kidney disease"),
        ("ESRD (end-stage renal disease) on dialysis", "ESRD", "end-stage renal disease"),
        ("treated with sodium thiosulfate (STS) thrice weekly", "STS", "sodium thiosulfate"),
        ("a subepidermal calcified nodule (SCN) on the eyelid", "SCN", "subepidermal calcified nodule"),
    ],
)
def test_definitions_are_found(text: str, short: str, long: str) -> None:
    found = {a.short: a for a in find_abbreviations(text)}
    assert short in found
    assert found[short].long == long
    assert text[found[short].start : found[short].end] == long


@pytest.mark.parametrize(
    "text",
    ["in 2019 (n=4) patients", "the calcium (2.9 mmol/L) was high", "see the figure (Figure 2)", "a nodule (left)"],
)
def test_parentheses_that_define_nothing(text: str) -> None:
    assert find_abbreviations(text) == []


def test_first_letter_must_start_a_word() -> None:
    # "RD" could be spelled from "end-stage renal disease", but "R" must start a word: "renal disease"
    assert best_long_form("RD", "end-stage renal disease") == "renal disease"
    assert best_long_form("XYZ", "end-stage renal disease") is None


def test_a_defined_abbreviation_is_the_condition_in_the_rest_of_the_text() -> None:
    text = (
        "A 58-year-old man with end-stage kidney disease (EKD) presented with painful nodules. "
        "EKD had been treated with haemodialysis for six years."
    )
    case = extract(text).cases[0]
    evidence = [e.text for f in case.findings if f.concept == "end_stage_renal_disease" for e in f.evidence]
    assert "EKD" in evidence and "end-stage kidney disease" in evidence
