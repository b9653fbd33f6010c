"""Metamorphic tests: a text changed in ways that keep its meaning keeps its facts.

The reports are the project's own (tests/extract/fixtures). A change of sentence order within the
case, letter case, US/UK spelling, inserted page clutter (banners, cookie notices, reference lists,
figure captions), whitespace collapsed to single spaces, a PDF's short lines with words broken by a
hyphen at the line's end, typographic ligatures, or a web page's soft hyphens must not change the
number of patients, nor any patient's age, sex, associated conditions or subtype.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from calcidx.assess.api import assess
from calcidx.extract.pipeline import extract

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = [*sorted((FIXTURES / "metamorphic").glob("*.txt")), FIXTURES / "single_dystrophic.txt"]

Facts = list[tuple[float | None, str | None, tuple[str, ...], str | None]]


def _facts(text: str) -> Facts:
    document = extract(text)
    assessed = assess(document).cases if document.cases else []
    out: Facts = []
    for case, result in zip(document.cases, assessed, strict=True):
        conditions = tuple(sorted({f.concept for f in case.findings if f.assertion == "present" and f.concept}))
        age = round(case.patient.age_years, 2) if case.patient.age_years is not None else None
        out.append((age, case.patient.sex, conditions, result.assessment.subtype.code))
    return out


def _case_block(text: str) -> tuple[int, int]:
    """Start and end of the case section's body (the paragraph after a case header)."""
    match = re.search(r"^(?:Case presentation|Case report|CASE REPORT:?)\s*\n?(.+?)$", text, re.MULTILINE | re.I)
    assert match is not None
    return match.start(1), match.end(1)


def reorder(text: str) -> str:
    """The case's sentences after the first, in reverse order."""
    if not re.search(r"^(?:Case presentation|Case report)\s*$", text, re.MULTILINE | re.I):
        return text
    start, end = _case_block(text)
    sentences = re.split(r"(?<=[.])\s+(?=[A-Z])", text[start:end])
    return text[:start] + " ".join([sentences[0], *reversed(sentences[1:])]) + text[end:]


def lower(text: str) -> str:
    return text.lower()


def upper(text: str) -> str:
    return text.upper()


_UK = {
    "hemodialysis": "haemodialysis",
    "hypocalcemia": "hypocalcaemia",
    "hypercalcemia": "hypercalcaemia",
    "anemia": "anaemia",
    "edema": "oedema",
    "tumor": "tumour",
    "ionized": "ionised",
    "recognized": "recognised",
    "pediatric": "paediatric",
    "color": "colour",
    "ischemia": "ischaemia",
    "leukemia": "leukaemia",
}


def uk_spelling(text: str) -> str:
    for us, uk in _UK.items():
        text = re.sub(rf"\b{us}\b", uk, text)
        text = re.sub(rf"\b{us.capitalize()}\b", uk.capitalize(), text)
    return text


def us_spelling(text: str) -> str:
    for us, uk in _UK.items():
        text = re.sub(rf"\b{uk}\b", us, text)
        text = re.sub(rf"\b{uk.capitalize()}\b", us.capitalize(), text)
    return text


BANNER = "Skip to main content | Journals | Log in | Register | Cart\nDownload PDF  Share  Cite  Permissions\n"
COOKIES = (
    "We use cookies to improve your experience on our website. By continuing to browse you agree to "
    "our use of cookies. Manage cookie settings | Accept all cookies\n"
)
CAPTION = "Figure 2. Plain radiograph of the affected region showing the deposits (arrow).\n"
REFERENCES = (
    "References\n1. Lee JH, Park KS. Nodules of the skin. Clin Dermatol Rev 2012;4:33-40.\n"
    "2. Okoro AB, Mensah KF. Calcium in soft tissue. Int J Skin Res 2019;11:201-9.\n"
)


def clutter(text: str) -> str:
    """A banner on top, a cookie notice and a caption between paragraphs, a reference list at the end."""
    paragraphs = text.split("\n\n")
    middle = len(paragraphs) // 2
    paragraphs.insert(middle, COOKIES + CAPTION.strip())
    return BANNER + "\n\n".join(paragraphs) + "\n\n" + REFERENCES


def collapse(text: str) -> str:
    """All whitespace collapsed to single spaces (a copy from a web page that lost its layout)."""
    return " ".join(text.split())


def _wrap(line: str, width: int) -> str:
    """``line`` in lines of at most ``width`` characters, as a justified PDF column prints it: a long
    lower-case word that would cross the margin is broken with a hyphen at the line's end."""
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            room = width - len(current) - 2
            if word.isalpha() and word.islower() and len(word) >= 8 and room >= 3:
                cut = min(room, len(word) - 3)
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
                continue
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def pdf_lines(text: str) -> str:
    """Every line longer than 60 characters cut into lines of 60, long words broken with a hyphen at
    a line's end (the other line breaks kept)."""
    return "\n".join(_wrap(line, 60) if len(line) > 60 else line for line in text.split("\n"))


_LONG_WORD = re.compile(r"\b([a-z]{4})([a-z]{4,})\b")


def soft_hyphens(text: str) -> str:
    """A soft hyphen (U+00AD) inside every long lower-case word, as some journal pages print them."""
    return _LONG_WORD.sub("\\1\u00ad\\2", text)


def ligatures(text: str) -> str:
    """ "fi", "fl" and "ff" as the single ligature characters a PDF's text layer may keep."""
    return text.replace("ffi", "\ufb03").replace("fi", "\ufb01").replace("fl", "\ufb02").replace("ff", "\ufb00")


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "ligatures": ligatures,
    "pdf_lines": pdf_lines,
    "soft_hyphens": soft_hyphens,
    "reorder": reorder,
    "lower": lower,
    "upper": upper,
    "uk_spelling": uk_spelling,
    "us_spelling": us_spelling,
    "clutter": clutter,
    "collapse": collapse,
}


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_meaning_preserving_changes_keep_the_facts(report: Path, transform: str) -> None:
    text = report.read_text(encoding="utf-8")
    before = _facts(text)
    assert before, f"{report.name}: no patient read from the unchanged text"
    after = _facts(TRANSFORMS[transform](text))
    assert after == before


def test_the_reorder_transform_really_reorders() -> None:
    text = (FIXTURES / "metamorphic" / "ssc_fingertips.txt").read_text(encoding="utf-8")
    assert reorder(text) != text


@pytest.mark.parametrize(
    "text",
    [
        # a review
        "Calcinosis cutis in dermatomyositis: a review of the literature\nAbstract\nWe reviewed 112 published "
        "cases of calcinosis in juvenile and adult dermatomyositis. Calcinosis was more common in children. "
        "Treatments included bisphosphonates, diltiazem and surgery, with mixed results.",
        # a disease page
        "Calciphylaxis\nOverview\nCalciphylaxis is a disorder of small vessel calcification seen mostly in people on "
        "dialysis. It presents with painful purpura that ulcerates. Risk factors include warfarin, obesity and "
        "diabetes. Treatment combines wound care, sodium thiosulfate and control of phosphate.",
    ],
    ids=["review", "disease_page"],
)
def test_reviews_and_disease_pages_are_not_patients(text: str) -> None:
    assert extract(text).cases == []


def test_the_projects_own_monograph_is_not_a_patient() -> None:
    from calcidx.knowledge.loader import load_bundle
    from calcidx.render.monograph import render_monograph

    text = render_monograph(load_bundle(), fmt="md")
    assert extract(text).cases == []


def test_the_pdf_transform_really_breaks_words() -> None:
    text = (FIXTURES / "metamorphic" / "ssc_fingertips.txt").read_text(encoding="utf-8")
    assert re.search(r"[a-z]-\n[a-z]", pdf_lines(text))
    assert "\u00ad" in soft_hyphens(text)
