"""A condition told after the sentence's next verb implies no subtype for a stated diagnosis.

Written in the project's own words. "A woman with limited systemic sclerosis and radiographically
confirmed calcinosis of the fingers (calcium and phosphate normal) has CKD stage 4" was read as the
authors' diagnosis of metastatic calcinosis: the diagnosis phrase ran on into "has CKD stage 4", and
the kidney disease implied its subtype. The words a condition, exposure or sub-form is looked for in
now end at such a verb (diagnosis.yaml implied_window_ends: has, had, takes, developed ...);
"calcinosis cutis in a patient with dermatomyositis" still implies dystrophic.
"""

from __future__ import annotations

from calcidx.public import extract

SSC = (
    "A 66-year-old woman with limited systemic sclerosis and radiographically confirmed calcinosis of the fingers "
    "(calcium and phosphate normal) has CKD stage 4 (eGFR 22 mL/min/1.73 m2, not on dialysis)."
)


def test_a_later_predicate_is_no_part_of_the_stated_diagnosis() -> None:
    stated = extract(SSC).cases[0].stated
    assert stated is None or stated.subtype != "metastatic"


def test_control_a_condition_inside_the_phrase_still_implies_its_subtype() -> None:
    text = "A 50-year-old woman had nodules. The biopsy confirmed calcinosis cutis in a patient with dermatomyositis."
    stated = extract(text).cases[0].stated
    assert stated is not None and stated.subtype == "dystrophic"
