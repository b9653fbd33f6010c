"""Which sentences describe the patient(s), and which patient each sentence is about.

Only the case presentation (and, in the abstract or an untitled page, sentences that refer to the
patient) feeds a case: background and discussion text about *other* patients, reference lists,
figure captions and page chrome do not. Several patients are told apart by "Case 2" / "Patient 2"
headers, phrases such as "another patient", or a new "a/an N-year-old <person>" introduction with
a different age.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from calcidx.extract.demographics import AgeMention
from calcidx.extract.sections import Layout, Sentence

__all__ = ["PatientText", "split_patients"]

_STRONG = re.compile(
    r"\b(?:our patient|our case|the present case|the present patient|this patient|in our case|in this case|"
    r"(?:we|here,? we|herein,? we) (?:report|present|describe|discuss|share)|this is a case of|"
    r"the patient was a|case of an? \d|the case (?:was|is|had|presented))",
    re.IGNORECASE,
)
_MEDIUM = re.compile(r"\b(?:the patient|the patient's|she|he|her|his|him)\b", re.IGNORECASE)
_GENERIC = re.compile(
    r"\[\d+(?:\s*[,–-]\s*\d+)*\]|\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)|\^\{?\d|"
    r"\b(?:is|are)\s+(?:a\s+|an\s+)?(?:rare\s+|uncommon\s+|common\s+|mostly\s+)?(?:characterized|characterised|"
    r"defined|classified|divided|the deposition|known|thought|believed|typically|usually|commonly|generally|"
    r"often|most|more common|an? (?:rare|uncommon) (?:disorder|condition|disease))\b|"
    r"\bcan be (?:classified|divided)\b|\bexamples include\b|\bpatients (?:with|who)\b|\bin patients\b|"
    r"\bit is (?:classified|characterized|thought)\b|\bhas been (?:previously )?reported\b|\bwere reported\b",
    re.IGNORECASE,
)
_EXAM_OPENER = re.compile(
    r"^\W{0,3}(?:on |upon |at |during )?(?:a |the |her |his )?(?:clinical |physical |dermatological |cutaneous |"
    r"local |general |further |additional |laboratory |blood |plain |chest |histological |histopathological |"
    r"pathological )?(?:examination|evaluation|investigations?|work-?up|tests?|findings|radiographs?|"
    r"x-rays?|ct|mri|ultrasound|ultrasonography|histology|histopathology|biopsy|the lesions?|the nodules?|"
    r"the swelling|the mass|serum|laboratory)\b",
    re.IGNORECASE,
)
_CITATION = re.compile(
    r"^(?!(?:Mr|Mrs|Ms|Miss|Dr|Master)\b)[A-Z][\w'-]+\s+[A-Z]{1,3}(?:,|\s+and\b|:)|"
    r"\b(?:19|20)\d{2}\s*;\s*\d+|\bet al\b|\bdoi:|^\d{1,3}\.\s*$|\bpp?\.\s*\d+|\bJ\s+[A-Z][a-z]+\b.*\d{4}",
)
_AFFILIATION = re.compile(
    r"^\W*\d*\s*(?:Department|Dept\.?|Division|Faculty|School|Institute|University|Hospital|Centre|Center|"
    r"Date of|Received|Accepted|Published|Year\s*:|Correspondence|E-?mail)\b",
)
_NEW_PATIENT = re.compile(
    r"^\W{0,3}(?:[A-Za-z,]+\s){0,2}(?:another patient|the second patient|a second patient|the other patient|"
    r"the second case|second case|the third patient|a third patient)\b",
    re.IGNORECASE,
)
_CASE_NUMBER = re.compile(r"^(?:case|patient)\s*(\d{1,2})\b", re.IGNORECASE)


@dataclass
class PatientText:
    """The sentences about one patient, and age mentions found in them."""

    index: int
    sentences: list[Sentence] = field(default_factory=list)
    ages: list[AgeMention] = field(default_factory=list)

    @property
    def age(self) -> float | None:
        """The patient's age at presentation, if stated."""
        for mention in self.ages:
            if mention.years is not None and not mention.onset:
                return mention.years
        return None


def _ages_in(sentence: Sentence, ages: list[AgeMention], starts: list[int]) -> list[AgeMention]:
    lo = bisect_left(starts, sentence.start)
    found = []
    for mention in ages[lo:]:
        if mention.start >= sentence.end:
            break
        found.append(mention)
    return found


def _zone(layout: Layout, ages: list[AgeMention], starts: list[int]) -> list[Sentence]:
    has_case = layout.has("case")
    zone: list[Sentence] = []
    mode = seen = False
    paragraph = -1
    for sentence in layout.sentences:
        category = sentence.category
        if category in ("references", "meta"):
            mode = False
            continue
        if sentence.header:
            if category == "case":
                zone.append(sentence)
            continue
        if sentence.caption or _AFFILIATION.search(sentence.text):
            continue
        text = sentence.text
        if category == "case":
            zone.append(sentence)
            continue
        strong = bool(_STRONG.search(text))
        if category in ("background", "discussion", "conclusion"):
            if strong:
                zone.append(sentence)
            continue
        has_age = any(not a.onset for a in _ages_in(sentence, ages, starts))
        medium = has_age or bool(_MEDIUM.search(text))
        if has_case:
            if (strong or medium) and not _GENERIC.search(text):
                zone.append(sentence)
            continue
        if _CITATION.search(text):
            mode = False
            continue
        generic = bool(_GENERIC.search(text))
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            mode = seen and bool(medium or _EXAM_OPENER.search(text)) and not generic
        if strong or (has_age and not generic):
            mode = seen = True
            zone.append(sentence)
        elif generic:
            mode = False
        elif mode or medium:
            zone.append(sentence)
    return zone


def split_patients(layout: Layout, ages: list[AgeMention]) -> list[PatientText]:
    """The patients of a document and the sentences about each (none for a disease summary).

    Args:
        layout: sentences and sections of the document.
        ages: every age mention in the document, in text order.
    """
    starts = [a.start for a in ages]
    zone = _zone(layout, ages, starts)
    if not any(
        _STRONG.search(s.text)
        or any(not a.onset for a in _ages_in(s, ages, starts))
        or (s.category == "case" and _MEDIUM.search(s.text))
        for s in zone
    ):
        return []
    patients: list[PatientText] = []
    current: PatientText | None = None
    deferred: list[Sentence] = []
    case_first = layout.has("case")

    def switch(index: int | None = None) -> PatientText:
        wanted = index if index is not None else len(patients) + 1
        for patient in patients:
            if patient.index == wanted:
                return patient
        patient = PatientText(wanted)
        patients.append(patient)
        return patient

    for sentence in zone:
        if case_first and sentence.category != "case":
            deferred.append(sentence)
            continue
        number = _CASE_NUMBER.match(sentence.text.strip())
        if number and (sentence.header or len(sentence.text) < 20):
            current = switch(int(number.group(1)))
            continue
        if sentence.header:
            continue
        found = _ages_in(sentence, ages, starts)
        if _NEW_PATIENT.search(sentence.text) and current is not None:
            current = switch()
        else:
            intro = next((a for a in found if a.intro and a.years is not None and not a.onset), None)
            if (
                current is not None
                and intro is not None
                and current.age is not None
                and abs(current.age - (intro.years or 0.0)) > 0.01
                and sentence.category == "case"
            ):
                current = switch()
        if current is None:
            current = switch()
        current.sentences.append(sentence)
        current.ages.extend(a for a in found if a not in current.ages)
    if not patients:
        current = switch()
    for sentence in deferred:
        found = _ages_in(sentence, ages, starts)
        if len(patients) == 1:
            target: PatientText | None = patients[0]
        else:
            target = None
            for mention in found:
                target = next(
                    (
                        p
                        for p in patients
                        if p.age is not None and mention.years is not None and abs(p.age - mention.years) < 0.01
                    ),
                    None,
                )
                if target is not None:
                    break
            if target is None and sentence.category in ("discussion", "conclusion", "background"):
                target = None
        if target is None:
            continue
        target.sentences.append(sentence)
        target.ages.extend(a for a in found if a not in target.ages)
    for patient in patients:
        patient.sentences.sort(key=lambda s: s.start)
        patient.ages.sort(key=lambda a: (a.onset, not a.intro, a.start))
    return [p for p in patients if p.sentences]
