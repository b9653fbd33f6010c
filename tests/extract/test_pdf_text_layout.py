"""A PDF's text layer read as running text. A word broken with a hyphen at a line's end is read
whole, and so is a word with soft hyphens (U+00AD) or zero-width characters from a web page (a
byte-order mark is dropped too), and a typographic ligature is spelled out ("calci\ufb01cation");
the evidence still points at the original characters. A hyphen that belongs to the text (a capital
or a number after the break, a single letter before it) stays. In a column cut into lines of one
width, a full line that ends no sentence goes on even when the next line starts with a capital
("... Iatrogenic" / "CC occurs"); a numbered entry on the next line, or a text whose lines are
whole paragraphs, is not joined.
"""

from __future__ import annotations

import pytest

from calcidx.extract.sections import logical_lines
from calcidx.extract.textmap import normalise
from calcidx.public import extract


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Biopsy showed calci-\nphylaxis.", "Biopsy showed calciphylaxis."),
        ("on haemo-  \n   dialysis for years", "on haemodialysis for years"),
        ("calciphy\u00adlaxis", "calciphylaxis"),
        ("dermato\u00ad\nmyositis", "dermatomyositis"),
        ("calci\u200bnosis cutis", "calcinosis cutis"),
        ("\ufeffA 45-year-old woman", "A 45-year-old woman"),
        ("hard \u200b nodules", "hard nodules"),
    ],
)
def test_a_broken_word_is_joined(text: str, clean: str) -> None:
    assert normalise(text).clean == clean


@pytest.mark.parametrize("text", ["an X-\nray of the hand", "a 12-\nyear-old girl", "anti-\nRo antibodies"])
def test_a_hyphen_of_the_text_stays(text: str) -> None:
    assert "-" in normalise(text).clean


def test_the_evidence_of_a_joined_word_is_the_original_text() -> None:
    text = (
        "A 61-year-old man on haemo-\ndialysis had painful retiform purpura on the thighs. "
        "A skin biopsy confirmed calci-\nphylaxis."
    )
    case = extract(text).cases[0]
    dialysis = next(f for f in case.findings if f.concept == "dialysis")
    assert [e.text for e in dialysis.evidence] == ["haemo-\ndialysis"]
    assert all(text[e.start : e.end] == e.text for f in case.findings for e in f.evidence)
    assert case.stated_subtype == "calciphylaxis"


_COLUMN = """Calcium deposits in the skin are grouped by their cause into
dystrophic, metastatic, idiopathic and iatrogenic forms, with
calciphylaxis apart. Dystrophic deposits form in damaged tissue while
calcium and phosphate stay normal, and metastatic ones form when
the product of calcium and phosphate is raised. Iatrogenic
CC follows a treatment, such as calcium given into a vein, and the
idiopathic form has no cause that can be found after a full work-up
of the patient. The forms differ in treatment, which is why the
subtype matters to the patient and to the doctor who treats them.
1. A numbered point that starts its own line in the same column.
"""


def _lines(text: str) -> list[str]:
    return [text[start:end] for start, end in logical_lines(text)]


def test_a_full_line_of_a_column_goes_on_past_a_capital() -> None:
    lines = _lines(_COLUMN)
    assert any("Iatrogenic\nCC follows a treatment" in line for line in lines)
    assert lines[-1].startswith("1. A numbered point")


def test_lines_that_are_whole_paragraphs_are_not_joined() -> None:
    web = (
        "Calcinosis cutis of the fingertips in limited systemic sclerosis treated with diltiazem over two years\n"
        "Abstract\n"
        "A 58-year-old woman with limited systemic sclerosis had hard nodules on her fingertips for years.\n"
    )
    assert len(_lines(web)) == 3


def test_a_ligature_is_spelled_out_and_its_evidence_is_the_original() -> None:
    text = (
        "A 58-year-old woman with limited systemic sclerosis had hard nodules on the \ufb01ngertips. "
        "Radiographs showed soft-tissue calci\ufb01cation of the \ufb01ngers; the sta\ufb00 noted no trauma."
    )
    textmap = normalise(text)
    assert "calcification of the fingers; the staff noted" in textmap.clean
    for word in ("calcification", "fingertips", "staff"):
        at = textmap.clean.index(word)
        assert (
            text[textmap.start(at) : textmap.end(at + len(word))].replace("\ufb01", "fi").replace("\ufb00", "ff")
            == word
        )
    case = extract(text).cases[0]
    assert all(text[e.start : e.end] == e.text for f in case.findings for e in f.evidence)
    assert [o.concepts for o in case.imaging] == [["radiopaque_deposits"]]
    assert [(lesion.site, lesion.evidence[0].text) for lesion in case.lesions] == [
        ("fingertips", "\ufb01ngertips"),
        ("fingers", "\ufb01ngers"),
    ]
