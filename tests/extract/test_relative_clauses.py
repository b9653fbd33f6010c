"""A relative's facts told in an apposition or a "whose" clause are the relative's; the patient's own
predicate after them is hers.

Written in the project's own words.
- "The patient's brother, a 35-year-old on dialysis, had calciphylaxis. The patient herself, a
  32-year-old woman, has limited scleroderma ...": the brother's dialysis was read as hers, and his
  calciphylaxis as the authors' diagnosis for her.
- "A 40-year-old woman whose sister had calciphylaxis on dialysis has painful necrotic ulcers on the
  thighs": her own ulcers were read as her sister's.
"""

from __future__ import annotations

from tests.extract.reading import assertions, first_case


def test_a_fact_inside_the_relatives_apposition_is_the_relatives() -> None:
    case = first_case(
        "The patient's brother, a 35-year-old on dialysis, had calciphylaxis. The patient herself, a 32-year-old "
        "woman, has limited scleroderma with fingertip calcinosis."
    )
    states = assertions(case)
    assert states["dialysis"] == "family"
    assert states["systemic_sclerosis"] == "present"
    assert case.stated is None or case.stated.subtype != "calciphylaxis"


def test_the_patients_predicate_after_a_whose_clause_is_hers() -> None:
    case = first_case(
        "A 40-year-old woman whose sister had calciphylaxis on dialysis has painful necrotic ulcers on the thighs."
    )
    states = assertions(case)
    assert states["dialysis"] == "family"
    assert states["necrotic_ulcer"] == "present"


def test_control_a_coordinated_verb_stays_the_relatives() -> None:
    case = first_case("A 12-year-old girl whose mother had dermatomyositis and had lupus presented with a rash.")
    states = assertions(case)
    assert states["dermatomyositis"] == "family"
    assert states["systemic_lupus_erythematosus"] == "family"


def test_control_a_closed_apposition_keeps_the_relatives_clause() -> None:
    case = first_case(
        "Her father, a 45-year-old man, had chronic kidney disease. She is a 12-year-old girl with nodules."
    )
    assert assertions(case)["chronic_kidney_disease"] == "family"
