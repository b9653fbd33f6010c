"""Labs that propose both calciphylaxis and metastatic calcinosis do not overrule authors who call it calciphylaxis.

Deranged calcium, phosphate and PTH on dialysis fit either. Where the report describes no lesion
finding that tells the two apart, the authors, who saw the lesion, decide: a report of calciphylaxis
had been called metastatic calcinosis, probable, and calciphylaxis, the emergency, dropped.
"""

from __future__ import annotations

from calcidx.public import assess, extract

STATED = (
    "We describe a 63-year-old man with type 2 diabetes and stage 5 chronic kidney disease on "
    "haemodialysis who was admitted with a serum calcium of 11.2 mg/dL, a phosphate of 8.1 mg/dL, a "
    "markedly raised intact PTH and radiographic findings consistent with a diagnosis of calciphylaxis. "
    "He was treated "
    "with intravenous sodium thiosulfate after each dialysis session."
)
UNSTATED = (
    "A 63-year-old man with stage 5 chronic kidney disease on haemodialysis had a serum phosphate of "
    "8.2 mg/dL and a serum calcium of 10.8 mg/dL. Skin biopsy of a calcified deposit on the shoulder "
    "showed calcium in the dermis."
)


def test_the_stated_calciphylaxis_stands_where_no_lesion_finding_decides() -> None:
    assessment = assess(extract(STATED).cases[0]).cases[0].assessment
    assert assessment.subtype.code == "calciphylaxis"
    assert all(not (alt.code == "metastatic" and alt.certainty == "probable") for alt in assessment.alternatives)


def test_without_a_statement_the_labs_still_point_to_metastatic() -> None:
    assessment = assess(extract(UNSTATED).cases[0]).cases[0].assessment
    assert assessment.subtype.code == "metastatic"
