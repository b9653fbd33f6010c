"""A text that lost its line breaks (a web page copied as one line) gets its lines back."""

from __future__ import annotations

from pathlib import Path

import pytest

from calcidx.assess.api import assess
from calcidx.extract.pipeline import extract
from calcidx.extract.rules import load_rules
from calcidx.extract.sections import restore_lines

RULES = load_rules().collapsed_text
PAGE = Path(__file__).parent / "fixtures" / "metamorphic" / "web_page_title_only.txt"
FILLER = " " + "x" * RULES.min_chars  # long enough to count as a collapsed text


@pytest.mark.parametrize(("text", "lines"), RULES.examples, ids=lambda v: str(v)[:30])
def test_the_rule_examples_give_their_lines(text: str, lines: tuple[str, ...]) -> None:
    got = restore_lines(text + FILLER, RULES)
    assert len(got) == len(text + FILLER)  # offsets hold
    assert got.removesuffix(FILLER).split("\n") == list(lines)


def test_a_text_with_its_lines_or_in_one_case_or_short_is_left_alone() -> None:
    text = "Case Report A 40-year-old man had hard nodules. Discussion Such nodules are rare." + FILLER
    assert restore_lines(text.replace(". ", ".\n", 1), RULES) == text.replace(". ", ".\n", 1)
    assert restore_lines(text.upper(), RULES) == text.upper()
    assert restore_lines(text[:200], RULES) == text[:200]
    assert "\n" in restore_lines(text, RULES)


def test_prose_headers_and_departments_are_not_cut() -> None:
    text = (
        "She was referred to the Department of Surgery. Discussion with the family followed, and the "
        "case report was written later." + FILLER
    )
    assert restore_lines(text, RULES) == text


def test_the_title_of_a_web_page_copied_as_one_line_still_names_the_diagnosis() -> None:
    text = PAGE.read_text(encoding="utf-8")
    one_line = " ".join(text.split())
    for version in (text, one_line):
        stated = assess(extract(version)).cases[0].assessment.stated
        assert stated is not None and stated.subtype == "dystrophic", version[:80]
