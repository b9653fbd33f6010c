from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.extract.pipeline import extract
from calcidx.extract.vocabulary import Vocabulary
from calcidx.public import extract as public_extract


def _status(sentence: str, concept: str, vocab: Vocabulary) -> list[str]:
    document = extract("Case report\n\nA 40-year-old woman was seen. " + sentence, vocabulary=vocab)
    case: Case = document.cases[0]
    return [f.assertion for f in [*case.findings, *case.exposures] if f.concept == concept]


@pytest.mark.parametrize(
    ("sentence", "concept", "expected"),
    [
        ("There was no history of trauma or fever.", "local_trauma", ["absent"]),
        ("There was no history of trauma or fever.", "fever", ["absent"]),
        ("She denied fever.", "fever", ["absent"]),
        ("She was negative for hyperparathyroidism.", "hyperparathyroidism", ["absent"]),
        ("Hyperparathyroidism was ruled out.", "hyperparathyroidism", ["absent"]),
        ("Renal disease was excluded.", "renal_disease", ["absent"]),
        ("Systemic review was unremarkable; she had pain.", "pain", ["present"]),
        ("She had no fever but reported pain.", "pain", ["present"]),
        ("She had no fever but reported pain.", "fever", ["absent"]),
        ("The differential diagnosis included gout.", "gout", ["possible"]),
        ("She was treated for presumed gout.", "gout", ["possible"]),
        ("To rule out hyperparathyroidism, tests were done.", "hyperparathyroidism", ["hypothetical"]),
        ("Her mother had systemic sclerosis.", "systemic_sclerosis", ["family"]),
        ("Her 70-year-old mother had systemic sclerosis.", "systemic_sclerosis", ["family"]),
        ("There was no increase in pain.", "pain", ["present"]),
        ("She had a history of systemic sclerosis.", "systemic_sclerosis", ["present"]),
        ("She had a past history of gout.", "gout", ["historical"]),
        ("The nodules were non-painful and firm.", "pain", ["absent"]),
        ("A non-healing ulcer was painful.", "pain", ["present"]),
        # family only as the clause's subject
        ("She is a mother of two with systemic sclerosis.", "systemic_sclerosis", ["present"]),
        ("Her father, a retired farmer, had chronic kidney disease.", "renal_disease", ["family"]),
        ("Her younger sister had gout.", "gout", ["family"]),
        ("She cared for her mother; she had gout herself.", "gout", ["present"]),
        # terminators and pseudo-triggers
        ("No fever was reported, but pain was severe.", "pain", ["present"]),
        ("Not only pain but also fever was present.", "fever", ["present"]),
        # the authors' speculation on the mechanism is not the patient's history
        ("We speculate that local trauma from the needle started the deposition.", "local_trauma", ["hypothetical"]),
        ("The pathomechanism probably involves trauma to small vessels.", "local_trauma", ["hypothetical"]),
        ("We think she had trauma to the shin before the nodules appeared.", "local_trauma", ["present"]),
        # maximum scope: "likely" reaches a few words, not a whole long clause
        (
            "A likely injection site lay on the arm where nurses had for many weeks given heparin and she had gout.",
            "gout",
            ["present"],
        ),
    ],
)
def test_assertion(sentence: str, concept: str, expected: list[str], vocab: Vocabulary) -> None:
    assert _status(sentence, concept, vocab) == expected


def test_negation_does_not_cross_a_colon(vocab: Vocabulary) -> None:
    text = "Case report\n\nA 50-year-old man. Fever: none. Skin: painful nodules over the elbow."
    case = extract(text, vocabulary=vocab).cases[0]
    assert [f.assertion for f in case.findings if f.concept == "pain"] == ["present"]


def test_negation_after_a_colon_applies(vocab: Vocabulary) -> None:
    text = "Case report\n\nA 50-year-old man was examined. Findings: no further fever."
    case = extract(text, vocabulary=vocab).cases[0]
    finding = next(f for f in case.findings if f.concept == "fever")
    assert finding.assertion == "absent"
    assert finding.trigger is not None and finding.trigger.lower().startswith("no")


def test_is_negative_for_keeps_subject_present(vocab: Vocabulary) -> None:
    text = "Case report\n\nA 50-year-old man with systemic sclerosis is negative for SLE."
    case = extract(text, vocabulary=vocab).cases[0]
    assert [f.assertion for f in case.findings if f.concept == "systemic_sclerosis"] == ["present"]
    assert [f.assertion for f in case.findings if f.concept == "sle"] == ["absent"]


def test_a_mother_of_two_is_the_patient_and_her_father_is_family(vocab: Vocabulary) -> None:
    text = (
        "Case presentation\nA 32-year-old mother of two with systemic sclerosis presented with nodules. "
        "Her father, a 65-year-old man, had chronic kidney disease."
    )
    case = extract(text, vocabulary=vocab).cases
    assert len(case) == 1
    assert case[0].patient.age_years == 32
    assert case[0].patient.sex == "female"
    assert _finding_status(case[0], "systemic_sclerosis") == ["present"]
    assert _finding_status(case[0], "renal_disease") == ["family"]


def _finding_status(case: Case, concept: str) -> list[str]:
    return [f.assertion for f in case.findings if f.concept == concept]


@pytest.mark.parametrize(
    "sentence",
    [
        "The biopsy showed thrombosed vessels; there was no calcification and a von Kossa stain was negative.",
        "Absence of calcification was noted and the alizarin red stain was negative.",
        "No calcium deposits were seen, and von Kossa was negative as well.",
    ],
)
def test_a_trigger_inside_a_mention_belongs_to_it(sentence: str) -> None:
    """ "... stain was negative" is the words of one negative result: it does not negate the other
    negative result beside it (with the shipped vocabulary, where both are one concept)."""
    case = public_extract("Case report\n\nA 70-year-old man was seen. " + sentence).cases[0]
    assert [f.assertion for f in case.findings if f.concept == "calcium_stain_negative"] == ["present"]


def test_a_trigger_inside_a_mention_still_negates_what_the_mention_holds(vocab: Vocabulary) -> None:
    """The ownership rule keeps nested mentions: a trigger inside a longer mention still applies to
    the mentions within it."""
    assert _status("There was no history of trauma.", "local_trauma", vocab) == ["absent"]
