"""Where an exposure happened, read from the text, and what it does to the iatrogenic call."""

from __future__ import annotations

import pytest

from calcidx.case.model import Case, Finding
from calcidx.extract.rules import load_exposure_site_rules
from calcidx.public import assess, extract

RULES = load_exposure_site_rules()
EXAMPLES = [(rule.id, text, site) for rule in RULES.values() for text, site in rule.examples]
COUNTER_EXAMPLES = [(rule.id, text) for rule in RULES.values() for text in rule.counter_examples]


def _case(text: str) -> Case:
    document = extract(text, mode="note")
    assert document.cases, text
    return document.cases[0]


def _exposures(text: str) -> list[Finding]:
    return [f for f in _case(text).exposures if f.assertion in ("present", "historical")]


@pytest.mark.parametrize(("rule_id", "text", "site"), EXAMPLES)
def test_rule_examples_give_the_site(rule_id: str, text: str, site: str) -> None:
    sites = [f.site for f in _exposures(text)]
    assert site in sites, (rule_id, text, sites)


@pytest.mark.parametrize(("rule_id", "text"), COUNTER_EXAMPLES)
def test_rule_counter_examples_give_no_site(rule_id: str, text: str) -> None:
    exposures = _exposures(text)
    assert exposures, text  # the exposure itself is still read
    assert all(f.site is None for f in exposures), (rule_id, text, [f.site for f in exposures])


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("A newborn had calcium gluconate extravasation at the left wrist on day three.", "left wrist"),
        ("The infant received calcium chloride via a peripheral line in the right foot.", "right foot"),
        ("Intravenous calcium was given into the left forearm for hypocalcaemia.", "left forearm"),
        ("A cannula in the right hand had been used for the calcium infusion.", "right hand"),
        ("He had nadroparin calcium injections. Hard nodules formed at the injection sites on the abdomen.", "abdomen"),
        ("Conductive paste had been applied to the scalp for an EEG.", "scalp"),
        # the line's site in the sentence before, the escape from it in the next
        (
            "Parenteral nutrition containing calcium ran through a peripheral line in the left foot. "
            "On day 6 extravasation was noted.",
            "left foot",
        ),
        ("She had an IV line in the right hand. The calcium chloride leaked into the tissues.", "right hand"),
        # the escape placed at the lesion's site by reference ("at that site", "at the same site")
        (
            "Hard nodules formed on the right ankle of a boy given calcium chloride; extravasation had been "
            "noted at the same site.",
            "right ankle",
        ),
    ],
)
def test_paraphrases_of_an_exposure_site(text: str, site: str) -> None:
    assert site in [f.site for f in _exposures(text)], text


@pytest.mark.parametrize(
    "text",
    [
        # the site belongs to the lesion, not to the infusion
        "Calcium gluconate was infused for tetany, and a week later a firm nodule appeared on the right hand.",
        "A hard plaque on the left ankle followed intravenous calcium given for hypocalcaemia.",
        "She received intravenous calcium in the intensive care unit.",
    ],
)
def test_a_site_not_tied_to_the_exposure_is_not_its_site(text: str) -> None:
    exposures = _exposures(text)
    assert exposures, text
    assert all(f.site is None for f in exposures), [f.site for f in exposures]


def test_a_drug_that_acts_everywhere_gets_no_site() -> None:
    # warfarin is not an at-site exposure in the knowledge: "on the legs" is where the necrosis was
    case = _case("A 60-year-old woman on warfarin on the legs had painful purpura.")
    assert all(f.site is None for f in case.exposures)


def _subtype(text: str) -> tuple[str, str | None]:
    document = assess(text)
    call = document.cases[0].assessment.subtype
    return call.code, call.certainty


def test_exposure_at_the_lesion_site_makes_iatrogenic_confirmed() -> None:
    text = (
        "A 3-week-old girl was treated for neonatal hypocalcaemia. Calcium gluconate was infused "
        "through a cannula in the right hand, and extravasation was noted. Two weeks later a firm "
        "white nodule appeared on the right hand. A radiograph showed soft-tissue calcification in it. "
        "Serum calcium was 9.2 mg/dL and phosphate was 5.9 mg/dL."
    )
    code, certainty = _subtype(text)
    assert (code, certainty) == ("iatrogenic", "confirmed")


def test_exposure_at_the_other_hand_does_not_confirm_iatrogenic() -> None:
    text = (
        "A 3-week-old girl was treated for neonatal hypocalcaemia. Calcium gluconate was infused "
        "through a cannula in the left hand. Two weeks later a firm white nodule appeared on the "
        "right hand. A radiograph showed soft-tissue calcification in it. Serum calcium was 9.2 mg/dL "
        "and phosphate was 5.9 mg/dL."
    )
    code, certainty = _subtype(text)
    assert not (code == "iatrogenic" and certainty in ("confirmed", "probable")), (code, certainty)


@pytest.mark.parametrize(
    ("text", "lesion_sites"),
    [
        ("Hard white papules formed on the back of her right hand.", ["right hand"]),
        (
            "Calcified nodules appeared on the back of the left hand and on the front of the neck.",
            ["left hand", "neck"],
        ),
        ("Firm nodules were present on the back and both shoulders.", ["back", "both shoulders"]),
        ("A nodule on her back had grown for two years.", ["back"]),
    ],
)
def test_the_back_of_a_site_is_that_site(text: str, lesion_sites: list[str]) -> None:
    """'The back of the hand' is the hand (anatomy.yaml site_parts); the back alone stays the back."""
    assert [lesion.site for lesion in _case(text).lesions] == lesion_sites


def test_an_infusion_in_the_back_of_the_hand_is_iatrogenic_at_that_hand() -> None:
    text = (
        "A 72-year-old man was given calcium chloride through a cannula in the back of the left hand during "
        "resuscitation. Three days later the left hand was swollen, with hard white papules at the cannula site; "
        "a radiograph showed calcification. Serum calcium was 9.1 mg/dL."
    )
    case = _case(text)
    assert [lesion.site for lesion in case.lesions] == ["left hand"]
    assert assess(case).cases[0].assessment.subtype.code == "iatrogenic"
