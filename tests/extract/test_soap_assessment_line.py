"""A SOAP note's "A:" line is the clinician's assessment (a stated diagnosis); a quiz's answer options
("A: ... B: ... C: ...") are not.

"A: Calcinosis cutis, dystrophic, in dcSSc." had given no stated diagnosis.
"""

from __future__ import annotations

from tests.extract.reading import first_case


def test_the_assessment_line_states_the_diagnosis() -> None:
    text = (
        "S: 61 yo woman with hard painful lumps over both elbows for a year. Hx: limited SSc.\n"
        "O: Firm subcutaneous nodules over both olecranons, one ulcerated.\n"
        "A: Calcinosis cutis, dystrophic, in lcSSc.\n"
        "P: Discuss excision of the ulcerated nodule.\n"
    )
    stated = first_case(text).stated
    assert stated is not None and stated.subtype == "dystrophic"


def test_quiz_options_state_nothing() -> None:
    text = (
        "A 60-year-old man on haemodialysis has painful plaques on the thighs. What is the diagnosis? "
        "A: Calciphylaxis B: Gout C: Cellulitis"
    )
    assert first_case(text).stated is None
