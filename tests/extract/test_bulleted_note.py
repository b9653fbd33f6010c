"""A bulleted note that opens on "63 y.o. male" is one patient's note.

Written in the project's own words. A note of dash bullets ("- 63 y.o. male", "- hemodialysis since
2015", "- warfarin (mechanical aortic valve)", ...) was read as an article: "y.o." ended a sentence and
"63 y.o. male" was no note form, so every bullet after the first was dropped for naming no patient,
and the calciphylaxis it describes gave no finding at all.
"""

from __future__ import annotations

from calcidx.extract.pipeline import extract
from calcidx.public import assess

NOTE = (
    "- 63 y.o. male\n"
    "- hemodialysis since 2015\n"
    "- warfarin (mechanical aortic valve)\n"
    "- painful black necrotic plaques on abdomen and thighs\n"
    "- skin bx: medial calcification of subcutaneous arterioles + thrombi\n"
)


def test_bulleted_note_is_read_whole() -> None:
    case = extract(NOTE).cases[0]
    assert (case.patient.age_years, case.patient.sex) == (63, "male")
    assert {"dialysis", "mechanical_heart_valve"} <= {f.concept for f in case.findings}
    assert "warfarin" in {e.concept for e in case.exposures}
    assessment = assess(NOTE).cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("calciphylaxis", "confirmed")


def test_control_an_article_paragraph_naming_no_patient_is_still_dropped() -> None:
    text = (
        "A 63-year-old man on haemodialysis had painful black necrotic plaques on the thighs.\n\n"
        "Calciphylaxis in general affects patients with lupus and those taking warfarin."
    )
    case = extract(text).cases[0]
    assert "systemic_lupus_erythematosus" not in {f.concept for f in case.findings}


def test_numbered_list_about_one_patient_is_a_note() -> None:
    """ "1. 45 year old woman / 2. Dermatomyositis ... / 4. Pregnant, 20 weeks": the numbers split off as
    sentences of their own and each line after the first was dropped, so the pregnancy was lost."""
    text = (
        "1. 45 year old woman\n2. Dermatomyositis (anti-NXP2 positive)\n3. Calcinosis of elbows and knees, painful\n"
        "4. Pregnant, 20 weeks\n"
    )
    case = extract(text).cases[0]
    assert case.patient.pregnant is True
    assert "dermatomyositis" in {f.concept for f in case.findings}


def test_control_a_numbered_series_keeps_its_patients() -> None:
    text = (
        "1. A 45-year-old woman with dermatomyositis had calcinosis of the elbows.\n"
        "2. A 60-year-old man on dialysis had painful necrotic ulcers.\n"
        "3. A 3-week-old girl had a plaque after calcium extravasation.\n"
    )
    assert [c.patient.age_years for c in extract(text).cases][:2] == [45, 60]
    assert len(extract(text).cases) == 3
