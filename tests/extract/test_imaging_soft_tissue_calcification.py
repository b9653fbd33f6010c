"""Imaging that places calcification in the skin, subcutis, soft tissues or a scar shows the deposits.

Written in the project's own words. "X-ray showed calcification within the burn scars", "calcification
of the soft tissues of the thigh" or "calcified foci in the dermis" reported nothing: the imaging
reader took calcification words only at a skin lesion the same sentence named. The lexicon's rule
imaging.calcification_in_soft_tissue reads them (its examples below run through the reader), with the
calcification words' own assertion ("no calcification in the soft tissues" shows no deposits).
"""

from __future__ import annotations

import pytest

from calcidx.extract.rules import load_rules
from calcidx.public import extract

OPEN = "A 45-year-old man had hard plaques. "


def _imaged(text: str) -> set[str]:
    return {c for o in extract(OPEN + text).cases[0].imaging for c in o.concepts}


@pytest.mark.parametrize(
    "text",
    [
        "X-ray showed calcification within the burn scars.",
        "Radiographs demonstrated calcification of the soft tissues of the thigh.",
        "Ultrasound showed hyperechoic calcified foci in the dermis.",
        "CT revealed extensive calcification in the subcutaneous fat of the abdomen.",
    ],
)
def test_calcification_in_the_soft_tissues_shows_deposits(text: str) -> None:
    assert "radiopaque_deposits" in _imaged(text)


def test_the_rule_keeps_its_examples() -> None:
    rule = load_rules().imaging_soft_tissue
    assert rule is not None and rule.examples and rule.counter_examples
    for example in rule.examples:
        assert "radiopaque_deposits" in _imaged(example), example
    for counter in rule.counter_examples:
        assert rule.pattern.search(counter) is None, counter


def test_control_calcification_of_the_aorta_shows_no_skin_deposits() -> None:
    assert "radiopaque_deposits" not in _imaged("CT showed calcification of the aortic wall.")


def test_control_denied_calcification_shows_nothing() -> None:
    assert "radiopaque_deposits" not in _imaged("X-ray showed no calcification in the soft tissues.")


LESION = "A 33-year-old man had firm white papules on the knee. "


@pytest.mark.parametrize(
    "after",
    [
        "Radiographs showed calcification.",
        "There was no evidence of renal failure. X-ray demonstrated multiple punctate calcifications.",
    ],
)
def test_plain_calcification_soon_after_the_lesion_images_it(after: str) -> None:
    """Written in the project's own words: "Firm white papules on the knee. Radiographs showed
    calcification." read no deposits (the imaging sentence named no lesion); plain calcification in an
    imaging sentence that names no site, soon after the lesion's sentence, now images that lesion
    (lexicon imaging.plain_calcification_after_lesion)."""
    case = extract(LESION + after).cases[0]
    assert "radiopaque_deposits" in {c for o in case.imaging for c in o.concepts}


@pytest.mark.parametrize(
    "after",
    [
        "Chest X-ray showed calcification.",
        "CT showed vascular calcification.",
        "X-ray showed no calcification.",
        "He smokes. He drinks. He runs. X-ray showed calcification.",
    ],
)
def test_control_other_calcification_or_far_from_the_lesion(after: str) -> None:
    case = extract(LESION + after).cases[0]
    assert "radiopaque_deposits" not in {c for o in case.imaging for c in o.concepts}


def test_the_plain_rule_keeps_its_examples() -> None:
    rule = load_rules().imaging_plain
    assert rule is not None and rule.examples and rule.counter_examples
    for example in rule.examples:
        assert "radiopaque_deposits" in {c for o in extract(LESION + example).cases[0].imaging for c in o.concepts}
    for counter in rule.counter_examples:
        assert rule.pattern.search(counter) is None, counter


@pytest.mark.parametrize(
    "sentence",
    [
        "Radiographic examination showed calcification of the soft tissues.",
        "Radiological examination showed calcification of the soft tissues.",
        "Imaging showed calcification in the subcutaneous tissue.",
    ],
)
def test_imaging_named_by_its_adjective_is_imaging(sentence: str) -> None:
    """Written in the project's own words: "Radiographic examination showed ..." or "Radiological
    examination ..." made no imaging sentence (lexicon imaging_words took the nouns only), so the
    calcification it placed in the soft tissues was not read."""
    assert "radiopaque_deposits" in _imaged(sentence)
