"""Calcium deposition in the walls of small vessels is arteriolar calcification; a symptom word
inside a chain of adjectives makes its own term.

Written in the project's own words. A letter about a woman with Crohn's disease on parenteral
nutrition, normal kidneys, "indurated, extremely painful violaceous plaques" and a deep biopsy with
"calcium deposition in the walls of small subcutaneous vessels with thrombosis" made no subtype
(undetermined, calciphylaxis possible): the histology rule took calcification words but not "calcium
deposition in the walls of ... vessels", and the plaques were only indurated, not painful (the chain
read one term, its leftmost). Both are read now (histology.vessel_calcification; lexicon
lesion_chain_symptom_words), and the call is non-uremic calciphylaxis.
"""

from __future__ import annotations

from calcidx.public import assess, extract

LETTER = (
    "Dear Editor,\n"
    "Calciphylaxis is increasingly recognised in patients without renal disease. A 67-year-old obese woman with "
    "Crohn's disease receiving home parenteral nutrition presented with indurated, extremely painful violaceous "
    "plaques on the abdomen and thighs. Her renal function was normal. A deep incisional biopsy revealed calcium "
    "deposition in the walls of small subcutaneous vessels with thrombosis."
)


def test_calcium_in_the_walls_of_small_vessels_is_arteriolar_calcification() -> None:
    case = extract(LETTER).cases[0]
    assert "vascular_calcification_histology" in {c for o in case.histology for c in o.concepts}
    assert "painful_papules" in {f.concept for f in case.findings}
    assessment = assess(case).cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis"
    assert assessment.subform is not None and assessment.subform.code == "calciphylaxis_nonuremic"


def test_control_calcium_deposits_around_vessels_are_no_vessel_calcification() -> None:
    text = (
        "A 40-year-old man had firm papules on the elbow. "
        "Biopsy showed calcium deposits in the dermis around small vessels."
    )
    case = extract(text).cases[0]
    assert "vascular_calcification_histology" not in {c for o in case.histology for c in o.concepts}
